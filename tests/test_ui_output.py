"""Export, preview and print from the window; and a whole session that never opens a socket."""

import docx
import pypdf

from tests.ui_support import create, type_chinese
from ui.qt import pdf_modules

S5 = "一是政府信息公开内容还不够全面，部分栏目更新不及时；二是工作人员业务水平有待提高。下一步将加强培训，完善审核发布机制，确保信息及时准确公开。"


def _pdf_printer(path):
    _, _, QtPrintSupport = pdf_modules()
    printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _docx_text(path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        parts.extend(c.text for row in table.rows for c in row.cells)
    return "\n".join(parts)


def test_export_docx_and_pdf_read_back(make_window, answers, tmp_path):
    window = make_window()
    doc = create(window)
    type_chinese(window.pages[window.steps.index("s5")].edit, S5)
    answers.paths = [tmp_path / "年报"]
    out = window.export("docx")
    assert out == tmp_path / "年报.docx"
    text = _docx_text(out)
    assert "甘坊镇人民政府\n2023年政府信息公开工作年度报告" in text  # title in two lines
    assert "加强培训" in text
    answers.paths = [tmp_path / "年报.pdf"]
    out = window.export("pdf")
    pdf_text = "".join(page.extract_text() for page in pypdf.PdfReader(str(out)).pages)
    assert "加强培训" in pdf_text.replace("\n", "")
    assert doc.modified  # exporting is not saving


def test_export_with_errors_asks_first(make_window, answers, tmp_path):
    window = make_window()
    doc = create(window)
    doc.set_cell("s3.new.natural", 3)  # 一+二 ≠ 三（七）+四
    answers.choices = [1]  # 取消
    assert window.export("pdf") is None
    assert "1个错误" in answers.asked[-1]
    assert list(tmp_path.glob("*.pdf")) == []
    answers.choices = [0]
    answers.paths = [tmp_path / "仍导出.pdf"]
    assert window.export("pdf").exists()


def test_locked_target_gets_message_and_another_name(make_window, answers, tmp_path):
    window = make_window()
    create(window)
    blocked = tmp_path / "占用.docx"
    blocked.mkdir()  # cannot be written as a file, like a document Word holds open
    answers.paths = [blocked, tmp_path / "另一个.docx"]
    out = window.export("docx")
    assert out == tmp_path / "另一个.docx" and out.exists()
    assert answers.warnings and "导出DOCX失败" in answers.warnings[0]
    assert "另选文件名" in answers.warnings[0]


def test_missing_glyphs_are_shown_before_export(make_window, answers, tmp_path):
    window = make_window()
    doc = create(window)
    doc.set_text("s6", "本年度未收取信息处理费。\U000f0001")  # a private-use character no font draws
    answers.choices = [1]
    assert window.export("docx") is None
    assert "U+F0001" in answers.asked[-1]


def test_preview_shows_the_pdf_pages(make_window, answers, qtbot):
    window = make_window()
    create(window)
    dialog = window.preview()
    assert dialog is not None and dialog.isVisible()
    assert dialog.page_count() >= 2
    _, QtPdfWidgets, _ = pdf_modules()
    assert dialog.view.pageMode() == QtPdfWidgets.QPdfView.PageMode.MultiPage
    assert dialog.view.zoomMode() == QtPdfWidgets.QPdfView.ZoomMode.FitToWidth
    dialog.zoom_button.click()
    assert dialog.view.zoomMode() == QtPdfWidgets.QPdfView.ZoomMode.FitInView
    dialog.close()


def test_print_to_a_pdf_printer(make_window, answers, tmp_path):
    window = make_window()
    create(window)
    target = tmp_path / "打印.pdf"
    answers.printers = [_pdf_printer(target)]
    assert window.print_report()
    reader = pypdf.PdfReader(str(target))
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    assert target.stat().st_size > 50_000  # rendered page images, not empty pages


def test_a_whole_session_never_opens_a_socket(make_window, answers, tmp_path, no_network):
    window = make_window()
    doc = create(window)
    type_chinese(window.pages[window.steps.index("s5")].edit, S5)
    doc.set_cell("s3.new.natural", 1)
    window.undo_action.trigger()
    answers.paths = [tmp_path / "草稿", tmp_path / "a.docx", tmp_path / "a.pdf"]
    assert window.save()
    assert window.export("docx") and window.export("pdf")
    dialog = window.preview()
    dialog.close()
    answers.printers = [_pdf_printer(tmp_path / "p.pdf")]
    assert window.print_report()
    assert window.open_draft(tmp_path / "草稿.nianbao")


def test_print_button_in_the_preview(make_window, answers, tmp_path):
    window = make_window()
    create(window)
    dialog = window.preview()
    target = tmp_path / "预览打印.pdf"
    answers.printers = [_pdf_printer(target)]
    dialog.print_button.click()
    assert len(pypdf.PdfReader(str(target)).pages) == dialog.page_count()
    temp = dialog.pdf_path
    assert temp.exists()
    dialog.close_button.click()
    assert not temp.parent.exists()  # the preview's temporary PDF is removed


def test_cancelled_print_dialog_prints_nothing(make_window, answers, tmp_path):
    window = make_window()
    create(window)
    answers.printers = [None]
    assert not window.print_report()
    assert list(tmp_path.glob("*.pdf")) == []

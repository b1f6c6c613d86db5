"""A whole report through the real widgets: start page, text, numbers in the official tables
(the flag appears and clears), undo, save, reopen, export both files, print — offline."""

import unicodedata

import docx
import pypdf

from app.draft import load_draft
from tests.ui_support import create, type_chinese
from ui.qt import Qt, pdf_modules

S5 = "一是政府信息公开内容还不够全面，部分栏目更新不及时；二是工作人员业务水平有待提高。下一步将加强培训，完善审核发布机制，确保信息及时准确公开。上年度问题已整改。"
S6 = "本年度未收取信息处理费。无其他需要报告的事项。"


def _type_in_cell(qtbot, window, key: str, text: str, chinese: bool = False) -> None:
    page = window.current_page()
    assert page.focus_cell(key)
    view = page.tables.view
    if chinese:
        type_chinese(view, text)  # a full-width digit from the IME opens the editor with it
    else:
        qtbot.keyClicks(view, text)
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None, "typing should open the cell editor"
    assert editor.text() == unicodedata.normalize("NFKC", text)  # full-width digits become ASCII as typed
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _step_text(window, key: str) -> str:
    return window.step_list.item(window.steps.index(key)).text()


def test_a_whole_report(make_window, answers, qtbot, tmp_path, no_network):

    window = make_window()
    window.activateWindow()
    doc = create(window)
    window.page(0).has_date.setChecked(True)
    assert doc.report.meta.report_date is not None

    window.go_to_step(window.steps.index("s1"))
    for editor in window.current_page().editors:
        type_chinese(editor.body, f"本年度{editor.title.text()}良好。")
    assert all(s.body for s in doc.report.s1)

    # numbers: an application received but not answered is an imbalance, flagged at once
    window.go_to_step(window.steps.index("s3"))
    _type_in_cell(qtbot, window, "s3.new.natural", "3")
    assert doc.report.value("s3.new.natural") == 3
    assert "s3.new.natural" in doc.cell_findings
    assert "1个错误" in _step_text(window, "s3")
    panel = window.findings_panel.list
    assert any("第三部分" in panel.item(i).text() for i in range(panel.count()))

    # the clerk answers them (full-width digit from the IME): the flag clears
    _type_in_cell(qtbot, window, "s3.open.natural", "３", chinese=True)
    assert doc.report.value("s3.open.natural") == 3
    assert "s3.new.natural" not in doc.cell_findings
    assert "错误" not in _step_text(window, "s3")

    window.undo_action.trigger()
    assert doc.report.value("s3.open.natural") == 0 and "s3.new.natural" in doc.cell_findings
    # clicking the finding goes to the cell
    row = next(i for i in range(panel.count()) if "第三部分" in panel.item(i).text())
    window.go_to_step(0)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(panel.item(row)).center())
    page = window.current_page()
    assert page.key == "s3"
    assert page.tables.model.key(page.tables.view.currentIndex()) in doc.cell_findings
    window.redo_action.trigger()
    assert "s3.new.natural" not in doc.cell_findings

    type_chinese(window.page(window.steps.index("s5")).edit, S5)
    type_chinese(window.page(window.steps.index("s6")).edit, S6)
    assert not [f for f in doc.findings if f.severity == "error"]

    # save, reopen
    answers.paths = [tmp_path / "甘坊镇2023"]
    window.save_action.trigger()
    path = tmp_path / "甘坊镇2023.nianbao"
    saved = load_draft(path)
    assert saved.values() == doc.report.values() and saved.s5 == S5
    other = make_window()
    assert other.open_draft(path)
    assert other.document.report.values()["s3.open.natural"] == 3
    other.go_to_step(other.steps.index("s3"))
    model = other.current_page().tables.model
    assert model.data(model.index_for_key("s3.open.natural"), Qt.ItemDataRole.DisplayRole) == "3"

    # export both files and print
    answers.paths = [tmp_path / "年报.docx", tmp_path / "年报.pdf"]
    docx_path = other.export("docx")
    pdf_path = other.export("pdf")
    text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert S6 in text
    pdf_text = "".join(p.extract_text() for p in pypdf.PdfReader(str(pdf_path)).pages).replace("\n", "")
    assert "本年度未收取信息处理费" in pdf_text
    _, _, QtPrintSupport = pdf_modules()
    printer = QtPrintSupport.QPrinter()
    printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "打印.pdf"
    printer.setOutputFileName(str(printed))
    answers.printers = [printer]
    assert other.print_report()
    assert len(pypdf.PdfReader(str(printed)).pages) == len(pypdf.PdfReader(str(pdf_path)).pages)

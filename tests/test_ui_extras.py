"""导入往年报告, 新建（以上年草稿为基础）, 设置上年草稿, sentences from the tables, 复制为网页 — driven like a clerk."""

from pathlib import Path

import pytest

from app.draft import save_draft
from app.export.html import PASTE_ADVICE
from app.report import new_report
from tests.conftest import SAMPLES
from tests.ui_support import create, type_chinese
from ui.importing import ImportReportDialog, ImportSourceDialog
from ui.qt import QApplication, QDialogButtonBox, Qt

SAMPLE = next(SAMPLES.glob("001_*.txt"), None)


@pytest.fixture
def import_dialogs(monkeypatch):
    """Stand-ins for exec() of the two import dialogs: the real dialogs are built and their
    real buttons clicked; `plan` says which (source: "file" or pasted text; report: open or cancel)."""
    seen = {"reports": []}
    plan = {"source": "file", "open": True}

    def source_exec(dialog):
        if plan["source"] == "file":
            dialog.file_button.click()
            return dialog.result()
        if plan["source"] == "clipboard":
            dialog.edit.paste()
            seen["sources"] = dialog.sources()
        else:
            dialog.edit.setPlainText(plan["source"])
        dialog.paste_button.click()
        return dialog.result()

    def report_exec(dialog):
        seen["reports"].append(dialog.text.toPlainText())
        button = {True: dialog.open_button, False: dialog.cancel_button, "next": dialog.next_year_button}[plan["open"]]
        button.click()
        return dialog.result()

    monkeypatch.setattr(ImportSourceDialog, "exec", source_exec)
    monkeypatch.setattr(ImportReportDialog, "exec", report_exec)
    seen["plan"] = plan
    return seen


def _findings_text(window) -> str:
    panel = window.findings_panel.list
    return "\n".join(panel.item(i).text() for i in range(panel.count()))


def test_import_sample_file_from_start_page(make_window, answers, import_dialogs):
    assert SAMPLE is not None, f"sample 001 missing in {SAMPLES}"
    window = make_window()
    answers.paths = [SAMPLE]
    window.start_page.import_button.click()
    doc = window.document
    assert window.screens.currentWidget() is window.editor
    assert doc.report.meta.organ == "轵城镇人民政府" and doc.report.meta.year == 2023
    assert doc.report.value("s2.punishment.decisions") == 74
    assert doc.path is None and window.isWindowModified()
    [shown] = import_dialogs["reports"]
    assert "原报告与格式不一致之处" in shown and "缺少行标签“（三）不予公开”" in shown
    assert "未能导入" in shown and "第63行" in shown
    assert "已导入" in window.statusBar().currentMessage()


def test_import_pasted_text_cancel_then_open(make_window, answers, import_dialogs):
    window = make_window()
    doc = create(window)
    doc.set_cell("s3.new.natural", 9)
    import_dialogs["plan"].update(source=SAMPLE.read_text(encoding="utf-8"), open=False)
    window.import_action.trigger()
    assert doc.report.value("s3.new.natural") == 9 and doc.report.meta.organ == "甘坊镇人民政府"
    import_dialogs["plan"]["open"] = True
    answers.choices = [1]  # 不保存 the report that was open
    window.import_action.trigger()
    assert doc.report.meta.organ == "轵城镇人民政府"
    assert doc.report.value("s2.punishment.decisions") == 74
    assert len(import_dialogs["reports"]) == 2 and "保存修改" in answers.asked[0]


def test_imported_report_as_base_for_the_next_year(make_window, answers, import_dialogs):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    lines[row] = "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2"  # as if two applications were still open
    window = make_window()
    import_dialogs["plan"].update(source="\n".join(lines), open="next")
    window.import_action.trigger()
    doc = window.document
    assert doc.report.meta.year == 2024 and doc.report.meta.organ == "轵城镇人民政府"
    assert doc.previous is not None and doc.previous.value("s2.punishment.decisions") == 74
    assert doc.report.value("s2.punishment.decisions") == 0
    assert doc.report.value("s3.carried_in.natural") == 2
    assert not any(f.rule == "s3.carry-over" for f in doc.findings)
    doc.set_cell("s3.carried_in.natural", 0)
    assert any(f.rule == "s3.carry-over" for f in doc.findings)
    assert doc.path is None and window.isWindowModified()


def test_text_that_is_not_a_report_changes_nothing(make_window, answers, import_dialogs):
    window = make_window()
    doc = create(window)
    doc.set_cell("s3.new.natural", 2)
    report = doc.report
    import_dialogs["plan"]["source"] = "今天天气很好，我们去公园散步，看见很多人在跳舞。"
    window.import_action.trigger()
    assert answers.warnings and "这不是政府信息公开工作年度报告" in answers.warnings[0]
    assert "当前报告没有任何改动" in answers.warnings[0]
    assert import_dialogs["reports"] == []
    assert doc.report is report and doc.report.value("s3.new.natural") == 2


def test_import_refuses_a_damaged_pdf_and_empty_paste(make_window, answers, import_dialogs, tmp_path):
    window = make_window()
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"%PDF-1.4\n...")
    answers.paths = [pdf]
    window.import_action.trigger()
    assert "无法读取PDF文件“报告.pdf”" in answers.warnings[0] and not window.has_report
    dialog = ImportSourceDialog(window)
    dialog.paste_button.click()  # nothing pasted: the dialog stays open with a message
    assert dialog.result() == 0 and "请先粘贴" in dialog.message.text()


def _last_year(tmp_path, carried_out=2):
    last = new_report("甘坊镇人民政府", 2022)
    last.set_value("s3.new.natural", 3)
    last.set_value("s3.open.natural", 3 - carried_out)
    last.set_value("s3.carried_out.natural", carried_out)
    path = tmp_path / "甘坊镇2022.nianbao"
    save_draft(last, path)
    return path


def test_new_from_last_year_via_menu_checks_carry_over_live(make_window, answers, tmp_path):
    window = make_window()
    assert not window.copy_html_action.isEnabled() and window.new_from_previous_action.isEnabled()
    answers.paths = [_last_year(tmp_path)]
    window.new_from_previous_action.trigger()
    doc = window.document
    assert doc.report.meta.year == 2023 and doc.report.meta.organ == "甘坊镇人民政府"
    assert doc.report.value("s3.carried_in.natural") == 2
    assert doc.previous is not None and doc.path is None and window.isWindowModified()
    assert not any(f.rule == "s3.carry-over" for f in doc.findings)
    doc.set_cell("s3.carried_in.natural", 5)
    assert any(f.rule == "s3.carry-over" for f in doc.findings)
    assert "上年报告“四、结转下年度继续办理”为2" in _findings_text(window)


def test_attach_last_years_draft_to_open_report(make_window, answers, tmp_path):
    window = make_window()
    doc = create(window)
    doc.set_cell("s3.carried_in.natural", 1)
    assert window.attach_previous_action.isEnabled()
    answers.paths = [_last_year(tmp_path, carried_out=2)]
    window.attach_previous_action.trigger()
    assert doc.previous is not None and doc.previous.meta.year == 2022
    assert "相差1" in _findings_text(window)
    # a draft of the wrong year is used only when the clerk says so
    other = new_report("甘坊镇人民政府", 2020)
    path = tmp_path / "2020.nianbao"
    save_draft(other, path)
    answers.paths, answers.choices = [path], [1]
    window.attach_previous_action.trigger()
    assert doc.previous.meta.year == 2022 and "2020年度" in answers.asked[-1]
    assert window.last_year.status_label.text() == "核对用上年草稿：2022年度"
    # another report opened: last year's draft of this one no longer applies
    answers.choices = [1]  # 不保存
    answers.paths = [path]
    window.open_action.trigger()
    assert doc.report.meta.year == 2020 and doc.previous is None
    assert not any(f.rule.startswith("s3.carry-over") for f in doc.findings)
    assert window.last_year.status_label.isHidden()


def _editor(window, title_part):
    window.go_to_step(window.steps.index("s1"))
    page = window.current_page()
    return next(e for e in page.editors if title_part in e.title.text())


def test_generated_sentence_inserted_and_updated_in_place(make_window, answers):
    window = make_window()
    doc = create(window)
    doc.set_cells({"s3.new.natural": 4, "s3.open.natural": 3, "s3.carried_out.natural": 1})
    editor = _editor(window, "依申请公开")
    tool = editor.generated_tool
    type_chinese(editor.body, "我镇认真办理申请。")
    tool.insert_actions["applications"].trigger()
    sentence = "2023年，本机关收到政府信息公开申请4件；本年度办结3件（予以公开3件），结转下年度继续办理1件。"
    assert editor.body.toPlainText() == "我镇认真办理申请。" + sentence
    assert doc.report.s1[1].body.endswith(sentence)
    assert tool.offer.isHidden()
    doc.set_cells({"s3.new.natural": 5, "s3.open.natural": 4})
    assert tool.offer.isVisible() and "需要更新" in tool.offer_label.text()
    tool.update_button.click()
    fresh = "2023年，本机关收到政府信息公开申请5件；本年度办结4件（予以公开4件），结转下年度继续办理1件。"
    assert editor.body.toPlainText() == "我镇认真办理申请。" + fresh
    assert doc.report.s1[1].body == "我镇认真办理申请。" + fresh
    assert tool.offer.isHidden()
    window.go_to_step(0)  # the year changed on 基本信息 makes the sentence stale too
    window.current_page().year.setValue(2024)
    assert tool.offer.isVisibleTo(editor)
    tool.update_button.click()
    assert doc.report.s1[1].body == "我镇认真办理申请。" + fresh.replace("2023年", "2024年")
    window.undo_action.trigger()  # the update is one step of the report's history
    assert doc.report.s1[1].body == "我镇认真办理申请。" + fresh
    assert editor.body.toPlainText() == "我镇认真办理申请。" + fresh
    # 主动公开 has one kind: a plain button; areas the tables do not describe have none
    active = _editor(window, "主动公开")
    active.generated_tool.insert_button.click()
    assert "未制发规章" in doc.report.s1[0].body
    assert getattr(_editor(window, "监督保障"), "generated_tool", None) is None


def test_stale_sentence_in_a_reopened_draft_is_offered_for_update(make_window, answers, tmp_path):
    report = new_report("甘坊镇人民政府", 2023)
    report.s1[1].body = "2023年，本机关未收到政府信息公开申请。我镇依法办理。"
    report.set_value("s3.new.natural", 2)
    report.set_value("s3.open.natural", 2)
    path = tmp_path / "2023.nianbao"
    save_draft(report, path)
    window = make_window(path=path)
    tool = _editor(window, "依申请公开").generated_tool
    assert tool.offer.isVisible()
    tool.update_button.click()
    assert window.document.report.s1[1].body.startswith("2023年，本机关收到政府信息公开申请2件；")
    assert window.document.report.s1[1].body.endswith("我镇依法办理。")


def test_copy_as_web_page_puts_html_tables_on_clipboard(make_window, answers):
    window = make_window()
    doc = create(window)
    doc.set_cell("s3.new.natural", 3)
    QApplication.clipboard().clear()
    window.copy_html_action.trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    html = mime.html()
    assert "<table" in html and "rowspan" in html and "甘坊镇人民政府" in html
    assert "甘坊镇人民政府" in mime.text() and "<table" not in mime.text()
    assert "\t3\t0\t0\t0\t0\t0\t3\n" in mime.text()  # the row's numbers tab-separated, never run together
    assert "已复制为网页" in window.statusBar().currentMessage()
    assert PASTE_ADVICE in window.statusBar().currentMessage()  # what to check after pasting


S5_LAST = (
    "一是政府信息公开内容还不够全面，部分栏目更新不及时。二是工作人员业务水平有待提高，对条例的理解还不够深入。"
    "下一步将加强业务培训，完善审核发布机制，确保信息及时准确公开。"
)


def test_clicking_the_copied_text_warning_highlights_repeated_sentences(make_window, answers, tmp_path, qtbot):
    last = new_report("甘坊镇人民政府", 2022)
    last.s5 = S5_LAST
    path = tmp_path / "2022.nianbao"
    save_draft(last, path)
    window = make_window()
    doc = create(window)
    edit = window.pages[window.steps.index("s5")].edit
    type_chinese(edit, S5_LAST)
    answers.paths = [path]
    window.attach_previous_action.trigger()
    panel = window.findings_panel.list
    row = next(i for i in range(panel.count()) if "与上年报告相同" in panel.item(i).text())
    item = panel.item(row)
    panel.scrollToItem(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center())
    assert window.current_page().key == "s5"
    marked = [s.cursor.selectedText() for s in edit.extraSelections()]
    assert marked == [
        "一是政府信息公开内容还不够全面，部分栏目更新不及时。",
        "二是工作人员业务水平有待提高，对条例的理解还不够深入。",
        "下一步将加强业务培训，完善审核发布机制，确保信息及时准确公开。",
    ]
    edit.selectAll()
    type_chinese(edit, "今年我们重点加强了政务公开专栏建设，全年更新信息三百余条，群众满意度明显提升。")
    assert not any(f.rule == "text.repeated" for f in doc.findings)
    assert edit.extraSelections() == []


def test_copy_as_web_page_then_paste_into_import_keeps_the_tables(make_window, answers, import_dialogs):
    window = make_window()
    doc = create(window)
    cells = {"s3.new.natural": 4, "s3.open.natural": 3, "s3.carried_out.natural": 1, "s4.review.upheld": 2}
    doc.set_cells(cells)
    window.copy_html_action.trigger()
    answers.choices = [1]  # 不保存: the report copied stays unsaved
    import_dialogs["plan"]["source"] = "clipboard"
    window.import_action.trigger()
    html, text = import_dialogs["sources"]
    assert "<table" in html and "<table" not in text  # the page's HTML, not only its text, was imported
    assert {k: v for k, v in doc.report.cells.items() if v} == cells
    assert doc.report.meta.organ == "甘坊镇人民政府" and doc.path is None


def test_import_of_a_report_without_a_year_asks_for_it(make_window, answers, import_dialogs, monkeypatch):
    from pathlib import Path

    from ui.importing import YearDialog

    asked = []

    def year_exec(dialog):
        asked.append((dialog.year.value(), dialog.year.minimum()))
        dialog.year.setValue(2021)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(YearDialog, "exec", year_exec)
    window = make_window()
    answers.paths = [Path(__file__).parent / "corpus" / "text" / "no_year.md"]
    window.start_page.import_button.click()
    assert len(asked) == 1 and asked[0][1] == 2000
    assert window.document.report.meta.year == 2021 and window.document.report.meta.organ == "轵城镇人民政府"
    [shown] = import_dialogs["reports"]
    assert "报告年度：2021年（按指定）" in shown


def test_import_without_a_year_cancelled_opens_nothing(make_window, answers, import_dialogs, monkeypatch):
    from pathlib import Path

    from ui.importing import YearDialog

    monkeypatch.setattr(YearDialog, "exec", lambda dialog: dialog.reject() or dialog.result())
    window = make_window()
    answers.paths = [Path(__file__).parent / "corpus" / "text" / "no_year.md"]
    window.start_page.import_button.click()
    assert import_dialogs["reports"] == [] and not window.has_report


def test_a_pdf_report_imports_from_the_file_dialog_and_by_dropping_it(make_window, answers, import_dialogs, qtbot):
    from app.draft import load_draft
    from ui.importing import IMPORT_FILTER
    from ui.qt import QtCore, QtGui

    corpus = Path(__file__).parent / "corpus" / "pdf"
    pdf, source = corpus / "000-lo.pdf", load_draft(corpus / "000.nianbao")
    assert "*.pdf" in IMPORT_FILTER
    window = make_window()
    answers.paths = [pdf]
    window.import_action.trigger()
    assert window.document.report.cells == source.cells and window.document.report.meta.organ == "甘坊镇人民政府"
    [shown] = import_dialogs["reports"]
    assert "166个数字已放入对应单元格" in shown and "未能导入" not in shown

    dropped = make_window()
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(pdf))])
    pos = QtCore.QPointF(200, 200)
    args = (pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QtGui.QDragEnterEvent(*args)
    dropped.dragEnterEvent(enter)
    assert enter.isAccepted()
    dropped.dropEvent(QtGui.QDropEvent(*args))
    qtbot.waitUntil(lambda: dropped.has_report and dropped.document.report.cells == source.cells, timeout=5000)
    assert len(import_dialogs["reports"]) == 2 and dropped.document.path is None

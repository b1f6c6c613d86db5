"""Issue 13's screen points, driven like a clerk: the date, the frozen grid, the findings
panel, the toolbar, busy feedback, file dialogs, help, the lead paragraph."""

import dataclasses
import datetime as dt

from app.report import default_report_date
from tests.ui_support import create
from ui.qt import QPoint, Qt


def _click_year_and_type(qtbot, date_edit, digits: str) -> None:
    """Click into the year part of the shown date (its first characters) and type."""
    line = date_edit.lineEdit()
    x = line.cursorRect().width() + line.fontMetrics().horizontalAdvance("20")  # inside "2026"
    qtbot.mouseClick(
        line,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(x, line.height() // 2),
    )
    qtbot.wait(1)
    qtbot.keyClicks(date_edit, digits)


def test_typing_the_year_over_the_clicked_year_part(make_window, qtbot):
    window = make_window()
    doc = create(window, year=2023)
    page = window.pages[0]
    page.has_date.setChecked(True)
    page.date.set_date(dt.date(2026, 3, 5))
    page.date.dateChanged.emit(page.date.date())
    _click_year_and_type(qtbot, page.date, "2024")
    assert page.date.value() == dt.date(2024, 3, 5)
    assert doc.report.meta.report_date == dt.date(2024, 3, 5)


def test_the_date_follows_the_report_year_while_untouched(make_window):
    window = make_window()
    sp = window.start_page
    sp.year.setValue(2023)
    assert sp.date.value() == default_report_date(2023)
    sp.has_date.setChecked(True)
    doc = create(window, year=2023)
    assert doc.report.meta.report_date == default_report_date(2023)
    page = window.pages[0]
    page.year.setValue(2022)
    assert doc.report.meta.report_date == default_report_date(2022)
    assert page.date.value() == default_report_date(2022)
    # a date the clerk chose stays
    doc.update_meta(dataclasses.replace(doc.report.meta, report_date=dt.date(2023, 2, 1)))
    page.year.setValue(2021)
    assert doc.report.meta.report_date == dt.date(2023, 2, 1)


def _section_three(qtbot):
    from tests.test_ui_tables import make_document, tables_for

    document = make_document()
    widget = tables_for(qtbot, document, "s3")
    widget.resize(1000, 420)
    qtbot.wait(5)
    return document, widget


def _kind_shown_at(view, point):
    """The kind of cell a clerk sees at a point of the grid (whatever widget draws it)."""
    from ui.table_model import KIND_ROLE

    child = view.childAt(point)
    shown = child.parent() if child is not view.viewport() else view
    index = shown.indexAt(child.mapFrom(view, point))
    return shown.model().data(index, KIND_ROLE)


def test_section_three_headings_stay_when_the_numbers_scroll(qtbot):
    from ui.table_layout import CORNER, HEADER, LABEL

    document, widget = _section_three(qtbot)
    view = widget.view
    last = view.model().index_for_key(view.model().input_keys()[-1])
    widget.focus_cell(view.model().key(last))
    assert view.verticalScrollBar().value() > 0
    top_left = view.viewport().geometry().topLeft()
    heading_point = top_left + QPoint(view.columnWidth(0) * 3, 5)
    assert _kind_shown_at(view, heading_point) in (HEADER, CORNER)
    # the cell jumped to is not under the headings
    assert view.visualRect(last).top() >= sum(view.rowHeight(r) for r in range(3)) - 1
    # sideways in a narrow window: the row labels stay
    widget.resize(520, 420)
    qtbot.wait(5)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    label_point = top_left + QPoint(5, view.viewport().height() - 10)
    assert _kind_shown_at(view, label_point) == LABEL


def test_ctrl_home_and_end_go_to_the_first_and_last_input_without_editing(qtbot):
    document, widget = _section_three(qtbot)
    view = widget.view
    model = view.model()
    view.setFocus()
    view.setCurrentIndex(model.index_for_key(model.input_keys()[5]))
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert model.key(view.currentIndex()) == model.input_keys()[-1]
    assert view.state() != view.State.EditingState
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert model.key(view.currentIndex()) == model.input_keys()[0]
    assert view.state() != view.State.EditingState


def test_the_findings_panel_says_how_many_more_and_keeps_its_size(make_window, qtbot):
    window = make_window()
    create(window)
    qtbot.wait(20)
    panel = window.findings_panel
    items = panel.list.count()
    assert items >= 5
    height = panel.list.viewport().height()
    cut = sum(panel.list.visualItemRect(panel.list.item(i)).bottom() >= height for i in range(items))
    assert cut > 0  # at 1366×768 not all fit
    assert panel.more.isVisible() and f"还有{cut}条" in panel.more.text()
    # dragged taller: all fit, nothing to say, and the next window opens with that size
    split = window.page_split
    total = sum(split.sizes())
    split.moveSplitter(total - 400, 1)
    qtbot.wait(20)
    assert not panel.more.isVisible()
    sizes = split.sizes()
    again = make_window()
    create(again)
    assert abs(again.page_split.sizes()[1] - sizes[1]) <= 2


def test_the_toolbar_stays_put_whatever_the_undo_step_is_called(make_window, qtbot):
    window = make_window()
    doc = create(window)
    toolbar = window.toolbar
    preview = toolbar.widgetForAction(window.preview_action)
    before = preview.geometry()
    doc.set_cells({"s3.new.natural": 3, "s3.open.natural": 2})
    qtbot.wait(10)
    assert window.undo_action.text() == "撤销"
    assert window.undo_action.toolTip().startswith("撤销：") and len(window.undo_action.toolTip()) > 4
    assert preview.geometry() == before
    window.undo_action.trigger()
    assert window.redo_action.text() == "重做" and window.redo_action.toolTip().startswith("重做：")
    assert preview.geometry() == before


def test_file_dialogs_start_in_documents_then_the_last_folder(make_window, monkeypatch, tmp_path):
    from ui import dialogs, importing
    from ui.qt import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    asked = []
    monkeypatch.setattr(dialogs, "open_path", lambda parent, title, folder, *f: asked.append((title, folder, f)))
    monkeypatch.setattr(dialogs, "save_path", lambda parent, title, suggested, f: asked.append((title, suggested, f)))
    window = make_window()
    window.files.open_dialog()
    importing.import_report_file(window)
    create(window)
    window.files.save_as()
    assert [a[1] for a in asked[:2]] == [documents, documents]
    assert str(__import__("pathlib").Path(asked[2][1]).parent) == documents
    assert "年报草稿 (*.nianbao)" in asked[2][2]
    # once a draft is saved in a folder, the next dialog starts there
    window.files._save_to(tmp_path / "甘坊镇.nianbao")
    asked.clear()
    window.files.open_dialog()
    assert asked[0][1] == str(tmp_path)


def test_slow_actions_close_the_menu_and_show_a_busy_cursor(make_window, answers, monkeypatch, tmp_path, qtbot):
    import app.export
    from app import draft
    from ui.qt import QApplication

    window = make_window()
    create(window)
    seen = []

    def look(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, QApplication.activePopupWidget()))
        return []

    menu = window.menuBar().actions()[0].menu()
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu)
    monkeypatch.setattr(app.export, "missing_glyphs", look)
    answers.paths.append(None)  # the export's file dialog: cancelled
    window.export_pdf_action.trigger()
    assert seen == [(Qt.CursorShape.WaitCursor, None)]
    assert QApplication.overrideCursor() is None  # restored after
    # opening a draft
    path = tmp_path / "a.nianbao"
    window.files._save_to(path)
    real_load = draft.load_draft
    monkeypatch.setattr("ui.files.load_draft", lambda p: (look(), real_load(p))[1])
    window.files.open_draft(path)
    assert seen[-1] == (Qt.CursorShape.WaitCursor, None)
    assert QApplication.overrideCursor() is None


def test_f1_opens_the_help_a_clerk_can_read(make_window, qtbot):
    from app.export.html import PASTE_ADVICE

    window = make_window()
    create(window)
    organ = window.pages[0].organ
    window.activateWindow()
    organ.setFocus()
    qtbot.waitUntil(organ.hasFocus, timeout=2000)
    qtbot.keyClick(organ, Qt.Key.Key_F1)
    helper = window.help_window
    assert helper.isVisible()
    text = helper.browser.toPlainText()
    assert "三、收到和处理政府信息公开申请情况" in text and PASTE_ADVICE in text and "勾稽关系" in text


def test_an_imported_lead_paragraph_shows_as_what_it_is(make_window, qtbot):
    from app.report import Subsection, new_report
    from tests.ui_support import type_chinese

    window = make_window()
    report = new_report("甘坊镇人民政府", 2023)
    report.s1 = [
        Subsection("", "2023年，我镇认真贯彻落实《条例》。"),
        Subsection("主动公开情况", "公开信息356条。"),
        Subsection("依申请公开情况", "收到申请3件。"),
    ]
    window.document.replace_report(report, None, saved=False)
    window.go_to_step(window.steps.index("s1"))
    page = window.current_page()
    lead, first = page.editors[0], page.editors[1]
    assert not lead.title.isVisible() and lead.lead_label.isVisible()
    assert lead.lead_label.text() == "开头段落（不编号）"
    assert not first.up.isEnabled()  # nothing moves above the lead paragraph
    assert first.title.isVisible() and first.title.text() == "主动公开情况"
    # the clerk may still make it a sub-section
    lead.add_title.click()
    assert lead.title.isVisible()
    type_chinese(lead.title, "总体情况概述")
    assert window.document.report.s1[0].title == "总体情况概述"


def test_at_150_percent_on_1366x768_every_step_fits(make_window, qtbot):
    """150 % scaling on a 1366×768 screen leaves 911×512 logical pixels."""
    window = make_window(resize=False)
    window.resize(911, 512)
    create(window)
    qtbot.wait(10)
    assert window.width() <= 912 and window.height() <= 512  # no minimum size pushes it off the screen
    assert window.minimumSizeHint().width() <= 911 and window.minimumSizeHint().height() <= 512
    assert window.step_list.width() < 230  # the steps give way to the page
    for index in range(len(window.steps)):
        window.go_to_step(index)
        page = window.current_page()
        assert page.width() >= 600, window.steps[index]
    window.go_to_step(window.steps.index("s3"))
    view = window.current_page().tables.view
    numbers = [c for c in range(view.model().columnCount()) if c >= view.model().grid.label_columns]
    shown = [c for c in numbers if view.columnViewportPosition(c) + view.columnWidth(c) <= view.viewport().width()]
    assert len(shown) >= 5  # most of 三's number columns without scrolling sideways

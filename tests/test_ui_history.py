"""One undo history for the whole report, driven like a clerk: the text boxes, the grids, the
toolbar, the 编辑 menu and Ctrl+Z/Ctrl+Y wherever the focus is (issue 12)."""

from app.draft import save_draft
from app.report import new_report
from tests.test_ui_tables import type_into
from tests.ui_support import create
from ui.qt import Qt

NEW_NATURAL = "s3.new.natural"


def _focus(qtbot, widget):
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def _step(window):
    return window.steps[window.step_list.currentRow()]


def _key(qtbot, widget, key):
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def _toolbar_button(window, action):
    return window.toolbar.widgetForAction(action)


def _grid(window):
    window.go_to_step(window.steps.index("s3"))
    return window.current_page().tables


def test_text_and_table_edits_are_one_history_from_toolbar_menu_and_keys(make_window, qtbot):
    window = make_window()
    doc = create(window)
    tables = _grid(window)
    _focus(qtbot, tables.view)
    type_into(qtbot, tables.view, NEW_NATURAL, "4")
    assert doc.report.value(NEW_NATURAL) == 4

    window.go_to_step(window.steps.index("s5"))
    edit = window.current_page().edit
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, "abc")
    assert doc.report.s5 == "abc"
    assert window.undo_action.isEnabled()  # the toolbar's 撤销 knows about text edits
    assert "存在的主要问题" in window.undo_action.toolTip()
    assert window.undo_action.text() == "撤销"

    _key(qtbot, edit, Qt.Key.Key_Z)  # Ctrl+Z inside the text box: the one history, text typed in one go
    assert doc.report.s5 == "" and edit.toPlainText() == ""
    assert doc.report.value(NEW_NATURAL) == 4 and _step(window) == "s5"
    _key(qtbot, edit, Qt.Key.Key_Y)
    assert doc.report.s5 == "abc" and edit.toPlainText() == "abc"

    _toolbar_button(window, window.undo_action).click()
    assert doc.report.s5 == ""
    _key(qtbot, edit, Qt.Key.Key_Z)  # the table edit, from inside the text box: its page is shown
    assert doc.report.value(NEW_NATURAL) == 0 and _step(window) == "s3"
    assert (
        window.current_page().tables.view.model().data(window.current_page().tables.model.index_for_key(NEW_NATURAL))
        == "0"
    )

    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("编辑"))
    redo = next(a for a in edit_menu.actions() if a.text().startswith("重做"))
    redo.trigger()  # the menu's 重做 is the same history
    assert doc.report.value(NEW_NATURAL) == 4 and _step(window) == "s3"
    _toolbar_button(window, window.redo_action).click()
    assert doc.report.s5 == "abc" and _step(window) == "s5"
    assert window.current_page().edit.toPlainText() == "abc"
    assert not window.redo_action.isEnabled()


def test_ctrl_z_in_a_basic_info_field_undoes_the_last_step_of_the_report(make_window, qtbot):
    window = make_window()
    doc = create(window)
    doc.set_cell(NEW_NATURAL, 3)
    window.go_to_step(0)
    organ = window.current_page().organ
    _focus(qtbot, organ)
    _key(qtbot, organ, Qt.Key.Key_Z)
    assert doc.report.value(NEW_NATURAL) == 0 and _step(window) == "s3"
    assert organ.text() == "甘坊镇人民政府"


def test_undo_of_another_pages_change_shows_that_page(make_window, qtbot):
    window = make_window()
    doc = create(window)
    window.go_to_step(window.steps.index("s4"))
    window.current_page().tables.view.paste("1\t2")  # a paste in 四
    assert doc.report.value("s4.review.upheld") == 1
    window.go_to_step(0)
    window.undo_action.trigger()  # 撤销 pressed on 基本信息
    assert doc.report.value("s4.review.upheld") == 0
    assert _step(window) == "s4" and window.page_stack.currentWidget() is window.page(window.steps.index("s4"))
    tables = window.current_page().tables
    assert tables.model.key(tables.view.currentIndex()) == "s4.review.upheld"  # the cell it changed


def test_no_stale_red_line_under_the_grid_after_undo(make_window, qtbot):
    window = make_window()
    doc = create(window)
    tables = _grid(window)
    _focus(qtbot, tables.view)
    type_into(qtbot, tables.view, NEW_NATURAL, "5")
    assert "相差5" in tables.message_label.text()
    _key(qtbot, tables.view, Qt.Key.Key_Z)
    assert doc.report.value(NEW_NATURAL) == 0
    assert not any(f.severity == "error" for f in doc.findings)
    assert "相差" not in tables.message_label.text()
    window.go_to_step(0)
    window.go_to_step(window.steps.index("s3"))
    assert "相差" not in tables.message_label.text()
    # and it comes back with redo, from the findings
    window.redo_action.trigger()
    assert "相差5" in tables.message_label.text()


def test_undo_back_to_the_saved_revision_clears_the_star_and_closing_asks_nothing(
    make_window, answers, qtbot, tmp_path
):
    path = tmp_path / "2023.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), path)
    window = make_window()
    assert window.open_draft(path)
    assert not window.isWindowModified()
    window.go_to_step(window.steps.index("s6"))
    edit = window.current_page().edit
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, "x")
    window.document.set_cell(NEW_NATURAL, 1)
    assert window.isWindowModified()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert not window.isWindowModified() and not window.document.modified
    assert window.saved_label.text().startswith("已保存")
    window.close()  # an unexpected question fails the test (ui_support.Answers)
    assert answers.asked == []


def test_last_years_draft_chosen_through_the_menu_survives_reopening(make_window, answers, tmp_path):
    last = new_report("甘坊镇人民政府", 2022)
    last.set_value("s3.new.natural", 2)
    last.set_value("s3.carried_out.natural", 2)
    last_path = tmp_path / "2022.nianbao"
    save_draft(last, last_path)
    this_path = tmp_path / "2023.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), this_path)
    window = make_window()
    assert window.open_draft(this_path)
    answers.paths = [last_path]
    window.attach_previous_action.trigger()
    assert any(f.rule == "s3.carry-over" for f in window.document.findings)
    assert "2022.nianbao" in window.page(0).previous_label.text()  # the page says the same
    window.close()
    again = make_window()
    assert again.open_draft(this_path)
    assert any(f.rule == "s3.carry-over" for f in again.document.findings)
    assert "2022.nianbao" in again.page(0).previous_label.text()
    assert again.document.session.previous_path == last_path


def test_a_change_of_format_is_a_step_of_the_history(make_window, answers):
    window = make_window()
    doc = create(window)
    doc.set_cell("s2.regulation.in_force", 2)  # 2021 only
    answers.choices = [0]  # 更改
    window.page(0).format_requested.emit("2019")
    assert doc.report.template == "2019" and "〔2019〕60号" in doc.report.intro
    assert "有1个已填的数字" in answers.asked[-1]
    window.undo_action.trigger()
    assert doc.report.template == "2021" and doc.report.value("s2.regulation.in_force") == 2
    assert window.step_list.item(2).text().startswith(doc.report.format.section("s2").heading)
    assert window.page(0).format.currentData() == "2021"
    window.redo_action.trigger()
    assert doc.report.template == "2019" and window.page(0).format.currentData() == "2019"


def test_the_text_boxs_right_click_menu_undoes_in_the_one_history(make_window, qtbot):
    window = make_window()
    doc = create(window)
    doc.set_cell(NEW_NATURAL, 2)
    window.go_to_step(window.steps.index("s5"))
    edit = window.current_page().edit
    menu = edit.context_menu()
    undo = next(a for a in menu.actions() if a.text().startswith("撤销"))
    assert "第三部分" in undo.text() and undo.isEnabled()
    assert not any(a.objectName() == "edit-undo" for a in menu.actions())  # the box's own is gone
    undo.trigger()
    assert doc.report.value(NEW_NATURAL) == 0
    menu.deleteLater()


def test_typing_in_one_go_is_one_step_leaving_the_box_ends_it(make_window, qtbot):
    window = make_window()
    doc = create(window)
    window.go_to_step(window.steps.index("s5"))
    edit = window.current_page().edit
    _focus(qtbot, edit)
    before = window.document.undo_stack.count()
    qtbot.keyClicks(edit, "abc")
    assert window.document.undo_stack.count() == before + 1  # three keystrokes, one step
    _focus(qtbot, window.step_list)  # the focus leaves the box
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, "de")
    assert window.document.undo_stack.count() == before + 2
    window.undo_action.trigger()
    assert doc.report.s5 == "abc" and edit.toPlainText() == "abc"

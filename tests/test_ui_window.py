"""The main window driven like a clerk: start page, steps, findings, files, autosave."""

import dataclasses
import json
import os
import subprocess
import sys

from app import recovery
from app.draft import load_draft, save_draft
from app.report import new_report
from tests.conftest import REPO
from tests.ui_support import PaintLog, create, type_chinese
from ui.qt import QCoreApplication, QKeySequence, Qt

LONG_S5 = "一是政府信息公开内容还不够全面，部分栏目更新不及时；二是工作人员业务水平有待提高。下一步将加强培训，完善审核发布机制，确保信息及时准确公开。上年度报告所列问题已整改完毕。"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_qt_speaks_chinese_and_uses_fusion(make_window):
    window = make_window()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert window.style().name().lower() == "fusion"


def test_start_page_creates_report_with_format_by_year(make_window):
    window = make_window()
    assert window.screens.currentWidget() is window.start_page
    assert not window.save_action.isEnabled()
    sp = window.start_page
    sp.year.setValue(2020)
    assert sp.format.currentData() == "2019"
    sp.year.setValue(2023)
    assert sp.format.currentData() == "2021"
    doc = create(window)
    assert doc.report.meta.organ == "甘坊镇人民政府"
    assert doc.report.template == "2021"
    assert doc.report.meta.contact.department == "党政办公室"
    assert "0791-1234567" in doc.report.intro and "甘坊镇人民政府" in doc.report.intro
    assert [s.title for s in doc.report.s1] == [d.title for d in doc.report.format.section("s1").default_subsections]
    assert window.step_list.count() == 7
    assert window.step_list.item(0).text().startswith("基本信息")
    assert window.step_list.item(1).text().startswith("一、总体情况")
    assert "甘坊镇人民政府2023年政府信息公开工作年度报告" in window.windowTitle()
    assert window.isWindowModified()
    assert window.save_action.isEnabled()


def test_start_page_refuses_empty_organ(make_window):
    window = make_window()
    window.start_page.create_button.click()
    assert window.screens.currentWidget() is window.start_page
    assert "机关名称" in window.start_page.message.text()


def test_typing_section_text_updates_step_status_and_findings(make_window, qtbot):
    window = make_window()
    doc = create(window)
    s5 = window.steps.index("s5")
    window.go_to_step(s5)
    page = window.current_page()
    assert "1个提醒" in window.step_list.item(s5).text()
    assert any(f.section == "s5" for f in doc.findings)
    type_chinese(page.edit, LONG_S5)
    assert doc.report.s5 == LONG_S5
    assert not any(f.section == "s5" for f in doc.findings)
    assert "无问题" in window.step_list.item(s5).text()
    texts = [window.findings_panel.list.item(i).text() for i in range(window.findings_panel.list.count())]
    assert not any("第五部分" in t for t in texts)
    page.edit.clear()
    assert any(f.section == "s5" for f in doc.findings)


def test_clicking_a_finding_goes_to_its_step_and_field(make_window, qtbot):
    window = make_window()
    doc = create(window)
    window.activateWindow()
    panel = window.findings_panel.list
    row = next(i for i in range(panel.count()) if "第六部分" in panel.item(i).text())
    item = panel.item(row)
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page().key == "s6"
    qtbot.waitUntil(lambda: window.current_page().edit.hasFocus(), timeout=2000)
    # a finding on the date goes to 基本信息
    doc.update_meta(dataclasses.replace(doc.report.meta, report_date=None))
    finding = next(f for f in doc.findings if f.field == "meta.report_date")
    window.go_to_finding(finding)
    assert window.current_page().key == "meta"


def test_an_empty_subsection_finding_goes_to_that_subsection(make_window, qtbot):
    window = make_window()
    doc = create(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    finding = next(f for f in doc.findings if f.field == "s1.2")
    assert "政府信息管理情况" in finding.message
    panel = window.findings_panel.list
    row = next(i for i in range(panel.count()) if "政府信息管理情况" in panel.item(i).text())
    panel.scrollToItem(panel.item(row))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(panel.item(row)).center())
    page = window.current_page()
    assert page.key == "s1"
    qtbot.waitUntil(lambda: page.editors[2].body.hasFocus(), timeout=2000)


def test_meta_edits_follow_into_title_and_untouched_intro(make_window):
    window = make_window()
    doc = create(window)
    page = window.pages[0]
    page.organ.clear()
    type_chinese(page.organ, "洪州镇人民政府")
    assert doc.report.meta.organ == "洪州镇人民政府"
    assert "洪州镇人民政府2023年" in window.windowTitle()
    assert "由洪州镇人民政府编制" in doc.report.intro
    assert "由洪州镇人民政府编制" in page.intro.toPlainText()
    # once the clerk writes their own preamble it is left alone
    page.intro.clear()
    type_chinese(page.intro, "本报告由本镇编制。")
    page.organ.clear()
    type_chinese(page.organ, "甘坊镇人民政府")
    assert doc.report.intro == "本报告由本镇编制。"


def test_subsections_add_rename_move_remove(make_window, answers):
    window = make_window()
    doc = create(window)
    window.go_to_step(window.steps.index("s1"))
    page = window.current_page()
    assert page.editors[0].hint.text() == doc.report.format.section("s1").default_subsections[0].hint
    page.add_button.click()
    assert len(doc.report.s1) == 6
    editor = page.editors[-1]
    editor.title.clear()
    type_chinese(editor.title, "其他工作")
    type_chinese(editor.body, "本年开展了政务公开日活动。")
    assert doc.report.s1[-1].title == "其他工作" and doc.report.s1[-1].body == "本年开展了政务公开日活动。"
    page.editors[-1].up.click()
    assert doc.report.s1[4].title == "其他工作"
    assert page.editors[4].title.text() == "其他工作"
    answers.choices = [1]  # 取消: a section with text is not removed without asking
    page.editors[4].remove.click()
    assert len(doc.report.s1) == 6
    answers.choices = [0]
    page.editors[4].remove.click()
    assert [s.title for s in doc.report.s1] == [d.title for d in doc.report.format.section("s1").default_subsections]


def test_undo_redo_actions_use_the_document_stack(make_window):
    window = make_window()
    doc = create(window)
    doc.set_cell("s3.new.natural", 4)
    assert any(f.section == "s3" for f in doc.findings)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    window.undo_action.trigger()
    assert doc.report.value("s3.new.natural") == 0
    assert not any(f.section == "s3" for f in doc.findings)
    window.redo_action.trigger()
    assert doc.report.value("s3.new.natural") == 4


def test_save_reopen_recent_and_status(make_window, answers, tmp_path):
    window = make_window()
    create(window)
    type_chinese(window.pages[window.steps.index("s5")].edit, LONG_S5)
    target = tmp_path / "年报草稿"
    answers.paths = [target]
    window.save_action.trigger()
    saved = tmp_path / "年报草稿.nianbao"
    assert load_draft(saved).s5 == LONG_S5
    assert not window.isWindowModified()
    assert window.saved_label.text().startswith("已保存")
    assert "年报草稿.nianbao" in window.windowTitle()
    assert recovery.find_orphans() == [] and not any(recovery.autosave_dir().glob("*.nianbao"))
    # a second save goes to the same file without asking, keeping a .bak
    type_chinese(window.pages[window.steps.index("s6")].edit, "本年度未收取信息处理费。")
    assert window.saved_label.text().startswith("未保存")
    window.save_action.trigger()
    assert load_draft(saved).s6 == "本年度未收取信息处理费。"
    assert (tmp_path / "年报草稿.nianbao.bak").exists()
    settings_text = (recovery.data_dir() / "settings.ini").read_text(encoding="utf-8")
    assert "recent" in settings_text

    other = make_window()
    assert other.start_page.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(saved.resolve())
    assert other.open_draft(saved)
    assert other.document.report.s5 == LONG_S5
    assert other.pages[other.steps.index("s5")].edit.toPlainText() == LONG_S5
    assert not other.isWindowModified()


def test_open_broken_draft_offers_backup_and_never_overwrites(make_window, answers, tmp_path):
    good = new_report("甘坊镇人民政府", 2023)
    good.s5 = "备份中的内容"
    path = tmp_path / "坏.nianbao"
    save_draft(good, path)
    save_draft(good, path)  # now a .bak exists
    path.write_text('{"format": "nianbao-draft", "version": 1, "templ', encoding="utf-8")
    broken = path.read_bytes()
    window = make_window()
    answers.choices = [0]  # 打开备份
    assert window.open_draft(path)
    assert "已损坏" in answers.asked[0] or "不完整" in answers.asked[0]
    assert window.document.report.s5 == "备份中的内容"
    assert window.document.path is None and window.isWindowModified()
    assert path.read_bytes() == broken

    lonely = tmp_path / "孤.nianbao"
    lonely.write_text("not json", encoding="utf-8")
    window2 = make_window()
    assert not window2.open_draft(lonely)
    assert "无法打开" in answers.warnings[-1]
    assert lonely.read_text(encoding="utf-8") == "not json"


def test_save_refused_target_offers_save_as(make_window, answers, tmp_path):
    window = make_window()
    create(window)
    foreign = tmp_path / "别人的.nianbao"
    foreign.write_text("不是草稿", encoding="utf-8")
    answers.paths = [foreign, None]
    window.save_action.trigger()  # save-as loop: refusal shown, then the clerk cancels
    assert "不是可读的年报助手草稿" in answers.warnings[-1]
    assert foreign.read_text(encoding="utf-8") == "不是草稿"
    assert window.isWindowModified()
    # saving into an existing good draft path works; then the file becomes unwritable
    good = tmp_path / "好.nianbao"
    answers.paths = [good]
    window.save_as()
    assert load_draft(good).meta.organ == "甘坊镇人民政府"
    good.unlink()
    good.mkdir()  # a folder now stands where the draft was: the save fails
    window.document.set_text("s6", "新内容")
    answers.choices = [0]  # 另存为…
    answers.paths = [tmp_path / "另存.nianbao"]
    assert window.save()
    assert load_draft(tmp_path / "另存.nianbao").s6 == "新内容"


def test_close_with_unsaved_changes_asks(make_window, answers):
    window = make_window()
    doc = create(window)
    doc.set_text("s6", "未保存的内容")
    answers.choices = [2]  # 取消
    assert not window.close()
    assert window.isVisible()
    answers.choices = [1]  # 不保存
    assert window.close()
    assert recovery.find_orphans() == []
    assert not any(recovery.autosave_dir().glob("*"))
    assert (recovery.data_dir() / "settings.ini").exists()


def test_autosave_then_recovery_after_a_dead_session(make_window, answers, qtbot):
    window = make_window()
    doc = create(window)
    doc.set_text("s6", "只在自动保存里的内容")
    session = window.session
    qtbot.waitUntil(lambda: session.autosave_path.exists(), timeout=3000)
    assert load_draft(session.autosave_path).s6 == "只在自动保存里的内容"
    assert "已自动备份" in window.saved_label.text()
    # pretend the program died: the marker now names a dead process
    marker = json.loads(session.marker_path.read_text(encoding="utf-8"))
    marker["pid"] = _dead_pid()
    dead_marker = session.marker_path.with_name(f"session-{marker['pid']}-{session.token}.json")
    dead_marker.write_text(json.dumps(marker), encoding="utf-8")
    session.marker_path.unlink()

    answers.choices = [0]  # 恢复
    again = make_window()
    assert "自动保存时间" in answers.asked[-1] and "草稿文件保存时间" in answers.asked[-1]
    assert again.document.report.s6 == "只在自动保存里的内容"
    assert again.isWindowModified()
    assert not dead_marker.exists()
    assert again.session.autosave_path.exists()  # the recovered content is safe in the new session
    window.has_report = False


def test_discarding_a_recovery_removes_it(make_window, answers):
    dead = recovery.Session(pid=_dead_pid())
    from app.draft import dumps

    dead.write(dumps(new_report("某镇人民政府", 2023)))
    answers.choices = [1]  # 丢弃
    window = make_window()
    assert window.screens.currentWidget() is window.start_page
    assert recovery.find_orphans() == []
    assert not dead.autosave_path.exists()


def test_geometry_and_settings_live_in_the_ini_file(make_window, answers):
    window = make_window()
    window.resize(760, 560)  # within the offscreen screen (800×600)
    window.close()
    ini = recovery.data_dir() / "settings.ini"
    assert "geometry" in ini.read_text(encoding="utf-8")
    again = make_window(resize=False)
    assert (again.width(), again.height()) == (760, 560)


def test_change_format_keeps_shared_cells(make_window, answers):
    window = make_window()
    doc = create(window)
    doc.set_cell("s3.new.natural", 2)
    page = window.pages[0]
    answers.choices = [0]
    page.format_requested.emit("2019")
    assert doc.report.template == "2019"
    assert doc.report.value("s3.new.natural") == 2
    assert "〔2019〕60号" in doc.report.intro  # the untouched preamble follows the format
    assert window.step_list.item(2).text().startswith(doc.report.format.section("s2").heading)
    assert os.environ["NIANBAO_DATA_DIR"]


def test_new_report_from_last_years_draft(make_window, answers, tmp_path):
    last = new_report("甘坊镇人民政府", 2022)
    last.meta.contact.phone = "0791-7654321"
    last.set_value("s3.new.natural", 3)
    last.set_value("s3.open.natural", 1)
    last.set_value("s3.carried_out.natural", 2)
    path = tmp_path / "2022.nianbao"
    save_draft(last, path)
    window = make_window()
    window.start_page.year.setValue(2023)
    answers.paths = [path]
    window.start_page.from_previous_button.click()
    doc = window.document
    assert doc.report.meta.year == 2023 and doc.report.meta.organ == "甘坊镇人民政府"
    assert doc.report.meta.contact.phone == "0791-7654321"
    assert doc.report.value("s3.carried_in.natural") == 2
    assert doc.previous is not None and doc.report.s5 == ""
    assert window.document.path is None and window.isWindowModified()


def test_ctrl_z_in_a_text_field_undoes_the_text_not_the_cells(make_window, qtbot):
    window = make_window()
    doc = create(window)
    window.activateWindow()
    doc.set_cell("s3.new.natural", 4)
    window.go_to_step(window.steps.index("s5"))
    edit = window.current_page().edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    qtbot.keyClicks(edit, "abc")
    assert doc.report.s5 == "abc"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == "" and doc.report.s5 == ""
    assert doc.report.value("s3.new.natural") == 4
    window.step_list.setFocus()
    qtbot.waitUntil(window.step_list.hasFocus, timeout=2000)
    qtbot.keyClick(window.step_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.value("s3.new.natural") == 0


def test_unexpected_error_is_logged_and_shown_in_chinese(make_window, answers, monkeypatch):
    from ui.main import install_error_handler

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "stderr", None)
    window = make_window()
    doc = create(window)
    doc.set_text("s6", "出错前的内容")
    install_error_handler(window)
    for _ in range(5):
        try:
            raise ValueError("测试")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "内部错误" in answers.warnings[-1] and "ValueError" in answers.warnings[-1]
    assert len(answers.warnings) == 3  # a repeating error does not flood the clerk
    assert load_draft(window.session.autosave_path).s6 == "出错前的内容"
    assert "ValueError: 测试" in (recovery.data_dir() / "error.log").read_text(encoding="utf-8")


def test_opening_another_draft_asks_about_unsaved_changes(make_window, answers, tmp_path):
    other = tmp_path / "其他.nianbao"
    save_draft(new_report("洪州镇人民政府", 2023), other)
    window = make_window()
    doc = create(window)
    doc.set_text("s6", "未保存")
    answers.choices = [2]  # 取消: nothing changes
    assert not window.open_draft(other)
    assert doc.report.s6 == "未保存"
    broken = tmp_path / "坏.nianbao"
    broken.write_text("{", encoding="utf-8")
    assert not window.open_draft(broken)  # refused before any question: the work stays
    assert doc.report.s6 == "未保存" and len(answers.asked) == 1
    answers.choices = [1]  # 不保存
    assert window.open_draft(other)
    assert doc.report.meta.organ == "洪州镇人民政府"


def test_many_qt_calls_do_not_exhaust_none(tmp_path):
    """PySide6 6.12 drops a reference to None on every void call (setText…); on Python 3.11 that
    aborted the program after a few thousand calls unless ui.qt's workaround ran."""
    code = (
        "from ui.main import make_app\n"
        "from ui.qt import QLineEdit, Signal, QObject\n"
        "app = make_app()\n"
        "edit = QLineEdit()\n"
        "for i in range(30000): edit.setText('a')\n"
        "class O(QObject):\n"
        "    s = Signal()\n"
        "o = O()\n"
        "for i in range(30000): o.s.emit()\n"
        "print('alive')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "alive"


def test_shortcuts_and_recent_drafts(make_window, answers, tmp_path):
    path = tmp_path / "近.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), path)
    window = make_window()
    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.save_as_action.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert QKeySequence("Ctrl+Y") in window.redo_action.shortcuts()
    assert window.open_draft(path)
    window.new_action.trigger()  # back to the start page; the open report is kept
    assert window.screens.currentWidget() is window.start_page
    assert window.start_page.back_button.isVisibleTo(window.start_page)
    recent = window.start_page.recent
    assert recent.item(0).data(Qt.ItemDataRole.UserRole) == str(path.resolve())
    recent.itemActivated.emit(recent.item(0))
    assert window.screens.currentWidget() is window.editor
    window._fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions()] == [str(path.resolve())]


def test_ime_composition_is_not_disturbed(make_window):
    from ui.qt import QApplication, QInputMethodEvent

    window = make_window()
    doc = create(window)
    edit = window.page(window.steps.index("s5")).edit
    QApplication.sendEvent(edit, QInputMethodEvent("gan'fang", []))  # still composing
    assert doc.report.s5 == ""
    assert edit.toPlainText() == ""  # the preedit is shown by the editor, not written into it
    done = QInputMethodEvent("", [])
    done.setCommitString("甘坊")
    QApplication.sendEvent(edit, done)
    assert doc.report.s5 == "甘坊" and edit.toPlainText() == "甘坊"
    assert edit.textCursor().position() == 2  # the cursor stays after the committed word


def test_recovery_put_off_stays_on_the_start_page(make_window, answers):
    from app.draft import dumps

    report = new_report("某镇人民政府", 2023)
    report.s5 = "以后再恢复的内容"
    dead = recovery.Session(pid=_dead_pid())
    dead.write(dumps(report), title=report.title)
    answers.choices = [2]  # 稍后再说
    window = make_window()
    sp = window.start_page
    assert window.screens.currentWidget() is sp
    assert sp.recovery_box.isVisibleTo(sp) and sp.recoveries.count() == 1
    assert "某镇人民政府2023年" in sp.recoveries.item(0).text()
    answers.choices = [1]  # 丢弃… then 取消: kept
    sp.discard_button.click()
    assert dead.autosave_path.exists()
    sp.recover_button.click()
    assert window.document.report.s5 == "以后再恢复的内容"
    assert window.isWindowModified()
    assert not dead.autosave_path.exists()
    window.show_start()
    assert not sp.recovery_box.isVisibleTo(sp)


def test_about_says_where_things_live(make_window, answers):
    window = make_window()
    window.about_action.trigger()
    text = answers.warnings[-1]
    assert str(recovery.autosave_dir()) in text and str(recovery.settings_path()) in text
    assert "不联网" in text


def test_fill_zeros_menu_only_on_table_steps(make_window):
    window = make_window()
    doc = create(window)
    assert not window.fill_zeros_action.isEnabled()  # 基本信息
    window.go_to_step(window.steps.index("s2"))
    assert window.fill_zeros_action.isEnabled()
    window.fill_zeros_action.trigger()  # all zero already: no question
    assert "全部填为0" in window.current_page().tables.message_label.text()
    assert doc.report.cells == {}
    window.go_to_step(window.steps.index("s5"))
    assert not window.fill_zeros_action.isEnabled()


def test_last_years_draft_checks_carry_over_and_is_remembered(make_window, answers, tmp_path):
    last = new_report("甘坊镇人民政府", 2022)
    last.set_value("s3.new.natural", 2)
    last.set_value("s3.carried_out.natural", 2)
    last_path = tmp_path / "2022.nianbao"
    save_draft(last, last_path)
    this_path = tmp_path / "2023.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), this_path)
    window = make_window()
    assert window.open_draft(this_path)
    assert not any(f.rule == "s3.carry-over" for f in window.document.findings)
    page = window.page(0)
    assert "未选择" in page.previous_label.text()
    answers.paths = [last_path]
    page.previous_button.click()
    assert "2022.nianbao" in page.previous_label.text()
    assert any(f.rule == "s3.carry-over" for f in window.document.findings)
    window.document.set_text("s6", "x")
    window.save()
    again = make_window()
    assert again.open_draft(this_path)
    assert any(f.rule == "s3.carry-over" for f in again.document.findings)
    again.page(0).previous_clear.click()
    assert not any(f.rule == "s3.carry-over" for f in again.document.findings)
    assert again.settings.previous_for(this_path) is None


def test_dropping_a_draft_opens_it(make_window, qtbot, tmp_path):
    from ui.qt import QtCore, QtGui

    path = tmp_path / "拖入.nianbao"
    save_draft(new_report("洪州镇人民政府", 2023), path)
    window = make_window()
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path))])
    pos = QtCore.QPointF(200, 200)
    enter = QtGui.QDragEnterEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.document.report.meta.organ == "洪州镇人民政府", timeout=2000)
    assert window.document.path == path
    other = QtCore.QMimeData()
    other.setUrls([QtCore.QUrl.fromLocalFile(str(tmp_path / "x.xlsx"))])  # neither a draft nor a report
    refused = QtGui.QDragEnterEvent(
        pos, Qt.DropAction.CopyAction, other, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    refused.ignore()
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()


def test_the_findings_list_replaces_only_the_rows_that_changed(make_window, qtbot):
    from ui.findings import section_label

    window = make_window()
    doc = create(window)
    panel = window.findings_panel.list
    fmt = doc.report.format
    key = fmt.application_key("new", fmt.applications_table.column("natural"))

    def shown():
        items = [panel.item(i) for i in range(panel.count())]
        assert [item.data(Qt.ItemDataRole.UserRole) for item in items] == list(doc.findings)
        for item, f in zip(items, doc.findings, strict=True):
            assert item.text().startswith(f"［{section_label(doc.report.format, f.section)}］")
            assert item.text().endswith(f.message)
        return items

    before = shown()
    texts = [item.text() for item in before]
    doc.set_cell(key, 5)  # a balance flag more
    after = shown()
    kept = [item for item in after if item in before]
    assert len(after) > len(before) and len(kept) == len(before)  # the other rows are the same items
    doc.set_text("s5", "本年度无行政复议、行政诉讼情况。" * 3)
    shown()
    doc.undo()
    doc.undo()
    assert [item.text() for item in shown()] == texts
    doc.change_format("2019" if doc.report.template != "2019" else "2021")  # other sections: all anew
    shown()
    doc.undo()
    shown()


def test_a_step_status_change_repaints_only_its_row(make_window, qtbot):
    window = make_window()
    doc = create(window)
    fmt = doc.report.format
    key = fmt.application_key("new", fmt.applications_table.column("natural"))
    steps = window.step_list
    row = window.steps.index(fmt.cells[key].table.section)
    QCoreApplication.processEvents()
    log = PaintLog(steps.viewport())
    doc.set_cell(key, 5)  # the section now has an error
    QCoreApplication.processEvents()
    assert "1个错误" in steps.item(row).text()
    shown = steps.visualRect(steps.model().index(row, 0))
    assert log.rects[steps.viewport()] and all(shown.contains(rect) for rect in log.rects[steps.viewport()])
    # a status that needs another line still lays the list out anew (the rows below move down)
    steps.item(row).setText(steps.item(row).text() + "\n" + "很长的说明" * 8)
    QCoreApplication.processEvents()
    grown = steps.visualRect(steps.model().index(row, 0))
    assert grown.height() > shown.height()
    assert steps.visualRect(steps.model().index(row + 1, 0)).top() > grown.bottom()


def test_findings_rows_are_as_tall_as_their_wrapped_text_at_every_width(make_window):
    from ui.qt import QStyleOptionViewItem

    window = make_window()
    doc = create(window)
    fmt = doc.report.format
    doc.set_cell(fmt.application_key("new", fmt.applications_table.column("natural")), 5)
    rows = window.findings_panel.list

    def natural_heights():
        option = QStyleOptionViewItem()
        rows.initViewItemOption(option)
        option.rect = rows.viewport().rect()
        heights = []
        for i in range(rows.count()):
            item = rows.item(i)
            stored = item.sizeHint()
            item.setData(Qt.ItemDataRole.SizeHintRole, None)
            heights.append(rows.itemDelegate().sizeHint(option, rows.indexFromItem(item)).height())
            item.setSizeHint(stored)
        return heights

    for width in (700, 1366):
        window.resize(width, 768)
        QCoreApplication.processEvents()
        shown = [rows.visualItemRect(rows.item(i)).height() for i in range(rows.count())]
        assert shown == natural_heights()
        if width == 700:
            assert len(set(shown)) > 1  # some messages wrap at this width


def test_steps_of_a_report_made_while_the_editor_is_hidden_do_not_overlap(make_window, answers):
    # 新建 from an open report rebuilds the step list behind the start page: each row's status
    # line must still make its row taller, not be painted over the next row.
    window = make_window()
    create(window)
    answers.choices.append(1)  # 不保存
    window.show_start()
    create(window, organ="洪州镇人民政府", year=2020)
    QCoreApplication.processEvents()
    steps = window.step_list
    rects = [steps.visualRect(steps.model().index(row, 0)) for row in range(steps.count())]
    assert all("\n" in steps.item(row).text() for row in range(steps.count()))
    assert all(below.top() > above.bottom() for above, below in zip(rects, rects[1:]))
    line = steps.fontMetrics().lineSpacing()
    assert all(rect.height() >= 2 * line for rect in rects)  # title and status line

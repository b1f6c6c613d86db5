"""The window with hostile files (issue 15): a pipe as a draft, read-only drafts and targets,
export onto the open draft, lone surrogates and the autosave, the import running off the
UI thread with 取消, and errors meant for the clerk shown as they are."""

import os
import stat
import sys
import threading

import pytest

from app.draft import load_draft, save_draft
from app.errors import UserError
from app.export.fonts import FontError
from tests.sample_reports import sample_001
from tests.test_files import posix_only, within
from tests.ui_support import create
from ui import importing
from ui.qt import QProgressDialog, QPushButton, QTimer


@posix_only
def test_a_pipe_opened_as_a_draft_is_refused_at_once(make_window, answers, tmp_path):
    fifo = tmp_path / "管道.nianbao"
    os.mkfifo(fifo)
    window = make_window()
    with within(5):
        assert not window.open_draft(fifo)
    assert "不是普通文件" in answers.warnings[-1] and not window.has_report


@posix_only
def test_saving_a_read_only_draft_asks_first(make_window, answers, tmp_path):
    path = tmp_path / "只读.nianbao"
    save_draft(sample_001(), path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    window = make_window(path=path)
    window.document.set_text("s6", "新的文字")
    answers.choices = [1]  # 取消
    assert not window.save()
    assert "只读" in answers.asked[-1] and path.read_bytes() == before and window.document.modified
    answers.choices = [0]  # 替换
    assert window.save()
    assert load_draft(path).s6 == "新的文字" and not window.document.modified
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o444  # still read-only, as the clerk had it


@posix_only
def test_exporting_to_a_read_only_file_asks_first(make_window, answers, tmp_path):
    window = make_window()
    create(window)
    target = tmp_path / "年报.docx"
    target.write_bytes(b"old")
    os.chmod(target, 0o444)
    answers.paths = [target, None]
    answers.choices = [1]  # 取消, then the file dialog is cancelled
    assert window.export("docx") is None
    assert target.read_bytes() == b"old" and "只读" in answers.asked[-1]


def test_opening_a_draft_removes_stale_temporary_files_beside_it(make_window, tmp_path):
    from tests.test_files import dead_pid

    path = tmp_path / "草稿.nianbao"
    save_draft(sample_001(), path)
    stale = tmp_path / f".nianbao-{dead_pid()}-0a1b2c3d.tmp"
    stale.write_bytes(b"x" * 1000)
    os.utime(stale, (1, 1))
    make_window(path=path)
    assert not stale.exists() and path.exists()


def test_exporting_onto_the_open_draft_is_refused(make_window, answers, tmp_path):
    path = tmp_path / "草稿.nianbao"
    save_draft(sample_001(), path)
    before = path.read_bytes()
    window = make_window(path=path)
    answers.paths = [path.with_suffix(".docx"), None]
    (tmp_path / "草稿.docx").symlink_to(path)  # the chosen name leads to the draft
    assert window.export("docx") is None
    assert "就是草稿本身" in answers.warnings[-1] and path.read_bytes() == before


def test_a_draft_with_a_lone_surrogate_opens_and_autosaves(make_window, answers, tmp_path, qtbot):
    path = tmp_path / "坏字.nianbao"
    text = path.with_suffix(".x")
    save_draft(sample_001(), text)
    path.write_text(text.read_text(encoding="utf-8").replace("轵城镇党政办", "轵城镇\\ud800党政办"), encoding="utf-8")
    window = make_window(path=path)
    window.document.set_text("s6", "编辑后\udc00的文字")
    assert window.autosave()
    restored = load_draft(window.session.autosave_path)
    assert restored.meta.contact.department == "轵城镇\ufffd党政办" and restored.s6 == "编辑后\ufffd的文字"


def test_the_error_dialog_does_not_claim_an_autosave_that_failed(make_window, answers, monkeypatch):
    from ui.main import install_error_handler

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "stderr", None)
    window = make_window()
    create(window).set_text("s6", "未保存的内容")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(window.session, "write", disk_full)
    install_error_handler(window)
    try:
        raise RuntimeError("测试")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "内部错误" in answers.warnings[-1]
    assert "并已自动保存" not in answers.warnings[-1] and "自动保存没有成功" in answers.warnings[-1]


def test_an_error_meant_for_the_clerk_is_shown_with_its_message(make_window, answers, monkeypatch):
    from ui.main import install_error_handler

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    window = make_window()
    create(window)
    install_error_handler(window)
    for exc in (FontError("找不到可用的仿宋字体，请重新安装本程序。"), UserError("某个中文说明")):
        try:
            raise exc
        except UserError as caught:
            sys.excepthook(type(caught), caught, caught.__traceback__)
        assert "内部错误" not in answers.warnings[-1] and str(exc) in answers.warnings[-1]


@pytest.fixture
def slow_import(monkeypatch):
    """import_file that blocks until released: the window must stay responsive meanwhile."""
    release = threading.Event()
    started = threading.Event()
    real = importing.import_file

    def slow(path):
        started.set()
        release.wait(10)
        return real(path)

    monkeypatch.setattr(importing, "import_file", slow)
    yield release
    release.set()


def test_import_runs_off_the_ui_thread_and_cancel_changes_nothing(make_window, answers, tmp_path, qtbot, slow_import):
    window = make_window()
    doc = create(window)
    doc.set_cell("s3.new.natural", 9)
    report = doc.report
    source = tmp_path / "往年.txt"
    source.write_text("一、总体情况\n", encoding="utf-8")
    seen = {}

    def press_cancel():
        progress = window.findChild(QProgressDialog)
        seen["ticks"] = seen.get("ticks", 0) + 1  # the UI thread runs while the import works
        if progress is None or not progress.isVisible():
            QTimer.singleShot(50, press_cancel)
            return
        seen["label"] = progress.labelText()
        [button] = [b for b in progress.findChildren(QPushButton) if b.text() == "取消"]
        button.click()

    QTimer.singleShot(50, press_cancel)
    with within(10):
        assert not importing.import_report_file(window, source)
    assert "往年.txt" in seen["label"] and seen["ticks"] >= 1
    assert doc.report is report and doc.report.value("s3.new.natural") == 9
    assert "已取消导入" in window.statusBar().currentMessage() and answers.warnings == []
    slow_import.set()


def test_a_refused_import_in_the_background_says_why(make_window, answers, tmp_path):
    window = make_window()
    path = tmp_path / "大.txt"
    path.write_bytes(b"a" * (9 << 20))
    assert not importing.import_report_file(window, path)
    assert "8 MB以内" in answers.warnings[-1] and not window.has_report

"""Fixtures and helpers for the GUI tests (pytest-qt, offscreen).

Modal dialogs are replaced through ui.dialogs: each test queues the answers it expects,
and an unexpected question fails the test.
"""

from __future__ import annotations

import pytest

from app.report import Contact
from ui import dialogs
from ui.qt import QApplication, QEvent, QInputMethodEvent, QObject


def type_chinese(widget, text: str) -> None:
    """What an input method does when the clerk confirms a word (keyClicks aborts on non-ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class Answers:
    """Queued answers for ui.dialogs; records every question asked."""

    def __init__(self):
        self.choices: list[int] = []
        self.paths: list = []
        self.printers: list = []
        self.asked: list[str] = []
        self.warnings: list[str] = []

    def choose(self, parent, title, text, buttons, default=0, icon=None, details=""):
        self.asked.append(f"{title}|{text}|{details}")
        if not self.choices:
            raise AssertionError(f"unexpected question: {title}: {text} {buttons}")
        return self.choices.pop(0)

    def path(self, *args, **kwargs):
        if not self.paths:
            raise AssertionError(f"unexpected file dialog: {args[1] if len(args) > 1 else args}")
        return self.paths.pop(0)

    def warn(self, parent, title, text):
        self.warnings.append(f"{title}|{text}")

    def printer(self, parent):
        if not self.printers:
            raise AssertionError("unexpected print dialog")
        return self.printers.pop(0)


@pytest.fixture
def answers(monkeypatch) -> Answers:
    a = Answers()
    monkeypatch.setattr(dialogs, "choose", a.choose)
    monkeypatch.setattr(dialogs, "open_path", a.path)
    monkeypatch.setattr(dialogs, "save_path", a.path)
    monkeypatch.setattr(dialogs, "warn", a.warn)
    monkeypatch.setattr(dialogs, "inform", a.warn)
    monkeypatch.setattr(dialogs, "printer", a.printer)
    return a


@pytest.fixture
def no_network(monkeypatch):
    """Any socket the program creates fails the test (a subclass, so that ssl can still be imported)."""
    import socket

    attempts = []

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            attempts.append(args)
            raise AssertionError(f"network access attempted: socket{args}")

    def no_connection(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: create_connection{args}")

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", no_connection)
    yield attempts
    assert attempts == []


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(folder))
    monkeypatch.setenv("NIANBAO_AUTOSAVE_MS", "30")
    return folder


@pytest.fixture
def make_window(qtbot, data_dir, answers):
    from ui.main import make_app
    from ui.window import MainWindow

    make_app()
    made = []

    def make(start: bool = True, path=None, resize: bool = True):
        window = MainWindow()
        # not qtbot.addWidget: pytest-qt would close it before the teardown below
        if resize:
            window.resize(1366, 768)
        window.show()
        if start:
            window.start(path)
        made.append(window)
        return window

    yield make
    for window in made:  # no close questions after the test
        window.has_report = False
        window.close()
        window.deleteLater()


def create(window, organ="甘坊镇人民政府", year=2023):
    """Fill the start page like a clerk and press 新建报告."""
    sp = window.start_page
    sp.organ.clear()
    type_chinese(sp.organ, organ)
    sp.year.setValue(year)
    sp.department.clear()
    type_chinese(sp.department, "党政办公室")
    sp.phone.setText("0791-1234567")
    sp.create_button.click()
    assert window.screens.currentWidget() is window.editor
    return window.document


__all__ = ["Answers", "Contact", "answers", "create", "data_dir", "make_window", "no_network", "type_chinese"]


class PaintLog(QObject):
    """The rectangles each watched widget was asked to paint (counted, never timed)."""

    def __init__(self, *widgets):
        super().__init__()
        self.rects: dict[object, list] = {w: [] for w in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def clear(self) -> None:
        for rects in self.rects.values():
            rects.clear()

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched in self.rects:
            self.rects[watched].extend(event.region())
        return False

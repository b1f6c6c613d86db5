"""Busy feedback for work the clerk waits for (export, preview, print, open, save, import).

One context manager: the menu that started the work is closed and the window drawn
before the work begins (no half-drawn window while it runs), and the cursor is busy
until it ends. Questions and file dialogs are asked outside it.
"""

from __future__ import annotations

from contextlib import contextmanager

from ui.qt import QApplication, QEventLoop, Qt


@contextmanager
def busy(paint_first: bool = True):
    """paint_first=False: work done before the window was ever drawn (opening the draft the
    program was started with), where drawing first would only show a screen about to go."""
    popup = QApplication.activePopupWidget()
    while popup is not None:  # the menu the action came from, and its parent menus
        popup.close()
        following = QApplication.activePopupWidget()
        popup = following if following is not popup else None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    if paint_first:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()

"""Small widgets shared by the pages."""

from __future__ import annotations

from ui.qt import QEvent, QLabel, QPlainTextEdit, QSpinBox, Qt, QWidget

HINT_STYLE = "color: #555555;"


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


class NoWheelSpinBox(QSpinBox):
    """A spin box that ignores the mouse wheel unless focused (no silent changes while scrolling)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class TextEdit(QPlainTextEdit):
    """Plain text for the narrative; Tab moves focus instead of inserting a tab."""

    def __init__(self, parent: QWidget | None = None, min_lines: int = 6):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * min_lines + 12)

    def set_text_quietly(self, text: str) -> bool:
        """Replace the shown text only when it differs (keeps the cursor and undo history otherwise)."""
        if self.toPlainText() == text:
            return False
        blocked = self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(blocked)
        return True

    def event(self, e):
        if e.type() == QEvent.Type.Wheel and not self.hasFocus() and self.verticalScrollBar().maximum() == 0:
            e.ignore()  # let the page scroll
            return False
        return super().event(e)


def quiet_slot(function):
    """A slot that returns None: the window's methods return bools for tests and callers, and
    handing a Python return value back to a Qt signal is needless (and a suspect in a PySide
    refcount crash at exit)."""

    def call(*_args):
        function()

    return call

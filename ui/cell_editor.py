"""Typing into one number cell: the delegate, its QLineEdit and the validator.

The validator asks the core's parse_value (the one definition of a valid number) and
rewrites full-width input ("１２" from a Chinese IME) to ASCII as it is typed. Text the
core refuses stays in the editor, in red, with the reason (tooltip and the view's
message line), and cannot be committed: a typed "1.5" in a count never silently becomes
15. Enter, Tab and the arrows commit and ask the view to move the cursor.
"""

from __future__ import annotations

import unicodedata

from app.values import ValueProblem, normalize_text, parse_value
from ui.qt import (
    QApplication,
    QColor,
    QEvent,
    QLineEdit,
    QPalette,
    QStyledItemDelegate,
    Qt,
    QtGui,
    QtWidgets,
    QValidator,
    Signal,
)

DOWN, UP, LEFT, RIGHT, NEXT, PREVIOUS = "down", "up", "left", "right", "next", "previous"
PROBLEM_TEXT = QColor("#b00000")
PROBLEM_BASE = QColor("#ffe4e4")
EDITING_BASE = QColor("#fffbd6")


class CellValidator(QValidator):
    """Asks app.values.parse_value; rewrites full-width input ("１２") to ASCII as typed."""

    problem_changed = Signal(str)  # "" when the text is fine

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.problem = ""

    def problem_for(self, text: str) -> str:
        try:
            parse_value(text, self.kind)
        except ValueProblem as problem:
            if self._could_become_valid(text):
                return ""
            return str(problem)
        return ""

    def _could_become_valid(self, text: str) -> bool:
        raw = normalize_text(text)
        return raw in ("-", "+") and self.kind == "signed"

    def validate(self, text: str, pos: int):
        fixed = unicodedata.normalize("NFKC", text)
        if len(fixed) != len(text):  # keep the cursor where it was relative to the end
            pos = max(0, pos + len(fixed) - len(text))
        problem = self.problem_for(fixed)
        if problem != self.problem:
            self.problem = problem
            self.problem_changed.emit(problem)
        if problem or self._could_become_valid(fixed):
            # Intermediate, not Invalid: the refused text stays visible next to its
            # reason, and neither Enter nor Tab can commit it.
            return QValidator.State.Intermediate, fixed, pos
        return QValidator.State.Acceptable, fixed, pos


class CellEditor(QLineEdit):
    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.opened_by_typing = False  # then Left/Right leave the cell, as in Excel
        self.setFrame(False)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._normal = QPalette(self.palette())
        self._normal.setColor(QPalette.ColorRole.Base, EDITING_BASE)  # the cell being typed in stands out
        self.setPalette(self._normal)
        self.setValidator(CellValidator(kind, self))
        self.validator().problem_changed.connect(self._show_problem)

    @property
    def problem(self) -> str:
        return self.validator().problem

    def reuse_for(self, kind: str) -> None:
        """Ready for another cell, as a new editor would be (its text is set by the delegate)."""
        self.opened_by_typing = False
        validator = self.validator()
        validator.kind = kind
        validator.problem = ""
        self._show_problem("")

    def _show_problem(self, problem: str) -> None:
        palette = QPalette(self._normal)
        if problem:
            palette.setColor(QPalette.ColorRole.Text, PROBLEM_TEXT)
            palette.setColor(QPalette.ColorRole.Base, PROBLEM_BASE)
        self.setPalette(palette)
        self.setToolTip(problem)


class CellDelegate(QStyledItemDelegate):
    move_requested = Signal(str)
    problem = Signal(str)  # a refused value's reason, in Chinese; "" clears

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor: CellEditor | None = None
        # The closed editor, hidden, kept for the next cell: a new QLineEdit for every
        # number typed (created, polished, then deleted) was a good part of a keystroke.
        self._spare: CellEditor | None = None

    def createEditor(self, parent, option, index):
        model = index.model()
        key = model.key(index)
        kind = model.document.report.format.cells[key].kind
        editor, self._spare = self._spare, None
        if editor is not None and editor.parentWidget() is parent:
            editor.reuse_for(kind)
        else:
            editor = CellEditor(kind, parent)
            editor.validator().problem_changed.connect(self.problem)
            editor.textEdited.connect(self._preview_typed)
        self._preview_model, self._preview_key = model, key
        self.editor = editor  # cleared by SectionTableView.closeEditor
        return editor

    def _preview_typed(self, text: str) -> None:
        self._preview_model.preview(self._preview_key, text)

    def destroyEditor(self, editor, index):
        if getattr(self, "_preview_model", None) is not None:
            self._preview_model.end_preview()
            self._preview_model = None
        if isinstance(editor, CellEditor) and self._spare is None:
            self._spare = editor  # the view has hidden it and let go of it: kept for the next cell
            return
        super().destroyEditor(editor, index)

    def setEditorData(self, editor, index):
        editor.setText(index.model().data(index, Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor, event):
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, CellEditor):
            direction = self._direction(editor, event)
            if direction:
                if not editor.hasAcceptableInput():
                    self.problem.emit(editor.problem or "这个值还不完整")
                    return True  # refused: the clerk corrects it or presses Esc
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                self.move_requested.emit(direction)
                return True
        return super().eventFilter(editor, event)

    @staticmethod
    def _direction(editor: CellEditor, event) -> str | None:
        key, mods = event.key(), event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return None
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return UP if shift else DOWN
        if key == Qt.Key.Key_Tab:
            return NEXT
        if key == Qt.Key.Key_Backtab:
            return PREVIOUS
        if key == Qt.Key.Key_Up:
            return UP
        if key == Qt.Key.Key_Down:
            return DOWN
        if editor.opened_by_typing and not shift:
            if key == Qt.Key.Key_Left:
                return LEFT
            if key == Qt.Key.Key_Right:
                return RIGHT
        return None


class LabelDelegate(QStyledItemDelegate):
    """Paints the labels and headers, wrapped without an orphan character.

    A delegate of its own (set per header row and label column by the view): a Python
    initStyleOption runs for every cell painted, so the number cells keep CellDelegate,
    which has none and is painted by Qt alone.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._wrapped: dict[tuple[str, str, int], str] = {}  # labels are laid out once per width, not per paint

    def initStyleOption(self, option, index):
        super().initStyleOption(option, index)
        if option.text and index.model().key(index) is None:  # a label or header
            style = option.widget.style() if option.widget else QApplication.style()
            margin = 2 * (style.pixelMetric(QtWidgets.QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1)
            width = option.rect.width() - margin
            cache_key = (option.text, option.font.key(), width)
            wrapped = self._wrapped.get(cache_key)
            if wrapped is None:
                wrapped = self._wrapped[cache_key] = without_orphan(option.text, option.font, width)
            option.text = wrapped


def without_orphan(text: str, font, width: int) -> str:
    """Wrap as Qt would, but never leave one character alone on the last line.

    A narrow column otherwise shows 结果维 / 持; this gives 结果 / 维持.
    """
    if width <= 0 or "\n" in text or "\u2028" in text or QtGui.QFontMetrics(font).horizontalAdvance(text) <= width:
        return text
    layout = QtGui.QTextLayout(text, font)
    option = QtGui.QTextOption()
    option.setWrapMode(QtGui.QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    if len(lines) < 2 or len(lines[-1].strip()) > 1 or len(lines[-2]) < 3:
        return text
    lines[-2], lines[-1] = lines[-2][:-1], lines[-2][-1] + lines[-1]
    return "\u2028".join(lines)  # Qt's item painting ignores "\n" but honours LINE SEPARATOR

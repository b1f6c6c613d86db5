"""The grid a clerk types ~200 numbers into: keyboard first, validated at the cell.

Spans from the model's grid, column widths and row heights fitted to the window,
cursor movement that skips labels, Enter = commit and move down, Tab = next input cell,
Delete = 0, copy/paste of tab-separated blocks (Excel, WPS) as one undo step, and the
IME fix of engineering notes §2b (an IME commit on a cell that is not being edited
opens the editor WITH the committed text). Typing itself: ui.cell_editor.
"""

from __future__ import annotations

from app.layout import level_up
from app.paste import block_rows, fill_selection, plan_paste
from app.values import ValueProblem
from ui.cell_editor import DOWN, LEFT, NEXT, PREVIOUS, RIGHT, UP, CellDelegate, LabelDelegate
from ui.frozen_panes import FrozenPanes
from ui.qt import (
    QAbstractItemView,
    QApplication,
    QItemSelectionModel,
    QKeySequence,
    QModelIndex,
    QStyle,
    Qt,
    QTableView,
    QtCore,
    QtGui,
    QtWidgets,
    Signal,
)
from ui.table_layout import CORNER, LABEL, TITLE, VALUE
from ui.table_model import SectionTableModel

REFUSED_SUFFIX = "（改正后按Enter确认，或按Esc放弃）"


CELL_PAD = 14  # pixels around a cell's text (delegate margins, focus frame, grid line)


def _share(rest: int, needs: list[int]) -> list[int]:
    """Number column widths filling `rest` pixels: equal shares, as in the official
    tables, except that a column whose numbers need more keeps what they need."""
    if not needs or rest <= sum(needs):
        return list(needs)
    widths = [int(w) for w in level_up([float(n) for n in needs], rest)]
    for j in range(rest - sum(widths)):  # share every pixel: no strip left at the right edge
        widths[j % len(widths)] += 1
    return widths


class SectionTableView(QTableView):
    message = Signal(str, bool)  # text for the clerk, True if it reports a problem
    findings_shown = Signal(str)  # a value was committed here: show what it upsets

    def __init__(self, model: SectionTableModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.label_delegate = LabelDelegate(self)
        self._label_rows: list[int] = []
        self._label_columns: list[int] = []
        self.delegate.move_requested.connect(self.move_current)
        self.delegate.problem.connect(self._problem)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setCornerButtonEnabled(False)
        self.frozen = FrozenPanes(self)
        for bar in (self.verticalScrollBar(), self.horizontalScrollBar()):
            bar.rangeChanged.connect(self._place_frozen)
        model.modelReset.connect(self._layout_grid)
        model.values_shown.connect(self._widen_for_values)
        self._layout_grid()
        self._add_context_actions()

    def _add_context_actions(self) -> None:
        # Shortcuts are only shown, not set: the keys are handled in keyPressEvent, so
        # they never clash with the main window's Edit menu. Slots are bound methods, not
        # lambdas: a lambda holding self, connected to a child, made PySide delete a
        # "shared QObject" when the widget was collected (heap corruption at exit).
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, keys, slot in (
            ("复制", QKeySequence.StandardKey.Copy, self._copy_triggered),
            ("粘贴", QKeySequence.StandardKey.Paste, self._paste_triggered),
            ("清零（设为0）", QKeySequence(Qt.Key.Key_Delete), self._zero_triggered),
        ):
            shortcut = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            action = QtGui.QAction(f"{text}\t{shortcut}", self)
            action.triggered.connect(slot)
            self.addAction(action)

    def _copy_triggered(self, _checked: bool = False) -> None:
        self.copy_selection()

    def _paste_triggered(self, _checked: bool = False) -> None:
        self.paste()

    def _zero_triggered(self, _checked: bool = False) -> None:
        self.zero_selection()

    def model(self) -> SectionTableModel:  # typed accessor
        return super().model()

    # ---- grid geometry ------------------------------------------------------------
    def _layout_grid(self) -> None:
        self.clearSpans()
        for cell in self.model().grid.spans():
            self.setSpan(cell.row, cell.column, cell.row_span, cell.column_span)
        self._assign_delegates()
        self.fit_to_width()
        grid = self.model().grid
        # the heading rows: those above the first row label; a grid of stacked tables
        # (二) has headings further down too, so only a single table freezes its own
        stacked = any(cell.kind == TITLE for cell in grid.cells)
        body = [cell.row for cell in grid.cells if cell.kind in (LABEL, VALUE)]
        rows = 0 if stacked or not body else min(body)
        self.frozen.set_frozen(rows, grid.label_columns, grid.spans())
        first = self._first_input()
        if first.isValid():
            self.setCurrentIndex(first)

    def _assign_delegates(self) -> None:
        """Labels and headers (rows without numbers, the label columns) get the wrapping
        LabelDelegate; the number cells keep the plain CellDelegate (painted without Python)."""
        for row in self._label_rows:
            self.setItemDelegateForRow(row, None)
        for column in self._label_columns:
            self.setItemDelegateForColumn(column, None)
        grid = self.model().grid
        value_rows = {cell.row for cell in grid.cells if cell.kind == VALUE}
        self._label_rows = [row for row in range(grid.rows) if row not in value_rows]
        self._label_columns = list(range(grid.label_columns))
        for row in self._label_rows:
            self.setItemDelegateForRow(row, self.label_delegate)
        for column in self._label_columns:
            self.setItemDelegateForColumn(column, self.label_delegate)

    def _place_frozen(self, *_range) -> None:
        self.frozen.place()

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        """As QTableView, then out from under the frozen headings and row labels."""
        super().scrollTo(index, hint)
        if not index.isValid() or not hasattr(self, "frozen"):
            return
        rect = self.visualRect(index)
        if index.row() >= self.frozen.rows and rect.top() < self.frozen.height():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (self.frozen.height() - rect.top()))
        if index.column() >= self.frozen.columns and rect.left() < self.frozen.width():
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (self.frozen.width() - rect.left()))

    def fit_to_width(self, width: int | None = None) -> None:
        """Column widths for the available width, then row heights for the wrapped labels.

        The vertical scroll bar's width is kept free only when the rows do not fit anyway
        (section 三), so short tables (二, 四) use the full width.
        """
        grid = self.model().grid
        if not grid.columns:
            return
        fm = QtGui.QFontMetrics(self.font())
        frame = 2 * self.frameWidth()
        asked = width
        if width is None:
            width = self.width() - frame
        widths = self._column_widths(fm, width)
        heights = self._row_heights(fm, widths)
        overflow = sum(heights) + frame > self.height()
        self._fitted = (self.width(), sum(heights) + frame, overflow) if asked is None else None
        if overflow:
            width -= self.verticalScrollBar().sizeHint().width()
            widths = self._column_widths(fm, width)
            heights = self._row_heights(fm, widths)
        for column, w in enumerate(widths):
            self.setColumnWidth(column, w)
        for row, h in enumerate(heights):
            self.setRowHeight(row, h)
        self.frozen.sync_sizes()
        # No empty frame under a short table: the view is never taller than its rows.
        scroll = self.horizontalScrollBar().sizeHint().height() if sum(widths) > width else 0
        self.setMaximumHeight(sum(heights) + frame + scroll)

    def _column_widths(self, fm, width: int) -> list[int]:
        grid = self.model().grid
        em = fm.horizontalAdvance("中")
        width = max(width, 200)
        L = grid.label_columns
        needs = self._number_needs(fm)[L:]
        widths: list[int] = []
        rest = width
        if L:
            natural = [0] * L
            for cell in grid.cells:
                if cell.kind in (LABEL, CORNER) and cell.column_span == 1:
                    natural[cell.column] = max(natural[cell.column], fm.horizontalAdvance(cell.text))
            for level in range(L - 1):  # outer levels: merged group labels, kept narrow
                widths.append(max(3 * em, min(natural[level], 7 * em)) + CELL_PAD)
            last = max(6 * em, min(natural[L - 1], 15 * em)) + CELL_PAD
            rest = width - sum(widths) - last
            if rest < sum(needs):  # narrow window: give up label width before numbers
                last = max(8 * em + CELL_PAD, width - sum(widths) - sum(needs))
                rest = width - sum(widths) - last
            widths.append(last)
        return widths + _share(rest, needs)

    def _number_needs(self, fm) -> list[int]:
        """Per column, the width its widest number needs, and never less than a 6-digit
        number (a county's or a department's figures) or four characters. Numbers are
        never wrapped or cut off: a window too narrow for them scrolls sideways."""
        grid, model = self.model().grid, self.model()
        em = fm.horizontalAdvance("中")
        floor = max(4 * em if grid.label_columns else 3 * em, fm.horizontalAdvance("0" * 6)) + CELL_PAD
        needs = [floor] * grid.columns
        for cell in grid.cells:
            if cell.kind == VALUE and cell.column_span == 1:
                needs[cell.column] = max(needs[cell.column], self._value_width(fm, model.index(cell.row, cell.column)))
        return needs

    def _value_width(self, fm, index: QModelIndex) -> int:
        """Width a value cell needs: its text, and the flag icon beside it when flagged."""
        text = self.model().data(index) or ""
        icon = 0
        if self.model().data(index, Qt.ItemDataRole.DecorationRole) is not None:
            icon = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        return fm.horizontalAdvance(str(text)) + icon + CELL_PAD

    def _widen_for_values(self, indexes: list) -> None:
        """A value wider than its column (a county's 7- or 8-digit total) refits the grid.

        Told once per refresh by the model, with the cells whose text or icon changed (not
        on each dataChanged: a Python slot there ran for every cell of every keystroke)."""
        fm = QtGui.QFontMetrics(self.font())
        for index in indexes:
            if self._value_width(fm, index) > self.columnWidth(index.column()):
                self.fit_to_width()
                return

    def _row_heights(self, fm, widths: list[int]) -> list[int]:
        grid = self.model().grid
        minimum = fm.height() + 12
        heights = [minimum] * grid.rows
        needs: list[tuple[int, int, int]] = []
        for cell in grid.cells:
            if not cell.text:
                continue
            span_width = sum(widths[cell.column : cell.column + cell.column_span]) - 10
            flags = int(Qt.TextFlag.TextWordWrap)
            rect = fm.boundingRect(QtCore.QRect(0, 0, max(span_width, 10), 100000), flags, cell.text)
            need = rect.height() + 12
            if cell.row_span == 1:
                heights[cell.row] = max(heights[cell.row], need)
            else:
                needs.append((cell.row, cell.row_span, need))
        for row, span, need in needs:  # merged cells: share what is missing among their rows
            have = sum(heights[row : row + span])
            if have < need:
                add = -(-(need - have) // span)
                for r in range(row, row + span):
                    heights[r] += add
        return heights

    # ---- focus: what looks different with and without it -------------------------------
    # QAbstractItemView repaints the whole grid whenever the view gains or loses focus,
    # and QWidget's own focus handlers repaint the whole widget, scroll bars included
    # (Fusion's vertical bar alone took ~1.4 ms, the grid ~3 ms with its labels painted
    # through Python). With focus or without, only the frame, the current cell's focus
    # frame and the selected cells' highlight (active or inactive) can look different;
    # when the focus only moves into our own cell editor and back (every number typed),
    # only the current cell, under the editor.
    _focus_with_editor = False

    def focusOutEvent(self, event):
        taker = QApplication.focusWidget()
        self._focus_with_editor = taker is not None and taker is not self and self.viewport().isAncestorOf(taker)
        self._update_focus_look(selection=not self._focus_with_editor)

    def focusInEvent(self, event):
        current = self.currentIndex()
        round_trip, self._focus_with_editor = self._focus_with_editor, False
        if not current.isValid():  # Qt picks the first cell
            super().focusInEvent(event)
            return
        # as QAbstractItemView::focusInEvent: input methods only where a value can be typed
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, bool(current.flags() & Qt.ItemFlag.ItemIsEditable))
        self._update_focus_look(selection=not round_trip)

    def _update_focus_look(self, selection: bool) -> None:
        frame = self.frameWidth()
        inner = self.rect().adjusted(frame, frame, -frame, -frame)
        self.update(QtGui.QRegion(self.rect()).subtracted(QtGui.QRegion(inner)))
        cells = QtGui.QRegion(self.visualRect(self.currentIndex()))
        if selection:
            for index in self.selectionModel().selectedIndexes():
                cells += self.visualRect(index)
        self.viewport().update(cells)

    _fitted: tuple[int, int, bool] | None = None  # width, rows' height, rows overflow: the last fit

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.oldSize() != event.size() and not self._fit_unchanged():
            self.fit_to_width()

    def _fit_unchanged(self) -> bool:
        """Only the height changed (the message line below took a line more or less) and the
        rows overflow it as before: fit_to_width would come to the same widths and heights,
        after wrapping every label again (~5 ms on each commit in a small window)."""
        if self._fitted is None:
            return False
        width, rows, overflow = self._fitted
        return width == self.width() and (rows > self.height()) == overflow

    def sizeHint(self):
        hint = super().sizeHint()
        return QtCore.QSize(hint.width(), min(hint.height(), 600))

    # ---- cursor --------------------------------------------------------------------
    def _cell_ok(self, row: int, column: int, inputs_only: bool):
        model = self.model()
        cell = model.grid.at(row, column)
        if cell.kind != VALUE:
            return None
        index = model.index(cell.row, cell.column)
        if inputs_only and not model.is_input(index):
            return None
        return index

    def _first_input(self) -> QModelIndex:
        for cell in self.model().grid.cells:
            index = self._cell_ok(cell.row, cell.column, True)
            if index is not None:
                return index
        return QModelIndex()

    def _last_input(self) -> QModelIndex:
        for cell in reversed(self.model().grid.cells):
            index = self._cell_ok(cell.row, cell.column, True)
            if index is not None:
                return index
        return QModelIndex()

    def _reading_order(self, current: QModelIndex, step: int) -> QModelIndex | None:
        cells = [c for c in self.model().grid.cells if c.kind == VALUE]
        if step < 0:
            cells.reverse()
        here = (current.row(), current.column())
        for cell in cells:
            pos = (cell.row, cell.column)
            if (pos > here) if step > 0 else (pos < here):
                index = self._cell_ok(cell.row, cell.column, True)
                if index is not None:
                    return index
        return None

    def target(self, current: QModelIndex, direction: str, inputs_only: bool) -> QModelIndex | None:
        """Where the cursor goes from `current`; None when there is nowhere to go."""
        model = self.model()
        grid = model.grid
        if not current.isValid():
            first = self._first_input()
            return first if first.isValid() else None
        if direction in (NEXT, PREVIOUS):
            return self._reading_order(current, 1 if direction == NEXT else -1)
        here = grid.at(current.row(), current.column())
        row, column = current.row(), current.column()
        if direction in (DOWN, UP):
            step = 1 if direction == DOWN else -1
            r = here.row + here.row_span if step > 0 else here.row - 1
            while 0 <= r < grid.rows:
                index = self._cell_ok(r, column, inputs_only)
                if index is not None and index != model.index(here.row, here.column):
                    return index
                r += step
            if direction == DOWN and inputs_only:
                return self._next_column_top(here.column + here.column_span)
            return None
        step = 1 if direction == RIGHT else -1
        c = here.column + here.column_span if step > 0 else here.column - 1
        while 0 <= c < grid.columns:
            index = self._cell_ok(row, c, inputs_only)
            if index is not None and index != model.index(here.row, here.column):
                return index
            c += step
        return None

    def _next_column_top(self, start: int) -> QModelIndex | None:
        """Enter at the foot of a column continues at the top of the next one."""
        grid = self.model().grid
        for c in range(start, grid.columns):
            for r in range(grid.rows):
                if grid.is_origin(r, c):
                    index = self._cell_ok(r, c, True)
                    if index is not None:
                        return index
        return None

    def moveCursor(self, action, modifiers):
        A = QAbstractItemView.CursorAction
        mapping = {
            A.MoveUp: UP,
            A.MoveDown: DOWN,
            A.MoveLeft: LEFT,
            A.MoveRight: RIGHT,
            A.MoveNext: NEXT,
            A.MovePrevious: PREVIOUS,
        }
        direction = mapping.get(action)
        current = self.currentIndex()
        if action in (A.MoveHome, A.MoveEnd) and modifiers & Qt.KeyboardModifier.ControlModifier:
            # Ctrl+Home / Ctrl+End: the first / last cell to fill in
            found = self._first_input() if action == A.MoveHome else self._last_input()
            return found if found.isValid() else current
        if direction is None and current.isValid():
            grid = self.model().grid
            if action in (A.MoveHome, A.MoveEnd):  # first / last number of the row
                columns = range(grid.columns) if action == A.MoveHome else range(grid.columns - 1, -1, -1)
                found = (self._cell_ok(current.row(), c, False) for c in columns)
                return next((i for i in found if i is not None), current)
            if action in (A.MovePageUp, A.MovePageDown):  # land on a number, never on a label
                row = super().moveCursor(action, modifiers).row()
                step = 1 if row < current.row() else -1
                for r in range(row, current.row(), step):
                    index = self._cell_ok(r, current.column(), False)
                    if index is not None:
                        return index
                return current
        if direction is None:
            return super().moveCursor(action, modifiers)
        found = self.target(self.currentIndex(), direction, inputs_only=direction in (NEXT, PREVIOUS))
        return found if found is not None else self.currentIndex()

    def move_current(self, direction: str) -> bool:
        """After a commit: Enter goes down, Tab to the next input cell, arrows as pointed."""
        found = self.target(self.currentIndex(), direction, inputs_only=direction in (DOWN, UP, NEXT, PREVIOUS))
        if found is None:
            return False
        self.setCurrentIndex(found)
        self.scrollTo(found)
        return True

    # ---- keys ------------------------------------------------------------------------
    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self.model().document.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or event.keyCombination() == QtCore.QKeyCombination(
            Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y
        ):
            self.model().document.redo()
            return
        if self.state() != QAbstractItemView.State.EditingState:
            key = event.key()
            plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.move_current(UP if shift else DOWN)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
                self.zero_selection()
                return
            if key == Qt.Key.Key_Tab and plain or key == Qt.Key.Key_Backtab:
                if not self.move_current(PREVIOUS if key == Qt.Key.Key_Backtab else NEXT):
                    event.ignore()  # past the last cell: let focus leave the table
                return
            if plain and event.text().strip() and not self.model().is_input(self.currentIndex()):
                self._problem(self._why_not_editable(self.currentIndex()))
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint):
        refused = bool(getattr(editor, "problem", ""))
        if editor is self.delegate.editor:
            self.delegate.editor = None
        super().closeEditor(editor, hint)
        if refused:  # Esc or a click elsewhere dropped the refused text: the old value stands
            self.message.emit("", False)

    def commitData(self, editor):
        super().commitData(editor)
        # Say at once what the committed value upset (the cells turn red as well); the
        # line then follows the findings (ui.tables), so an undo clears it.
        key = self.model().key(self.currentIndex())
        if key:
            self.findings_shown.emit(key)

    def keyboardSearch(self, search: str) -> None:
        pass  # typing on a total or a label must not jump the cursor to a label starting with it

    def _why_not_editable(self, index: QModelIndex) -> str:
        key = self.model().key(index)
        if key:
            return f"“{self.model().document.report.format.cells[key].where}”是自动计算的合计，不能直接填写"
        return "这里是表头，请先用方向键选中要填写的单元格"

    def edit(self, index, trigger=None, event=None):
        if trigger is None:
            return super().edit(index)
        opened = super().edit(index, trigger, event)
        if opened and self.delegate.editor is not None:
            self.delegate.editor.opened_by_typing = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        return opened

    def inputMethodEvent(self, event):
        # Engineering notes §2b: Qt opens the editor on an IME commit but drops the
        # committed text ("５" from a Chinese IME in 全角 mode). Open it ourselves and
        # hand the same event to the editor.
        if self.state() != QAbstractItemView.State.EditingState and event.commitString():
            index = self.currentIndex()
            if not self.model().is_input(index):
                self._problem(self._why_not_editable(index))
                event.accept()
                return
            if self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event) and self.delegate.editor:
                editor = self.delegate.editor
                editor.selectAll()
                QApplication.sendEvent(editor, event)
                event.accept()
                return
        super().inputMethodEvent(event)

    def _problem(self, text: str) -> None:
        editor = self.delegate.editor
        if text and editor is not None:
            QtWidgets.QToolTip.showText(editor.mapToGlobal(QtCore.QPoint(0, editor.height())), text, editor)
            text += REFUSED_SUFFIX
        self.message.emit(text, bool(text))

    # ---- block operations --------------------------------------------------------------
    def _selected_inputs(self) -> list[str]:
        model = self.model()
        keys = [model.key(i) for i in self.selectedIndexes() if model.is_input(i)]
        if not keys and model.is_input(self.currentIndex()):
            keys = [model.key(self.currentIndex())]
        return list(dict.fromkeys(keys))

    def zero_selection(self) -> None:
        keys = self._selected_inputs()
        if not keys:
            self._problem(self._why_not_editable(self.currentIndex()))
            return
        self.model().set_zero(keys, "清零" if len(keys) > 1 else "")

    def copy_selection(self) -> str:
        model = self.model()
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return ""
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for r in range(min(rows), max(rows) + 1):
            line = []
            for c in range(min(cols), max(cols) + 1):
                index = model.index(r, c)
                shown = (r, c) in chosen and model.grid.is_origin(r, c)
                line.append(str(model.data(index) or "") if shown else "")
            lines.append("\t".join(line))
        text = "\n".join(lines)
        QApplication.clipboard().setText(text)
        self.message.emit(f"已复制{len(indexes)}个单元格", False)
        return text

    def paste(self, text: str | None = None) -> None:
        """Paste a tab/newline block from Excel or WPS at the current cell, as one undo step
        (which value goes where: app.paste)."""
        if text is None:
            text = QApplication.clipboard().text()
        rows = block_rows(text)
        if not rows:
            self._problem("剪贴板中没有可以粘贴的内容")
            return
        model = self.model()
        if len(rows) == 1 and len(rows[0]) == 1 and len(self._selected_inputs()) > 1:
            self._paste_into_selection(rows[0][0])
            return
        start = model.origin(self.currentIndex()) if self.currentIndex().isValid() else self._first_input()
        plan = plan_paste(
            model.document.report.format,
            rows,
            (start.row(), start.column()),
            (model.grid.rows, model.grid.columns),
            lambda r, c: model.key(model.index(r, c)),
        )
        if plan.values:
            model.document.set_cells(plan.values, text=f"粘贴{len(plan.values)}个单元格")
            self._select_block(start, len(rows), max(len(r) for r in rows))
        self.message.emit(plan.message, plan.problem)

    def _paste_into_selection(self, raw: str) -> None:
        """One copied value pasted over a selection fills every input cell of it (as Excel does)."""
        try:
            values = fill_selection(self.model().document.report.format, raw, self._selected_inputs())
        except ValueProblem as problem:
            self.message.emit(f"未粘贴（原值不变）：{problem}", True)
            return
        self.model().document.set_cells(values, text=f"粘贴{len(values)}个单元格")
        self.message.emit(f"已把“{raw.strip()}”粘贴到选中的{len(values)}个单元格", False)

    def _select_block(self, start: QModelIndex, rows: int, columns: int) -> None:
        model = self.model()
        bottom = min(start.row() + rows, model.rowCount()) - 1
        right = min(start.column() + columns, model.columnCount()) - 1
        selection = QtCore.QItemSelection(start, model.index(bottom, right))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

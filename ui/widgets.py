"""Small widgets shared by the pages."""

from __future__ import annotations

import datetime as dt

from app.formats import all_formats
from ui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QObject,
    QPlainTextEdit,
    QSpinBox,
    QStyleOptionViewItem,
    Qt,
    QtCore,
    QTimer,
    QtWidgets,
    QWidget,
    Signal,
)

HINT_STYLE = "color: #555555;"


class RowUpdatingList(QListWidget):
    """A QListWidget that repaints only the row whose text, icon or tooltip changed.

    QListView answers any change of one item by laying out and repainting every row (the
    step list's whole column on each keystroke that changes a step's status). When the
    changed row keeps its height, only that row is repainted; otherwise QListView lays
    out as before.
    """

    # roles that can change a row's height; a tooltip or a colour cannot
    SIZE_ROLES = frozenset(
        (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.SizeHintRole,
        )
    )

    def dataChanged(self, top_left, bottom_right, roles=()):
        one_row = top_left == bottom_right and top_left.isValid()
        if one_row and (roles and not self.SIZE_ROLES & set(roles) or self._same_height(top_left)):
            QtWidgets.QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)
            return
        super().dataChanged(top_left, bottom_right, roles)

    def _same_height(self, index) -> bool:
        """Whether the row's new size is the one it was laid out with. visualRect() gives the
        row's laid-out position but its current size hint, so the laid-out height is read from
        where the next row starts (QListView puts the spacing above and below each row); the
        last row, and a hidden list (laid out when shown), always take the full layout."""
        row = index.row()
        if not self.isVisible() or row + 1 >= self.count():
            return False
        shown = self.visualRect(index)  # lays out first if rows were added or removed
        below = self.visualRect(index.siblingAtRow(row + 1))
        if not (shown.isValid() and below.isValid()):
            return False
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        spacing = self.spacing()  # as QListView lays out: wrapped to the viewport's width
        option.rect = self.viewport().rect().adjusted(spacing, spacing, -spacing, -spacing)
        laid_out = below.top() - shown.top() - 2 * spacing
        return self.itemDelegateForIndex(index).sizeHint(option, index).height() == laid_out


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


class DateEdit(QDateEdit):
    """年/月/日 typed as a clerk types them: a click selects the part clicked (as Windows'
    date fields do), so typing 2024 replaces the year instead of being refused as a
    five-digit year; the calendar stays for the mouse."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy年M月d日")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.lineEdit().installEventFilter(self)  # the click lands on the inner line edit

    def eventFilter(self, watched, event) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease:
            # the press has placed the cursor (and chosen the section) by now
            section = self.currentSection()
            if section != QDateEdit.Section.NoSection and not self.lineEdit().hasSelectedText():
                QTimer.singleShot(0, lambda: self.setSelectedSection(self.currentSection()))
        return super().eventFilter(watched, event)

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def set_date(self, date) -> None:
        """Show a datetime.date (from the report), without a dateChanged."""
        blocked = self.blockSignals(True)
        self.setDate(QDate(date.year, date.month, date.day))
        self.blockSignals(blocked)

    def value(self):
        q = self.date()
        return dt.date(q.year(), q.month(), q.day())


def is_history_key(event) -> bool:
    """Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z: the report's one undo history, wherever the focus is."""
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    return event.keyCombination() == QtCore.QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y)


class HistoryKeys(QObject):
    """Installed on a line edit: its own undo keys are declined, so the window's 撤销/重做
    (the report's history) get them instead of the widget's private one."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and is_history_key(event):
            event.ignore()
            return True
        return False


def use_report_history(*widgets) -> None:
    for widget in widgets:
        widget.installEventFilter(HistoryKeys(widget))  # owned by the widget: goes with it


def _qt_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class TextEdit(QPlainTextEdit):
    """Plain text for the narrative; Tab moves focus instead of inserting a tab.

    It keeps no undo history of its own: every keystroke is a step of the report's history
    (typing in one go merges), so Ctrl+Z here does what the toolbar does."""

    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None, min_lines: int = 6):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self.history = None  # the report's QUndoStack, for the context menu's 撤销/重做
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * min_lines + 12)

    def context_menu(self):
        """The right-click menu, its 撤销/重做 the report's (like Ctrl+Z/Ctrl+Y here)."""
        menu = self.createStandardContextMenu()
        for action in [a for a in menu.actions() if a.objectName() in ("edit-undo", "edit-redo")]:
            menu.removeAction(action)
        if self.history is not None:
            first = menu.actions()[0] if menu.actions() else None
            menu.insertAction(first, self.history.createUndoAction(menu, "撤销"))
            menu.insertAction(first, self.history.createRedoAction(menu, "重做"))
        return menu

    def contextMenuEvent(self, e):
        menu = self.context_menu()
        menu.exec(e.globalPos())
        menu.deleteLater()

    def set_text_quietly(self, text: str) -> bool:
        """Show text without a textChanged (it came from the report); the cursor goes to the
        end of what changed, as after an undo in a word processor."""
        old = self.toPlainText()
        if old == text:
            return False
        start = 0
        while start < min(len(old), len(text)) and old[start] == text[start]:
            start += 1
        end = 0
        while end < min(len(old), len(text)) - start and old[-1 - end] == text[-1 - end]:
            end += 1
        blocked = self.blockSignals(True)
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.setPosition(_qt_length(text[: len(text) - end]))
        self.setTextCursor(cursor)
        self.blockSignals(blocked)
        return True

    def event(self, e):
        if e.type() == QEvent.Type.ShortcutOverride and is_history_key(e):
            e.ignore()  # leave Ctrl+Z/Ctrl+Y to the window's 撤销/重做
            return True
        if e.type() == QEvent.Type.Wheel and not self.hasFocus() and self.verticalScrollBar().maximum() == 0:
            e.ignore()  # let the page scroll
            return False
        return super().event(e)

    def focusOutEvent(self, e):
        super().focusOutEvent(e)
        self.focus_left.emit()


def quiet_slot(function):
    """A slot that returns None: the window's methods return bools for tests and callers, and
    handing a Python return value back to a Qt signal is needless (and a suspect in a PySide
    refcount crash at exit)."""

    def call(*_args):
        function()

    return call


class ReportFields:
    """The organ/year/format/date/contact fields, shared by the start page and 基本信息,
    so that both ask for a report's details the same way."""

    def __init__(self, date_toggle_text: str, department_hint: str, with_title: bool):
        self.organ = QLineEdit()
        self.organ.setPlaceholderText("如：甘坊镇人民政府")
        self.year = NoWheelSpinBox()
        self.year.setRange(2000, 2100)
        self.format = QComboBox()
        for fmt in all_formats().values():
            self.format.addItem(fmt.name, fmt.id)
        self.has_date = QCheckBox(date_toggle_text)
        self.date = DateEdit()
        self.title_edit = QLineEdit() if with_title else None
        self.department = QLineEdit()
        self.department.setPlaceholderText(department_hint)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.person = QLineEdit()

    def add_rows(self, form: QFormLayout) -> None:
        date_row = QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date, 1)
        form.addRow("机关名称", self.organ)
        form.addRow("报告年度", self.year)
        form.addRow("报告格式", self.format)
        form.addRow("成文日期", date_row)
        if self.title_edit is not None:
            form.addRow("标题", self.title_edit)
        form.addRow("联系部门", self.department)
        form.addRow("地址", self.address)
        form.addRow("电话", self.phone)
        form.addRow("联系人", self.person)

    def expose_on(self, owner) -> None:
        """The fields as attributes of the page that shows them (page.organ, page.year …)."""
        for name in ("organ", "year", "format", "has_date", "date", "department", "address", "phone", "person"):
            setattr(owner, name, getattr(self, name))
        if self.title_edit is not None:
            owner.title_edit = self.title_edit

"""A Qt item model over one section's grid: a thin adapter, it holds no truth.

Values come from document.report, edits go to document.set_cell(s) (undoable), flags
come from document.cell_findings. The grid itself (labels, headers, merged cells) is
ui.table_layout's, derived from the format definition.

Painting asks for every role of every visible cell on each repaint, and a keystroke
repaints the whole grid (the editor takes and returns the focus): with data() in Python
that was ~150 cells × 7 roles of Python calls per keystroke. So the model is a
QStandardItemModel whose items hold what each cell shows, worked out here from the
document and refreshed for exactly the cells the document says changed; Qt paints from
its own storage without calling Python. Edits still go only through setData → document.
"""

from __future__ import annotations

from app.checks import ERROR
from app.formats import Section
from app.values import ValueProblem, format_value, parse_value
from ui.document import ReportDocument
from ui.qt import QBrush, QColor, QFont, QModelIndex, Qt, QtGui, QtWidgets, Signal
from ui.table_layout import BLANK, CORNER, HEADER, LABEL, TITLE, VALUE, GridCell, SectionGrid, section_grid

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the report cell key of a VALUE cell
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the GridCell kind (title, header, label, value…)

# Light colours so text stays readable; flags also carry an icon and a tooltip,
# never colour alone.
LABEL_BACKGROUND = QColor("#f6f6f4")
TOTAL_BACKGROUND = QColor("#e3e3e3")
TOTAL_FOREGROUND = QColor("#333333")
ERROR_BACKGROUND = QColor("#ffc4c4")
WARNING_BACKGROUND = QColor("#ffe9a8")
TEXT_FOREGROUND = QColor("#000000")

# Every role a cell can have; any other role is None.
_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    KEY_ROLE,
    KIND_ROLE,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
)


class SectionTableModel(QtGui.QStandardItemModel):
    values_shown = Signal(list)  # indexes whose text or flag icon changed, once per refresh

    def __init__(self, document: ReportDocument, section: Section, parent=None):
        super().__init__(parent)
        self.document = document
        self.section_key = section.key
        self._format_id = document.report.template
        self.grid: SectionGrid = section_grid(document.report.format, section.key)
        self._preview: dict | None = None  # cell findings while a value is being typed
        self._flagged: dict[str, list] = self._flagged_findings()  # what the flagged cells show
        self._icons: dict[str, object] = {}
        self._stale: set[str] = set()  # the cell under the editor, refreshed once it closes
        self._fill()
        # One slot for the whole record: the cells and the flags of an edit are refreshed in
        # one pass (cells_changed and findings_changed apart refreshed the edited cell twice).
        document.changed.connect(self._on_changed)

    # ---- structure -----------------------------------------------------------------
    def _fill(self) -> None:
        """One item per grid position, holding the cell's roles and flags."""
        self._key_at = {(c.row, c.column): c.key for c in self.grid.cells if c.key}
        self._stored: dict[tuple[int, int], dict[int, object]] = {}  # what each item holds, role by role
        self.setRowCount(self.grid.rows)
        self.setColumnCount(self.grid.columns)
        for row in range(self.grid.rows):
            for column in range(self.grid.columns):
                item = QtGui.QStandardItem()
                index = self.index(row, column)
                item.setFlags(self._flags(index))
                self.setItem(row, column, item)
                self._store(item, self._roles(index))

    def cell(self, index: QModelIndex) -> GridCell:
        return self.grid.at(index.row(), index.column())

    def origin(self, index: QModelIndex) -> QModelIndex:
        """The top-left index of the merged cell covering `index`."""
        cell = self.cell(index)
        if cell.kind == BLANK:
            return index
        return self.index(cell.row, cell.column)

    def index_for_key(self, key: str) -> QModelIndex:
        cell = self.grid.by_key.get(key)
        return self.index(cell.row, cell.column) if cell else QModelIndex()

    def key(self, index: QModelIndex) -> str | None:
        return self._key_at.get((index.row(), index.column())) if index.isValid() else None

    def is_input(self, index: QModelIndex) -> bool:
        key = self.key(index)
        return key is not None and not self.document.report.format.cells[key].computed

    def input_keys(self) -> list[str]:
        cells = self.document.report.format.cells
        return [k for k in self.grid.by_key if not cells[k].computed]

    # ---- what each cell shows (stored in the items) ----------------------------------------
    def _flags(self, index: QModelIndex) -> Qt.ItemFlag:
        key = self.key(index)
        if key is None:
            # Labels stay "enabled" so Fusion paints them in normal text colour, but
            # they cannot be selected or edited: the cursor skips them.
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.document.report.format.cells[key].computed:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _store(self, item: QtGui.QStandardItem, roles: dict[int, object]) -> bool:
        """Put into the item the roles that differ from what it holds (None: the role is
        removed); returns whether its text or flag icon changed.

        Role by role, not with setItemData: that converted all eleven roles on each call,
        and a None among other roles left an entry behind in the item each time, so every
        later setItemData and every paint of the cell got slower as the clerk typed (after
        a few thousand refreshes, a tenth of a millisecond more per cell)."""
        stored = self._stored.setdefault((item.row(), item.column()), {})
        shown = False
        for role, value in roles.items():
            if role == Qt.ItemDataRole.EditRole:
                continue  # QStandardItem keeps one text for DisplayRole and EditRole
            before = stored.get(role)
            if value is before or (value is not None and before is not None and value == before):
                continue
            item.setData(value, role)
            if value is None:
                stored.pop(role, None)
            else:
                stored[role] = value
            shown = shown or role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole)
        return shown

    def _roles(self, index: QModelIndex) -> dict[int, object]:
        """Every role of the cell; None: the cell has no such role."""
        roles: dict[int, object] = dict.fromkeys(_ROLES)
        if not self.grid.is_origin(index.row(), index.column()):
            return roles  # covered by a merged cell: the view paints the origin
        cell = self.cell(index)
        if cell.kind == VALUE:
            roles.update(self._value_roles(cell))
        else:
            roles.update((role, self._label_data(cell, role)) for role in _ROLES)
        return roles

    def _label_data(self, cell: GridCell, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == KIND_ROLE:
            return cell.kind
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.kind == LABEL or (cell.kind == CORNER and len(cell.text) > 12):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(LABEL_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(TEXT_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and cell.kind == TITLE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and cell.kind in (CORNER, HEADER, LABEL) and cell.text:
            return cell.text
        return None

    def _value_roles(self, cell: GridCell) -> dict[int, object]:
        """All roles of a number cell at once (it is refreshed with every keystroke nearby)."""
        report = self.document.report
        spec = report.format.cells[cell.key]
        findings = self._cell_findings().get(cell.key, ())
        text = format_value(report.value(cell.key), spec.kind)
        background = decoration = font = None
        if findings:
            severe = any(f.severity == ERROR for f in findings)
            background = QBrush(ERROR_BACKGROUND if severe else WARNING_BACKGROUND)
            decoration = self._icon(ERROR if severe else "warning")
        elif spec.computed:
            background = QBrush(TOTAL_BACKGROUND)
        if spec.computed:
            font = QFont()
            font.setItalic(True)
        lines = [spec.where]
        if spec.computed:
            lines.append("自动计算的合计，不能直接填写")
        lines.extend(("错误：" if f.severity == ERROR else "提醒：") + f.message for f in findings)
        return {
            Qt.ItemDataRole.DisplayRole: text,
            Qt.ItemDataRole.EditRole: text,
            KEY_ROLE: cell.key,
            KIND_ROLE: cell.kind,
            Qt.ItemDataRole.TextAlignmentRole: int(Qt.AlignmentFlag.AlignCenter),
            Qt.ItemDataRole.BackgroundRole: background,
            Qt.ItemDataRole.DecorationRole: decoration,
            Qt.ItemDataRole.ForegroundRole: QBrush(TOTAL_FOREGROUND if spec.computed else TEXT_FOREGROUND),
            Qt.ItemDataRole.FontRole: font,
            Qt.ItemDataRole.ToolTipRole: "\n".join(lines),
            Qt.ItemDataRole.AccessibleDescriptionRole: spec.where,
        }

    def _icon(self, severity: str):
        icon = self._icons.get(severity)
        if icon is None:
            pixmap = (
                QtWidgets.QStyle.StandardPixmap.SP_MessageBoxCritical
                if severity == ERROR
                else QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            icon = QtWidgets.QApplication.style().standardIcon(pixmap)
            self._icons[severity] = icon
        return icon

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        return None  # the official headers are rows of the grid itself

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_input(index):
            return False
        key = self.key(index)
        kind = self.document.report.format.cells[key].kind
        try:
            parsed = parse_value(str(value), kind)
        except ValueProblem:
            return False  # the editor's validator has already told the clerk why
        self._preview = None  # the committed findings take over
        self.document.set_cell(key, parsed)  # its record comes back to _on_changed -> dataChanged
        return True

    def set_zero(self, keys: list[str], text: str = "") -> None:
        """Set cells to 0 as one undo step (0 of the cell's kind: money cells hold Decimal)."""
        cells = self.document.report.format.cells
        self.document.set_cells({k: parse_value("0", cells[k].kind) for k in keys}, text=text)

    # ---- change notification ---------------------------------------------------------
    def _cell_findings(self) -> dict:
        return self._preview if self._preview is not None else self.document.cell_findings

    def _current_flags(self) -> set[str]:
        return {k for k in self._cell_findings() if k in self.grid.by_key}

    def _flagged_findings(self) -> dict[str, list]:
        findings = self._cell_findings()
        return {k: list(findings[k]) for k in self._current_flags()}

    def preview(self, key: str, text: str) -> None:
        """Flag what the value being typed would unbalance, with the keystroke, before
        Enter commits it; an incomplete or invalid value shows the committed state."""
        try:
            value = parse_value(text, self.document.report.format.cells[key].kind)
        except ValueProblem:
            value = None
        self._preview = None if value is None else self.document.findings_if(key, value)
        # Not the cell being edited: a dataChanged on it makes Qt reload the editor's text.
        self._on_findings_changed(skip=key)

    def end_preview(self) -> None:
        if self._preview is not None:
            self._preview = None
            self._on_findings_changed()

    def _refresh(self, keys, with_stale: bool = True) -> None:
        """Store what these cells show now; Qt emits dataChanged for the roles that differ,
        and `values_shown` follows once with the cells whose text or flag icon changed."""
        if with_stale:
            keys = [*keys, *self._stale]
            self._stale.clear()
        shown = []
        for key in dict.fromkeys(keys):
            index = self.index_for_key(key)
            if not index.isValid():
                continue
            if self._store(self.itemFromIndex(index), self._roles(index)):
                shown.append(index)
        if shown:
            self.values_shown.emit(shown)

    def _on_changed(self, changes) -> None:
        if self.document.report.template != self._format_id:
            if changes.cells:
                self._rebuild()
            return
        self._refresh([*(k for k in changes.cells if k in self.grid.by_key), *self._flags_changed()])

    def _on_findings_changed(self, skip: str | None = None) -> None:
        if self.document.report.template != self._format_id:
            return  # the document's record follows and rebuilds
        # Not the cell being edited: a dataChanged on it makes Qt reload the editor's text.
        self._refresh([k for k in self._flags_changed() if k != skip], with_stale=skip is None)
        if skip is not None:
            self._stale.add(skip)  # shown afresh once its editor closes

    def _flags_changed(self) -> set[str]:
        """Cells whose findings differ (a flag raised or cleared, or its message changed) from
        what they show: refreshing every flagged cell on each keystroke redid dozens of cells."""
        now = self._flagged_findings()
        changed = {k for k in now.keys() | self._flagged.keys() if now.get(k) != self._flagged.get(k)}
        self._flagged = now
        return changed

    def _rebuild(self) -> None:
        """A draft of another format was opened into the same document: new grid."""
        self.beginResetModel()
        self._format_id = self.document.report.template
        self.grid = section_grid(self.document.report.format, self.section_key)
        self._flagged = self._flagged_findings()
        self._stale.clear()
        blocked = self.blockSignals(True)  # the views hear one reset, not every new item
        try:
            self.setRowCount(0)
            self.setColumnCount(0)
            self._fill()
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

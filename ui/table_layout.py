"""Where each label and number of a section's official tables stands in the screen grid.

Qt-free, and no layout of its own: the grid is the printed one from app.layout
(section_grids), so the screen and the paper show the same merged cells from the
same format definition. This module only re-shapes it for the table model: a map
from every grid position to the cell covering it, and from cell keys to cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import layout
from app.formats import Format

TITLE = layout.TABLE_TITLE  # 第二十条第（一）项, across the whole width
CORNER = layout.CORNER  # 信息内容 / section 三's note, above the row labels
HEADER = layout.HEADER  # column labels
LABEL = layout.LABEL  # row labels
VALUE = layout.NUMBER  # a number cell of the report (input or computed)
BLANK = "blank"  # a position no label fills (never in the official formats)


@dataclass(frozen=True)
class GridCell:
    kind: str
    row: int
    column: int
    text: str = ""
    key: str | None = None  # for VALUE cells: the report cell key
    row_span: int = 1
    column_span: int = 1


@dataclass
class SectionGrid:
    rows: int
    columns: int
    label_columns: int
    cells: list[GridCell]  # origins only, in reading order

    def __post_init__(self) -> None:
        self._origin: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.column, cell.column + cell.column_span):
                    self._origin[(r, c)] = cell
        self.by_key = {cell.key: cell for cell in self.cells if cell.key}

    def at(self, row: int, column: int) -> GridCell:
        """The cell covering a grid position (its origin may lie above or to the left)."""
        found = self._origin.get((row, column))
        return found if found is not None else GridCell(BLANK, row, column)

    def is_origin(self, row: int, column: int) -> bool:
        cell = self._origin.get((row, column))
        return cell is None or (cell.row, cell.column) == (row, column)

    def spans(self) -> list[GridCell]:
        return [c for c in self.cells if c.row_span > 1 or c.column_span > 1]


def section_grid(fmt: Format, section_key: str) -> SectionGrid:
    zeros = dict.fromkeys(fmt.cells, 0)  # the printed text of numbers is not used on screen
    (printed,) = layout.section_grids(fmt, section_key, zeros)
    cells = [
        GridCell(c.role, c.row, c.col, "" if c.role == VALUE else c.text, c.key, c.rowspan, c.colspan)
        for c in printed.cells
    ]
    label_columns = max((t.label_depth for t in fmt.section(section_key).tables), default=0)
    return SectionGrid(printed.n_rows, printed.n_cols, label_columns, cells)

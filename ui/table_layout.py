"""Where each label and number of a section's official tables stands in one grid.

Qt-free: derives the merged cells of the printed format from the label paths of the
format definition (app.formats), so the screen grid and the paper agree and no label
is ever typed twice. The sub-tables of a section are stacked one under the other, as
the official format prints section 二 as one table; a sub-table with fewer columns
lets its last column span to the right edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.formats import Section, Table

TITLE = "title"  # 第二十条第（一）项, across the whole width
CORNER = "corner"  # 信息内容 / section 三's note, above the row labels
HEADER = "header"  # column labels
LABEL = "label"  # row labels
VALUE = "value"  # a number cell of the report (input or computed)
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
    level: int = 0  # for LABEL/HEADER: depth of the label in its path
    table: str = ""  # table id


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


def section_grid(section: Section) -> SectionGrid:
    label_columns = max((t.label_depth for t in section.tables), default=0)
    width = max((label_columns + len(t.columns) for t in section.tables), default=0)
    cells: list[GridCell] = []
    row = 0
    for table in section.tables:
        row = _place_table(table, row, label_columns, width, cells)
    return SectionGrid(row, width, label_columns, cells)


def _groups(paths: list[tuple[str, ...]], level: int) -> list[tuple[int, int]]:
    """Runs [first, last] of consecutive paths sharing the prefix up to `level` (inclusive)."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, path in enumerate(paths):
        if len(path) <= level:
            if start is not None:
                runs.append((start, i - 1))
                start = None
            continue
        if start is not None and paths[start][: level + 1] != path[: level + 1]:
            runs.append((start, i - 1))
            start = None
        if start is None:
            start = i
    if start is not None:
        runs.append((start, len(paths) - 1))
    return runs


def _place_table(table: Table, row: int, label_columns: int, width: int, cells: list[GridCell]) -> int:
    L = label_columns
    n = len(table.columns)
    extra = width - L - n  # the last column absorbs what a narrower table leaves free
    if table.title:
        cells.append(GridCell(TITLE, row, 0, table.title, column_span=width, table=table.id))
        row += 1

    depth = table.header_depth
    if depth:
        if L:
            cells.append(GridCell(CORNER, row, 0, table.corner or "", row_span=depth, column_span=L, table=table.id))
        paths = [c.label for c in table.columns]
        for level in range(depth):
            for first, last in _groups(paths, level):
                ends_here = all(len(paths[i]) == level + 1 for i in range(first, last + 1))
                cells.append(
                    GridCell(
                        HEADER,
                        row + level,
                        L + first,
                        paths[first][level],
                        row_span=depth - level if ends_here else 1,
                        column_span=last - first + 1 + (extra if last == n - 1 else 0),
                        level=level,
                        table=table.id,
                    )
                )
        row += depth

    paths = [r.label for r in table.rows]
    for level in range(L):
        for first, last in _groups(paths, level):
            ends_here = all(len(paths[i]) == level + 1 for i in range(first, last + 1))
            cells.append(
                GridCell(
                    LABEL,
                    row + first,
                    level,
                    paths[first][level],
                    row_span=last - first + 1,
                    column_span=L - level if ends_here else 1,
                    level=level,
                    table=table.id,
                )
            )
    for i, r in enumerate(table.rows):
        if L and not r.label:
            cells.append(GridCell(BLANK, row + i, 0, column_span=L, table=table.id))
        for j, column in enumerate(table.columns):
            cells.append(
                GridCell(
                    VALUE,
                    row + i,
                    L + j,
                    key=table.cell_key(r, column),
                    column_span=1 + (extra if j == n - 1 else 0),
                    table=table.id,
                )
            )
    cells.sort(key=lambda c: (c.row, c.column))
    return row + len(table.rows)

"""Test helpers: a published report rebuilt as a Word file, tables laid out as the official format
prints them (merged header and label cells), from the format definition and given values."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import _Cell

from app.formats import Format, Table
from app.report import Report
from app.values import format_value


def _owners(table: Table, drop_rows: set[str]) -> tuple[list[list[tuple]], list]:
    """Grid of owner ids (equal ids = one merged cell) and the data rows in grid order."""
    depth, header = table.label_depth, table.header_depth
    rows = [r for r in table.rows if r.key not in drop_rows]
    grid: list[list[tuple]] = []
    if table.title:
        grid.append([("title",)] * (depth + len(table.columns)))
    for level in range(header):
        line = [("corner",)] * depth
        for column in table.columns:
            path = column.label
            line.append(("h", path[: level + 1]) if level < len(path) else ("h", path))
        grid.append(line)
    for row in rows:
        line = []
        for level in range(depth):
            path = row.label
            line.append(("r", path[: level + 1]) if level < len(path) else ("r", path))
        line += [("v", row.key, c.key) for c in table.columns]
        grid.append(line)
    return grid, rows


def add_official_table(
    document, fmt: Format, table: Table, report: Report, labels=None, texts=None, drop_rows=frozenset()
):
    """labels: official label → printed text (slips); texts: cell key → printed text."""
    labels, texts = labels or {}, texts or {}
    values = report.values()
    grid, _ = _owners(table, set(drop_rows))
    out = document.add_table(rows=len(grid), cols=len(grid[0]))
    out.style = "Table Grid"
    boxes: dict[tuple, list[int]] = {}
    for r, line in enumerate(grid):
        for c, owner in enumerate(line):
            box = boxes.setdefault(owner, [r, c, r, c])
            box[2], box[3] = max(box[2], r), max(box[3], c)
    # table.cell() rebuilds the whole grid on every call; merged regions are disjoint, so the
    # unmerged grid's cells stay valid while the regions are merged one by one.
    grid_cells = [[_Cell(tc, out) for tc in tr.tc_lst] for tr in out._tbl.tr_lst]
    for owner, (r0, c0, r1, c1) in boxes.items():
        cell = grid_cells[r0][c0]
        if (r1, c1) != (r0, c0):
            cell = cell.merge(grid_cells[r1][c1])
        if owner[0] == "title":
            text = table.title
        elif owner[0] == "corner":
            text = table.corner or ""
        elif owner[0] in ("h", "r"):
            text = owner[1][-1] if owner[1] else ""
        else:
            key = table.cell_key(table.row(owner[1]), table.column(owner[2]))
            text = texts.get(key, format_value(values[key], fmt.cells[key].kind))
        cell.text = labels.get(text, text)
    return out


def write_docx(
    path: Path, fmt: Format, report: Report, before: list[str], after: list[str], headings: dict[str, str], **slips
) -> Path:
    """Paragraphs `before` (title … 一、总体情况 …), the three table sections, paragraphs `after`."""
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    for section in ("s2", "s3", "s4"):
        document.add_paragraph(headings[section])
        for table in fmt.section(section).tables:
            add_official_table(document, fmt, table, report, **slips)
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path

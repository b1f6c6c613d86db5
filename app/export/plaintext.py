"""The report as plain text, for a site whose editor takes text only (the clipboard's
text/plain beside the HTML of 复制为网页).

Rendered from the print layout like every other output. One line per paragraph, its
first line indented by two ideographic spaces; a blank line between blocks; a table as
one line per row with its cells separated by tabs, a merged cell's text in its first
position and the positions it covers left empty, so the columns line up when pasted into
a spreadsheet and no two numbers ever run together.

    report_text(report)
"""

from __future__ import annotations

from app.export.html import INDENT
from app.layout import (
    DATE,
    HEADING1,
    HEADING2,
    PARAGRAPH,
    TABLE,
    Block,
    TableGrid,
    build_layout,
)
from app.report import Report

_INDENTED = (HEADING1, HEADING2, PARAGRAPH)


def table_text(grid: TableGrid) -> str:
    """One line a row, cells separated by tabs; covered positions empty."""
    rows = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = " ".join(cell.text.split())
    return "\n".join("\t".join(row) for row in rows)


def _block_text(block: Block) -> str:
    if block.kind == TABLE and block.table is not None:
        return table_text(block.table)
    return INDENT + block.text if block.kind in _INDENTED else block.text


def report_text(report: Report) -> str:
    parts: list[str] = []
    for block in build_layout(report).blocks:
        text = _block_text(block)
        if block.kind == DATE and parts:  # the date stands right under the signature
            parts[-1] += "\n" + text
        else:
            parts.append(text)
    return "\n\n".join(parts) + "\n"

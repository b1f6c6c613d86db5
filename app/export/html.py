"""The report as plain HTML for the government website (`nianbao export FILE --html OUT.html`).

Rendered from the same print layout as DOCX and PDF (app.layout.build_layout), so
labels, section order and merged cells are exactly as printed. The markup is what the
rich-text editors of county and township sites keep when the clerk pastes it (measured
by bench/editors_paste.py in KindEditor 4, wangEditor 4 and 5, TinyMCE and CKEditor 5;
results in the README): headings, paragraphs and tables with rowspan/colspan; no
scripts, no classes, no style sheets. Each look is carried twice where the editors
disagree about which form they keep:

- first-line indent: two ideographic spaces (U+3000) typed into the text, because most
  editors drop `text-indent` and none drops a character;
- centring and the right-aligned signature and date: an `align` attribute beside
  `text-align` (TinyMCE keeps only the attribute, KindEditor and wangEditor either);
- column widths: `width="NN%"` on `<col>` and on every single-column cell, because
  KindEditor and wangEditor drop `<col>` (the corner column then takes half the page);
- a tab between the cells of a row and a newline between rows in the source, so an
  editor that pastes as plain text by stripping tags (KindEditor) gives one line per row
  with its numbers apart, never run together (一、本年新收…数量4200006).

Table lines cannot be carried: wangEditor and CKEditor 5 publish tables without borders
whatever the markup, so the clerk is told to look at the site's preview (PASTE_ADVICE).

    report_html(report)          # a whole document
    report_html_fragment(report) # the body only, for the clipboard
    render_html(report, path)    # written atomically, UTF-8
"""

from __future__ import annotations

import os
from html import escape

from app.atomic import atomic_write
from app.layout import (
    CORNER,
    DATE,
    HEADER,
    HEADING1,
    HEADING2,
    LABEL,
    NUMBER,
    PARAGRAPH,
    SIGNATURE,
    TABLE,
    TABLE_TITLE,
    TABLE_WIDTH_EM,
    TITLE,
    Block,
    GridCell,
    LayoutDocument,
    TableGrid,
    build_layout,
)
from app.report import Report

# What the clerk is told after 复制为网页, and what the help repeats: the one thing markup
# cannot carry is the table lines (see the module docstring).
PASTE_ADVICE = "粘贴后请先看网站的预览再发布：表格线、居中和列宽由网站的样式和编辑器决定，有的网站发布后表格没有线。"

INDENT = "\u3000\u3000"  # a first-line indent of two characters, kept by every editor measured

# Inline styles only: pasted HTML loses style sheets. No `text-indent`: the text carries
# its indent (INDENT), and an editor keeping both would indent four characters.
_STYLE = {
    TITLE: "text-align:center;font-size:22pt;font-weight:bold;",
    HEADING1: "font-size:16pt;font-weight:bold;",
    HEADING2: "font-size:16pt;font-weight:bold;",
    PARAGRAPH: "line-height:1.8;",
    SIGNATURE: "text-align:right;margin-right:4em;",
    DATE: "text-align:right;margin-right:4em;",
}
_BLOCK_ALIGN = {TITLE: "center", SIGNATURE: "right", DATE: "right"}
_INDENTED = (HEADING1, HEADING2, PARAGRAPH)
# h2-h4, not h1-h3: CKEditor 5 knows only h2-h4 and turns an h1 into an h2, which made the
# title one level with the section headings; the site's own page title is its h1 anyway.
_TAGS = {TITLE: "h2", HEADING1: "h3", HEADING2: "h4"}

_TABLE_STYLE = "border-collapse:collapse;width:100%;"
_CELL_STYLE = "border:1px solid #000;"  # and the layout's inner margins (_padding)
_HEADER_ROLES = (HEADER, CORNER, TABLE_TITLE)
# The trade-off, decided for the editors county and township sites mostly run (KindEditor,
# wangEditor, UEditor-like): centred cells carry `align` beside `text-align`. KindEditor and
# wangEditor 5 keep either, wangEditor 4 neither, TinyMCE centres nothing without the
# attribute; CKEditor 5 with its Alignment and cell-properties plugins turns the attribute
# into a <p style="text-align:center"> in the cell (still centred, rows a little taller).
# Left is a cell's default, so left cells get no `align` and are never wrapped.
_ALIGN = {NUMBER: "center", HEADER: "center", CORNER: "center", TABLE_TITLE: "left", LABEL: "left"}


def _text(text: str) -> str:
    return escape(text, quote=True)


def _tenths(widths: tuple[float, ...]) -> list[int]:
    """Widths in tenths of a percent summing to exactly 1000 (largest remainders), so
    the columns add up to exactly 100%."""
    exact = [w / sum(widths) * 1000 for w in widths]
    tenths = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: tenths[i] - exact[i])
    for i in by_remainder[: 1000 - sum(tenths)]:
        tenths[i] += 1
    return tenths


def _percent(tenths: int) -> str:
    return f"{tenths // 10}.{tenths % 10}%"


def _table(grid: TableGrid) -> str:
    style = _TABLE_STYLE if grid.text_scale == 1 else f"{_TABLE_STYLE}font-size:{grid.text_scale:.0%};"
    lines = [f'<table border="1" cellspacing="0" cellpadding="4" width="100%" style="{style}">', "<colgroup>"]
    tenths = _tenths(grid.col_widths)
    lines.extend(f'<col width="{_percent(t)}" style="width:{_percent(t)};">' for t in tenths)
    lines.append("</colgroup>")
    rows = grid.rows()
    sections = (("thead", rows[: grid.header_rows]), ("tbody", rows[grid.header_rows :]))
    for tag, part in sections:
        if not part:
            continue
        lines.append(f"<{tag}>")
        for cells in part:
            # The tabs and newlines are what keeps the numbers apart when the tags are stripped.
            row = "\t".join(_cell(c, tenths, _padding(grid, c)) for c in sorted(cells, key=lambda c: c.col))
            lines.append(f"<tr>{row}</tr>")
        lines.append(f"</{tag}>")
    lines.append("</table>")
    return "\n".join(lines)


def _padding(grid: TableGrid, cell: GridCell) -> str:
    """The cell's inner margins as printed (0.19 cm at 五号, narrower in a narrow column),
    in ems so they follow the site's text size."""
    return f"padding:2px {grid.pad(cell) * TABLE_WIDTH_EM / grid.text_scale:.2f}em;"


def _cell(cell: GridCell, tenths: list[int], padding: str) -> str:
    tag = "th" if cell.role in _HEADER_ROLES else "td"
    align = "center" if cell.lines else _ALIGN.get(cell.role, "center")
    # Widths on single-column cells only: wangEditor 5 draws its editing view's columns
    # from the first row's widths, so a merged first cell's width squeezed the table there.
    attrs = f' width="{_percent(tenths[cell.col])}"' if cell.colspan == 1 else ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if align != "left":
        attrs += f' align="{align}"'
    style = f"{_CELL_STYLE}{padding}text-align:{align};vertical-align:middle;"
    if cell.role == NUMBER:
        style += "white-space:nowrap;"  # a number is never broken (the labels wrap instead)
    if tag == "th":
        style += "font-weight:normal;" if cell.role == CORNER else ""
    text = "<br>".join(_text(line) for line in cell.lines) if cell.lines else _text(cell.text)
    return f'<{tag}{attrs} style="{style}">{text}</{tag}>'


def _block(block: Block) -> str:
    if block.kind == TABLE and block.table is not None:
        return _table(block.table)
    tag = _TAGS.get(block.kind, "p")
    attrs = f' align="{_BLOCK_ALIGN[block.kind]}"' if block.kind in _BLOCK_ALIGN else ""
    style = _STYLE.get(block.kind, "")
    attrs += f' style="{style}"' if style else ""
    text = INDENT + block.text if block.kind in _INDENTED else block.text
    return f"<{tag}{attrs}>{_text(text)}</{tag}>"


def _fragment(layout: LayoutDocument) -> str:
    return "\n".join(_block(b) for b in layout.blocks) + "\n"


def report_html_fragment(report: Report) -> str:
    """The report's body: what the clerk pastes into the site's editor."""
    return _fragment(build_layout(report))


def report_html(report: Report) -> str:
    """The whole report as a standalone HTML document."""
    layout = build_layout(report)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_text(layout.title)}</title>\n</head>\n<body>\n" + _fragment(layout) + "</body>\n</html>\n"
    )


def render_html(report: Report, path: str | os.PathLike, replace_read_only: bool = False) -> str:
    """Write the document atomically (UTF-8); a locked, unwritable or read-only target raises SaveError."""
    target = os.fspath(path)
    atomic_write(target, report_html(report).encode("utf-8"), keep_backup=False, replace_read_only=replace_read_only)
    return target

"""The report as plain HTML for the government website (`nianbao export FILE --html OUT.html`).

Rendered from the same print layout as DOCX and PDF (app.layout.build_layout), so
labels, section order and merged cells are exactly as printed. The markup is kept to
what a web content editor (UEditor, KindEditor, TinyMCE …) keeps when the clerk pastes
it: headings, paragraphs and tables with rowspan/colspan, a border attribute and a few
inline styles; no scripts, no classes, no external style sheets. All text is escaped.

    report_html(report)          # a whole document
    report_html_fragment(report) # the body only, for the clipboard
    render_html(report, path)    # written atomically, UTF-8
"""

from __future__ import annotations

import os
from html import escape

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
    TITLE,
    Block,
    LayoutDocument,
    TableGrid,
    build_layout,
)
from app.atomic import SaveError, atomic_write
from app.report import Report

# Inline styles only: pasted HTML loses style sheets.
_STYLE = {
    TITLE: "text-align:center;font-size:22pt;font-weight:bold;",
    HEADING1: "font-size:16pt;font-weight:bold;text-indent:2em;",
    HEADING2: "font-size:16pt;font-weight:bold;text-indent:2em;",
    PARAGRAPH: "text-indent:2em;line-height:1.8;",
    SIGNATURE: "text-align:right;margin-right:4em;",
    DATE: "text-align:right;margin-right:4em;",
}
_TABLE_STYLE = "border-collapse:collapse;width:100%;"
_CELL_STYLE = "border:1px solid #000;padding:4px;"
_ALIGN = {NUMBER: "center", HEADER: "center", CORNER: "center", TABLE_TITLE: "left", LABEL: "left"}
_TAGS = {TITLE: "h1", HEADING1: "h2", HEADING2: "h3"}


def _text(text: str) -> str:
    return escape(text, quote=True)


def _table(grid: TableGrid) -> str:
    lines = [f'<table border="1" cellspacing="0" cellpadding="4" width="100%" style="{_TABLE_STYLE}">', "<colgroup>"]
    lines.extend(f'<col style="width:{w * 100:.1f}%;">' for w in grid.col_widths)
    lines.append("</colgroup>")
    rows = grid.rows()
    sections = (("thead", rows[: grid.header_rows]), ("tbody", rows[grid.header_rows :]))
    for tag, part in sections:
        if not part:
            continue
        lines.append(f"<{tag}>")
        for cells in part:
            lines.append("<tr>" + "".join(_cell(c) for c in sorted(cells, key=lambda c: c.col)) + "</tr>")
        lines.append(f"</{tag}>")
    lines.append("</table>")
    return "\n".join(lines)


def _cell(cell) -> str:
    tag = "th" if cell.role in (HEADER, CORNER, TABLE_TITLE) else "td"
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    style = f"{_CELL_STYLE}text-align:{_ALIGN.get(cell.role, 'center')};vertical-align:middle;"
    if tag == "th":
        style += "font-weight:normal;" if cell.role == CORNER else ""
    return f'<{tag}{spans} style="{style}">{_text(cell.text)}</{tag}>'


def _block(block: Block) -> str:
    if block.kind == TABLE and block.table is not None:
        return _table(block.table)
    tag = _TAGS.get(block.kind, "p")
    style = _STYLE.get(block.kind, "")
    attr = f' style="{style}"' if style else ""
    return f"<{tag}{attr}>{_text(block.text)}</{tag}>"


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
        f"<title>{_text(layout.title)}</title>\n</head>\n<body>\n"
        + _fragment(layout)
        + "</body>\n</html>\n"
    )


def render_html(report: Report, path: str | os.PathLike) -> str:
    """Write the document atomically (UTF-8); a locked or unwritable target raises SaveError."""
    target = os.fspath(path)
    if os.path.isdir(target):
        raise SaveError(f"“{target}”是一个文件夹，不能写成文件。请另选文件名。")
    atomic_write(target, report_html(report).encode("utf-8"), keep_backup=False)
    return target

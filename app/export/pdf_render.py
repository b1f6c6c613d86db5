"""PDF from the layout (reportlab platypus), following print-layout.md (GB/T 9704).

All text is escaped before it reaches reportlab's paragraph markup (user text such as
``<img src=…>`` would otherwise be interpreted), and split into runs by glyph
coverage so every character is drawn by a font that has it. Only TrueType fonts are
used and reportlab embeds each as a subset.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import reportlab.lib.textsplit as _textsplit
import reportlab.platypus.paragraph as _paragraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from app.export import geometry as g
from app.export.fonts import BODY, HEADING1, HEADING2, PAGE_NUMBER, TABLE, TITLE, PdfFonts, pdf_fonts
from app.layout import (
    CORNER,
    DATE,
    HEADING1 as H1,
    HEADING2 as H2,
    LABEL,
    PARAGRAPH,
    SIGNATURE,
    TABLE as TABLE_BLOCK,
    TITLE as TITLE_BLOCK,
    LayoutDocument,
    TableGrid,
)

MM = g.MM
# Chinese punctuation that may not start a line; reportlab's list lacks most of it
# (engineering notes §4.3). Both copies are patched: textsplit for single-run
# paragraphs, paragraph (which imported the name) for multi-run ones.
NO_LINE_START = "，。、；：！？）」』】》”’…〉〕］｝・—％"


def _patch_line_breaking() -> None:
    extra = "".join(ch for ch in NO_LINE_START if ch not in _textsplit.ALL_CANNOT_START)
    if extra:
        _textsplit.ALL_CANNOT_START += extra
    if _paragraph.ALL_CANNOT_START != _textsplit.ALL_CANNOT_START:
        _paragraph.ALL_CANNOT_START = _textsplit.ALL_CANNOT_START


_patch_line_breaking()

BLOCK_ROLE = {TITLE_BLOCK: TITLE, PARAGRAPH: BODY, H1: HEADING1, H2: HEADING2, SIGNATURE: BODY, DATE: BODY}


def _styles(fonts: PdfFonts) -> dict[str, ParagraphStyle]:
    def style(name, role, **kw):
        base = dict(
            fontName=fonts.primary[role].pdf_name,
            fontSize=g.SIZE[role],
            leading=g.LEADING[role],
            wordWrap="CJK",
            allowWidows=1,
            allowOrphans=1,
        )
        base.update(kw)
        return ParagraphStyle(name, **base)

    indent = 2 * g.BODY_SIZE
    return {
        TITLE_BLOCK: style("title", TITLE, alignment=TA_CENTER, spaceAfter=g.TITLE_SPACE_AFTER, keepWithNext=1),
        PARAGRAPH: style("body", BODY, alignment=TA_JUSTIFY, firstLineIndent=indent),
        H1: style("heading1", HEADING1, alignment=TA_LEFT, firstLineIndent=indent, keepWithNext=1),
        H2: style("heading2", HEADING2, alignment=TA_LEFT, firstLineIndent=indent, keepWithNext=1),
        SIGNATURE: style("signature", BODY, alignment=TA_RIGHT, keepWithNext=1),
        DATE: style("date", BODY, alignment=TA_RIGHT, rightIndent=g.DATE_RIGHT_CHARS * g.BODY_SIZE),
        "cell": style("cell", TABLE, alignment=TA_CENTER),
        # justified, so punctuation kept at a line end is squeezed in rather than hanging
        "cell-left": style("cell-left", TABLE, alignment=TA_JUSTIFY),
    }


def markup(text: str, role: str, fonts: PdfFonts) -> str:
    """Escaped paragraph markup with a font switch wherever the role's font lacks a glyph."""
    primary = fonts.primary[role]
    parts = []
    for font, run in fonts.runs(text, role):
        run = escape(run)
        parts.append(run if font is primary else f'<font name="{font.pdf_name}">{run}</font>')
    return "".join(parts)


def _table(grid: TableGrid, styles, fonts: PdfFonts) -> Table:
    data = [["" for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    commands = [
        ("GRID", (0, 0), (-1, -1), g.RULE_WIDTH, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), fonts.primary[TABLE].pdf_name, g.TABLE_SIZE),
        ("LEFTPADDING", (0, 0), (-1, -1), g.CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), g.CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), g.CELL_PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), g.CELL_PAD_Y + 0.5),
    ]
    for cell in grid.cells:
        left = (cell.role == LABEL and cell.rowspan == 1) or (cell.role == CORNER and cell.rowspan > 1)
        style = styles["cell-left" if left else "cell"]
        data[cell.row][cell.col] = Paragraph(markup(cell.text, TABLE, fonts), style) if cell.text else ""
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (cell.col, cell.row), (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)))
    widths = [w * g.TYPE_W_PT for w in grid.col_widths]
    widths[-1] -= sum(widths) - g.TYPE_W_PT + 0.01  # never wider than the type area
    table = Table(data, colWidths=widths, repeatRows=grid.header_rows, splitInRow=0, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


class _Doc(BaseDocTemplate):
    def __init__(self, buffer, layout: LayoutDocument, fonts: PdfFonts):
        super().__init__(
            buffer,
            pagesize=(g.PAGE_W_MM * MM, g.PAGE_H_MM * MM),
            leftMargin=g.LEFT_MM * MM,
            rightMargin=g.RIGHT_MM * MM,
            topMargin=g.TOP_MM * MM,
            bottomMargin=g.BOTTOM_MM * MM,
            title=layout.title,
            author=layout.organ,
            subject="政府信息公开工作年度报告",
            creator="年报助手",
            lang="zh-CN",
            invariant=1,
            initialFontName=fonts.primary[BODY].pdf_name,
            initialFontSize=g.BODY_SIZE,
        )
        self.fonts = fonts
        frame = Frame(
            g.LEFT_MM * MM,
            g.BOTTOM_MM * MM,
            g.TYPE_W_MM * MM,
            g.TYPE_H_MM * MM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="type-area",
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._page_number)])

    def _page_number(self, canvas, doc) -> None:
        number = canvas.getPageNumber()
        text = f"— {number} —"
        size = g.PAGE_NUMBER_SIZE
        runs = self.fonts.runs(text, PAGE_NUMBER)
        width = sum(canvas.stringWidth(s, f.pdf_name, size) for f, s in runs)
        # The dashes (about 0.35 em above the baseline) 7 mm below the type area.
        y = (g.BOTTOM_MM - g.PAGE_NUMBER_DROP_MM) * MM - 0.35 * size
        if number % 2:  # odd pages right, even pages left, one character in
            x = (g.LEFT_MM + g.TYPE_W_MM) * MM - size - width
        else:
            x = g.LEFT_MM * MM + size
        canvas.saveState()
        for font, s in runs:
            canvas.setFont(font.pdf_name, size)
            canvas.drawString(x, y, s)
            x += canvas.stringWidth(s, font.pdf_name, size)
        canvas.restoreState()


def pdf_bytes(layout: LayoutDocument) -> tuple[bytes, dict[str, str], int]:
    fonts = pdf_fonts()
    styles = _styles(fonts)
    story = []
    blocks = layout.blocks
    for i, block in enumerate(blocks):
        if block.kind == TABLE_BLOCK:
            # A table that fits on a page is not split: it moves to the next page whole
            # (with its heading, which keeps with it). Longer tables split between rows.
            # (platypus's keepWithNext does not hold a heading to a KeepTogether, so the
            # heading goes inside it.)
            group = []
            while story and isinstance(story[-1], Paragraph) and story[-1].getKeepWithNext():
                group.insert(0, story.pop())
            group += [Spacer(1, 4), _table(block.table, styles, fonts), Spacer(1, 4)]
            story.append(KeepTogether(group))
            continue
        style = styles[block.kind]
        if block.kind == SIGNATURE:
            blank = Spacer(1, g.LEADING[BODY])  # one blank line after the text
            blank.keepWithNext = 1
            story.append(blank)
            style = ParagraphStyle("signature-here", parent=style, rightIndent=g.signature_right_indent(layout.organ, layout.date))
        elif i + 1 < len(blocks) and blocks[i + 1].kind == SIGNATURE:
            style = ParagraphStyle(style.name + "-last", parent=style, keepWithNext=1)
        role = BLOCK_ROLE[block.kind]
        if block.kind == TITLE_BLOCK and len(block.lines) > 1:
            text = "<br/>".join(markup(line, role, fonts) for line in block.lines)
        else:
            text = markup(block.text, role, fonts)
        story.append(Paragraph(text, style))
    buffer = io.BytesIO()
    doc = _Doc(buffer, layout, fonts)
    doc.build(story)
    return buffer.getvalue(), fonts.used_names(), doc.page

"""PDF from the layout (reportlab platypus), following print-layout.md (GB/T 9704).

All text is escaped before it reaches reportlab's paragraph markup (user text such as
``<img src=…>`` would otherwise be interpreted), and split into runs by glyph
coverage so every character is drawn by a font that has it. Only TrueType fonts are
used and reportlab embeds each as a subset.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape as _html_escape

import app.export.platypus_import  # noqa: F401  (before reportlab.platypus: see there)

# isort: split
import reportlab.platypus.paragraph as _rl_paragraph
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.export import geometry as g
from app.export.fonts import BODY, HEADING1, HEADING2, PAGE_NUMBER, TABLE, TITLE, PdfFonts, pdf_fonts
from app.layout import (
    CORNER,
    DATE,
    HEADING1 as H1,
    HEADING2 as H2,
    LABEL,
    NUMBER,
    PARAGRAPH,
    SIGNATURE,
    TABLE as TABLE_BLOCK,
    TITLE as TITLE_BLOCK,
    LayoutDocument,
    TableGrid,
    grid_part,
)
from app.linebreak import FORCED, break_lines, may_break
from app.report import TITLE_SUFFIX

MM = g.MM


class _Paragraph(Paragraph):
    """A paragraph broken into lines by the Chinese rules (app.linebreak) instead of
    reportlab's CJK wrapping, which lets a line end with （《“ and start with ，”》.
    reportlab still measures, draws and splits the lines across pages."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # the second part of a paragraph split across pages
        self.height = 0
        frags = self.frags
        if len(frags) == 1 and not hasattr(frags[0], "lineBreak") and not hasattr(frags[0], "cbDefn"):
            return self._break_one_run(frags[0], maxWidths)
        # one unit per character, as reportlab's cjkFragSplit makes them; a <br/> is an empty one
        units = [_rl_paragraph.cjkU(ch, frag, "utf8") for frag in self.frags for ch in (frag.text or [""])]
        chars = [FORCED if hasattr(u.frag, "lineBreak") else str(u) or "\ufffc" for u in units]
        widths = [0.0 if ch == FORCED else u.width for ch, u in zip(chars, units)]
        calc_bounds = getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) not in ("", "off")
        lines = []
        for n, (a, b) in enumerate(break_lines(chars, widths, maxWidths)):
            width = maxWidths[min(n, len(maxWidths) - 1)]
            forced = chars[b - 1] == FORCED
            used = sum(widths[a:b])
            lines.append(_rl_paragraph.makeCJKParaLine(units[a:b], width, used, width - used, forced, calc_bounds))
        return _rl_paragraph.ParaLines(kind=1, lines=lines)

    def _break_one_run(self, frag, maxWidths):
        """The same for a paragraph in one font (most of them, every table cell), without
        reportlab's per-character objects: the lines makeCJKParaLine would make."""
        text = frag.text
        advance = _advances(frag.fontName, frag.fontSize)
        widths = [advance.get(ch) or _measure(advance, ch, frag.fontName, frag.fontSize) for ch in text]
        ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
        lines = []
        for n, (a, b) in enumerate(break_lines(text, widths, maxWidths)):
            width, used = maxWidths[min(n, len(maxWidths) - 1)], sum(widths[a:b])
            lines.append(
                _rl_paragraph.FragLine(
                    kind=1,
                    extraSpace=width - used,
                    wordCount=1,
                    words=[frag.clone(text=text[a:b])],
                    fontSize=frag.fontSize,
                    ascent=ascent,
                    descent=descent,
                    maxWidth=width,
                    currentWidth=used,
                    lineBreak=False,
                )
            )
        return _rl_paragraph.ParaLines(kind=1, lines=lines)


# Streams (page content, embedded font subsets) are written deflated, without reportlab's
# default ASCII85 layer on top: that layer only kept files 7-bit, costs ~25 % in size and
# ~20 ms of pure-Python encoding per report; every PDF reader (and pdfplumber/pypdf, which
# the importer and tests use) reads binary streams. reportlab's documented setting.
rl_config.useA85 = 0

# Advance widths per font and size, kept for the process: a report measures the same few
# hundred characters some 20,000 times (every paragraph and cell), and reportlab's
# stringWidth costs a few microseconds a call. Keyed by the registered font object too,
# so a font registered anew under the same name is measured anew.
_ADVANCES: dict[tuple[str, float], tuple[object, dict[str, float]]] = {}


def _advances(font_name: str, size: float) -> dict[str, float]:
    font = getFont(font_name)
    kept = _ADVANCES.get((font_name, size))
    if kept is None or kept[0] is not font:
        kept = _ADVANCES[font_name, size] = (font, {})
    return kept[1]


def _measure(advance: dict[str, float], ch: str, font_name: str, size: float) -> float:
    width = advance[ch] = stringWidth(ch, font_name, size)
    return width


_plain_justify = _rl_paragraph._justifyDrawParaLineX


def _justify_cjk_line(tx, offset, line, last=0):
    """Justify a CJK line by spacing its characters (PDF Tc).

    reportlab justifies by widening spaces, and Chinese has none, so its justified
    Chinese text came out ragged; a line with punctuation kept at its end was left
    hanging past the margin. Spreading the difference over the characters fills the
    line exactly (or squeezes it, for the hanging punctuation), as Word and WPS do.
    """
    style = tx.XtraState.style
    extra = line.extraSpace
    if style.wordWrap != "CJK" or line.lineBreak or (last and extra > -1e-8) or abs(extra) <= 1e-8:
        return _plain_justify(tx, offset, line, last)
    chars = sum(len(f.text) for f in line.words if not hasattr(f, "cbDefn"))
    if chars < 2:
        return _plain_justify(tx, offset, line, last)
    tx._x_offset = offset
    _rl_paragraph.setXPos(tx, offset)
    tx.setCharSpace(extra / (chars - 1))
    _rl_paragraph._putFragLine(offset, tx, line, last, "justify")
    tx.setCharSpace(0)
    _rl_paragraph.setXPos(tx, -offset)


_rl_paragraph._justifyDrawParaLineX = _justify_cjk_line

BLOCK_ROLE = {TITLE_BLOCK: TITLE, PARAGRAPH: BODY, H1: HEADING1, H2: HEADING2, SIGNATURE: BODY, DATE: BODY}


def _styles(fonts: PdfFonts) -> dict[str, ParagraphStyle]:
    def style(name, role, **kw):
        base = dict(
            fontName=fonts.primary[role].pdf_name,
            fontSize=g.SIZE[role],
            leading=g.LEADING[role],
            wordWrap="CJK",
            allowWidows=0,  # like Word's widow control: no single line left alone
            allowOrphans=0,
        )
        base.update(kw)
        return ParagraphStyle(name, **base)

    indent = 2 * g.BODY_SIZE
    return {
        TITLE_BLOCK: style("title", TITLE, alignment=TA_CENTER, spaceAfter=g.TITLE_SPACE_AFTER),
        PARAGRAPH: style("body", BODY, alignment=TA_JUSTIFY, firstLineIndent=indent),
        H1: style("heading1", HEADING1, alignment=TA_LEFT, firstLineIndent=indent),
        H2: style("heading2", HEADING2, alignment=TA_LEFT, firstLineIndent=indent),
        SIGNATURE: style("signature", BODY, alignment=TA_RIGHT),
        DATE: style("date", BODY, alignment=TA_RIGHT, rightIndent=g.DATE_RIGHT_CHARS * g.BODY_SIZE),
        "cell": style("cell", TABLE, alignment=TA_CENTER),
        "cell-left": style("cell-left", TABLE, alignment=TA_LEFT),
    }


def markup(text: str, role: str, fonts: PdfFonts) -> str:
    """Escaped paragraph markup with a font switch wherever the role's font lacks a glyph."""
    primary = fonts.primary[role]
    parts = []
    for font, run in fonts.runs(text, role):
        run = _html_escape(run, quote=False)  # & < > as xml.sax.saxutils.escape, without its urllib imports
        parts.append(run if font is primary else f'<font name="{font.pdf_name}">{run}</font>')
    return "".join(parts)


def break_cjk_lines(text: str, width: float, fonts: PdfFonts, role: str, size: float | None = None) -> list[str]:
    """Break a short text (a table label) into lines that fit `width`, by the Chinese
    rules (nothing hangs over the cell's rule); a last line of one character (不予公/开)
    takes the character before it along (不予/公开). (Group labels come broken from
    the layout.)"""
    size = size or g.SIZE[role]
    advance: dict[str, float] = {}
    for font, run in fonts.runs(text, role):
        kept = _advances(font.pdf_name, size)
        for ch in run:
            advance[ch] = kept.get(ch) or _measure(kept, ch, font.pdf_name, size)
    widths = [advance.get(ch, size) for ch in text]
    limit = width - 0.5  # slack against reportlab's rounding
    if sum(widths) <= limit:
        return [text]
    lines = [text[a:b] for a, b in break_lines(text, widths, [limit], hang=False)]
    if len(lines) > 1 and len(lines[-1]) == 1 and len(lines[-2]) > 2 and may_break(lines[-2][-2], lines[-2][-1]):
        lines[-2:] = [lines[-2][:-1], lines[-2][-1] + lines[-1]]
    return lines


def _cell_styles(styles, scale: float) -> dict[str, ParagraphStyle]:
    """The table cell styles at the grid's text scale (1 for every ordinary report)."""
    if scale == 1:
        return {name: styles[name] for name in ("cell", "cell-left")}
    size, leading = g.TABLE_SIZE * scale, g.LEADING[TABLE] * scale
    return {
        name: ParagraphStyle(f"{name}-{scale:.3f}", parent=styles[name], fontSize=size, leading=leading)
        for name in ("cell", "cell-left")
    }


def _table(grid: TableGrid, styles, fonts: PdfFonts) -> Table:
    size = g.TABLE_SIZE * grid.text_scale
    cell_styles = _cell_styles(styles, grid.text_scale)
    data = [["" for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    commands = [
        ("GRID", (0, 0), (-1, -1), g.RULE_WIDTH, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), fonts.primary[TABLE].pdf_name, size),
        ("TOPPADDING", (0, 0), (-1, -1), g.CELL_PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), g.CELL_PAD_Y + 0.5),
    ]
    widths = [w * g.TYPE_W_PT for w in grid.col_widths]
    widths[-1] -= sum(widths) - g.TYPE_W_PT + 0.01  # never wider than the type area
    for cell in grid.cells:
        left = (cell.role == LABEL and cell.rowspan == 1) or (cell.role == CORNER and cell.rowspan > 1)
        style = cell_styles["cell-left" if left else "cell"]
        pad = grid.pad(cell) * g.TYPE_W_PT
        area = (cell.col, cell.row), (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)
        commands += [("LEFTPADDING", *area, pad), ("RIGHTPADDING", *area, pad)]
        if cell.text:
            if cell.role == NUMBER:
                lines = [cell.text]  # the layout made the column wide enough: never broken
            else:
                inner = sum(widths[cell.col : cell.col + cell.colspan]) - 2 * pad
                # a group label comes in the lines the layout chose (centred), each wrapped if it must
                lines = [
                    x for line in cell.lines or (cell.text,) for x in break_cjk_lines(line, inner, fonts, TABLE, size)
                ]
                style = cell_styles["cell"] if cell.lines else style
            data[cell.row][cell.col] = _Paragraph("<br/>".join(markup(x, TABLE, fonts) for x in lines), style)
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", *area))
    table = _GridTable(grid, styles, fonts, data, colWidths=widths, splitInRow=0, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


class _GridTable(Table):
    """A table too tall for the space left on the page continues on the next one,
    split between any two rows with its heading rows repeated. reportlab itself only
    splits where no merged cell is cut, and section three's 三、本年度办理结果 spans
    22 rows, so a county's table (labels wrapped to make room for its numbers) could
    not be printed at all (LayoutError)."""

    def __init__(self, grid: TableGrid, styles, fonts: PdfFonts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._grid, self._styles, self._fonts = grid, styles, fonts

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        grid, heights = self._grid, self._rowHeights
        end = grid.header_rows
        used = sum(heights[:end])
        # (reportlab leaves the heights of rows past the available height unmeasured: None)
        while end < grid.n_rows and heights[end] is not None and used + heights[end] <= availHeight:
            used += heights[end]
            end += 1
        if end == grid.n_rows:
            return []  # nothing to split
        # A merged label cut short may need more height in its fewer rows: move the
        # break up until the first part really fits.
        while end > grid.header_rows:
            first = _table(grid_part(grid, grid.header_rows, end), self._styles, self._fonts)
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                return [first, _table(grid_part(grid, end, grid.n_rows), self._styles, self._fonts)]
            end -= 1
        return []  # not even one row fits here: the table starts on the next page


class _Doc(BaseDocTemplate):
    def __init__(self, buffer, layout: LayoutDocument, fonts: PdfFonts, created: dt.datetime):
        self.created = created
        super().__init__(
            buffer,
            pagesize=(g.PAGE_W_MM * MM, g.PAGE_H_MM * MM),
            leftMargin=g.LEFT_MM * MM,
            rightMargin=g.RIGHT_MM * MM,
            topMargin=g.TOP_MM * MM,
            bottomMargin=g.BOTTOM_MM * MM,
            title=layout.title,
            author=layout.organ,
            subject=TITLE_SUFFIX,
            creator="年报助手",
            lang="zh-CN",
            invariant=1,  # the same report gives the same bytes (preview = file), but for the dates below
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

    def _makeCanvas(self, *args, **kwargs):
        """reportlab's invariant mode dates every file 2000-01-01; the properties carry
        the time of the export instead."""
        canvas = super()._makeCanvas(*args, **kwargs)
        canvas._doc._timeStamp = _TimeStamp(self.created)
        return canvas

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


class _TimeStamp:
    """The part of reportlab's TimeStamp its document information reads."""

    def __init__(self, when: dt.datetime):
        minutes = int((when.utcoffset() or dt.timedelta(0)).total_seconds()) // 60
        self.YMDhms = (when.year, when.month, when.day, when.hour, when.minute, when.second)
        hours, self.dmm = divmod(abs(minutes), 60)  # +08'00', -05'30'
        self.dhh = hours if minutes >= 0 else -hours


# Space a heading needs below it, in body lines, or it starts a new page instead:
# itself plus the first lines of what follows (platypus's keepWithNext would move a
# whole long paragraph along with the heading, leaving most of a page empty).
HEADING_NEEDS_LINES = {H1: 4, H2: 3}
SIGNATURE_WITH_LINES = 2  # body lines that go to the next page with the signature


def _paragraph(block, style, fonts: PdfFonts) -> Paragraph:
    role = BLOCK_ROLE[block.kind]
    if block.kind == TITLE_BLOCK and len(block.lines) > 1:
        text = "<br/>".join(markup(line, role, fonts) for line in block.lines)
    else:
        text = markup(block.text, role, fonts)
    return _Paragraph(text, style)


def _tail_lines(paragraph: Paragraph, lines: int) -> list:
    """Split a paragraph so its last lines can travel with what follows."""
    width = g.TYPE_W_PT
    _, height = paragraph.wrap(width, 1e9)
    leading = paragraph.style.leading
    total = round(height / leading)
    if total <= lines:
        return [paragraph]
    parts = paragraph.split(width, (total - lines) * leading + 0.5)
    return parts if len(parts) == 2 else [paragraph]


def pdf_bytes(layout: LayoutDocument, created: dt.datetime) -> tuple[bytes, dict[str, str], int]:
    fonts = pdf_fonts()
    styles = _styles(fonts)
    story: list = []
    blocks = layout.blocks
    pending_headings: list = []  # headings waiting for the table they introduce
    for i, block in enumerate(blocks):
        following = blocks[i + 1].kind if i + 1 < len(blocks) else None
        if block.kind == TABLE_BLOCK:
            # A table that fits on a page is not split: it moves to the next page whole,
            # with its heading. Longer tables split between rows, headings repeated.
            assert block.table is not None  # the layout gives every table block its grid
            group = [*pending_headings, Spacer(1, 4), _table(block.table, styles, fonts), Spacer(1, 4)]
            pending_headings = []
            story.append(KeepTogether(group))
            continue
        if block.kind in HEADING_NEEDS_LINES:
            paragraph = _paragraph(block, styles[block.kind], fonts)
            if following == TABLE_BLOCK:
                pending_headings.append(paragraph)
            else:
                story.append(CondPageBreak(HEADING_NEEDS_LINES[block.kind] * g.LEADING[BODY]))
                story.append(paragraph)
            continue
        if block.kind == SIGNATURE:
            # one blank line after the text; the signature never stands alone on a page
            tail = []
            if story and isinstance(story[-1], Paragraph) and story[-1].style.name == "body":
                tail = _tail_lines(story.pop(), SIGNATURE_WITH_LINES)
                story.extend(tail[:-1])
                tail = tail[-1:]
            style = ParagraphStyle(
                "signature-here",
                parent=styles[SIGNATURE],
                rightIndent=g.signature_right_indent(layout.organ, layout.date),
            )
            date_block = blocks[i + 1] if following == DATE else None
            group = [*tail, Spacer(1, g.LEADING[BODY]), _paragraph(block, style, fonts)]
            if date_block is not None:
                group.append(_paragraph(date_block, styles[DATE], fonts))
            story.append(KeepTogether(group))
            continue
        if block.kind == DATE and i > 0 and blocks[i - 1].kind == SIGNATURE:
            continue  # placed with the signature
        story.append(_paragraph(block, styles[block.kind], fonts))
    buffer = io.BytesIO()
    doc = _Doc(buffer, layout, fonts, created)
    doc.build(story)
    return buffer.getvalue(), fonts.used_names(), doc.page

"""DOCX from the layout (python-docx), following print-layout.md (GB/T 9704).

python-docx's default template is wrong for Chinese (Letter paper, Japanese theme
fonts, eastAsiaTheme attributes; engineering notes §3.1), so the styles are rebuilt
here: every font is named explicitly in w:rFonts (ascii, hAnsi, eastAsia, cs) in the
styles and again in each run, and the document languages are zh-CN. Named paragraph
styles (报告正文, 一级标题 …) let a clerk adjust the look in Word or WPS afterwards.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import NamespacePrefixedTag, qn as _qn
from docx.oxml.parser import oxml_parser
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle, StyleFactory

from app.export import geometry as g
from app.export.fonts import BODY, HEADING1, HEADING2, PAGE_NUMBER, ROLE_FACE, TABLE, TITLE, docx_font_names
from app.layout import (
    CELL_PAD_EM,
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
    GridCell,
    LayoutDocument,
    TableGrid,
)
from app.linebreak import NO_LINE_END, NO_LINE_START
from app.report import TITLE_SUFFIX

# python-docx's OxmlElement and qn parse the "w:tag" prefix on every call, ~10,000 calls
# for one report (section 三's table alone has ~300 cells): the same elements, with each
# tag's parsed name kept.
qn = cache(_qn)


@cache
def _element_name(tag: str) -> tuple[str, dict[str, str]]:
    parsed = NamespacePrefixedTag(tag)
    return parsed.clark_name, parsed.nsmap


def OxmlElement(tag: str, attrs: dict[str, str] | None = None):  # python-docx's name
    name, nsmap = _element_name(tag)
    return oxml_parser.makeelement(name, attrib=attrs, nsmap=nsmap)


# style id (ASCII, stable) → (name shown in Word, role)
STYLES = {
    "NbTitle": ("报告标题", TITLE),
    "NbBody": ("报告正文", BODY),
    "NbHeading1": ("一级标题", HEADING1),
    "NbHeading2": ("二级标题", HEADING2),
    "NbTableText": ("表格文字", TABLE),
    "NbSignature": ("落款", BODY),
    "NbDate": ("成文日期", BODY),
    "NbPageNumber": ("页码", PAGE_NUMBER),
}
BLOCK_STYLE = {
    TITLE_BLOCK: "NbTitle",
    PARAGRAPH: "NbBody",
    H1: "NbHeading1",
    H2: "NbHeading2",
    SIGNATURE: "NbSignature",
    DATE: "NbDate",
}
BLOCK_ROLE = {TITLE_BLOCK: TITLE, PARAGRAPH: BODY, H1: HEADING1, H2: HEADING2, SIGNATURE: BODY, DATE: BODY}


def twips(points: float) -> int:
    return round(points * 20)


def set_fonts(rpr, name: str) -> None:
    """Name one font in all four w:rFonts slots (python-docx only writes ascii/hAnsi)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _child(parent, tag: str):
    """The parent's child element with this tag, appended when missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def _set_lang(rpr) -> None:
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _indent_chars(ppr, first_line_chars: int = 0, left_chars: int = 0, right_chars: int = 0, size: float = g.BODY_SIZE):
    """Indents in character units (w:firstLineChars etc.), with twips for readers that ignore them."""
    ind = _child(ppr, "w:ind")
    if first_line_chars:
        ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
        ind.set(qn("w:firstLine"), str(twips(size * first_line_chars)))
    if left_chars:
        ind.set(qn("w:leftChars"), str(left_chars * 100))
        ind.set(qn("w:left"), str(twips(size * left_chars)))
    if right_chars:
        ind.set(qn("w:rightChars"), str(right_chars * 100))
        ind.set(qn("w:right"), str(twips(size * right_chars)))


def _clean_template(doc) -> None:
    # Languages and theme fonts: zh-CN, no Japanese theme, no *Theme font attributes.
    settings = doc.settings.element
    tfl = _child(settings, "w:themeFontLang")
    tfl.set(qn("w:val"), "en-US")
    tfl.set(qn("w:eastAsia"), "zh-CN")
    # Chinese documents compress punctuation (as Word and WPS do for zh-CN by default).
    spacing_control = settings.find(qn("w:characterSpacingControl"))
    if spacing_control is not None:
        spacing_control.set(qn("w:val"), "compressPunctuation")
        # Word's 首尾字符 for Chinese, set to the marks the PDF keeps from line ends and
        # starts (app.linebreak), so both break lines alike (placed in schema order).
        for tag, marks in (("w:noLineBreaksBefore", NO_LINE_START), ("w:noLineBreaksAfter", NO_LINE_END)):
            el = OxmlElement(tag)
            el.set(qn("w:lang"), "zh-CN")
            el.set(qn("w:val"), marks)
            spacing_control.addnext(el)
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.endswith("Theme"):
                del fonts.attrib[attr]
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    # Word 2010's duplicate style part and the template's thumbnail carry the old theme fonts.
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    pkg_rels = part.package.rels
    for rel_id, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg_rels.pop(rel_id)


def _doc_defaults(doc, fonts: dict) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, fonts[BODY][0])
    _set_lang(rpr)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    ppr = ppr_default.find(qn("w:pPr")) if ppr_default is not None else None
    if ppr is not None:  # the template's spacing after=200, line=276 would leak into tables
        for spacing in ppr.findall(qn("w:spacing")):
            ppr.remove(spacing)
        # Word's 中文版式 defaults, written out so every reader applies them: the line-break
        # rules for Chinese (kinsoku), Latin words kept whole, punctuation may hang past the
        # margin and be compressed at a line start, spacing between Chinese and Latin/digits.
        for name in ("kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN"):
            _child(ppr, f"w:{name}").set(qn("w:val"), "1")
        _sort_children(ppr, _PPR_RANK)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(g.BODY_SIZE)
    set_fonts(normal.element.get_or_add_rPr(), fonts[BODY][0])


def _paragraph_style(doc, style_id: str, fonts: dict):
    name, role = STYLES[style_id]
    # as doc.styles.add_style(name, …) without its check that the name is new (a scan of
    # the template's ~160 styles per call): these names are ours alone
    style = StyleFactory(doc.styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False))
    assert isinstance(style, ParagraphStyle)  # what StyleFactory makes of a paragraph style
    style.style_id = style_id
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font_name, bold = fonts[role]
    style.font.size = Pt(g.SIZE[role])
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, font_name)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(g.LEADING[role])
    pf.widow_control = True
    ppr = style.element.get_or_add_pPr()
    if style_id in ("NbBody", "NbHeading1", "NbHeading2"):
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if style_id == "NbBody" else WD_ALIGN_PARAGRAPH.LEFT
        _indent_chars(ppr, first_line_chars=2)
    if style_id in ("NbHeading1", "NbHeading2"):
        pf.keep_with_next = True
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), "0" if style_id == "NbHeading1" else "1")
        ppr.append(outline)
    if style_id == "NbTitle":
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf.space_after = Pt(g.TITLE_SPACE_AFTER)
        pf.keep_with_next = True
    if style_id == "NbTableText":
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf.widow_control = False
        _child(ppr, "w:overflowPunct").set(qn("w:val"), "0")  # never over a cell's rule
    if style_id == "NbSignature":
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.space_before = Pt(g.LEADING[BODY])  # one blank line after the text
        pf.keep_with_next = True
    if style_id == "NbDate":
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _indent_chars(ppr, right_chars=g.DATE_RIGHT_CHARS)
    if style_id == "NbPageNumber":
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # Let the fixed pitch rule, not a document grid, set the line height.
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.append(snap)
    return style


# Schema order of the property elements we touch (ECMA-376 CT_PPrBase, CT_TblPr). Word
# refuses or "repairs" files whose property children are out of order.
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
_TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
]


_PPR_RANK = {qn(f"w:{name}"): i for i, name in enumerate(_PPR_ORDER)}
_TBLPR_RANK = {qn(f"w:{name}"): i for i, name in enumerate(_TBLPR_ORDER)}


def _sort_children(element, rank: dict[str, int]) -> None:
    children = list(element)
    children.sort(key=lambda child: rank.get(child.tag, len(rank)))
    element[:] = children


def schema_order(root) -> None:
    for ppr in root.iter(qn("w:pPr")):
        _sort_children(ppr, _PPR_RANK)
    for tbl_pr in root.iter(qn("w:tblPr")):
        _sort_children(tbl_pr, _TBLPR_RANK)


def _add_run(paragraph, text: str, font_name: str, bold: bool = False):
    run = paragraph.add_run(text)
    set_fonts(run._r.get_or_add_rPr(), font_name)
    if bold:
        run.bold = True
    return run


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(g.PAGE_W_MM), Mm(g.PAGE_H_MM)
    section.top_margin, section.bottom_margin = Mm(g.TOP_MM), Mm(g.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(g.LEFT_MM), Mm(g.RIGHT_MM)
    section.gutter = Mm(0)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(g.FOOTER_DISTANCE_MM)


def _page_field(paragraph, font_name: str) -> None:
    """— N — with N a PAGE field (begin / instrText / separate / cached text / end)."""
    _add_run(paragraph, "— ", font_name)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = _add_run(paragraph, "", font_name)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
    _add_run(paragraph, " —", font_name)


def _footers(doc, fonts: dict) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    name = fonts[PAGE_NUMBER][0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles["页码"]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT
        ppr = p._p.get_or_add_pPr()
        if side == "right":
            _indent_chars(ppr, right_chars=1, size=g.PAGE_NUMBER_SIZE)
        else:
            _indent_chars(ppr, left_chars=1, size=g.PAGE_NUMBER_SIZE)
        _page_field(p, name)


# ---------------------------------------------------------------------------
# Tables


def _borders(tbl_pr) -> None:
    borders = _child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(g.RULE_EIGHTHS))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)


def _cell_margins(margins, left_right: int, parent=None) -> None:
    """Fill a w:tblCellMar or w:tcMar: `left_right` twips at the sides, CELL_PAD_Y above and below."""
    for edge in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(left_right if edge in ("left", "right") else twips(g.CELL_PAD_Y)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    if parent is not None:  # a cell's: after w:noWrap, before w:vAlign (CT_TcPr order)
        parent.append(margins)


def _table(doc, grid: TableGrid, fonts: dict) -> None:
    widths = [twips(w * g.TYPE_W_PT) for w in grid.col_widths]
    widths[-1] += twips(g.TYPE_W_PT) - sum(widths)  # rounding: exactly the type area
    table = doc.add_table(rows=0, cols=grid.n_cols)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    tbl_w = _child(tbl_pr, "w:tblW")
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    _child(tbl_pr, "w:tblLayout").set(qn("w:type"), "fixed")
    _borders(tbl_pr)
    # Word's default margins (0.19 cm) for the table; a narrow column's cells their own (w:tcMar).
    table_pad = twips(CELL_PAD_EM * g.TABLE_SIZE)
    _cell_margins(_child(tbl_pr, "w:tblCellMar"), table_pad)
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w))

    # The rows are written straight from the grid: a merged cell is one w:tc with
    # w:gridSpan, continued downwards by w:vMerge cells (python-docx's cell() and
    # merge() rescan the whole table on every call, far too slow for 300 cells).
    starts = {(c.row, c.col): c for c in grid.cells}
    below: dict[tuple[int, int], GridCell] = {}
    for c in grid.cells:
        for r in range(c.row + 1, c.row + c.rowspan):
            below[(r, c.col)] = c
    style_id = doc.styles["表格文字"].style_id
    font_name = fonts[TABLE][0]
    # Numbers too wide for the columns at 五号 (an absurdly large report): smaller text.
    scaled = grid.text_scale != 1

    def scaled_spacing():
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:line"), str(twips(g.LEADING[TABLE] * grid.text_scale)))
        spacing.set(qn("w:lineRule"), "exact")
        return spacing

    for r in range(grid.n_rows):
        tr = OxmlElement("w:tr")
        tr_pr = OxmlElement("w:trPr")
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < grid.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        tr.append(tr_pr)
        col = 0
        while col < grid.n_cols:
            cell = starts.get((r, col))
            continued = below.get((r, col))
            source = cell or continued
            span = source.colspan if source is not None else 1
            tc = OxmlElement("w:tc")
            tc_pr = OxmlElement("w:tcPr")
            tc_w = OxmlElement("w:tcW")
            tc_w.set(qn("w:w"), str(sum(widths[col : col + span])))
            tc_w.set(qn("w:type"), "dxa")
            tc_pr.append(tc_w)
            if span > 1:
                grid_span = OxmlElement("w:gridSpan")
                grid_span.set(qn("w:val"), str(span))
                tc_pr.append(grid_span)
            if source is not None and source.rowspan > 1:
                v_merge = OxmlElement("w:vMerge")
                if cell is not None:
                    v_merge.set(qn("w:val"), "restart")
                tc_pr.append(v_merge)
            if cell is not None and cell.role == NUMBER:
                tc_pr.append(OxmlElement("w:noWrap"))  # the layout sized the column for it
            pad = twips(grid.pad(source) * g.TYPE_W_PT) if source is not None else table_pad
            if pad != table_pad:
                _cell_margins(OxmlElement("w:tcMar"), pad, tc_pr)
            v_align = OxmlElement("w:vAlign")
            v_align.set(qn("w:val"), "center")
            tc_pr.append(v_align)
            tc.append(tc_pr)
            p = OxmlElement("w:p")
            p_pr = OxmlElement("w:pPr")
            p_style = OxmlElement("w:pStyle")
            p_style.set(qn("w:val"), style_id)
            p_pr.append(p_style)
            left = cell is not None and (
                (cell.role == LABEL and cell.rowspan == 1) or (cell.role == CORNER and cell.rowspan > 1)
            )
            if r + 1 < grid.n_rows:  # Word keeps a table on one page when it fits (cf. PDF)
                p_pr.append(OxmlElement("w:keepNext"))
            if scaled:
                p_pr.append(scaled_spacing())
            if left and not (cell is not None and cell.lines):
                jc = OxmlElement("w:jc")
                jc.set(qn("w:val"), "left")
                p_pr.append(jc)
            p.append(p_pr)
            if cell is not None and cell.text:
                run = OxmlElement("w:r")
                r_pr = OxmlElement("w:rPr")
                set_fonts(r_pr, font_name)
                if scaled:
                    for tag in ("w:sz", "w:szCs"):
                        size = OxmlElement(tag)
                        size.set(qn("w:val"), str(round(2 * g.TABLE_SIZE * grid.text_scale)))
                        r_pr.append(size)
                run.append(r_pr)
                for n, line in enumerate(cell.lines or (cell.text,)):
                    if n:
                        run.append(OxmlElement("w:br"))  # a label set vertically by the layout
                    t = OxmlElement("w:t")
                    t.text = line
                    t.set(qn("xml:space"), "preserve")
                    run.append(t)
                p.append(run)
            tc.append(p)
            tr.append(tc)
            col += span
        tbl.append(tr)


# ---------------------------------------------------------------------------


def docx_bytes(layout: LayoutDocument, created: dt.datetime) -> tuple[bytes, dict[str, str]]:
    fonts = docx_font_names()
    doc = Document()
    _clean_template(doc)
    _doc_defaults(doc, fonts)
    for style_id in STYLES:
        _paragraph_style(doc, style_id, fonts)
    _page_setup(doc)
    _footers(doc, fonts)
    body = doc.element.body
    for p in list(body.iter(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)

    blocks = layout.blocks
    for i, block in enumerate(blocks):
        if block.kind == TABLE_BLOCK:
            assert block.table is not None  # the layout gives every table block its grid
            _table(doc, block.table, fonts)
            continue
        style_id = BLOCK_STYLE[block.kind]
        name, bold = fonts[BLOCK_ROLE[block.kind]]
        p = doc.add_paragraph()
        p._p.style = style_id  # by id: python-docx looks names up with a scan of all styles
        if block.kind == SIGNATURE:
            p.paragraph_format.right_indent = Pt(g.signature_right_indent(layout.organ, layout.date))
        if i + 1 < len(blocks) and blocks[i + 1].kind == SIGNATURE:
            p.paragraph_format.keep_with_next = True  # the signature never stands alone on a page
        if block.kind == TITLE_BLOCK and len(block.lines) > 1:
            for n, line in enumerate(block.lines):
                run = _add_run(p, line, name, bold)
                if n + 1 < len(block.lines):
                    run.add_break()
        elif block.text:
            _add_run(p, block.text, name, bold)

    # Table cells are written in order already; styles, footers and table properties are not.
    schema_order(doc.styles.element)
    for tbl_pr in doc.element.body.iter(qn("w:tblPr")):
        _sort_children(tbl_pr, _TBLPR_RANK)
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        schema_order(footer._element)

    core = doc.core_properties
    core.title = layout.title[:255]  # the package format limits these properties to 255 characters
    core.author = (layout.organ or "年报助手")[:255]
    core.last_modified_by = (layout.organ or "年报助手")[:255]
    core.comments = ""
    core.subject = TITLE_SUFFIX
    core.keywords = TITLE_SUFFIX
    core.language = "zh-CN"
    # python-docx's template is dated 2013-12-23; the package stores UTC.
    core.created = core.modified = created.astimezone(dt.UTC).replace(tzinfo=None)
    core.revision = 1

    out = io.BytesIO()
    doc.save(out)
    used: dict[str, str] = {}
    for role in (TITLE, BODY, HEADING1, HEADING2, TABLE, PAGE_NUMBER):
        name, bold = fonts[role]
        used.setdefault(ROLE_FACE[role], name + ("（加粗）" if bold else ""))
    return out.getvalue(), used

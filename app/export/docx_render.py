"""DOCX from the layout, following print-layout.md (GB/T 9704), written as WordprocessingML.

The package is written directly (stdlib zipfile, XML as text): python-docx and lxml cost
an export ~150 ms of importing and object building. Parts that do not depend on the report
are data files in resources/docx/ — python-docx's default template (MIT licence) as the
earlier python-docx export left it: theme font attributes removed, languages zh-CN. The
template's styles.xml, settings.xml, document.xml and footer.xml hold <!--nianbao:…-->
markers where the generated XML goes.

python-docx's template is wrong for Chinese (Letter paper, Japanese theme fonts; engineering
notes §3.1), so every font is named explicitly in w:rFonts (ascii, hAnsi, eastAsia, cs) in
the styles and again in each run, and the document languages are zh-CN. Named paragraph
styles (报告正文, 一级标题 …) let a clerk adjust the look in Word or WPS afterwards.

Every piece of text is escaped (_text, _attr): the clerk's text never acts as markup.
Characters XML cannot hold (the layout's text has had them removed) raise ValueError, as
lxml did, rather than give a file Word refuses.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import cache

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
from app.paths import resources_dir
from app.report import TITLE_SUFFIX

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

# Schema order of paragraph and table properties (ECMA-376 CT_PPrBase, CT_TblPr). Word
# refuses or "repairs" files whose property children are out of order; the XML below is
# written in this order.
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

TEMPLATE = "docx"  # the folder of resources/ with the template parts
# The package's parts in the order written; None: generated here, else the template file.
# The package relationships live in resources/ as package.rels, not .rels: Wine marks dot
# files hidden and Inno Setup then leaves them out of the installer.
PARTS = {
    "[Content_Types].xml": "[Content_Types].xml",
    "_rels/.rels": "_rels/package.rels",
    "docProps/core.xml": None,
    "docProps/app.xml": "docProps/app.xml",
    "word/document.xml": None,
    "word/_rels/document.xml.rels": "word/_rels/document.xml.rels",
    "word/styles.xml": None,
    "word/settings.xml": None,
    "word/webSettings.xml": "word/webSettings.xml",
    "word/fontTable.xml": "word/fontTable.xml",
    "word/theme/theme1.xml": "word/theme/theme1.xml",
    "customXml/item1.xml": "customXml/item1.xml",
    "customXml/_rels/item1.xml.rels": "customXml/_rels/item1.xml.rels",
    "customXml/itemProps1.xml": "customXml/itemProps1.xml",
    "word/numbering.xml": "word/numbering.xml",
    "word/footer1.xml": None,  # odd pages: the page number at the right (rId4 in the rels)
    "word/footer2.xml": None,  # even pages: at the left (rId9)
}
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

# What XML 1.0 cannot hold: control characters, lone surrogates, U+FFFE/U+FFFF. (The
# complement of XML's Char production within what a Python str holds; written this way
# the pattern compiles in a millisecond, the production's astral range takes seven.)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@cache
def _template(name: str) -> bytes:
    return (resources_dir() / TEMPLATE / name).read_bytes()


@cache
def _template_pieces(name: str) -> list[str]:
    """A template part split at its markers: text, marker name, text, … (styles.xml is
    340 KB, the part of python-docx's template with its ~160 built-in styles)."""
    return re.split(r"<!--nianbao:(\w+)-->", _template(name).decode("utf-8"))


def _checked(xml: str, where: str) -> str:
    bad = _NOT_XML.search(xml)
    if bad:
        raise ValueError(f"{where}: U+{ord(bad.group()):04X} cannot be written in XML")
    return xml


def _fill(name: str, **pieces: str) -> str:
    """A template part with its <!--nianbao:NAME--> markers replaced by generated XML."""
    parts = _template_pieces(name)
    return "".join(_checked(pieces[part], name) if i % 2 else part for i, part in enumerate(parts))


# Escaping by hand: xml.sax.saxutils would do the same but imports urllib.request (~35 ms).
def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(s: str) -> str:
    return _text(s).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")


def twips(points: float) -> int:
    return round(points * 20)


def _mm_twips(mm: float) -> int:
    return twips(mm * g.MM)


# ---------------------------------------------------------------------------
# Runs


def _fonts(name: str) -> str:
    """One font in all four w:rFonts slots, East Asian text preferred."""
    a = _attr(name)
    return f'<w:rFonts w:ascii="{a}" w:hAnsi="{a}" w:eastAsia="{a}" w:cs="{a}" w:hint="eastAsia"/>'


def _rpr(font_name: str, bold: bool = False) -> str:
    return f"<w:rPr>{_fonts(font_name)}{'<w:b/>' if bold else ''}</w:rPr>"


def _t(text: str) -> str:
    """A w:t; space kept where the text starts or ends with some (as python-docx writes it)."""
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{_text(text)}</w:t>'
    return f"<w:t>{_text(text)}</w:t>"


_RUN_BREAKS = re.compile(r"([\t\r\n])")


def _run_content(text: str) -> str:
    """Text as run content: a tab is a w:tab, a line end a w:br (as in Word)."""
    if "\t" not in text and "\r" not in text and "\n" not in text:
        return _t(text) if text else ""
    out = []
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece))
    return "".join(out)


# ---------------------------------------------------------------------------
# Styles and settings


def _ppr(props: dict[str, str]) -> str:
    """w:pPr from {element name: its XML}, in schema order."""
    return "<w:pPr>" + "".join(props[name] for name in _PPR_ORDER if name in props) + "</w:pPr>"


def _ind(first_line_chars: int = 0, left_chars: int = 0, right_chars: int = 0, size: float = g.BODY_SIZE) -> str:
    """Indents in character units (w:firstLineChars etc.), with twips for readers that ignore them."""
    attrs = []
    for name, chars in (("firstLine", first_line_chars), ("left", left_chars), ("right", right_chars)):
        if chars:
            attrs.append(f'w:{name}Chars="{chars * 100}" w:{name}="{twips(size * chars)}"')
    return f"<w:ind {' '.join(attrs)}/>"


def _val(name: str, value: str | int) -> str:
    return f'<w:{name} w:val="{value}"/>'


def _doc_defaults(fonts: dict) -> str:
    # Word's 中文版式 defaults, written out so every reader applies them: the line-break
    # rules for Chinese (kinsoku), Latin words kept whole, punctuation may hang past the
    # margin and be compressed at a line start, spacing between Chinese and Latin/digits.
    # (The template's paragraph spacing after=200, line=276 would leak into tables: none.)
    chinese = "".join(
        _val(name, 1) for name in ("kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN")
    )
    return (
        f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(fonts[BODY][0])}<w:sz w:val="22"/><w:szCs w:val="22"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{chinese}</w:pPr></w:pPrDefault></w:docDefaults>"
    )


def _paragraph_style(style_id: str, fonts: dict) -> str:
    name, role = STYLES[style_id]
    font_name, bold = fonts[role]
    props = {
        "widowControl": "<w:widowControl/>",
        "spacing": (f'<w:spacing w:before="0" w:after="0" w:lineRule="exact" w:line="{twips(g.LEADING[role])}"/>'),
        # Let the fixed pitch rule, not a document grid, set the line height.
        "snapToGrid": _val("snapToGrid", 0),
    }
    if style_id in ("NbBody", "NbHeading1", "NbHeading2"):
        props["jc"] = _val("jc", "both" if style_id == "NbBody" else "left")
        props["ind"] = _ind(first_line_chars=2)
    if style_id in ("NbHeading1", "NbHeading2"):
        props["keepNext"] = "<w:keepNext/>"
        props["outlineLvl"] = _val("outlineLvl", 0 if style_id == "NbHeading1" else 1)
    if style_id == "NbTitle":
        props["jc"] = _val("jc", "center")
        props["keepNext"] = "<w:keepNext/>"
        props["spacing"] = (
            f'<w:spacing w:before="0" w:after="{twips(g.TITLE_SPACE_AFTER)}" w:lineRule="exact"'
            f' w:line="{twips(g.LEADING[role])}"/>'
        )
    if style_id == "NbTableText":
        props["jc"] = _val("jc", "center")
        props["widowControl"] = _val("widowControl", 0)
        props["overflowPunct"] = _val("overflowPunct", 0)  # never over a cell's rule
    if style_id == "NbSignature":
        props["jc"] = _val("jc", "right")
        props["keepNext"] = "<w:keepNext/>"
        props["spacing"] = (  # one blank line after the text
            f'<w:spacing w:before="{twips(g.LEADING[BODY])}" w:after="0" w:lineRule="exact"'
            f' w:line="{twips(g.LEADING[role])}"/>'
        )
    if style_id == "NbDate":
        props["jc"] = _val("jc", "right")
        props["ind"] = _ind(right_chars=g.DATE_RIGHT_CHARS)
    if style_id == "NbPageNumber":
        props["spacing"] = '<w:spacing w:before="0" w:after="0" w:lineRule="auto" w:line="240"/>'
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{_attr(name)}"/>'
        f'<w:basedOn w:val="Normal"/><w:qFormat/>{_ppr(props)}<w:rPr>{_fonts(font_name)}'
        f"{'<w:b/>' if bold else _val('b', 0)}{_val('sz', round(2 * g.SIZE[role]))}</w:rPr></w:style>"
    )


def _styles(fonts: dict) -> str:
    normal = f"<w:rPr>{_fonts(fonts[BODY][0])}{_val('sz', round(2 * g.BODY_SIZE))}</w:rPr>"
    ours = "".join(_paragraph_style(style_id, fonts) for style_id in STYLES)
    return _fill("word/styles.xml", docDefaults=_doc_defaults(fonts), normal=normal, styles=ours)


def _settings() -> str:
    # Word's 首尾字符 for Chinese, set to the marks the PDF keeps from line ends and starts
    # (app.linebreak), so both break lines alike. The template's settings also ask for
    # compressed punctuation (as Word and WPS do for zh-CN) and odd/even page footers.
    return _fill(
        "word/settings.xml",
        lineBreaks=(
            f'<w:noLineBreaksAfter w:lang="zh-CN" w:val="{_attr(NO_LINE_END)}"/>'
            f'<w:noLineBreaksBefore w:lang="zh-CN" w:val="{_attr(NO_LINE_START)}"/>'
        ),
    )


# ---------------------------------------------------------------------------
# Page: size, margins, footers


def _section() -> str:
    margins = (
        f'w:top="{_mm_twips(g.TOP_MM)}" w:right="{_mm_twips(g.RIGHT_MM)}" w:bottom="{_mm_twips(g.BOTTOM_MM)}"'
        f' w:left="{_mm_twips(g.LEFT_MM)}" w:header="{_mm_twips(15)}" w:footer="{_mm_twips(g.FOOTER_DISTANCE_MM)}"'
        ' w:gutter="0"'
    )
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId9"/>'
        f'<w:pgSz w:w="{_mm_twips(g.PAGE_W_MM)}" w:h="{_mm_twips(g.PAGE_H_MM)}"/><w:pgMar {margins}/>'
        '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def _footer(fonts: dict, side: str) -> str:
    """— N — with N a PAGE field (begin / instrText / separate / cached text / end), one
    character in from the outer edge: the right on odd pages, the left on even ones."""
    rpr = _rpr(fonts[PAGE_NUMBER][0])
    field = "".join(
        f"<w:r>{rpr}{content}</w:r>"
        for content in (
            _t("— "),
            '<w:fldChar w:fldCharType="begin"/>',
            '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>',
            _t("1"),
            '<w:fldChar w:fldCharType="end"/>',
            _t(" —"),
        )
    )
    if side == "right":
        indent = _ind(right_chars=1, size=g.PAGE_NUMBER_SIZE)
    else:
        indent = _ind(left_chars=1, size=g.PAGE_NUMBER_SIZE)
    ppr = _ppr({"pStyle": _val("pStyle", "NbPageNumber"), "ind": indent, "jc": _val("jc", side)})
    return _fill("word/footer.xml", paragraph=f"<w:p>{ppr}{field}</w:p>")


# ---------------------------------------------------------------------------
# Tables


def _cell_margins(tag: str, left_right: int) -> str:
    """A w:tblCellMar or w:tcMar: `left_right` twips at the sides, CELL_PAD_Y above and below."""
    top = twips(g.CELL_PAD_Y)
    return (
        f'<w:{tag}><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{left_right}" w:type="dxa"/>'
        f'<w:bottom w:w="{top}" w:type="dxa"/><w:right w:w="{left_right}" w:type="dxa"/></w:{tag}>'
    )


def _table(grid: TableGrid, fonts: dict) -> str:
    widths = [twips(w * g.TYPE_W_PT) for w in grid.col_widths]
    widths[-1] += twips(g.TYPE_W_PT) - sum(widths)  # rounding: exactly the type area
    rule = f'w:val="single" w:sz="{g.RULE_EIGHTHS}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{edge} {rule}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    # Word's default margins (0.19 cm) for the table; a narrow column's cells their own (w:tcMar).
    table_pad = twips(CELL_PAD_EM * g.TABLE_SIZE)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="{sum(widths)}"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>{_cell_margins("tblCellMar", table_pad)}'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1"'
        ' w:val="04A0"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]

    # The rows are written straight from the grid: a merged cell is one w:tc with
    # w:gridSpan, continued downwards by w:vMerge cells.
    starts = {(c.row, c.col): c for c in grid.cells}
    below: dict[tuple[int, int], GridCell] = {}
    for c in grid.cells:
        for r in range(c.row + 1, c.row + c.rowspan):
            below[(r, c.col)] = c
    # Numbers too wide for the columns at 五号 (an absurdly large report): smaller text.
    scaled = grid.text_scale != 1
    spacing = size = ""
    if scaled:
        spacing = f'<w:spacing w:line="{twips(g.LEADING[TABLE] * grid.text_scale)}" w:lineRule="exact"/>'
        half_points = round(2 * g.TABLE_SIZE * grid.text_scale)
        size = _val("sz", half_points) + _val("szCs", half_points)
    rpr = f"<w:rPr>{_fonts(fonts[TABLE][0])}{size}</w:rPr>"
    style = _val("pStyle", "NbTableText")
    for r in range(grid.n_rows):
        out.append(
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if r < grid.header_rows
            else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        )
        # Word keeps a table on one page when it fits (cf. PDF)
        keep = "<w:keepNext/>" if r + 1 < grid.n_rows else ""
        col = 0
        while col < grid.n_cols:
            cell = starts.get((r, col))
            source = cell or below.get((r, col))
            span = source.colspan if source is not None else 1
            tc_pr = [f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths[col : col + span])}" w:type="dxa"/>']
            if span > 1:
                tc_pr.append(_val("gridSpan", span))
            if source is not None and source.rowspan > 1:
                tc_pr.append('<w:vMerge w:val="restart"/>' if cell is not None else "<w:vMerge/>")
            if cell is not None and cell.role == NUMBER:
                tc_pr.append("<w:noWrap/>")  # the layout sized the column for it
            pad = twips(grid.pad(source) * g.TYPE_W_PT) if source is not None else table_pad
            if pad != table_pad:
                tc_pr.append(_cell_margins("tcMar", pad))
            left = cell is not None and (
                (cell.role == LABEL and cell.rowspan == 1) or (cell.role == CORNER and cell.rowspan > 1)
            )
            jc = '<w:jc w:val="left"/>' if left and not (cell is not None and cell.lines) else ""
            out.append(
                f'{"".join(tc_pr)}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>{style}{keep}{spacing}{jc}</w:pPr>'
            )
            if cell is not None and cell.text:
                # a label set vertically by the layout: one line each, with breaks between
                lines = "<w:br/>".join(
                    f'<w:t xml:space="preserve">{_text(line)}</w:t>' for line in cell.lines or (cell.text,)
                )
                out.append(f"<w:r>{rpr}{lines}</w:r>")
            out.append("</w:p></w:tc>")
            col += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# ---------------------------------------------------------------------------
# The document


def _body(layout: LayoutDocument, fonts: dict) -> str:
    out = []
    blocks = layout.blocks
    for i, block in enumerate(blocks):
        if block.kind == TABLE_BLOCK:
            assert block.table is not None  # the layout gives every table block its grid
            out.append(_table(block.table, fonts))
            continue
        name, bold = fonts[BLOCK_ROLE[block.kind]]
        ppr = [_val("pStyle", BLOCK_STYLE[block.kind])]
        if i + 1 < len(blocks) and blocks[i + 1].kind == SIGNATURE:
            ppr.append("<w:keepNext/>")  # the signature never stands alone on a page
        if block.kind == SIGNATURE:
            ppr.append(f'<w:ind w:right="{twips(g.signature_right_indent(layout.organ, layout.date))}"/>')
        rpr = _rpr(name, bold)
        if block.kind == TITLE_BLOCK and len(block.lines) > 1:
            runs = "".join(
                f"<w:r>{rpr}{_run_content(line)}{'<w:br/>' if n + 1 < len(block.lines) else ''}</w:r>"
                for n, line in enumerate(block.lines)
            )
        elif block.text:
            runs = f"<w:r>{rpr}{_run_content(block.text)}</w:r>"
        else:
            runs = ""
        out.append(f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{runs}</w:p>")
    out.append(_section())
    return _fill("word/document.xml", body="".join(out))


def _core(layout: LayoutDocument, created: dt.datetime) -> str:
    # The package format limits these properties to 255 characters; it stores UTC.
    when = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    author = _text((layout.organ or "年报助手")[:255])
    return (
        DECLARATION + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(layout.title[:255])}</dc:title><dc:subject>{TITLE_SUFFIX}</dc:subject>"
        f"<dc:creator>{author}</dc:creator><cp:keywords>{TITLE_SUFFIX}</cp:keywords><dc:description></dc:description>"
        f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "<cp:category/><dc:language>zh-CN</dc:language></cp:coreProperties>"
    )


def docx_bytes(layout: LayoutDocument, created: dt.datetime) -> tuple[bytes, dict[str, str]]:
    fonts = docx_font_names()
    generated = {
        "docProps/core.xml": _checked(_core(layout, created), "docProps/core.xml"),
        "word/document.xml": _body(layout, fonts),
        "word/styles.xml": _styles(fonts),
        "word/settings.xml": _settings(),
        "word/footer1.xml": _footer(fonts, "right"),
        "word/footer2.xml": _footer(fonts, "left"),
    }
    out = io.BytesIO()
    # every entry dated when the file is made (a zip cannot say before 1980), so one report
    # exported at one time gives the same bytes
    stamp = max(created.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, template in PARTS.items():
            data = _template(template) if template else generated[name].encode("utf-8")
            entry = zipfile.ZipInfo(name, stamp)
            entry.external_attr = 0o600 << 16  # rw for the owner, as ZipFile.writestr(name) gives
            package.writestr(entry, data, zipfile.ZIP_DEFLATED)
    used: dict[str, str] = {}
    for role in (TITLE, BODY, HEADING1, HEADING2, TABLE, PAGE_NUMBER):
        name, bold = fonts[role]
        used.setdefault(ROLE_FACE[role], name + ("（加粗）" if bold else ""))
    return out.getvalue(), used

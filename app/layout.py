"""One description of the printed report, shared by every renderer (DOCX, PDF, HTML).

`build_layout(report)` turns a Report into an ordered list of blocks: the title, the
preamble, the six sections with their headings, narrative paragraphs and tables, and
the signature. Tables are grids of cells with their merges already worked out from the
format's label paths, so the renderers only draw what they are given and can never
disagree about labels, order or merges. Labels and headings come only from the format.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from app.cnnum import int_to_chinese
from app.formats import Format, Table
from app.linebreak import may_break
from app.report import Report
from app.values import format_value

# Block kinds, in the order they may appear.
TITLE = "title"
PARAGRAPH = "paragraph"  # body text: preamble and narrative
HEADING1 = "heading1"  # 一、总体情况
HEADING2 = "heading2"  # （一）主动公开情况
TABLE = "table"
SIGNATURE = "signature"  # the organ's name above the date
DATE = "date"

# Grid cell roles.
HEADER = "header"  # column header
LABEL = "label"  # row label
NUMBER = "number"
CORNER = "corner"  # top-left cell (信息内容, or section three's note)
TABLE_TITLE = "title"  # section two's 第二十条第（一）项 rows

# XML 1.0 forbids C0 controls other than tab/newline/CR, lone surrogates and U+FFFE/FFFF;
# C1 controls and DEL are legal XML but print as boxes, so they go too.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A number the clerk typed before a sub-section title, （一百零一） included: the layout numbers them itself.
_SUBSECTION_NUMBER = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百千零〇]+[)）]|[一二三四五六七八九十百千零〇]+[、.．])\s*"
)


def sanitize_text(text: str) -> str:
    """Text safe for every output: no XML-illegal or control characters, tabs as spaces."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _ILLEGAL.sub("", text)


def split_paragraphs(text: str) -> list[str]:
    """Narrative text as paragraphs: one per non-blank line, typed indents removed
    (the renderers indent the first line by two characters themselves)."""
    lines = (line.strip(" \u3000\u00a0") for line in sanitize_text(text).split("\n"))
    return [line for line in lines if line]


def date_text(date) -> str:
    """2024-01-10 → 2024年1月10日 (Arabic numerals, no leading zeros)."""
    return f"{date.year}年{date.month}月{date.day}日"


TITLE_LINE_EM = 20  # 2号 (22 pt) characters per line of the 156 mm type area


def title_lines(title: str, organ: str) -> tuple[str, ...]:
    """A title too long for one line breaks after the organ's name (so a word is never
    cut in two), provided both lines then fit; otherwise the renderer wraps it."""
    if text_width_em(title) <= TITLE_LINE_EM:
        return (title,)
    if organ and title.startswith(organ) and title != organ:
        first, rest = organ, title[len(organ) :]
        if text_width_em(first) <= TITLE_LINE_EM and text_width_em(rest) <= TITLE_LINE_EM:
            return (first, rest)
    return (title,)


def text_width_em(text: str) -> float:
    """Width of a line in ems: wide (CJK) characters 1, everything else ½.
    Both renderers place the signature with it, so they agree."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    role: str = NUMBER
    key: str | None = None  # the cell key of a number cell
    where: str = ""  # a Chinese location, for messages
    lines: tuple[str, ...] = ()  # lines the layout chose (a group label); renderers wrap none shorter


@dataclass(frozen=True)
class TableGrid:
    id: str
    section: str
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]  # top-left cell of each merge only, in row order
    header_rows: int  # rows to repeat on every page
    col_widths: tuple[float, ...]  # relative, summing to 1
    # Size of the table text relative to 五号: 1 unless numbers too wide for any column
    # arrangement at 五号 (an absurdly large report) force smaller text.
    text_scale: float = 1.0
    # Left and right inner margin of the cells of each column, relative to the table's width.
    col_pads: tuple[float, ...] = ()

    def pad(self, cell: GridCell) -> float:
        """A cell's left and right inner margin, relative to the table's width."""
        return min(self.col_pads[cell.col : cell.col + cell.colspan])

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell starting at (row, col), or None (covered by a merge or absent)."""
        return self._index.get((row, col))

    def covering(self, row: int, col: int) -> GridCell | None:
        """The cell whose area includes (row, col)."""
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rowspan and cell.col <= col < cell.col + cell.colspan:
                return cell
        return None

    @property
    def _index(self) -> dict[tuple[int, int], GridCell]:
        return {(c.row, c.col): c for c in self.cells}

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        return out


def grid_part(grid: TableGrid, start: int, end: int) -> TableGrid:
    """The heading rows and body rows [start, end) of a grid: one page's share of a
    table too tall for a page. A merged label the page break cuts is printed in both
    parts, so each page names the rows it shows."""
    h = grid.header_rows
    if not h <= start < end <= grid.n_rows:
        raise ValueError(f"rows {start}–{end} outside the body of table {grid.id}")
    cells = []
    for c in grid.cells:
        if c.row < h:
            cells.append(c)
            continue
        top, bottom = max(c.row, start), min(c.row + c.rowspan, end)
        if top < bottom:
            cells.append(replace(c, row=h + top - start, rowspan=bottom - top))
    return replace(grid, n_rows=h + end - start, cells=tuple(cells))


@dataclass(frozen=True)
class Block:
    kind: str
    text: str = ""
    where: str = ""  # Chinese location, e.g. 第五部分 第2段
    table: TableGrid | None = None
    section: str = ""  # s1..s6, "" for title/preamble/signature
    lines: tuple[str, ...] = ()  # the title's suggested line breaks (renderers may ignore)


@dataclass(frozen=True)
class LayoutDocument:
    title: str
    format_id: str
    organ: str
    date: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every piece of printed text with its location: (text, where)."""
        for block in self.blocks:
            if block.table is not None:
                for cell in block.table.cells:
                    if cell.text:
                        yield cell.text, cell.where
            elif block.text:
                yield block.text, block.where


def build_layout(report: Report) -> LayoutDocument:
    fmt = report.format
    values = report.values()
    blocks: list[Block] = []
    title = sanitize_text(report.title).replace("\n", "").strip()
    organ = sanitize_text(report.meta.organ).replace("\n", "").strip()
    blocks.append(Block(TITLE, title, "标题", lines=title_lines(title, organ)))
    for i, text in enumerate(split_paragraphs(report.intro), 1):
        blocks.append(Block(PARAGRAPH, text, f"前言 第{i}段"))

    for section in fmt.sections:
        part = f"第{section.number}部分"
        blocks.append(Block(HEADING1, section.heading, part, section=section.key))
        if section.kind == "subsections":
            blocks.extend(_subsections(report, section.key, part))
        elif section.kind == "text":
            body = getattr(report, section.key, "")
            for i, text in enumerate(split_paragraphs(body), 1):
                blocks.append(Block(PARAGRAPH, text, f"{part} 第{i}段", section=section.key))
        elif section.kind == "tables":
            for grid in section_grids(fmt, section.key, values):
                blocks.append(Block(TABLE, where=f"{part} 表格", table=grid, section=section.key))

    date = date_text(report.meta.report_date) if report.meta.report_date else f"{report.meta.year + 1}年　月　日"
    blocks.append(Block(SIGNATURE, organ, "落款"))
    blocks.append(Block(DATE, date, "成文日期"))
    return LayoutDocument(title=title, format_id=fmt.id, organ=organ, date=date, blocks=tuple(blocks))


def subsection_headings(subsections) -> list[tuple[str, str]]:
    """How each sub-section's heading prints: ("（一）", "主动公开情况"), numbered in order
    over the titled ones; a number the clerk typed is dropped; ("", "") when untitled.
    The one numbering used by the paper and by every message naming a sub-section."""
    out = []
    number = 0
    for sub in subsections:
        title = _SUBSECTION_NUMBER.sub("", sanitize_text(sub.title).replace("\n", "")).strip()
        if title:
            number += 1
            out.append((f"（{int_to_chinese(number)}）", title))
        else:
            out.append(("", ""))
    return out


def has_lead_paragraph(subsections) -> bool:
    """An untitled first sub-section is the paragraph before the sub-sections (as imported
    reports have it): printed first, with no heading or number."""
    return bool(subsections) and subsection_headings(subsections[:1])[0] == ("", "")


def _subsections(report: Report, section_key: str, part: str) -> list[Block]:
    blocks = []
    subsections = getattr(report, section_key)
    for sub, (number, title) in zip(subsections, subsection_headings(subsections)):
        if title:
            where = f"{part}{number}"
            blocks.append(Block(HEADING2, f"{number}{title}", f"{where} 标题", section=section_key))
        else:
            where = part
        for i, text in enumerate(split_paragraphs(sub.body), 1):
            blocks.append(Block(PARAGRAPH, text, f"{where} 第{i}段", section=section_key))
    return blocks


# ---------------------------------------------------------------------------
# Tables


def section_grids(fmt: Format, section_key: str, values: dict) -> list[TableGrid]:
    """The printed grids of a table section: several small tables (section two) are
    stacked into one grid as the official format prints them."""
    tables = fmt.section(section_key).tables
    if len(tables) > 1:
        return [_stacked_grid(section_key, tables, fmt, values)]
    return [_table_grid(t, fmt, values) for t in tables]


def _number_text(fmt: Format, key: str, values: dict) -> str:
    return format_value(values[key], fmt.cells[key].kind)


def _part_name(section_key: str, fmt: Format) -> str:
    return f"第{fmt.section(section_key).number}部分"


def _groups(paths: list[tuple[str, ...]], level: int) -> list[tuple[int, int]]:
    """Runs [start, end) of consecutive paths sharing the prefix up to `level`."""
    runs = []
    start = 0
    for i in range(1, len(paths) + 1):
        if (
            i == len(paths)
            or len(paths[i]) <= level
            or len(paths[start]) <= level
            or paths[i][: level + 1] != paths[start][: level + 1]
        ):
            runs.append((start, i))
            start = i
    return [(a, b) for a, b in runs if len(paths[a]) > level]


def _table_grid(table: Table, fmt: Format, values: dict) -> TableGrid:
    label_depth, header_depth = table.label_depth, table.header_depth
    n_cols = label_depth + len(table.columns)
    n_rows = header_depth + len(table.rows)
    part = _part_name(table.section, fmt)
    where = f"{part} 表格"
    cells: list[GridCell] = []

    if label_depth and header_depth:
        cells.append(GridCell(table.corner or "", 0, 0, header_depth, label_depth, CORNER, where=where))

    col_paths = [c.label for c in table.columns]
    for level in range(header_depth):
        for start, end in _groups(col_paths, level):
            path = col_paths[start]
            rowspan = header_depth - level if level == len(path) - 1 else 1
            cells.append(GridCell(path[level], level, label_depth + start, rowspan, end - start, HEADER, where=where))

    row_paths = [r.label for r in table.rows]
    for level in range(label_depth):
        for start, end in _groups(row_paths, level):
            path = row_paths[start]
            colspan = label_depth - level if level == len(path) - 1 else 1
            cells.append(GridCell(path[level], header_depth + start, level, end - start, colspan, LABEL, where=where))

    for i, row in enumerate(table.rows):
        for j, column in enumerate(table.columns):
            key = table.cell_key(row, column)
            cells.append(
                GridCell(
                    _number_text(fmt, key, values),
                    header_depth + i,
                    label_depth + j,
                    role=NUMBER,
                    key=key,
                    where=fmt.cells[key].where,
                )
            )

    cells.sort(key=lambda c: (c.row, c.col))
    widths, scale = _column_widths(cells, n_cols, label_depth)
    pads = _column_pads(cells, widths, scale)
    cells = [_group_label_lines(c, widths, pads, scale) if c.role == LABEL and c.rowspan > 1 else c for c in cells]
    return TableGrid(table.id, table.section, n_rows, n_cols, tuple(cells), header_depth, widths, scale, pads)


def _stacked_grid(section_key: str, tables: tuple[Table, ...], fmt: Format, values: dict) -> TableGrid:
    for t in tables:
        if t.label_depth > 1 or t.header_depth > 1:
            raise ValueError(f"table {t.id}: stacked tables need single-level labels")
    n_cols = 1 + max(len(t.columns) for t in tables)
    where = f"{_part_name(section_key, fmt)} 表格"
    cells: list[GridCell] = []
    r = 0
    for t in tables:
        if t.title:
            cells.append(GridCell(t.title, r, 0, 1, n_cols, TABLE_TITLE, where=where))
            r += 1
        cells.append(GridCell(t.corner or "", r, 0, role=CORNER, where=where))
        for j, column in enumerate(t.columns):
            span = n_cols - 1 - j if j == len(t.columns) - 1 else 1
            cells.append(GridCell(column.label[-1], r, 1 + j, 1, span, HEADER, where=where))
        r += 1
        for row in t.rows:
            cells.append(GridCell(row.label[-1] if row.label else "", r, 0, role=LABEL, where=where))
            for j, column in enumerate(t.columns):
                key = t.cell_key(row, column)
                span = n_cols - 1 - j if j == len(t.columns) - 1 else 1
                text = _number_text(fmt, key, values)
                cells.append(GridCell(text, r, 1 + j, 1, span, NUMBER, key, fmt.cells[key].where))
            r += 1
    # Labels on one line; the number columns share the rest equally.
    longest = max((text_width_em(c.text) for c in cells if c.role == LABEL), default=0.0)
    label = min(longest + 1.5, TABLE_WIDTH_EM * 0.4)
    rest = (TABLE_WIDTH_EM - label) / (n_cols - 1)
    widths, scale = _fit_numbers(
        [label, *[rest] * (n_cols - 1)], [LABEL_MIN_EM["inner"]] + [0.0] * (n_cols - 1), _number_needs(cells, n_cols), 1
    )
    return TableGrid(
        section_key, section_key, r, n_cols, tuple(cells), 0, widths, scale, _column_pads(cells, widths, scale)
    )


TABLE_WIDTH_EM = 42.0  # the 156 mm type area in characters of 五号 (10.5 pt) table text
_MM_EM = 72 / 25.4 / 10.5  # one millimetre in ems of 五号
# The cells' inner margins, left and right: Word's default (0.19 cm), as in the official
# template. In a column too narrow for two characters (or its widest number) and those
# margins they shrink, never below 1.2 mm, so text keeps clear of the rules.
CELL_PAD_EM = 1.9 * _MM_EM
MIN_CELL_PAD_EM = 1.2 * _MM_EM
# A number column: two characters of table text a line (商业/企业), margins narrowed to fit.
NUMBER_COLUMN_EM = 2.1 + 2 * MIN_CELL_PAD_EM
OUTER_LABEL_EM = NUMBER_COLUMN_EM  # the outermost label column (三、本年度办理结果), set vertically
MIDDLE_LABEL_EM = 4.3 + 2 * CELL_PAD_EM  # a middle label column: （三）/不予公开, four characters a line
# Narrowest a label column may become when numbers need the room (labels then wrap):
# two characters a line outside (三、 over a vertical label), （三） on one line in the
# middle, five characters in the innermost column.
LABEL_MIN_EM = {
    "outer": 2 + 2 * MIN_CELL_PAD_EM,
    "middle": 3.1 + 2 * MIN_CELL_PAD_EM,
    "inner": 5.1 + 2 * MIN_CELL_PAD_EM,
}
# Width of a number as printed. The widest digit of the table faces is Noto Serif SC's
# (0.56 em; 宋体's are 0.5 em), so a number measured with it fits in every font; the
# padding covers the cell's narrowest inner margins and the rules with room to spare.
DIGIT_EM = 0.57
NUMBER_PAD_EM = 2 * MIN_CELL_PAD_EM + 0.1


def number_width_em(text: str) -> float:
    """Width a number needs in its cell, in ems of table text (never wrapped)."""
    return len(text) * DIGIT_EM + NUMBER_PAD_EM


def _column_pads(cells: list[GridCell], widths: tuple[float, ...], scale: float) -> tuple[float, ...]:
    """Each column's inner margin (relative to the table width): CELL_PAD_EM where the
    column holds two characters, its widest number and a group label's number (（三）)
    besides, less where it does not."""
    room = TABLE_WIDTH_EM / scale  # the table's width in ems of its text
    content = [2.0] * len(widths)
    for c in cells:
        if c.role == NUMBER and c.colspan == 1:
            content[c.col] = max(content[c.col], len(c.text) * DIGIT_EM)
        elif c.role == LABEL and c.colspan == 1 and c.rowspan > 1 and (number := _ENUMERATOR.match(c.text)):
            content[c.col] = max(content[c.col], text_width_em(number.group()))  # （三） on one line
    pads = []
    for w, need in zip(widths, content):
        pad = min(CELL_PAD_EM, max(MIN_CELL_PAD_EM, (w * room - need - 0.1) / 2))
        pads.append(pad / room)
    return tuple(pads)


VERTICAL_BELOW_EM = 3.0  # a group label in a column narrower than three characters stands upright
# A label's own number: （三）, 三、, 1. — a reader takes it in before the words.
_ENUMERATOR = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|[0-9]+[.．、])")


def _group_label_lines(cell: GridCell, widths: tuple[float, ...], pads: tuple[float, ...], scale: float) -> GridCell:
    """The lines of a label spanning several rows (三、本年度办理结果, （三）不予公开) where
    its column is too narrow for it, broken where a reader would rather than wherever
    the column ends (三、/本年/度办/理结/果, （三）不/予公开): in a column narrower than
    three characters one character a line, its number (三、) on the first, as published
    reports set it; otherwise its number on a line of its own when the words then fit
    on the next (（三）/不予公开). Every renderer prints these lines as they are."""
    room = TABLE_WIDTH_EM / scale
    span = slice(cell.col, cell.col + cell.colspan)
    inner = (sum(widths[span]) - 2 * min(pads[span])) * room - 0.1
    if text_width_em(cell.text) <= inner:
        return cell
    number = _ENUMERATOR.match(cell.text)
    head = cell.text[: number.end()] if number else ""
    if inner < VERTICAL_BELOW_EM and text_width_em(head) <= inner + 0.1:  # (the slack above)
        lines = [head] if head else []
        for ch in cell.text[len(head) :]:
            if lines and not may_break(lines[-1][-1], ch):
                lines[-1] += ch  # a closing mark stays with the character before
            else:
                lines.append(ch)
        return replace(cell, lines=tuple(lines))
    if head:  # the words wrap on from the second line if they must (renderers break long lines)
        return replace(cell, lines=(head, cell.text[len(head) :]))
    return cell


def _number_needs(cells: list[GridCell], n_cols: int) -> list[float]:
    """Per column, the width its widest number needs; a number spanning several
    columns is shared out evenly among them."""
    needs = [0.0] * n_cols
    for c in cells:
        if c.role == NUMBER:
            share = number_width_em(c.text) / c.colspan
            for col in range(c.col, c.col + c.colspan):
                needs[col] = max(needs[col], share)
    return needs


def _fit_numbers(
    natural: list[float], minimum: list[float], needs: list[float], label_depth: int
) -> tuple[tuple[float, ...], float]:
    """Column widths (relative, summing to 1) and the scale of the table text.

    `natural` are the weights of the official look, used as they are whenever every
    number fits in them (an ordinary township report). Otherwise the number columns
    widen to their widest number and the label columns give way, down to `minimum`
    (their labels wrap more): first with the number columns kept equal, as the
    official tables print them, else equal except those whose numbers need more.
    Only numbers that do not fit even then make the whole table's text smaller
    (scale < 1): a number is never broken across lines.
    """
    scale_to = TABLE_WIDTH_EM / sum(natural)
    widths = [w * scale_to for w in natural]
    labels, low = widths[:label_depth], minimum[:label_depth]
    numbers = widths[label_depth:]
    needs = needs[label_depth:]
    if all(need <= w for need, w in zip(needs, numbers)):
        return tuple(w / TABLE_WIDTH_EM for w in widths), 1.0
    equal = [max(w, max(needs)) for w in numbers]
    shrunk = _give_way(labels, low, TABLE_WIDTH_EM - sum(equal))
    if shrunk is not None:
        return tuple(w / TABLE_WIDTH_EM for w in (*shrunk, *equal)), 1.0
    shrunk = _give_way(labels, low, TABLE_WIDTH_EM - sum(needs))
    if shrunk is not None:
        wanted = level_up(needs, TABLE_WIDTH_EM - sum(shrunk))
        return tuple(w / TABLE_WIDTH_EM for w in (*shrunk, *wanted)), 1.0
    # Even with the narrowest labels the numbers do not fit: set the table smaller.
    demand = [*low, *needs]
    total = sum(demand)
    return tuple(w / total for w in demand), TABLE_WIDTH_EM / total


def _give_way(labels: list[float], minimum: list[float], room: float) -> list[float] | None:
    """Label widths shrunk evenly toward their minimum to fit `room` (None if they cannot)."""
    floor = sum(minimum)
    if room < floor - 1e-9:
        return None
    spare = sum(labels) - floor
    keep = 1.0 if spare <= 0 else min(1.0, (room - floor) / spare)
    return [m + (w - m) * keep for w, m in zip(labels, minimum)]


def level_up(needs: list[float], room: float) -> list[float]:
    """Widths filling `room` (≥ sum of needs): equal, except columns that need more
    (also the screen grid's number columns, in pixels)."""
    wide: set[int] = set()
    while True:
        free = [j for j in range(len(needs)) if j not in wide]
        level = (room - sum(needs[j] for j in wide)) / len(free)
        grown = {j for j in free if needs[j] > level}
        if not grown:
            return [needs[j] if j in wide else level for j in range(len(needs))]
        wide |= grown


def _column_widths(cells: list[GridCell], n_cols: int, label_depth: int) -> tuple[tuple[float, ...], float]:
    """Relative widths and text scale (see _fit_numbers). The number columns hold two
    characters a line, the outer label columns theirs, and the innermost label column
    takes the rest, so the 25-row table of section three fits on one page when its
    numbers are small."""
    weights = [NUMBER_COLUMN_EM] * n_cols
    minimum = [0.0] * n_cols
    for col in range(label_depth):
        if col < label_depth - 1:
            weights[col] = OUTER_LABEL_EM if col == 0 else MIDDLE_LABEL_EM
            minimum[col] = LABEL_MIN_EM["outer" if col == 0 else "middle"]
            continue
        # what the other columns leave (its labels wrap least), never at their expense
        others = sum(weights) - weights[col]
        weights[col] = max(TABLE_WIDTH_EM - others, 2 * NUMBER_COLUMN_EM)
        minimum[col] = LABEL_MIN_EM["inner"]
    return _fit_numbers(weights, minimum, _number_needs(cells, n_cols), label_depth)

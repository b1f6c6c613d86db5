"""A published report's PDF (printed from Word or WPS) as the importer's blocks.

The PDF holds characters with positions and the ruled lines of its tables, no paragraphs
and no cells. pdfplumber finds both; this module rebuilds what a Word file would give
(app.importer.blocks.docx_blocks is the model):
- tables from their ruled lines (thick and double borders snapped to one, missing outer
  sides drawn along the rules' ends): a merged cell once per row it starts in, and an
  empty placeholder in the rows below it that it covers; text wrapped inside a cell joined
  back (自然/人, 商业/企业, a number wrapped in a narrow column), a label set sideways read in
  its order; where a vertical rule is missing, columns from where the characters stand;
  where a rule between rows is missing, rows from the lines' heights — two numbers are
  never run together into one;
- a table continued on the next page joined to its start, its repeated heading rows
  dropped and a row broken by the page put back together;
- paragraphs from lines: a line that filled the width goes on in the next line unless
  that one is indented (also by full-width spaces), set in another font or further down;
  Chinese joined without spaces; page numbers (— 3 —, -3-, 第3页 共7页) and running
  headers dropped wherever the page break falls; a title printed on two lines read as one;
  a watermark set at an angle left out;
- lines without any rules around them but with numbers in columns (a table whose borders
  were not drawn) split into cells at wide gaps.
A scan (pages of images, no text), a PDF whose fonts carry no text, and a locked or
damaged file raise NotAReport.
"""

from __future__ import annotations

import bisect
import functools
import io
import itertools
import logging
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.importer.blocks import Block, Line, Row
from app.importer.labels import clean_text, normalize_label, without_note
from app.importer.problems import NotAReport

MAX_PAGES = 100  # an annual report has 5 to 20; anything longer is not one
# Where running headers and page numbers stand: the top 15 % and the bottom 10 % of a page.
_HEADER_ZONE, _FOOTER_ZONE = 0.15, 0.1
_TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    # Thick and double borders are two edges a point or two apart: one line.
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
_PAGE_NUMBER_RES = [
    re.compile(r"^[-—–－―─_~·•\s]*\d{1,3}[-—–－―─_~·•\s]*$"),  # — 3 —, -3-, 3
    re.compile(r"^第\s*\d{1,3}\s*页\s*[,，/、]?\s*(共\s*\d{1,3}\s*页)?$"),  # 第3页 共7页
    re.compile(r"^共\s*\d{1,3}\s*页\s*[,，/、]?\s*第\s*\d{1,3}\s*页$"),
    re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"),  # 3/7
    re.compile(r"^(page\s*)?\d{1,3}(\s*of\s*\d{1,3})?$", re.IGNORECASE),
]
_DECORATED_PAGE_NUMBER_RE = re.compile(r"^([-—–－―─]\s*\d{1,3}\s*[-—–－―─]|第\s*\d{1,3}\s*页.*)$")
_NUMBER_RE = re.compile(r"^[+-]?\d+(\.\d+)?$")
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9.\-+%/]")
_HEADING_START_RE = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_ROW_NUMBER_RE = re.compile(r"^(\d+\s*[.、．]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
_SENTENCE_END = "。；：！？;:!?"


# Radicals that PDF printers (Word on some systems, browsers) write for the ideographs of
# the same shape: the Kangxi radicals (⼀ for 一) fold by NFKC, these supplement forms (⺠ for
# 民) have no decomposition and are mapped as Unicode's EquivalentUnifiedIdeograph.txt does.
_RADICAL_SUPPLEMENT = str.maketrans(
    "⺁⺇⺊⺌⺎⺐⺒⺓⺝⺟⺠⺩⺪⺫⺬⺶⺻⺼⺽⻁⻄⻅⻆⻉⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "厂几卜小兀尢巳幺月母民王疋目示羊聿月臼虎西见角贝车長长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
)


def _fold(text: str) -> str:
    """Radical forms written for ordinary ideographs (⼀ for 一, ⺠ for 民) folded back."""
    if not any("\u2e80" <= c <= "\u2fdf" or "\uf900" <= c <= "\ufaff" for c in text):
        return text
    text = text.translate(_RADICAL_SUPPLEMENT)
    return "".join(
        unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fdf" or "\uf900" <= c <= "\ufaff" else c for c in text
    )


# ---- what a page holds ------------------------------------------------------------------


@dataclass
class TextLine:
    chars: list[dict]
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    font: str = ""
    text: str = ""

    def __post_init__(self) -> None:
        chars = self.chars
        # Where the ink is: WPS indents with two full-width spaces (　　), which are characters.
        ink = [c for c in chars if c["text"].strip()] or chars
        self.x0, self.x1 = min(c["x0"] for c in ink), max(c["x1"] for c in ink)
        self.top, self.bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
        self.size = statistics.median(c["size"] for c in chars)
        self.font = _font_family(
            Counter(c["fontname"] for c in chars if not c["text"].isascii()).most_common(1)
            or Counter(c["fontname"] for c in chars).most_common(1)
        )
        self.text = _fold(_spaced_text(chars))

    def segments(self, gap: float) -> list[str]:
        """The line cut where the space between two characters (spaces not counted) is wider than gap."""
        ink = [c for c in self.chars if c["text"].strip()]
        parts: list[list[dict]] = [[ink[0]]]
        for prev, char in itertools.pairwise(ink):
            if char["x0"] - prev["x1"] > gap:
                parts.append([])
            parts[-1].append(char)
        return [_fold(_spaced_text(p)).strip() for p in parts if "".join(c["text"] for c in p).strip()]


def _font_family(common: list[tuple[str, int]]) -> str:
    name = common[0][0] if common else ""
    return name.split("+", 1)[-1].split(",")[0].split("-")[0]


def _spaced_text(chars: list[dict]) -> str:
    """Characters of one line in order, a space where a gap stands between two Latin words."""
    out: list[str] = []
    for prev, char in zip([None, *chars], chars):
        if (
            prev is not None
            and char["x0"] - prev["x1"] > 0.25 * char["size"]
            and prev["text"].isascii()
            and char["text"].isascii()
            and not out[-1].isspace()
        ):
            out.append(" ")
        out.append(char["text"])
    return "".join(out)


def _group_lines(chars: list[dict], page: int) -> list[TextLine]:
    """Characters grouped into lines: those whose vertical middles overlap one line's band."""
    lines: list[list[dict]] = []
    bands: list[tuple[float, float]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            top, bottom = bands[i]
            if top <= middle <= bottom:
                lines[i].append(char)
                break
        else:
            lines.append([char])
            bands.append((char["top"], char["bottom"]))
    out = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        if "".join(c["text"] for c in line).strip():
            out.append(TextLine([c for c in line if c["text"] not in ("\n", "\r")] or line, page))
    return out


@dataclass
class PdfTable:
    rows: list[list[str]]
    tops: list[float]  # where each row starts on its page
    page: int
    top: float
    bottom: float
    columns: list[float] = field(default_factory=list)  # left edges of the grid columns
    lefts: list[list[float]] = field(default_factory=list)  # left edge of each cell of each row
    parts: list[tuple[int, int]] = field(default_factory=list)  # (page, first row) of each page's part


@dataclass
class Page:
    number: int
    width: float
    height: float
    items: list[TextLine | PdfTable]
    images: int
    pictured: bool = False  # a page that is a picture (a scanned page), with next to no text


# ---- tables -----------------------------------------------------------------------------


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(sorted_values: list[float], v: float, tolerance: float = 2.0) -> int:
    for i, x in enumerate(sorted_values):
        if abs(x - v) <= tolerance:
            return i
    return min(range(len(sorted_values)), key=lambda i: abs(sorted_values[i] - v))


def _cell_text(chars: list[dict], box: tuple[float, float, float, float]) -> list[tuple[float, str]]:
    """The text of one cell as (top, text) paragraphs. A line that filled the cell's width
    goes on in the next (a label or a number wrapped in a narrow column: 自然/人, 2/9); a line
    that ended short ends its paragraph, so that a cell holding the numbers of two rows (a
    rule not drawn) never reads as one number."""
    x1 = box[2]
    rotated = [c for c in chars if not c.get("upright", True)]
    if chars and 2 * len(rotated) > len(chars):  # a label set sideways in a narrow cell
        upward = 2 * sum(1 for c in rotated if c["matrix"][1] > 0) > len(rotated)
        size = statistics.median(c["size"] for c in chars)
        ordered = sorted(chars, key=lambda c: (round(c["x0"] / size), -c["top"] if upward else c["top"]))
        return [(min(c["top"] for c in chars), _fold("".join(c["text"] for c in ordered)).strip())]
    lines = _group_lines(chars, 0)
    paragraphs: list[tuple[float, str]] = []
    previous: TextLine | None = None
    for line in lines:
        text = line.text.strip()
        if previous is not None and paragraphs:
            room = x1 - previous.x1
            ink = next((c for c in line.chars if c["text"].strip()), line.chars[0])
            if room < ink["x1"] - ink["x0"] + max(6.0, 0.6 * line.size):  # the line above filled the cell: wrapped
                top, before = paragraphs[-1]
                paragraphs[-1] = (top, before + text)
                previous = line
                continue
        paragraphs.append((line.top, text))
        previous = line
    return paragraphs


def _projected(chars: list[dict], gap: float) -> list[list[dict]]:
    """Characters cut into columns where, over all their lines, nothing stands for gap points."""
    groups: list[list[dict]] = []
    right = float("-inf")
    for char in sorted(chars, key=lambda c: c["x0"]):
        if groups and char["x0"] - right <= gap:
            groups[-1].append(char)
        else:
            groups.append([char])
        right = max(right, char["x1"]) if len(groups[-1]) > 1 else char["x1"]
    return groups


def _box(chars: list[dict]) -> tuple[float, float, float, float]:
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def _numbers_apart(chars: list[dict]) -> list[list[dict]] | None:
    """A cell that holds several numbers side by side (a vertical rule not drawn): each
    number is a cell of its own, so that none is read as another's digits."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return None
    groups = _projected(visible, 0.6 * statistics.median(c["size"] for c in visible))
    if len(groups) < 2:
        return None
    texts = ["".join(c["text"] for c in sorted(g, key=lambda c: (round(c["top"]), c["x0"]))) for g in groups]
    return groups if all(_NUMBER_RE.match(t) for t in texts) else None


def _table_rows(table, chars: list[dict]) -> tuple[list[list[str]], list[float], list[float], list[list[float]]] | None:
    """The rows of a table found by pdfplumber, as docx_blocks gives them; None when what
    was found is no table (a single box, or a single column without numbers side by side:
    a framed paragraph)."""
    cells = [c for c in table.cells if c[2] - c[0] > 1 and c[3] - c[1] > 1]
    xs = _cluster([c[0] for c in cells])
    ys = _cluster([c[1] for c in cells])
    if len(ys) < 2 and len(xs) < 2:
        return None
    by_middle = sorted(((ch["top"] + ch["bottom"]) / 2, i) for i, ch in enumerate(chars))
    middles = [m for m, _ in by_middle]
    # (first row, left, bottom, paragraphs) of every cell; a cell holding numbers side by
    # side, or in a table with no inner vertical rules any text with wide gaps, is cut
    # into the columns its characters stand in.
    boxes: list[tuple[int, float, float, list[tuple[float, str]]]] = []
    for box in cells:
        band = by_middle[bisect.bisect_left(middles, box[1]) : bisect.bisect_right(middles, box[3])]
        inside = [chars[i] for _, i in band if box[0] <= (chars[i]["x0"] + chars[i]["x1"]) / 2 <= box[2]]
        row = _index(ys, box[1])
        visible = [c for c in inside if c["text"].strip()]
        if len(xs) < 2 and visible:
            parts = _projected(visible, 1.0 * statistics.median(c["size"] for c in visible))
        else:
            parts = _numbers_apart(inside) or [inside]
        if len(parts) == 1:
            boxes.append((row, box[0], box[3], _cell_text(inside, box)))
            continue
        for part in parts:
            x0, _, x1, _ = _box(part)
            boxes.append((row, x0, box[3], _cell_text(part, (x0, box[1], x1 + 1, box[3]))))
    if len(xs) < 2 and not any(
        sum(1 for b in boxes if b[0] == r and any(_NUMBER_RE.match(t) for _, t in b[3])) >= 1
        and sum(1 for b in boxes if b[0] == r) >= 2
        for r in range(len(ys))
    ):
        return None
    rows: list[list[str]] = []
    tops: list[float] = []
    lefts: list[list[float]] = []
    for r, y in enumerate(ys):
        row_boxes = [b for b in boxes if b[0] == r or (b[0] < r and b[2] > y + 2)]
        row_boxes.sort(key=lambda b: b[1])
        texts = [list(b[3]) if b[0] == r else [] for b in row_boxes]
        rows.extend(_split_stacked_rows(texts))
        tops.extend([y] * (len(rows) - len(tops)))
        lefts.extend([[b[1] for b in row_boxes]] * (len(rows) - len(lefts)))
    return rows, tops, xs, lefts


def _split_stacked_rows(cells: list[list[tuple[float, str]]]) -> list[list[str]]:
    """A grid row whose cells hold several numbers on lines of their own: the rule between
    rows was not drawn. When the numbers stand in rows (two cells, or a number cell and a
    label cell, with as many lines each), the rows are told apart by the lines' heights;
    otherwise the numbers stay on lines of their own, so the cell reads as no number at all."""

    def numbers(cell):
        return sum(1 for _, t in cell if _NUMBER_RE.match(t))

    stacked = [c for c in cells if numbers(c) >= 2]
    labels = [c for c in cells if c and not numbers(c)]
    rows_of = {len(c) for c in stacked}
    if not stacked or len(rows_of) > 1 or (len(stacked) < 2 and not any(len(c) in rows_of for c in labels)):
        return [["\n".join(t for _, t in c) if numbers(c) >= 2 else "".join(t for _, t in c) for c in cells]]
    tops = _cluster([top for c in stacked for top, _ in c], 3.0)
    rows = [[""] * len(cells) for _ in tops]
    for i, cell in enumerate(cells):
        for top, text in cell:
            r = max((k for k, t in enumerate(tops) if t <= top + 3.0), default=0)
            rows[r][i] += text
    return rows


def _covered(verticals: list[dict], left: float, right: float, top: float, bottom: float) -> bool:
    """Does a vertical rule strictly between left and right run (in pieces, as cells draw
    it) from top to bottom? Then the band between top and bottom is inside a table."""
    pieces: dict[int, list[tuple[float, float]]] = {}
    for v in verticals:
        if left + 3 < v["x0"] < right - 3 and v["bottom"] > top and v["top"] < bottom:
            pieces.setdefault(round(v["x0"]), []).append((max(v["top"], top), min(v["bottom"], bottom)))
    for spans in pieces.values():
        covered, reached = 0.0, top
        for a, b in sorted(spans):
            a = max(a, reached)
            if b > a:
                covered, reached = covered + b - a, b
        if covered >= 0.9 * (bottom - top):
            return True
    return False


def _missing_sides(page) -> list[dict]:
    """Tables without outer side borders (common in official documents): the rules that
    end at one x, one below the other with the table's inner vertical rules running between
    them, are joined by a side where no vertical rule stands. A rule with nothing ruled
    below it (a red header line above a heading, a signature rule) bounds nothing."""
    verticals = page.vertical_edges
    rules = [e for e in page.horizontal_edges if e["x1"] - e["x0"] > page.width / 8]
    sides = []
    for end in ("x0", "x1"):
        groups: list[list[dict]] = []
        for rule in sorted(rules, key=lambda e: (round(e[end]), e["top"])):
            if groups and abs(groups[-1][-1][end] - rule[end]) < 3:
                groups[-1].append(rule)
            else:
                groups.append([rule])
        for group in groups:
            group.sort(key=lambda e: e["top"])
            chains: list[list[dict]] = [[group[0]]]
            for a, b in itertools.pairwise(group):
                inside = _covered(verticals, max(a["x0"], b["x0"]), min(a["x1"], b["x1"]), a["top"], b["top"])
                if inside and b["top"] - a["top"] > 1:
                    chains[-1].append(b)
                elif b["top"] - a["top"] > 1:
                    chains.append([b])
            # A merged title row (第二十条第（一）项) has no inner rules but is as low as a row.
            bands = [b["top"] - a["top"] for chain in chains for a, b in itertools.pairwise(chain)]
            row = statistics.median(bands) if bands else 0.0
            merged: list[list[dict]] = [chains[0]]
            for chain in chains[1:]:
                if chain[0]["top"] - merged[-1][-1]["top"] <= 1.5 * row and (len(chain) > 1 or len(merged[-1]) > 1):
                    merged[-1].extend(chain)
                else:
                    merged.append(chain)
            for chain in merged:
                x, top, bottom = chain[0][end], chain[0]["top"], chain[-1]["top"]
                if len(chain) < 2 or _covered(verticals, x - 6, x + 6, top, bottom):
                    continue
                sides.append(
                    {
                        "x0": x,
                        "x1": x,
                        "top": top,
                        "bottom": bottom,
                        "width": 0,
                        "height": bottom - top,
                        "orientation": "v",
                        "object_type": "line",
                    }
                )
    return sides


def _open_ends(page) -> list[dict]:
    """A table cut by the page break whose cells were left open (a browser draws no rule
    under a merged cell that goes on over the page): where a vertical rule ends at the lowest
    (or highest) point of the rules on the page without meeting a horizontal rule, a rule is
    drawn to the neighbouring ends to close the cells, as a word processor does."""
    verticals = [v for v in page.vertical_edges if v["bottom"] - v["top"] >= 3]
    # Pieces shorter than pdfplumber's edge_min_length (a browser's border corners) close nothing.
    horizontals = [h for h in page.horizontal_edges if h["x1"] - h["x0"] >= 3]
    if not verticals:
        return []
    rules = []
    for y in (max(v["bottom"] for v in verticals), min(v["top"] for v in verticals)):
        ends = sorted({round(v["x0"], 1) for v in verticals if min(abs(v["bottom"] - y), abs(v["top"] - y)) < 3})
        open_ = {
            x for x in ends if not any(h["x0"] - 3 <= x <= h["x1"] + 3 and abs(h["top"] - y) < 3 for h in horizontals)
        }
        for x0, x1 in itertools.pairwise(ends):
            if x1 - x0 > 3 and (x0 in open_ or x1 in open_):
                rules.append(
                    {
                        "x0": x0,
                        "x1": x1,
                        "top": y,
                        "bottom": y,
                        "width": x1 - x0,
                        "height": 0,
                        "orientation": "h",
                        "object_type": "line",
                    }
                )
    return rules


def _find_tables(page, chars: list[dict]) -> list[PdfTable]:
    if not page.edges:
        return []
    settings = dict(_TABLE_SETTINGS)
    sides = _missing_sides(page)
    if sides:
        settings["explicit_vertical_lines"] = sides
    ends = _open_ends(page)
    if ends:
        settings["explicit_horizontal_lines"] = ends
    found = []
    for table in page.find_tables(settings):
        read = _table_rows(table, chars)
        if read is None:
            continue
        rows, tops, xs, lefts = read
        _, top, _, bottom = table.bbox
        found.append(PdfTable(rows, tops, page.page_number, top, bottom, xs, lefts))
    return found


# ---- pages ------------------------------------------------------------------------------


def _level(char: dict) -> bool:
    """Set level on the line, not turned (pdfplumber calls text at 45° upright too)."""
    matrix = char.get("matrix") or (1, 0, 0, 1)
    return abs(matrix[1]) < 0.01 and abs(matrix[2]) < 0.01


def _dedupe(chars) -> list[dict]:
    """Fake bold prints each character twice, a fraction of a point apart: keep one.
    (pdfplumber's dedupe_chars does the same but takes longer than reading the page.)"""
    seen: dict[tuple[str, int], list[tuple[float, float]]] = {}
    out = []
    for char in chars:
        x, top = char["x0"], char["top"]
        row = round(top)
        near = (p for d in (-1, 0, 1) for p in seen.get((char["text"], row + d), ()))
        if any(abs(x - px) < 1 and abs(top - pt) < 1 for px, pt in near):
            continue
        seen.setdefault((char["text"], row), []).append((x, top))
        out.append(char)
    return out


def _read_page(page) -> Page:
    chars = _dedupe(c for c in page.chars if c["text"] and c["text"] != "\x00")
    tables = _find_tables(page, chars)

    def in_table(c) -> bool:
        mx, my = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        return any(t.top - 1 <= my <= t.bottom + 1 and t.columns[0] - 1 <= mx for t in tables)

    free = [c for c in chars if not in_table(c)] if tables else chars
    sideways = [c for c in free if not _level(c)]
    if 2 * len(sideways) < len(free):  # a watermark or a stamp's text set at an angle: not the report's
        free = [c for c in free if _level(c)]
    items: list[TextLine | PdfTable] = [*_group_lines(free, page.page_number), *tables]
    items.sort(key=lambda i: i.top)
    # A scanned page: an image over most of it, and no more text than a page number.
    area = page.width * page.height
    big = any((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) > area / 2 for i in page.images)
    inked = sum(1 for c in chars if c["text"].strip())
    return Page(page.page_number, page.width, page.height, items, len(page.images), big and inked < 20)


def _drop_page_furniture(pages: list[Page]) -> None:
    """Page numbers and running headers/footers, which stand in the top or bottom margin
    (a header's text repeats on other pages, apart from its digits)."""

    def zone(line: TextLine, page: Page) -> str:
        if line.bottom < page.height * _HEADER_ZONE:
            return "header"
        return "footer" if line.top > page.height * (1 - _FOOTER_ZONE) else ""

    def in_margin(line: TextLine, page: Page) -> bool:
        return bool(zone(line, page))

    def key(line: TextLine, page: Page) -> str:
        # The zone counts: a date under the title and the same date under the signature
        # are no running header.
        return zone(line, page) + re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))

    repeated = Counter(
        k
        for page in pages
        for k in {key(i, page) for i in page.items if isinstance(i, TextLine) and in_margin(i, page)}
    )
    for page in pages:
        kept: list[TextLine | PdfTable] = []
        for item in page.items:
            if isinstance(item, TextLine):
                text = re.sub(r"\s+", " ", item.text).strip()
                if _DECORATED_PAGE_NUMBER_RE.match(text) and any(r.match(text) for r in _PAGE_NUMBER_RES):
                    continue
                if in_margin(item, page) and (
                    any(r.match(text) for r in _PAGE_NUMBER_RES) or repeated[key(item, page)] >= 2
                ):
                    continue
            kept.append(item)
        page.items = kept


# ---- tables across pages ----------------------------------------------------------------


def _same_text(a: list[str], b: list[str]) -> bool:
    return [re.sub(r"\s+", "", c) for c in a] == [re.sub(r"\s+", "", c) for c in b]


def _is_number(text: str) -> bool:
    return bool(_NUMBER_RE.match(text.strip()))


def _row_goes_on(last: list[str], first: list[str]) -> bool:
    """A row broken by the page: the same cells, the numbers on one side of the break only,
    and the part on the new page with nothing of its own in a column that was filled."""
    if len(last) != len(first) or not any(c.strip() for c in first):
        return False
    numbers_last = {i for i, c in enumerate(last) if _is_number(c)}
    numbers_first = {i for i, c in enumerate(first) if _is_number(c)}
    text_first = {i for i, c in enumerate(first) if c.strip() and not _is_number(c)}
    text_last = {i for i, c in enumerate(last) if c.strip() and not _is_number(c)}
    if numbers_last and numbers_first and not text_first and numbers_first <= numbers_last:
        # Only the ends of numbers wrapped in narrow cells came over (2 | 9 for 29): every
        # data row has a label, so a row of bare digits under a row of numbers is its rest.
        return True
    if numbers_last & numbers_first or not (numbers_last or numbers_first):
        return False
    if numbers_first:  # the numbers came on the new page: the labels stayed behind
        return not (text_first - text_last) and all(not last[i].strip() for i in numbers_first)
    # The labels' rest came on the new page, unless it starts a row of its own (2.…, （三）…).
    numbered = any(_ROW_NUMBER_RE.match(first[i].strip()) for i in text_first)
    return bool(text_first) and text_first <= text_last and not numbered


@functools.cache
def _official_labels() -> frozenset[str]:
    from app.formats import all_formats
    from app.importer.tables import format_labels

    return frozenset().union(*(format_labels(f) for f in all_formats().values()))


def _is_official(text: str) -> bool:
    return without_note(normalize_label(text)) in _official_labels()


def _labels_go_on(table: PdfTable, first: list[str], lefts: list[float]) -> None:
    """Labels broken by the page (a row allowed to break, a merged cell going on over the
    page): a text on the new page that completes the label standing above it in its column
    into an official one (结果维 + 持, （四）无法提 + 供) is put back there, leaving a blank.
    Anything else is left alone."""
    for i, (text, x) in enumerate(zip(first, lefts)):
        if not text.strip() or _is_number(text) or _is_official(text):
            continue
        for row, row_lefts in zip(reversed(table.rows), reversed(table.lefts)):
            above = next((k for k, left in enumerate(row_lefts) if abs(left - x) < 3 and row[k].strip()), None)
            if above is None:
                if any(abs(left - x) < 3 for left in row_lefts):
                    continue  # a placeholder below the merged cell: look further up
                break
            if _is_official(row[above] + text) and not _is_official(row[above]):
                row[above] += text
                first[i] = ""
            break


def _join_tables(items: list[TextLine | PdfTable]) -> list[TextLine | PdfTable]:
    out: list[TextLine | PdfTable] = []
    for item in items:
        previous = out[-1] if out else None
        if (
            isinstance(item, PdfTable)
            and isinstance(previous, PdfTable)
            and item.page != previous.page
            and _columns_match(previous, item)
        ):
            rows, tops = item.rows, item.tops
            repeated = 0
            while repeated < min(len(rows) - 1, len(previous.rows)) and _same_text(
                rows[repeated], previous.rows[repeated]
            ):
                repeated += 1
            rows, tops, lefts = rows[repeated:], tops[repeated:], item.lefts[repeated:]
            if rows:
                _labels_go_on(previous, rows[0], lefts[0])
                goes_on = _row_goes_on(previous.rows[-1], rows[0])
                if goes_on:
                    previous.rows[-1] = [a + b for a, b in zip(previous.rows[-1], rows[0])]
                if goes_on or not any(c.strip() for c in rows[0]):
                    rows, tops, lefts = rows[1:], tops[1:], lefts[1:]
            previous.parts.append((item.page, len(previous.rows)))
            previous.rows.extend(rows)
            previous.tops.extend(tops)
            previous.lefts.extend(lefts)
            continue
        if isinstance(item, PdfTable) and not item.parts:
            item.parts.append((item.page, 0))
        out.append(item)
    return out


def _columns_match(a: PdfTable, b: PdfTable) -> bool:
    """The continuation of a table has its columns where the start had them (within a
    couple of points), or at least its outer edges."""
    if len(a.columns) == len(b.columns):
        return all(abs(x - y) < 4 for x, y in zip(a.columns, b.columns))
    return abs(a.columns[0] - b.columns[0]) < 4


# ---- paragraphs -------------------------------------------------------------------------


@dataclass
class _Body:
    """The body text's measures: where lines start and end (on each page: odd and even
    pages may have their margins mirrored), its size, line pitch and font."""

    left: float
    right: float
    size: float
    pitch: float
    font: str
    pages: dict[int, tuple[float, float]] = field(default_factory=dict)

    def margins(self, page: int) -> tuple[float, float]:
        return self.pages.get(page, (self.left, self.right))


def _margins(long: list[TextLine], size: float) -> tuple[float, float]:
    left = Counter(round(line.x0) for line in long).most_common(1)[0][0]
    ends = sorted(line.x1 for line in long)
    right = ends[int(len(ends) * 0.9)] if len(ends) > 3 else max(ends)
    return min(left, min(line.x0 for line in long) + 0.5 * size), right


def _body(lines: list[TextLine]) -> _Body:
    long = [line for line in lines if len(line.text) >= 8] or lines
    size = Counter(round(line.size, 1) for line in long for _ in line.chars).most_common(1)[0][0]
    left, right = _margins(long, size)
    pitches = [b.top - a.top for a, b in itertools.pairwise(lines) if a.page == b.page and 0 < b.top - a.top < 3 * size]
    pitch = Counter(round(p) for p in pitches).most_common(1)[0][0] if pitches else 1.5 * size
    font = Counter(line.font for line in long).most_common(1)[0][0]
    pages: dict[int, tuple[float, float]] = {}
    for number in {line.page for line in long}:
        own = [line for line in long if line.page == number]
        if len(own) >= 6:  # enough lines to tell this page's margins
            page_left, page_right = _margins(own, size)
            # A shift of less than the two-character indent (mirrored margins); a page whose
            # lines all start indented (one-line paragraphs) keeps the document's left edge.
            pages[number] = (page_left if abs(page_left - left) < 1.5 * size else left, page_right)
    return _Body(left, right, size, float(pitch), font, pages)


def _goes_on(prev: TextLine, line: TextLine, body: _Body) -> bool:
    """Is line the next line of prev's paragraph (a paragraph wrapped over lines)?"""
    em = body.size
    left, _ = body.margins(line.page)
    prev_left, prev_right = body.margins(prev.page)
    if line.x0 > left + 0.8 * em or prev.x0 > prev_left + 4.5 * em:
        return False  # indented (a new paragraph), or after a centred or right-aligned line
    if abs(line.size - prev.size) > 0.1 * prev.size or line.font != prev.font:
        return False
    if line.page == prev.page and line.top - prev.top > body.pitch * 1.35 + 1:
        return False  # paragraph spacing
    if _HEADING_START_RE.match(line.text) and prev.text.rstrip()[-1:] in _SENTENCE_END:
        return False
    ink = [c for c in line.chars if c["text"].strip()]
    first = ink[0]
    token = first["x1"] - first["x0"]
    if _ASCII_WORD_RE.match(first["text"]):  # a Latin word or a number is never broken
        for char in ink[1:]:
            if not _ASCII_WORD_RE.match(char["text"]):
                break
            token = char["x1"] - first["x0"]
    return prev_right - prev.x1 < token + 1.2 * em


def _is_title_line(line: TextLine, body: _Body) -> bool:
    middle = (body.left + body.right) / 2
    return line.size >= 1.1 * body.size and abs((line.x0 + line.x1) / 2 - middle) < 3 * body.size


def _joined(a: str, b: str) -> str:
    return a + (" " if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum() else "") + b


def _paragraphs(lines: list[TextLine], body: _Body) -> list[tuple[str, TextLine]]:
    out: list[tuple[str, TextLine]] = []
    prev: TextLine | None = None
    in_title = True  # the lines before the first body paragraph
    for line in lines:
        text = line.text.strip()
        if prev is not None and out:
            title_goes_on = (
                in_title
                and _is_title_line(prev, body)
                and _is_title_line(line, body)
                and line.size == prev.size
                and line.font == prev.font
                and line.page == prev.page
                and not text.startswith(("（", "("))
                and line.top - prev.bottom < 2.5 * line.size  # titles are set with generous leading
            )
            if title_goes_on or _goes_on(prev, line, body):
                out[-1] = (_joined(out[-1][0], text), out[-1][1])
                prev = line
                continue
        if not _is_title_line(line, body):
            in_title = False
        out.append((text, line))
        prev = line
    return out


def _borderless_row(line: TextLine, body: _Body) -> list[str] | None:
    """A line of a table drawn without rules: cells stand apart by wide gaps. A line spread
    out letter by letter (distributed alignment) is no row."""
    cells = line.segments(1.5 * body.size)
    numbers = sum(1 for c in cells if _is_number(c))
    if numbers >= 2 or (numbers == 1 and len(cells) >= 2 and _is_number(cells[-1])):
        return cells
    return cells if len(cells) >= 3 and all(len(c) >= 2 for c in cells) else None


# ---- the whole file ---------------------------------------------------------------------


def _locked(exc: BaseException) -> bool:
    """Is this pdfminer's way of saying the file needs a password (it wraps its own errors)?"""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        if "Password" in type(current).__name__ or "Encrypt" in type(current).__name__:
            return True
        inner = [a for a in current.args if isinstance(a, BaseException)]
        current = inner[0] if inner else (current.__cause__ or current.__context__)
    return False


def _unreadable(path: Path, exc: BaseException) -> NotAReport:
    if _locked(exc):
        return NotAReport(f"“{path.name}”是加密的PDF文件，需要密码才能打开，无法导入。请使用未加密的PDF或Word版报告。")
    return NotAReport(f"无法读取PDF文件“{path.name}”：文件已损坏或不完整。请重新下载或使用Word版报告。")


def _open(path: Path, data: bytes | None):
    import pdfplumber  # imported lazily: pdfminer costs a noticeable time to import

    # pdfminer logs every font quirk it works around (a missing FontBBox…): not the clerk's concern.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    try:
        return pdfplumber.open(io.BytesIO(data) if data is not None else str(path))
    except FileNotFoundError:
        raise NotAReport(f"找不到文件“{path}”。") from None
    except Exception as exc:
        raise _unreadable(path, exc) from None


def read_pages(path: Path, data: bytes | None = None) -> list[Page]:
    """The pages of the PDF at path (or in data, its bytes already read), each read into lines and tables."""
    pdf = _open(path, data)
    try:
        with pdf:
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise NotAReport(
                    f"“{path.name}”有{count}页，年度报告不超过{MAX_PAGES}页，未导入。请确认选择的是年度报告。"
                )
            return [_read_page(page) for page in pdf.pages]
    except NotAReport:
        raise
    except Exception as exc:
        raise _unreadable(path, exc) from None


@dataclass
class PdfReport:
    blocks: list[Block]
    pictured_pages: list[int]  # pages that are pictures (scanned), whose content could not be read


def pdf_blocks(path: Path, data: bytes | None = None) -> list[Block]:
    """The report's blocks, as docx_blocks gives them for a Word file; data: the file's bytes when already read."""
    return read_pdf(path, data).blocks


def read_pdf(path: Path, data: bytes | None = None) -> PdfReport:
    """The report's blocks and the pages that are pictures (a report partly scanned)."""
    pages = read_pages(path, data)
    if not pages:
        raise NotAReport(f"“{path.name}”中没有页面，无法导入。")
    lines = [i for p in pages for i in p.items if isinstance(i, TextLine)]
    text = "".join(line.text for line in lines)
    visible = sum(1 for c in text if not c.isspace())
    if visible < 20 * len(pages) and not any(isinstance(i, PdfTable) for p in pages for i in p.items):
        if any(p.images for p in pages):
            raise NotAReport(
                f"“{path.name}”是扫描件（每页是一张图片），没有文字层，无法读取其中的文字和数字。"
                "请找Word版、WPS版或网页版的报告导入，或用OCR软件转成文字后再导入。"
            )
        raise NotAReport(
            f"“{path.name}”中没有可读取的文字（文字可能已转为图形），无法导入。请找Word版或网页版的报告导入。"
        )
    if text.count("(cid:") * 6 > len(text) / 4:
        raise NotAReport(
            f"“{path.name}”中的文字无法读取（PDF的字体没有文字编码，只能显示不能复制），无法导入。"
            "请找Word版或网页版的报告导入。"
        )
    _drop_page_furniture(pages)
    items = _join_tables([i for p in pages for i in p.items])
    text_lines = [i for i in items if isinstance(i, TextLine)]
    if not text_lines:
        body = _Body(0, pages[0].width, 12.0, 18.0, "")
    else:
        body = _body(text_lines)
    return PdfReport(_blocks(items, body), [p.number for p in pages if p.pictured])


def _blocks(items: list[TextLine | PdfTable], body: _Body) -> list[Block]:
    blocks: list[Block] = []
    run: list[TextLine] = []
    tables = 0

    def flush() -> None:
        for text, first in _paragraphs(run, body):
            cells = _borderless_row(first, body) if text == first.text.strip() else None
            if cells:
                blocks.append(Row(cells, f"第{first.page}页"))
            elif clean_text(text):
                blocks.append(Line(clean_text(text), f"第{first.page}页"))
        run.clear()

    for item in items:
        if isinstance(item, TextLine):
            run.append(item)
            continue
        flush()
        tables += 1
        starts = {first: page for page, first in item.parts}
        page = item.page
        for r, cells in enumerate(item.rows):
            page = starts.get(r, page)
            blocks.append(Row([clean_text(c) for c in cells], f"第{tables}个表格第{r + 1}行（第{page}页）"))
    flush()
    return blocks

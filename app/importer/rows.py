"""Which official row each table row of a published report is, when its printed label alone does not say.

Labels reach the import in many states: complete, without their numbering (予以公开 for
（一）予以公开), run together with their group (（三）不予公开1.属于国家秘密) or with the table's
header (信息内容本年处理决定数量行政许可), cut off at the cell's width, split over two lines, on
the line before the numbers, or lost. The official rows of a section come in a fixed order, so a
row whose label fits several rows, or that has no label, is placed only where the rows around it
leave exactly one possibility; otherwise it is left out and listed. Rows whose label is a typo or
another format's wording are left to the table reader, which reports them as slips.

Section 四 printed as three small tables (行政复议 / 未经复议直接起诉 / 复议后起诉), each with its
own heading and a row of five numbers, is recognised here too: such a row is read under the
columns of the heading above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.formats import Format, Table, all_formats
from app.importer.blocks import Block, Resolution, Row
from app.importer.labels import (
    MAX_LABEL_TEXT,
    normalize_label,
    strip_numbering,
    without_note,
)
from app.importer.tables import TEXT, VALUE, cell_kind, format_labels

_MIN_FRAGMENT = 3  # characters: a shorter piece of a label fits too many rows to say anything
_MIN_SUFFIX = 4  # a label recognised at the end of longer text (group or header run together)
_MAX_PENDING = 4  # label lines read before a row of numbers


@dataclass(frozen=True)
class _Official:
    table: Table
    row_key: str
    leaves: frozenset[str]  # the row's own label as printed, without numbering, without its note
    paths: frozenset[str]  # the labels of its groups and its own, run together, same variants
    pieces: tuple[str, ...]  # texts a fragment of the label may be cut from

    def exact(self, text: str) -> bool:
        """The label, with or without its numbering, its group or text run together before it."""
        bare = strip_numbering(text)
        return (
            text in self.leaves
            or text in self.paths
            or bare in self.leaves
            or bare in self.paths
            or any(len(leaf) >= _MIN_SUFFIX and text.endswith(leaf) for leaf in self.leaves)
        )

    def holds(self, text: str) -> bool:
        bare = strip_numbering(text)
        return len(bare) >= _MIN_FRAGMENT and any(bare in piece for piece in self.pieces)


def _variants(label: str) -> set[str]:
    norm = normalize_label(label)
    return {v for v in (norm, strip_numbering(norm), without_note(norm), strip_numbering(without_note(norm))) if v}


@cache
def _officials(fmt: Format, section: str | None) -> tuple[_Official, ...]:
    """The rows of a section's tables (of all tables when the section is unknown), in printed order."""
    tables = [t for t in fmt.tables if section is None or t.section == section]
    out = []
    for table in tables:
        for row in table.rows:
            if not row.label:
                continue
            leaves = _variants(row.label[-1])
            paths = {"".join(parts) for parts in _path_variants(row.label)}
            pieces = tuple(
                {
                    "".join(normalize_label(p) for p in row.label),
                    "".join(strip_numbering(normalize_label(p)) for p in row.label),
                }
            )
            out.append(_Official(table, row.key, frozenset(leaves), frozenset(paths), pieces))
    return tuple(out)


def _path_variants(label: tuple[str, ...]) -> list[list[str]]:
    paths: list[list[str]] = [[]]
    for part in label:
        paths = [p + [v] for p in paths for v in _variants(part)]
    return paths


@cache
def _whole_labels() -> frozenset[str]:
    """Every label of every format, without numbering: such text is a label, not a piece of one."""
    return frozenset(strip_numbering(label) for fmt in all_formats().values() for label in format_labels(fmt))


EXACT, FRAGMENT = 0, 1


def _fits(officials: tuple[_Official, ...], text: str) -> tuple[int, set[int]] | None:
    if len(text) > MAX_LABEL_TEXT:
        return None
    norm = normalize_label(text)
    if not norm:
        return None
    exact = {i for i, o in enumerate(officials) if o.exact(norm)}
    if exact:
        return EXACT, exact
    if strip_numbering(without_note(norm)) in _whole_labels():
        return None  # a whole label of this or another format (规范性文件): the table reader judges it
    pieces = {i for i, o in enumerate(officials) if o.holds(norm)}
    return (FRAGMENT, pieces) if pieces else None


def _best(officials: tuple[_Official, ...], hypotheses: list[str]) -> set[int] | None:
    """The candidates of the most telling reading of the label: exact before fragment, then fewest."""
    best: tuple[int, int, set[int]] | None = None
    for text in hypotheses:
        fit = _fits(officials, text)
        if fit is None:
            continue
        level, found = fit
        if best is None or (level, len(found)) < best[:2]:
            best = (level, len(found), found)
    return best[2] if best else None


@dataclass
class _Reading:
    row: Row
    candidates: set[int] | None  # what the label fits; None: no label at all
    possible: set[int]  # the rows it may be: what the label fits, or every row of its width
    own: bool = False  # the label stands in the row itself (not on lines before it)


def _trimmed(cells: list[str]) -> list[str]:
    """The cells of a row without its label cells and the blank cells at either end."""
    kinds = [cell_kind(c) for c in cells]
    last_text = max((i for i, k in enumerate(kinds) if k == TEXT), default=-1)
    out = list(cells[last_text + 1 :])
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return out


def resolve_rows(blocks: list[Block], fmt: Format, sections: list[str | None]) -> None:
    """Set Row.resolution (or Row.unresolved) on the rows of numbers; sections[i] is block i's section."""
    by_section: dict[str | None, list[Row]] = {}
    for i, block in enumerate(blocks):
        if isinstance(block, Row):
            by_section.setdefault(sections[i], []).append(block)
    for section, rows in by_section.items():
        if section is not None and section not in {s.key for s in fmt.sections}:
            continue
        officials = _officials(fmt, section)
        if officials:
            _resolve_section(officials, rows)
        s4 = [t for t in fmt.tables if t.section == (section or "s4") and len(t.rows) == 1 and not t.rows[0].label]
        if s4:
            _column_groups(s4[0], rows)


@cache
def _header_words(tables: tuple[Table, ...]) -> frozenset[str]:
    """Column labels, corners and titles of tables, normalised: the words of header rows."""
    words = {normalize_label(p) for t in tables for c in t.columns for p in c.label}
    words |= {normalize_label(x) for t in tables for x in (t.title, t.corner) if x}
    return frozenset(words | {strip_numbering(w) for w in words})


def _resolve_section(officials: tuple[_Official, ...], rows: list[Row]) -> None:
    readings: list[_Reading] = []
    pending: list[str] = []  # label lines since the last row of numbers (or header)
    header = _header_words(tuple(dict.fromkeys(o.table for o in officials)))
    for row in rows:
        kinds = [cell_kind(c) for c in row.cells]
        if not any(k != TEXT for k, c in zip(kinds, row.cells) if c.strip()):
            cells = [c for c in row.cells if c.strip()]
            if any(len(c) <= MAX_LABEL_TEXT and normalize_label(c) in header for c in cells):
                pending = []  # a header row (其他 and 总计 are header cells too): what stood before it labels no row
            else:
                pending = (pending + ["".join(cells)])[-_MAX_PENDING:]
            continue
        first_value = next(i for i, k in enumerate(kinds) if k != TEXT and row.cells[i].strip())
        if TEXT in kinds[first_value:]:
            continue  # words after the numbers: a sentence, or a row the table reader judges alone
        texts = [c for c, k in zip(row.cells, kinds) if k == TEXT]
        hypotheses = [texts[-1], "".join(texts)] if texts else []
        hypotheses += ["".join(pending[-k:] + texts) for k in range(1, len(pending) + 1)]
        candidates = _best(officials, hypotheses)
        if not texts:
            # Two whole labels on the lines before one row of numbers: either a row printed without
            # numbers or a label printed after its numbers. The order of the rows may still decide.
            named = [fit[1] for line in pending if (fit := _fits(officials, line)) and fit[0] == EXACT]
            if len(named) > 1 and len(set().union(*named)) > 1:
                candidates = set().union(*named)
        pending = []
        if candidates is None and texts:
            continue  # a label that is not a row of this section: the table reader reports it
        if candidates is None:
            # No label: only rows of a table as wide as the row of numbers (not a page number).
            width = len(_trimmed(row.cells))
            candidates_or_none = {i for i, o in enumerate(officials) if len(o.table.columns) == width}
            if not candidates_or_none:
                continue
            readings.append(_Reading(row, None, candidates_or_none))
            continue
        readings.append(_Reading(row, candidates, candidates, bool(texts)))
    _decide(officials, readings)


_MAX_REPAIR = 200  # readings: beyond, an out-of-order section is not searched for its odd rows


def _decide(officials: tuple[_Official, ...], readings: list[_Reading]) -> None:
    """Each reading's row is the one its label fits that keeps the rows in their printed order.

    When no order fits every reading (a label printed after its numbers, a stray row), the
    readings whose removal alone restores an order are all suspect: they are listed, and the
    others are decided without them. Failing that, only rows named by their own label are placed.
    """
    size = len(officials)
    kept = list(range(len(readings)))
    low, high = _bounds([readings[n].possible for n in kept], size)
    if low is None and len(readings) <= _MAX_REPAIR:
        suspects = {
            n
            for n in kept
            if not readings[n].own and _bounds([readings[m].possible for m in kept if m != n], size)[0] is not None
        }
        if suspects:
            kept = [n for n in kept if n not in suspects]
            low, high = _bounds([readings[n].possible for n in kept], size)
    at = {n: k for k, n in enumerate(kept)}
    for n, reading in enumerate(readings):
        found = reading.possible
        k = at.get(n)
        if k is not None and low is not None and high is not None and low[k] == high[k]:
            place = low[k]
        elif len(found) == 1 and reading.own:
            place = next(iter(found))  # out of order, but its own label names it alone
        else:
            reading.row.unresolved = _why(officials, reading, found, low if k is not None else None, high, k or 0)
            continue
        official = officials[place]
        by_position = reading.candidates is None or len(reading.candidates) > 1
        reading.row.resolution = Resolution(official.table.id, official.row_key, by_position)


def _bounds(sets: list[set[int]], size: int) -> tuple[list[int] | None, list[int] | None]:
    """The earliest and latest row each reading can be with all readings in printed order."""
    low: list[int] = []
    previous = -1
    for found in sets:
        after = [c for c in found if c > previous]
        if not after:
            return None, None
        previous = min(after)
        low.append(previous)
    high: list[int] = []
    following = size
    for found in reversed(sets):
        before = [c for c in found if c < following]
        if not before:
            return None, None
        following = max(before)
        high.append(following)
    return low, high[::-1]


def _why(officials, reading: _Reading, found: set[int], low, high, n: int) -> str:
    if low is not None and high is not None:
        found = {c for c in found if low[n] <= c <= high[n]}
    names = "、".join(f"“{_label(officials[c])}”" for c in sorted(found)[:3]) + ("等" if len(found) > 3 else "")
    if reading.candidates is None:
        return f"这一行数字没有行标签，按表中位置可能是{names}，无法确定，未导入"
    return f"行标签不完整，可能是{names}，无法确定，未导入"


def _label(official: _Official) -> str:
    row = official.table.row(official.row_key)
    return "".join(row.label[1:]) if len(row.label) > 2 else row.label[-1]


def _column_groups(table: Table, rows: list[Row]) -> None:
    """Section 四 as three small tables: a row of numbers belongs to the one heading read above it."""
    groups: dict[str, tuple[str, ...]] = {}
    for column in table.columns:
        if len(column.label) > 1:
            groups.setdefault(normalize_label(column.label[-2]), column.label[:-1])
    width = {path: sum(c.label[:-1] == path for c in table.columns) for path in groups.values()}
    leaves = {normalize_label(c.label[-1]) for c in table.columns}
    current: tuple[str, ...] | None = None
    header_seen = False  # the small table's header row (结果维持 … 总计) stood between heading and numbers
    for row in rows:
        text = "".join(normalize_label(c) for c in row.cells if len(c) <= MAX_LABEL_TEXT and cell_kind(c) == TEXT)
        named = [path for name, path in groups.items() if name in text]
        if len(named) == 1:
            current, header_seen = named[0], False
        elif len(named) > 1:
            current = None  # the header of the whole table, run together
        if current is not None and sum(leaf in text for leaf in leaves) >= 2:
            header_seen = True
        values = sum(cell_kind(c) == VALUE for c in row.cells)
        if not values or row.resolution is not None:
            continue
        filled = _trimmed(row.cells)
        if current is not None and header_seen and len(filled) == width[current] < len(table.columns):
            row.resolution = Resolution(table.id, table.rows[0].key, False, current)
        current = None

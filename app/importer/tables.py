"""Putting the numbers of a published report's tables into their cells.

Rows are recognised by their labels (matched against the format definition), columns
by position: a row with as many numbers as the table has columns is read in order; a
row with fewer is read against the columns its table's header actually shows (a header
that lacks a column, as published reports sometimes do). Anything else is left out and
listed, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from app.formats import MONEY, Column, Format, Row, Table, all_formats
from app.importer import blocks
from app.importer.labels import MAX_LABEL_TEXT, LabelIndex, Match, normalize_label, strip_numbering, without_note
from app.importer.problems import BLANK, BY_POSITION, MISSING, SLIP, UNPLACED, ImportProblem
from app.values import MAX_DIGITS, Value, ValueProblem, format_value, normalize_text, parse_money, parse_value

_YUAN = re.compile(rf"[0-9]{{1,{MAX_DIGITS + 4}}}(?:\.[0-9]*)?")

EMPTY, VALUE, TEXT = "empty", "value", "text"
BY_HEADER = "by header"  # a row read against the columns its table's header shows
_PLACEHOLDERS = {"", "-", "--", "---", "—", "——", "/", "//", "\\", "无", "…", "……", "...", "空", "×"}
_NUMBER_RE = re.compile(r"(?P<num>[+-]?\d+(?:\.\d+)?)(?P<unit>万元|元|件|条|个|项|次)?")
_LONGEST_NUMBER = 60  # characters, spaces and unit included: a longer cell is text
# 13,810: a comma only as a thousands separator; "1,2" is not a number.
_GROUPED_RE = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:万元|元|件|条|个|项|次)?")


def cell_kind(text: str) -> str:
    if len(text) > _LONGEST_NUMBER:
        return TEXT
    folded = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    if "," in folded and not _GROUPED_RE.fullmatch(folded):
        return TEXT
    norm = normalize_text(text)
    if norm in _PLACEHOLDERS:
        return EMPTY
    return VALUE if _NUMBER_RE.fullmatch(norm) else TEXT


@cache
def format_labels(fmt: Format) -> frozenset[str]:
    """Every label a format prints, normalised and without trailing notes."""
    labels = set()
    for table in fmt.tables:
        for text in (table.title, table.corner):
            if text:
                labels.add(without_note(normalize_label(text)))
        for label in [*(c.label for c in table.columns), *(r.label for r in table.rows)]:
            labels.update(without_note(normalize_label(part)) for part in label)
    return frozenset(labels)


def detect_format(rows: list[blocks.Row]) -> tuple[Format | None, list[str]]:
    """The format whose own labels (those the other formats lack) appear most often."""
    formats = list(all_formats().values())
    # Labels with and without their numbering: copied tables often lose it.
    labels = {f.id: format_labels(f) | {strip_numbering(label) for label in format_labels(f)} for f in formats}
    read = {
        without_note(normalize_label(c))
        for r in rows
        for c in r.cells
        if len(c) <= MAX_LABEL_TEXT and cell_kind(c) == TEXT
    }
    read |= {strip_numbering(label) for label in read}
    best: Format | None = None
    best_hits: list[str] = []
    for fmt in formats:
        others = set().union(*(labels[o.id] for o in formats if o.id != fmt.id))
        hits = sorted(read & (labels[fmt.id] - others))
        if len(hits) > len(best_hits):
            best, best_hits = fmt, hits
    return best, best_hits


@dataclass
class Published:
    """A total as printed, kept to compare with the sum of its parts."""

    value: Value
    where: str


@dataclass
class TableResult:
    values: dict[str, Value] = field(default_factory=dict)
    published_totals: dict[str, Published] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    tables_seen: set[str] = field(default_factory=set)
    unplaced_tables: set[str] = field(default_factory=set)  # tables with numbers left out
    rows_read: int = 0
    # input cells the original printed blank or as "/", "-", "无"…: table id → cell keys
    blank_cells: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


class TableReader:
    """Feed it the table rows of a report in order; it fills TableResult."""

    def __init__(self, fmt: Format):
        self.fmt = fmt
        self.result = TableResult()
        self.titles: LabelIndex[Table] = LabelIndex()
        self.corners: LabelIndex[Table] = LabelIndex(cutoff=0.7)
        self.columns: dict[str, LabelIndex[Column]] = {}
        self.column_groups: LabelIndex[Table] = LabelIndex()
        self.row_labels: LabelIndex[tuple[Table, Row]] = LabelIndex()
        self.row_groups: LabelIndex[tuple[Table, str]] = LabelIndex()
        for table in fmt.tables:
            if table.title:
                self.titles.add(table.title, table)
            if table.corner:
                self.corners.add(table.corner, table)
            index: LabelIndex[Column] = LabelIndex()
            for column in table.columns:
                index.add(column.label[-1], column)
                for part in column.label[:-1]:
                    self.column_groups.add(part, table)
            self.columns[table.id] = index
            for row in table.rows:
                if row.label:
                    self.row_labels.add(row.label[-1], (table, row))
                    for part in row.label[:-1]:
                        self.row_groups.add(part, (table, part))
        self.table: Table | None = None
        self.headers: dict[str, set[str]] = defaultdict(set)  # table id → column keys its header shows
        self.rows_seen: dict[str, set[str]] = defaultdict(set)
        self.groups_seen: dict[str, set[str]] = defaultdict(set)
        self.by_header: dict[str, list[str]] = defaultdict(list)  # table id → rows read by header
        self.header_unknown: dict[str, int] = defaultdict(int)  # table id → header cells not understood
        self.texts: list[str] = []  # every label cell read, normalised: group labels split over lines
        self.labels_alone: dict[str, set[str]] = defaultdict(set)  # rows whose label stood with no number

    # ---- context --------------------------------------------------------------------

    def enter_section(self, section: str) -> None:
        """A section heading was read: its table (if it has a single one) comes next."""
        tables = self.fmt.section(section).tables if section in {s.key for s in self.fmt.sections} else ()
        self.table = tables[0] if len(tables) == 1 else None

    def _slip(self, where: str, read: str, message: str) -> None:
        self.result.problems.append(ImportProblem(where, read, message, SLIP))

    def _label_slip(self, where: str, read: str, match: Match, what: str) -> None:
        norm = normalize_label(read)
        if what == "表头" and (norm in match.label or match.label in norm):
            return  # a header cell split over lines (自然 / 人), or run together (信息内容本年处理决定数量)
        if not match.exact:
            official = self._official(match.label)
            self._slip(where, read.replace("\n", ""), f"{what}与格式中的“{official}”不一致，已按“{official}”识别")

    def _official(self, normalised: str) -> str:
        """The official spelling of a normalised label, for messages."""
        for table in self.fmt.tables:
            for text in (
                table.title,
                table.corner,
                *(p for c in table.columns for p in c.label),
                *(p for r in table.rows for p in r.label),
            ):
                if text and normalize_label(text) == normalised:
                    return text
        return normalised

    # ---- rows -----------------------------------------------------------------------

    def feed(self, row: blocks.Row) -> None:
        kinds = [cell_kind(c) for c in row.cells]
        texts = [i for i, k in enumerate(kinds) if k == TEXT]
        self.texts.extend(normalize_label(row.cells[i]) for i in texts if len(row.cells[i]) <= MAX_LABEL_TEXT)
        if row.unresolved:
            read = " ".join(c.replace("\n", "") for c in row.cells if c.strip())
            self._unplaced(row.where, read, row.unresolved, self.table)
            return
        if row.resolution is not None:
            self._resolved(row, kinds, texts)
            return
        if not texts and VALUE not in kinds:
            return
        last_text = texts[-1] if texts else -1
        value_cells = list(zip(row.cells[last_text + 1 :], kinds[last_text + 1 :]))
        has_values = any(k == VALUE for _, k in value_cells)

        for i in texts:
            title = self.titles.find(row.cells[i])
            if title:
                self.table = title.target
                self._label_slip(row.where, row.cells[i], title, "表格名称")
                if any(c.strip() for c in row.cells[i + 1 :]):  # a title run together with its table
                    self.feed(blocks.Row(row.cells[i + 1 :], row.where))
                return

        leaf = self.row_labels.find(row.cells[last_text]) if texts else None
        if not has_values and leaf is None:
            self._groups(row, texts)
            self._header_row(row, texts)
            return
        if leaf is not None and all(kinds[i] == TEXT for i, c in enumerate(row.cells) if c.strip()):
            # A label on a line of its own: its numbers follow (placed by the row resolver), or the
            # row was printed with blank cells.
            table, fmt_row = leaf.target
            self.labels_alone[table.id].add(fmt_row.key)
            self.table = table
            self._groups(row, texts[:-1])
            return
        if leaf is None and texts and 2 * self._header_row(row, texts) >= len(texts):
            texts = []  # header cells run together with a row of numbers that has no label (section 4)
        self.result.rows_read += 1
        if leaf is not None:
            table, fmt_row = leaf.target
            self._label_slip(row.where, row.cells[last_text], leaf, "行标签")
            self.table = table
            others = []
            for i in texts[:-1]:
                group = self.row_groups.find(row.cells[i])
                if group and group.target[0] is table:
                    self.groups_seen[table.id].add(group.target[1])
                    self._label_slip(row.where, row.cells[i], group, "行标签")
                else:
                    others.append(i)
            if others:  # header cells run together with the first row (cells copied one per line)
                self._header_row(row, others)
                self.table = table
        elif not texts and self.table is not None and len(self.table.rows) == 1 and not self.table.rows[0].label:
            table, fmt_row = self.table, self.table.rows[0]  # section 4: one row of numbers, no label
        else:
            read = " ".join(c.replace("\n", "") for c in row.cells if c.strip())
            label = row.cells[last_text].replace("\n", "") if texts else ""
            why = f"“{label}”不是格式中的行" if label else "这一行数字没有行标签"
            self._unplaced(row.where, read, f"{why}，无法确定这些数字的位置，未导入", self.table)
            return
        if fmt_row.key in self.rows_seen[table.id]:
            read = " ".join(c for c, _ in value_cells)
            self._unplaced(
                row.where,
                read,
                f"“{fmt_row.label[-1] if fmt_row.label else table.id}”这一行重复出现，已用第一次出现的数字",
                table,
            )
            return
        self.rows_seen[table.id].add(fmt_row.key)
        self.result.tables_seen.add(table.id)
        self._place(row, table, fmt_row, value_cells)

    def _groups(self, row: blocks.Row, texts: list[int]) -> list[int]:
        """Record the row-group labels among the cells (（三）不予公开); returns the other cells."""
        others = []
        for i in texts:
            group = self.row_groups.find(row.cells[i])
            if group and (self.table is None or group.target[0] is self.table):
                self.groups_seen[group.target[0].id].add(group.target[1])
                self._label_slip(row.where, row.cells[i], group, "行标签")
            else:
                others.append(i)
        return others

    def _resolved(self, row: blocks.Row, kinds: list[str], texts: list[int]) -> None:
        """A row whose place the row resolver found (label without numbering, cut off, lost…)."""
        resolution = row.resolution
        assert resolution is not None
        table = self.fmt.table(resolution.table)
        fmt_row = table.row(resolution.row)
        self.table = table
        self.result.rows_read += 1
        last_text = texts[-1] if texts else -1
        value_cells = list(zip(row.cells[last_text + 1 :], kinds[last_text + 1 :]))
        others = self._groups(row, texts[:-1])
        if others:  # header cells run together with the first row
            self._header_row(row, others)
            self.table = table
        if resolution.group:
            self._place_group(row, table, fmt_row, resolution.group, value_cells)
            return
        if fmt_row.key in self.rows_seen[table.id]:
            read = " ".join(c for c, _ in value_cells)
            self._unplaced(row.where, read, f"“{fmt_row.label[-1]}”这一行重复出现，已用第一次出现的数字", table)
            return
        if resolution.by_position:
            read = " ".join(c.replace("\n", "") for c in row.cells if c.strip())
            label = "".join(fmt_row.label[1:]) if len(fmt_row.label) > 2 else fmt_row.label[-1]
            how = "行标签不完整" if texts else "这一行没有行标签"
            self.result.problems.append(
                ImportProblem(row.where, read, f"{how}，按其在表中的位置识别为“{label}”，请对照原文核对", BY_POSITION)
            )
        self.rows_seen[table.id].add(fmt_row.key)
        self.result.tables_seen.add(table.id)
        self._place(row, table, fmt_row, value_cells)

    def _place_group(
        self, row: blocks.Row, table: Table, fmt_row: Row, group: tuple[str, ...], cells: list[tuple[str, str]]
    ) -> None:
        """Section 四 printed as small tables: a row of numbers under the heading 行政复议 (or another)."""
        columns = [c for c in table.columns if c.label[:-1] == group]
        key = f"{fmt_row.key}/{'/'.join(group)}"
        if key in self.rows_seen[table.id]:
            read = " ".join(c for c, _ in cells if c.strip())
            self._unplaced(row.where, read, f"“{group[-1]}”一表重复出现，已用第一次出现的数字", table)
            return
        self.rows_seen[table.id].update((key, fmt_row.key))
        self.result.tables_seen.add(table.id)
        while cells and cells[0][1] == EMPTY and not cells[0][0].strip():
            cells = cells[1:]
        self._store(row, table, fmt_row, list(zip(columns, cells)))

    def _header_row(self, row: blocks.Row, texts: list[int]) -> int:
        """Record the columns a header row shows; returns how many of its cells were header labels."""
        found: list[tuple[int, Table, Column | None, Match]] = []
        for i in texts:
            text = row.cells[i]
            current = self.columns[self.table.id].find(text) if self.table else None
            if current and self.table:
                found.append((i, self.table, current.target, current))
                continue
            corner = self.corners.find(text)
            if corner:
                found.append((i, corner.target, None, corner))
                continue
            group = self.column_groups.find(text)
            if group:
                found.append((i, group.target, None, group))
                continue
            for table in self.fmt.tables:
                hit = self.columns[table.id].find(text)
                if hit:
                    found.append((i, table, hit.target, hit))
                    break
        if not found:
            return 0  # a line of text that happens to sit in a table: not a header
        by_column = [t for _, t, column, _ in found if column is not None]
        if self.table is None or not any(t is self.table for t in (by_column or [t for _, t, _, _ in found])):
            # The header of a table met without its title or section heading.
            counts: dict[str, int] = defaultdict(int)
            for _, t, column, _ in found:
                counts[t.id] += 2 if column is not None else 1  # a column label says more than a shared corner
            self.table = self.fmt.table(max(counts, key=counts.__getitem__))
        for i, table, column, match in found:
            if table is self.table and column is not None:
                self.headers[table.id].add(column.key)
            self._label_slip(row.where, row.cells[i], match, "表头")
        if self.table is not None:
            self._header_pieces(self.table, [i for i in texts if i not in {f[0] for f in found}], row)
        return len(found)

    def _header_pieces(self, table: Table, texts: list[int], row: blocks.Row) -> None:
        """Header cells split over lines (商业 / 企业): a piece of one column's label shows that column.

        A header cell that is no piece of any label makes the header unreliable for telling which
        columns a short row of numbers fills.
        """
        leaves = {c.key: normalize_label(c.label[-1]) for c in table.columns}
        parts = {normalize_label(p) for c in table.columns for p in c.label} | {
            normalize_label(t) for t in (table.title, table.corner) if t
        }
        for i in texts:
            if len(row.cells[i]) > MAX_LABEL_TEXT:
                continue
            piece = normalize_label(row.cells[i])
            if len(piece) < 2:
                self.header_unknown[table.id] += 1  # 总 / 计: a piece too small to tell its column
                continue
            owners = [key for key, leaf in leaves.items() if piece in leaf]
            if len(owners) == 1 and sum(piece in p for p in parts) == 1:
                self.headers[table.id].add(owners[0])
            elif not any(piece in p for p in parts) and not self.row_labels.find(row.cells[i]):
                self.header_unknown[table.id] += 1

    def _unplaced(self, where: str, read: str, message: str, table: Table | None) -> None:
        self.result.problems.append(ImportProblem(where, read, message, UNPLACED))
        if table is not None:
            self.result.unplaced_tables.add(table.id)

    # ---- columns --------------------------------------------------------------------

    def _columns_for(
        self, table: Table, cells: list[tuple[str, str]]
    ) -> tuple[list[tuple[Column, tuple[str, str]]] | None, str]:
        columns = list(table.columns)
        n = len(columns)

        def lstrip(xs):
            i = 0
            while i < len(xs) and xs[i][1] == EMPTY:
                i += 1
            return xs[i:]

        def rstrip(xs):
            j = len(xs)
            while j > 0 and xs[j - 1][1] == EMPTY:
                j -= 1
            return xs[:j]

        lead, both = lstrip(cells), rstrip(lstrip(cells))
        if len(lead) == n:
            return list(zip(columns, lead)), ""
        shown = [c for c in columns if c.key in self.headers.get(table.id, ())]
        if shown and len(shown) < n and self._header_labels_unique(table) and not self.header_unknown[table.id]:
            for variant in (lead, both):
                if len(variant) == len(shown):
                    return list(zip(shown, variant)), BY_HEADER
        for variant in (cells, rstrip(cells), both):
            if len(variant) == n:
                return list(zip(columns, variant)), ""
        filled = [c for c in cells if c[1] == VALUE]
        if columns[-1].sum_of and len(filled) == 1 and both and both[-1] is filled[0]:
            return [(columns[-1], filled[0])], "只填写了总计，各分项为空"
        return None, ""

    def _header_labels_unique(self, table: Table) -> bool:
        leaves = [normalize_label(c.label[-1]) for c in table.columns]
        return len(set(leaves)) == len(leaves)

    def _place(self, row: blocks.Row, table: Table, fmt_row: Row, cells: list[tuple[str, str]]) -> None:
        label = fmt_row.label[-1] if fmt_row.label else "数字行"
        mapping, note = self._columns_for(table, cells)
        read = " ".join(c for c, _ in cells if c.strip())
        if mapping is None:
            count = sum(k == VALUE for _, k in cells)
            self._unplaced(
                row.where,
                read,
                f"“{label}”一行有{count}个数字，表格应有{len(table.columns)}列，无法确定各数字所属的列，这一行未导入（按0计）",
                table,
            )
            return
        if (
            not note
            and len(mapping) > 1
            and mapping[-1][0].sum_of
            and mapping[-1][1][1] == VALUE
            and all(kind == EMPTY for _, (_, kind) in mapping[:-1])
        ):
            note = "只填写了总计，各分项为空"
        if note == BY_HEADER:
            self.by_header[table.id].append(row.where)
        elif note:
            self._slip(row.where, read, f"“{label}”一行{note}")
        else:
            blank = [table.cell_key(fmt_row, c) for c, (_, kind) in mapping if kind == EMPTY]
            self.result.blank_cells[table.id].extend(k for k in blank if not self.fmt.cells[k].computed)
        self._store(row, table, fmt_row, mapping)

    def _store(self, row: blocks.Row, table: Table, fmt_row: Row, mapping) -> None:
        for column, (text, kind) in mapping:
            if kind == EMPTY:
                continue
            key = table.cell_key(fmt_row, column)
            cell = self.fmt.cells[key]
            where = f"{row.where}，{cell.where}"
            value = self._value(text, cell.kind, where)
            if value is None:
                self.result.unplaced_tables.add(table.id)
                continue
            if cell.computed:
                self.result.published_totals[key] = Published(value, where)
            else:
                self.result.values[key] = value

    def _value(self, text: str, kind: str, where: str) -> Value | None:
        norm = normalize_text(text)
        match = _NUMBER_RE.fullmatch(norm)
        assert match is not None  # only cells read as VALUE (cell_kind) are stored
        number, unit = match.group("num"), match.group("unit")
        try:
            if kind == MONEY:
                if unit == "元":
                    # in 元 a number has four more digits than the 万元 a cell holds
                    yuan = normalize_text(number)
                    if not _YUAN.fullmatch(yuan):
                        parse_money(number)  # says what is wrong with it
                    value = Decimal(yuan) / Decimal(10000)
                    self._slip(where, text, f"金额单位是元，已换算为{format_value(value, MONEY)}万元")
                    return parse_money(format_value(value, MONEY))
                if unit == "万元":
                    self._slip(where, text, "数字后写了单位“万元”，已按万元读取")
                return parse_money(number)
            if unit in ("万元", "元"):
                raise ValueProblem("这里应填件数，不是金额")
            return parse_value(number, kind)
        except ValueProblem as exc:
            self.result.problems.append(ImportProblem(where, text, f"{exc}，未导入", UNPLACED))
            return None

    # ---- what was not there ---------------------------------------------------------

    def finish(self) -> TableResult:
        problems = self.result.problems
        for table in self.fmt.tables:
            name = _table_name(table)
            blank = self.result.blank_cells.get(table.id)
            if blank:
                problems.append(ImportProblem(name, "", _blank_message(self.fmt, blank), BLANK))
            if table.id not in self.result.tables_seen:
                problems.append(ImportProblem(name, "", "没有找到这张表格，其中的数字按0计", MISSING))
                continue
            for fmt_row in table.rows:
                inputs = [c for c in table.columns if not self.fmt.cells[table.cell_key(fmt_row, c)].computed]
                if inputs and fmt_row.key not in self.rows_seen[table.id] | self.labels_alone[table.id]:
                    label = "".join(fmt_row.label[1:]) if len(fmt_row.label) > 2 else fmt_row.label[-1]
                    problems.append(ImportProblem(name, "", f"表中缺少“{label}”这一行，按0计", MISSING))
            groups = {p for r in table.rows for p in r.label[:-1]}
            read = "".join(self.texts)
            seen = self.groups_seen[table.id] | {g for g in groups if _bare(g) in read}
            for group in sorted(groups - seen, key=_group_order(table)):
                problems.append(ImportProblem(name, "", f"表中缺少行标签“{group}”（其下各行已按序号识别）", SLIP))
            shown = self.headers.get(table.id)
            if (
                shown
                and self._header_labels_unique(table)
                and (self.by_header.get(table.id) or not self.header_unknown[table.id])
            ):
                for column in table.columns:
                    if column.key not in shown:
                        rows = self.by_header.get(table.id)
                        also = f"；{_span(rows)}的数字按表头所列的列读取，“{column.label[-1]}”一列按0计" if rows else ""
                        problems.append(ImportProblem(name, "", f"表头中缺少“{column.label[-1]}”这一列{also}", SLIP))
        return self.result


def _blank_message(fmt: Format, keys: list[str]) -> str:
    """原表中12格为空白或“/”（已按0计）：“（一）予以公开”行“商业企业”列、…"""
    named = []
    for key in keys[:6]:
        cell = fmt.cells[key]
        row = cell.row.label[-1] if cell.row.label else ""
        column = cell.column.label[-1] if cell.column.label else ""
        named.append("".join(part for part in (f"“{row}”行" if row else "", f"“{column}”列" if column else "")))
    more = f"等{len(keys)}格" if len(keys) > 6 else ""
    return f"原表中{len(keys)}格为空白或“/”，已按0计，请核对原报告是否确实为0：{'、'.join(named)}{more}"


def _bare(label: str) -> str:
    return strip_numbering(normalize_label(label))


def _table_name(table: Table) -> str:
    number = {"s2": "二", "s3": "三", "s4": "四"}.get(table.section, table.section)
    return f"第{number}部分" + (f" {table.title}" if table.title else " 表格")


def _group_order(table: Table) -> Callable[[str], int]:
    order: dict[str, int] = {}
    for r in table.rows:
        for p in r.label[:-1]:
            order.setdefault(p, len(order))
    return order.__getitem__


def _span(wheres: list[str]) -> str:
    """第53行、第54行… → 第53—75行中的12行 (or the list when short)."""
    if len(wheres) <= 3:
        return "、".join(wheres)
    return f"{wheres[0]}至{wheres[-1]}中的{len(wheres)}行"

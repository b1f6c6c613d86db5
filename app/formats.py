"""The official report formats, read from resources/formats/*.json.

Every other part of the program (model, checks, UI, exporters, import) reads the
structure of a report from the Format objects built here; nothing else spells out
labels, cell keys or section order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

from app.paths import resources_dir

COUNT = "count"
SIGNED = "signed"
MONEY = "money"
VALUE_KINDS = (COUNT, SIGNED, MONEY)


@dataclass(frozen=True)
class Column:
    key: str
    label: tuple[str, ...]
    kind: str = COUNT
    sum_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    key: str
    label: tuple[str, ...]
    sum_of: tuple[str, ...] = ()
    short: str | None = None  # how the format's own note refers to the row (一, 三（七）…)


@dataclass(frozen=True)
class Table:
    id: str
    section: str
    section_number: str  # 二, 三, 四: how the printed report numbers the section
    title: str | None
    corner: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def cell_key(self, row: Row, column: Column) -> str:
        return ".".join(part for part in (self.section, row.key, column.key) if part)

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def label_depth(self) -> int:
        """Number of label columns the printed table needs at its left."""
        return max((len(r.label) for r in self.rows), default=0)

    @property
    def header_depth(self) -> int:
        return max((len(c.label) for c in self.columns), default=0)


@dataclass(frozen=True)
class Cell:
    """One number cell of a report: where it stands and what it may hold."""

    key: str
    table: Table
    row: Row
    column: Column
    kind: str
    parts: tuple[str, ...] = ()  # cell keys summed into this one; empty for input cells

    @property
    def computed(self) -> bool:
        return bool(self.parts)

    @property
    def where(self) -> str:
        """A location a clerk can find on paper: section, row and column labels."""
        bits = [f"第{self.table.section_number}部分"]
        if self.table.title:
            bits.append(self.table.title)
        if self.row.label:
            bits.append(self.row.label[-1] if len(self.row.label) < 3 else "".join(self.row.label[1:]))
        if self.column.label:
            bits.append("".join(self.column.label[-2:]) if self.table.section == "s4" else self.column.label[-1])
        return " ".join(bits)


@dataclass(frozen=True)
class Subsection:
    title: str
    hint: str
    generated: tuple[str, ...] = ()  # the sentences app.generated writes for this area


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    heading: str
    kind: str  # "subsections", "tables" or "text"
    hint: str = ""
    tables: tuple[Table, ...] = ()
    default_subsections: tuple[Subsection, ...] = ()


@dataclass(frozen=True)
class InForce:
    """A 现行有效件数 cell and the cells that move it: last year's figure + issued - repealed."""

    in_force: str
    issued: str
    repealed: str


@dataclass(frozen=True)
class Roles:
    """The cells that code needs by meaning, named in the definition's "roles"."""

    applications: str  # the table of section 三 (applications received and handled)
    new: str  # its rows: 一、本年新收政府信息公开申请数量
    carried_in: str  # 二、上年结转政府信息公开申请数量
    carried_out: str  # 四、结转下年度继续办理
    results: str  # 三（七）总计
    appeals: str  # the table of section 四
    review: str  # its column groups: 行政复议
    lawsuits: tuple[str, ...]  # 行政诉讼, one group per route (直接起诉, 复议后起诉)
    punishments: str  # cell key: 行政处罚 decisions
    in_force: tuple[InForce, ...] = ()  # formats that print 现行有效件数


@dataclass(frozen=True, eq=False)
class Format:
    id: str
    name: str
    notice: str
    notice_title: str
    first_year: int
    last_year: int | None
    intro_template: str
    intro_person: str  # the contact person's part of the preamble, when one is named
    sections: tuple[Section, ...]
    checks: tuple[dict, ...]
    roles: Roles
    cells: dict[str, Cell] = field(repr=False)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    @property
    def input_keys(self) -> tuple[str, ...]:
        return tuple(k for k, c in self.cells.items() if not c.computed)

    @property
    def computed_keys(self) -> tuple[str, ...]:
        return tuple(k for k, c in self.cells.items() if c.computed)

    # ---- cells by role -----------------------------------------------------------
    @property
    def applications_table(self) -> Table:
        return self.table(self.roles.applications)

    @property
    def appeals_table(self) -> Table:
        return self.table(self.roles.appeals)

    def application_key(self, row_role: str, column: Column | None = None) -> str:
        """An applications row ("new", "carried_in", "carried_out", "results") in a column
        (by default the 总计 column) as a cell key."""
        table = self.applications_table
        row = table.row(getattr(self.roles, row_role))
        return table.cell_key(row, column or _total_column(table.columns))

    def application_row_total_key(self, row: Row) -> str:
        """Any row of the applications table in its 总计 column."""
        table = self.applications_table
        return table.cell_key(row, _total_column(table.columns))

    def appeal_columns(self, group: str) -> tuple[Column, ...]:
        """The columns of one group of section 四 (行政复议, or one lawsuit route), total last."""
        return tuple(c for c in self.appeals_table.columns if c.key.split(".")[0] == group)

    def appeal_total_key(self, group: str) -> str:
        table = self.appeals_table
        return table.cell_key(table.rows[0], _total_column(self.appeal_columns(group)))

    @property
    def review_total_key(self) -> str:
        return self.appeal_total_key(self.roles.review)

    @property
    def lawsuit_total_keys(self) -> tuple[str, ...]:
        """Lawsuits = those brought directly + those brought after review: one total per route."""
        return tuple(self.appeal_total_key(group) for group in self.roles.lawsuits)

    def applies_to(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    @cached_property
    def dependents(self) -> dict[str, tuple[str, ...]]:
        """For each cell, the computed cells whose value changes with it (transitively)."""
        return _dependents(self)

    @cached_property
    def zeros(self) -> dict[str, Decimal | int]:
        """Every cell of the format at 0 of its kind, in format order (Report.values starts from it)."""
        return {k: Decimal(0) if c.kind == MONEY else 0 for k, c in self.cells.items()}

    @cached_property
    def totals(self) -> tuple[tuple[str, tuple[str, ...], Decimal | int], ...]:
        """(total, its parts, 0 of its kind) in computed_order: what Report.values sums."""
        return tuple((k, self.cells[k].parts, self.zeros[k]) for k in self.computed_order)

    @cached_property
    def computed_order(self) -> tuple[str, ...]:
        """Computed cells ordered so that every part comes before the total using it."""
        order: list[str] = []
        placed: set[str] = set(self.input_keys)
        pending = list(self.computed_keys)
        while pending:
            ready = [k for k in pending if all(p in placed for p in self.cells[k].parts)]
            if not ready:
                raise ValueError(f"circular totals in format {self.id}: {pending}")
            order.extend(ready)
            placed.update(ready)
            pending = [k for k in pending if k not in placed]
        return tuple(order)


def _total_column(columns) -> Column:
    return next(c for c in columns if c.sum_of)


def _roles(raw: dict) -> Roles:
    apps, appeals = raw["applications"], raw["appeals"]
    return Roles(
        applications=apps["table"],
        new=apps["new"],
        carried_in=apps["carried_in"],
        carried_out=apps["carried_out"],
        results=apps["results"],
        appeals=appeals["table"],
        review=appeals["review"],
        lawsuits=tuple(appeals["lawsuits"]),
        punishments=raw["punishments"],
        in_force=tuple(InForce(r["in_force"], r["issued"], r["repealed"]) for r in raw.get("in_force", ())),
    )


def _check_roles(fmt: Format) -> None:
    """Every role names something the format has: a typo fails at load, not in a check."""
    try:
        for row in ("new", "carried_in", "carried_out", "results"):
            fmt.application_key(row)
        for group in (fmt.roles.review, *fmt.roles.lawsuits):
            fmt.appeal_total_key(group)
    except StopIteration:
        raise ValueError(f"a role in format {fmt.id} names a table, row or column it does not have") from None
    keys = [fmt.roles.punishments] + [k for r in fmt.roles.in_force for k in (r.in_force, r.issued, r.repealed)]
    unknown = [k for k in keys if k not in fmt.cells]
    if unknown:
        raise ValueError(f"roles in format {fmt.id} name unknown cells: {unknown}")


def _build_table(section_key: str, section_number: str, raw: dict) -> Table:
    columns = tuple(
        Column(c["key"], tuple(c["label"]), c.get("kind", COUNT), tuple(c.get("sum_of", ()))) for c in raw["columns"]
    )
    rows = tuple(Row(r["key"], tuple(r["label"]), tuple(r.get("sum_of", ())), r.get("short")) for r in raw["rows"])
    for col in columns:
        if col.kind not in VALUE_KINDS:
            raise ValueError(f"unknown value kind {col.kind!r} in table {raw['id']}")
    return Table(raw["id"], section_key, section_number, raw.get("title"), raw.get("corner"), columns, rows)


def _table_cells(table: Table) -> dict[str, Cell]:
    cells = {}
    for row in table.rows:
        for column in table.columns:
            if column.sum_of:  # a row total: sum across this row
                parts = tuple(table.cell_key(row, table.column(k)) for k in column.sum_of)
            elif row.sum_of:  # a column total: sum down this column
                parts = tuple(table.cell_key(table.row(k), column) for k in row.sum_of)
            else:
                parts = ()
            key = table.cell_key(row, column)
            cells[key] = Cell(key, table, row, column, column.kind, parts)
    return cells


def parse_format(raw: dict) -> Format:
    sections = []
    cells: dict[str, Cell] = {}
    for s in raw["sections"]:
        tables = tuple(_build_table(s["key"], s["number"], t) for t in s.get("tables", ()))
        for t in tables:
            for key, cell in _table_cells(t).items():
                if key in cells:
                    raise ValueError(f"cell key {key} defined twice in format {raw['id']}")
                cells[key] = cell
        subsections = tuple(
            Subsection(d["title"], d.get("hint", ""), tuple(d.get("generated", ())))
            for d in s.get("default_subsections", ())
        )
        sections.append(Section(s["key"], s["number"], s["heading"], s["kind"], s.get("hint", ""), tables, subsections))
    fmt = Format(
        id=raw["id"],
        name=raw["name"],
        notice=raw["notice"],
        notice_title=raw["notice_title"],
        first_year=raw["first_year"],
        last_year=raw.get("last_year"),
        intro_template=raw["intro_template"],
        intro_person=raw["intro_person"],
        sections=tuple(sections),
        checks=tuple(raw.get("checks", ())),
        roles=_roles(raw["roles"]),
        cells=cells,
    )
    _check_roles(fmt)
    return fmt


def formats_dir() -> Path:
    return resources_dir() / "formats"


@cache
def all_formats() -> dict[str, Format]:
    found = {}
    for path in sorted(formats_dir().glob("*.json")):
        fmt = parse_format(json.loads(path.read_text(encoding="utf-8")))
        found[fmt.id] = fmt
    return found


def get_format(format_id: str) -> Format:
    try:
        return all_formats()[format_id]
    except KeyError:
        known = "、".join(sorted(all_formats()))
        raise KeyError(f"未知的报告格式“{format_id}”（可用格式：{known}）") from None


def format_for_year(year: int) -> Format:
    """The official format that applies to a report year (newest if several do)."""
    fitting = [f for f in all_formats().values() if f.applies_to(year)]
    if not fitting:
        fitting = list(all_formats().values())
    return max(fitting, key=lambda f: f.first_year)


def _dependents(fmt: Format) -> dict[str, tuple[str, ...]]:
    direct: dict[str, set[str]] = {k: set() for k in fmt.cells}
    for key, cell in fmt.cells.items():
        for part in cell.parts:
            direct[part].add(key)
    position = {k: i for i, k in enumerate(fmt.cells)}
    result = {}
    for key in fmt.cells:
        seen: set[str] = set()
        todo = list(direct[key])
        while todo:
            k = todo.pop()
            if k not in seen:
                seen.add(k)
                todo.extend(direct[k])
        result[key] = tuple(sorted(seen, key=position.__getitem__))
    return result

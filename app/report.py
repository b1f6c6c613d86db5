"""The report being written: meta, narrative text and the number cells.

Only input cells are stored; totals are derived from them on every read, so a
stored total can never disagree with its parts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from app.formats import MONEY, Format, format_for_year, get_format
from app.values import Value, check_value


@dataclass
class Contact:
    department: str = ""
    address: str = ""
    phone: str = ""
    person: str = ""


@dataclass
class Meta:
    organ: str = ""
    year: int = 2000
    report_date: dt.date | None = None
    title: str | None = None
    contact: Contact = field(default_factory=Contact)


@dataclass
class Subsection:
    title: str
    body: str = ""


TITLE_SUFFIX = "政府信息公开工作年度报告"


@dataclass
class Report:
    template: str
    meta: Meta
    intro: str = ""
    s1: list[Subsection] = field(default_factory=list)
    s5: str = ""
    s6: str = ""
    cells: dict[str, Value] = field(default_factory=dict)  # input cells only

    @property
    def format(self) -> Format:
        return get_format(self.template)

    @property
    def title(self) -> str:
        return self.meta.title or default_title(self.meta.organ, self.meta.year)

    def value(self, key: str) -> Value:
        cell = self.format.cells[key]
        if cell.computed:
            return sum((self.value(p) for p in cell.parts), Decimal(0) if cell.kind == MONEY else 0)
        return self.cells.get(key, Decimal(0) if cell.kind == MONEY else 0)

    def values(self) -> dict[str, Value]:
        """Every cell of the format, computed ones included, in format order."""
        fmt = self.format
        # Worked out for every keystroke's check: the format's zeros (in format order) with
        # the filled cells over them, then each total from its parts.
        out: dict[str, Value] = dict(fmt.zeros)
        for key, value in self.cells.items():
            if key in out and not fmt.cells[key].computed:
                out[key] = value
        for key, parts, zero in fmt.totals:
            out[key] = sum(map(out.__getitem__, parts), zero)
        return out

    def set_value(self, key: str, value: Value) -> tuple[str, ...]:
        """Store an input cell; returns the keys whose shown value may have changed."""
        cell = self.format.cells.get(key)
        if cell is None:
            raise KeyError(f"格式{self.template}中没有单元格“{key}”")
        if cell.computed:
            raise KeyError(f"“{cell.where}”是自动计算的合计，不能直接填写")
        value = check_value(value, cell.kind)
        if value == 0:
            self.cells.pop(key, None)  # absent means 0 (docs/spec/draft-format.md)
        else:
            self.cells[key] = value
        return (key, *self.format.dependents[key])


def default_title(organ: str, year: int) -> str:
    return f"{organ}{year}年{TITLE_SUFFIX}"


# Stand in for a missing address or phone in the generated preamble; the checks look for them.
INTRO_PLACEHOLDERS = {"address": "（地址）", "phone": "（电话）"}


REPORT_DUE = (1, 31)  # 条例第五十条: the report is published by 31 January of the next year
EARLY_DATE = (1, 15)  # a date before that deadline, for a report written ahead of or after its year


def default_report_date(year: int, today: dt.date | None = None) -> dt.date:
    """The 成文日期 a report for `year` gets while the clerk has not chosen one.

    A report is written and signed early in the next year (it is due by 31 January), so a
    clerk writing in year+1 signs it today; one written in any other year (ahead of time, or
    an old report typed up later) gets the 15th of January of year+1, before the deadline.
    """
    today = today or dt.date.today()
    if today.year == year + 1:
        return today
    return dt.date(year + 1, *EARLY_DATE)


def date_after_year_change(date: dt.date | None, old_year: int, new_year: int, today: dt.date | None = None):
    """The 成文日期 follows the report year while untouched (still the old year's default)."""
    if date is not None and old_year != new_year and date == default_report_date(old_year, today):
        return default_report_date(new_year, today)
    return date


def default_intro(fmt: Format, meta: Meta) -> str:
    """The preamble of the format, with the contact's details: the 联系人 appears in the
    sentence on 查阅 and questions, as published reports write it, only when named."""
    contact = meta.contact
    return fmt.intro_template.format(
        organ=meta.organ or "本机关",
        year=meta.year,
        department=contact.department or meta.organ or "本机关",
        address=contact.address or INTRO_PLACEHOLDERS["address"],
        phone=contact.phone or INTRO_PLACEHOLDERS["phone"],
        person=fmt.intro_person.format(person=contact.person) if contact.person else "",
    )


def new_report(
    organ: str,
    year: int,
    template: str | None = None,
    contact: Contact | None = None,
    report_date: dt.date | None = None,
) -> Report:
    fmt = get_format(template) if template else format_for_year(year)
    meta = Meta(organ=organ, year=year, report_date=report_date, contact=contact or Contact())
    s1 = [Subsection(d.title) for d in fmt.section("s1").default_subsections]
    return Report(template=fmt.id, meta=meta, intro=default_intro(fmt, meta), s1=s1)

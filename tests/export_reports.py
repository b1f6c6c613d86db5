"""Reports built from the published samples (their text and their numbers), for the export tests."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from app.formats import MONEY
from app.report import Report, Subsection, default_intro, new_report
from tests.conftest import SAMPLES


def _sample(prefix: str) -> list[str]:
    path = next(Path(SAMPLES).glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


def _between(lines: list[str], start: str, end: str) -> list[str]:
    i = next(n for n, line in enumerate(lines) if line.strip().startswith(start))
    j = next(n for n, line in enumerate(lines) if n > i and line.strip().startswith(end))
    return [line.strip() for line in lines[i + 1 : j] if line.strip()]


def _subsections(lines: list[str]) -> list[Subsection]:
    subs: list[Subsection] = []
    for line in lines:
        m = re.match(r"^[（(][一二三四五六七八九十][)）]\s*(.*)$", line)
        if m:
            title, _, rest = m.group(1).partition("。")
            subs.append(Subsection(title if rest else m.group(1), rest))
        elif subs:
            subs[-1].body = (subs[-1].body + "\n" + line).strip()
    return subs


def report_2021() -> Report:
    """Sample 001: 轵城镇 2023, format 2021: 74 行政处罚, 6 applications all 予以公开."""
    lines = _sample("001")
    report = new_report("轵城镇人民政府", 2023, "2021", report_date=dt.date(2024, 1, 10))
    report.s1 = _subsections(_between(lines, "一、总体情况", "二、"))
    report.s5 = "\n".join(_between(lines, "五、", "六、"))
    report.s6 = "\n".join(lines[next(n for n, x in enumerate(lines) if x.startswith("六、")) + 1 :]).strip()
    report.set_value("s2.punishment.decisions", 74)
    report.set_value("s3.new.natural", 6)
    report.set_value("s3.open.natural", 6)
    return report


def report_2019() -> Report:
    """Sample 002: 九皋镇 2020, format 2019: 12 procurement projects, 2406.2243 万元."""
    lines = _sample("002")
    report = new_report("九皋镇人民政府", 2020, "2019", report_date=dt.date(2021, 1, 15))
    report.s1 = _subsections(_between(lines, "一、总体情况", "二、"))
    report.s5 = "\n".join(_between(lines, "五、", "六、"))
    report.s6 = "\n".join(lines[next(n for n, x in enumerate(lines) if x.startswith("六、")) + 1 :]).strip()
    report.intro = default_intro(report.format, report.meta)
    report.set_value("s2.license.delta", 7)
    report.set_value("s2.other_service.delta", 140)
    report.set_value("s2.procurement.projects", 12)
    report.set_value("s2.procurement.amount", Decimal("2406.2243"))
    return report


HOSTILE_TEXT = (
    "a<b>x</b> & A&B <foo> x<y>z &nbsp; <font name='Helvetica'>汉字</font> "
    "<img src='/etc/passwd'/> <a href='http://x'>链接</a> \x00\x01\x0b\x0c\x1f\x7f\ufffe\uffff\ud800 "
    "😀 䶮 𠀀 \u200b 㙓 （一）、，。"
)


def hostile_report() -> Report:
    report = report_2021()
    report.meta.organ = "<font name='Helvetica'>甲&乙镇</font>人民政府"
    report.s1[0].body = HOSTILE_TEXT + "\n" + report.s1[0].body
    report.s5 = "长" * 20000
    report.s6 = "\x00\n\n<img src='/etc/passwd'/>"
    report.s1[1].title = "很长的小标题" * 200
    report.meta.title = "<b>标题</b>&" + "长" * 300
    return report


# Figures of real county and department reports: 13810, 517645 (行政许可), 693957 (行政处罚).
COUNTY_FIGURES = (13810, 517645, 693957, 70512, 99999, 123456)


def county_report(make) -> Report:
    """A report of a county or a department: a 5- or 6-digit number in every input cell
    of sections 二, 三 and 四, money to four decimals, and section 三 balanced (its
    一、本年新收 row makes up the difference, so the checks find no error)."""
    report = make()
    fmt = report.format
    figures = iter(COUNTY_FIGURES * 100)
    for key in fmt.input_keys:
        cell = fmt.cells[key]
        if key.split(".")[0] not in ("s2", "s3", "s4"):
            continue
        if cell.kind == MONEY:
            report.set_value(key, Decimal(next(figures)) + Decimal("0.1234"))
        else:
            report.set_value(key, next(figures))
    table = fmt.table("s3")
    values = report.values()
    for column in table.columns:
        new_key = table.cell_key(table.row("new"), column)
        if fmt.cells[new_key].computed:
            continue
        out = sum(values[table.cell_key(table.row(r), column)] for r in ("result_total", "carried_out"))
        report.set_value(new_key, out - values[table.cell_key(table.row("carried_in"), column)])
    return report

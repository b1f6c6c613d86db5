"""Test reports carrying the real numbers and text of published samples in tests/samples."""

from __future__ import annotations

import datetime as dt
import re

from app.report import Contact, Subsection, new_report
from tests.conftest import SAMPLES


def _between(text: str, start: str, end: str | None) -> str:
    begin = text.index(start) + len(start)
    stop = text.index(end, begin) if end else len(text)
    return text[begin:stop].strip()


def _subsections(body: str) -> list[Subsection]:
    parts = re.split(r"^[（(]([一二三四五六七八九十]+)[)）]\s*", body, flags=re.M)
    subs = []
    for i in range(1, len(parts) - 1, 2):
        block = parts[i + 1].strip()
        # Some reports run the sub-heading into its paragraph: "加强组织领导，形成工作合力。该工作…"
        title, _, body = block.partition("\n") if "\n" in block else block.partition("。")
        subs.append(Subsection(title.strip().rstrip("。"), body.strip()))
    return subs


def sample_001():
    """轵城镇 2023, format 2021: 74 行政处罚; 6 applications from natural persons, all 予以公开."""
    text = (SAMPLES / "001_17c4ec4c0f6b2a29.txt").read_text(encoding="utf-8")
    # The published samples have no preamble; the generated one needs an address and a phone
    # (these are the fixture's, not the sample's), or it would keep （地址）（电话）.
    report = new_report(
        "轵城镇人民政府",
        2023,
        "2021",
        Contact(department="轵城镇党政办", address="轵城镇人民政府院内", phone="0391-0000000"),
        dt.date(2024, 1, 20),
    )
    report.s1 = _subsections(_between(text, "一、总体情况", "二、主动公开政府信息情况"))
    report.s5 = _between(text, "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    report.s6 = _between(text, "六、其他需要报告的事项", None)
    report.set_value("s2.punishment.decisions", 74)
    report.set_value("s3.new.natural", 6)
    report.set_value("s3.open.natural", 6)
    return report


def sample_002():
    """九皋镇 2020, format 2019: 12 procurement projects for 2406.2243 万元; 2019 items."""
    from decimal import Decimal

    text = (SAMPLES / "002_6ba39ebe6f690d1f.txt").read_text(encoding="utf-8")
    report = new_report(
        "九皋镇人民政府",
        2020,
        "2019",
        Contact(address="九皋镇人民政府院内", phone="0379-0000000"),
        dt.date(2021, 1, 25),
    )
    report.s1 = _subsections(_between(text, "一、总体情况", "二、主动公开政府信息情况"))
    report.s5 = _between(text, "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    report.s6 = _between(text, "六、其他需要报告的事项", None)
    report.set_value("s2.license.delta", 7)
    report.set_value("s2.other_service.delta", 140)
    report.set_value("s2.procurement.projects", 12)
    report.set_value("s2.procurement.amount", Decimal("2406.2243"))
    return report

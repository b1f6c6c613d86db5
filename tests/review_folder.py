"""A county's folder of reports for the review tests and bench.review, made from the samples.

This year (2023, format 2021):
- 轵城镇.nianbao — sample 001 as a draft; its 上年结转 (2) disagrees with last year's 结转下年 (3)
- 甘坊镇.nianbao — a draft with a balance error (2 new, nothing answered); last year's narrative
  copied word for word
- 赤岸镇.docx — sample 001's text for 赤岸镇, written by the DOCX exporter
- 宋埠镇.pdf — the same for 宋埠镇, written by the PDF exporter (read once PDF import exists)
- 甘坊镇政府.html — 甘坊镇 again, as the web page the HTML exporter writes: a duplicate organ
- 九皋镇.nianbao — sample 002, a 2020 report (format 2019): another year
- 坏.nianbao (truncated JSON) and 坏.docx (a zip that is no Word file): unreadable
- 说明.xlsx: not a report, left aside

Last year (2022): 轵城镇, 甘坊镇人民政府 (drafts), 桃川乡 (no report this year), 坏.txt (binary).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from app.draft import save_draft
from app.export import render_docx, render_pdf
from app.export.html import render_html
from app.report import Report, default_intro
from tests.export_reports import report_2019, report_2021

YEAR = 2023


def _as(report: Report, organ: str, year: int = YEAR) -> Report:
    report = copy.deepcopy(report)
    report.meta.organ = organ
    report.meta.year = year
    report.meta.title = None
    report.meta.contact.address = f"{organ}院内"
    report.meta.contact.phone = "0391-0000000"
    report.intro = default_intro(report.format, report.meta)
    return report


def ganfang(base: Report) -> Report:
    report = _as(base, "甘坊镇人民政府")
    for key in list(report.cells):
        if key.startswith("s3."):
            report.set_value(key, 0)
    report.set_value("s3.new.natural", 2)  # answered nowhere: the balance fails
    return report


def last_year_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    base = report_2021()
    zhicheng = _as(base, "轵城镇人民政府", YEAR - 1)
    zhicheng.set_value("s3.carried_out.natural", 3)
    zhicheng.set_value("s3.new.natural", 9)
    zhicheng.set_value("s2.normative.in_force", 4)
    save_draft(zhicheng, folder / "轵城镇2022.nianbao")
    ganfang_last = _as(base, "甘坊镇人民政府", YEAR - 1)
    save_draft(ganfang_last, folder / "甘坊镇2022.nianbao")
    save_draft(_as(base, "桃川乡人民政府", YEAR - 1), folder / "桃川乡2022.nianbao")
    (folder / "坏.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def this_year_folder(folder: Path, pdf: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    base = report_2021()
    zhicheng = _as(base, "轵城镇人民政府")
    zhicheng.set_value("s3.carried_in.natural", 2)
    zhicheng.set_value("s3.open.natural", 8)
    zhicheng.set_value("s2.normative.in_force", 5)  # last year 4, nothing issued: 现行有效 off by 1
    for sub in zhicheng.s1[2:]:  # three of the five sub-sections rewritten this year
        sub.body = (
            f"{YEAR}年，我镇围绕{sub.title}新建工作台账，逐月核对发布内容，"
            "全年组织专题培训两次，对村级公开栏逐一检查整改。"
        )
    save_draft(zhicheng, folder / "轵城镇.nianbao")
    save_draft(ganfang(base), folder / "甘坊镇.nianbao")
    render_docx(_as(base, "赤岸镇人民政府"), folder / "赤岸镇.docx")
    if pdf:
        render_pdf(_as(base, "宋埠镇人民政府"), folder / "宋埠镇.pdf")
    render_html(_as(base, "甘坊镇政府"), folder / "甘坊镇政府.html")
    save_draft(report_2019(), folder / "九皋镇.nianbao")
    (folder / "坏.nianbao").write_text('{"format": "nianbao-draft", "version": 1', encoding="utf-8")
    (folder / "坏.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    (folder / "说明.xlsx").write_bytes(b"PK\x03\x04")
    return folder


@pytest.fixture(scope="session")
def county_folders(tmp_path_factory) -> tuple[Path, Path]:
    """(this year's folder, last year's folder), made once per test run; tests must not change them."""
    root = tmp_path_factory.mktemp("县")
    return this_year_folder(root / "2023"), last_year_folder(root / "2022")

"""The paper as a reader holds it, read back from the files written: document properties,
the contact in the preamble, the lead paragraph of 总体情况, Chinese line breaking and
the table cells' inner margins (issue 13, Paper)."""

import datetime as dt

import docx
import pypdf
import pytest

from app.export import render_docx, render_pdf
from app.export.html import render_html
from app.report import Contact, Subsection, default_intro
from tests.export_reports import report_2021

WHEN = dt.datetime(2024, 1, 12, 9, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
LEAD = "2023年，我镇全面做好主动公开、依申请公开和政府信息管理工作。"


def paper_report():
    """Sample 001 with a named contact person and an imported report's lead paragraph
    (held as an untitled first sub-section)."""
    report = report_2021()
    report.meta.contact = Contact("轵城镇党政办", "轵城镇人民政府院内", "0391-0000000", "吴重宇")
    report.intro = default_intro(report.format, report.meta)
    report.s1.insert(0, Subsection("", LEAD))
    return report


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paper")
    report = paper_report()
    render_pdf(report, folder / "r.pdf", created=WHEN)
    render_docx(report, folder / "r.docx", created=WHEN)
    render_html(report, folder / "r.html")
    return folder


def test_pdf_properties_carry_title_organ_subject_and_export_time(files):
    info = pypdf.PdfReader(str(files / "r.pdf")).metadata
    assert info.title == "轵城镇人民政府2023年政府信息公开工作年度报告"
    assert info.author == "轵城镇人民政府"
    assert info.subject == "政府信息公开工作年度报告"
    assert info.creation_date == WHEN and info.modification_date == WHEN  # not reportlab's 2000-01-01


def test_docx_core_properties_carry_title_organ_subject_and_export_time(files):
    core = docx.Document(str(files / "r.docx")).core_properties
    assert core.title == "轵城镇人民政府2023年政府信息公开工作年度报告"
    assert core.author == "轵城镇人民政府" and core.subject == "政府信息公开工作年度报告"
    utc = WHEN.astimezone(dt.UTC).replace(tzinfo=None)
    assert core.created.replace(tzinfo=None) == utc and core.modified.replace(tzinfo=None) == utc  # not 2013


def test_without_a_date_given_the_pdf_is_dated_now(tmp_path):
    before = dt.datetime.now().astimezone().replace(microsecond=0)
    render_pdf(report_2021(), tmp_path / "now.pdf")
    created = pypdf.PdfReader(str(tmp_path / "now.pdf")).metadata.creation_date
    assert before <= created <= dt.datetime.now().astimezone()


def _pdf_text(path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages).replace("\n", "").replace(" ", "")


def test_the_contact_person_is_named_in_the_preamble_of_every_output(files):
    sentence = "如对本报告有疑问，请与轵城镇党政办联系（地址：轵城镇人民政府院内；电话：0391-0000000；联系人：吴重宇）。"
    paragraphs = [p.text for p in docx.Document(str(files / "r.docx")).paragraphs]
    assert any(p.endswith(sentence) for p in paragraphs[:3])
    assert sentence in _pdf_text(files / "r.pdf")
    assert sentence in (files / "r.html").read_text(encoding="utf-8")


def test_without_a_person_the_preamble_names_none():
    report = report_2021()
    report.meta.contact = Contact("党政办", "镇政府院内", "0391-1")
    assert default_intro(report.format, report.meta).endswith("（地址：镇政府院内；电话：0391-1）。")


def test_the_lead_paragraph_prints_as_a_plain_paragraph_before_the_subsections(files):
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(files / "r.docx")).paragraphs if p.text]
    heading = paragraphs.index(("一级标题", "一、总体情况"))
    assert paragraphs[heading + 1] == ("报告正文", LEAD)
    assert paragraphs[heading + 2][0] == "二级标题" and paragraphs[heading + 2][1].startswith("（一）")
    assert not any(style == "二级标题" and text in ("", "（一）") for style, text in paragraphs)
    text = _pdf_text(files / "r.pdf")
    assert "一、总体情况" + LEAD + "（一）" in text
    html = (files / "r.html").read_text(encoding="utf-8")
    lead_at, first_sub = html.index(LEAD), html.index("（一）")
    assert html.index("一、总体情况") < lead_at < first_sub
    assert "<h4" not in html[html.index("一、总体情况") : lead_at]  # no empty sub-heading before it

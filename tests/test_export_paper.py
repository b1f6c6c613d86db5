"""The paper as a reader holds it, read back from the files written: document properties,
the contact in the preamble, the lead paragraph of 总体情况, Chinese line breaking and
the table cells' inner margins (issue 13, Paper)."""

import datetime as dt
import functools
import itertools

import docx
import pdfplumber
import pypdf
import pytest
from docx.oxml.ns import qn

from app.export import render_docx, render_pdf
from app.export.html import render_html
from app.importer import import_file
from app.linebreak import INSEPARABLE, NO_LINE_END, NO_LINE_START, break_lines
from app.report import Contact, Subsection, default_intro
from tests.export_reports import report_2021
from tests.sample_reports import sample_002

WHEN = dt.datetime(2024, 1, 12, 9, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
LEAD = "2023年，我镇全面做好主动公开、依申请公开和政府信息管理工作。"
MM = 72 / 25.4
# Every mark the rules name, 31 characters: repeated 27 times (the characters of a body
# line), each mark meets each position of a line.
MARKS = "政（信息）《公开》“例”〔三〕，条；条：——法……、(A)？。"


def paper_report():
    """Sample 001 with a named contact person, an imported report's lead paragraph (held
    as an untitled first sub-section) and a section 五 that puts every bracket, comma and
    two-character mark at every position of a line."""
    report = report_2021()
    report.meta.contact = Contact("轵城镇党政办", "轵城镇人民政府院内", "0391-0000000", "吴重宇")
    report.intro = default_intro(report.format, report.meta)
    report.s1.insert(0, Subsection("", LEAD))
    report.s5 = MARKS * 27 + "\n" + report.s5
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
    sentence = (
        "如对本报告有疑问，请与轵城镇党政办联系（地址：轵城镇人民政府院内；电话：0391-0000000；联系人：吴重宇）。"
    )
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


def test_line_breaks_keep_the_chinese_rules_at_every_width():
    text = MARKS * 3 + "2023年12月31日www.gov.cn。"
    for width in range(5, 30):  # ((A)？。 cannot be broken at all: 5 is the narrowest measure)
        lines = [text[a:b] for a, b in break_lines(text, [1.0] * len(text), [width], hang=False)]
        assert "".join(lines) == text
        for before, after in itertools.pairwise(lines):
            assert after[0] not in NO_LINE_START and before[-1] not in NO_LINE_END, (width, before, after)
            assert not (before[-1] == after[0] and after[0] in INSEPARABLE), (width, before, after)
            assert len(before) <= width
        assert width < 5 or any("2023" in line for line in lines)  # a number is kept whole


@functools.cache
def pdf_lines(path) -> list[str]:
    """Each printed line of a PDF: the characters on one baseline, cut at the table
    rules crossing it, without the page numbers."""
    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            rules = [e for e in page.edges if e["orientation"] == "v"]
            rows: dict[int, list] = {}
            for ch in page.chars:
                if not ch["text"].isspace() and ch["top"] < page.height - 35 * MM:
                    rows.setdefault(round(ch["bottom"]), []).append(ch)
            for chars in rows.values():
                chars.sort(key=lambda c: c["x0"])
                middle = (chars[0]["top"] + chars[0]["bottom"]) / 2
                xs = [e["x0"] for e in rules if e["top"] <= middle <= e["bottom"]]
                cells: dict[int, str] = {}
                for c in chars:
                    cell = sum(x <= c["x0"] for x in xs)
                    cells[cell] = cells.get(cell, "") + c["text"]
                out.extend(cells.values())
    return out


def assert_kept_rules(path):
    lines = pdf_lines(path)
    bad = [x for x in lines if x[0] in NO_LINE_START or x[-1] in NO_LINE_END]
    assert not bad, (path.name, bad)
    split = [(a, b) for a, b in itertools.pairwise(lines) if a[-1] == b[0] and a[-1] in INSEPARABLE]
    assert not split, (path.name, split)
    return lines


def test_no_line_of_the_pdf_starts_or_ends_with_a_forbidden_mark(files):
    lines = assert_kept_rules(files / "r.pdf")
    assert sum(MARKS[:8] in line for line in lines) >= 10  # the built text is there, line after line


def test_no_line_of_the_sample_reports_pdfs_breaks_the_rules(tmp_path, samples_dir):
    """Sample 001's text is the paper report's (above); 002 is the 2019 format, and the
    imports of 000 and 003 ended lines with 《 and 〔."""
    imported = [import_file(next(samples_dir.glob(f"{n}_*.txt"))).report for n in ("000", "003")]
    for i, report in enumerate([sample_002(), *imported]):
        render_pdf(report, tmp_path / f"{i}.pdf")
        assert_kept_rules(tmp_path / f"{i}.pdf")


def test_no_cell_text_within_a_millimetre_of_a_rule(files):
    with pdfplumber.open(str(files / "r.pdf")) as pdf:
        closest = []
        for page in pdf.pages:
            rules = [e for e in page.edges if e["orientation"] == "v"]
            for ch in page.chars:
                xs = [e["x0"] for e in rules if e["top"] <= (ch["top"] + ch["bottom"]) / 2 <= e["bottom"]]
                if xs:
                    closest.append(min(min(abs(ch["x0"] - x), abs(ch["x1"] - x)) for x in xs))
    assert closest and min(closest) >= 1 * MM, min(closest) / MM


def test_docx_cells_have_word_s_margins(files):
    document = docx.Document(str(files / "r.docx"))
    narrow: list[int] = []
    for table in document.tables:
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        assert {edge: int(margins.find(qn(f"w:{edge}")).get(qn("w:w"))) for edge in ("left", "right")} == {
            "left": 108,
            "right": 108,
        }  # 0.19 cm
        narrow += [
            int(side.get(qn("w:w")))
            for mar in table._tbl.iter(qn("w:tcMar"))
            for side in mar
            if side.tag == qn("w:left")
        ]
    assert narrow and all(68 <= w < 108 for w in narrow)  # a narrow column's: at least 1.2 mm


def test_group_labels_break_where_a_reader_would(files):
    lines = pdf_lines(files / "r.pdf")
    assert "不予公开" in lines and "（三）" in lines and not any(x.startswith("（三）不") for x in lines)
    start = lines.index("三、")
    assert all(ch in lines[start:] for ch in "本年度办理结果")  # upright: one character a line
    assert not {"本年", "度办", "理结"} & set(lines)
    cells = {c.text for t in docx.Document(str(files / "r.docx")).tables for row in t.rows for c in row.cells}
    assert "（三）\n不予公开" in cells and "三、\n本\n年\n度\n办\n理\n结\n果" in cells
    html = (files / "r.html").read_text(encoding="utf-8")
    assert "（三）<br>不予公开" in html and "三、<br>本<br>年" in html


def test_docx_asks_word_for_the_chinese_line_breaking_rules(files):
    document = docx.Document(str(files / "r.docx"))
    settings = document.settings.element
    assert settings.find(qn("w:noLineBreaksBefore")).get(qn("w:val")) == NO_LINE_START
    assert settings.find(qn("w:noLineBreaksAfter")).get(qn("w:val")) == NO_LINE_END
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for name in ("kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN"):
        assert defaults.find(qn(f"w:{name}")).get(qn("w:val")) == "1", name

"""Real sizes: a county's or a department's 5- to 8-digit numbers print whole in PDF and
DOCX, a table taller than a page continues with its heading rows, and any number of
总体情况 sub-sections is numbered （一百）, （一百零一） … as headings are."""

from collections import Counter

import docx
import pdfplumber
import pypdf
import pytest
from docx.oxml.ns import qn

from app.checks import ERROR, check_report
from app.cnnum import int_to_chinese
from app.draft import save_draft
from app.export import render_docx, render_pdf
from app.layout import (
    HEADING2,
    NUMBER,
    TABLE,
    TABLE_WIDTH_EM,
    build_layout,
    number_width_em,
)
from app.report import Subsection
from tests.export_reports import county_report, report_2019, report_2021

MAKERS = {"2021": report_2021, "2019": report_2019}


def number_texts(layout) -> Counter:
    return Counter(c.text for b in layout.blocks if b.kind == TABLE for c in b.table.cells if c.role == NUMBER)


def table_of(layout, section: str):
    return next(b.table for b in layout.blocks if b.kind == TABLE and b.section == section)


@pytest.fixture(scope="module", params=["2021", "2019"])
def county(request, tmp_path_factory):
    report = county_report(MAKERS[request.param])
    folder = tmp_path_factory.mktemp("county")
    render_pdf(report, folder / "county.pdf")  # a LayoutError here was the bug
    render_docx(report, folder / "county.docx")
    return report, build_layout(report), folder


@pytest.fixture(scope="module")
def county_pdf(county):
    """Words (as pdfplumber separates them: a number broken over two lines is two words) and
    the text of each page."""
    with pdfplumber.open(county[2] / "county.pdf") as pdf:
        words = Counter(w["text"] for page in pdf.pages for w in page.extract_words())
        pages = [page.extract_text().replace("\n", "").replace(" ", "") for page in pdf.pages]
    return words, pages


def test_the_county_report_is_balanced_with_large_numbers(county):
    report, layout, _ = county
    assert [f for f in check_report(report) if f.severity == ERROR] == []
    lengths = {len(text) for text in number_texts(layout)}
    assert {5, 6, 7} <= lengths  # 5- and 6-digit inputs, 7-digit totals


def test_every_number_fits_its_column_in_the_layout(county):
    _, layout, _ = county
    for block in layout.blocks:
        if block.kind != TABLE:
            continue
        grid = block.table
        assert sum(grid.col_widths) == pytest.approx(1.0)
        room = TABLE_WIDTH_EM / grid.text_scale  # the width of the type area in ems of this table's text
        for cell in grid.cells:
            if cell.role == NUMBER:
                width = sum(grid.col_widths[cell.col : cell.col + cell.colspan]) * room
                assert number_width_em(cell.text) <= width + 1e-9, (grid.id, cell.text, width)


def test_ordinary_reports_keep_the_official_widths():
    for make in MAKERS.values():
        for block in build_layout(make()).blocks:
            if block.kind == TABLE:
                grid = block.table
                assert grid.text_scale == 1
                numbers = {round(w, 9) for c, w in enumerate(grid.col_widths) if c > 0}
                if grid.id != "s2":  # section three and four: equal number columns
                    label_depth = {"s3": 3, "s4": 0}[grid.section]
                    assert len({round(w, 9) for w in grid.col_widths[label_depth:]}) == 1, grid.id
                assert numbers


def test_every_number_is_read_back_whole_from_the_pdf(county, county_pdf):
    _, layout, _ = county
    words, _ = county_pdf
    expected = number_texts(layout)
    missing = expected - words
    assert not missing, f"numbers broken or missing in the PDF: {dict(missing)}"


def test_a_table_too_tall_for_a_page_repeats_its_heading_rows(county, county_pdf):
    report, _, _ = county
    _, pages = county_pdf
    first = next(i for i, text in enumerate(pages) if "（一）予以公开" in text)
    last = next(i for i, text in enumerate(pages) if "（七）总计" in text)
    assert last > first, "section three should not fit on one page with these numbers"
    table = report.format.table("s3")
    headers = {label for column in table.columns for label in column.label}
    for i in range(first, last + 1):
        # labels wrapped in their cells come out interleaved: compare characters
        assert not Counter("".join(headers)) - Counter(pages[i]), i
        assert "申请人情况" in pages[i] and "自然人" in pages[i] and "勾稽关系" in pages[i]


def test_every_number_is_read_back_whole_from_the_docx(county):
    _, layout, folder = county
    document = docx.Document(str(folder / "county.docx"))
    cells = Counter()
    for table in document.tables:
        for tc in table._tbl.iter(qn("w:tc")):
            cells["".join(t.text or "" for t in tc.iter(qn("w:t")))] += 1
    missing = number_texts(layout) - cells
    assert not missing, f"numbers missing from the DOCX cells: {dict(missing)}"
    # every heading row repeats on the next page; numbers never wrap inside their cell
    s3 = table_of(layout, "s3")
    word_s3 = next(t for t in document.tables if len(t._tbl.findall(qn("w:tr"))) == s3.n_rows)
    headers = [
        tr for tr in word_s3._tbl.findall(qn("w:tr")) if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    ]
    assert len(headers) == s3.header_rows
    assert all(
        tc.find(f"{qn('w:tcPr')}/{qn('w:noWrap')}") is not None
        for tc in word_s3._tbl.iter(qn("w:tc"))
        if "".join(t.text or "" for t in tc.iter(qn("w:t"))).isdigit()
    )


def test_numbers_too_wide_for_five_hao_set_the_table_smaller_in_both(county):
    # Section four has 15 number columns: 6- and 7-digit numbers do not fit at 五号.
    _, layout, folder = county
    grid = table_of(layout, "s4")
    assert 0.6 < grid.text_scale < 1
    document = docx.Document(str(folder / "county.docx"))
    word_s4 = next(
        t for t in document.tables if len(t._tbl.findall(qn("w:tr"))) == grid.n_rows and len(t.columns) == 15
    )
    sizes = {sz.get(qn("w:val")) for sz in word_s4._tbl.iter(qn("w:sz"))}
    assert sizes == {str(round(21 * grid.text_scale))}


# ---- 总体情况 with 100 and more sub-sections -------------------------------------------


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (115, "一百一十五"),
        (150, "一百五十"),
        (1000, "一千"),
        (1010, "一千零一十"),
        (10001, "一万零一"),
        (100000, "十万"),
        (10**8, "一亿"),
    ],
)
def test_chinese_numerals_as_headings_write_them(n, text):
    assert int_to_chinese(n) == text


def many_subsections(n: int):
    report = report_2021()
    report.s1 = [Subsection(f"工作事项{i}", f"第{i}项工作的情况。") for i in range(1, n + 1)]
    return report


@pytest.mark.parametrize("n", [100, 150])
def test_a_hundred_and_more_subsections_are_numbered(n):
    headings = [b.text for b in build_layout(many_subsections(n)).blocks if b.kind == HEADING2]
    assert headings[:2] == ["（一）工作事项1", "（二）工作事项2"]
    assert headings[98:101] == ["（九十九）工作事项99", "（一百）工作事项100", "（一百零一）工作事项101"][: n - 98]
    assert headings[-1] == f"（{int_to_chinese(n)}）工作事项{n}"


def test_a_hundred_and_fifty_subsections_export(tmp_path):
    report = many_subsections(150)
    render_docx(report, tmp_path / "r.docx")
    render_pdf(report, tmp_path / "r.pdf")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert {"（一百）工作事项100", "（一百一十）工作事项110", "（一百五十）工作事项150"} <= set(paragraphs)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(tmp_path / "r.pdf")).pages)
    text = text.replace("\n", "").replace(" ", "")
    assert "（一百）工作事项100" in text and "（一百一十）工作事项110" in text and "（一百五十）工作事项150" in text


def test_a_typed_long_number_is_not_doubled(tmp_path):
    report = many_subsections(101)
    report.s1[100].title = "（一百零一）工作事项101"
    headings = [b.text for b in build_layout(report).blocks if b.kind == HEADING2]
    assert headings[100] == "（一百零一）工作事项101"


def test_the_print_preview_of_a_hundred_subsections(make_window, tmp_path):
    path = tmp_path / "百项.nianbao"
    save_draft(many_subsections(100), path)
    window = make_window(path=path)
    dialog = window.preview()
    assert dialog is not None and dialog.page_count() >= 5
    dialog.close()


def test_the_web_copy_keeps_numbers_whole(county):
    from app.export.html import report_html_fragment

    report, layout, _ = county
    html = report_html_fragment(report)
    for text in number_texts(layout):
        assert f'white-space:nowrap;">{text}</td>' in html, text
    scale = table_of(layout, "s4").text_scale
    assert f"font-size:{scale:.0%};" in html


def test_one_large_number_widens_its_column_only():
    # a department with 13810 行政复议 and few other cases: the other columns stay as they were
    report = report_2021()
    report.set_value("s4.review.upheld", 13810)
    grid = table_of(build_layout(report), "s4")
    widths = [w * TABLE_WIDTH_EM for w in grid.col_widths]
    assert grid.text_scale == 1
    upheld, total = widths[0], widths[4]
    assert upheld == total >= number_width_em("13810")
    assert all(w == pytest.approx(widths[1]) for i, w in enumerate(widths) if i not in (0, 4))
    assert widths[1] > 2.6  # the rest share what is left equally, the headings still two characters a line

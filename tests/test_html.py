"""HTML for the website: parsed back, its tables must be the printed tables, cell for cell."""

import datetime as dt
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from app.export.html import render_html, report_html, report_html_fragment
from app.layout import build_layout
from app.report import Subsection, new_report
from tests.conftest import REPO


class Parsed(HTMLParser):
    """Tables as rows of (tag, rowspan, colspan, text); every tag and attribute seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.tags, self.attrs, self.texts = [], [], [], []
        self._cell = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = (tag, int(a.get("rowspan", 1)), int(a.get("colspan", 1)))
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append((*self._cell, "".join(self._text)))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._text.append(data)
        elif data.strip():
            self.texts.append(data)


def parse(text):
    p = Parsed()
    p.feed(text)
    p.close()
    return p


def occupancy(rows):
    """Place cells as a browser does (HTML table model): {(row, col): cell index}."""
    taken, placed = {}, []
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            for dr in range(cell[1]):
                for dc in range(cell[2]):
                    assert (r + dr, c + dc) not in taken, f"overlap at {(r + dr, c + dc)}"
                    taken[(r + dr, c + dc)] = len(placed)
            placed.append((r, c, cell))
            c += cell[2]
    return taken, placed


def busy_report(year=2023, template=None):
    report = new_report("甘坊镇人民政府", year, template)
    report.meta.report_date = dt.date(year + 1, 1, 10)
    report.s1 = [Subsection("主动公开情况", "共发布信息208条。\n第二段 <b>不是标签</b> & 5>3。"), Subsection("依申请公开情况", "未收到申请。")]
    report.s5 = "存在的问题。\n改进的措施。"
    report.s6 = "本年度未收取信息处理费。"
    report.set_value("s3.new.natural", 6)
    report.set_value("s3.open.natural", 6)
    report.set_value("s4.review.upheld", 1)
    report.set_value("s2.punishment.decisions", 74)
    return report


@pytest.mark.parametrize("year, template", [(2023, None), (2020, "2019")])
def test_tables_are_the_printed_grids(year, template):
    report = busy_report(year, template)
    parsed = parse(report_html(report))
    grids = [b.table for b in build_layout(report).blocks if b.table is not None]
    assert len(parsed.tables) == len(grids) == 3
    for rows, grid in zip(parsed.tables, grids):
        assert len(rows) == grid.n_rows
        taken, placed = occupancy(rows)
        # rectangular and fully covered, exactly as the print layout
        assert set(taken) == {(r, c) for r in range(grid.n_rows) for c in range(grid.n_cols)}
        assert len(placed) == len(grid.cells)
        for (r, c, (tag, rowspan, colspan, text)), cell in zip(placed, grid.cells):
            assert (r, c, rowspan, colspan, text) == (cell.row, cell.col, cell.rowspan, cell.colspan, cell.text)
            assert tag == ("th" if cell.role in ("header", "corner", "title") else "td")


def spans_of(rows, text):
    return [(rs, cs) for row in rows for (_, rs, cs, t) in row if t == text]


def test_known_merges_of_the_official_tables():
    parsed = parse(report_html(busy_report()))
    s2, s3, s4 = parsed.tables
    # section 3: the 办理结果 block spans all its result rows; 不予公开 its eight reasons
    assert spans_of(s3, "三、本年度办理结果") == [(22, 1)]
    assert spans_of(s3, "（三）不予公开") == [(8, 1)]
    assert spans_of(s3, "（四）无法提供") == [(3, 1)]
    assert spans_of(s3, "（一）予以公开") == [(1, 2)]
    assert spans_of(s3, "一、本年新收政府信息公开申请数量") == [(1, 3)]
    assert spans_of(s3, "法人或其他组织") == [(1, 5)]
    assert spans_of(s3, "自然人") == [(2, 1)]
    # section 4: 行政复议 over five columns, 行政诉讼 over ten
    assert spans_of(s4, "行政复议") == [(1, 5)]
    assert spans_of(s4, "行政诉讼") == [(1, 10)]
    assert spans_of(s4, "未经复议直接起诉") == [(1, 5)]
    assert spans_of(s4, "结果维持") == [(2, 1), (1, 1), (1, 1)]
    # section 2: each sub-table title across the table
    assert spans_of(s2, "第二十条第（一）项") == [(1, 4)]


@pytest.mark.parametrize("year, template", [(2023, None), (2020, "2019")])
def test_every_label_and_text_is_present(year, template):
    report = busy_report(year, template)
    parsed = parse(report_html(report))
    cell_texts = {t for rows in parsed.tables for row in rows for (_, _, _, t) in row}
    fmt = report.format
    for table in fmt.tables:
        for row in table.rows:
            assert set(row.label) <= cell_texts, row.label
        for column in table.columns:
            assert set(column.label) <= cell_texts, column.label
        if table.title:
            assert table.title in cell_texts
        if table.corner:
            assert table.corner in cell_texts
    texts = parsed.texts
    for section in fmt.sections:
        assert section.heading in texts
    assert report.title in texts
    assert "（一）主动公开情况" in texts and "（二）依申请公开情况" in texts
    assert "第二段 <b>不是标签</b> & 5>3。" in texts  # escaped, read back verbatim
    assert "改进的措施。" in texts and "甘坊镇人民政府" in texts and f"{year + 1}年1月10日" in texts
    assert "74" in cell_texts


def test_clean_markup_without_scripts_or_classes():
    report = busy_report()
    report.meta.organ = '<script>alert("x")</script>镇'
    report.s5 = '<img src=x onerror="alert(1)"> <a href="javascript:1">点</a>'
    page = report_html(report)
    parsed = parse(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "a" not in parsed.tags
    names = {name for name, _ in parsed.attrs}
    assert names <= {"border", "cellspacing", "cellpadding", "width", "style", "rowspan", "colspan", "lang", "charset"}
    assert not any(name.startswith("on") for name in names)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert report.s5 in parsed.texts and report.title in parsed.texts
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_fragment_is_the_body_for_pasting():
    report = busy_report()
    fragment = report_html_fragment(report)
    assert "<html" not in fragment and "<body" not in fragment
    assert fragment in report_html(report)
    assert fragment.count("<table") == 3


def test_render_html_writes_utf8_file(tmp_path):
    report = busy_report()
    out = tmp_path / "年报.html"
    render_html(report, out)
    assert out.read_text(encoding="utf-8") == report_html(report)


def test_cli_export_html(tmp_path):
    from app.draft import save_draft

    save_draft(busy_report(), tmp_path / "d.nianbao")
    out = tmp_path / "网页.html"
    result = subprocess.run([sys.executable, "-m", "app", "export", str(tmp_path / "d.nianbao"), "--html", str(out)],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    parsed = parse(out.read_text(encoding="utf-8"))
    assert len(parsed.tables) == 3 and "一、总体情况" in parsed.texts

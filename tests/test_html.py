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
            self.texts.append(data.lstrip("\u3000"))  # the first-line indent is checked on its own


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
    report.s1 = [
        Subsection("主动公开情况", "共发布信息208条。\n第二段 <b>不是标签</b> & 5>3。"),
        Subsection("依申请公开情况", "未收到申请。"),
    ]
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
    assert names <= {
        "border",
        "cellspacing",
        "cellpadding",
        "width",
        "align",
        "style",
        "rowspan",
        "colspan",
        "lang",
        "charset",
    }
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
    result = subprocess.run(
        [sys.executable, "-m", "app", "export", str(tmp_path / "d.nianbao"), "--html", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    parsed = parse(out.read_text(encoding="utf-8"))
    assert len(parsed.tables) == 3 and "一、总体情况" in parsed.texts


# ---------------------------------------------------------------------------
# What survives the sites' editors (issue 19; measured by bench/editors_paste.py)


class Blocks(HTMLParser):
    """Every element outside tables, and every table cell, as (tag, attrs, text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.cols = [], []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "col":
            self.cols.append(dict(attrs))
        elif tag in ("h2", "h3", "h4", "p", "td", "th"):
            self._open = (tag, dict(attrs), [])

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.elements.append((tag, self._open[1], "".join(self._open[2])))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)


def elements(report):
    p = Blocks()
    p.feed(report_html_fragment(report))
    return p


def test_first_line_indent_is_two_ideographic_spaces_not_a_style():
    report = busy_report()
    html = report_html_fragment(report)
    assert "text-indent" not in html  # an editor keeping it as well would indent four characters
    layout = build_layout(report)
    indented = [b.text for b in layout.blocks if b.kind in ("paragraph", "heading1", "heading2")]
    texts = [text for tag, _, text in elements(report).elements if tag in ("p", "h3", "h4")]
    assert [t for t in texts if t.startswith("\u3000\u3000")] == ["\u3000\u3000" + t for t in indented]
    assert not any(t.startswith("\u3000\u3000\u3000") for t in texts)  # a typed indent is not doubled


def test_centring_and_the_right_aligned_signature_carry_align_attributes():
    report = busy_report()
    found = elements(report).elements
    title, *_ = found
    assert title[0] == "h2" and title[1]["align"] == "center" and "text-align:center" in title[1]["style"]
    signature, date = [(a, t) for tag, a, t in found if tag == "p"][-2:]
    assert signature[1] == "甘坊镇人民政府" and date[1] == "2024年1月10日"
    for attrs, _ in (signature, date):
        assert attrs["align"] == "right" and "text-align:right" in attrs["style"]
    grids = [b.table for b in build_layout(report).blocks if b.table is not None]
    cells = [(tag, attrs) for tag, attrs, _ in found if tag in ("td", "th")]
    roles = [c.role if not c.lines else "upright" for g in grids for c in g.cells]
    assert len(cells) == len(roles) and "upright" in roles  # 三、本年度办理结果 is set vertically
    for (tag, attrs), role in zip(cells, roles):
        if role in ("number", "header", "corner", "upright"):
            assert attrs["align"] == "center" and "text-align:center" in attrs["style"], (tag, attrs)
        else:  # left is the default; no align keeps CKEditor 5 from wrapping these in <p>
            assert "align" not in attrs and "text-align:left" in attrs["style"]


def test_column_widths_as_attributes_on_cols_and_cells():
    report = busy_report()
    parsed = elements(report)
    grids = [b.table for b in build_layout(report).blocks if b.table is not None]
    assert len(parsed.cols) == sum(g.n_cols for g in grids)
    for col in parsed.cols:
        assert col["width"].endswith("%") and f"width:{col['width']};" == col["style"]
    widths = [float(c["width"].rstrip("%")) for c in parsed.cols]
    cells = [attrs for tag, attrs, _ in parsed.elements if tag in ("td", "th")]
    grid_cells = [(g, c) for g in grids for c in g.cells]
    assert len(cells) == len(grid_cells)
    start, first_cell = 0, 0
    for grid in grids:
        cols = widths[start : start + grid.n_cols]
        assert sum(cols) == pytest.approx(100)  # rounded to tenths, still adding up to the page width
        assert cols == pytest.approx([100 * w for w in grid.col_widths], abs=0.1)
        sized = set()
        for attrs, cell in zip(cells[first_cell:], grid.cells):
            if cell.colspan == 1:  # a single-column cell carries its column's width
                assert float(attrs["width"].rstrip("%")) == cols[cell.col]
                sized.add(cell.col)
            else:  # a merged one none (wangEditor 5 would take it for its first column's)
                assert "width" not in attrs
        assert sized == set(range(grid.n_cols))  # every column's width is on some cell
        start += grid.n_cols
        first_cell += len(grid.cells)


def test_tags_stripped_leave_a_row_a_line_with_tabs_so_numbers_never_run_together():
    """KindEditor's plain-text paste removes the tags and keeps the source's whitespace."""
    import re

    report = busy_report()
    report.set_value("s3.new.natural", 42)
    report.set_value("s3.new.business", 7)
    html = report_html_fragment(report)
    stripped = [line for line in re.sub(r"<[^>]+>", "", html).split("\n") if line.strip()]
    grids = [b.table for b in build_layout(report).blocks if b.table is not None]
    rows = [[c.text for c in sorted(cells, key=lambda c: c.col)] for g in grids for cells in g.rows()]
    outside = (report.title, "甘坊镇人民政府", "2024年1月10日")
    table_lines = [line for line in stripped if not line.startswith("\u3000") and line not in outside]
    assert [line.split("\t") for line in table_lines] == [row for row in rows if any(row)]
    assert "一、本年新收政府信息公开申请数量\t42\t7\t0\t0\t0\t0\t49" in table_lines
    assert "4270000049" not in "".join(stripped)  # what ran together before


def test_plain_text_is_tab_separated_rows_with_blank_lines_between_blocks():
    from app.export.plaintext import report_text

    report = busy_report()
    report.set_value("s3.new.natural", 42)
    text = report_text(report)
    layout = build_layout(report)
    blocks = text.rstrip("\n").split("\n\n")
    # the signature and date share a block; every other layout block is one
    assert len(blocks) == len(layout.blocks) - 1
    assert blocks[0] == report.title and blocks[-1] == "甘坊镇人民政府\n2024年1月10日"
    assert "\u3000\u3000共发布信息208条。" in blocks and "\u3000\u3000一、总体情况" in blocks
    grids = [b.table for b in layout.blocks if b.table is not None]
    tables = [b for b in blocks if "\t" in b]
    assert len(tables) == len(grids) == 3
    for block, grid in zip(tables, grids):
        rows = [line.split("\t") for line in block.split("\n")]
        assert len(rows) == grid.n_rows and {len(r) for r in rows} == {grid.n_cols}
        for r in range(grid.n_rows):
            for c in range(grid.n_cols):
                cell = grid.at(r, c)
                assert rows[r][c] == (cell.text if cell else ""), (r, c)
    row = next(line for line in text.split("\n") if line.startswith("一、本年新收"))
    assert row.split("\t")[3:] == ["42", "0", "0", "0", "0", "0", "42"]
    assert "<" not in text.replace("<b>", "").replace("</b>", "").replace(
        "5>3", ""
    )  # no markup, the clerk's text verbatim


def test_the_editor_bench_checker_reads_our_own_markup_as_fully_kept():
    """bench/editors_paste.py judges the editors' output; unpasted, ours must pass every check
    and the old run-together plain text must be caught (the checker itself can fail)."""
    from app.export.plaintext import report_text
    from bench.editors_paste import analyse

    report = busy_report()
    report.set_value("s3.new.business", 7)
    layout = build_layout(report)
    result = analyse(report_html_fragment(report), layout, plain=False)
    n_numbers = sum(1 for b in layout.blocks if b.table for c in b.table.cells if c.role == "number")
    n_indented = sum(1 for b in layout.blocks if b.kind in ("paragraph", "heading1", "heading2"))
    n_th = sum(1 for b in layout.blocks if b.table for c in b.table.cells if c.role in ("header", "corner", "title"))
    assert result == {
        "tables": "3/3",
        "numbers": f"{n_numbers}/{n_numbers}",
        "th": f"{n_th}/{n_th}",
        "indent": f"{n_indented}/{n_indented}",
        "centre": f"title yes, numbers {n_numbers}/{n_numbers}",
        "right": "2/2",
        "widths": "3/3",
        "border": "3/3",
        "levels": "h2/h3/h4",
    }
    assert analyse(report_text(report), layout, plain=True)["run"] == "0"
    run_together = report_text(report).replace("\t", "")
    assert int(analyse(run_together, layout, plain=True)["run"]) > 0

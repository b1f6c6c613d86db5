"""The shared layout: block order, labels from the format, merges from label paths."""

import datetime as dt

import pytest

from app.cnnum import int_to_chinese
from app.formats import get_format
from app.layout import (
    CORNER,
    DATE,
    HEADER,
    HEADING1,
    HEADING2,
    LABEL,
    NUMBER,
    SIGNATURE,
    TABLE,
    TABLE_TITLE,
    TITLE,
    build_layout,
    date_text,
    sanitize_text,
    split_paragraphs,
    title_lines,
)
from app.report import Subsection
from tests.export_reports import report_2019, report_2021


def grids(layout):
    return {b.table.id: b.table for b in layout.blocks if b.kind == TABLE}


def cell_with_text(grid, text):
    return next(c for c in grid.cells if c.text == text)


@pytest.mark.parametrize("make", [report_2021, report_2019])
def test_blocks_in_format_order(make):
    report = make()
    layout = build_layout(report)
    kinds = [b.kind for b in layout.blocks]
    assert kinds[0] == TITLE and kinds[-2:] == [SIGNATURE, DATE]
    headings = [b.text for b in layout.blocks if b.kind == HEADING1]
    assert headings == [s.heading for s in report.format.sections]
    subs = [b.text for b in layout.blocks if b.kind == HEADING2]
    assert subs == [f"（{int_to_chinese(i)}）{s.title}" for i, s in enumerate(report.s1, 1)]
    assert layout.date == date_text(report.meta.report_date)


def test_date_without_leading_zeros():
    assert date_text(dt.date(2024, 1, 10)) == "2024年1月10日"
    assert date_text(dt.date(2021, 11, 5)) == "2021年11月5日"


def test_subsection_numbers_are_not_doubled():
    report = report_2021()
    report.s1 = [Subsection("（一）主动公开情况", "正文"), Subsection("二、依申请公开", "")]
    subs = [b.text for b in build_layout(report).blocks if b.kind == HEADING2]
    assert subs == ["（一）主动公开情况", "（二）依申请公开"]


def test_paragraphs_split_on_newlines_and_typed_indents_removed():
    assert split_paragraphs("　　第一段\r\n\n  第二段\r第三段\n") == ["第一段", "第二段", "第三段"]


def test_sanitize_removes_xml_illegal_characters():
    dirty = "a\x00b\x08c\x0bd\x0ce\x1ff\ufffeg\uffffh\ud800i\x7fj\x85k\tl\nm"
    assert sanitize_text(dirty) == "abcdefghijk l\nm"


def test_long_title_breaks_after_the_organ():
    assert title_lines("轵城镇人民政府2023年政府信息公开工作年度报告", "轵城镇人民政府") == (
        "轵城镇人民政府",
        "2023年政府信息公开工作年度报告",
    )
    assert title_lines("某镇2023年政府信息公开工作年度报告", "某镇") == ("某镇2023年政府信息公开工作年度报告",)


def test_section_three_merges_follow_label_paths():
    report = report_2021()
    grid = grids(build_layout(report))["s3"]
    fmt = report.format
    table = fmt.table("s3")
    assert grid.header_rows == 3 and grid.n_cols == 3 + len(table.columns)
    corner = grid.at(0, 0)
    assert corner.role == CORNER and corner.text == table.corner and (corner.rowspan, corner.colspan) == (3, 3)
    applicant = cell_with_text(grid, "申请人情况")
    assert (applicant.row, applicant.col, applicant.colspan) == (0, 3, 7)
    natural = cell_with_text(grid, "自然人")
    assert (natural.row, natural.rowspan) == (1, 2)  # a shorter path spans down to the end
    org = cell_with_text(grid, "法人或其他组织")
    assert (org.row, org.col, org.colspan) == (1, 4, 5)
    results = cell_with_text(grid, "三、本年度办理结果")
    result_rows = [r for r in table.rows if r.label[0] == "三、本年度办理结果"]
    assert results.role == LABEL and results.rowspan == len(result_rows) and results.colspan == 1
    deny = cell_with_text(grid, "（三）不予公开")
    assert deny.rowspan == 8
    new = cell_with_text(grid, "一、本年新收政府信息公开申请数量")
    assert (new.col, new.colspan) == (0, 3)  # rightwards to the end
    total = cell_with_text(grid, "（七）总计")
    assert (total.col, total.colspan) == (1, 2)
    # every grid position is covered exactly once
    covered = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                assert (r, k) not in covered
                covered[(r, k)] = c
    assert len(covered) == grid.n_rows * grid.n_cols


def test_numbers_and_totals_filled_in():
    report = report_2021()
    layout = build_layout(report)
    numbers = {c.key: c.text for g in grids(layout).values() for c in g.cells if c.role == NUMBER}
    assert set(numbers) == set(report.format.cells)
    assert numbers["s2.punishment.decisions"] == "74"
    assert numbers["s3.new.total"] == "6" and numbers["s3.result_total.total"] == "6"
    assert numbers["s3.result_total.natural"] == "6"


def test_section_four_three_header_rows_one_data_row():
    grid = grids(build_layout(report_2021()))["s4"]
    assert (grid.header_rows, grid.n_rows, grid.n_cols) == (3, 4, 15)
    review = cell_with_text(grid, "行政复议")
    assert (review.row, review.col, review.colspan, review.rowspan) == (0, 0, 5, 1)
    suit = cell_with_text(grid, "行政诉讼")
    assert (suit.col, suit.colspan) == (5, 10)
    direct = cell_with_text(grid, "未经复议直接起诉")
    assert (direct.row, direct.col, direct.colspan) == (1, 5, 5)
    upheld = [c for c in grid.cells if c.text == "结果维持"]
    assert [(c.row, c.col, c.rowspan) for c in upheld] == [(1, 0, 2), (2, 5, 1), (2, 10, 1)]
    assert [c.key for c in grid.cells if c.row == 3] == [
        f"s4.{col.key}" for col in get_format("2021").table("s4").columns
    ]


@pytest.mark.parametrize("make", [report_2021, report_2019])
def test_section_two_stacked_like_the_official_format(make):
    report = make()
    grid = grids(build_layout(report))["s2"]
    tables = report.format.section("s2").tables
    assert grid.n_cols == 1 + max(len(t.columns) for t in tables)
    titles = [c for c in grid.cells if c.role == TABLE_TITLE]
    assert [c.text for c in titles] == [t.title for t in tables]
    assert all(c.colspan == grid.n_cols for c in titles)
    for title, table in zip(titles, tables):
        header = grid.rows()[title.row + 1]
        assert header[0].role == CORNER and header[0].text == "信息内容"
        assert [c.text for c in header[1:]] == [c.label[-1] for c in table.columns]
        assert header[-1].col + header[-1].colspan == grid.n_cols  # the last column spans the rest
        assert all(c.role == HEADER for c in header[1:])
    assert sum(grid.col_widths) == pytest.approx(1.0)

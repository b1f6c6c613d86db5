"""The format definitions match report-format.md: keys, labels, kinds, totals."""

import pytest

from app.formats import COUNT, MONEY, SIGNED, all_formats, format_for_year, get_format

S3_ROWS_COMMON = [
    "new",
    "carried_in",
    "open",
    "partial",
    "deny_secret",
    "deny_law",
    "deny_safety",
    "deny_third_party",
    "deny_internal",
    "deny_process",
    "deny_case_file",
    "deny_query",
    "unable_no_info",
    "unable_need_create",
    "unable_unclear",
    "reject_petition",
    "reject_repeat",
    "reject_publication",
    "reject_massive",
    "reject_confirm",
]
S3_COLUMNS = ["natural", "business", "research", "nonprofit", "legal", "other", "total"]


def test_both_formats_load():
    assert set(all_formats()) == {"2021", "2019"}


@pytest.mark.parametrize(
    "fid, other_rows",
    [("2021", ["other_no_correction", "other_no_fee", "other_other"]), ("2019", ["other"])],
)
def test_section_three_rows_and_columns(fid, other_rows):
    table = get_format(fid).table("s3")
    assert [r.key for r in table.rows] == S3_ROWS_COMMON + other_rows + ["result_total", "carried_out"]
    assert [c.key for c in table.columns] == S3_COLUMNS
    assert table.corner == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert table.row("deny_safety").label[-1] == "3.危及“三安全一稳定”"
    assert table.row("partial").label[-1] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def test_cell_counts_and_kinds():
    f21, f19 = get_format("2021"), get_format("2019")
    assert len(f21.cells) == 10 + 25 * 7 + 15
    assert len(f19.cells) == (6 + 6 + 6 + 2 + 2) + 23 * 7 + 15
    assert f21.cells["s2.fee.amount"].kind == MONEY
    assert f19.cells["s2.procurement.amount"].kind == MONEY
    assert f19.cells["s2.license.delta"].kind == SIGNED
    assert f21.cells["s3.new.natural"].kind == COUNT
    assert "s2.procurement.amount" not in f21.cells
    assert "s3.other_other.natural" not in f19.cells and "s3.other.natural" in f19.cells


def test_totals_are_computed_from_their_parts():
    fmt = get_format("2021")
    assert fmt.cells["s3.new.total"].parts == tuple(f"s3.new.{c}" for c in S3_COLUMNS[:-1])
    assert len(fmt.cells["s3.result_total.legal"].parts) == 21
    assert fmt.cells["s4.review.total"].parts == tuple(
        f"s4.review.{c}" for c in ("upheld", "corrected", "other", "pending")
    )
    assert not fmt.cells["s3.carried_out.legal"].computed
    # every dependent of an input cell is a computed cell that (transitively) sums it
    assert fmt.dependents["s3.open.legal"] == ("s3.open.total", "s3.result_total.legal", "s3.result_total.total")


def test_format_by_year():
    assert format_for_year(2019).id == "2019"
    assert format_for_year(2020).id == "2019"
    assert format_for_year(2021).id == "2021"
    assert format_for_year(2026).id == "2021"


def test_sections_in_order_with_official_headings():
    headings = [s.heading for s in get_format("2021").sections]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]

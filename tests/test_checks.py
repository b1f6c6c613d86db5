import datetime as dt

from hypothesis import given, settings, strategies as st

from app.checks import ERROR, WARNING, CheckSettings, check_report
from app.report import Contact, default_intro, new_report
from tests.sample_reports import sample_001, sample_002
from tests.strategies import balanced_reports


def errors(report, **kw):
    return [f for f in check_report(report, **kw) if f.severity == ERROR]


@given(balanced_reports())
@settings(max_examples=60, deadline=None)
def test_balanced_reports_have_no_error(report):
    assert errors(report) == []


@given(balanced_reports(), st.data())
@settings(max_examples=60, deadline=None)
def test_one_changed_input_cell_flags_exactly_its_column(report, data):
    fmt = report.format
    s3_inputs = [k for k in fmt.input_keys if k.startswith("s3.")]
    key = data.draw(st.sampled_from(s3_inputs))
    delta = data.draw(st.sampled_from([1, 2, 7]))
    report.set_value(key, report.value(key) + delta)
    found = errors(report)
    column = key.rsplit(".", 1)[1]
    assert len(found) == 1
    assert found[0].rule == "s3.balance"
    assert {c.rsplit(".", 1)[1] for c in found[0].cells} == {column}
    assert key in found[0].cells or fmt.cells[key].row.key not in ("new", "carried_in", "carried_out")
    assert f"相差{delta}" in found[0].message


def test_balance_message_states_both_sides_and_difference():
    report = sample_001()
    report.set_value("s3.new.legal", 5)
    report.set_value("s3.open.legal", 4)
    (finding,) = errors(report)
    assert finding.message == "法律服务机构列：一+二=5，三（七）+四=4，相差1"
    assert set(finding.cells) == {
        "s3.new.legal",
        "s3.carried_in.legal",
        "s3.result_total.legal",
        "s3.carried_out.legal",
    }
    assert finding.section == "s3"


def test_samples_check_clean():
    for report in (sample_001(), sample_002()):
        assert check_report(report) == [], report.title
    assert sample_001().value("s3.result_total.total") == 6
    assert str(sample_002().value("s2.procurement.amount")) == "2406.2243"


def test_township_regulation_warning_only_for_townships():
    report = new_report("甘坊镇人民政府", 2023)
    report.set_value("s2.regulation.issued", 1)
    rules = [f.rule for f in check_report(report)]
    assert "s2.township-regulation" in rules
    report.meta.organ = "某县司法局"
    assert "s2.township-regulation" not in [f.rule for f in check_report(report)]
    assert "s2.township-regulation" in [f.rule for f in check_report(report, settings=CheckSettings(township=True))]


def test_format_year_mismatch_both_ways():
    assert "meta.format-year" in [f.rule for f in check_report(new_report("甘坊镇人民政府", 2023, "2019"))]
    assert "meta.format-year" in [f.rule for f in check_report(new_report("甘坊镇人民政府", 2020, "2021"))]
    assert "meta.format-year" not in [f.rule for f in check_report(new_report("甘坊镇人民政府", 2020, "2019"))]


def test_2019_item_and_publication_checks():
    report = new_report("九皋镇人民政府", 2020, "2019")
    report.set_value("s2.license.prev_items", 3)
    report.set_value("s2.license.delta", -5)
    report.set_value("s2.normative.published", 4)
    report.set_value("s2.normative.total_public", 2)
    found = {f.rule: f for f in check_report(report)}
    assert found["s2.items-negative"].message == "行政许可：上一年项目数量3+本年增/减-5=-2，本年项目数量不能为负数"
    assert "相差2" in found["s2.published-exceeds-total"].message
    assert found["s2.items-negative"].severity == WARNING


def test_dates_title_and_preamble():
    report = sample_001()
    report.meta.report_date = dt.date(2024, 2, 5)
    report.meta.title = "轵城镇2023年政务公开工作总结"
    report.intro = report.intro.replace("〔2021〕30号", "〔2019〕60号").replace("2023年1月1日", "2022年1月1日")
    rules = {f.rule for f in check_report(report)}
    assert {"meta.date-late", "meta.title-kind", "intro.notice", "intro.period"} <= rules
    assert "meta.date-late" not in {f.rule for f in check_report(report, settings=CheckSettings(deadline=(2, 28)))}


def test_section_five_and_six_text_checks():
    report = sample_001()
    report.s5 = "无"
    report.s6 = "无其他需要报告的事项。"
    rules = {f.rule: f for f in check_report(report)}
    assert rules["s5.too-short"].field == "s5"
    assert "s6.fee-statement" in rules
    assert "s6.fee-statement" not in {f.rule for f in check_report(sample_002())}  # 2019 asks no fee statement


def test_carry_over_against_last_year():
    last = sample_001()
    last.set_value("s3.carried_out.natural", 2)
    last.set_value("s3.new.natural", 8)
    last.set_value("s2.normative.in_force", 10)
    this = new_report("轵城镇人民政府", 2024, "2021")
    this.set_value("s3.carried_in.natural", 1)
    this.set_value("s2.normative.issued", 2)
    this.set_value("s2.normative.in_force", 11)
    found = {f.rule: f for f in check_report(this, previous=last)}
    assert (
        found["s3.carry-over"].message == "自然人列：本年“二、上年结转”为1，上年报告“四、结转下年度继续办理”为2，相差1"
    )
    assert "应为12" in found["s2.in-force-carry"].message


def test_empty_subsection_bodies_are_named():
    report = sample_001()
    report.s1[1].body = "  "
    (finding,) = [f for f in check_report(report) if f.rule == "s1.empty-subsection"]
    assert finding.field == "s1.1" and "依申请公开情况" in finding.message
    report.s1 = []
    assert [f.field for f in check_report(report) if f.rule == "s1.empty-subsection"] == ["s1"]


def test_preamble_placeholders_for_missing_contact_are_named():
    report = new_report("甘坊镇人民政府", 2023)  # no address or phone yet: the preamble says （地址）
    found = {f.rule: f for f in check_report(report)}["intro.placeholder"]
    assert "“（地址）”、“（电话）”" in found.message and found.field == "intro"
    report.meta.contact = Contact(department="甘坊镇党政办公室", address="甘坊镇人民路1号", phone="0797-1234567")
    report.intro = default_intro(report.format, report.meta)
    assert "intro.placeholder" not in {f.rule for f in check_report(report)}
    report.intro = report.intro.replace("0797-1234567", "（电话）")  # typed back in by hand
    assert "“（电话）”：" in {f.rule: f for f in check_report(report)}["intro.placeholder"].message

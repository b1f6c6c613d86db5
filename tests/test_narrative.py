"""Numbers in the narrative: sum statements and counts compared with the tables, on real text."""

import pytest

from app.checks import check_report
from app.cnnum import chinese_to_int, find_counts
from app.narrative import sum_problems, sum_statements, table_statements, text_fields
from app.report import new_report
from tests.samples_text import report_from_sample

# Every sum statement of the five published samples, as read by hand:
# (total, unit, parts in order)
SAMPLE_SUMS = {
    "000": [(208, "条", [1, 0, 136, 2, 8, 3, 3, 2, 4, 2, 3, 5, 11, 4, 4, 8, 1, 11, 1])],  # parts add up to 209
    "001": [(2320, "条", [625, 1695])],
    "002": [],
    "003": [(243, "次", [142, 5, 2, 10, 12, 60, 12])],
    "004": [],
}
# Every statement about applications, reviews and lawsuits: (kind, value, negated)
SAMPLE_TABLE_STATEMENTS = {
    # 依申请公开0条（本年度未收到依申请公开）; 共收到依申请件0件
    "000": [("applications", 0, True), ("applications", 0, False)],
    "001": [("applications", 6, False), ("review", 0, True), ("lawsuit", 0, True)],
    "002": [],
    "003": [],
    "004": [],
}
YEARS = {"000": 2023, "001": 2023, "002": 2020, "003": 2023, "004": 2023}
TEMPLATES = {"002": "2019", "004": "2019"}


def sample(samples_dir, prefix):
    (path,) = samples_dir.glob(f"{prefix}_*.txt")
    return path


@pytest.mark.parametrize("prefix", sorted(SAMPLE_SUMS))
def test_every_sum_statement_of_the_samples_whole_text(samples_dir, prefix):
    # the whole published text, tables included: table figures, dates, phone numbers
    # and document numbers must not turn into sums
    text = sample(samples_dir, prefix).read_text(encoding="utf-8")
    found = [(s.total.value, s.total.unit, [p.value for p in s.parts]) for s in sum_statements(text)]
    assert found == SAMPLE_SUMS[prefix]
    problems = [(s.total.value, s.parts_sum) for s in sum_problems(text)]
    assert problems == ([(208, 209)] if prefix == "000" else [])


@pytest.mark.parametrize("prefix", sorted(SAMPLE_TABLE_STATEMENTS))
def test_every_table_statement_of_the_samples_whole_text(samples_dir, prefix):
    text = sample(samples_dir, prefix).read_text(encoding="utf-8")
    found = [(s.kind, s.value, s.negated) for s in table_statements(text, year=YEARS[prefix])]
    assert found == SAMPLE_TABLE_STATEMENTS[prefix]


def sample_report(samples_dir, prefix):
    return report_from_sample(sample(samples_dir, prefix), YEARS[prefix], TEMPLATES.get(prefix))


def text_findings(report, previous=None):
    return [f for f in check_report(report, previous=previous) if f.rule.startswith("text.")]


def test_sample_000_slip_208_209_found_in_the_right_place(samples_dir):
    report = sample_report(samples_dir, "000")
    (finding,) = text_findings(report)
    assert finding.rule == "text.sum" and finding.severity == "warning"
    assert "相加为209条" in finding.message and "总数208条" in finding.message and "相差1条" in finding.message
    assert "共发布公开信息208条" in finding.message
    tf = next(t for t in text_fields(report) if t.field == finding.field)
    assert finding.section == "s1" and tf.title == "主动公开情况"
    assert "共发布公开信息208条" in tf.text


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_no_false_alarm_on_the_other_samples(samples_dir, prefix):
    report = sample_report(samples_dir, prefix)
    if prefix == "001":  # the table of 001 as published: 6 applications, all answered
        report.set_value("s3.new.natural", 6)
        report.set_value("s3.open.natural", 6)
    assert text_findings(report) == []


def test_001_text_against_a_table_that_disagrees(samples_dir):
    report = sample_report(samples_dir, "001")
    report.set_value("s3.new.natural", 5)
    report.set_value("s3.open.natural", 5)
    report.set_value("s4.review.upheld", 1)
    found = {f.rule: f for f in text_findings(report)}
    assert set(found) == {"text.applications", "text.review"}
    apps = found["text.applications"]
    assert "收到 6 个依申请公开" in apps.message and "（6）" in apps.message
    assert "一、本年新收政府信息公开申请数量" in apps.message and "为5" in apps.message and "相差1" in apps.message
    assert apps.cells == ("s3.new.total",) and apps.section == "s1"
    assert report.s1[int(apps.field.split(".")[1])].title == "依申请公开情况"
    review = found["text.review"]
    assert "未收到行政复议和行政诉讼" in review.message and "“行政复议”的总计为1" in review.message
    assert review.cells == ("s4.review.total",)


def test_000_says_no_applications_but_table_has_some(samples_dir):
    report = sample_report(samples_dir, "000")
    report.set_value("s3.new.business", 2)
    report.set_value("s3.carried_out.business", 2)
    apps = [f for f in text_findings(report) if f.rule == "text.applications"]
    assert len(apps) == 2
    assert "“本年度未收到依申请公开”" in apps[0].message and apps[0].field == "s1.1"
    assert "“共收到依申请件0件”（0）" in apps[1].message and apps[1].field == "s1.2"
    assert all("总计为2" in f.message for f in apps)


def report_with(text, **cells):
    report = new_report("甘坊镇人民政府", 2023)
    report.s1[1].body = text
    for key, value in cells.items():
        report.set_value(key.replace("__", "."), value)
    return report


def test_chinese_numerals():
    assert [chinese_to_int(x) for x in ("六", "十二", "一百零五", "两", "二十", "一千零一", "三万五千")] == [
        6,
        12,
        105,
        2,
        20,
        1001,
        35000,
    ]
    text = "全年共发布信息一百零五条，其中政策文件五十条、工作动态五十五条。收到政府信息公开申请两件。"
    (st,) = sum_statements(text)
    assert (st.total.value, st.parts_sum) == (105, 105)
    assert [(s.kind, s.value) for s in table_statements(text)] == [("applications", 2)]


def test_chinese_numeral_sum_that_does_not_add_up():
    text = "本年共收到政府信息公开申请十二件，其中予以公开六件，部分公开两件，不予公开三件。"
    (st,) = sum_problems(text)
    assert (st.total.value, st.parts_sum) == (12, 11)


def test_things_that_are_not_counts():
    text = (
        "截至2023年12月31日，根据奉府办字〔2023〕3号文件，电话0795-4649001，公开率100%，"
        "第一责任人，一是加强领导，二是完善制度，进一步统一规范，一次性补贴，3个工作日内。配备信息员1人。"
    )
    assert [(c.value, c.unit) for c in find_counts(text)] == [(1, "人")]


def test_no_sum_from_dates_phones_document_numbers():
    text = (
        "截至2023年12月31日，共发布信息10条，其中政策文件（奉府办字〔2023〕3号等）6条、"
        "工作动态4条，公开率100%，咨询电话0795-4649001，配备专职信息员1人。"
    )
    (st,) = sum_statements(text)
    assert (st.total.value, [p.value for p in st.parts]) == (10, [6, 4])
    assert sum_problems(text) == ()


def test_partial_listings_and_approximate_figures_are_not_sums():
    assert sum_problems("共发布信息300条，其中政策文件20条、财政信息10条等。") == ()
    assert sum_problems("共发布信息300条，其中政策文件20条。") == ()  # one part named
    assert sum_statements("共发布信息300余条，其中政策文件200条、工作动态110条。") == []
    assert sum_statements("共发布信息300条，同比增加12条，其中政策文件200条、工作动态100条。")[0].total.value == 300
    (st,) = sum_problems("共发布信息300条，其中政策文件200条、工作动态90条。")
    assert (st.total.value, st.parts_sum) == (300, 290)


def test_parts_inside_brackets_and_nested_breakdowns():
    text = "全年发布信息30条（其中政策文件10条、工作动态21条），收到申请2件。"
    (st,) = sum_problems(text)
    assert (st.total.value, st.parts_sum) == (30, 31)
    text = "共发布信息30条，其中政策文件10条（含解读3条），工作动态20条。"
    assert sum_problems(text) == ()


def test_counts_stated_for_tables():
    text = (
        "2023年，本镇共受理政府信息公开申请6件，上年结转政府信息公开申请1件，"
        "结转下年度继续办理的申请2件。全年发生行政复议1件、行政诉讼2件。"
    )
    found = [(s.kind, s.value) for s in table_statements(text, year=2023)]
    assert found == [("applications", 6), ("carried_in", 1), ("carried_out", 2), ("review", 1), ("lawsuit", 2)]


def test_statements_about_another_year_are_left_out():
    text = "2022年收到政府信息公开申请5件。上年收到政府信息公开申请3件。"
    assert table_statements(text, year=2023) == ()


@pytest.mark.parametrize(
    "text, cells, rule",
    [
        ("本年度未收到政府信息公开申请。", {"s3__new__natural": 3, "s3__open__natural": 3}, "text.applications"),
        ("本年度未发生行政复议。", {"s4__review__pending": 1}, "text.review"),
        ("未发生因政府信息公开引起的行政复议、行政诉讼。", {"s4__suit_direct__upheld": 2}, "text.lawsuit"),
        ("共收到政府信息公开申请六件。", {"s3__new__natural": 5, "s3__open__natural": 5}, "text.applications"),
        ("上年结转政府信息公开申请2件。", {}, "text.carried_in"),
    ],
)
def test_disagreement_with_tables(text, cells, rule):
    report = report_with(text, **cells)
    found = text_findings(report)
    assert [f.rule for f in found] == [rule]
    assert found[0].field == "s1.1" and found[0].section == "s1"
    assert text.rstrip("。") in found[0].message


@pytest.mark.parametrize(
    "text, cells",
    [
        ("本年度未收到政府信息公开申请。", {}),
        ("共收到政府信息公开申请六件，均已办结。", {"s3__new__natural": 6, "s3__open__natural": 6}),
        ("未发生行政复议和行政诉讼。", {}),
        (
            "行政复议1件、行政诉讼2件。",
            {"s4__review__upheld": 1, "s4__suit_direct__upheld": 1, "s4__suit_after_review__other": 1},
        ),
        # counting last year's carried-in applications too
        ("共办理政府信息公开申请3件。", {"s3__new__natural": 2, "s3__carried_in__natural": 1, "s3__open__natural": 3}),
        ("要减少行政复议和行政诉讼的发生。", {"s4__review__upheld": 1}),
        ("申请人无正当理由大量反复申请的情况未出现。", {"s3__new__natural": 1, "s3__open__natural": 1}),
        (
            "全年共受理政府信息公开申请5件（含上年结转政府信息公开申请1件）。",
            {"s3__new__natural": 4, "s3__carried_in__natural": 1, "s3__open__natural": 5},
        ),
        ("本年度没有发生因政府信息公开申请引起的行政复议和行政诉讼。", {}),
        ("未发生行政复议，发生行政诉讼1件。", {"s4__suit_direct__pending": 1}),
        ("行政复议0件，行政诉讼0件。", {}),
    ],
)
def test_agreement_with_tables(text, cells):
    assert text_findings(report_with(text, **cells)) == []


# ---- robustness: whatever a clerk types, the checks answer and never raise ----------

from hypothesis import (  # noqa: E402
    given,
    settings,
    strategies as st,
)

_PIECES = [
    "其中",
    "共",
    "收到",
    "政府信息公开申请",
    "未",
    "行政复议",
    "行政诉讼",
    "结转",
    "上年",
    "下年度",
    "各",
    "余",
    "约",
    "等",
    "条",
    "件",
    "个",
    "次",
    "（",
    "）",
    "(",
    ")",
    "，",
    "。",
    "；",
    "、",
    "\n",
    "2023年",
    "0",
    "7",
    "12",
    "六",
    "十二",
    "一百零五",
    "两",
    "第",
    "是",
    "〔2023〕3号",
    "%",
    "0795-4649001",
    " ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_text_is_read_without_error(pieces):
    from app.generated import find_all_generated, refresh_generated

    text = "".join(pieces)
    for s in sum_statements(text):
        assert s.total.start < s.total.end <= len(text) and s.parts
        assert 0 <= s.start <= s.total.start and s.end <= len(text)
    for s in table_statements(text, year=2023):
        assert text[s.start : s.end].strip() == s.text and s.value >= 0
    report = report_with(text)
    report.s5 = text
    check_report(report, previous=report_with(text[::-1]))
    assert find_all_generated(text) == [] or refresh_generated(text, report)


def test_text_marks_point_at_the_words(samples_dir):
    from app.textchecks import text_marks

    report = sample_report(samples_dir, "000")
    report.set_value("s3.new.natural", 1)
    report.set_value("s3.open.natural", 1)
    marks = text_marks(report)
    assert [m.rule for m in marks] == ["text.sum", "text.applications", "text.applications"]
    bodies = {tf.field: tf.text for tf in text_fields(report)}
    spans = [bodies[m.field][m.start : m.end] for m in marks]
    assert spans[0].startswith("共发布公开信息208条。其中") and spans[0].endswith("政府工作报告1条。")
    assert spans[1] == "本年度未收到依申请公开"
    assert spans[2] == "共收到依申请件0件"


@pytest.mark.parametrize(
    "text",
    [
        "本年度共收到政府信息公开申请5件，其中自然人申请4件，法人或其他组织申请1件；予以公开3件，部分公开1件，不予公开1件。",
        "共收到申请5件，其中自然人4件、法人1件，已办结5件。",
        "共受理依申请公开3件，其中网上申请2件，信函申请1件，已全部按时答复。",
        "共收到政府信息公开申请5件，其中自然人4件、法人1件；上年结转2件。",
        "全年发布信息300条，浏览量达1.2万次，其中政策文件100条、工作动态200条。",
    ],
)
def test_real_world_breakdowns_that_add_up(text):
    assert sum_statements(text) and sum_problems(text) == ()


def test_two_breakdowns_where_one_is_wrong_are_still_caught():
    text = "共收到政府信息公开申请5件，其中自然人申请4件，法人申请1件；予以公开3件，不予公开1件。"
    (st,) = sum_problems(text)
    assert (st.total.value, st.parts_sum) == (5, 9)


def test_text_field_names_follow_the_printed_numbering():
    from app.report import Subsection

    report = new_report("甘坊镇人民政府", 2023)
    report.s1 = [Subsection("", "引言"), Subsection("主动公开情况"), Subsection("依申请公开情况")]
    names = {tf.field: tf.name for tf in text_fields(report)}
    assert names["s1.0"] == "总体情况"
    assert names["s1.1"] == "总体情况（一）主动公开情况" and names["s1.2"] == "总体情况（二）依申请公开情况"
    assert names["s5"] == "存在的主要问题及改进情况" and names["intro"] == "开头说明"

"""Findings a clerk can trust: sentence patterns of real reports, true ones raise nothing,
slips raise a finding naming both figures (issue: findings on real reports)."""

import pytest

from app.checks import check_report
from app.narrative import sum_problems
from app.report import new_report


def report_with(text, year=2024, field="s1.1", **cells):
    report = new_report("甘坊镇人民政府", year)
    if field == "s6":
        report.s6 = text
    else:
        report.s1[int(field.split(".")[1])].body = text
    for key, value in cells.items():
        report.set_value(key.replace("__", "."), value)
    return report


def rules(report, previous=None, prefix="text."):
    return [f for f in check_report(report, previous=previous) if f.rule.startswith(prefix)]


# ---- sums: the parts of a 其中 list end where the list ends ---------------------------

REAL_SUM_SENTENCES = [
    "全年共受理政府信息公开申请749件，其中自然人申请741件，法人或其他组织申请8件；共办理718件，结转下一年31件。",
    "共收到申请12件，其中网上申请10件、信函申请2件；已答复12件。",
    "本年度共收到政府信息公开申请20件，其中自然人18件，法人或其他组织2件；办结19件，结转下年度1件。",
]


@pytest.mark.parametrize("text", REAL_SUM_SENTENCES)
def test_sum_list_ends_at_a_new_verb(text):
    assert sum_problems(text) == ()


def test_sum_slip_before_a_new_clause_still_caught():
    text = "全年共受理政府信息公开申请749件，其中自然人申请740件，法人或其他组织申请8件；共办理718件。"
    (st,) = sum_problems(text)
    assert (st.total.value, st.parts_sum) == (749, 748)


# ---- negations bind to what they negate -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "全年未发生因政府信息公开被行政复议纠错的情况。",
        "本年度未发生行政复议被纠错的情况。",
        "全年未发生因政府信息公开引起的行政诉讼败诉案件。",
    ],
)
def test_no_correction_is_not_no_review(text):
    # 4 reviews, none corrected: the sentence is true
    report = report_with(text, s4__review__upheld=3, s4__review__other=1, s4__suit_direct__upheld=2)
    assert rules(report) == []


def test_no_correction_but_table_has_corrections():
    report = report_with("全年未发生因政府信息公开被行政复议纠错的情况。", s4__review__corrected=2)
    (finding,) = rules(report)
    assert finding.rule == "text.review_corrected"
    assert "结果纠正" in finding.message and "为2" in finding.message


# ---- section 六 on 信息处理费 -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "本年度未发生收费情况。",
        "本机关在政府信息公开工作中未收取任何费用。",
        "本年度没有收取信息处理费。",
        "未向申请人收费。",
    ],
)
def test_fee_statements_readers_accept(text):
    report = report_with(text, field="s6")
    assert not [f for f in check_report(report) if f.rule == "s6.fee-statement"]


def test_silent_on_fees_still_flagged():
    report = report_with("本年度无其他需要报告的事项。", field="s6")
    assert [f for f in check_report(report) if f.rule == "s6.fee-statement"]


# ---- last year's figures left in this year's text ---------------------------------------


def test_last_years_period_in_this_years_text():
    report = report_with("2023年度，本单位通过门户网站主动公开政府信息120条。", field="s1.0")
    (finding,) = rules(report)
    assert finding.rule == "text.last-year"
    assert "2023年度" in finding.message and "2024" in finding.message and finding.field == "s1.0"


@pytest.mark.parametrize(
    "text",
    [
        "2024年度，本单位通过门户网站主动公开政府信息120条。",  # this year
        "主动公开政府信息120条，较2023年度增加20条。",  # comparison
        "与2023年相比，主动公开信息增加了20条，共120条。",
        "2023年度为100条，本年度为120条。",  # 上年度…为: a comparison
        "2025年，我镇将继续公开政府信息不少于120条。",  # a plan for next year
        "2023年12月印发文件3件，已于本年度公开。",  # an event date, not a period
        "同比2023年的100条增长20%。",
    ],
)
def test_other_years_that_are_no_slip(text):
    report = report_with(text, field="s1.0")
    assert [f for f in rules(report) if f.rule == "text.last-year"] == []


def test_last_year_in_section_five_is_not_flagged():
    report = new_report("甘坊镇人民政府", 2024)
    report.s5 = "2023年度，本单位公开信息120条，存在更新不及时的问题，今年已整改。"
    assert [f for f in check_report(report) if f.rule == "text.last-year"] == []


# ---- 办结 / 答复 figures and outcome categories against the table ---------------------


def applications(n_open=272, n_partial=3, n_unable=337, carried_out=0):
    cells = {
        "s3__new__natural": n_open + n_partial + n_unable + carried_out,
        "s3__open__natural": n_open,
        "s3__partial__natural": n_partial,
        "s3__unable_no_info__natural": n_unable,
    }
    if carried_out:
        cells["s3__carried_out__natural"] = carried_out
    return cells


@pytest.mark.parametrize(
    "text, rule, figures",
    [
        ("全年共办结政府信息公开申请600件。", "text.answered", ("600", "612")),
        ("全年共收到政府信息公开申请612件，其中予以公开及部分公开258件。", "text.outcome", ("258", "275")),
        ("全年共收到政府信息公开申请612件，无法提供265件。", "text.outcome", ("265", "337")),
        ("依申请公开方面，已答复申请610件。", "text.answered", ("610", "612")),
    ],
)
def test_text_figures_against_the_results(text, rule, figures):
    report = report_with(text, **applications())
    found = [f for f in rules(report) if f.rule == rule]
    assert len(found) == 1, rules(report)
    assert all(figure in found[0].message for figure in figures)


@pytest.mark.parametrize(
    "text",
    [
        "全年共收到政府信息公开申请612件，其中予以公开及部分公开275件，无法提供337件，均已按时办结。",
        "全年共办结政府信息公开申请612件。",
        "共办理政府信息公开申请612件，其中予以公开272件，部分公开3件，无法提供337件。",
        "对申请人的申请依法予以公开。",
        "已全部按时答复，答复率100%。",
    ],
)
def test_true_results_sentences_raise_nothing(text):
    assert rules(report_with(text, **applications())) == []


def test_handled_counts_last_years_applications_too():
    cells = applications()
    cells["s3__carried_in__natural"] = 5
    cells["s3__open__natural"] = 277
    report = report_with("共办理政府信息公开申请617件。", **cells)
    assert rules(report) == []


# ---- every table number equal to last year's -----------------------------------------


def test_tables_copied_from_last_year():
    previous = new_report("甘坊镇人民政府", 2023)
    report = new_report("甘坊镇人民政府", 2024)
    for r in (previous, report):
        for key, value in {
            "s3.new.natural": 4,
            "s3.open.natural": 3,
            "s3.partial.natural": 1,
            "s4.review.upheld": 1,
        }.items():
            r.set_value(key, value)
    found = [f for f in check_report(report, previous=previous) if f.rule == "tables.same-as-last-year"]
    assert len(found) == 1 and "上年" in found[0].message
    report.set_value("s3.new.natural", 5)
    report.set_value("s3.open.natural", 4)
    assert not [f for f in check_report(report, previous=previous) if f.rule == "tables.same-as-last-year"]


def test_all_zero_tables_are_not_copies():
    previous = new_report("甘坊镇人民政府", 2023)
    report = new_report("甘坊镇人民政府", 2024)
    assert not [f for f in check_report(report, previous=previous) if f.rule == "tables.same-as-last-year"]


# ---- titles: the word orders real reports use ----------------------------------------


@pytest.mark.parametrize(
    "title, flagged",
    [
        ("皇宫镇政府信息公开工作2023年度报告", False),
        ("甘坊镇2023年度政府信息公开工作报告", False),
        ("甘坊镇2023年政府信息公开工作年度报告", False),
        ("丰收乡2023年政务公开工作总结", True),
        ("关于报送2023年政府信息公开工作年度报告的函", True),
    ],
)
def test_title_word_orders(title, flagged):
    report = new_report("甘坊镇人民政府", 2023)
    report.meta.title = title
    assert bool([f for f in check_report(report) if f.rule == "meta.title-kind"]) == flagged


@pytest.mark.parametrize(
    "text",
    [
        "全年共收到政府信息公开申请612件，按时答复610件，延期答复2件。",
        "本镇便民服务中心全年办结群众诉求120件。",
        "信访事项中不予处理3件。",
        "2023年度共收到申请5件，2024年度共收到8件。",
    ],
)
def test_shares_and_other_matters_are_not_compared(text):
    assert rules(report_with(text, field="s1.0", **applications())) == []

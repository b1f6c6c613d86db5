"""Text copied from last year's report."""

import copy

import pytest

from app.checks import check_report
from app.generated import generated_sentence
from app.repetition import normalise, repeated_sentences, repetition
from tests.samples_text import report_from_sample


def reports(samples_dir):
    """Last year: sample 000 as published for 2022; this year: a copy for 2023."""
    (path,) = samples_dir.glob("000_*.txt")
    last = report_from_sample(path, 2022)
    this = copy.deepcopy(last)
    this.meta.year = 2023
    return last, this


def repeated_finding(report, previous):
    return [f for f in check_report(report, previous=previous) if f.rule == "text.repeated"]


def test_normalise_drops_spaces_punctuation_and_digits():
    assert (
        normalise("2023 年，我镇共发布信息２０８条。")
        == normalise("2024年我镇共发布信息 31 条")
        == "年我镇共发布信息条"
    )


def test_copied_report_is_flagged_with_share_and_sentences(samples_dir):
    last, this = reports(samples_dir)
    # years and figures changed, words kept: still a copy
    for sub in this.s1:
        sub.body = sub.body.replace("2023", "2024").replace("208", "231")
    result = repetition(this, last)
    assert result.share == 1.0 and len(result.repeated) == len(result.sentences) > 20
    (finding,) = repeated_finding(this, last)
    assert finding.severity == "warning" and "约100%" in finding.message
    assert f"{len(result.sentences)}句中有{len(result.sentences)}句" in finding.message
    assert result.repeated[0].text[:10] in finding.message
    assert finding.field == result.repeated[0].field


def test_rewritten_report_is_not_flagged(samples_dir):
    last, this = reports(samples_dir)
    for sub in this.s1:
        sub.body = f"本年度{sub.title}方面，我镇围绕群众关切，重新梳理了工作流程并逐项落实整改措施。"
    this.s5 = "本年度主要问题是栏目更新不够及时。下一步将建立每周更新台账，由专人负责核对。"
    this.s6 = "本年度未收取信息处理费。"
    assert repetition(this, last).repeated == ()
    assert repeated_finding(this, last) == []


OLD = [
    "我镇坚持把政务公开栏作为公开的主阵地，每月更新一次",
    "镇党政办负责对拟公开信息进行保密审查和内容把关",
    "各村设立村务公开栏，惠民资金发放情况按季度公示",
    "通过微信公众号发布惠农政策解读，群众反响较好",
    "组织干部参加县里举办的政务公开业务培训两次",
    "对群众来电咨询的问题做到当日登记、限时答复",
    "财政预决算信息在规定时间内全部公开到位",
    "完善了依申请公开的受理、登记、答复工作流程",
    "将政务公开工作纳入年度目标考核，与评先评优挂钩",
    "及时清理过期失效的信息，保证公开内容准确有效",
]
NEW = [
    "今年新开设了便民服务大厅的电子显示屏滚动播放政策",
    "针对农村低保对象动态调整情况开展了入户核查公示",
    "邀请人大代表和群众代表对公开工作进行评议打分",
    "乡村振兴项目从立项到验收全过程在网站同步发布",
    "编制了涉农补贴资金发放明细表并逐村张贴到户",
    "利用赶集日设立咨询台现场解答社保医保缴费问题",
    "建立重要政策发布前征求意见制度，收集意见建议",
    "对重大行政决策事项实行事前公开、听取公众意见",
    "防汛抗旱应急信息通过大喇叭和短信第一时间推送",
    "整理形成了本镇政务公开标准目录并对外公布实施",
]


def test_share_is_weighted_by_length_and_limit_is_one_half(samples_dir):
    last, this = reports(samples_dir)
    last.s1, this.s1, last.s6, this.s6 = [], [], "", ""
    last.s5 = "。".join(OLD) + "。"
    for kept, warned in ((4, False), (7, True), (0, False), (10, True)):
        this.s5 = "。".join(OLD[:kept] + NEW[kept:]) + "。"
        result = repetition(this, last)
        assert len(result.sentences) == 10 and len(result.repeated) == kept
        weight = sum(len(normalise(x)) for x in OLD[:kept]) / sum(len(normalise(x)) for x in OLD[:kept] + NEW[kept:])
        assert result.share == pytest.approx(weight)
        assert bool(repeated_finding(this, last)) == warned == (result.share > 0.5)
    # a long copied sentence weighs more than a short new one
    this.s5 = OLD[0] * 3 + "。" + NEW[1][:8] + "。"
    last.s5 = OLD[0] * 3 + "。"
    assert repetition(this, last).share > 0.8


def test_nearly_identical_sentence_counts_as_repeated(samples_dir):
    last, this = reports(samples_dir)
    sentence = "我镇高度重视政府信息公开工作，为确保工作规范、有序、有效进行，进一步明确工作重点、主要任务和工作要求，为全镇政务公开工作有序开展奠定了坚实基础"
    assert sentence in last.s1[-1].body
    this.s1 = this.s1[-1:]
    this.s1[0].body = (
        sentence.replace("高度重视", "十分重视") + "。本年新增一句完全不同的话，讲述本年度的新举措和新成效。"
    )
    this.s5 = this.s6 = ""
    (repeated,) = repeated_sentences(this, last)
    assert repeated.text.startswith("我镇十分重视") and repeated.previous.startswith("我镇高度重视")
    assert 0.9 <= repeated.ratio < 1
    assert repeated.field == "s1.0" and this.s1[0].body[repeated.start : repeated.end] == repeated.text


def test_generated_and_short_sentences_do_not_count(samples_dir):
    last, this = reports(samples_dir)
    for report in (last, this):
        report.s1 = report.s1[:1]
        report.s1[0].body = generated_sentence(report, "applications") + "无。"
        report.s5 = "本年新写的问题和改进情况，与上年完全不同的一段话。" if report is this else "上年的问题。"
        report.s6 = "无。"
    result = repetition(this, last)
    assert result.repeated == () and [s.text for s in result.sentences] == [
        "本年新写的问题和改进情况，与上年完全不同的一段话。"
    ]


def test_without_previous_no_repetition_check(samples_dir):
    _, this = reports(samples_dir)
    assert [f for f in check_report(this) if f.rule == "text.repeated"] == []

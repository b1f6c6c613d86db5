"""Sentences written from the tables, recognised again and refreshed when the numbers change."""

import pytest

from app.checks import check_report
from app.generated import (
    KINDS,
    find_all_generated,
    find_generated,
    generated_sentence,
    generated_sentences,
    refresh_generated,
    stale_generated,
)
from app.report import new_report


def zero_report(year=2023, template=None):
    return new_report("甘坊镇人民政府", year, template)


def busy_report(year=2023, template=None):
    report = zero_report(year, template)
    for key, value in {
        "s3.new.natural": 5,
        "s3.new.legal": 1,
        "s3.carried_in.natural": 1,
        "s3.open.natural": 3,
        "s3.partial.natural": 1,
        "s3.deny_secret.natural": 1,
        "s3.reject_repeat.legal": 1,
        "s3.carried_out.natural": 1,
        "s4.review.upheld": 1,
        "s4.review.pending": 1,
        "s4.suit_after_review.corrected": 2,
        "s2.punishment.decisions": 74,
    }.items():
        report.set_value(key, value)
    return report


def test_zero_sentences():
    report = zero_report()
    assert generated_sentence(report, "applications") == "2023年，本机关未收到政府信息公开申请。"
    assert generated_sentence(report, "appeals") == "2023年，本机关未发生因政府信息公开引起的行政复议、行政诉讼。"
    assert generated_sentence(report, "disclosure") == (
        "2023年，本机关未制发规章、行政规范性文件，未作出行政许可、行政处罚、行政强制决定，未收取行政事业性收费。"
    )


def test_non_zero_application_sentence_names_only_non_zero_answers():
    text = generated_sentence(busy_report(), "applications")
    assert text == (
        "2023年，本机关收到政府信息公开申请6件，上年结转1件；"
        "本年度办结6件（予以公开3件、部分公开1件、不予公开1件、不予处理1件），结转下年度继续办理1件。"
    )
    assert "无法提供" not in text and "其他处理" not in text


def test_only_carried_in_applications():
    report = zero_report()
    report.set_value("s3.carried_in.natural", 2)
    report.set_value("s3.open.natural", 2)
    assert generated_sentence(report, "applications") == (
        "2023年，本机关未收到新的政府信息公开申请，上年结转2件；本年度办结2件（予以公开2件）。"
    )


def test_appeals_and_disclosure_sentences():
    report = busy_report()
    assert generated_sentence(report, "appeals") == (
        "2023年，本机关因政府信息公开被申请行政复议2件（结果维持1件、尚未审结1件），被提起行政诉讼2件（复议后起诉2件）。"
    )
    assert generated_sentence(report, "disclosure") == "2023年，本机关作出行政处罚决定74件。"
    report.set_value("s4.review.upheld", 0)
    report.set_value("s4.review.pending", 0)
    assert generated_sentence(report, "appeals") == (
        "2023年，本机关因政府信息公开未被申请行政复议，被提起行政诉讼2件（复议后起诉2件）。"
    )


def test_old_format_sentences():
    report = busy_report(2020, "2019")
    report.set_value("s2.procurement.projects", 12)
    report.set_value("s2.procurement.amount", __import__("decimal").Decimal("2406.2243"))
    sentences = generated_sentences(report)
    assert sentences["disclosure"] == "2020年，本机关作出行政处罚决定74件；政府集中采购项目12个，金额2406.2243万元。"
    assert sentences["applications"].startswith("2020年，本机关收到政府信息公开申请6件")
    for kind, text in sentences.items():
        assert find_all_generated(text) == [(kind, 0, len(text))]


@pytest.mark.parametrize("make", [zero_report, busy_report])
def test_generated_sentences_are_recognised_in_running_text(make):
    report = make()
    for kind in KINDS:
        sentence = generated_sentence(report, kind)
        text = f"依照《条例》规定，我镇认真做好依申请公开工作。{sentence}下一步将继续规范答复。"
        start = text.index(sentence)
        assert find_generated(text) == (start, start + len(sentence))
        assert find_generated(text, kind) == (start, start + len(sentence))
        assert stale_generated(text, report) == []
        assert refresh_generated(text, report) == text


def test_the_clerks_own_sentences_are_not_taken_for_generated_ones():
    for text in (
        "2023年，本机关收到政府信息公开申请6件，均已按时答复。",
        "2023年，我镇未收到政府信息公开申请。",
        "本机关未收到政府信息公开申请。",
        "2023年，本机关未发生行政复议。",
        "2023年，本机关作出行政处罚决定74件，均已公开。",
    ):
        assert find_generated(text) is None, text


def test_refresh_rewrites_a_stale_sentence_and_keeps_the_rest():
    report = zero_report()
    body = "依照《条例》规定开展依申请公开工作。" + generated_sentence(report, "applications") + "答复均在法定期限内。"
    report.s1[1].body = body
    report.set_value("s3.new.natural", 2)
    report.set_value("s3.open.natural", 2)
    # the stale sentence now contradicts the table, and the checks say so
    assert [f.rule for f in check_report(report) if f.rule.startswith("text.")] == ["text.applications"]
    (stale,) = stale_generated(body, report)
    assert stale[0] == "applications" and body[stale[1] : stale[2]] == "2023年，本机关未收到政府信息公开申请。"
    fresh = refresh_generated(body, report)
    assert fresh == (
        "依照《条例》规定开展依申请公开工作。2023年，本机关收到政府信息公开申请2件；本年度办结2件（予以公开2件）。"
        "答复均在法定期限内。"
    )
    report.s1[1].body = fresh
    assert [f.rule for f in check_report(report) if f.rule.startswith("text.")] == []


def test_refresh_follows_the_report_year_and_several_sentences():
    report = busy_report()
    text = generated_sentence(report, "applications") + "\n" + generated_sentence(report, "appeals")
    report.meta.year = 2024
    fresh = refresh_generated(text, report)
    assert fresh.count("2024年，本机关") == 2 and "2023" not in fresh
    assert [k for k, _, _ in find_all_generated(fresh)] == ["applications", "appeals"]


def test_generated_sentences_agree_with_the_text_checks():
    report = busy_report()
    report.set_value("s2.normative.in_force", 7)
    report.s1[1].body = "\n".join(generated_sentences(report).values())
    assert [f for f in check_report(report) if f.rule.startswith("text.")] == []

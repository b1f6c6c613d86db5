from decimal import Decimal

import pytest

from app.formats import COUNT, MONEY, SIGNED
from app.values import ValueProblem, check_value, format_value, parse_value


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        ("12", COUNT, 12),
        ("１２３", COUNT, 123),
        (" 1,234 ", COUNT, 1234),
        ("", COUNT, 0),
        ("-3", SIGNED, -3),
        ("－３", SIGNED, -3),
        ("0.5", MONEY, Decimal("0.5")),
        ("２４０６．２２４３", MONEY, Decimal("2406.2243")),
    ],
)
def test_parse_accepts(text, kind, expected):
    assert parse_value(text, kind) == expected


@pytest.mark.parametrize(
    "text, kind, reason",
    [
        ("-1", COUNT, "负数"),
        ("1.5", COUNT, "小数"),
        ("abc", COUNT, "不是有效的数字"),
        ("1_000", COUNT, "不是有效的数字"),
        ("0.12345", MONEY, "四位小数"),
        ("-0.5", MONEY, "负数"),
        ("1.5", SIGNED, "小数"),
        ("٣", COUNT, "不是有效的数字"),
    ],
)
def test_parse_refuses_with_reason(text, kind, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_value(text, kind)


def test_check_value_kinds():
    assert check_value(5, COUNT) == 5
    assert check_value("2406.2243", MONEY) == Decimal("2406.2243")
    for bad, kind in [(True, COUNT), (1.0, COUNT), (-1, COUNT), (0.5, MONEY), ("0.00001", MONEY), ("1e3", MONEY)]:
        with pytest.raises(ValueProblem):
            check_value(bad, kind)


def test_format_value():
    assert format_value(Decimal("2406.2243"), MONEY) == "2406.2243"
    assert format_value(Decimal("0.50"), MONEY) == "0.5"
    assert format_value(Decimal("100"), MONEY) == "100"
    assert format_value(-3, SIGNED) == "-3"


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("123456789", COUNT, "每格最多8位数（不超过99999999）"),
        ("１２３４５６７８９", COUNT, "数值过大"),
        ("-123456789", SIGNED, "数值过大"),
        ("123456789.5", MONEY, "整数部分最多8位"),
    ],
)
def test_a_number_over_eight_digits_is_refused_with_the_limit(text, kind, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_value(text, kind)
    assert parse_value(text.replace("1", "", 1).replace("１", "", 1), kind)  # 8 digits are fine


def test_a_draft_with_a_number_over_the_limit_names_the_cell(tmp_path):
    from app.draft import DraftError, dumps, load_draft
    from app.report import new_report

    report = new_report("甘坊镇人民政府", 2023, "2021")
    report.set_value("s3.new.natural", 99999999)
    path = tmp_path / "大数.nianbao"
    path.write_text(dumps(report).replace("99999999", "100000000"), encoding="utf-8")
    with pytest.raises(DraftError) as refused:
        load_draft(path)
    message = str(refused.value)
    assert "s3.new.natural" in message and "一、本年新收政府信息公开申请数量" in message and "最多8位数" in message

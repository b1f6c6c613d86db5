"""Meta data read from wherever a published report says it: year, organ, title, date."""

from __future__ import annotations

import datetime as dt

import pytest

from app.importer import import_text

BODY = [
    "一、总体情况",
    "（一）主动公开情况",
    "全年主动公开信息120条。",
    "二、主动公开政府信息情况",
    "第二十条第（五）项",
    "信息内容\t本年处理决定数量",
    "行政许可\t15",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "更新不够及时。",
    "六、其他需要报告的事项",
    "无。",
]


def meta(front: list[str], end: list[str] = (), body: list[str] = BODY):
    result = import_text("\n".join([*front, *body, *end]))
    m = result.report.meta
    return result, m


@pytest.mark.parametrize(
    "front, year",
    [
        (["青山镇政府信息公开工作年度报告", "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"], 2021),
        (["青山镇政府信息公开工作年度报告", "本报告所列数据统计期限从2022年1月1日到2022年12月31日。"], 2022),
        (["青山镇政府信息公开工作年度报告", "统计时限为2019年1月1日至12月31日。"], 2019),
        (["青山镇政府信息公开工作年度报告", "2020年度，我街道认真贯彻《条例》。"], 2020),
        (["青山镇二〇二三年政府信息公开工作年度报告"], 2023),
        (["青山镇政府信息公开工作年度报告", "本报告统计期限为二〇二二年一月一日至十二月三十一日。"], 2022),
    ],
)
def test_the_year_from_title_period_or_lead(front, year):
    result, m = meta(front)
    assert m.year == year and not result.year_unknown


def test_the_year_from_the_first_sentence_of_the_general_part():
    body = [*BODY[:2], "2021 年，我镇共主动公开信息120条。", *BODY[3:]]
    assert meta(["青山镇政府信息公开工作年度报告"], body=body)[1].year == 2021


def test_no_year_anywhere_is_said_not_defaulted():
    result, _ = meta(["青山镇政府信息公开工作年度报告"])
    assert result.year_unknown
    assert any("没有找到报告年度" in p.message for p in result.problems)


def test_organ_from_a_title_that_starts_with_the_year_and_the_date_under_it():
    _, m = meta(["2019年上海市人民政府办公厅政府信息公开工作年度报告", "（2020年3 月 26日）"])
    assert (m.organ, m.year, m.report_date) == ("上海市人民政府办公厅", 2019, dt.date(2020, 3, 26))


def test_a_banner_and_page_furniture_are_not_the_title():
    _, m = meta(
        [
            "某某县人民政府 The People's Government of Mouxian County",
            "首页 > 政务公开 > 年度报告",
            "索引号：113-2024-0001",
            "发布机构：某某县青山镇人民政府",
            "青山镇人民政府",
            "2023年政府信息公开工作年度报告",
            "发布时间：2024-01-15  浏览次数：87",
        ],
        ["青山镇人民政府", "2024年1月15日", "【打印本页】【关闭窗口】", "主办：某某县人民政府办公室"],
    )
    assert (m.organ, m.year, m.title, m.report_date) == ("青山镇人民政府", 2023, None, dt.date(2024, 1, 15))


def test_organ_and_date_on_one_signature_line_and_a_date_without_day():
    _, m = meta(["政府信息公开工作年度报告（2023年度）"], ["青山镇人民政府    2024年1月18日"])
    assert (m.organ, m.report_date, m.year) == ("青山镇人民政府", dt.date(2024, 1, 18), 2023)
    _, m = meta(["政府信息公开工作年度报告（2023年度）"], ["青山镇人民政府", "2024年1月"])
    assert (m.organ, m.report_date) == ("青山镇人民政府", None)


def test_markdown_title_and_headings():
    body = [f"## {line}" if line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、") else line for line in BODY]
    result, m = meta(["# 青山镇2023年政府信息公开工作年度报告"], body=body)
    assert (m.organ, m.year) == ("青山镇", 2023) and len(result.report.s1) == 1
    assert result.report.cells == {"s2.license.decisions": 15}


def test_a_heading_broken_over_two_lines_is_no_departure():
    body = [line.replace("二、主动公开政府信息情况", "二、主动公开政府信息情\n况") for line in BODY]
    result, _ = meta(["青山镇2023年政府信息公开工作年度报告"], body=body)
    assert result.report.cells == {"s2.license.decisions": 15}
    assert not [p.line() for p in result.problems if "标题" in p.message]

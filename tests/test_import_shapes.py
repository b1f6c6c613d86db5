"""Shapes of published reports beyond the five samples: titles on two lines, Word list numbering,
contact details in the preamble, typos in labels, rows that cannot be placed."""

from __future__ import annotations

import datetime as dt

import docx

from app.importer import SLIP, TOTAL, UNPLACED, import_docx, import_file, import_text

S3_ROWS_2021 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果\t(一)予以公开",
    "\t(二)部分公开（区分处理的，只计这一情形，不计其他情形）",
    *[f"\t{g}{x}" for g, x in [("(三)不予公开\t", "1.属于国家秘密")]],
    *[
        f"\t\t{x}"
        for x in (
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        )
    ],
    "\t(四)无法提供\t1.本机关不掌握相关政府信息",
    "\t\t2.没有现成信息需要另行制作",
    "\t\t3.补正后申请内容仍不明确",
    "\t(五)不予处理\t1.信访举报投诉类申请",
    "\t\t2.重复申请",
    "\t\t3.要求提供公开出版物",
    "\t\t4.无正当理由大量反复申请",
    "\t\t5.要求行政机关确认或重新出具已获取信息",
    "\t(六)其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "\t\t3.其他",
    "\t(七)总计",
    "四、结转下年度继续办理",
]


def report_text(
    s3_numbers: dict[int, list[int]],
    title=("青山镇人民政府", "2023年政府信息公开工作年度报告"),
    s2_rows=None,
    s3_rows=S3_ROWS_2021,
) -> str:
    rows = []
    for i, label in enumerate(s3_rows):
        numbers = s3_numbers.get(i, [0] * 7)
        rows.append(label + "\t" + "\t".join(str(n) for n in numbers))
    s2 = s2_rows or [
        "第二十条第(一)项",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        "行政规范性文件\t3\t1\t12",
        "第二十条第(五)项",
        "信息内容\t本年处理决定数量",
        "行政许可\t15",
        "第二十条第(六)项",
        "信息内容\t本年处理决定数量",
        "行政处罚\t4",
        "行政强制\t1",
        "第二十条第(八)项",
        "信息内容\t本年收费金额(单位：万元)",
        "行政事业性收费\t0.35",
    ]
    return "\n".join(
        [
            *title,
            "本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
            "如对本报告有疑问，请与青山镇党政综合办公室联系（地址：某省某县青山镇人民路8号；电话：0571-88886666）。",
            "一、总体情况",
            "（一）主动公开情况",
            "全年主动公开信息120条。",
            "（二）依申请公开情况",
            "全年收到申请2件。",
            "二、主动公开政府信息情况",
            *s2,
            "三、收到和处理政府信息公开申请情况",
            "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t\t申请人情况",
            "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
            "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
            *rows,
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议\t\t\t\t\t行政诉讼",
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
            "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
            "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
            "五、存在的主要问题及改进情况",
            "信息更新不够及时，下一步将加强审核。",
            "六、其他需要报告的事项",
            "本年度未收取信息处理费。",
            "青山镇人民政府",
            "二〇二四年一月二十日",
        ]
    )


NUMBERS = {0: [1, 1, 0, 0, 0, 0, 2], 2: [1, 0, 0, 0, 0, 0, 1], 12: [0, 1, 0, 0, 0, 0, 1], 23: [1, 1, 0, 0, 0, 0, 2]}


def test_a_tab_separated_report_with_half_width_brackets():
    result = import_text(report_text(NUMBERS))
    report = result.report
    assert report.meta.organ == "青山镇人民政府" and report.meta.year == 2023
    assert report.meta.title is None  # the two title lines make the standard title
    assert report.meta.report_date == dt.date(2024, 1, 20)
    contact = report.meta.contact
    assert (contact.department, contact.address, contact.phone) == (
        "青山镇党政综合办公室",
        "某省某县青山镇人民路8号",
        "0571-88886666",
    )
    assert report.cells == {
        "s2.normative.issued": 3,
        "s2.normative.repealed": 1,
        "s2.normative.in_force": 12,
        "s2.license.decisions": 15,
        "s2.punishment.decisions": 4,
        "s2.coercion.decisions": 1,
        "s2.fee.amount": report.cells["s2.fee.amount"],
        "s3.new.natural": 1,
        "s3.new.business": 1,
        "s3.open.natural": 1,
        "s3.unable_no_info.business": 1,
        "s4.review.upheld": 1,
    }
    assert str(report.cells["s2.fee.amount"]) == "0.35"
    assert [s.title for s in report.s1] == ["主动公开情况", "依申请公开情况"]
    assert report.s6 == "本年度未收取信息处理费。"
    assert not result.problems, [p.line() for p in result.problems]


def test_total_disagreements_are_named_with_row_column_and_both_figures():
    numbers = dict(NUMBERS)
    numbers[0] = [1, 1, 0, 0, 0, 0, 3]  # 一、本年新收: 1 + 1 published as 3
    result = import_text(report_text(numbers))
    totals = [p.line() for p in result.problems if p.kind == TOTAL]
    assert len(totals) == 1
    assert "本年新收政府信息公开申请数量" in totals[0] and "总计" in totals[0]
    assert "报告中的合计为3" in totals[0] and "各项相加为2" in totals[0]
    assert result.report.value("s3.new.total") == 2


def test_a_row_that_cannot_be_placed_is_listed_with_what_was_read():
    numbers = dict(NUMBERS)
    text = report_text(numbers).replace(
        "\t\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0", "\t\t3.补正后申请内容仍不明确\t4\t0\t1"
    )
    result = import_text(text)
    unplaced = [p for p in result.problems if p.kind == UNPLACED]
    assert len(unplaced) == 1
    assert unplaced[0].read == "4 0 1" and "3.补正后申请内容仍不明确" in unplaced[0].message
    assert unplaced[0].where.startswith("第")
    assert "s3.unable_unclear.natural" not in result.report.cells  # not guessed


def test_typo_and_unknown_rows():
    text = report_text(NUMBERS).replace("2.重复申请", "2.重夏申请").replace("行政强制\t1", "行政强制\t1\n行政征收\t5")
    result = import_text(text)
    lines = [p.line() for p in result.problems]
    assert any("“2.重夏申请”：行标签与格式中的“2.重复申请”不一致" in line for line in lines), lines
    assert any(p.kind == UNPLACED and p.read == "行政征收 5" for p in result.problems), lines


def test_a_value_that_is_not_a_count_is_listed():
    text = report_text(NUMBERS).replace("行政许可\t15", "行政许可\t1.5")
    result = import_text(text)
    assert "s2.license.decisions" not in result.report.cells
    assert any(p.kind == UNPLACED and p.read == "1.5" and "小数" in p.message for p in result.problems)


def test_word_list_numbering_and_part_headings(tmp_path):
    """Headings numbered by Word's list numbering lose their number in the text; 第一部分 also occurs."""
    document = docx.Document()
    for text in (
        "丰乐乡2022年政府信息公开工作年度报告",
        "总体情况",
        "全年公开信息30条。",
        "第二部分 主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "更新不及时。",
        "其他需要报告的事项",
        "无。",
        "丰乐乡人民政府",
        "2023年1月18日",
    ):
        document.add_paragraph(text, style="List Number" if len(text) < 20 and "年" not in text else None)
    path = tmp_path / "list.docx"
    document.save(str(path))
    result = import_docx(path)
    report = result.report
    assert (report.meta.organ, report.meta.year, report.template) == ("丰乐乡人民政府", 2022, "2021")
    assert report.s1[0].body == "全年公开信息30条。" and report.s5 == "更新不及时。" and report.s6 == "无。"
    assert not [p for p in result.problems if p.kind == SLIP and "标题" in p.message]


def test_money_in_yuan_is_converted_and_said():
    text = report_text(NUMBERS).replace("行政事业性收费\t0.35", "行政事业性收费\t3500元")
    result = import_text(text)
    assert str(result.report.cells["s2.fee.amount"]) == "0.35"
    assert any(p.kind == SLIP and p.read == "3500元" and "换算为0.35万元" in p.message for p in result.problems)


def test_docx_where_each_row_is_a_table_of_its_own(tmp_path):
    """Word files converted from web pages sometimes hold every table row as a separate table."""
    text = report_text(NUMBERS)
    document = docx.Document()
    for line in text.split("\n"):
        if "\t" in line or line.startswith("第二十条"):
            cells = line.split("\t")
            table = document.add_table(rows=1, cols=len(cells))
            for c, value in enumerate(cells):
                table.cell(0, c).text = value
        else:
            document.add_paragraph(line)
    path = tmp_path / "rows-as-tables.docx"
    document.save(str(path))
    result = import_docx(path)
    assert result.report.cells == import_text(text).report.cells
    assert not result.problems, [p.line() for p in result.problems]


def test_docx_paragraphs_inside_content_controls(tmp_path):
    from docx.oxml import OxmlElement

    document = docx.Document()
    for text in (
        "青山镇人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        "全年公开信息30条。",
        "五、存在的主要问题及改进情况",
        "更新不及时。",
        "六、其他需要报告的事项",
        "无。",
    ):
        document.add_paragraph(text)
    paragraph = document.paragraphs[4]._p  # 更新不及时。 inside a content control, as templates do
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    paragraph.addprevious(sdt)
    sdt.append(content)
    content.append(paragraph)
    path = tmp_path / "sdt.docx"
    document.save(str(path))
    assert import_docx(path).report.s5 == "更新不及时。"


def _html_table(rows: list[list[tuple[str, int, int]]]) -> str:
    """rows of (text, rowspan, colspan)."""
    out = ["<table border=1>"]
    for row in rows:
        cells = "".join(
            f"<td{f' rowspan={r}' if r > 1 else ''}{f' colspan={c}' if c > 1 else ''}><p>{t}</p></td>"
            for t, r, c in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def test_a_saved_web_page_with_rowspan_and_colspan(tmp_path):
    from app.formats import get_format

    table = get_format("2021").table("s3")
    zeros = [("0", 1, 1)] * 7
    rows = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [(x, 1, 1) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
        [("一、本年新收政府信息公开申请数量", 1, 3), *[(str(n), 1, 1) for n in (2, 1, 0, 0, 0, 0, 3)]],
        [("二、上年结转政府信息公开申请数量", 1, 3), *zeros],
    ]
    result_rows = [r for r in table.rows if r.label[0] == "三、本年度办理结果"]
    for i, row in enumerate(result_rows):
        cells = []
        if i == 0:
            cells.append((row.label[0], len(result_rows), 1))
        if len(row.label) == 2:
            cells.append((row.label[1], 1, 2))
        else:
            siblings = [r for r in result_rows if r.label[1] == row.label[1]]
            if siblings[0] is row:
                cells.append((row.label[1], len(siblings), 1))
            cells.append((row.label[2], 1, 1))
        # （一）予以公开 and （七）总计: two applications from natural persons; every other result row 0.
        numbers = [(str(n), 1, 1) for n in (2, 0, 0, 0, 0, 0, 2)] if row.key in ("open", "result_total") else zeros
        rows.append(cells + numbers)
    rows.append([("四、结转下年度继续办理", 1, 3), ("0", 1, 1), ("1", 1, 1), *zeros[:4], ("1", 1, 1)])
    page = (
        "<html><head><title>x</title><style>p{margin:0}</style></head><body>"
        "<h1>青山镇人民政府2023年政府信息公开工作年度报告</h1>"
        "<p>一、总体情况</p><p>（一）主动公开情况</p><p>全年公开信息30条。</p>"
        "<p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>"
        + _html_table(rows)
        + "<p>四、政府信息公开行政复议、行政诉讼情况</p>"
        "<p>五、存在的主要问题及改进情况</p><p>更新不及时。</p><p>六、其他需要报告的事项</p><p>无。</p>"
        "<p style='text-align:right'>青山镇人民政府<br>2024年1月22日</p></body></html>"
    )
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    result = import_file(path)
    report = result.report
    assert report.meta.organ == "青山镇人民政府" and report.meta.report_date == dt.date(2024, 1, 22)
    assert report.cells == {
        "s3.new.natural": 2,
        "s3.new.business": 1,
        "s3.open.natural": 2,
        "s3.carried_out.business": 1,
    }
    assert not [p for p in result.problems if p.kind in (TOTAL, UNPLACED, SLIP)], [p.line() for p in result.problems]
    # The merged cells were read once: 申请人情况 spans seven columns, 三、本年度办理结果 twenty-two rows.
    from app.importer.blocks import Row
    from app.importer.html import html_blocks

    table_rows = [b for b in html_blocks(page) if isinstance(b, Row)]
    assert table_rows[0].cells.count("申请人情况") == 1
    deny_law = next(r for r in table_rows if "2.其他法律行政法规禁止公开" in r.cells)
    assert deny_law.cells == ["", "", "2.其他法律行政法规禁止公开", *["0"] * 7]
    assert report.s5 == "更新不及时。" and [s.title for s in report.s1] == ["主动公开情况"]


def test_a_large_amount_in_yuan_is_converted_and_too_large_an_amount_is_named():
    text = report_text(NUMBERS).replace("行政事业性收费\t0.35", "行政事业性收费\t123456789元")
    result = import_text(text)
    assert str(result.report.cells["s2.fee.amount"]) == "12345.6789"
    text = report_text(NUMBERS).replace("行政事业性收费\t0.35", "行政事业性收费\t1234567890123元")
    assert any("数值过大" in p.message and "未导入" in p.message for p in import_text(text).problems)

"""Rows placed by the official row order (app/importer/rows.py): only where the order leaves one
possibility; otherwise listed, never guessed. Small converter-style texts, one shape each."""

from __future__ import annotations

from app.importer import BY_POSITION, SLIP, UNPLACED, import_text

HEAD = [
    "青山镇人民政府2023年政府信息公开工作年度报告",
    "一、总体情况",
    "全年主动公开信息120条。",
    "二、主动公开政府信息情况",
]
S2 = [
    "第二十条第（一）项",
    "信息内容 本年制发件数 本年废止件数 现行有效件数",
    "规章 1 2 3",
    "行政规范性文件 4 5 6",
    "第二十条第（五）项",
    "信息内容 本年处理决定数量",
    "行政许可 7",
    "第二十条第（六）项",
    "信息内容 本年处理决定数量",
    "行政处罚 8",
    "行政强制 9",
    "第二十条第（八）项",
    "信息内容 本年收费金额（单位：万元）",
    "行政事业性收费 10.5",
]
TAIL = [
    "五、存在的主要问题及改进情况",
    "更新不够及时。",
    "六、其他需要报告的事项",
    "无。",
    "青山镇人民政府",
    "2024年1月20日",
]
S3_HEAD = [
    "三、收到和处理政府信息公开申请情况",
    "申请人情况",
    "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
]
S4 = ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", "1 2 3 4 10 5 6 7 8 26 9 10 11 12 42"]


def report(s2=S2, s3=(), s4=S4) -> str:
    return "\n".join([*HEAD, *s2, *S3_HEAD, *s3, *s4, *TAIL])


def numbers(n: int) -> str:
    return " ".join(str(n * 10 + c) for c in range(1, 7)) + f" {sum(n * 10 + c for c in range(1, 7))}"


def test_prefixless_and_cut_labels_are_placed_without_a_note():
    s3 = [
        "本年新收政府信息公开申请数量 " + numbers(1),
        "上年结转政府信息公开申请数量 " + numbers(2),
        "予以公开 " + numbers(3),
        "本机关不掌握相关政府信息 " + numbers(4),
        "1.申请人无正当理由逾期不补正、",
        "行政机关不再处理其政府信息公 " + numbers(5),
        "开申请",
    ]
    result = import_text(report(s3=s3))
    cells = result.report.cells
    assert cells["s3.new.natural"] == 11 and cells["s3.carried_in.legal"] == 25 and cells["s3.open.other"] == 36
    assert cells["s3.unable_no_info.natural"] == 41 and cells["s3.other_no_correction.business"] == 52
    assert cells["s2.fee.amount"] == cells["s2.fee.amount"] and cells["s4.suit_after_review.pending"] == 12
    notes = [p.line() for p in result.problems if p.kind in (SLIP, UNPLACED, BY_POSITION)]
    assert notes and all("表中缺少行标签" in note for note in notes), notes  # the groups are really not printed


def test_a_cut_label_fitting_two_rows_is_placed_by_the_rows_around_it():
    # 行政机关不再处理其政府信息公开申请 ends both （六）1 and （六）2: the row before is （六）1.
    s3 = [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 " + numbers(1),
        "行政机关不再处理其政府信息公开申请 " + numbers(2),
        "3.其他 " + numbers(3),
    ]
    result = import_text(report(s3=s3))
    assert result.report.cells["s3.other_no_fee.natural"] == 21
    [placed] = [p for p in result.problems if p.kind == BY_POSITION]
    assert "行标签不完整" in placed.message and "2.申请人逾期未按收费通知要求缴纳费用" in placed.message


def test_a_lost_label_where_two_rows_are_possible_is_listed_not_placed():
    # Between 1.属于国家秘密 and 4.保护第三方合法权益 two rows are missing but one row of numbers stands.
    s3 = ["（三）不予公开 1.属于国家秘密 " + numbers(1), numbers(2), "4.保护第三方合法权益 " + numbers(4)]
    result = import_text(report(s3=s3))
    cells = result.report.cells
    assert "s3.deny_law.natural" not in cells and "s3.deny_safety.natural" not in cells
    [left] = [p for p in result.problems if p.kind == UNPLACED]
    assert "没有行标签" in left.message and "2.其他法律行政法规禁止公开" in left.message and left.read.startswith("21 ")
    assert cells["s3.deny_third_party.natural"] == 41


def test_a_page_number_between_rows_is_not_a_row():
    s2 = [*S2[:9], "77", *S2[9:]]  # a page number between 第二十条第（六）项's header and 行政处罚
    result = import_text(report(s2=s2))
    cells = result.report.cells
    assert (cells["s2.punishment.decisions"], cells["s2.coercion.decisions"]) == (8, 9)
    assert 77 not in cells.values()


def test_rows_out_of_order_keep_their_labels_and_an_unlabelled_row_is_not_guessed():
    s3 = ["2.重复申请 " + numbers(2), "1.信访举报投诉类申请 " + numbers(1), numbers(3)]
    result = import_text(report(s3=s3))
    cells = result.report.cells
    assert cells["s3.reject_repeat.natural"] == 21 and cells["s3.reject_petition.natural"] == 11
    assert not any(v == 31 for v in cells.values())


def test_section_four_as_three_small_tables_and_its_header_run_together():
    s4 = [
        "四、政府信息公开行政复议、行政诉讼情况",
        "（一）行政复议",
        "结果维持 结果纠正 其他结果 尚未审结 总计",
        "1 2 3 4 10",
        "（二）行政诉讼：未经复议直接起诉",
        "结果维持 结果纠正 其他结果 尚未审结 总计",
        "5 6 7 8 26",
        "（三）行政诉讼：复议后起诉",
        "结果维持 结果纠正 其他结果 尚未审结 总计",
        "9 10 11 12 42",
    ]
    cells = import_text(report(s4=s4)).report.cells
    assert [
        cells[f"s4.{g}.{c}"]
        for g in ("review", "suit_direct", "suit_after_review")
        for c in ("upheld", "corrected", "other", "pending")
    ] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    run_together = [
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议行政诉讼",
        "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉",
        "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计",
        "1\t2\t3\t4\t10\t5\t6\t7\t8\t26\t9\t10\t11\t12\t42",
    ]
    assert import_text(report(s4=run_together)).report.cells["s4.suit_after_review.pending"] == 12


def test_a_sentence_with_numbers_in_a_table_section_is_not_a_row():
    s3 = ["本年度收到政府信息公开申请数量 66 件，均已按时答复", "一、本年新收政府信息公开申请数量 " + numbers(1)]
    result = import_text(report(s3=s3))
    assert result.report.cells["s3.new.natural"] == 11
    assert 66 not in result.report.cells.values()


def test_blank_cells_written_as_slash_dash_or_nothing():
    s2 = [
        line.replace("规章 1 2 3", "规章 / - 3").replace("行政规范性文件 4 5 6", "行政规范性文件 — ４ 1,234")
        for line in S2
    ]
    cells = import_text(report(s2=s2)).report.cells
    assert cells["s2.regulation.in_force"] == 3 and "s2.regulation.issued" not in cells
    assert (cells["s2.normative.repealed"], cells["s2.normative.in_force"]) == (4, 1234)
    assert "s2.normative.issued" not in cells
    tabs = [line.replace(" ", "\t") if line.startswith("规章") else line for line in S2]
    tabs[tabs.index("规章\t1\t2\t3")] = "规章\t\t\t3"
    assert import_text(report(s2=tabs)).report.cells["s2.regulation.in_force"] == 3

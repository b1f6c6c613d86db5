"""Blank or "/" cells of a published table: read as 0, and named in the import report so the
clerk knows the original left them empty (a reviewer counts them against the report)."""

from app.importer import BLANK, import_text, render_import_report


def table_three(cell: str) -> str:
    header = "| 本列数据的勾稽关系为 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"
    rows = [
        ("一、本年新收政府信息公开申请数量", ["3", cell, cell, cell, cell, cell, "3"]),
        ("二、上年结转政府信息公开申请数量", ["0"] * 7),
        ("（一）予以公开", ["3", cell, cell, cell, cell, cell, "3"]),
        ("（七）总计", ["3"] + ["0"] * 5 + ["3"]),
        ("四、结转下年度继续办理", ["0"] * 7),
    ]
    lines = [header] + [f"| {label} | " + " | ".join(values) + " |" for label, values in rows]
    return "\n".join(lines)


def report_text(cell: str) -> str:
    return "\n".join(
        [
            "甘坊镇人民政府2023年政府信息公开工作年度报告",
            "一、总体情况",
            "本年度共收到政府信息公开申请3件。",
            "三、收到和处理政府信息公开申请情况",
            table_three(cell),
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "无。",
        ]
    )


def test_slash_cells_are_named_with_row_and_column():
    result = import_text(report_text("/"))
    assert result.report.values()["s3.new.natural"] == 3
    (blank,) = [p for p in result.problems if p.kind == BLANK]
    assert "10格" in blank.message and "已按0计" in blank.message
    assert "“一、本年新收政府信息公开申请数量”行“商业企业”列" in blank.message
    lines = render_import_report(result)
    assert any(line.startswith("原表中空白的格（1处）") for line in lines)


def test_zero_cells_are_not_blank():
    result = import_text(report_text("0"))
    assert not [p for p in result.problems if p.kind == BLANK]

"""The five published samples import with every number in its cell and their slips reported.

Expected values below were read off the samples by hand (see tests/samples/*.txt).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.draft import dumps, loads
from app.importer import MISSING, SLIP, TOTAL, UNPLACED, import_file, import_text, render_import_report

SAMPLES = {
    "000": dict(
        file="000_50aa6597b9c6048c.txt",
        template="2021",
        organ="甘坊镇人民政府",
        year=2023,
        date=dt.date(2024, 1, 10),
        title="甘坊镇2023年政府信息公开工作年度报告",
        contact=dict(
            department="奉新县甘坊镇人民政府党政办",
            address="江西省奉新县甘坊镇青云大道166号",
            phone="0795-4649001",
            person="吴重宇",
        ),
        cells={},
        s1=["", "主动公开情况", "依申请公开情况", "政府信息管理", "政府信息公开平台建设", "监督保障"],
        s5_start="2023年，我镇政务公开工作在镇政府指导下",
        s6="2023年度甘坊镇人民政府无其他需要说明的事项。",
        intro_start="根据2023年政务公开工作重点任务",
        slips=[
            (SLIP, "5、 存在的主要问题及改进情况"),
            (SLIP, "“规范性文件”：行标签与格式中的“行政规范性文件”不一致"),
            (MISSING, "缺少“（六）其他处理3.其他”这一行"),
        ],
        unplaced=0,
    ),
    "001": dict(
        file="001_17c4ec4c0f6b2a29.txt",
        template="2021",
        organ="轵城镇人民政府",
        year=2023,
        date=None,
        title=None,
        contact=dict(department="", address="", phone="", person=""),
        cells={"s2.punishment.decisions": 74, "s3.new.natural": 6, "s3.open.natural": 6},
        s1=["", "主动公开情况", "依申请公开情况", "政府信息管理", "政府信息公开平台建设", "监督保障"],
        s5_start="2023年，我镇在政务信息公开中取得了一定成绩",
        s6="2023年度未收取信息处理费用。",
        intro_start="",
        slips=[
            (SLIP, "表中缺少行标签“（三）不予公开”"),
            (SLIP, "表头中缺少“其他”这一列"),
            # （四）…（六） rows carry five numbers for seven columns: left out, never guessed.
            *[(UNPLACED, f"［第{n}行］读到“0 0 0 0 0”") for n in range(63, 74)],
        ],
        unplaced=11,
    ),
    "002": dict(
        file="002_6ba39ebe6f690d1f.txt",
        template="2019",
        organ="九皋镇人民政府",
        year=2020,
        date=None,
        title=None,
        contact=dict(department="", address="", phone="", person=""),
        cells={
            "s2.license.delta": 7,
            "s2.other_service.delta": 140,
            "s2.procurement.projects": 12,
            "s2.procurement.amount": Decimal("2406.2243"),
        },
        s1=[
            "加强组织领导，形成工作合力",
            "精心安排部署，确保政务公开高质量",
            "严把质量关，认真做好《基层政务公开标准目录》编制工作",
            "用好公开载体，丰富政务信息公开形式",
        ],
        s5_start="工作中存在的问题：",
        s6="无",
        intro_start="",
        slips=[
            (SLIP, "无正当理由由大量反复申请"),
            (SLIP, "［第43行］读到“0”：“（一）予以公开”一行只填写了总计"),
            (SLIP, "［第44行］读到“0”：“（二）部分公开"),
        ],
        unplaced=0,
    ),
    "003": dict(
        file="003_7755c529bed9ed92.txt",
        template="2021",
        organ="乌苏市皇宫镇人民政府",
        year=2023,
        date=dt.date(2024, 1, 16),
        title="皇宫镇政府信息公开工作2023年度报告",
        contact=dict(department="", address="", phone="", person=""),
        cells={},
        s1=["", "配齐队伍", "抓实工作", "做好宣教"],
        s5_start="一是公开不够。",
        s6="虽然在2023年我镇并未在市级以上相关平台作出政府信息公开公示",
        intro_start="",
        slips=[(SLIP, "“规范性文件”：行标签与格式中的“行政规范性文件”不一致")],
        unplaced=0,
    ),
    "004": dict(
        file="004_ce3acbad81800977.txt",
        template="2019",
        organ="丰收乡",
        year=2023,
        date=None,
        title="丰收乡2023年政务公开工作总结",
        contact=dict(department="", address="", phone="", person=""),
        cells={"s2.procurement.projects": 3, "s2.procurement.amount": Decimal("20")},
        s1=[""],
        s5_start="一是政务公开内容质量有待进一步规范;",
        s6="无其他需要报告事项。",
        intro_start="",
        slips=[
            (SLIP, "2023年度的报告应使用2021年版格式"),
            (SLIP, "政务公开工作总结”：标题不是"),
            (SLIP, "“五、存在的主要问题”：标题与格式中的“五、存在的主要问题及改进情况”不一致"),
            (SLIP, "“六、下一步工作打算”：格式中没有这一部分：第五部分被拆分"),
            (SLIP, "“七、其他需要报告的事项。”：标题编号应为“六、”"),
            (SLIP, "“20万元”：数字后写了单位“万元”"),
        ],
        unplaced=0,
    ),
}


def expected_report_matches(result, spec):
    report = result.report
    assert report.template == spec["template"]
    assert report.meta.organ == spec["organ"]
    assert report.meta.year == spec["year"]
    assert report.meta.report_date == spec["date"]
    assert report.meta.title == spec["title"]
    assert vars(report.meta.contact) == spec["contact"]
    # Every input cell: the numbers read off the sample, 0 everywhere else.
    values = report.values()
    for key in report.format.input_keys:
        assert values[key] == spec["cells"].get(key, 0), key
    assert report.cells == spec["cells"]
    assert [s.title for s in report.s1] == spec["s1"]
    assert all(s.body for s in report.s1)
    assert report.s5.startswith(spec["s5_start"])
    assert report.s6.startswith(spec["s6"])
    assert report.intro.startswith(spec["intro_start"])
    if not spec["intro_start"]:
        assert report.intro == ""


def assert_slips(result, spec):
    lines = [p.line() for p in result.problems]
    for kind, text in spec["slips"]:
        assert any(p.kind == kind and text in p.line() for p in result.problems), (text, lines)
    assert len(result.unplaced) == spec["unplaced"], lines
    assert not [p for p in result.problems if p.kind == TOTAL], lines


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_imports_into_right_cells(samples_dir, name):
    spec = SAMPLES[name]
    result = import_file(samples_dir / spec["file"])
    expected_report_matches(result, spec)
    assert_slips(result, spec)
    # The draft written from it reads back the same.
    assert dumps(loads(dumps(result.report))) == dumps(result.report)
    report_lines = render_import_report(result)
    assert report_lines[0].startswith("已导入：")
    assert any("表格数字" in line for line in report_lines)


def test_sample_000_s5_keeps_its_numbered_points(samples_dir):
    report = import_file(samples_dir / SAMPLES["000"]["file"]).report
    assert "一、加强组织领导，明确专人负责" in report.s5.splitlines()
    assert report.s6 == "2023年度甘坊镇人民政府无其他需要说明的事项。"  # signature and date not in the text


def test_sample_004_split_section_is_merged_into_five(samples_dir):
    report = import_file(samples_dir / SAMPLES["004"]["file"]).report
    lines = report.s5.splitlines()
    assert "下一步工作打算" in lines  # the stray heading, without its wrong number
    assert lines[-1].startswith("四是加强业务培训")
    assert report.s6 == "无其他需要报告事项。"


def test_encodings_and_bom(samples_dir, tmp_path):
    text = (samples_dir / SAMPLES["002"]["file"]).read_text(encoding="utf-8")
    plain = dumps(import_text(text).report)
    for name, data in (
        ("gb.txt", text.encode("gb18030")),
        ("bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("u16.txt", text.encode("utf-16")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        assert dumps(import_file(path).report) == plain, name


def test_pipe_separated_rows_read_like_tab_separated(samples_dir):
    text = (samples_dir / SAMPLES["001"]["file"]).read_text(encoding="utf-8")
    piped = "\n".join(
        "| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line for line in text.splitlines()
    )
    piped = piped.replace("\n| 一、本年新收", "\n|---|---|\n| 一、本年新收", 1)  # a Markdown separator row
    result = import_text(piped)
    assert result.report.cells == SAMPLES["001"]["cells"]
    assert len(result.unplaced) == SAMPLES["001"]["unplaced"]


def _numbered(text: str, fmt, skip=()):
    """The sample with every number of its tables replaced, in reading order, by distinct values."""
    from app.report import Meta, Report

    inputs = {}
    report = Report(template=fmt.id, meta=Meta())
    for i, key in enumerate(k for k in fmt.input_keys if k not in skip):
        value = Decimal(i + 1) / 4 if fmt.cells[key].kind == "money" else i + 1
        report.set_value(key, value)
        inputs[key] = report.cells[key]
    values = report.values()
    order = [k for k in fmt.cells if k not in skip]
    lines = text.split("\n")
    slots = [i for i, line in enumerate(lines) if line.startswith("\t") and line[1:].strip().isdigit()]
    assert len(slots) == len(order)
    for slot, key in zip(slots, order):
        lines[slot] = "\t" + str(values[key])
    return "\n".join(lines), inputs, dict(zip(order, slots))


@pytest.mark.parametrize("name, skip", [("003", ()), ("004", ("s2.procurement.amount",))])
def test_distinct_numbers_land_in_their_cells(samples_dir, name, skip):
    from app.formats import get_format

    spec = SAMPLES[name]
    fmt = get_format(spec["template"])
    text, inputs, _ = _numbered((samples_dir / spec["file"]).read_text(encoding="utf-8"), fmt, skip)
    result = import_text(text)
    expected = dict(inputs)
    expected.update({k: v for k, v in spec["cells"].items() if k in skip})
    assert result.report.cells == expected
    assert not [p for p in result.problems if p.kind in (TOTAL, UNPLACED)]


def test_published_total_disagreeing_with_parts_is_named(samples_dir):
    from app.formats import get_format

    fmt = get_format("2021")
    text, inputs, slots = _numbered((samples_dir / SAMPLES["003"]["file"]).read_text(encoding="utf-8"), fmt)
    lines = text.split("\n")
    right = int(lines[slots["s3.result_total.natural"]])
    lines[slots["s3.result_total.natural"]] = f"\t{right + 5}"
    result = import_text("\n".join(lines))
    totals = [p for p in result.problems if p.kind == TOTAL]
    assert len(totals) == 1
    message = totals[0].line()
    assert "（七）总计" in message and "自然人" in message
    assert f"报告中的合计为{right + 5}" in message and f"各项相加为{right}" in message
    assert result.report.value("s3.result_total.natural") == right  # the draft keeps the computed total
    assert result.report.cells == inputs


def test_cells_copied_one_per_line_without_tabs(samples_dir):
    """Some web pages copy as one cell per line with no tab and no blank line between rows."""
    from app.formats import get_format

    fmt = get_format("2021")
    text, inputs, _ = _numbered((samples_dir / SAMPLES["003"]["file"]).read_text(encoding="utf-8"), fmt)
    bare = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    assert "\t" not in bare
    result = import_text(bare)
    assert result.report.cells == inputs
    assert not [p for p in result.problems if p.kind in (TOTAL, UNPLACED)], [p.line() for p in result.problems]

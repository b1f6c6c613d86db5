"""The samples saved as Word files (official tables with merged cells) import to the same drafts."""

from __future__ import annotations

import re

import docx
import pytest

from app.draft import report_to_dict
from app.formats import get_format
from app.importer import SLIP, import_docx, import_file
from app.importer.blocks import Row, docx_blocks
from tests.import_helpers import write_docx
from tests.test_import_samples import SAMPLES, assert_slips

# Where each sample's table sections begin and end, and the slips its tables carry.
LAYOUT = {
    "000": dict(
        s5="5、 存在的主要问题及改进情况",
        slips=dict(labels={"行政规范性文件": "规范性文件"}, drop_rows={"other_other"}),
    ),
    "001": dict(s5="五、存在的主要问题及改进情况", slips={}),
    "002": dict(
        s5="五、存在的主要问题及改进情况",
        slips=dict(
            labels={"4.无正当理由大量反复申请": "4.无正当理由由大量反复申请"},
            texts={
                f"s3.{r}.{c}": ""
                for r in ("open", "partial")
                for c in ("natural", "business", "research", "nonprofit", "legal", "other")
            },
        ),
    ),
    "003": dict(s5="五、存在的主要问题及改进情况", slips=dict(labels={"行政规范性文件": "规范性文件"})),
    "004": dict(
        s5="五、存在的主要问题",
        slips=dict(labels={"本年新公开数量": "本年新\n公开数量"}, texts={"s2.procurement.amount": "20万元"}),
    ),
}
HEADINGS = {
    "s2": "二、主动公开政府信息情况",
    "s3": "三、收到和处理政府信息公开申请情况",
    "s4": "四、政府信息公开行政复议、行政诉讼情况",
}


def sample_as_docx(samples_dir, tmp_path, name):
    spec, layout = SAMPLES[name], LAYOUT[name]
    text_result = import_file(samples_dir / spec["file"])
    lines = [line.strip() for line in (samples_dir / spec["file"]).read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    start = next(i for i, line in enumerate(lines) if line.startswith(HEADINGS["s2"]))
    end = lines.index(layout["s5"])
    fmt = get_format(spec["template"])
    path = write_docx(
        tmp_path / f"{name}.docx", fmt, text_result.report, lines[:start], lines[end:], HEADINGS, **layout["slips"]
    )
    return path, text_result


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_docx_imports_to_the_same_draft(samples_dir, tmp_path, name):
    path, text_result = sample_as_docx(samples_dir, tmp_path, name)
    result = import_docx(path)
    assert report_to_dict(result.report) == report_to_dict(text_result.report)
    assert import_file(path).report.cells == text_result.report.cells  # found by content, not by name


@pytest.mark.parametrize("name", ["000", "002", "003", "004"])
def test_docx_table_slips_are_reported(samples_dir, tmp_path, name):
    path, _ = sample_as_docx(samples_dir, tmp_path, name)
    result = import_docx(path)
    spec = dict(SAMPLES[name])
    # Word locations differ from text line numbers: compare what was read and said, not where.
    spec["slips"] = [(kind, re.sub(r"^［[^］]*］", "", text)) for kind, text in spec["slips"]]
    assert_slips(result, spec)


def test_merged_cells_are_read_once(samples_dir, tmp_path):
    path, _ = sample_as_docx(samples_dir, tmp_path, "003")
    rows = [b for b in docx_blocks(path) if isinstance(b, Row)]
    s3_header = next(r for r in rows if "申请人情况" in r.cells)
    assert s3_header.cells.count("申请人情况") == 1  # one merged cell over seven grid columns
    applicants = next(r for r in rows if "自然人" in r.cells)
    assert applicants.cells.count("法人或其他组织") == 1
    deny_law = next(r for r in rows if "2.其他法律行政法规禁止公开" in r.cells)
    # 三、本年度办理结果 and （三）不予公开 merge downwards: below their first row they are blanks.
    assert deny_law.cells[:3] == ["", "", "2.其他法律行政法规禁止公开"]
    assert len(deny_law.cells) == 3 + 7
    s4_numbers = next(r for r in rows if len(r.cells) == 15 and all(c.isdigit() for c in r.cells))
    assert s4_numbers.where.endswith("第4行")


def test_a_table_typed_into_word_without_merges(tmp_path):
    """A clerk's own Word table: every cell filled in, tab-like, one row per line."""
    document = docx.Document()
    document.add_paragraph("某某镇人民政府2023年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("（一）主动公开情况")
    document.add_paragraph("本年主动公开信息12条。")
    document.add_paragraph("二、主动公开政府信息情况")
    table = document.add_table(rows=4, cols=4)
    for r, values in enumerate(
        [
            ["第二十条第(一)项", "", "", ""],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "0"],
            ["行政 规范性文件", "2", "1", "9"],
        ]
    ):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("队伍力量不足。")
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("本年度未收取信息处理费。")
    path = tmp_path / "typed.docx"
    document.save(str(path))
    result = import_docx(path)
    assert result.report.template == "2021"
    assert result.report.meta.organ == "某某镇人民政府"
    assert result.report.cells == {"s2.normative.issued": 2, "s2.normative.repealed": 1, "s2.normative.in_force": 9}
    assert [s.title for s in result.report.s1] == ["主动公开情况"]
    assert not [p for p in result.problems if p.kind == SLIP and "规范性文件" in p.line()]  # spaces are not a slip

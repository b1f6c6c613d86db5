"""`nianbao import`: drafts written and read back; anything that is not a report refused cleanly."""

from __future__ import annotations

import random

import docx
import pytest

from app.cli import main
from app.draft import load_draft
from app.importer import NotAReport, import_file, import_text
from tests.test_import_samples import SAMPLES

NEWS = """县政府召开春季农业生产工作会议

3月12日上午，县政府召开全县春季农业生产工作会议，总结去年农业农村工作，部署今年春耕备耕。
会议指出，要抓好粮食生产，稳定播种面积，确保春耕生产顺利开展。
一、抓好粮食生产
各乡镇要落实种粮补贴政策，做好农资供应。
二、加强农田水利建设
要加快推进高标准农田建设，抓好水利设施维修。
（记者 王某某）
"""


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_a_draft_and_prints_the_report(samples_dir, tmp_path, capsys):
    out = tmp_path / "甘坊镇2023.nianbao"
    code, stdout, stderr = run(["import", str(samples_dir / SAMPLES["000"]["file"]), "-o", str(out)], capsys)
    assert code == 0, stderr
    draft = load_draft(out)
    assert draft.meta.organ == "甘坊镇人民政府" and draft.meta.year == 2023 and draft.template == "2021"
    assert "已导入：" in stdout and "5、 存在的主要问题及改进情况" in stdout
    assert f"已生成草稿：{out}" in stdout
    assert "检查导入的草稿" in stdout and "国办公开办函〔2021〕30号" in stdout  # its preamble cites no format notice


def test_import_refuses_to_overwrite_without_force(samples_dir, tmp_path, capsys):
    out = tmp_path / "draft.nianbao"
    out.write_text("别的内容", encoding="utf-8")
    code, _, stderr = run(["import", str(samples_dir / SAMPLES["001"]["file"]), "-o", str(out)], capsys)
    assert code == 2 and "已存在" in stderr and "--force" in stderr
    assert out.read_text(encoding="utf-8") == "别的内容"
    code, _, stderr = run(["import", str(samples_dir / SAMPLES["001"]["file"]), "-o", str(out), "--force"], capsys)
    assert code == 0, stderr
    assert load_draft(out).cells == SAMPLES["001"]["cells"]


def test_import_docx_from_the_command_line(tmp_path, capsys):
    document = docx.Document()
    for text in (
        "某镇人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        "总体平稳。",
        "五、存在的主要问题及改进情况",
        "人手不足。",
        "六、其他需要报告的事项",
        "无。",
        "某镇人民政府",
        "2024年1月20日",
    ):
        document.add_paragraph(text)
    source = tmp_path / "报告.docx"
    document.save(str(source))
    out = tmp_path / "d.nianbao"
    code, stdout, stderr = run(["import", str(source), "-o", str(out)], capsys)
    assert code == 0, stderr
    draft = load_draft(out)
    assert (draft.meta.organ, draft.meta.report_date.isoformat(), draft.s5) == (
        "某镇人民政府",
        "2024-01-20",
        "人手不足。",
    )
    assert "没有找到这张表格" in stdout  # no tables: said, not guessed


@pytest.mark.parametrize(
    "name, content, said",
    [
        ("news.txt", NEWS.encode("utf-8"), "不是政府信息公开工作年度报告"),
        ("news-gbk.txt", NEWS.encode("gb18030"), "不是政府信息公开工作年度报告"),
        ("empty.txt", b"", "空文件"),
        ("blank.txt", b"\n  \n\t\n", "空文件"),
        ("junk.txt", random.Random(7).randbytes(4000), "不是文本文件"),
        ("junk-no-nul.txt", bytes(b for b in random.Random(8).randbytes(6000) if b)[:4000], None),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), ".doc"),
        ("broken.docx", b"PK\x03\x04" + bytes(200), "已损坏"),
        ("report.pdf", b"%PDF-1.7\n" + bytes(100), "无法读取PDF文件“report.pdf”：文件已损坏"),
    ],
)
def test_not_a_report_exits_2_without_a_draft(tmp_path, capsys, name, content, said):
    source = tmp_path / name
    source.write_bytes(content)
    out = tmp_path / "out.nianbao"
    code, stdout, stderr = run(["import", str(source), "-o", str(out)], capsys)
    assert code == 2
    assert not out.exists()
    assert stderr.startswith("nianbao: ") and stderr.count("\n") == 1  # one line, no traceback
    assert "Traceback" not in stderr and "内部错误" not in stderr
    if said:
        assert said in stderr


def test_missing_input_file(tmp_path, capsys):
    code, _, stderr = run(["import", str(tmp_path / "没有.txt"), "-o", str(tmp_path / "o.nianbao")], capsys)
    assert code == 2 and "找不到文件" in stderr
    assert not (tmp_path / "o.nianbao").exists()


def test_api_raises_not_a_report_with_a_chinese_message():
    with pytest.raises(NotAReport, match="不是政府信息公开工作年度报告"):
        import_text(NEWS)
    with pytest.raises(NotAReport):
        import_text("")


def test_api_reads_files_by_content(samples_dir, tmp_path):
    path = tmp_path / "报告（无扩展名）"
    path.write_bytes((samples_dir / SAMPLES["002"]["file"]).read_bytes())
    assert import_file(path).report.cells == SAMPLES["002"]["cells"]

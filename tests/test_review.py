"""The county office's review (app.review, `nianbao review`, workbook and 审核意见 PDF) on a folder
built from the samples: drafts, exporter-made DOCX/HTML/PDF, corrupt files, a duplicate organ,
a report of another year and last year's folder (tests/review_folder.py)."""

import os
import re
import threading
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pypdf
import pytest

from app import review
from app.cli import main
from app.review import ACROSS, IMPORT_NOTE, finding_lines, organ_key, review_folder
from app.review_pdf import write_review_pdf
from app.review_xlsx import FINDING_HEADINGS, SUMMARY_HEADINGS, write_workbook
from tests.conftest import REPO


def snapshot(folder):
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


@pytest.fixture(scope="module")
def county(county_folders):
    this, last = county_folders
    root = this.parent
    before = snapshot(this), snapshot(last)
    result = review_folder(this, last)
    assert (
        snapshot(this),
        snapshot(last),
    ) == before  # nothing written next to the reports
    return root, result


def rows_by_name(result):
    return {row.path.name: row for row in result.rows}


def rules(row):
    return {f.rule for f in row.findings}


def test_one_row_per_report_file_unreadable_ones_with_the_reason(county):
    _, result = county
    rows = rows_by_name(result)
    assert sorted(rows) == sorted(
        [
            "轵城镇.nianbao",
            "甘坊镇.nianbao",
            "赤岸镇.docx",
            "宋埠镇.pdf",
            "甘坊镇政府.html",
            "九皋镇.nianbao",
            "坏.nianbao",
            "坏.docx",
        ]
    )
    assert result.skipped == ["说明.xlsx"]
    assert "不是有效的草稿" in rows["坏.nianbao"].problem
    assert "坏.docx" in rows["坏.docx"].problem and "损坏" in rows["坏.docx"].problem
    assert finding_lines(rows["坏.docx"])[0].kind == "无法读取"
    pdf = rows["宋埠镇.pdf"]  # written by the PDF exporter, read back by the PDF import
    assert pdf.readable and pdf.kind_label == "PDF" and pdf.organ == "宋埠镇人民政府"
    assert (pdf.year, pdf.figures["新收"], pdf.figures["办结"]) == (2023, 6, 6)


def test_rows_hold_organ_year_format_figures_and_checks(county):
    _, result = county
    rows = rows_by_name(result)
    zc = rows["轵城镇.nianbao"]
    assert (zc.organ, zc.year, zc.kind) == ("轵城镇人民政府", 2023, review.DRAFT)
    assert "2021" in zc.format_name
    assert {
        k: zc.figures[k]
        for k in (
            "新收",
            "上年结转",
            "办结",
            "结转下年",
            "复议",
            "诉讼",
            "规范性文件现行有效",
        )
    } == {
        "新收": 6,
        "上年结转": 2,
        "办结": 8,
        "结转下年": 0,
        "复议": 0,
        "诉讼": 0,
        "规范性文件现行有效": 5,
    }
    assert zc.figures["收费"] == Decimal(0)
    gf = rows["甘坊镇.nianbao"]
    assert gf.errors == 1 and "s3.balance" in rules(gf)
    jg = rows["九皋镇.nianbao"]  # format 2019 has neither 现行有效 nor a fee amount
    assert jg.year == 2020 and jg.figures["规范性文件现行有效"] is None and jg.figures["收费"] is None
    docx = rows["赤岸镇.docx"]
    assert docx.kind == review.PUBLISHED and docx.organ == "赤岸镇人民政府" and docx.figures["新收"] == 6


def test_import_notes_of_a_published_file_are_kept(tmp_path, county):
    folder = tmp_path / "本年"
    folder.mkdir()
    text = (REPO / "tests" / "review_folder.py").read_text(encoding="utf-8")  # not a report
    (folder / "误放.txt").write_text(text, encoding="utf-8")
    sample = county[0] / "2023" / "甘坊镇政府.html"
    html = sample.read_text(encoding="utf-8").replace("<td>6</td>", "<td>6件</td>", 1)
    (folder / "改.html").write_text(html, encoding="utf-8")
    result = review_folder(folder)
    rows = rows_by_name(result)
    assert not rows["误放.txt"].readable and rows["误放.txt"].problem
    changed = rows["改.html"]
    assert changed.readable
    notes = [line for line in finding_lines(changed) if line.kind == IMPORT_NOTE]
    assert notes == [line for line in notes if line.message in changed.import_notes]
    assert changed.import_notes == [line.message for line in notes]


def test_last_years_reports_matched_by_organ_name(county):
    _, result = county
    rows = rows_by_name(result)
    assert rows["轵城镇.nianbao"].previous.path.name == "轵城镇2022.nianbao"
    assert rows["甘坊镇政府.html"].previous.path.name == "甘坊镇2022.nianbao"  # 甘坊镇政府 = 甘坊镇人民政府
    assert rows["赤岸镇.docx"].previous is None and "没有同一机关" in rows["赤岸镇.docx"].match_note
    assert "机关名称相同" in rows["轵城镇.nianbao"].match_note
    notes = "\n".join(result.notes)
    assert "上年有报告、本年文件夹中没有的机关：桃川乡人民政府" in notes
    assert "赤岸镇人民政府" in notes and "坏.txt" in notes
    assert organ_key("甘坊镇 人民政府") == organ_key("甘坊镇政府") == organ_key("甘坊镇")


def test_carry_over_in_force_and_copied_text_against_last_year(county):
    _, result = county
    rows = rows_by_name(result)
    zc = rows["轵城镇.nianbao"]
    assert {"s3.carry-over", "s2.in-force-carry"} <= rules(zc)
    carry = next(f for f in zc.findings if f.rule == "s3.carry-over")
    assert "为2" in carry.message and "为3" in carry.message
    assert 0 < zc.repeated_share < 1
    gf = rows["甘坊镇.nianbao"]
    assert gf.repeated_share == 1.0 and "text.repeated" in rules(gf)
    assert rows["赤岸镇.docx"].repeated_share is None


def test_duplicate_organ_other_year_and_county_total(county):
    _, result = county
    rows = rows_by_name(result)
    dup = next(n for n in result.notes if "有2份" in n)
    assert "甘坊镇.nianbao" in dup and "甘坊镇政府.html" in dup
    assert any(line.kind == ACROSS and "有2份" in line.message for line in finding_lines(rows["甘坊镇政府.html"]))
    assert any("2020年度" in n for n in rows["九皋镇.nianbao"].notes)
    assert result.year == 2023
    counted = {r.path.name for r in result.counted}
    expected = {"轵城镇.nianbao", "甘坊镇.nianbao", "赤岸镇.docx", "宋埠镇.pdf"}
    assert counted == expected
    assert result.totals["新收"] == sum(rows[n].figures["新收"] for n in expected) == 6 + 2 + 6 + 6


def test_progress_and_cancel(tmp_path, county):
    root, _ = county
    seen = []
    stop = threading.Event()

    def progress(done, total, name):
        seen.append((done, total, name))
        if done == 2:
            stop.set()

    result = review_folder(root / "2023", root / "2022", progress=progress, cancel=stop)
    assert result.cancelled and len(result.rows) == 2
    assert seen[0] == (0, 8, "九皋镇.nianbao")
    full = []
    review_folder(root / "2023", progress=lambda *a: full.append(a))
    assert full[-1] == (8, 8, "")


def test_files_too_large_or_not_regular_are_rows_never_read(tmp_path, monkeypatch):
    folder = tmp_path / "本年"
    folder.mkdir()
    (folder / "大.docx").write_bytes(b"PK\x03\x04" + b"\0" * 5000)
    os.mkfifo(folder / "管道.nianbao")  # reading it would block forever
    (folder / "链接.nianbao").symlink_to(folder / "不存在.nianbao")
    from app.importer import core

    monkeypatch.setattr(core, "MAX_IMPORT_FILE", 4096)  # the importer's own limit, in app/limits.py
    rows = rows_by_name(review_folder(folder))
    assert "太大" in rows["大.docx"].problem and "4 KB" in rows["大.docx"].problem
    assert "不是普通文件" in rows["管道.nianbao"].problem
    assert "找不到文件" in rows["链接.nianbao"].problem


def test_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(review.ReviewError, match="找不到文件夹"):
        review_folder(tmp_path / "没有")


def run_cli(capsys, *args):
    """In-process (the fonts are loaded once per test run); the exit status and both streams."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return SimpleNamespace(returncode=code, stdout=out, stderr=err)


def test_cli_prints_the_table_and_writes_both_outputs(county, tmp_path, capsys):
    root, _ = county
    xlsx, pdf = tmp_path / "审阅.xlsx", tmp_path / "审核意见.pdf"
    done = run_cli(
        capsys,
        "review",
        str(root / "2023"),
        "--previous",
        str(root / "2022"),
        "--xlsx",
        str(xlsx),
        "--pdf",
        str(pdf),
    )
    assert done.returncode == 1, done.stderr  # errors and unreadable files
    out = done.stdout
    assert out.startswith("共8份报告")
    header = next(line for line in out.splitlines() if line.startswith("序号"))
    assert "新收" in header and "规范性文件现行有效" in header
    zc = next(line for line in out.splitlines() if "轵城镇人民政府" in line and "轵城镇.nianbao" in line)
    assert re.search(r"3个提醒\s+2022\s+6\s+2\s+8\s+0\s+0\s+0\s+5\s+0", zc)
    assert "合计（" in out and xlsx.exists() and pdf.exists()


def test_cli_exit_status(tmp_path, county, capsys):
    root, _ = county
    assert run_cli(capsys, "review", str(tmp_path / "没有")).returncode == 2
    missing_last = run_cli(capsys, "review", str(root / "2023"), "--previous", str(tmp_path / "没有"))
    assert missing_last.returncode == 2 and "找不到文件夹" in missing_last.stderr
    empty = tmp_path / "空"
    empty.mkdir()
    done = run_cli(capsys, "review", str(empty))
    assert done.returncode == 2 and "没有报告" in done.stderr
    inside = run_cli(capsys, "review", str(root / "2023"), "--pdf", str(root / "2023" / "意见.pdf"))
    assert inside.returncode == 2 and "不能保存在被审阅的文件夹" in inside.stderr
    good = tmp_path / "好"
    good.mkdir()
    (good / "赤岸镇.docx").write_bytes((root / "2023" / "赤岸镇.docx").read_bytes())
    assert run_cli(capsys, "review", str(good)).returncode == 0


def test_workbook_read_back(county, tmp_path):
    _, result = county
    path = tmp_path / "审阅.xlsx"
    write_workbook(result, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["汇总", "问题清单", "上年对照"]
    ws = wb["汇总"]
    assert tuple(c.value for c in ws[1]) == SUMMARY_HEADINGS
    assert ws.freeze_panes == "E2" and wb["问题清单"].freeze_panes == "A2"
    assert ws.column_dimensions["D"].width == 22 and wb["问题清单"].column_dimensions["H"].width == 80
    col = {h: i for i, h in enumerate(SUMMARY_HEADINGS)}
    lines = {r[col["文件"]]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[col["文件"]]}
    zc = lines["轵城镇.nianbao"]
    assert (
        zc[col["机关"]],
        zc[col["年度"]],
        zc[col["新收"]],
        zc[col["上年结转"]],
        zc[col["规范性文件现行有效"]],
    ) == ("轵城镇人民政府", 2023, 6, 2, 5)
    assert zc[col["上年报告"]] == "轵城镇2022.nianbao"
    assert lines["坏.nianbao"][col["状态"]] == "无法读取" and "不是有效的草稿" in lines["坏.nianbao"][col["说明"]]
    total = next(r for r in ws.iter_rows(min_row=2, values_only=True) if str(r[col["机关"]]).startswith("全县合计"))
    assert total[col["新收"]] == result.totals["新收"]
    findings = [dict(zip(FINDING_HEADINGS, r)) for r in wb["问题清单"].iter_rows(min_row=2, values_only=True)]
    carry = next(f for f in findings if f["规则"] == "s3.carry-over")
    assert carry["机关"] == "轵城镇人民政府" and carry["部分"].startswith("三、")
    assert "上年结转" in carry["单元格"] and "相差1" in carry["说明"]
    assert sum(f["类别"] == "错误" for f in findings) == result.errors
    matches = list(wb["上年对照"].iter_rows(min_row=2, values_only=True))
    assert (
        "桃川乡人民政府",
        None,
        "桃川乡2022.nianbao",
        2022,
        "本年文件夹中没有同一机关的报告",
    ) in matches


def test_review_pdf_read_back(county, tmp_path):
    _, result = county
    path = tmp_path / "审核意见.pdf"
    pages = write_review_pdf(result, path)
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == pages >= 2
    assert (
        float(reader.pages[0].mediabox.width),
        float(reader.pages[0].mediabox.height),
    ) == pytest.approx((595.28, 841.89), abs=0.05)
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert "2023年度政府信息公开工作年度报告审核意见" in text
    for needle in (
        "一、审核概况",
        "二、主要数字",
        "三、逐份审核意见",
        "轵城镇人民政府",
        "桃川乡人民政府",
        "—1—",
        "—2—",
    ):
        assert needle in text, needle
    carry = next(f for f in rows_by_name(result)["轵城镇.nianbao"].findings if f.rule == "s3.carry-over")
    assert re.sub(r"\s+", "", carry.message) in text
    assert "不是有效的草稿" in text
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded TrueType, no base-14 font


def test_at_most_max_files_are_read_the_rest_named(tmp_path, county, monkeypatch):
    root, _ = county
    monkeypatch.setattr(review, "MAX_REVIEW_FILES", 3)
    seen = []
    result = review_folder(root / "2023", root / "2022", progress=lambda *a: seen.append(a[2]))
    assert [r.path.name for r in result.rows] == [
        "九皋镇.nianbao",
        "坏.docx",
        "坏.nianbao",
    ]
    assert "宋埠镇.pdf" in result.skipped and "说明.xlsx" in result.skipped
    assert any("上限" in line for line in review.summary_lines(result))
    assert "上年：桃川乡2022.nianbao" in seen  # last year's folder is read with progress too


def test_worker_processes_read_the_same_rows(county):
    root, result = county
    pooled = review_folder(root / "2023", root / "2022", pool=True)
    assert [
        (
            r.path.name,
            r.organ,
            r.problem,
            r.figures,
            [f.rule for f in r.findings],
            r.match_note,
        )
        for r in pooled.rows
    ] == [
        (
            r.path.name,
            r.organ,
            r.problem,
            r.figures,
            [f.rule for f in r.findings],
            r.match_note,
        )
        for r in result.rows
    ]
    assert pooled.totals == result.totals and pooled.notes == result.notes
    stop = threading.Event()
    cancelled = review_folder(
        root / "2023",
        root / "2022",
        pool=True,
        cancel=stop,
        progress=lambda *a: stop.set(),
    )
    assert cancelled.cancelled and len(cancelled.rows) < len(result.rows)


def test_a_pool_that_cannot_start_falls_back_to_this_process(county, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from app import review_pool

    class NoPool:
        def __init__(self, *args, **kwargs):
            pass

        def submit(self, *args):
            raise BrokenProcessPool("no worker could start")

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(review_pool, "ProcessPoolExecutor", NoPool)
    root, result = county
    pooled = review_folder(root / "2023", pool=True)
    assert [(r.path.name, r.problem) for r in pooled.rows] == [(r.path.name, r.problem) for r in result.rows]

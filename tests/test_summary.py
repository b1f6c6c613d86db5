"""`nianbao summary`: the county roll-up over good, faulty and unreadable drafts."""

import csv
import io
import subprocess
import sys
from decimal import Decimal

import pytest

from app.cli import main
from app.draft import save_draft
from app.formats import get_format
from app.report import new_report
from tests.conftest import REPO


def township(name, year=2023, template=None, **cells):
    report = new_report(name, year, template)
    for key, value in cells.items():
        report.set_value(key.replace("__", "."), value)
    return report


@pytest.fixture
def county(tmp_path):
    """Three good drafts (two 2021-format, one 2019-format), one with a balance error, two unreadable."""
    folder = tmp_path / "县汇总"
    folder.mkdir()
    save_draft(
        township(
            "甘坊镇人民政府",
            s3__new__natural=3,
            s3__open__natural=3,
            s2__punishment__decisions=74,
            s2__fee__amount=Decimal("0.5"),
        ),
        folder / "甘坊.nianbao",
    )
    save_draft(
        township(
            "赤岸镇人民政府",
            s3__new__natural=2,
            s3__new__legal=1,
            s3__open__natural=2,
            s3__open__legal=1,
            s4__review__upheld=1,
            s2__fee__amount=Decimal("1.25"),
        ),
        folder / "赤岸.nianbao",
    )
    # error: 2 new applications, nothing answered, nothing carried over
    save_draft(township("宋埠镇人民政府", s3__new__natural=2, s4__suit_direct__pending=1), folder / "宋埠.nianbao")
    save_draft(
        township(
            "九皋镇人民政府", 2020, "2019", s2__punishment__decisions=5, s2__procurement__amount=Decimal("2406.2243")
        ),
        folder / "九皋.nianbao",
    )
    (folder / "坏.nianbao").write_text('{"format": "nianbao-draft", "version": 1', encoding="utf-8")
    (folder / "外来.nianbao").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "说明.txt").write_text("not a draft", encoding="utf-8")  # not picked up from the folder
    return folder


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=REPO, capture_output=True, text=True)


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel and WPS
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_roll_up_lines_exit_status_and_csv(county, tmp_path):
    out = tmp_path / "汇总.csv"
    result = run_cli("summary", str(county), "--csv", str(out))
    assert result.returncode == 1, result.stderr  # one draft has errors, two are unreadable
    lines = result.stdout.splitlines()
    assert lines[0] == "共6份草稿：可读取4份，无法读取2份。"
    by_name = {line.rsplit("| ", 1)[-1]: line for line in lines if line.startswith("[") and "|" in line}
    assert set(by_name) == {"甘坊.nianbao", "赤岸.nianbao", "宋埠.nianbao", "九皋.nianbao"}
    assert "甘坊镇人民政府 2023年 格式2021 错误0" in by_name["甘坊.nianbao"]
    assert "新收申请3 结转下年0 行政处罚74 行政复议0 行政诉讼0" in by_name["甘坊.nianbao"]
    assert "新收申请3 结转下年0 行政处罚0 行政复议1 行政诉讼0" in by_name["赤岸.nianbao"]
    assert "错误1" in by_name["宋埠.nianbao"] and "行政诉讼1" in by_name["宋埠.nianbao"]
    assert "九皋镇人民政府 2020年 格式2019" in by_name["九皋.nianbao"]
    unreadable = [line for line in lines if "无法读取：" in line]
    assert len(unreadable) == 2
    assert any("坏.nianbao" in line and "损坏" in line for line in unreadable)
    assert any("外来.nianbao" in line and "UTF-8" in line for line in unreadable)
    assert (
        "合计（2021年版格式（国办公开办函〔2021〕30号），3份，2023年）：新收申请8 结转下年0 行政处罚74 行政复议1 行政诉讼1"
        in lines
    )

    rows = read_csv(out)
    header = rows[0]
    assert header[:7] == ["格式", "单元格", "部分", "表", "行", "列", "合计"]
    assert sorted(header[7:]) == sorted(
        ["甘坊镇人民政府（甘坊.nianbao）", "赤岸镇人民政府（赤岸.nianbao）", "宋埠镇人民政府（宋埠.nianbao）"]
    )
    fmt2021 = get_format("2021")
    block = rows[1 : 1 + len(fmt2021.cells)]
    assert [r[1] for r in block] == list(fmt2021.cells)  # every cell, in format order
    cell = {r[1]: r for r in block}
    assert cell["s3.new.total"][6] == "8"
    assert cell["s3.new.natural"][6] == "7" and cell["s3.new.legal"][6] == "1"
    assert cell["s2.fee.amount"][6] == "1.75"  # money added exactly
    assert cell["s4.suit_direct.total"][6] == "1"
    new_row = cell["s3.new.natural"]
    assert new_row[3:6] == ["", "一、本年新收政府信息公开申请数量", "申请人情况 自然人"]
    assert cell["s3.deny_secret.total"][4] == "三、本年度办理结果 （三）不予公开 1.属于国家秘密"
    assert cell["s2.punishment.decisions"][2:4] == ["二、主动公开政府信息情况", "第二十条第（六）项"]
    for r in block:  # the total is the sum of the drafts' columns
        assert Decimal(r[6]) == sum(Decimal(x) for x in r[7:]), r
    # the 2019-format draft is summed on its own, after an empty line
    start = 1 + len(fmt2021.cells) + 1
    assert rows[start][7:] == ["九皋镇人民政府（九皋.nianbao）"]
    cell2019 = {r[1]: r for r in rows[start + 1 :] if len(r) > 1}
    assert set(cell2019) == set(get_format("2019").cells)
    assert cell2019["s2.procurement.amount"][6] == "2406.2243"
    assert cell2019["s2.punishment.decisions"][6] == "5"


def test_all_good_drafts_exit_zero_and_patterns_are_expanded(county, tmp_path, capsys):
    for bad in ("坏", "外来", "宋埠"):
        (county / f"{bad}.nianbao").unlink()
    # the Windows prompt does not expand *.nianbao; the command does
    assert main(["summary", str(county / "*.nianbao")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "共3份草稿：可读取3份，无法读取0份。"


def test_same_organ_twice_is_pointed_out(county, capsys):
    save_draft(township("甘坊镇人民政府"), county / "甘坊-第二版.nianbao")
    main(["summary", str(county / "甘坊.nianbao"), str(county / "甘坊-第二版.nianbao")])
    assert "注意：甘坊镇人民政府2023年有2份草稿" in capsys.readouterr().out


def test_nothing_readable_is_exit_2(tmp_path, capsys):
    assert main(["summary", str(tmp_path / "missing.nianbao"), "--csv", str(tmp_path / "x.csv")]) == 2
    captured = capsys.readouterr()
    assert "没有可以读取的草稿" in captured.err and "missing.nianbao" in captured.out
    assert not (tmp_path / "x.csv").exists()


def test_csv_that_cannot_be_written_is_exit_2(county, tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "汇总.csv"
    assert main(["summary", str(county / "甘坊.nianbao"), "--csv", str(target)]) == 2
    assert "无法" in capsys.readouterr().err


def test_csv_over_an_input_draft_is_refused(county, capsys):
    draft = county / "甘坊.nianbao"
    before = draft.read_bytes()
    assert main(["summary", str(draft), "--csv", str(draft)]) == 2
    assert "同一个文件" in capsys.readouterr().err
    assert draft.read_bytes() == before

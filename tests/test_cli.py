import json
import subprocess
import sys

from app.cli import main
from app.draft import load_draft, save_draft
from tests.conftest import REPO
from tests.sample_reports import sample_001, sample_002


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_writes_an_all_zero_draft(tmp_path, capsys):
    out = tmp_path / "gf.nianbao"
    code, text, _ = run(
        capsys, "new", "--template", "2021", "--year", "2023", "--organ", "甘坊镇人民政府", "-o", str(out)
    )
    assert code == 0 and "甘坊镇人民政府2023年政府信息公开工作年度报告" in text
    report = load_draft(out)
    assert report.template == "2021" and report.meta.year == 2023
    assert all(v == 0 for v in report.values().values())
    assert [s.title for s in report.s1] == [
        "主动公开情况",
        "依申请公开情况",
        "政府信息管理情况",
        "政府信息公开平台建设情况",
        "监督保障情况",
    ]
    assert "甘坊镇人民政府" in report.intro and "2023年1月1日" in report.intro


def test_new_template_defaults_by_year_and_never_overwrites(tmp_path, capsys):
    out = tmp_path / "d.nianbao"
    assert run(capsys, "new", "--year", "2020", "--organ", "九皋镇人民政府", "-o", str(out))[0] == 0
    assert load_draft(out).template == "2019"
    before = out.read_bytes()
    code, _, err = run(capsys, "new", "--year", "2023", "--organ", "x", "-o", str(out))
    assert code == 2 and "已存在" in err and out.read_bytes() == before


def test_check_exit_status_and_json(tmp_path, capsys):
    good, bad = tmp_path / "good.nianbao", tmp_path / "bad.nianbao"
    save_draft(sample_001(), good)
    broken = sample_001()
    broken.set_value("s3.new.legal", 5)
    broken.set_value("s3.open.legal", 4)
    save_draft(broken, bad)
    assert run(capsys, "check", str(good))[0] == 0
    code, text, _ = run(capsys, "check", str(bad))
    assert code == 1 and "法律服务机构列：一+二=5，三（七）+四=4，相差1" in text
    code, text, _ = run(capsys, "check", str(bad), "--json")
    data = json.loads(text)
    assert code == 1
    (balance,) = [f for f in data["findings"] if f["rule"] == "s3.balance"]
    assert balance["severity"] == "error" and "s3.new.legal" in balance["cells"]
    assert set(balance) == {"severity", "rule", "cells", "message", "section", "field"}


def test_check_with_warnings_only_exits_zero(tmp_path, capsys):
    path = tmp_path / "w.nianbao"
    report = sample_002()
    report.s5 = "无"
    save_draft(report, path)
    code, text, _ = run(capsys, "check", str(path))
    assert code == 0 and "s5.too-short" in text


def test_check_previous_year(tmp_path, capsys):
    last, this = tmp_path / "2023.nianbao", tmp_path / "2024.nianbao"
    previous = sample_001()
    previous.set_value("s3.new.natural", 8)
    previous.set_value("s3.carried_out.natural", 2)
    save_draft(previous, last)
    assert run(capsys, "new", "--from", str(last), "-o", str(this))[0] == 0
    report = load_draft(this)
    assert report.meta.year == 2024 and report.value("s3.carried_in.natural") == 2
    assert [s.title for s in report.s1] == [s.title for s in previous.s1]
    report.set_value("s3.carried_in.natural", 0)
    save_draft(report, this)
    code, text, _ = run(capsys, "check", str(this), "--previous", str(last))
    assert "s3.carry-over" in text


def test_unreadable_input_and_bad_arguments_give_one_line_and_status_2(tmp_path, capsys):
    junk = tmp_path / "junk.nianbao"
    junk.write_text("{", encoding="utf-8")
    for argv in (
        ["check", str(junk)],
        ["check", str(tmp_path / "none")],
        ["check"],
        ["frobnicate"],
        ["new", "--year", "x", "-o", "y"],
        ["check", str(junk), "--deadline", "13-45"],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert err.count("\n") == 1 and err.startswith("nianbao: "), (argv, err)
        assert "Traceback" not in err


def test_console_entry_runs_as_a_process(tmp_path):
    out = tmp_path / "p.nianbao"
    result = subprocess.run(
        [sys.executable, "-m", "app", "new", "--year", "2023", "--organ", "甘坊镇人民政府", "-o", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run([sys.executable, "-m", "app", "check", str(out)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0 and "0个错误" in result.stdout

"""Carry-over from last year's draft: `nianbao new --from` and `nianbao check --previous`."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from app.carry import report_from_previous
from app.checks import check_report
from app.cli import main
from app.draft import load_draft, save_draft
from app.report import Contact, Subsection, new_report
from tests.conftest import REPO


def last_year(year=2022, template=None):
    report = new_report("甘坊镇人民政府", year, template, Contact("党政办", "青云大道166号", "0795-4649001", "吴重宇"))
    report.s1 = [Subsection("主动公开"), Subsection("依申请公开"), Subsection("平台建设")]
    report.s1[0].body = "去年的正文不应带到今年。"
    report.s5 = "去年的问题"
    report.meta.report_date = dt.date(year + 1, 1, 10)
    report.meta.title = f"甘坊镇{year}年政府信息公开工作年度报告"
    # applications: 5 new (3 natural, 2 business); 2 answered; carried out 2 natural + 1 business
    report.set_value("s3.new.natural", 3)
    report.set_value("s3.new.business", 2)
    report.set_value("s3.open.natural", 1)
    report.set_value("s3.open.business", 1)
    report.set_value("s3.carried_out.natural", 2)
    report.set_value("s3.carried_out.business", 1)
    if report.template == "2021":
        report.set_value("s2.normative.in_force", 7)
        report.set_value("s2.punishment.decisions", 74)
    return report


def test_report_from_previous_copies_what_stays_and_carries_applications():
    prev = last_year()
    report = report_from_previous(prev)
    assert report.meta.year == 2023
    assert report.meta.organ == "甘坊镇人民政府"
    assert report.meta.contact == prev.meta.contact
    assert report.meta.contact is not prev.meta.contact
    assert [s.title for s in report.s1] == ["主动公开", "依申请公开", "平台建设"]
    assert all(s.body == "" for s in report.s1) and report.s5 == ""
    assert report.meta.report_date is None and report.meta.title is None
    assert "2023年1月1日" in report.intro and "0795-4649001" in report.intro
    values = report.values()
    for column in report.format.table("s3").columns:
        assert values[f"s3.carried_in.{column.key}"] == prev.values()[f"s3.carried_out.{column.key}"]
    assert values["s3.carried_in.total"] == 3
    assert values["s3.new.total"] == 0 and values["s2.punishment.decisions"] == 0
    assert values["s2.normative.in_force"] == 7  # nothing issued or repealed yet
    assert [f for f in check_report(report, previous=prev) if f.rule.startswith(("s3.carry", "s2.in-force"))] == []


def test_previous_on_old_format_carries_into_new_format():
    prev = last_year(2020, "2019")
    assert prev.template == "2019"
    report = report_from_previous(prev)
    assert (report.meta.year, report.template) == (2021, "2021")
    assert report.values()["s3.carried_in.natural"] == 2
    assert report.values()["s3.carried_in.business"] == 1


def test_empty_subsection_list_falls_back_to_format_titles():
    prev = last_year()
    prev.s1 = []
    report = report_from_previous(prev)
    assert [s.title for s in report.s1] == [d.title for d in report.format.section("s1").default_subsections]


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=REPO, capture_output=True, text=True)


def test_cli_new_from_previous_writes_carried_draft(tmp_path):
    save_draft(last_year(), tmp_path / "2022.nianbao")
    out = tmp_path / "2023.nianbao"
    assert main(["new", "--from", str(tmp_path / "2022.nianbao"), "-o", str(out), "--date", "2024-01-12"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["year"] == 2023 and data["meta"]["organ"] == "甘坊镇人民政府"
    assert data["meta"]["report_date"] == "2024-01-12"
    assert data["meta"]["contact"]["phone"] == "0795-4649001"
    assert [s["title"] for s in data["text"]["s1"]] == ["主动公开", "依申请公开", "平台建设"]
    assert data["cells"] == {"s3.carried_in.natural": 2, "s3.carried_in.business": 1, "s2.normative.in_force": 7}
    # and it does not overwrite without --force
    assert main(["new", "--from", str(tmp_path / "2022.nianbao"), "-o", str(out)]) == 2
    assert load_draft(out).meta.report_date == dt.date(2024, 1, 12)


def test_cli_new_from_refuses_a_year_it_could_not_reopen(tmp_path, capsys):
    save_draft(last_year(), tmp_path / "2022.nianbao")
    out = tmp_path / "bad.nianbao"
    assert main(["new", "--from", str(tmp_path / "2022.nianbao"), "--year", "2300", "-o", str(out)]) == 2
    assert "年度“2300”无效" in capsys.readouterr().err
    assert not out.exists()


def test_cli_new_from_unreadable_previous(tmp_path):
    (tmp_path / "junk.nianbao").write_text("{not json", encoding="utf-8")
    result = run_cli("new", "--from", str(tmp_path / "junk.nianbao"), "-o", str(tmp_path / "x.nianbao"))
    assert result.returncode == 2
    assert "junk.nianbao" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.nianbao").exists()


def carry_findings(report, prev):
    return [
        f
        for f in check_report(report, previous=prev)
        if f.rule in ("s3.carry-over", "s2.in-force-carry", "s3.carry-over-year")
    ]


def test_carry_over_mismatch_names_column_both_figures_and_difference():
    prev = last_year()
    report = report_from_previous(prev)
    report.set_value("s3.carried_in.natural", 5)  # last year carried out 2
    report.set_value("s3.carried_in.business", 0)  # last year carried out 1
    found = carry_findings(report, prev)
    assert [f.rule for f in found] == ["s3.carry-over", "s3.carry-over"]
    natural, business = found
    assert natural.cells == ("s3.carried_in.natural",) and natural.section == "s3"
    assert "自然人列" in natural.message and "为5" in natural.message and "为2" in natural.message
    assert "相差3" in natural.message
    assert "二、上年结转" in natural.message and "四、结转下年度继续办理" in natural.message
    assert "商业企业列" in business.message and "为0" in business.message and "为1" in business.message
    assert "相差1" in business.message
    assert all(f.severity == "warning" for f in found)


def test_in_force_must_follow_last_year_plus_issued_minus_repealed():
    prev = last_year()
    report = report_from_previous(prev)
    report.set_value("s2.normative.issued", 3)
    report.set_value("s2.normative.repealed", 1)
    (finding,) = carry_findings(report, prev)
    assert finding.rule == "s2.in-force-carry"
    assert "现行有效件数7" in finding.message and "应为9" in finding.message and "相差2" in finding.message
    report.set_value("s2.normative.in_force", 9)
    assert carry_findings(report, prev) == []


def test_previous_report_of_the_wrong_year_is_named():
    prev = last_year(2021)
    report = report_from_previous(last_year(2022))
    found = carry_findings(report, prev)
    assert found[0].rule == "s3.carry-over-year"
    assert "2021年度" in found[0].message and "应使用2022年度" in found[0].message


def test_no_carry_findings_without_previous():
    report = report_from_previous(last_year())
    report.set_value("s3.carried_in.natural", 9)
    assert carry_findings(report, None) == []


@pytest.mark.parametrize("as_json", [False, True])
def test_cli_check_previous_reports_mismatch(tmp_path, as_json):
    prev = last_year()
    save_draft(prev, tmp_path / "2022.nianbao")
    report = report_from_previous(prev)
    report.set_value("s3.carried_in.natural", 4)
    save_draft(report, tmp_path / "2023.nianbao")
    args = ["check", str(tmp_path / "2023.nianbao"), "--previous", str(tmp_path / "2022.nianbao")]
    result = run_cli(*args, *(["--json"] if as_json else []))
    if as_json:
        findings = json.loads(result.stdout)["findings"]
        carry = [f for f in findings if f["rule"] == "s3.carry-over"]
        assert len(carry) == 1 and carry[0]["cells"] == ["s3.carried_in.natural"]
        assert "相差2" in carry[0]["message"]
    else:
        assert "［s3.carry-over］自然人列" in result.stdout and "相差2" in result.stdout
    # without --previous the same draft has no carry-over finding
    plain = run_cli("check", str(tmp_path / "2023.nianbao"))
    assert "s3.carry-over" not in plain.stdout


def test_cli_check_with_unreadable_previous(tmp_path):
    save_draft(last_year(), tmp_path / "2022.nianbao")
    result = run_cli("check", str(tmp_path / "2022.nianbao"), "--previous", str(tmp_path / "missing.nianbao"))
    assert result.returncode == 2 and "missing.nianbao" in result.stderr

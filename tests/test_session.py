"""The editing session without Qt: a whole report written through it, every operation undone and redone."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from app.checks import ERROR
from app.draft import DraftError, load_draft, save_draft
from app.report import Contact, Subsection, default_intro, new_report
from app.session import EditingSession, converted


def _new(year=2023, template="2021"):
    return EditingSession(new_report("甘坊镇人民政府", year, template, Contact("党政办公室", "甘坊镇", "0791-1")))


def _balance_errors(session):
    return [f for f in session.findings if f.severity == ERROR and f.rule == "s3.balance"]


def test_a_whole_report_through_the_session_every_step_undone_and_redone(tmp_path):
    s = _new()
    fmt = s.report.format
    assert s.dirty and not s.can_undo  # a new report exists only in memory
    initial = copy_state(s)
    new_natural = fmt.application_key("new", fmt.applications_table.column("natural"))
    open_natural = f"{fmt.applications_table.id}.open.natural"
    snapshots = []

    def step(change):
        snapshots.append(copy_state(s))
        return change

    # basic info: the preamble follows it while untouched
    meta = dataclasses.replace(s.report.meta, report_date=dt.date(2024, 1, 20))
    c = step(s.update_meta(meta))
    assert c.texts == ("meta",) and c.step == "meta" and c.undoable
    meta = dataclasses.replace(s.report.meta, contact=Contact("党政办公室", "甘坊镇政府大院", "0791-2"))
    c = step(s.update_meta(meta))
    assert c.texts == ("meta", "intro") and "甘坊镇政府大院" in s.report.intro
    # a number that unbalances section 三, then the one that balances it
    c = step(s.set_cell(new_natural, 5))
    assert new_natural in c.cells and fmt.application_key("new") in c.cells  # totals named too
    assert c.step == "s3" and _balance_errors(s) and c.findings == s.findings
    c = step(s.set_cells({open_natural: 5}, "粘贴1个单元格"))
    assert not _balance_errors(s) and c.label == "粘贴1个单元格"
    # narrative: typing merges, a sub-section change is its own step
    for text in ("本", "本年", "本年度无问题。"):
        c = s.set_text("s5", text, typing=True)
    assert c.merged and s.history[-1] == "修改存在的主要问题及改进情况"
    step(c)
    subs = [Subsection("主动公开情况", "发布信息10条。")] + s.report.s1[1:]
    c = step(s.set_text("s1", subs))
    assert c.texts == ("s1",) and c.step == "s1"
    # the preamble edited by hand no longer follows the basic info
    c = step(s.set_text("intro", "本报告由甘坊镇人民政府编制。", typing=True))
    assert c.step == "meta"
    c = step(s.update_meta(dataclasses.replace(s.report.meta, organ="甘坊镇政府")))
    assert c.texts == ("meta",) and s.report.intro == "本报告由甘坊镇人民政府编制。"
    # another format, and back through undo
    c = step(s.change_format("2019"))
    assert c.report and s.report.template == "2019" and s.report.value(new_natural) == 5
    history = s.history
    assert len(history) == len(snapshots) == 9

    final = copy_state(s)
    for expected in reversed([initial, *snapshots[:-1]]):
        c = s.undo()
        assert copy_state(s) == expected, c.label
    assert not s.can_undo and s.dirty  # never saved: still unsaved
    for expected in snapshots:
        s.redo()
        assert copy_state(s) == expected
    assert copy_state(s) == final and not s.can_redo

    # saving makes it clean; undo back to the saved revision is clean again
    path = tmp_path / "甘坊镇2023.nianbao"
    c = s.save(path)
    assert c.path and not c.dirty and s.path == path
    assert load_draft(path).template == "2019"
    c = s.set_text("s6", "未收取信息处理费。")
    assert c.dirty
    c = s.undo()
    assert not c.dirty and not s.dirty
    c = s.redo()
    assert c.dirty
    s.undo()
    s.undo()  # before the save
    assert s.dirty
    s.set_text("s6", "另一段")  # the saved revision can no longer be reached
    assert s.dirty
    s.undo()
    assert s.dirty


def copy_state(s):
    r = s.report
    return (
        r.template,
        dataclasses.asdict(r.meta),
        r.intro,
        [dataclasses.asdict(x) for x in r.s1],
        r.s5,
        r.s6,
        dict(r.cells),
        tuple(f.message for f in s.findings),
    )


def test_typing_merges_only_in_one_field_and_not_across_a_save(tmp_path):
    s = _new()
    s.set_text("s5", "一", typing=True)
    s.set_text("s5", "一二", typing=True)
    s.set_text("s6", "三", typing=True)
    s.set_text("s6", "三四", typing=True)
    assert len(s.history) == 2
    s.save(tmp_path / "a.nianbao")
    s.set_text("s6", "三四五", typing=True)
    assert len(s.history) == 3  # the saved state stays a step of its own
    s.undo()
    assert s.report.s6 == "三四" and not s.dirty
    s.end_typing()
    s.set_text("s6", "三四六", typing=True)
    s.set_text("s6", "三四六七", typing=True)
    assert len(s.history) == 3 and s.report.s6 == "三四六七"


def test_undo_after_typing_then_typing_again_starts_a_new_step():
    s = _new()
    s.set_text("s5", "甲", typing=True)
    s.set_cell(s.report.format.application_key("new", s.report.format.applications_table.column("natural")), 1)
    s.undo()
    s.set_text("s5", "甲乙", typing=True)
    assert s.history == ("修改存在的主要问题及改进情况", "修改存在的主要问题及改进情况")


def test_regenerate_intro_is_a_step():
    s = _new()
    s.set_text("intro", "手写的开头")
    c = s.regenerate_intro()
    assert s.report.intro == default_intro(s.report.format, s.report.meta) and c.label == "重新生成开头说明"
    s.undo()
    assert s.report.intro == "手写的开头"


def test_format_conversion_names_what_is_lost():
    report = new_report("甘坊镇人民政府", 2023, "2021")
    report.set_value("s2.regulation.in_force", 3)
    report.set_value("s3.new.natural", 2)
    new, lost = converted(report, "2019")
    assert lost == ["s2.regulation.in_force"]
    assert new.cells == {"s3.new.natural": 2}
    assert "国办公开办函〔2019〕60号" in new.intro  # the generated preamble cites the new notice
    s = EditingSession(report)
    assert s.format_change_loses("2019") == ["s2.regulation.in_force"]


def test_last_years_draft_belongs_to_the_session(tmp_path):
    last = new_report("甘坊镇人民政府", 2022, "2021")
    last.set_value("s3.carried_out.natural", 2)
    last_path = tmp_path / "2022.nianbao"
    save_draft(last, last_path)
    s = _new()
    c = s.load_previous(last_path)
    assert c.previous and s.previous_path == last_path
    assert any(f.rule == "s3.carry-over" for f in s.findings)
    assert not s.can_undo  # not part of the report: not an undo step
    c = s.attach_previous(None)
    assert c.previous and s.previous is None and s.previous_path is None
    assert not any(f.rule == "s3.carry-over" for f in c.findings)
    bad = tmp_path / "bad.nianbao"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(DraftError):
        s.load_previous(bad)
    # new from last year: carried over, last year's stays attached
    c = s.new_from_previous(load_draft(last_path), last_path, report_date=dt.date(2024, 1, 15))
    assert c.report and c.previous and s.previous_path == last_path
    assert s.report.value("s3.carried_in.natural") == 2 and s.report.meta.year == 2023
    assert s.report.meta.report_date == dt.date(2024, 1, 15)
    assert s.dirty and s.path is None


def test_open_import_and_replace_start_a_new_history(tmp_path):
    path = tmp_path / "d.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023, "2021"), path)
    s = _new()
    s.set_text("s5", "x")
    c = s.open(path)
    assert c.report and c.path and not c.dirty and not s.can_undo and s.path == path
    imported = new_report("甘坊镇人民政府", 2022, "2021")
    imported.set_value("s3.carried_out.natural", 4)
    c = s.import_report(imported, as_previous=True)
    assert s.report.meta.year == 2023 and s.previous is imported and s.path is None and c.dirty
    assert s.report.value("s3.carried_in.natural") == 4
    c = s.import_report(imported)
    assert s.report is imported and s.previous is None
    assert c.dirty and s.dirty  # imported: exists only in memory


def test_money_cells_and_findings_if():
    s = _new()
    fmt = s.report.format
    fee = next(k for k in fmt.input_keys if fmt.cells[k].kind == "money")
    s.set_cell(fee, Decimal("1.5"))
    assert s.report.value(fee) == Decimal("1.5")
    key = fmt.application_key("new", fmt.applications_table.column("natural"))
    assert key in s.findings_if(key, 3)
    assert key not in s.cell_findings  # nothing stored
    assert s.set_cells({key: 0}).nothing  # no change, no step
    assert not s.can_undo or s.history[-1] != "修改 " + fmt.cells[key].where


def test_paste_mapping_without_qt():
    from app.layout import section_grids
    from app.paste import block_rows, plan_paste

    fmt = new_report("甘坊镇人民政府", 2023, "2021").format
    table = fmt.applications_table
    (grid,) = section_grids(fmt, table.section, dict.fromkeys(fmt.cells, 0))
    origin = {(c.row, c.col): c.key for c in grid.cells}
    new_natural = fmt.application_key("new", table.column("natural"))
    start = next(pos for pos, key in origin.items() if key == new_natural)
    # natural person, four kinds of legal person, other, total: the total is skipped
    rows = block_rows("1\t2\tx\t0\t0\t0\t9\t7\r\n")
    plan = plan_paste(fmt, rows, start, (grid.n_rows, grid.n_cols), lambda r, c: origin.get((r, c)))
    assert plan.values[new_natural] == 1 and len(plan.values) == 5
    assert plan.skipped_totals == 1 and plan.outside == 1 and len(plan.refused) == 1
    assert plan.refused[0].startswith("第三部分")
    assert "1个合计单元格自动计算，已跳过" in plan.message and plan.problem


def test_which_generated_sentences_belong_where_is_named_in_the_format():
    from app.generated import kinds_for_subsection, source_section

    fmt = new_report("甘坊镇人民政府", 2023, "2021").format
    assert kinds_for_subsection(fmt, "（二）依申请公开情况") == ("applications", "appeals")
    assert kinds_for_subsection(fmt, "主动公开工作") == ("disclosure",)
    assert kinds_for_subsection(fmt, "监督保障情况") == ()
    assert source_section(fmt, "appeals") == fmt.appeals_table.section


def test_text_is_cleaned_on_the_way_in_so_it_can_always_be_saved(tmp_path):
    s = _new()
    s.set_text("s5", "半个字\ud800")
    s.set_text("s1", [Subsection("标题\udc00", "正文")])
    s.update_meta(dataclasses.replace(s.report.meta, organ="甘坊镇\ud83d"))
    assert s.report.s5 == "半个字\ufffd" and s.report.s1[0].title == "标题\ufffd"
    assert s.report.meta.organ == "甘坊镇\ufffd"
    s.save(tmp_path / "a.nianbao")  # would fail with a lone surrogate in the text
    assert load_draft(tmp_path / "a.nianbao").s5 == "半个字\ufffd"


def test_the_report_date_follows_the_year_while_untouched():
    from app.report import date_after_year_change, default_report_date

    assert default_report_date(2023, dt.date(2024, 1, 9)) == dt.date(2024, 1, 9)
    assert default_report_date(2023, dt.date(2026, 12, 2)) == dt.date(2024, 1, 15)
    assert default_report_date(2025, dt.date(2025, 12, 30)) == dt.date(2026, 1, 15)
    assert date_after_year_change(dt.date(2024, 1, 15), 2023, 2022, dt.date(2026, 1, 1)) == dt.date(2023, 1, 15)
    assert date_after_year_change(dt.date(2024, 2, 3), 2023, 2022, dt.date(2026, 1, 1)) == dt.date(2024, 2, 3)
    assert date_after_year_change(None, 2023, 2022) is None
    s = EditingSession(new_report("甘坊镇人民政府", 2023, report_date=default_report_date(2023)))
    s.update_meta(dataclasses.replace(s.report.meta, year=2024))
    assert s.report.meta.report_date == default_report_date(2024)
    s.update_meta(dataclasses.replace(s.report.meta, report_date=dt.date(2025, 1, 3)))
    s.update_meta(dataclasses.replace(s.report.meta, year=2023))
    assert s.report.meta.report_date == dt.date(2025, 1, 3)
    s.undo()
    assert s.report.meta.year == 2024


def test_committing_the_previewed_value_reuses_its_check_and_nothing_else_does(monkeypatch):
    import app.session

    s = _new()
    fmt = s.report.format
    key = fmt.application_key("new", fmt.applications_table.column("natural"))
    calls = []
    real = app.session.check_report
    monkeypatch.setattr(app.session, "check_report", lambda *a: calls.append(1) or real(*a))

    def fresh():
        return tuple(real(s.report, s.previous, s.settings))

    preview = s.findings_if(key, 5)
    assert key in preview and len(calls) == 1  # 5 new applications, 0 settled: a balance flag
    s.set_cell(key, 5)  # Enter commits what was typed: the preview's check stands
    assert len(calls) == 1 and s.findings == fresh() and s.cell_findings == preview

    s.findings_if(key, 7)
    s.set_cell(key, 8)  # another value than the one previewed: checked anew
    assert len(calls) == 3 and s.findings == fresh()

    s.findings_if(key, 9)
    s.set_text("s5", "本年度无复议诉讼。")  # another edit between preview and commit
    s.set_cell(key, 9)
    assert len(calls) == 6 and s.findings == fresh()

    s.findings_if(key, 3)
    s.undo()  # the preview is used once at most, and only for the report it was made for
    assert len(calls) == 8 and s.findings == fresh()
    s.set_cell(key, 3)
    assert len(calls) == 9 and s.findings == fresh()

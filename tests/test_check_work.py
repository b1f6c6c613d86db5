"""What each keystroke's check works out again, counted: the narrative's text boxes once per
narrative (not three times per check), and every cell's value as the format sums it."""

from decimal import Decimal

import app.narrative
from app.checks import check_report
from app.formats import MONEY
from app.report import Subsection, new_report
from app.session import EditingSession
from tests.export_reports import report_2021


def _values_as_summed(report):
    """Every cell as the format defines it, one cell at a time (Report.value)."""
    return {key: report.value(key) for key in report.format.cells}


def test_values_are_every_cell_in_format_order_totals_summed():
    report = report_2021()
    values = report.values()
    assert list(values) == list(report.format.cells)  # format order, computed cells included
    assert values == _values_as_summed(report)
    money = [k for k, c in report.format.cells.items() if c.kind == MONEY]
    assert money and all(isinstance(values[k], Decimal) for k in money)
    assert any(values[k] for k in report.format.computed_keys)  # a filled report's totals are not 0
    report.cells["no.such.cell"] = 5  # a key the format does not know is not a value
    assert "no.such.cell" not in report.values()


def test_the_narrative_is_split_into_text_boxes_once_while_only_cells_change(monkeypatch):
    calls = []
    real = app.narrative._text_fields
    monkeypatch.setattr(app.narrative, "_text_fields", lambda report: calls.append(1) or real(report))
    session = EditingSession(new_report("甘坊镇人民政府", 2023))
    key = session.report.format.application_key("new", session.report.format.applications_table.column("natural"))
    monkeypatch.setattr(app.narrative, "_last_fields", None)  # as if another report had been checked last
    calls.clear()
    for digit in range(1, 10):  # nine keystrokes in the grid: each one checks the report
        session.findings_if(key, digit)
        session.set_cell(key, digit)
    assert len(calls) == 1

    # the narrative changed (in place too): its boxes and the findings follow it
    session.report.s1.append(Subsection("依申请公开情况", "本年度收到申请5件。"))
    fields = app.narrative.text_fields(session.report)
    assert [f.field for f in fields][-3:] == [f"s1.{len(session.report.s1) - 1}", "s5", "s6"]
    assert fields[-3].text == "本年度收到申请5件。" and len(calls) == 2
    session.report.s1[-1].body = "本年度收到申请6件。"
    assert app.narrative.text_fields(session.report)[-3].text == "本年度收到申请6件。"
    assert check_report(session.report) == check_report(session.report)  # the same answer, asked again


def test_section_three_result_groups_are_worked_out_once_per_format(monkeypatch):
    calls = []
    real = app.narrative._outcome_groups
    monkeypatch.setattr(app.narrative, "_outcome_groups", lambda fmt: calls.append(fmt) or real(fmt))
    app.narrative.outcome_groups.cache_clear()
    report = report_2021()
    for _ in range(3):  # three keystrokes' checks
        check_report(report)
    assert calls == [report.format]
    assert dict(app.narrative.outcome_groups(report.format)) == real(report.format)
    app.narrative.outcome_groups.cache_clear()  # later tests get groups of the real function

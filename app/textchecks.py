"""Checks on the narrative: sums in the text, text against the tables, text copied from last year.

Pure functions from a check Context to Findings, run by app.checks.check_report.
`text_marks(report, previous)` gives the GUI the exact spans behind those findings
(field, start, end) so it can highlight them in the text editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from app.checks import WARNING, CheckSettings, Context, Finding
from app.narrative import quote, report_statements, report_sum_problems, table_value
from app.repetition import REPEAT_LIMIT, repetition
from app.report import Report


@dataclass(frozen=True)
class TextMark:
    """A span of a text field behind a finding: field as in Finding.field ("s1.0", "s5" …)."""

    field: str
    start: int
    end: int
    rule: str
    message: str


def _sum_issues(ctx: Context) -> Iterator[tuple[Finding, int, int]]:
    for tf, st in report_sum_problems(ctx.report):
        unit, total, parts = st.total.unit, st.total.value, st.parts_sum
        message = (
            f"{tf.name}：“{quote(st.text)}”中列出的各项相加为{parts}{unit}，"
            f"与总数{total}{unit}不一致，相差{abs(parts - total)}{unit}。"
        )
        yield Finding(WARNING, "text.sum", message, (), tf.section, tf.field), st.start, st.end


def _table_place(ctx: Context, keys: tuple[str, ...]) -> str:
    fmt = ctx.fmt
    cell = fmt.cells[keys[0]]
    number = fmt.section(cell.table.section).number
    if cell.table.section == "s3":
        return f"第{number}部分表格“{cell.row.label[-1]}”的总计"
    return f"第{number}部分表格中“{cell.column.label[0]}”的总计"


def _table_issues(ctx: Context) -> Iterator[tuple[Finding, int, int]]:
    for tf, st in report_statements(ctx.report):
        figure, keys = table_value(ctx.values, st.kind)
        if st.value == figure:
            continue
        if st.kind == "applications" and st.value == figure + ctx.values["s3.carried_in.total"]:
            continue  # "共办理申请N件" counting last year's carried-in ones too
        place = _table_place(ctx, keys)
        if st.negated:
            message = f"{tf.name}写“{quote(st.text, 50)}”，但{place}为{figure}。"
        else:
            message = f"{tf.name}写“{quote(st.text, 50)}”（{st.value}），但{place}为{figure}，相差{abs(st.value - figure)}。"
        yield Finding(WARNING, f"text.{st.kind}", message, keys, tf.section, tf.field), st.start, st.end


def check_text_sums(ctx: Context) -> list[Finding]:
    return [f for f, _, _ in _sum_issues(ctx)]


def check_text_tables(ctx: Context) -> list[Finding]:
    return [f for f, _, _ in _table_issues(ctx)]


def check_repetition(ctx: Context) -> list[Finding]:
    if ctx.previous is None:
        return []
    result = repetition(ctx.report, ctx.previous)
    if result.share <= REPEAT_LIMIT:
        return []
    shown = "；".join(f"“{quote(s.text, 40)}”" for s in result.repeated[:3])
    more = f"等{len(result.repeated)}句" if len(result.repeated) > 3 else ""
    message = (
        f"正文约{result.share:.0%}与上年报告相同或几乎相同（{len(result.sentences)}句中有{len(result.repeated)}句），"
        f"评议时会被视为照搬上年内容，请结合本年工作改写。重复的句子如：{shown}{more}。"
    )
    first = result.repeated[0]
    return [Finding(WARNING, "text.repeated", message, (), first.section, first.field)]


TEXT_CHECKS = (check_text_sums, check_text_tables, check_repetition)


def narrative_findings(ctx: Context) -> list[Finding]:
    return [f for check in TEXT_CHECKS for f in check(ctx)]


def text_marks(report: Report, previous: Report | None = None) -> list[TextMark]:
    """Spans to highlight: sums that do not add up, statements the tables contradict and,
    when more than half is copied, the sentences repeated from last year."""
    ctx = Context(report, report.values(), CheckSettings(), previous, previous.values() if previous else None)
    marks = [TextMark(f.field, a, b, f.rule, f.message) for f, a, b in (*_sum_issues(ctx), *_table_issues(ctx))]
    for finding in check_repetition(ctx):
        for s in repetition(report, previous).repeated:
            marks.append(TextMark(s.field, s.start, s.end, finding.rule, f"与上年报告中的句子相同或几乎相同：“{quote(s.previous, 40)}”"))
    return sorted(marks, key=lambda m: (m.field, m.start))

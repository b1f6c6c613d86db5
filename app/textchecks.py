"""Checks on the narrative: sums in the text, text against the tables, text copied from last year.

Pure functions from a check Context to Findings, run by app.checks.check_report.
`text_marks(report, previous)` gives the GUI the exact spans behind those findings
(field, start, end) so it can highlight them in the text editors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.checks import WARNING, CheckSettings, Context, Finding
from app.cnnum import find_counts
from app.narrative import (
    TableStatement,
    quote,
    report_statements,
    report_sum_problems,
    sentence_spans,
    table_value,
    text_fields,
)
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


def _table_place(ctx: Context, st: TableStatement, keys: tuple[str, ...]) -> str:
    fmt = ctx.fmt
    cell = fmt.cells[keys[0]]
    number = fmt.section(cell.table.section).number
    if st.kind == "outcome":
        names = "”“".join(st.categories)
        return f"第{number}部分表格“{names}”的总计"
    if st.kind.endswith("_corrected"):
        groups = "、".join(dict.fromkeys("".join(fmt.cells[k].column.label[:-1]) for k in keys))
        return f"第{number}部分表格中{groups}的“结果纠正”"
    if cell.table is fmt.applications_table:
        return f"第{number}部分表格“{cell.row.label[-1]}”的总计"
    return f"第{number}部分表格中“{cell.column.label[0]}”的总计"


def _agrees(ctx: Context, st: TableStatement, figure: int) -> bool:
    if st.value == figure:
        return True
    if st.kind != "applications":
        return False
    received = figure + ctx.values[ctx.fmt.application_key("carried_in")]
    # "共办理申请N件" may count last year's carried-in ones too, or mean the ones answered
    answered, _ = table_value(ctx.fmt, ctx.values, TableStatement(st.field, "answered", 0, 0, 0, ""))
    return st.value == received or (st.handled and st.value == answered)


def _table_issues(ctx: Context) -> Iterator[tuple[Finding, int, int]]:
    for tf, st in report_statements(ctx.report):
        figure, keys = table_value(ctx.fmt, ctx.values, st)
        if not keys or _agrees(ctx, st, figure):
            continue
        place = _table_place(ctx, st, keys)
        if st.negated:
            message = f"{tf.name}写“{quote(st.text, 50)}”，但{place}为{figure}。"
        else:
            message = (
                f"{tf.name}写“{quote(st.text, 50)}”（{st.value}），但{place}为{figure}，相差{abs(st.value - figure)}。"
            )
        yield Finding(WARNING, f"text.{st.kind}", message, keys, tf.section, tf.field), st.start, st.end


def check_text_sums(ctx: Context) -> list[Finding]:
    return [f for f, _, _ in _sum_issues(ctx)]


def check_text_tables(ctx: Context) -> list[Finding]:
    return [f for f, _, _ in _table_issues(ctx)]


# "2023年度，" / "2023年，本单位…" / "2023年全年" as the period of a statement; a year
# followed by a month or day is an event's date, not the period.
_PERIOD = r"(?<![\d〔\[（(])({year})\s*年(?:度|全年|以来)?(?=\s*(?:[，,]|全年|以来|共|我|本|累计|通过|各|全))"
# Words that make a year one side of a comparison, not the report's own period.
_COMPARISON = re.compile(r"同比|较|比上年|上年度|上一年度|去年|相比|对比|增长|下降|增加|减少|持平|分别为|为.{0,12}本年")


def check_last_year_figures(ctx: Context) -> list[Finding]:
    """Figures stated for last year's period as if they were this year's: text carried over
    from last year's report and not updated. Section 五 (problems and how they were
    addressed) and comparisons legitimately speak of last year; plans name next year."""
    year = ctx.report.meta.year
    period = re.compile(_PERIOD.format(year=year - 1))
    findings = []
    for tf in text_fields(ctx.report):
        if tf.section in ("s5", "intro"):
            continue
        for start, end in sentence_spans(tf.text):
            sentence = tf.text[start:end]
            m = period.search(sentence)
            if not m or _COMPARISON.search(sentence) or str(year) in sentence:
                continue  # a comparison with this year, or of the two years
            if not any(c.exact for c in find_counts(sentence)):
                continue
            message = (
                f"{tf.name}写“{quote(sentence, 50)}”：本报告是{year}年度报告，这里说的却是{year - 1}年的情况，"
                "可能是上年报告留下的数字，请核对后改为本年度的数字。"
            )
            findings.append(Finding(WARNING, "text.last-year", message, (), tf.section, tf.field))
    return findings


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


TEXT_CHECKS = (check_text_sums, check_text_tables, check_last_year_figures, check_repetition)


def narrative_findings(ctx: Context) -> list[Finding]:
    return [f for check in TEXT_CHECKS for f in check(ctx)]


def text_marks(report: Report, previous: Report | None = None) -> list[TextMark]:
    """Spans to highlight: sums that do not add up, statements the tables contradict and,
    when more than half is copied, the sentences repeated from last year."""
    ctx = Context(report, report.values(), CheckSettings(), previous, previous.values() if previous else None)
    issues = (*_sum_issues(ctx), *_table_issues(ctx))  # each names the text field it was found in
    marks = [TextMark(f.field, a, b, f.rule, f.message) for f, a, b in issues if f.field is not None]
    if previous is not None:
        for finding in check_repetition(ctx):
            for s in repetition(report, previous).repeated:
                marks.append(
                    TextMark(
                        s.field,
                        s.start,
                        s.end,
                        finding.rule,
                        f"与上年报告中的句子相同或几乎相同：“{quote(s.previous, 40)}”",
                    )
                )
    return sorted(marks, key=lambda m: (m.field, m.start))

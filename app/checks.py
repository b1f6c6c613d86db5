"""Checks: pure functions from a report to findings.

Checks named in a format definition ("check": "balance" …) are looked up in
TABLE_CHECKS with their parameters from the definition; checks that hold for every
format (dates, title, preamble) are plain functions in GENERAL_CHECKS.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from app.formats import Format, all_formats
from app.report import INTRO_PLACEHOLDERS, TITLE_SUFFIX, Report
from app.values import Value

ERROR = "error"
WARNING = "warning"
SEVERITY_LABEL = {ERROR: "错误", WARNING: "提醒"}


@dataclass(frozen=True)
class Finding:
    severity: str
    rule: str
    message: str
    cells: tuple[str, ...] = ()
    section: str = ""  # "meta", "intro", "s1" … "s6": where the clerk goes to fix it
    field: str | None = None  # a text field ("s5", "intro", "meta.report_date") when not cells

    def as_json(self) -> dict:
        data = asdict(self)
        data["cells"] = list(self.cells)
        return data


@dataclass(frozen=True)
class CheckSettings:
    deadline: tuple[int, int] = (1, 31)  # month, day of the year after the report year
    township: bool | None = None  # None: decide from the organ's name


@dataclass
class Context:
    report: Report
    values: dict[str, Value]
    settings: CheckSettings
    previous: Report | None = None
    previous_values: dict[str, Value] | None = field(default=None)

    @property
    def fmt(self) -> Format:
        return self.report.format


# ---- checks parameterised by the format definition ---------------------------------


def check_balance(ctx: Context, spec: dict) -> list[Finding]:
    table = ctx.fmt.table(spec["table"])
    left = [table.row(k) for k in spec["left"]]
    right = [table.row(k) for k in spec["right"]]
    findings = []
    for column in table.columns:
        if column.sum_of:  # a total column balances whenever its parts do
            continue
        lkeys = [table.cell_key(r, column) for r in left]
        rkeys = [table.cell_key(r, column) for r in right]
        lsum = sum(ctx.values[k] for k in lkeys)
        rsum = sum(ctx.values[k] for k in rkeys)
        if lsum != rsum:
            lname = "+".join(r.short or r.key for r in left)
            rname = "+".join(r.short or r.key for r in right)
            message = f"{column.label[-1]}列：{lname}={lsum}，{rname}={rsum}，相差{abs(lsum - rsum)}"
            findings.append(
                Finding(spec.get("severity", ERROR), spec["id"], message, tuple(lkeys + rkeys), table.section)
            )
    return findings


def is_township(report: Report, settings: CheckSettings) -> bool:
    if settings.township is not None:
        return settings.township
    organ = report.meta.organ.strip()
    return bool(re.search(r"(乡|镇)(人民政府|政府)?$|街道(办事处)?$", organ))


def check_township_zero(ctx: Context, spec: dict) -> list[Finding]:
    if not is_township(ctx.report, ctx.settings):
        return []
    nonzero = tuple(k for k in spec["cells"] if k in ctx.values and ctx.values[k] != 0)
    if not nonzero:
        return []
    where = "、".join(ctx.fmt.cells[k].where for k in nonzero)
    message = f"乡镇（街道）没有制定规章的权限，但“规章”一行填了数字（{where}）。请核对是否应填在“行政规范性文件”一行。"
    return [
        Finding(spec.get("severity", WARNING), spec["id"], message, nonzero, ctx.fmt.cells[nonzero[0]].table.section)
    ]


def check_nonnegative_sum(ctx: Context, spec: dict) -> list[Finding]:
    findings = []
    for group in spec["groups"]:
        if not all(k in ctx.values for k in group):
            continue
        total = sum(ctx.values[k] for k in group)
        if total < 0:
            cells = [ctx.fmt.cells[k] for k in group]
            parts = "+".join(f"{c.column.label[-1]}{ctx.values[c.key]}" for c in cells)
            message = f"{cells[0].row.label[-1]}：{parts}={total}，本年项目数量不能为负数"
            findings.append(
                Finding(spec.get("severity", WARNING), spec["id"], message, tuple(group), cells[0].table.section)
            )
    return findings


def check_not_greater(ctx: Context, spec: dict) -> list[Finding]:
    findings = []
    for small, big in spec["pairs"]:
        if small in ctx.values and big in ctx.values and ctx.values[small] > ctx.values[big]:
            a, b = ctx.fmt.cells[small], ctx.fmt.cells[big]
            message = (
                f"{a.row.label[-1]}：{a.column.label[-1]}（{ctx.values[small]}）大于"
                f"{b.column.label[-1]}（{ctx.values[big]}），相差{ctx.values[small] - ctx.values[big]}"
            )
            findings.append(Finding(spec.get("severity", WARNING), spec["id"], message, (small, big), a.table.section))
    return findings


def _text_field(report: Report, name: str) -> str:
    if name == "s1":
        return "\n".join(f"{s.title}\n{s.body}" for s in report.s1)
    return getattr(report, name)


def _heading(fmt: Format, section: str) -> str:
    return fmt.section(section).heading


def check_text_substantial(ctx: Context, spec: dict) -> list[Finding]:
    text = _text_field(ctx.report, spec["field"])
    meaningful = re.sub(r"[\s。．.，,；;：:、！!]", "", text)
    heading = _heading(ctx.fmt, spec["field"])
    if not meaningful:
        message = f"“{heading}”还没有填写。评议时空缺会被扣分。"
    elif meaningful in ("无", "暂无", "没有", "无问题") or len(meaningful) < spec.get("min_chars", 40):
        message = f"“{heading}”只有{len(meaningful)}个字（“{text.strip()[:20]}”），内容过于简单，评议时会被扣分。"
    else:
        return []
    return [Finding(spec.get("severity", WARNING), spec["id"], message, (), spec["field"], spec["field"])]


def check_text_mentions(ctx: Context, spec: dict) -> list[Finding]:
    text = _text_field(ctx.report, spec["field"])
    if any(word in text for word in spec["any_of"]):
        return []
    return [Finding(spec.get("severity", WARNING), spec["id"], spec["message"], (), spec["field"], spec["field"])]


def check_subsections_filled(ctx: Context, spec: dict) -> list[Finding]:
    """Each 总体情况 sub-section needs a body; a title alone prints as an empty heading."""
    subsections = ctx.report.s1
    heading = _heading(ctx.fmt, spec["field"])
    severity = spec.get("severity", WARNING)
    if not subsections:
        return [
            Finding(
                severity,
                spec["id"],
                f"“{heading}”还没有小节。格式要求写主动公开、依申请公开等五个方面。",
                (),
                "s1",
                "s1",
            )
        ]
    findings = []
    for i, sub in enumerate(subsections):
        if not sub.body.strip():
            name = sub.title.strip() or "无标题的小节"
            message = f"“{heading}”的第{i + 1}个小节“{name}”还没有填写内容。"
            findings.append(Finding(severity, spec["id"], message, (), "s1", f"s1.{i}"))
    return findings


TABLE_CHECKS = {
    "subsections_filled": check_subsections_filled,
    "balance": check_balance,
    "township_zero": check_township_zero,
    "nonnegative_sum": check_nonnegative_sum,
    "not_greater": check_not_greater,
    "text_substantial": check_text_substantial,
    "text_mentions": check_text_mentions,
}


# ---- checks that hold for every format ---------------------------------------------


def check_organ(ctx: Context) -> list[Finding]:
    if ctx.report.meta.organ.strip():
        return []
    return [
        Finding(
            ERROR,
            "meta.organ-missing",
            "还没有填写机关名称（如“甘坊镇人民政府”），标题和落款都需要它。",
            (),
            "meta",
            "meta.organ",
        )
    ]


def check_format_year(ctx: Context) -> list[Finding]:
    fmt, year = ctx.fmt, ctx.report.meta.year
    if fmt.applies_to(year):
        return []
    fitting = [f for f in all_formats().values() if f.applies_to(year)]
    should = "、".join(f"{f.name}" for f in fitting) or "适用的格式"
    message = f"{year}年度报告应使用{should}，当前使用的是{fmt.name}。"
    return [Finding(WARNING, "meta.format-year", message, (), "meta", "template")]


def check_report_date(ctx: Context) -> list[Finding]:
    meta = ctx.report.meta
    date = meta.report_date
    if date is None:
        return [
            Finding(WARNING, "meta.date-missing", "还没有填写成文日期（落款日期）。", (), "meta", "meta.report_date")
        ]
    month, day = ctx.settings.deadline
    shown = f"{date.year}年{date.month}月{date.day}日"
    if date.year <= meta.year:
        message = f"成文日期{shown}不在报告年度之后：{meta.year}年度报告应在{meta.year + 1}年年初发布。"
        return [Finding(WARNING, "meta.date-before-period", message, (), "meta", "meta.report_date")]
    try:
        deadline = dt.date(meta.year + 1, month, day)
    except ValueError:
        deadline = dt.date(meta.year + 1, 1, 31)
    if date > deadline:
        message = f"成文日期{shown}晚于公布期限{deadline.year}年{deadline.month}月{deadline.day}日。"
        return [Finding(WARNING, "meta.date-late", message, (), "meta", "meta.report_date")]
    return []


def _is_annual_report_title(title: str) -> bool:
    """…政府信息公开工作年度报告, and the word orders real reports use for the same title
    (…政府信息公开工作2023年度报告, …2023年度政府信息公开工作报告); not a 工作总结 or a letter."""
    return title.endswith(TITLE_SUFFIX) or bool(
        re.search(r"政府信息公开.*年度.{0,8}报告$|年度政府信息公开.{0,8}报告$", title)
    )


def check_title(ctx: Context) -> list[Finding]:
    meta = ctx.report.meta
    if not meta.title:
        return []
    title = meta.title.strip()
    findings = []
    if not _is_annual_report_title(title):
        message = f"标题“{title}”不是年度报告的标题，应为“……{TITLE_SUFFIX}”（不是工作总结或报送函）。"
        findings.append(Finding(WARNING, "meta.title-kind", message, (), "meta", "meta.title"))
    years = {int(y) for y in re.findall(r"(\d{4})\s*年", title)}
    if years and years != {meta.year}:
        message = f"标题中的年份（{'、'.join(map(str, sorted(years)))}）与报告年度{meta.year}不一致。"
        findings.append(Finding(WARNING, "meta.title-year", message, (), "meta", "meta.title"))
    return findings


_NOTICE_RE = re.compile(r"〔(\d{4})〕\s*(\d+)\s*号")
_PERIOD_RE = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日")


def check_intro(ctx: Context) -> list[Finding]:
    fmt, intro, year = ctx.fmt, ctx.report.intro, ctx.report.meta.year
    findings = []
    if not intro.strip():
        return [
            Finding(
                WARNING,
                "intro.missing",
                "还没有填写报告开头的说明（编制依据、统计期限、查阅方式和联系方式）。",
                (),
                "intro",
                "intro",
            )
        ]
    cited = {m.group(0).replace(" ", "") for m in _NOTICE_RE.finditer(intro)}
    others = {f.notice.removeprefix("国办公开办函") for f in all_formats().values() if f.id != fmt.id}
    wrong = sorted(c for c in cited if c in others)
    own = fmt.notice.removeprefix("国办公开办函")
    if wrong:
        message = f"开头引用的是旧的格式通知{'、'.join(wrong)}，本报告使用的格式依据是{fmt.notice}。"
        findings.append(Finding(WARNING, "intro.notice", message, (), "intro", "intro"))
    elif own not in cited:
        message = f"开头没有引用本报告格式的依据{fmt.notice}。"
        findings.append(Finding(WARNING, "intro.notice", message, (), "intro", "intro"))
    period_years = sorted({int(m.group(1)) for m in _PERIOD_RE.finditer(intro)} - {year})
    if period_years:
        message = f"开头写的统计期限从{period_years[0]}年1月1日起，与报告年度{year}年不一致。"
        findings.append(Finding(WARNING, "intro.period", message, (), "intro", "intro"))
    left = [p for p in INTRO_PLACEHOLDERS.values() if p in intro]
    if left:
        message = (
            f"开头说明里还留着{'、'.join(f'“{p}”' for p in left)}：请在基本信息中填写联系地址和电话"
            "（开头说明会随之更新），或直接改写开头说明。"
        )
        findings.append(Finding(WARNING, "intro.placeholder", message, (), "intro", "intro"))
    return findings


def check_carry_over(ctx: Context) -> list[Finding]:
    """This year's carried-in applications are last year's carried-out ones."""
    prev, prev_values = ctx.previous, ctx.previous_values
    if prev is None or prev_values is None:
        return []
    findings = []
    fmt = ctx.fmt
    table = fmt.applications_table
    year, prev_year = ctx.report.meta.year, prev.meta.year
    if prev_year != year - 1:
        message = f"用来核对结转数的上年报告是{prev_year}年度的，本报告是{year}年度，应使用{year - 1}年度的报告。"
        findings.append(Finding(WARNING, "s3.carry-over-year", message, (), table.section))
    prev_fmt = prev.format
    prev_columns = {c.key: c for c in prev_fmt.applications_table.columns}
    for column in table.columns:
        if column.sum_of or column.key not in prev_columns:
            continue
        key_in = fmt.application_key("carried_in", column)
        key_out = prev_fmt.application_key("carried_out", prev_columns[column.key])
        if key_out not in prev_values:
            continue
        if ctx.values[key_in] != prev_values[key_out]:
            message = (
                f"{column.label[-1]}列：本年“二、上年结转”为{ctx.values[key_in]}，"
                f"上年报告“四、结转下年度继续办理”为{prev_values[key_out]}，相差{abs(ctx.values[key_in] - prev_values[key_out])}"
            )
            findings.append(Finding(WARNING, "s3.carry-over", message, (key_in,), table.section))
    # 现行有效件数 carries over only where last year's format printed it too
    prev_in_force = {r.in_force for r in prev_fmt.roles.in_force}
    for row in fmt.roles.in_force:
        if row.in_force not in prev_in_force:
            continue
        keys = (row.in_force, row.issued, row.repealed)
        now, issued, repealed = (ctx.values[k] for k in keys)
        expected = prev_values[row.in_force] + issued - repealed
        if now != expected:
            cell = fmt.cells[row.in_force]
            message = (
                f"{cell.row.label[-1]}：现行有效件数{now}，按上年现行有效{prev_values[row.in_force]}+本年制发{issued}-本年废止{repealed}"
                f"应为{expected}，相差{abs(now - expected)}"
            )
            findings.append(Finding(WARNING, "s2.in-force-carry", message, keys, cell.table.section))
    return findings


def check_tables_copied(ctx: Context) -> list[Finding]:
    """Every number of a table equal to last year's: the tables were likely copied from last
    year's report. Only said for a table with a few non-zero figures (all zeros is common)."""
    prev_values = ctx.previous_values
    if ctx.previous is None or prev_values is None or ctx.previous.template != ctx.report.template:
        return []
    if ctx.previous.meta.year == ctx.report.meta.year:
        return []
    findings = []
    for table in ctx.fmt.tables:
        keys = [k for k, c in ctx.fmt.cells.items() if c.table is table and not c.computed]
        if sum(1 for k in keys if ctx.values[k]) < 3 or any(ctx.values[k] != prev_values.get(k) for k in keys):
            continue
        name = table.title or ctx.fmt.section(table.section).heading
        message = (
            f"“{name}”表格的每个数字都与上年报告（{ctx.previous.meta.year}年度）完全相同，"
            "可能是照搬了上年的表格，请按本年度的统计逐项核对。"
        )
        findings.append(Finding(WARNING, "tables.same-as-last-year", message, tuple(keys), table.section))
    return findings


def check_narrative(ctx: Context) -> list[Finding]:
    """Sums in the text, text against the tables, text copied from last year (app.textchecks)."""
    from app.textchecks import narrative_findings  # imported here: it builds on Finding above

    return narrative_findings(ctx)


GENERAL_CHECKS = (
    check_organ,
    check_format_year,
    check_report_date,
    check_title,
    check_intro,
    check_carry_over,
    check_tables_copied,
    check_narrative,
)


def check_report(
    report: Report, previous: Report | None = None, settings: CheckSettings | None = None
) -> list[Finding]:
    """Every finding for a report, errors first, in the order of the report."""
    ctx = Context(
        report,
        report.values(),
        settings or CheckSettings(),
        previous,
        previous.values() if previous is not None else None,
    )
    findings: list[Finding] = []
    for check in GENERAL_CHECKS:
        findings.extend(check(ctx))
    for spec in ctx.fmt.checks:
        findings.extend(TABLE_CHECKS[spec["check"]](ctx, spec))
    order = {"meta": 0, "intro": 1, **{s.key: i for i, s in enumerate(ctx.fmt.sections, 2)}}
    findings.sort(key=lambda f: (f.severity != ERROR, order.get(f.section, 9)))
    return findings


def findings_by_cell(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for key in f.cells:
            out.setdefault(key, []).append(f)
    return out


def format_finding(f: Finding) -> str:
    return f"{SEVERITY_LABEL[f.severity]}［{f.rule}］{f.message}"

"""County roll-up: `nianbao summary DRAFT… [--csv OUT]`.

The county office collects every township's draft, checks them all at once and adds
up every cell. One line per draft (organ, year, format, errors, warnings and a few key
totals); unreadable drafts are listed with the reason and do not stop the run. The CSV
holds, per format, every cell with its key and labels, the sum over the drafts and each
draft's own figure; it is written UTF-8 with BOM so that Excel and WPS open it as such.

Exit status: 0 all drafts read and free of errors, 1 a draft has errors or could not
be read, 2 nothing readable or the CSV cannot be written.
"""

from __future__ import annotations

import csv
import glob
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.atomic import atomic_write, same_file
from app.checks import ERROR, check_report
from app.draft import EXTENSION, DraftError, load_draft
from app.formats import MONEY, Format, get_format
from app.report import Report
from app.values import Value, format_value

KEY_FIGURE_NAMES = ("新收申请", "结转下年", "行政处罚", "行政复议", "行政诉讼")


def key_figures(fmt: Format) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Key figures shown on each draft's line: (short name, cells added up), by role."""
    cells = (
        (fmt.application_key("new"),),
        (fmt.application_key("carried_out"),),
        (fmt.roles.punishments,),
        (fmt.review_total_key,),
        fmt.lawsuit_total_keys,
    )
    return tuple(zip(KEY_FIGURE_NAMES, cells))


@dataclass
class DraftSummary:
    path: Path
    report: Report | None = None
    values: dict[str, Value] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0
    problem: str = ""  # why the draft could not be read

    @property
    def readable(self) -> bool:
        return self.report is not None

    def figure(self, keys: tuple[str, ...]) -> Value:
        return sum(self.values[k] for k in keys)


@dataclass
class FormatTotals:
    format_id: str
    drafts: list[DraftSummary]
    totals: dict[str, Value]  # every cell of the format, summed over its drafts

    @property
    def years(self) -> list[int]:
        return sorted({d.report.meta.year for d in self.drafts if d.report is not None})


def expand_paths(args: list[str]) -> list[Path]:
    """Draft paths from the command line: folders give their drafts, patterns are expanded here
    (the Windows command prompt passes *.nianbao on unexpanded)."""
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == EXTENSION and p.is_file()))
        elif not path.exists() and glob.has_magic(arg):
            out.extend(sorted(Path(p) for p in glob.glob(arg)) or [path])
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def summarize_draft(path: Path) -> DraftSummary:
    try:
        report = load_draft(path)
    except DraftError as exc:
        return DraftSummary(path, problem=str(exc))
    values = report.values()
    findings = check_report(report, settings=None)
    errors = sum(f.severity == ERROR for f in findings)
    return DraftSummary(path, report, values, errors, len(findings) - errors)


def totals_by_format(drafts: list[DraftSummary]) -> list[FormatTotals]:
    groups: dict[str, list[DraftSummary]] = {}
    for d in drafts:
        if d.report is not None:
            groups.setdefault(d.report.template, []).append(d)
    out = []
    for format_id in sorted(groups, reverse=True):  # the current format first
        fmt = get_format(format_id)
        totals: dict[str, Value] = {}
        for key, cell in fmt.cells.items():
            zero = Decimal(0) if cell.kind == MONEY else 0
            totals[key] = sum((d.values[key] for d in groups[format_id]), zero)
        out.append(FormatTotals(format_id, groups[format_id], totals))
    return out


def duplicates(drafts: list[DraftSummary]) -> list[list[DraftSummary]]:
    """Drafts of the same organ and year: the county should keep only one."""
    seen: dict[tuple[str, int], list[DraftSummary]] = {}
    for d in drafts:
        if d.report is not None:
            seen.setdefault((d.report.meta.organ.strip(), d.report.meta.year), []).append(d)
    return [group for group in seen.values() if len(group) > 1]


def draft_line(index: int, d: DraftSummary) -> str:
    report = d.report
    if report is None:
        return f"[{index}] 无法读取：{d.problem}"
    meta = report.meta
    figures = " ".join(f"{name}{d.figure(keys)}" for name, keys in key_figures(report.format))
    organ = meta.organ.strip() or "（未填机关名称）"
    return f"[{index}] {organ} {meta.year}年 格式{report.template} 错误{d.errors} 提醒{d.warnings} | {figures} | {d.path.name}"


def _column_name(d: DraftSummary) -> str:
    assert d.report is not None  # only readable drafts are summed, so only they get a column
    organ = d.report.meta.organ.strip() or "未填机关名称"
    return f"{organ}（{d.path.name}）"


def _labels(cell) -> tuple[str, str, str, str]:
    fmt_section = cell.table.section
    return (fmt_section, cell.table.title or "", " ".join(cell.row.label), " ".join(cell.column.label))


def csv_text(groups: list[FormatTotals]) -> str:
    """One row per cell of each format: key, labels, sum over the drafts, each draft's figure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for group in groups:
        fmt = get_format(group.format_id)
        writer.writerow(["格式", "单元格", "部分", "表", "行", "列", "合计", *(_column_name(d) for d in group.drafts)])
        headings = {s.key: s.heading for s in fmt.sections}
        for key, cell in fmt.cells.items():
            section, table, row, column = _labels(cell)

            def shown(value, kind=cell.kind):
                return format_value(value, kind) if kind == MONEY else str(int(value))

            writer.writerow(
                [
                    fmt.name,
                    key,
                    headings[section],
                    table,
                    row,
                    column,
                    shown(group.totals[key]),
                    *(shown(d.values[key]) for d in group.drafts),
                ]
            )
        writer.writerow([])
    return buffer.getvalue()


def write_csv(path: Path, groups: list[FormatTotals]) -> None:
    atomic_write(path, ("\ufeff" + csv_text(groups)).encode("utf-8"), keep_backup=False)


def run(args) -> int:
    from app.cli import CommandError

    paths = expand_paths(args.drafts)
    target = Path(args.csv) if args.csv else None
    if target is not None and any(same_file(target, p) for p in paths):
        raise CommandError(f"汇总表“{target}”与输入的草稿是同一个文件，未写入。请另选文件名。")
    drafts = [summarize_draft(p) for p in paths]
    readable = [d for d in drafts if d.readable]
    print(f"共{len(drafts)}份草稿：可读取{len(readable)}份，无法读取{len(drafts) - len(readable)}份。")
    legend_format = next((d.report.format for d in drafts if d.report is not None), None)
    if legend_format is not None:
        print(
            "说明："
            + "；".join(
                f"{name}＝{'＋'.join(legend_format.cells[k].where for k in keys)}"
                for name, keys in key_figures(legend_format)
            )
        )
    for i, d in enumerate(drafts, 1):
        print(draft_line(i, d))
    for copies in duplicates(drafts):
        names = "、".join(d.path.name for d in copies)
        first = copies[0].report
        assert first is not None  # duplicates() compares readable drafts only
        print(f"注意：{first.meta.organ}{first.meta.year}年有{len(copies)}份草稿（{names}），合计中都计入了。")
    if not readable:
        raise CommandError("没有可以读取的草稿，未生成汇总。")
    groups = totals_by_format(drafts)
    for group in groups:
        fmt = get_format(group.format_id)
        years = "、".join(f"{y}年" for y in group.years)
        figures = " ".join(f"{name}{sum(group.totals[k] for k in keys)}" for name, keys in key_figures(fmt))
        print(f"合计（{fmt.name}，{len(group.drafts)}份，{years}）：{figures}")
        if len(group.years) > 1:
            print(f"注意：{fmt.name}的草稿属于不同年度（{years}），合计跨年度相加。")
    if target is not None:
        write_csv(target, groups)
        print(f"已写入汇总表：{target}")
    bad = any(not d.readable or d.errors for d in drafts)
    return 1 if bad else 0

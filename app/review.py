"""The county office's review: every township's report in a folder, read and checked at once.

    result = review_folder(folder, previous_dir=None, progress=callback, cancel=flag)
    result.rows          # one ReviewRow per report file, in name order (unreadable ones too)
    result.totals        # the county total of the key figures
    result.matches       # this year's row → last year's row of the same organ
    result.notes         # what holds across reports: duplicates, other years, unmatched organs

Drafts (.nianbao) are loaded; published reports (.pdf, .docx, .html, .htm, .txt) are read
through app.importer, which writes nothing (next to them or anywhere). A file that cannot
be read is a row with the reason, never the end of the review; so is a file over the limits
of app/limits.py, or a path that is not a regular file (both refused by the one reading helper,
app.atomic.read_user_file, before anything is read). At most MAX_REVIEW_FILES files are read.
Qt-free: the GUI runs this in a worker thread and the CLI calls it directly.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from app.checks import ERROR, SEVERITY_LABEL, WARNING, Finding, check_report
from app.draft import EXTENSION, load_draft
from app.errors import UserError, os_reason
from app.formats import MONEY, Format
from app.limits import MAX_REVIEW_FILES
from app.repetition import repetition
from app.report import Report
from app.values import Value, format_value

PUBLISHED_KIND = {
    ".pdf": "PDF",
    ".docx": "Word",
    ".html": "网页",
    ".htm": "网页",
    ".txt": "文本",
}
PUBLISHED_SUFFIXES = tuple(PUBLISHED_KIND)
REPORT_SUFFIXES = (EXTENSION, *PUBLISHED_SUFFIXES)
DRAFT, PUBLISHED = "draft", "published"

# Kinds of finding shown beside the checks' 错误/提醒 (same word in table, workbook and PDF)
IMPORT_NOTE = "导入说明"
ACROSS = "跨报告"


# ---- key figures, found through the format definition's roles ----------------------

FIGURE_NAMES = (
    "新收",
    "上年结转",
    "办结",
    "结转下年",
    "复议",
    "诉讼",
    "规范性文件现行有效",
    "收费",
)
_NORMATIVE_ROW = "规范性文件"  # which of the format's 现行有效 roles is the normative documents'
_FEE_ROW, _FEE_COLUMN = (
    "行政事业性收费",
    "收费金额",
)  # no role names the fee amount: found by its labels


@cache
def figure_cells(fmt: Format) -> dict[str, tuple[str, ...]]:
    """For each key figure, the cells of this format it adds up (none: the format lacks it)."""
    normative = tuple(
        r.in_force for r in fmt.roles.in_force if _NORMATIVE_ROW in "".join(fmt.cells[r.in_force].row.label)
    )
    fee = tuple(
        key
        for key, cell in fmt.cells.items()
        if _FEE_ROW in "".join(cell.row.label) and _FEE_COLUMN in "".join(cell.column.label)
    )
    return {
        "新收": (fmt.application_key("new"),),
        "上年结转": (fmt.application_key("carried_in"),),
        "办结": (fmt.application_key("results"),),
        "结转下年": (fmt.application_key("carried_out"),),
        "复议": (fmt.review_total_key,),
        "诉讼": fmt.lawsuit_total_keys,
        "规范性文件现行有效": normative,
        "收费": fee,
    }


def figure_kind(fmt: Format, name: str) -> str | None:
    keys = figure_cells(fmt)[name]
    return fmt.cells[keys[0]].kind if keys else None


def shown_figure(value: Value | None) -> str:
    if value is None:
        return "—"
    return format_value(value, MONEY) if isinstance(value, Decimal) else str(value)


# ---- organ names ----------------------------------------------------------------------

_ORGAN_SUFFIX = re.compile(r"(人民政府|政府|办事处)$")
_NOT_NAME = re.compile(r"[\s\W_]+")


def organ_key(organ: str) -> str:
    """The organ's name for matching: 甘坊镇人民政府, 甘坊镇政府 and “甘坊镇 人民政府” are one organ."""
    name = _NOT_NAME.sub("", unicodedata.normalize("NFKC", organ))
    return _ORGAN_SUFFIX.sub("", name)


# ---- rows -------------------------------------------------------------------------------


@dataclass
class ReviewRow:
    path: Path
    kind: str = DRAFT  # DRAFT or PUBLISHED
    report: Report | None = None
    problem: str = ""  # why the file could not be read (Chinese)
    import_notes: list[str] = field(default_factory=list)  # the importer's own problems, one line each
    findings: list[Finding] = field(default_factory=list)
    figures: dict[str, Value | None] = field(default_factory=dict)
    previous: ReviewRow | None = None  # last year's report of the same organ
    match_note: str = ""  # how last year's report was matched, or why none was
    repeated_share: float | None = None  # of the narrative, copied from last year's
    notes: list[str] = field(default_factory=list)  # across reports: duplicate organ, other year

    @property
    def readable(self) -> bool:
        return self.report is not None

    @property
    def organ(self) -> str:
        if self.report is None:
            return ""
        return self.report.meta.organ.strip() or "（未填机关名称）"

    @property
    def year(self) -> int | None:
        return self.report.meta.year if self.report is not None else None

    @property
    def format_name(self) -> str:
        return self.report.format.name if self.report is not None else ""

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    @property
    def kind_label(self) -> str:
        """草稿, or what kind of published file (PDF, Word, 网页, 文本)."""
        return "草稿" if self.kind == DRAFT else PUBLISHED_KIND[self.path.suffix.lower()]

    @property
    def status(self) -> str:
        if not self.readable:
            return "无法读取"
        if self.errors:
            return f"{self.errors}个错误"
        return f"{self.warnings}个提醒" if self.warnings else "无问题"


@dataclass(frozen=True)
class FindingLine:
    """One line of the review: what the workbook, the PDF and the window list per report."""

    kind: str  # 错误, 提醒, 导入说明, 跨报告, 无法读取
    rule: str
    section: str  # the section heading, or ""
    cells: str  # where on paper the cells are, or ""
    message: str


def finding_lines(row: ReviewRow) -> list[FindingLine]:
    if row.report is None:
        return [FindingLine("无法读取", "", "", "", row.problem)]
    fmt = row.report.format
    headings = {s.key: s.heading for s in fmt.sections}
    out = [FindingLine(ACROSS, "", "", "", note) for note in row.notes]
    for f in row.findings:
        cells = "；".join(fmt.cells[k].where for k in f.cells if k in fmt.cells)
        section = headings.get(
            f.section,
            "基本信息" if f.section == "meta" else "开头说明" if f.section == "intro" else "",
        )
        out.append(FindingLine(SEVERITY_LABEL[f.severity], f.rule, section, cells, f.message))
    out.extend(FindingLine(IMPORT_NOTE, "", "", "", note) for note in row.import_notes)
    return out


# ---- reading one file --------------------------------------------------------------------


def read_report_file(path: Path) -> ReviewRow:
    """A draft or a published report as a row; every failure becomes the row's problem."""
    kind = DRAFT if path.suffix.lower() == EXTENSION else PUBLISHED
    row = ReviewRow(path, kind)
    try:
        if kind == DRAFT:
            row.report = load_draft(path)
        else:
            from app.importer import (
                import_file,  # only for published files: drafts need none of it
            )

            result = import_file(path)
            row.report = result.report
            row.import_notes = [p.line() for p in result.problems]
    except UserError as exc:  # DraftError, NotAReport: what is wrong, in Chinese
        row.problem = str(exc)
    except MemoryError:
        row.problem = f"“{path.name}”太大，内存不足，未能读取。"
    except Exception as exc:  # a broken file deep in a library is a row, never the end of the review
        row.problem = f"“{path.name}”已损坏或格式不受支持，无法读取（{type(exc).__name__}）。"
    if row.report is not None:
        values = row.report.values()
        for name, keys in figure_cells(row.report.format).items():
            row.figures[name] = sum((values[k] for k in keys), start=_zero(row.report.format, keys)) if keys else None
    return row


def _zero(fmt: Format, keys: tuple[str, ...]) -> Value:
    return Decimal(0) if fmt.cells[keys[0]].kind == MONEY else 0


def report_paths(folder: Path) -> tuple[list[Path], list[str]]:
    """The report files of a folder in name order, and the names of the other files left aside."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except FileNotFoundError:
        raise ReviewError(f"找不到文件夹“{folder}”。") from None
    except NotADirectoryError:
        raise ReviewError(f"“{folder}”不是文件夹。") from None
    except OSError as exc:
        raise ReviewError(f"无法读取文件夹“{folder}”：{os_reason(exc)}。") from None
    reports, others = [], []
    for p in entries:
        if p.name.startswith(("~$", ".")):  # Word's lock files, hidden files
            continue
        if p.suffix.lower() in REPORT_SUFFIXES:
            reports.append(p)
        elif not p.is_dir():
            others.append(p.name)
    return reports, others


class ReviewError(Exception):
    """The review cannot start (no such folder); str() is a one-line Chinese message."""


# ---- the whole review ----------------------------------------------------------------------


@dataclass
class ReviewResult:
    folder: Path
    rows: list[ReviewRow]
    previous_folder: Path | None = None
    previous_rows: list[ReviewRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in the folder that are not reports
    notes: list[str] = field(default_factory=list)  # across reports, one line each
    year: int | None = None  # the year most reports are of
    totals: dict[str, Value | None] = field(default_factory=dict)
    counted: list[ReviewRow] = field(default_factory=list)  # the rows the totals add up
    cancelled: bool = False

    @property
    def readable(self) -> list[ReviewRow]:
        return [r for r in self.rows if r.readable]

    @property
    def matched(self) -> list[ReviewRow]:
        return [r for r in self.rows if r.previous is not None]

    @property
    def unmatched(self) -> list[ReviewRow]:
        return [r for r in self.readable if r.previous is None]

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.rows)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.rows)


Progress = Callable[[int, int, str], None]  # (done, total, file name)


def _cancelled(cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if hasattr(cancel, "is_set") else bool(cancel())


# From this many published files on, they are read in worker processes (app.review_pool):
# starting the workers takes about a second, a published file 0.1–1 s.
POOL_FROM = 8


def read_folder(
    folder: Path,
    progress: Progress | None = None,
    cancel=None,
    on_row=None,
    pool: bool | None = None,
) -> tuple[list[ReviewRow], list[str], bool]:
    """The rows of a folder's reports in name order, the names left aside, and whether cancelled.
    pool: read the published files in worker processes (None: when there are POOL_FROM or more)."""
    from app import review_pool

    paths, others = report_paths(folder)
    rows: list[ReviewRow] = []
    if len(paths) > MAX_REVIEW_FILES:
        others = [*(p.name for p in paths[MAX_REVIEW_FILES:]), *others]
        paths = paths[:MAX_REVIEW_FILES]
    if pool is None:
        published = sum(p.suffix.lower() != EXTENSION for p in paths)
        pool = published >= POOL_FROM and review_pool.worker_count() > 1
    if pool:
        rows, cancelled = review_pool.read_in_pool(paths, progress, lambda: _cancelled(cancel), on_row)
        if progress is not None and not cancelled:
            progress(len(paths), len(paths), "")
        return rows, others, cancelled
    for i, path in enumerate(paths):
        if progress is not None:
            progress(i, len(paths), path.name)
        if _cancelled(cancel):
            return rows, others, True
        row = read_report_file(path)
        rows.append(row)
        if on_row is not None:
            on_row(row)
    if progress is not None:
        progress(len(paths), len(paths), "")
    return rows, others, False


def review_folder(
    folder: str | os.PathLike,
    previous_dir: str | os.PathLike | None = None,
    progress: Progress | None = None,
    cancel=None,
    on_row: Callable[[ReviewRow], None] | None = None,
    pool: bool | None = None,
) -> ReviewResult:
    """Read and check every report of `folder` (and of last year's folder), then compare across them.

    progress(done, total, name) is called before each file; cancel (a threading.Event or a
    callable returning True) stops the reading between files, and the result then holds the
    rows read so far with cancelled=True. on_row(row) gets each row as soon as it is read.
    pool: True/False to read published files in worker processes or not; None decides by count.
    """
    folder = Path(folder)
    rows, skipped, cancelled = read_folder(folder, progress, cancel, on_row, pool)
    result = ReviewResult(folder, rows, skipped=skipped, cancelled=cancelled)
    if previous_dir is not None and not cancelled:
        result.previous_folder = Path(previous_dir)
        last_year: Progress | None = None
        if progress is not None:
            report = progress

            def last_year(done: int, total: int, name: str) -> None:  # last year's files named as such
                report(done, total, name and f"上年：{name}")

        result.previous_rows, _, result.cancelled = read_folder(result.previous_folder, last_year, cancel, pool=pool)
    compare(result)
    return result


def compare(result: ReviewResult) -> None:
    """Checks, last year's match, duplicates, other years and the county total."""
    readable = result.readable
    years = Counter(r.year for r in readable)
    result.year = max(years, key=lambda y: (years[y], y)) if years else None
    if result.previous_folder is not None:
        _match_previous(result)
    for row in readable:
        assert row.report is not None
        prev = row.previous.report if row.previous is not None else None
        row.findings = check_report(row.report, previous=prev)
        if prev is not None:
            row.repeated_share = repetition(row.report, prev).share
    groups: dict[tuple[str, int | None], list[ReviewRow]] = {}
    for row in readable:
        groups.setdefault((organ_key(row.organ), row.year), []).append(row)
    duplicated: set[int] = set()
    for (_, year), group in groups.items():
        if len(group) > 1:
            names = "、".join(r.path.name for r in group)
            note = f"{group[0].organ}{year}年度的报告有{len(group)}份（{names}），应只保留一份；合计只计入第一份。"
            result.notes.append(note)
            for r in group:
                r.notes.append(note)
            duplicated.update(id(r) for r in group[1:])
    for row in readable:
        if row.year != result.year:
            note = f"{row.organ}的报告是{row.year}年度的，其余多数报告是{result.year}年度的；未计入合计。"
            row.notes.append(note)
            result.notes.append(note)
    result.counted = [r for r in readable if r.year == result.year and id(r) not in duplicated]
    result.totals = county_totals(result.counted)


def county_totals(rows: list[ReviewRow]) -> dict[str, Value | None]:
    totals: dict[str, Value | None] = {}
    for name in FIGURE_NAMES:
        values: list[Value] = [v for r in rows if (v := r.figures.get(name)) is not None]
        totals[name] = sum(values[1:], start=values[0]) if values else None
    return totals


def _match_previous(result: ReviewResult) -> None:
    """Last year's report of each organ: the same normalised name, else a name that ends with the
    other's (“某县甘坊镇” and “甘坊镇”) when that is the only candidate."""
    by_key: dict[str, list[ReviewRow]] = {}
    for prev in result.previous_rows:
        if prev.readable:
            by_key.setdefault(organ_key(prev.organ), []).append(prev)
    used: set[int] = set()
    for row in result.readable:
        key = organ_key(row.organ)
        candidates = by_key.get(key, [])
        how = "机关名称相同"
        if not candidates and key:
            near = [k for k in by_key if k and (k.endswith(key) or key.endswith(k))]
            if len(near) == 1:
                candidates, how = (
                    by_key[near[0]],
                    f"机关名称相近（“{by_key[near[0]][0].organ}”）",
                )
        if not candidates:
            row.match_note = "上年文件夹中没有同一机关的报告"
            continue
        wanted = (row.year or 0) - 1
        best = min(candidates, key=lambda p: (p.year != wanted, -(p.year or 0)))
        row.previous = best
        used.add(id(best))
        row.match_note = f"{how}：{best.path.name}（{best.year}年度）"
    unmatched = [r for r in result.readable if r.previous is None]
    if unmatched:
        result.notes.append("上年文件夹中找不到报告的机关：" + "、".join(r.organ for r in unmatched) + "。")
    left = [p for p in result.previous_rows if p.readable and id(p) not in used]
    if left:
        result.notes.append("上年有报告、本年文件夹中没有的机关：" + "、".join(p.organ for p in left) + "。")
    unreadable = [p for p in result.previous_rows if not p.readable]
    for p in unreadable:
        result.notes.append(f"上年文件夹中的“{p.path.name}”无法读取：{p.problem}")


def summary_lines(result: ReviewResult) -> list[str]:
    """The command line's and the PDF's opening lines: counts, matches, what holds across reports."""
    rows = result.rows
    readable = result.readable
    drafts = sum(r.kind == DRAFT for r in rows)
    lines = [
        (
            f"共{len(rows)}份报告（草稿{drafts}份，已发布的文件{len(rows) - drafts}份）：可读取{len(readable)}份，"
            f"无法读取{len(rows) - len(readable)}份；错误{result.errors}个，提醒{result.warnings}个。"
        )
    ]
    if result.cancelled:
        lines.append("审阅已取消：只列出了取消前读到的报告。")
    if result.previous_folder is not None:
        lines.append(
            f"与上年报告对照：{len(result.matched)}份找到了上年同一机关的报告，{len(result.unmatched)}份没有找到。"
        )
    lines.extend(result.notes)
    if result.skipped:
        lines.append(
            f"文件夹中另有{len(result.skipped)}个文件未读取（不是报告，或超过{MAX_REVIEW_FILES}份的上限：{'、'.join(result.skipped[:5])}{'等' if len(result.skipped) > 5 else ''}）。"
        )
    return lines

"""`nianbao review DIR [--previous LASTDIR] [--xlsx FILE] [--pdf FILE]`: the county office's review.

Prints the counts, what holds across reports and one table line per report. Exit status as
`check`: 0 every report read and free of errors (warnings allowed), 1 a report has errors or
could not be read, 2 the folder cannot be read, holds no report, or an output cannot be written.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from app.review import (
    FIGURE_NAMES,
    ReviewError,
    ReviewResult,
    ReviewRow,
    review_folder,
    shown_figure,
    summary_lines,
)

COLUMNS = ("序号", "机关", "年度", "状态", "上年", *FIGURE_NAMES, "文件")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def table_lines(result: ReviewResult) -> list[str]:
    """The rows as an aligned table (CJK characters counted double, as a terminal shows them)."""

    def cells(i: int, row: ReviewRow) -> list[str]:
        if not row.readable:
            return [
                str(i),
                "（无法读取）",
                "",
                "无法读取",
                "",
                *([""] * len(FIGURE_NAMES)),
                row.path.name,
            ]
        prev = str(row.previous.year) if row.previous is not None else "—"
        return [
            str(i),
            row.organ,
            str(row.year),
            row.status,
            prev,
            *(shown_figure(row.figures.get(n)) for n in FIGURE_NAMES),
            row.path.name,
        ]

    body = [cells(i, row) for i, row in enumerate(result.rows, 1)]
    total = [
        "",
        f"合计（{len(result.counted)}份）",
        str(result.year or ""),
        "",
        "",
        *(shown_figure(result.totals.get(n)) for n in FIGURE_NAMES),
        "",
    ]
    grid = [list(COLUMNS), *body, total]
    widths = [max(_width(line[c]) for line in grid) for c in range(len(COLUMNS))]
    lines = ["  ".join(_pad(text, widths[c]) for c, text in enumerate(line)).rstrip() for line in grid]
    unreadable = [f"[{i}] {row.path.name}：{row.problem}" for i, row in enumerate(result.rows, 1) if not row.readable]
    return [*lines, *unreadable]


def _inside(target: Path, folder: Path) -> bool:
    try:
        return os.path.samefile(target.parent, folder)
    except OSError:
        return False


def run(args) -> int:
    from app.cli import CommandError

    folder = Path(args.folder)
    pdf = Path(args.pdf) if args.pdf else None
    if pdf is not None and _inside(pdf, folder):
        # the next review of this folder would read the 审核意见 itself as a report
        raise CommandError(f"审核意见“{pdf.name}”不能保存在被审阅的文件夹中，请另选位置。")
    try:
        result = review_folder(folder, args.previous)
    except ReviewError as exc:
        raise CommandError(str(exc)) from None
    if not result.rows:
        raise CommandError(f"文件夹“{folder}”中没有报告（.nianbao、.pdf、.docx、.html、.htm、.txt）。")
    for line in summary_lines(result):
        print(line)
    print()
    for line in table_lines(result):
        print(line)
    if args.xlsx:
        from app.review_xlsx import write_workbook

        write_workbook(result, args.xlsx)
        print(f"已写入审阅表：{args.xlsx}")
    if pdf is not None:
        from app.review_pdf import write_review_pdf

        pages = write_review_pdf(result, pdf)
        print(f"已写入审核意见：{pdf}（{pages}页）")
    if not result.readable:
        raise CommandError("没有可以读取的报告。")
    bad = any(not r.readable or r.errors for r in result.rows)
    return 1 if bad else 0

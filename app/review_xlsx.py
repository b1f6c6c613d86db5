"""The review workbook (.xlsx, openpyxl): 汇总 (one row per report, the county total and the
counts), 问题清单 (every finding with organ, section, cells and message) and 上年对照 (which
reports were matched with last year's). Headings frozen and filterable, column widths set.
Written to memory first, then atomically (app.atomic): a locked target leaves nothing behind.
"""

from __future__ import annotations

import io
import os
from decimal import Decimal

from app.atomic import atomic_write
from app.review import (
    FIGURE_NAMES,
    ReviewResult,
    ReviewRow,
    finding_lines,
    summary_lines,
)

SUMMARY_HEADINGS = (
    "序号",
    "文件",
    "类型",
    "机关",
    "年度",
    "格式",
    "状态",
    "错误",
    "提醒",
    "导入说明",
    *FIGURE_NAMES,
    "上年报告",
    "与上年重复",
    "说明",
)
FINDING_HEADINGS = ("序号", "机关", "文件", "类别", "部分", "单元格", "规则", "说明")
MATCH_HEADINGS = ("机关", "本年文件", "上年文件", "上年年度", "对照结果")
MONEY_FORMAT = "0.0000"


def _figure(value):
    return float(value) if isinstance(value, Decimal) else value  # Excel has no decimal type


def summary_row(index: int, row: ReviewRow) -> list:
    if not row.readable:
        return [
            index,
            row.path.name,
            row.kind_label,
            "",
            None,
            "",
            "无法读取",
            None,
            None,
            None,
            *([None] * len(FIGURE_NAMES)),
            "",
            None,
            row.problem,
        ]
    share = None if row.repeated_share is None else round(row.repeated_share, 3)
    previous = row.previous.path.name if row.previous is not None else row.match_note
    return [
        index,
        row.path.name,
        row.kind_label,
        row.organ,
        row.year,
        row.format_name,
        row.status,
        row.errors,
        row.warnings,
        len(row.import_notes),
        *(_figure(row.figures.get(name)) for name in FIGURE_NAMES),
        previous,
        share,
        "；".join(row.notes),
    ]


def workbook_bytes(result: ReviewResult) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    bold = Font(bold=True)
    heading_fill = PatternFill("solid", fgColor="DDE6F0")
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(ws, headings, widths):
        ws.append(list(headings))
        for cell in ws[1]:
            cell.font, cell.fill = bold, heading_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.freeze_panes = "A2"
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook has its one worksheet
    ws.title = "汇总"
    sheet(
        ws,
        SUMMARY_HEADINGS,
        (6, 22, 14, 22, 7, 14, 12, 6, 6, 8, *([9] * len(FIGURE_NAMES)), 24, 10, 50),
    )
    ws.freeze_panes = "E2"  # file and organ stay in view while scrolling right
    first_figure = SUMMARY_HEADINGS.index(FIGURE_NAMES[0]) + 1
    for i, row in enumerate(result.rows, 1):
        ws.append(summary_row(i, row))
    last = ws.max_row
    ws.auto_filter.ref = f"A1:{get_column_letter(len(SUMMARY_HEADINGS))}{last}"
    total = [
        None,
        "",
        "",
        f"全县合计（{len(result.counted)}份，{result.year or ''}年度）",
        result.year,
        "",
        "",
        sum(r.errors for r in result.counted),
        sum(r.warnings for r in result.counted),
        None,
        *(_figure(result.totals.get(name)) for name in FIGURE_NAMES),
        "",
        None,
        "不含其他年度的报告和重复的报告",
    ]
    ws.append(total)
    for cell in ws[ws.max_row]:
        cell.font = bold
    share_col = SUMMARY_HEADINGS.index("与上年重复") + 1
    for r in range(2, ws.max_row + 1):
        for c in range(first_figure, first_figure + len(FIGURE_NAMES)):
            if isinstance(ws.cell(r, c).value, float):
                ws.cell(r, c).number_format = MONEY_FORMAT
        ws.cell(r, share_col).number_format = "0%"
        ws.cell(r, len(SUMMARY_HEADINGS)).alignment = wrap
    ws.append([])
    for line in summary_lines(result):
        ws.append([None, line])

    wf = wb.create_sheet("问题清单")
    sheet(wf, FINDING_HEADINGS, (6, 22, 22, 10, 30, 40, 22, 80))
    n = 0
    for row in result.rows:
        for finding in finding_lines(row):
            n += 1
            wf.append(
                [
                    n,
                    row.organ,
                    row.path.name,
                    finding.kind,
                    finding.section,
                    finding.cells,
                    finding.rule,
                    finding.message,
                ]
            )
            for c in (6, 8):
                wf.cell(wf.max_row, c).alignment = wrap
    wf.auto_filter.ref = f"A1:H{max(wf.max_row, 1)}"

    wm = wb.create_sheet("上年对照")
    sheet(wm, MATCH_HEADINGS, (22, 22, 22, 10, 50))
    for row in result.readable:
        prev = row.previous
        wm.append(
            [
                row.organ,
                row.path.name,
                prev.path.name if prev else "",
                prev.year if prev else None,
                row.match_note or "未提供上年文件夹",
            ]
        )
    matched = {id(r.previous) for r in result.rows if r.previous is not None}
    for prev in result.previous_rows:
        if id(prev) not in matched:
            what = "本年文件夹中没有同一机关的报告" if prev.readable else f"无法读取：{prev.problem}"
            wm.append([prev.organ, "", prev.path.name, prev.year, what])

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_workbook(result: ReviewResult, path: str | os.PathLike) -> None:
    atomic_write(os.fspath(path), workbook_bytes(result), keep_backup=False)

"""The printable review (审核意见, PDF) the county office hands out.

Same page rules as the report itself (app.export.geometry, print-layout.md): A4, the same
margins and type area, title in 小标宋 2号, headings 黑体/楷体 3号, body 仿宋 3号, tables in
宋体 五号 with repeating heading rows, page numbers `— N —` (odd pages right, even left), fonts
from app.export.fonts (the Windows faces where installed, else the bundled ones), every
character drawn by a font that has it, user text escaped.

Contents: the counts and what holds across reports; 一、审核概况 (one line per report);
二、主要数字 (the key figures with the county total); 三、逐份审核意见 (per report, a table of its
findings, import notes and unreadable reason).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass

from app.atomic import atomic_write
from app.review import (
    FIGURE_NAMES,
    ReviewResult,
    finding_lines,
    shown_figure,
    summary_lines,
)

NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class _Heading:
    """What the report's page template reads from a layout: the PDF's title and author."""

    title: str
    organ: str


def review_title(result: ReviewResult) -> str:
    """Two lines, as printed (the whole would not fit one line of the title's size)."""
    year = f"{result.year}年度" if result.year else ""
    return f"{year}政府信息公开工作年度报告\n审核意见"


def _chinese_number(n: int) -> str:
    if n <= 10:
        return NUMBERS[n - 1]
    if n < 20:
        return "十" + (NUMBERS[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return NUMBERS[tens - 1] + "十" + (NUMBERS[ones - 1] if ones else "")


def pdf_bytes(result: ReviewResult, today: dt.date | None = None) -> tuple[bytes, int]:
    from app.export import platypus_import  # noqa: F401  (before reportlab.platypus: see there)

    # isort: split
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        CondPageBreak,
        KeepTogether,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    from app.export import export_time, geometry as g
    from app.export.fonts import BODY, TABLE, pdf_fonts
    from app.export.pdf_render import BLOCK_ROLE, _Doc, _styles, break_cjk_lines, markup
    from app.layout import CELL_PAD_EM, DATE, HEADING1, HEADING2, PARAGRAPH, TITLE

    fonts = pdf_fonts()
    styles = _styles(fonts)  # the report's own paragraph styles, keyed by layout block kind
    cell = ParagraphStyle("review-cell", parent=styles["cell"], alignment=TA_CENTER)
    cell_left = ParagraphStyle("review-cell-left", parent=styles["cell-left"], alignment=TA_LEFT)
    date_style = ParagraphStyle("review-date", parent=styles[DATE], alignment=TA_RIGHT)

    def para(kind: str, text: str, style=None) -> Paragraph:
        return Paragraph(markup(text, BLOCK_ROLE[kind], fonts), style or styles[kind])

    def table(
        rows: list[list[str]],
        widths: list[float],
        left: set[int],
        bold_last: bool = False,
    ) -> Table:
        scale = g.TYPE_W_PT / sum(widths)
        widths = [w * scale for w in widths]
        pad = CELL_PAD_EM * g.TABLE_SIZE  # the report's own cell margin (Word's 0.19 cm)

        def wrapped(text: str, c: int, r: int) -> Paragraph:
            # broken here, as in the report's tables, so closing punctuation never hangs past the rule
            lines = break_cjk_lines(text, widths[c] - 2 * pad, fonts, TABLE)
            return Paragraph(
                "<br/>".join(markup(x, TABLE, fonts) for x in lines),
                cell_left if c in left and r else cell,
            )

        data = [[wrapped(text, c, r) for c, text in enumerate(line)] for r, line in enumerate(rows)]
        commands = [
            ("GRID", (0, 0), (-1, -1), g.RULE_WIDTH, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            (
                "FONT",
                (0, 0),
                (-1, -1),
                fonts.primary[TABLE].pdf_name,
                g.TABLE_SIZE,
            ),  # else Helvetica creeps in
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), g.CELL_PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), g.CELL_PAD_Y + 0.5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
        ]
        if bold_last:
            commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.93, 0.93, 0.93)))
        out = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
        out.setStyle(TableStyle(commands))
        return out

    def heading(kind: str, text: str, lines: int = 4) -> list:
        """A heading that starts a new page unless `lines` body lines fit below it."""
        return [CondPageBreak(lines * g.LEADING[BODY]), para(kind, text)]

    title_lines = review_title(result).split("\n")
    story: list = [
        Paragraph(
            "<br/>".join(markup(x, BLOCK_ROLE[TITLE], fonts) for x in title_lines),
            styles[TITLE],
        )
    ]
    for line in summary_lines(result):
        story.append(para(PARAGRAPH, line))

    story += heading(HEADING1, "一、审核概况")
    overview = [["序号", "机关", "文件", "年度", "错误", "提醒", "上年对照"]]
    for i, row in enumerate(result.rows, 1):
        if row.readable:
            prev = (
                f"{row.previous.year}年度"
                if row.previous is not None
                else ("未找到" if result.previous_folder else "—")
            )
            overview.append(
                [
                    str(i),
                    row.organ,
                    row.path.name,
                    str(row.year),
                    str(row.errors),
                    str(row.warnings),
                    prev,
                ]
            )
        else:
            overview.append([str(i), "无法读取", row.path.name, "", "", "", ""])
    story += [
        Spacer(1, 4),
        table(overview, [3.8, 12, 12, 4.5, 3.5, 3.5, 6.5], {1, 2}),
        Spacer(1, 4),
    ]

    story += heading(HEADING1, "二、主要数字")
    figures = [["机关", *FIGURE_NAMES]]
    for row in result.rows:
        if row.readable:
            figures.append([row.organ, *(shown_figure(row.figures.get(n)) for n in FIGURE_NAMES)])
    figures.append(
        [
            f"合计（{len(result.counted)}份）",
            *(shown_figure(result.totals.get(n)) for n in FIGURE_NAMES),
        ]
    )
    story += [
        Spacer(1, 4),
        table(figures, [12, *([4] * len(FIGURE_NAMES))], {0}, bold_last=True),
        Spacer(1, 4),
    ]
    story.append(
        para(
            PARAGRAPH,
            "合计不含其他年度的报告和同一机关重复的报告；“—”表示该报告所用格式没有这一项。",
        )
    )

    story += heading(HEADING1, "三、逐份审核意见", lines=8)  # with the first report's heading and lines
    for i, row in enumerate(result.rows, 1):
        name = f"{row.organ}（{row.path.name}）" if row.readable else f"{row.path.name}（无法读取）"
        findings = finding_lines(row)
        title = para(HEADING2, f"（{_chinese_number(i)}）{name}")
        if not findings:
            story.append(KeepTogether([title, para(PARAGRAPH, "未发现问题。")]))
            continue
        rows = [["序号", "类别", "位置", "意见"]]
        for n, finding in enumerate(findings, 1):
            where = "：".join(x for x in (finding.section, finding.cells) if x)
            rows.append([str(n), finding.kind, where, finding.message])
        story += [
            CondPageBreak(6 * g.LEADING[BODY]),
            title,
            Spacer(1, 4),
            table(rows, [3, 6, 14, 27], {2, 3}),
            Spacer(1, 4),
        ]

    today = today or dt.date.today()
    story += [
        Spacer(1, g.LEADING[BODY]),
        para(DATE, f"{today.year}年{today.month}月{today.day}日", date_style),
    ]

    buffer = io.BytesIO()
    heading_info = _Heading(review_title(result).replace("\n", ""), "年报助手")
    created = export_time()  # as the report's own PDF dates itself
    doc = _Doc(buffer, heading_info, fonts, created)  # type: ignore[arg-type]  # reads only .title and .organ
    doc.subject = "政府信息公开工作年度报告审核意见"
    doc.build(story)
    return buffer.getvalue(), doc.page


def write_review_pdf(result: ReviewResult, path: str | os.PathLike) -> int:
    data, pages = pdf_bytes(result)
    atomic_write(os.fspath(path), data, keep_backup=False)
    return pages

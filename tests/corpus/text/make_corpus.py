"""Builds the text-shape import corpus in this folder: one published report per file, in the shapes
real reports take when copied from government websites or turned into text by PDF converters.

Run from the repository root: `python -m tests.corpus.text.make_corpus` (needs tests/samples,
whose narratives the reports carry; the tests read only the files written here).

Every input cell holds a distinct non-zero number (a signed 本年增/减 is negative, money has
decimals, a few are large enough for thousands separators), so a number in a wrong cell shows.
Printed totals are the sums of their parts. expected.json lists, for each file, the year, format,
organ, report date, every input cell and the rows that only their position can place.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

from app.formats import MONEY, SIGNED, Format, Table
from app.report import Report
from app.values import format_value
from tests.conftest import SAMPLES
from tests.samples_text import report_from_sample

HERE = Path(__file__).resolve().parent
NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}\.)")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# ---- the reports ---------------------------------------------------------------------------


def source(sample: str, organ: str, year: int, template: str, seed: int) -> Report:
    """A sample's narrative with every input cell of the format filled with a distinct number."""
    path = next(SAMPLES.glob(f"{sample}_*.txt"))
    report = report_from_sample(path, year, template)
    report.meta.organ = organ
    report.meta.report_date = dt.date(year + 1, 1, 10 + seed)
    report.intro = ""
    # The sample's own signature and any extra numbered part stay out: the corpus reports follow
    # the format, so that any note the import makes about them is a false alarm.
    report.s5 = "\n".join(t for t in report.s5.split("\n") if not re.match(r"^[六七八]、", t))
    report.s6 = "\n".join(
        t
        for t in report.s6.split("\n")
        if t.strip() and not re.fullmatch(r"\s*(\S{2,20}(人民政府|镇|乡)|\d{4}\s*年.*日)\s*", t)
    )
    fmt = report.format
    n = seed * 7
    for key in fmt.input_keys:
        n += 1
        cell = fmt.cells[key]
        if cell.kind == MONEY:
            value: object = Decimal(f"{n}.{n % 90 + 10}")
        elif cell.kind == SIGNED:
            value = -n if n % 2 else n
        else:
            value = n
        report.set_value(key, value)
    big = {"s2.license.decisions": 13810, "s2.punishment.decisions": 693957}
    for key, value in big.items():
        if key in fmt.cells and not fmt.cells[key].computed and seed % 2 == 0:
            report.set_value(key, value)
    return report


def intro(report: Report, period: bool = True) -> list[str]:
    year, organ = report.meta.year, report.meta.organ
    text = (
        f"本报告根据《中华人民共和国政府信息公开条例》要求，由{organ}编制。全文包括总体情况、主动公开政府信息情况、"
        "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
    )
    if period:
        text += f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    return [
        text
        + f"如对本报告有疑问，请与{organ}党政办公室联系（地址：{organ}院内；电话：0391-5550{report.meta.year % 100:02d}）。"
    ]


def narrative_s1(report: Report, heading=lambda t: t) -> list[str]:
    out = []
    n = 0
    for sub in report.s1:
        if sub.title and sub.title != "总体":
            n += 1
            out.append(heading(f"（{'一二三四五六七八九十'[n - 1]}）{sub.title}"))
        out += [line for line in sub.body.split("\n") if line.strip()]
    return out


def value_text(report: Report, key: str, style: str = "") -> str:
    value = report.value(key)
    text = format_value(value, report.format.cells[key].kind)
    if style == "grouped" and isinstance(value, int) and abs(value) >= 1000:
        text = f"{value:,}"
    if style == "fullwidth":
        text = text.translate(FULL_WIDTH)
    return text


# ---- tables as a flattened grid (merged cells: text in the first, blank after) ---------------


def header_rows(table: Table) -> list[list[str]]:
    rows = []
    depth = table.label_depth
    for level in range(table.header_depth):
        line = [table.corner or "" if level == 0 else ""] + [""] * (depth - 1)
        previous: tuple[str, ...] | None = None
        for column in table.columns:
            path = column.label[: level + 1]
            shown = column.label[level] if level < len(column.label) and path != previous else ""
            previous = path
            line.append(shown)
        rows.append(line)
    return rows


def label_cells(table: Table, index: int, prefixless: bool = False) -> list[str]:
    row = table.rows[index]
    cells = []
    for level in range(table.label_depth):
        if level < len(row.label):
            earlier = table.rows[index - 1].label[: level + 1] if index else None
            text = row.label[level] if earlier != row.label[: level + 1] or level == len(row.label) - 1 else ""
        else:
            text = ""
        cells.append(NUMBERING.sub("", text) if prefixless and text else text)
    return cells


def data_rows(report: Report, table: Table, style: str = "", prefixless: bool = False) -> list[list[str]]:
    return [
        label_cells(table, i, prefixless) + [value_text(report, table.cell_key(row, c), style) for c in table.columns]
        for i, row in enumerate(table.rows)
    ]


def s4_values(report: Report, style: str = "") -> list[str]:
    table = report.format.section("s4").tables[0]
    return [value_text(report, table.cell_key(table.rows[0], c), style) for c in table.columns]


# ---- shapes ------------------------------------------------------------------------------------


def document(
    report: Report,
    title: list[str],
    front: list[str],
    tables: dict[str, list[str]],
    heading=lambda t: t,
    sub_heading=lambda t: t,
    signature: list[str] | None = None,
) -> str:
    fmt = report.format
    lines = [*title, *front, heading(fmt.section("s1").heading), *narrative_s1(report, sub_heading)]
    for key in ("s2", "s3", "s4"):
        lines += [heading(fmt.section(key).heading), *tables[key]]
    lines += [
        heading(fmt.section("s5").heading),
        *report.s5.split("\n"),
        heading(fmt.section("s6").heading),
        *report.s6.split("\n"),
    ]
    d = report.meta.report_date
    lines += signature if signature is not None else [report.meta.organ, f"{d.year}年{d.month}月{d.day}日"]
    return "\n".join(lines) + "\n"


def pipe(cells: list[str], edges: bool = True) -> str:
    inner = " | ".join(cells)
    return f"| {inner} |" if edges else inner


def markdown_tables(
    report: Report, separator: bool, edges: bool, prefixless: bool, style: str = ""
) -> dict[str, list[str]]:
    fmt = report.format
    out: dict[str, list[str]] = {}
    for key in ("s2", "s3", "s4"):
        lines = []
        for table in fmt.section(key).tables:
            if table.title:
                lines.append(f"**{table.title}**" if separator else table.title)
            if table.rows[0].label:
                heads = header_rows(table)
                body = data_rows(report, table, style, prefixless)
            else:  # section 四: one row of numbers under three header rows
                heads = [
                    [
                        c.label[0] if i == 0 or c.label[0] != table.columns[i - 1].label[0] else ""
                        for i, c in enumerate(table.columns)
                    ],
                    [
                        c.label[1]
                        if len(c.label) > 2 and (i == 0 or c.label[:2] != table.columns[i - 1].label[:2])
                        else (c.label[1] if len(c.label) == 2 else "")
                        for i, c in enumerate(table.columns)
                    ],
                    [c.label[-1] if len(c.label) > 2 else "" for c in table.columns],
                ]
                body = [s4_values(report, style)]
            lines.append(pipe(heads[0], edges))
            if separator:
                lines.append(pipe(["---"] * len(heads[0]), edges))
            lines += [pipe(h, edges) for h in heads[1:]]
            lines += [pipe(r, edges) for r in body]
            lines.append("")
        out[key] = lines
    return out


def tab_tables(report: Report, prefixless: bool, style: str) -> dict[str, list[str]]:
    fmt = report.format
    out: dict[str, list[str]] = {}
    for key in ("s2", "s3"):
        lines = []
        for table in fmt.section(key).tables:
            if table.title:
                lines.append(table.title)
            lines += ["\t".join(h) for h in header_rows(table)]
            lines += ["\t".join(r) for r in data_rows(report, table, style, prefixless)]
        out[key] = lines
    # Section 四 with its header rows run together, then its fifteen numbers.
    out["s4"] = [
        "行政复议行政诉讼",
        "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉",
        "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计",
        "\t".join(s4_values(report, style)),
    ]
    return out


def wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def converter_tables(
    report: Report, width: int = 14, lost: frozenset[str] = frozenset(), label_before: bool = False
) -> dict[str, list[str]]:
    """What a PDF-to-text converter leaves: cells separated by spaces, empty cells gone, labels
    wrapped at the cell's width with the numbers on the middle line, header cells split over lines,
    section 四 as three small tables. Rows in `lost` lose their label; with label_before every
    label stands on the line before its numbers."""
    fmt = report.format
    out: dict[str, list[str]] = {}
    for key in ("s2", "s3"):
        lines = []
        for table in fmt.section(key).tables:
            if table.title:
                lines.append(table.title)
            if len(table.columns) == 1:
                # The header run together with its first row: 信息内容本年处理决定数量 / 行政许可 97
                lines.append(f"{table.corner}{table.columns[0].label[-1]}")
            elif table.header_depth == 1:
                lines.append("   ".join([table.corner or "", *[c.label[-1] for c in table.columns]]))
            else:
                # Header cells split over two lines: 商业 / 企业, 社会公 / 益组织.
                leaves = [c.label[-1] for c in table.columns]
                lines.append((table.corner or "")[:width])
                lines.append("申请人情况")
                lines.append("法人或其他组织")
                lines.append("   ".join(leaf[: (len(leaf) + 1) // 2] for leaf in leaves))
                lines.append("   ".join(leaf[(len(leaf) + 1) // 2 :] for leaf in leaves if len(leaf) > 1))
            for i, row in enumerate(table.rows):
                values = "  ".join(value_text(report, table.cell_key(row, c), "grouped") for c in table.columns)
                labels = [t for t in label_cells(table, i) if t]
                leaf = labels[-1] if labels else ""
                groups = labels[:-1]
                if row.key in lost:
                    lines += [*groups, values] if groups else [values]
                    continue
                chunks = wrap(leaf, width)
                if label_before:
                    lines += [*groups, *chunks, values]
                    continue
                middle = len(chunks) // 2 if len(chunks) > 1 else 0
                for n, chunk in enumerate(chunks):
                    prefix = "  ".join(groups) + "  " if n == 0 and groups else ""
                    lines.append(f"{prefix}{chunk}  {values}" if n == middle else f"{prefix}{chunk}")
        out[key] = lines
    s4 = fmt.section("s4").tables[0]
    values = s4_values(report, "grouped")
    groups: list[tuple[str, ...]] = []
    for c in s4.columns:
        if c.label[:-1] not in groups:
            groups.append(c.label[:-1])
    lines = []
    for n, group in enumerate(groups):
        lines.append(f"（{'一二三'[n]}）{'：'.join(group)}")
        columns = [i for i, c in enumerate(s4.columns) if c.label[:-1] == group]
        lines.append("   ".join(s4.columns[i].label[-1] for i in columns))
        lines.append("   ".join(values[i] for i in columns))
    out["s4"] = lines
    return out


def browser_tables(report: Report) -> dict[str, list[str]]:
    """A web page's table copied from the browser: cells separated by tabs, a merged cell only
    once (no empty cell below or beside it), a cell's two paragraphs on two lines."""
    fmt = report.format
    out: dict[str, list[str]] = {}
    for key in ("s2", "s3"):
        lines = []
        for table in fmt.section(key).tables:
            if table.title:
                lines.append(table.title)
            for head in header_rows(table):
                lines.append("\t".join(c for c in head if c))
            for i, row in enumerate(table.rows):
                labels = [c for c in label_cells(table, i) if c]
                values = [value_text(report, table.cell_key(row, c), "grouped") for c in table.columns]
                leaf = labels[-1]
                if "（区分处理的" in leaf:  # the note in a paragraph of its own inside the cell
                    head, note = leaf.split("（区分处理的")
                    lines += ["\t".join([*labels[:-1], head]), "\t".join(["（区分处理的" + note, *values])]
                else:
                    lines.append("\t".join([*labels, *values]))
        out[key] = lines
    out["s4"] = [
        "行政复议\t行政诉讼",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
        "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
        "\t".join(s4_values(report)),
    ]
    return out


def spaced(text: str) -> str:
    return " ".join(text)


def letter_spaced_tables(report: Report) -> dict[str, list[str]]:
    """Converter text from a justified PDF: the characters of labels set apart, a page's number
    between rows, thousands separators."""
    tables = converter_tables(report, width=60, label_before=False)
    out: dict[str, list[str]] = {}
    for key, lines in tables.items():
        changed = []
        for n, line in enumerate(lines):
            tokens = line.split()
            changed.append("   ".join(spaced(t) if not re.fullmatch(r"[\d,.\-]+", t) else t for t in tokens))
            if n == 5:
                changed.append("- 3 -")
        out[key] = changed
    return out


# ---- HTML: a saved web page ------------------------------------------------------------------


def html_table(report: Report, table: Table) -> str:
    rows = [*header_rows(table), *data_rows(report, table)] if table.rows[0].label else []
    if not table.rows[0].label:
        rows = [
            [c.label[0] for c in table.columns],
            [c.label[-2] if len(c.label) > 2 else "" for c in table.columns],
            [c.label[-1] for c in table.columns],
            s4_values(report),
        ]
    body = "".join("<tr>" + "".join(f"<td><p>{c}</p></td>" for c in r) + "</tr>" for r in rows)
    return f"<table border='1'>{body}</table>"


def html_page(report: Report, layout: bool = False) -> str:
    """A saved page; with layout, laid out the way older sites do: the report in a cell of a table."""
    fmt = report.format
    head = (
        "<head><meta charset='utf-8'><title>政府信息公开工作年度报告</title><style>"
        + "".join(f".c{i}{{margin:{i}px;padding:0;font-family:'Microsoft YaHei'}}\n" for i in range(900))
        + "</style>"
        + ("<script>var _hmt=_hmt||[];" + "x=1;" * 2000 + "</script></head>")
    )
    d = report.meta.report_date
    parts = [
        f"<div class='banner'>{report.meta.organ[:2]}县人民政府 The People's Government of Example County</div>",
        "<div class='crumb'>首页 &gt; 政务公开 &gt; 政府信息公开年报</div>",
        f"<h1>{report.meta.year}年{report.meta.organ}政府信息公开工作年度报告</h1>",
        f"<div>发布时间：{d.isoformat()}  来源：{report.meta.organ}  浏览次数：1024</div>",
        *(f"<p>{t}</p>" for t in intro(report)),
        f"<h2>{fmt.section('s1').heading}</h2>",
        *(f"<p>{t}</p>" for t in narrative_s1(report)),
    ]
    for key in ("s2", "s3", "s4"):
        parts.append(f"<h2>{fmt.section(key).heading}</h2>")
        for table in fmt.section(key).tables:
            if table.title:
                parts.append(f"<p>{table.title}</p>")
            parts.append(html_table(report, table))
    parts += [
        f"<h2>{fmt.section('s5').heading}</h2>",
        *(f"<p>{t}</p>" for t in report.s5.split("\n")),
        f"<h2>{fmt.section('s6').heading}</h2>",
        *(f"<p>{t}</p>" for t in report.s6.split("\n")),
        f"<p style='text-align:right'>{report.meta.organ}</p>",
        f"<p style='text-align:right'>{d.year}年{d.month}月{d.day}日</p>",
        "<div>【打印】【关闭】</div>",
    ]
    body = "".join(parts)
    if layout:
        body = (
            f"<table width='100%'><tr><td>首页</td><td>政务公开</td></tr><tr><td colspan='2'>{body}</td></tr>"
            "<tr><td colspan='2'>版权所有 主办单位：某县人民政府办公室</td></tr></table>"
        )
    return f"<!DOCTYPE html><html>{head}<body>{body}</body></html>"


# ---- the corpus --------------------------------------------------------------------------------


def build() -> dict[str, dict]:
    expected: dict[str, dict] = {}

    def save(name: str, report: Report, text: str, by_position: tuple[str, ...] = (), year=None):
        (HERE / name).write_text(text, encoding="utf-8")
        fmt: Format = report.format
        expected[name] = {
            "year": year if year is not None else report.meta.year,
            "template": fmt.id,
            "organ": report.meta.organ,
            "date": report.meta.report_date.isoformat() if report.meta.report_date else None,
            "cells": {k: str(report.cells[k]) for k in fmt.input_keys if k in report.cells},
            "by_position": list(by_position),
        }

    def md_heading(level):
        return lambda t: f"{'#' * level} {t}"

    # 1. Markdown: # title, ## headings, ### sub-headings, | tables | with |---| and **titles**.
    r = source("000", "甘坊镇人民政府", 2023, "2021", 0)
    save(
        "markdown_tables.md",
        r,
        document(
            r,
            [f"# {r.meta.organ}2023年政府信息公开工作年度报告"],
            intro(r),
            markdown_tables(r, separator=True, edges=True, prefixless=False),
            md_heading(2),
            md_heading(3),
        ),
    )

    # 2. | rows without |---| and without edge pipes, labels without their numbering; title starts with the year.
    r = source("001", "上海市某区人民政府办公室", 2019, "2019", 1)
    save(
        "pipes_prefixless.txt",
        r,
        document(
            r,
            ["2019年上海市某区人民政府办公室政府信息公开工作年度报告"],
            intro(r),
            markdown_tables(r, separator=False, edges=False, prefixless=True, style="grouped"),
            signature=["上海市某区人民政府办公室", "2020年1月11日"],
        ),
    )

    # 3. Tab-separated (copied from Word or a web table): labels without numbering, full-width digits,
    #    section 四's header rows run together; title on two lines, year only in the 统计期限 sentence.
    r = source("002", "九皋镇人民政府", 2020, "2019", 2)
    save(
        "tabs_fullwidth.txt",
        r,
        document(
            r,
            ["九皋镇人民政府", "政府信息公开工作年度报告"],
            intro(r),
            tab_tables(r, prefixless=True, style="fullwidth"),
        ),
    )

    # 4. Converter text: spaces between cells, labels wrapped at the cell's width with the numbers on
    #    the middle line, header cells split over lines, 四 as three small tables; a website banner
    #    before the title and the date under it; organ only in the signature; year only in the lead.
    r = source("003", "乌苏市皇宫镇人民政府", 2023, "2021", 3)
    r.s1[0].body = "2023年度，我镇认真贯彻落实《中华人民共和国政府信息公开条例》。\n" + r.s1[0].body
    save(
        "converter_spaces.txt",
        r,
        document(
            r,
            ["乌苏市人民政府 The People's Government of Wusu City", "政府信息公开工作年度报告", "（2024年1 月 13日）"],
            intro(r, period=False)[0].replace("2023年", "").split("\n"),
            converter_tables(r),
            signature=["乌苏市皇宫镇人民政府"],
        ),
    )

    # 5. Labels on the line before their numbers, three rows whose labels were lost (placed by position).
    r = source("004", "丰收乡人民政府", 2023, "2021", 4)
    lost = ("deny_law", "reject_repeat", "coercion")
    save(
        "labels_before_lost.txt",
        r,
        document(
            r,
            ["丰收乡2023年政府信息公开工作年度报告"],
            intro(r),
            converter_tables(r, width=40, lost=frozenset(lost), label_before=True),
        ),
        by_position=lost,
    )

    # 6. A saved web page with a head of tens of thousands of characters, a banner and page furniture.
    r = source("000", "甘坊镇人民政府", 2022, "2021", 5)
    save("saved_page_big_head.html", r, html_page(r))

    # 6b. A page laid out with a table: the report's paragraphs and tables inside one of its cells.
    r = source("004", "丰收乡人民政府", 2021, "2021", 9)
    save("saved_page_layout_table.html", r, html_page(r, layout=True))

    # 7. Copied from the browser: page furniture around the report (索引号, 名称：…, 打印/关闭), tabs,
    #    merged cells once, a label's note on a line of its own; organ from the 名称 line's title.
    r = source("003", "乌苏市皇宫镇人民政府", 2022, "2021", 7)
    d = r.meta.report_date
    save(
        "browser_copy.txt",
        r,
        document(
            r,
            [
                "索引号：11654202/2023-00012",
                "发布机构：乌苏市皇宫镇人民政府",
                f"生成日期：{d.isoformat()}",
                "名称：乌苏市皇宫镇人民政府2022年政府信息公开工作年度报告",
                "文号：",
                "【字体：大 中 小】",
                "乌苏市皇宫镇人民政府2022年政府信息公开工作年度报告",
            ],
            intro(r),
            browser_tables(r),
            signature=[
                r.meta.organ,
                f"{d.year}年{d.month}月{d.day}日",
                "【打印本页】 【关闭窗口】",
                "主办：乌苏市人民政府办公室  承办：乌苏市信息中心",
                "网站标识码：6542020001",
            ],
        ),
    )

    # 8. A justified PDF turned into text: letter-spaced labels, page numbers between rows,
    #    a title on two lines with the year first.
    r = source("002", "九皋镇人民政府", 2021, "2021", 8)
    save(
        "letter_spaced.txt",
        r,
        document(r, ["九 皋 镇 人 民 政 府", "2021年政府信息公开工作年度报告"], intro(r), letter_spaced_tables(r)),
    )

    # 8b. Copied from a browser that puts each table cell on a line of its own (no tabs, no blank
    #     lines, empty cells gone): rows are told only by where their numbers end.
    r = source("000", "甘坊镇人民政府", 2021, "2021", 10)
    cells = {
        key: [c for line in lines for c in line.split("\t") if c.strip()] for key, lines in browser_tables(r).items()
    }
    save("cells_per_line.txt", r, document(r, ["甘坊镇2021年政府信息公开工作年度报告"], intro(r), cells))

    # 9. No year anywhere: the import must say so (the CLI asks for --year).
    r = source("001", "轵城镇人民政府", 2023, "2021", 6)
    for sub in r.s1:
        sub.body = re.sub(r"(19|20)\d{2}\s*年度?", "本年", sub.body)
    r.s5, r.s6 = (re.sub(r"(19|20)\d{2}\s*年度?", "本年", t) for t in (r.s5, r.s6))
    text = document(
        r,
        ["轵城镇人民政府政府信息公开工作年度报告"],
        intro(r, period=False),
        markdown_tables(r, separator=True, edges=True, prefixless=False),
        signature=["轵城镇人民政府"],
    )
    save("no_year.md", r, text, year=None)
    expected["no_year.md"]["year"] = None
    expected["no_year.md"]["date"] = None
    return expected


def main() -> None:
    expected = build()
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(expected)} reports written to {HERE}")


if __name__ == "__main__":
    main()

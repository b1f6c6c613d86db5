"""Turning a published report (text or DOCX) into a draft, with a report of what was found."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.atomic import read_user_file
from app.formats import Format, all_formats, format_for_year
from app.importer.blocks import Block, Line, Row, docx_blocks, text_blocks
from app.importer.docx_limits import check_docx_package
from app.importer.html import html_blocks, looks_like_html
from app.importer.labels import MAX_LABEL_TEXT, normalize_label, without_note
from app.importer.narrative import (
    Narrative,
    find_headings,
    join_split_headings,
    organ_in_title,
    read_narrative,
)
from app.importer.problems import (
    BLANK,
    BY_POSITION,
    MISSING,
    SLIP,
    TOTAL,
    UNPLACED,
    ImportProblem,
    NotAReport,
)
from app.importer.rows import resolve_rows
from app.importer.tables import (
    TEXT,
    VALUE,
    TableReader,
    TableResult,
    cell_kind,
    detect_format,
    format_labels,
)
from app.limits import MAX_IMPORT_FILE, MAX_IMPORT_TEXT, size_text
from app.report import TITLE_SUFFIX, Meta, Report, default_title
from app.sanitize import clean_text
from app.values import format_value

MIN_YEAR, MAX_YEAR = 2000, 2100  # the years a draft may hold (draft-format.md)


@dataclass
class ImportResult:
    """The draft made from the published report, what was recognised, and what was not."""

    report: Report
    recognised: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # The report says nowhere which year it covers and no year was given: report.meta.year is only
    # a stand-in, so the CLI asks for --year and the GUI asks the clerk before the draft is made.
    year_unknown: bool = False

    @property
    def unplaced(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.kind == UNPLACED]


def import_text(text: str, year: int | None = None) -> ImportResult:
    """Text pasted or saved from a web page or Word; a saved web page's HTML source is read too.

    year: the report's year when the clerk gives it (it overrides what the report says).
    """
    text = clean_text(text).lstrip("\ufeff")
    return import_blocks(html_blocks(text) if looks_like_html(text) else text_blocks(text), year)


def import_docx(path: str | Path, data: bytes | None = None, year: int | None = None) -> ImportResult:
    """A Word file; `data`: its bytes when already read (import_file)."""
    path = Path(path)
    if data is None:
        data = read_user_file(path, NotAReport, "报告文件", MAX_IMPORT_FILE)
    check_docx_package(data, path.name)
    return import_blocks(docx_blocks(path, data), year)


def import_pdf(path: str | Path, data: bytes | None = None, year: int | None = None) -> ImportResult:
    """A published report's PDF, printed from Word or WPS (not a scan: that has no text to
    read); `data`: its bytes when already read (import_file)."""
    from app.importer.pdf import read_pdf  # imported on use: pdfplumber is slow to import

    path = Path(path)
    if data is None:
        data = read_user_file(path, NotAReport, "报告文件", MAX_IMPORT_FILE)
    pdf = read_pdf(path, data)
    result = import_blocks(pdf.blocks, year)
    for page in pdf.pictured_pages:  # a report partly scanned: say why its tables are missing
        result.problems.append(
            ImportProblem(
                f"第{page}页",
                "",
                "这一页是图片（扫描件），没有文字层，其中的文字和数字未能导入，请对照原文在草稿中填写",
                MISSING,
            )
        )
    return result


# What the importer reads, said once for every refusal of a file it cannot read.
_WHAT_TO_CHOOSE = "请选择往年报告的PDF文件（.pdf）、Word文件（.docx）、保存的网页（.html）或文本文件（.txt）。"


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030, as saved by Notepad or WPS."""
    if not raw.strip():
        raise NotAReport(f"“{name}”是空文件，没有可导入的内容。")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return clean_text(raw.decode("utf-16", "surrogatepass"))
    if b"\x00" in raw:
        raise NotAReport(f"“{name}”不是文本文件，无法导入。{_WHAT_TO_CHOOSE}")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise NotAReport(f"“{name}”的文字编码无法识别（应为UTF-8或GB18030），无法导入。")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\r\n\f")
    if controls > len(text) / 100:
        raise NotAReport(f"“{name}”不是文本文件，无法导入。{_WHAT_TO_CHOOSE}")
    return text


def import_file(path: str | Path, year: int | None = None) -> ImportResult:
    """A .docx, a PDF, a text file (.txt, or anything that is text) or a saved web page; other files are refused."""
    path = Path(path)
    raw = read_user_file(path, NotAReport, "报告文件", MAX_IMPORT_FILE)
    if raw.startswith(b"PK\x03\x04"):
        return import_docx(path, raw, year)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise NotAReport(f"“{path.name}”是旧版Word文件（.doc），请先在Word或WPS中另存为.docx再导入。")
    if raw[:1024].lstrip().startswith(b"%PDF-"):  # some servers put a blank line before the header
        return import_pdf(path, raw, year)
    if len(raw) > MAX_IMPORT_TEXT:
        raise NotAReport(
            f"“{path.name}”太大（{size_text(len(raw))}），不像年度报告：文本文件和网页只导入{size_text(MAX_IMPORT_TEXT)}以内的。"
        )
    return import_text(decode_text(raw, path.name), year)


def _is_label(text: str) -> bool:
    if len(text) > MAX_LABEL_TEXT:
        return False
    norm = without_note(normalize_label(text))
    return any(norm in format_labels(f) for f in all_formats().values())


_PROSE_RE = re.compile(r"[。！？!?]|[，,；;].*[，,；;].*[，,；;]")


def _is_prose(text: str) -> bool:
    """A sentence (a note under a table), not a row of a table that lost its separators."""
    return bool(_PROSE_RE.search(re.sub(r"\d,\d", "", text))) and not _is_label(text)


# - 3 -, — 3 —, 第3页, 第3页 共7页, 3/7: a page's number left in the text by a PDF converter
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–－‒]+\s*\d{1,3}\s*[-—–－‒]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$"
)


def _split_line(line: Line) -> Row:
    """规章 0 0 0 or 规章    0    0    0 (converter text): cells separated by spaces.

    The numbers are the run of number cells at the end; before them, cells are what runs of two or
    more spaces separate, and a cell whose characters a justified PDF set apart (行 政 许 可,
    1 . 属 于 国 家 秘 密) is put back together.
    """
    tokens = line.text.split()
    end = len(tokens)
    while end and cell_kind(tokens[end - 1]) != TEXT:
        end -= 1
    labels: list[str] = []
    if end:
        lead = line.text.strip()
        for _ in range(len(tokens) - end):
            lead = lead.rsplit(None, 1)[0]
        for cell in re.split(r"\s{2,}", lead):
            parts = cell.split()
            labels += ["".join(parts)] if len(parts) > 2 and all(len(p) <= 2 for p in parts) else parts
    return Row(labels + tokens[end:], line.where)


def table_rows(blocks: list[Block], fmt: Format) -> tuple[list[Block], list[str | None]]:
    """Inside sections 二 to 四, lines are table rows that lost their cell separators.

    - Tables copied with each cell on its own line and nothing marking rows or cells: when the
      section holds numbers but no line holds a label and numbers, a row is the labels read up
      to and including its numbers.
    - Converter text: cells separated by spaces, a row per line (规章 0 0 0).
    - Labels, table titles and header cells on lines of their own between rows.
    Returns the blocks and, for each, the key of the section it stands in (None before 二).
    """
    found = find_headings(blocks, fmt).values()
    headings = sorted(h.index for h in found)
    section_at = {h.index: h.section for h in found}
    tables = {h.index for h in found if fmt.section(h.section).tables}
    out: list[Block] = []
    sections: list[str | None] = []
    bounds = [*headings, len(blocks)]
    out.extend(blocks[: bounds[0]])
    sections.extend([None] * bounds[0])
    for start, end in itertools.pairwise(bounds):
        body = blocks[start + 1 : end]
        section = section_at[start]
        before = len(out)
        out.append(blocks[start])
        if start not in tables:
            out.extend(body)
        else:
            out.extend(_section_rows(body))
        sections.extend([section] * (len(out) - before))
    return out, sections


def _section_rows(body: list[Block]) -> list[Block]:
    lines = [b for b in body if isinstance(b, Line) and b.text and not _PAGE_NUMBER_RE.match(b.text)]
    split = [b.text.split() for b in lines if not _is_prose(b.text)]
    spaced = any(len(tokens) > 1 and any(cell_kind(t) == VALUE for t in tokens) for tokens in split)
    numbers = sum(cell_kind(b.text) == VALUE for b in lines)
    if not spaced and numbers >= 2 and not any(isinstance(b, Row) for b in body):
        out: list[Block] = []
        row: Row | None = None
        for line in lines:
            kind = cell_kind(line.text)
            if row is None or (kind == TEXT and cell_kind(row.cells[-1]) != TEXT):
                row = Row([], line.where)
                out.append(row)
            row.cells.append(line.text)
        return out
    body = [b for b in body if not (isinstance(b, Line) and _PAGE_NUMBER_RE.match(b.text))]
    return [_split_line(b) if isinstance(b, Line) and b.text and not _is_prose(b.text) else b for b in body]


def import_blocks(blocks: list[Block], year: int | None = None) -> ImportResult:
    newest = max(all_formats().values(), key=lambda f: f.first_year)
    blocks, sections = table_rows(join_split_headings(blocks, newest), newest)
    detected, evidence = detect_format([b for b in blocks if isinstance(b, Row)])
    narrative = read_narrative(blocks, detected or newest)
    if year is not None:
        if narrative.year is not None and narrative.year != year:
            narrative.year_source = f"按指定；原报告为{narrative.year}年"
        else:
            narrative.year_source = "按指定" if narrative.year is None else narrative.year_source
        narrative.year = year
    fmt = detected or format_for_year(narrative.year or dt.date.today().year - 1)
    resolve_rows(blocks, fmt, sections)

    reader = TableReader(fmt)
    heading_at = {h.index: h.section for h in narrative.headings.values()}
    for i, block in enumerate(blocks):
        if i in heading_at:
            reader.enter_section(heading_at[i])
        elif isinstance(block, Row):
            reader.feed(block)
    tables = reader.finish()
    if len(narrative.headings) < 3 and len(tables.tables_seen) < 2:
        raise NotAReport(
            "这不是政府信息公开工作年度报告：没有找到“一、总体情况”等标题，也没有找到年度报告的统计表格，未生成草稿。"
        )

    result = ImportResult(Report(template=fmt.id, meta=Meta()))
    _describe_format(result, fmt, detected, evidence, narrative.year)
    _take_narrative(result, narrative)
    _take_tables(result, tables)
    return result


def _describe_format(result: ImportResult, fmt: Format, detected: Format | None, evidence: list[str], year: int | None):
    if detected:
        shown = "、".join(f"“{e}”" for e in sorted(evidence, key=len)[:3])
        result.recognised.append(f"报告格式：{fmt.name}（依据表格中的{shown}）")
    else:
        result.problems.append(ImportProblem("全文", "", f"表格中没有可区分格式的标签，按年度使用{fmt.name}", MISSING))
    if detected and year is not None and not fmt.applies_to(year):
        right = format_for_year(year)
        result.problems.append(
            ImportProblem(
                "全文", "", f"{year}年度的报告应使用{right.name}，原报告用的是{fmt.name}；草稿保留原格式和原数字", SLIP
            )
        )


def _take_narrative(result: ImportResult, narrative: Narrative) -> None:
    recognised, problems, report = result.recognised, result.problems, result.report
    year = narrative.year
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        year = dt.date.today().year - 1
        result.year_unknown = True
        problems.append(
            ImportProblem(
                narrative.title_where or "标题",
                narrative.title,
                "原报告的标题、统计期限和落款中都没有找到报告年度，需要指定",
                MISSING,
            )
        )
    else:
        source = f"（{narrative.year_source}）" if narrative.year_source and narrative.year_source != "标题" else ""
        recognised.append(f"报告年度：{year}年{source}")
    organ = narrative.organ
    if organ:
        recognised.append(f"机关名称：{organ}（{narrative.organ_source}）")
    else:
        problems.append(ImportProblem("标题和落款", narrative.title, "没有找到机关名称，请在草稿中填写", MISSING))
    title = narrative.title or None
    if title:
        recognised.append(f"标题：{title}")
        if not title.endswith(TITLE_SUFFIX):
            problems.append(
                ImportProblem(
                    narrative.title_where,
                    title,
                    f"标题不是规范的“……{TITLE_SUFFIX}”（例如写成了工作总结），检查时会提示",
                    SLIP,
                )
            )
        if title == default_title(organ, year) or not organ_in_title(title):
            title = None  # the standard title, or one naming no organ: the draft derives it from organ and year
    if narrative.report_date:
        d = narrative.report_date
        recognised.append(f"成文日期：{d.year}年{d.month}月{d.day}日")
    else:
        problems.append(ImportProblem("落款", "", "没有找到成文日期", MISSING))
    contact = narrative.contact
    stated = [
        f"{name}{value}"
        for name, value in (
            ("联系部门：", contact.department),
            ("地址：", contact.address),
            ("电话：", contact.phone),
            ("联系人：", contact.person),
        )
        if value
    ]
    if stated:
        recognised.append("联系方式：" + "；".join(stated))
    if narrative.intro:
        recognised.append("开头说明（编制依据、统计期限等）")
    else:
        problems.append(ImportProblem("标题之后", "", "原报告没有开头说明（编制依据、统计期限、联系方式）", MISSING))
    titled = [s for s in narrative.s1 if s.title]
    if titled:
        lead = "，小节前的文字作为无标题的第一段" if len(titled) < len(narrative.s1) else ""
        recognised.append(f"总体情况：{len(titled)}个小节（{'、'.join(s.title for s in titled)}）{lead}")
    elif narrative.s1:
        recognised.append("总体情况：一段文字（原文没有分小节）")
    for key, text in (("s5", narrative.s5), ("s6", narrative.s6)):
        if text:
            recognised.append(f"{report.format.section(key).heading}：{len(text)}字")
    problems.extend(narrative.problems)
    report.meta = Meta(organ=organ, year=year, report_date=narrative.report_date, title=title, contact=contact)
    report.intro, report.s1, report.s5, report.s6 = narrative.intro, narrative.s1, narrative.s5, narrative.s6


def _take_tables(result: ImportResult, tables: TableResult) -> None:
    report = result.report
    for key, value in tables.values.items():
        report.set_value(key, value)
    checked = f"，另有{len(tables.published_totals)}个合计已与各项之和核对" if tables.published_totals else ""
    result.recognised.append(f"表格数字：{len(tables.values)}个数字已放入对应单元格{checked}")
    result.problems.extend(tables.problems)
    for key, published in tables.published_totals.items():
        cell = report.format.cells[key]
        computed = report.value(key)
        if published.value != computed:
            caveat = "（这张表有未能导入的数字，差异可能由此而来）" if cell.table.id in tables.unplaced_tables else ""
            shown, parts = format_value(published.value, cell.kind), format_value(computed, cell.kind)
            result.problems.append(
                ImportProblem(
                    published.where,
                    shown,
                    f"报告中的合计为{shown}，各项相加为{parts}；草稿中的合计按各项相加计算{caveat}",
                    TOTAL,
                )
            )


def render_import_report(result: ImportResult) -> list[str]:
    """The import report as Chinese lines, for the command line and the GUI alike."""
    lines = [f"已导入：{result.report.title}"]
    lines += [f"  {item}" for item in result.recognised]
    if not result.problems:
        lines.append("没有发现问题：全部内容已识别。")
        return lines
    groups = (
        (UNPLACED, "未能导入（请对照原文在草稿中填写）"),
        (BY_POSITION, "按在表中的位置识别的行（请对照原文核对）"),
        (TOTAL, "合计与各项之和不一致"),
        (SLIP, "原报告与格式不一致之处"),
        (BLANK, "原表中空白的格"),
        (MISSING, "没有找到"),
    )
    for kind, heading in groups:
        items = [p for p in result.problems if p.kind == kind]
        if items:
            lines.append(f"{heading}（{len(items)}处）：")
            lines += [f"  {p.line()}" for p in items]
    return lines

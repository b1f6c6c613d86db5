"""A published report as a sequence of blocks: lines of text and table rows.

Reports reach the clerk in several shapes, all turned into the same blocks here:
- copied from a web page: a cell per line (each cell a line starting with a tab, rows
  separated by blank lines, long labels broken over several lines), or tab-separated
  rows, or `|`-separated cells;
- a Word file: paragraphs and real tables, where python-docx returns a merged cell once
  per grid position it covers (de-duplicated here by the underlying <w:tc>).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.importer.labels import clean_text
from app.importer.problems import NotAReport


@dataclass
class Line:
    text: str
    where: str  # a place in the original a clerk can find: 第12行, 第3段


@dataclass(frozen=True)
class Resolution:
    """The official row a table row was found to be when its printed label alone did not say."""

    table: str  # table id
    row: str  # row key
    by_position: bool = False  # no label, or one fitting several rows: the rows around it decided
    group: tuple[str, ...] = ()  # section 四 printed as small tables: the columns under this heading


@dataclass
class Row:
    cells: list[str] = field(default_factory=list)
    where: str = ""
    resolution: Resolution | None = None
    unresolved: str = ""  # why the row's place is uncertain: it is listed, not placed

    @property
    def filled(self) -> list[str]:
        return [c for c in self.cells if c.strip()]


Block = Line | Row

_PIPE_SEPARATOR_RE = re.compile(r"^[\s|:：\-—=+]+$")
_HEADING_LIKE_RE = re.compile(r"^\s*[一二三四五六七八九十\d]+\s*[、.．]")
_MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s*")
_MARKDOWN_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MAX_CONTINUATION = 12  # characters: a label broken over lines, not a paragraph


def _is_single_cell(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def _is_pipe_row(line: str) -> bool:
    """| 规章 | 0 | 0 | 0 | (Markdown), or 规章 | 0 | 0 | 0 as some converters leave it."""
    s = line.strip()
    return s.count("|") >= 2 or (s.startswith("|") and s.endswith("|") and len(s) > 1)


def _is_tab_row(line: str) -> bool:
    return "\t" in line.rstrip("\r\n") and not _is_single_cell(line)


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    cells = s.split("|")
    if cells and cells[0].strip() == "":
        cells = cells[1:]
    if cells and cells[-1].strip() == "" and s.endswith("|"):
        cells = cells[:-1]
    return [_markdown_cell(c) for c in cells]


def _markdown_cell(text: str) -> str:
    """A Markdown table cell: <br> is a line break inside the cell, **bold** marks are dropped."""
    text = _MARKDOWN_BREAK_RE.sub("\n", text).strip()
    return _unbold(text)


def _unbold(text: str) -> str:
    if len(text) > 4 and text[:2] in ("**", "__") and text[-2:] == text[:2]:
        return text[2:-2].strip()
    return text


def markdown_line(text: str) -> str:
    """`## 一、总体情况` or `**一、总体情况**` as the line it stands for."""
    return (
        _unbold(_MARKDOWN_HEADING_RE.sub("", text, count=1).strip())
        if text.lstrip().startswith(("#", "**", "__"))
        else text
    )


def _is_short_plain(line: str) -> bool:
    return (
        bool(line.strip())
        and not _is_single_cell(line)
        and not _is_tab_row(line)
        and not _is_pipe_row(line)
        and len(line.strip()) <= _MAX_CONTINUATION
    )


def _cell_follows(lines: list[str]) -> list[bool]:
    """For each line: does a cell line come next, past blank and short plain lines?

    Computed once from the end, so that reading a text of many short lines stays linear
    (looking ahead from every line took minutes on a text of 8,000 short lines).
    """
    follows = [False] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if _is_single_cell(line):
            follows[i] = True
        elif not line.strip() or _is_short_plain(line):
            follows[i] = follows[i + 1]
        else:
            follows[i] = False
    return follows


def _continues_cell(lines: list[str], i: int, follows: list[bool]) -> bool:
    """Is the plain line i the rest of a table cell broken over lines (本年新 / 公开数量)?

    It is when it is short, does not look like a heading, and the table goes on after it
    (the next non-blank plain-or-cell line is a cell line).
    """
    if len(lines[i].strip()) > _MAX_CONTINUATION or _HEADING_LIKE_RE.match(lines[i]) and len(lines[i].strip()) > 3:
        return False
    return follows[i + 1]


def text_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    follows = _cell_follows(lines)
    blocks: list[Block] = []
    row: Row | None = None
    row_ended = False  # a blank line was seen since the last cell
    rest: list[str] = []  # the lines continuing the row's last cell, joined once (not += per line)

    def close_cell():
        if row is not None and rest:
            row.cells[-1] = "\n".join([row.cells[-1], *rest])
            rest.clear()

    def flush():
        nonlocal row
        close_cell()
        if row is not None and row.cells:
            blocks.append(row)
        row = None

    for i, line in enumerate(lines):
        where = f"第{i + 1}行"
        if _is_pipe_row(line):
            flush()
            if not _PIPE_SEPARATOR_RE.match(line):
                blocks.append(Row(_pipe_cells(line), where))
            continue
        if _is_tab_row(line):
            flush()
            blocks.append(Row([c.strip() for c in line.rstrip("\r\n").split("\t")], where))
            continue
        if _is_single_cell(line):
            if row is None or row_ended:
                flush()
                row = Row([], where)
            close_cell()
            row.cells.append(line[1:].strip())
            row_ended = False
            continue
        if not line.strip():
            row_ended = row_ended or row is not None
            continue
        if row is not None and row.cells and _continues_cell(lines, i, follows):
            # A blank paragraph inside a cell ("总", "", "计") is not the end of the row.
            rest.append(line.strip())
            row_ended = False
            continue
        flush()
        row_ended = False
        blocks.append(Line(clean_text(markdown_line(line)), where))
    flush()
    return blocks


def docx_blocks(path: Path, data: bytes | None = None) -> list[Block]:
    """The paragraphs and table rows of a Word file (`data`: its bytes, already read and checked)."""
    import docx  # imported lazily: python-docx costs tens of milliseconds to import
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data) if data is not None else str(path))
    except FileNotFoundError:
        raise NotAReport(f"找不到文件“{path}”。") from None
    except Exception as exc:  # python-docx raises zip, XML and package errors for a damaged file
        raise NotAReport(
            f"无法读取Word文件“{path.name}”：文件已损坏或不是.docx格式（{type(exc).__name__}）。"
        ) from None
    blocks: list[Block] = []
    count = {"p": 0, "tbl": 0}

    def walk(parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                count["p"] += 1
                for part in Paragraph(child, document).text.split("\n"):
                    if part.strip():
                        blocks.append(Line(clean_text(part), f"第{count['p']}段"))
            elif tag == "tbl":
                count["tbl"] += 1
                blocks.extend(_docx_table_rows(Table(child, document), count["tbl"]))
            elif tag in ("sdt", "sdtContent", "customXml"):  # content controls wrap ordinary paragraphs
                walk(child)

    walk(document.element.body)
    return blocks


def _docx_table_rows(table, number: int) -> list[Row]:
    rows = []
    seen_above: set = set()  # <w:tc> elements of earlier rows: vertical merges
    for r, row in enumerate(table.rows, 1):
        cells: list[str] = []
        previous = None
        in_row = []
        for cell in row.cells:
            tc = cell._tc
            if previous is not None and tc is previous:
                continue  # the same merged cell again at its next grid column
            previous = tc
            in_row.append(tc)
            # Below its first row a vertically merged cell stands as an empty placeholder,
            # the way such a table reads when copied as text.
            cells.append("" if any(tc is t for t in seen_above) else cell.text.strip())
        seen_above.update(in_row)
        rows.append(Row(cells, f"第{number}个表格第{r}行"))
    return rows

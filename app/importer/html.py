"""A report saved from a web page (.html): paragraphs become lines, <table> rows become rows.

A cell spanning several rows (rowspan) stands as an empty placeholder below its first row,
the way such a table reads when copied as text; a cell spanning columns (colspan) is read once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from app.importer.blocks import Block, Line, Row
from app.importer.labels import clean_text

_BREAKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "tr", "table", "title"}
_SKIP = {"script", "style", "head", "noscript", "template"}
_OPEN_RE = re.compile(r"<\s*(html|head|body|table|p|div)\b[^<>]*>", re.IGNORECASE)
_CLOSE_RE = re.compile(r"</\s*(html|head|body|table|p|div)\s*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A page's source: such an element opened and closed, not a stray angle bracket in a report's text.

    The whole text is looked at (in linear time): a saved page's <head> alone often runs to
    tens of thousands of characters of styles and scripts.
    """
    opened = _OPEN_RE.search(text)
    return bool(opened and _CLOSE_RE.search(text, opened.end()))


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.skip = 0
        self.tables: list[dict] = []  # open tables: rows read, pending rowspans
        self.cell: list[str] | None = None
        self.lines = 0

    # paragraphs
    def _flush_text(self):
        text = "".join(self.text)
        self.text = []
        for part in text.split("\n"):
            part = clean_text(part)
            if part:
                self.lines += 1
                self.blocks.append(Line(part, f"网页第{self.lines}段"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
            return
        if self.cell is not None:
            if tag != "table":
                if tag in _BREAKS:
                    self.cell.append("\n")
                return
            self._layout_cell()  # a table inside a cell: the outer table only lays out the page
        if tag == "table":
            self._flush_text()
            self.tables.append({"row": None, "spans": {}, "span_width": {}, "rows": 0})
        elif tag == "tr" and self.tables:
            table = self.tables[-1]
            table["rows"] += 1
            table["row"] = Row([], f"网页表格第{table['rows']}行")
            table["col"] = 0
        elif tag in ("td", "th") and self.tables and self.tables[-1]["row"] is not None:
            table = self.tables[-1]
            self._placeholders(table)
            self.cell = []
            table["cell_rowspan"] = _int(attrs.get("rowspan"))
            table["cell_colspan"] = _int(attrs.get("colspan"))
        elif tag in _BREAKS:
            self.text.append("\n")

    def _layout_cell(self, text: str | None = None) -> None:
        """The open cell holds the page's paragraphs (older sites lay pages out with tables):
        its text is read as paragraphs, and so is what follows in it."""
        self.text.append(("".join(self.cell or []) if text is None else text) + "\n")
        self.cell = None
        self.tables[-1]["layout_cell"] = True

    def _placeholders(self, table):
        """Columns still covered by a cell of an earlier row (rowspan) read as empty cells."""
        while table["spans"].get(table["col"], 0) > 0:
            width = table["span_width"][table["col"]]
            table["spans"][table["col"]] -= 1
            table["row"].cells.append("")
            table["col"] += width

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.tables and self.cell is None and self.tables[-1].get("layout_cell"):
            self.tables[-1]["layout_cell"] = False
            self.text.append("\n")
        elif tag in ("td", "th") and self.cell is not None and self.tables:
            table = self.tables[-1]
            text = "".join(self.cell)
            if _is_paragraphs(text):
                self._layout_cell(text)
                self.tables[-1]["layout_cell"] = False
                return
            table["row"].cells.append(text.strip())
            col, width, height = table["col"], table["cell_colspan"], table["cell_rowspan"]
            if height > 1:
                table["spans"][col] = height - 1
                table["span_width"][col] = width
            table["col"] += width
            self.cell = None
        elif tag == "tr" and self.tables and self.tables[-1]["row"] is not None:
            table = self.tables[-1]
            self._placeholders(table)
            if table["row"].cells:
                self._flush_text()  # paragraphs of a layout cell before it come first
                self.blocks.append(table["row"])
            table["row"] = None
        elif tag == "table" and self.tables:
            self.tables.pop()
        elif tag in _BREAKS and self.cell is None:
            self.text.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.tables or self.tables[-1].get("layout_cell"):
            self.text.append(data.replace("\n", " ").replace("\r", " ") if data.strip() else data.replace("\n", ""))

    def close(self):
        super().close()
        self._flush_text()


def _is_paragraphs(text: str) -> bool:
    """A cell that holds paragraphs of a report, not a label or a number (the longest label has 60
    characters): the page is laid out with a table."""
    text = text.strip()
    return len(text) > 200 or (text.count("\n") >= 3 and len(text) > 80)


def _int(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def html_blocks(text: str) -> list[Block]:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.blocks

"""Importing a published report's PDF.

The corpus (tests/corpus/pdf, made by tests/corpus/make_pdfs.py from the five samples with
the project's exporter, with LibreOffice and in a WPS-like layout) must import with every
number in its cell. Smaller PDFs drawn here with reportlab put one shape each in front of
the reader: tables without side borders, with thick borders, with a missing rule, without
any rules; paragraphs broken by a page break with a running header and a page number; a
title on two lines; a scan; a damaged or locked file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.cli import main
from app.draft import load_draft
from app.formats import get_format
from app.importer import MISSING, SLIP, UNPLACED, NotAReport, import_file
from app.importer.blocks import Line, Row
from app.importer.pdf import pdf_blocks

CORPUS = Path(__file__).resolve().parent / "corpus" / "pdf"
PDFS = sorted(p.name for p in CORPUS.glob("*.pdf"))


def source_draft(pdf_name: str):
    """The draft a corpus PDF was made from: wps-split.nianbao for wps-split.pdf, 000.nianbao for 000-lo.pdf."""
    stem = pdf_name.removesuffix(".pdf")
    own = CORPUS / f"{stem}.nianbao"
    return load_draft(own if own.is_file() else CORPUS / f"{stem.split('-')[0]}.nianbao")


def _plain(text: str) -> str:
    # LibreOffice drops a comma hanging in the right margin from its PDF (the glyph is not
    # in the file at all), so narratives are compared without punctuation.
    return re.sub(r"[\s，。、；：,.;:]", "", text)


def test_the_corpus_has_every_producer():
    assert {re.sub(r"^\d+-", "", p) for p in PDFS} == {
        "app.pdf",
        "lo.pdf",
        "wps-split.pdf",
        "wps-rows.pdf",
        "no-sides.pdf",
    }
    assert len(PDFS) == 13


@pytest.mark.parametrize("name", PDFS)
def test_corpus_pdf_imports_every_number_into_its_cell(name):
    source = source_draft(name)
    result = import_file(CORPUS / name)
    report = result.report
    assert report.cells == source.cells  # every input cell, each a different non-zero number
    assert len(report.cells) == len(report.format.input_keys)
    assert (report.template, report.meta.year, report.meta.organ) == (
        source.template,
        source.meta.year,
        source.meta.organ,
    )
    assert report.meta.report_date == source.meta.report_date
    assert report.title == source.title
    kinds = {p.kind for p in result.problems}
    assert kinds <= {SLIP, MISSING}, result.problems  # nothing left out, no total off, no row placed by position
    assert not result.year_unknown
    slips = [p.message for p in result.problems if p.kind == SLIP]
    genuine = [] if get_format(source.template).applies_to(source.meta.year) else ["应使用2021年版格式"]
    assert len(slips) == len(genuine) and all(g in s for g, s in zip(genuine, slips)), slips
    missing = [p.message for p in result.problems if p.kind == MISSING]
    assert missing == ([] if source.intro else ["原报告没有开头说明（编制依据、统计期限、联系方式）"])
    # The narrative comes back paragraph by paragraph, not as lines of print.
    assert [s.title for s in report.s1] == [s.title for s in source.s1]
    assert [_plain(s.body) for s in report.s1] == [_plain(s.body) for s in source.s1]
    assert _plain(report.s5) == _plain(source.s5) and report.s5.count("\n") == source.s5.count("\n")
    assert _plain(report.s6) == _plain(source.s6)
    assert _plain(report.intro) == _plain(source.intro)


def test_a_table_split_over_pages_is_read_once_without_its_repeated_headings():
    blocks = pdf_blocks(CORPUS / "wps-split.pdf")
    rows = [b for b in blocks if isinstance(b, Row)]
    s3 = [r for r in rows if r.where.startswith("第2个表格")]
    pages = {re.search(r"第(\d+)页", r.where).group(1) for r in s3}
    assert len(pages) >= 2  # the table really is split
    assert sum("申请人情况" in r.cells for r in rows) == 1  # its heading rows repeated on the next pages: dropped
    assert len(s3) == 3 + 25  # three heading rows and the 25 rows of the official table
    lines = [b.text for b in blocks if isinstance(b, Line)]
    assert lines[0] == "乌苏市皇宫镇人民政府2023年政府信息公开工作年度报告"  # printed on two lines
    assert not any("政务公开" == line[-4:] and len(line) < 20 for line in lines)  # the running header
    assert not any(re.fullmatch(r"第\s*\d+\s*页\s*共\s*\d+\s*页|—\s*\d+\s*—", line) for line in lines)


# ---- PDFs drawn here, one shape each ----------------------------------------------------


class Sketch:
    """A PDF drawn at positions (points from the top of an A4 page), in a CJK font that
    reportlab has built in, the way a word processor prints a report."""

    def __init__(self, path: Path):
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        self.canvas = canvas.Canvas(str(path), pagesize=A4)
        self.height = A4[1]

    def text(self, x: float, top: float, text: str, size: float = 12, centred: bool = False) -> None:
        self.canvas.setFont("STSong-Light", size)
        draw = self.canvas.drawCentredString if centred else self.canvas.drawString
        draw(x, self.height - top - size * 0.88, text)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self.height - y, x1, self.height - y)

    def vline(self, x: float, y0: float, y1: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x, self.height - y0, x, self.height - y1)

    def page(self) -> None:
        self.canvas.showPage()

    def save(self) -> None:
        self.canvas.save()


def table(
    sketch: Sketch,
    top: float,
    xs: list[float],
    rows: list[list[str]],
    height: float = 20,
    sides: bool = True,
    border: float = 0.5,
    skip_rules: frozenset[int] = frozenset(),
) -> None:
    """A ruled table: rows of cell texts (None: covered by the cell to its left)."""
    ys = [top + i * height for i in range(len(rows) + 1)]
    for i, y in enumerate(ys):
        if i not in skip_rules:
            sketch.hline(xs[0], xs[-1], y, border if i in (0, len(rows)) else 0.5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue
            if c > 0 or sides:
                sketch.vline(xs[c], ys[r], ys[r + 1], border if c == 0 else 0.5)
            for k, part in enumerate(text.split("\n")):
                sketch.text(xs[c] + 3, ys[r] + 4 + k * 13, part, 10)
        if sides:
            sketch.vline(xs[-1], ys[r], ys[r + 1], border)


def rows_of(path: Path) -> list[list[str]]:
    return [b.cells for b in pdf_blocks(path) if isinstance(b, Row)]


def test_tables_without_side_borders_with_thick_rules_and_split_header_cells(tmp_path):
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    sketch.hline(72, 470, 40, 2)  # a red header rule as wide as the table: no side of it
    sketch.text(72, 60, "二、主动公开政府信息情况")
    sketch.text(72.5, 60.4, "二、主动公开政府信息情况")  # fake bold: printed twice, half a point apart
    xs = [72, 200, 290, 380, 470]
    table(
        sketch,
        100,
        xs,
        [
            ["第二十条第（一）项", None, None, None],
            ["信息内容", "本年制发\n件数", "本年废止\n件数", "现行有效\n件数"],
            ["规章", "3", "1", "12"],
            ["行政规范性文件", "5", "0", "27"],
        ],
        height=30,
        sides=False,
        border=2.25,
    )
    sketch.save()
    assert [b.text for b in pdf_blocks(path) if isinstance(b, Line)] == ["二、主动公开政府信息情况"]
    assert rows_of(path) == [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "3", "1", "12"],
        ["行政规范性文件", "5", "0", "27"],
    ]


def test_a_missing_rule_between_rows_never_runs_two_numbers_together(tmp_path):
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    xs = [72, 200, 260, 320]
    # The rule under 规章 was not drawn: one grid row holds two rows of the report.
    table(
        sketch,
        100,
        xs,
        [
            ["信息内容", "制发", "废止"],
            ["规章\n行政规范性文件", "5\n3", "1\n4"],
            ["合计", "8", "5"],
        ],
        height=30,
        skip_rules=frozenset(),
    )
    sketch.save()
    rows = rows_of(path)
    assert ["规章", "5", "1"] in rows and ["行政规范性文件", "3", "4"] in rows
    assert not any("53" in cells or "14" in cells for cells in rows)


def test_missing_vertical_rules_leave_the_columns_where_the_text_stands(tmp_path):
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    xs = [72, 230, 290, 350, 410]
    rows = [["信息内容", "制发", "废止", "有效"], ["规章", "3", "1", "12"], ["行政规范性文件", "5", "0", "27"]]
    table(sketch, 100, xs, rows, height=24)
    # The same table where only the outer frame and the rules between rows were drawn.
    top = 250
    for i in range(4):
        sketch.hline(xs[0], xs[-1], top + 24 * i)
    sketch.vline(xs[0], top, top + 72)
    sketch.vline(xs[-1], top, top + 72)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            sketch.text(xs[c] + 3, top + 24 * r + 4, text, 10)
    # And one where the rule between 废止 and 有效 is missing from the data rows.
    top = 400
    table(sketch, top, xs, [rows[0]], height=24)
    table(sketch, top + 24, [*xs[:3], xs[4]], [["规章", "3", "1   12"], ["行政规范性文件", "5", "0   27"]], height=24)
    sketch.save()
    assert [b.cells for b in pdf_blocks(path) if isinstance(b, Row)] == [rows[0], *rows[1:]] * 3


def test_a_row_broken_by_the_page_is_one_row_and_the_repeated_heading_is_dropped(tmp_path):
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    xs = [72, 300, 360, 420]
    heading = ["（本列数据的勾稽关系）", "自然人", "总计"]
    table(sketch, 600, xs, [heading, ["（一）予以公开", "3", "3"], ["1.本机关不掌握", "2", "2"]], height=24)
    sketch.page()
    table(sketch, 72, xs, [heading, ["相关政府信息", "", ""], ["2.没有现成信息需要另行制作", "1", "1"]], height=24)
    sketch.save()
    assert rows_of(path) == [
        heading,
        ["（一）予以公开", "3", "3"],
        ["1.本机关不掌握相关政府信息", "2", "2"],
        ["2.没有现成信息需要另行制作", "1", "1"],
    ]


def test_a_sideways_label_reads_in_order_and_a_watermark_is_left_out(tmp_path):
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    canvas, height = sketch.canvas, sketch.height
    table(sketch, 100, [72, 110, 300, 360], [["", "（一）予以公开", "3"]], height=120)
    for x, y, angle, size, text in ((95, 210, 90, 10, "三、本年度办理结果"), (200, 500, 45, 40, "内部资料")):
        canvas.saveState()
        canvas.translate(x, height - y)
        canvas.rotate(angle)
        canvas.setFont("STSong-Light", size)
        canvas.drawString(0, 0, text)
        canvas.restoreState()
    sketch.text(72, 300, "这是正文的一行文字。", 12)
    sketch.save()
    blocks = pdf_blocks(path)
    assert [b.cells for b in blocks if isinstance(b, Row)] == [["三、本年度办理结果", "（一）予以公开", "3"]]
    assert [b.text for b in blocks if isinstance(b, Line)] == ["这是正文的一行文字。"]


def test_a_merged_cell_left_open_at_the_page_break_is_closed(tmp_path):
    """A browser draws no rule under a merged cell that goes on over the page."""
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    xs, ys = [72, 150, 330, 390], [700, 724, 748]
    for y in ys[:2]:
        sketch.hline(xs[0] if y == ys[0] else xs[1], xs[3], y)
    sketch.hline(xs[1], xs[3], ys[2])  # nothing under the merged cell
    for x in xs:
        sketch.vline(x, ys[0], ys[2])
    for r, (label, number) in enumerate((("1.属于国家秘密", "3"), ("2.其他法律行政法规禁止公开", "4"))):
        sketch.text(xs[1] + 3, ys[r] + 6, label, 10)
        sketch.text(xs[2] + 3, ys[r] + 6, number, 10)
    sketch.text(xs[0] + 3, ys[0] + 6, "（三）不予公开", 10)
    sketch.text(72, 100, "九皋镇人\u2ea0政府")  # 民 written as the radical ⺠, as some printers do
    sketch.save()
    blocks = pdf_blocks(path)
    assert [b.cells for b in blocks if isinstance(b, Row)] == [
        ["（三）不予公开", "1.属于国家秘密", "3"],
        ["", "2.其他法律行政法规禁止公开", "4"],
    ]
    assert blocks[0].text == "九皋镇人民政府"


def test_a_table_printed_without_rules_is_read_by_its_columns(tmp_path):
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    sketch.text(72, 60, "四、政府信息公开行政复议、行政诉讼情况")
    for i, cells in enumerate([["行政许可", "97"], ["行政处罚", "12"], ["行政强制", "0"]]):
        sketch.text(90, 100 + 20 * i, cells[0])
        sketch.text(300, 100 + 20 * i, cells[1])
    sketch.text(90, 180, "结果维持  结果纠正  其他结果")  # narrow gaps: one line of text
    for i, char in enumerate("分散对齐的一行"):  # spread out letter by letter: text, no row
        sketch.text(90 + 60 * i, 200, char)
    for i, number in enumerate(["26", "3", "0"]):  # section 四: numbers without labels
        sketch.text(90 + 60 * i, 220, number)
    sketch.save()
    blocks = pdf_blocks(path)
    assert [b.cells for b in blocks if isinstance(b, Row)] == [
        ["行政许可", "97"],
        ["行政处罚", "12"],
        ["行政强制", "0"],
        ["26", "3", "0"],
    ]
    assert [b.text for b in blocks if isinstance(b, Line)][-1] == "分散对齐的一行"


def test_paragraphs_wrapped_over_lines_and_pages(tmp_path):
    """First lines indented two characters (or by two full-width spaces); a paragraph goes on over the page break past a
    running header and a page number, on a page whose margins are shifted (mirrored margins);
    a two-line title is one title; right-aligned signature lines stay apart."""
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    left, width, size = 72, 30, 15  # 30 characters of 15 pt: lines end at 522
    body = "本镇坚持以公开为常态不公开为例外的原则认真落实政府信息公开条例各项要求。" * 30
    body += "好" * ((width - (len(body) - 28) % width) % width)  # its last line is full

    def lines_of(text: str, first: bool) -> list[tuple[float, str]]:
        out, x, rest = [], left + 2 * size if first else left, text
        while rest:
            n = int((left + width * size - x) // size)
            out.append((x, rest[:n]))
            rest, x = rest[n:], left
        return out

    sketch.text(200, 30, "某某县人民政府信息公开专栏", 9)
    sketch.text(297, 80, "某某镇人民政府", 22, centred=True)
    sketch.text(297, 110, "2023年政府信息公开工作年度报告", 22, centred=True)
    sketch.text(left + 2 * size, 160, "一、总体情况", size)
    y, shift = 190, 0
    for x, part in lines_of(body, True):
        if y > 770:
            shift = 14
            sketch.text(280, 800, "— 1 —", 10)
            sketch.page()
            sketch.text(200, 30, "某某县人民政府信息公开专栏", 9)
            sketch.text(260, 60, "第 2 页 共 2 页", 9)
            y = 100
        sketch.text(x + shift, y, part, size)
        y += 28
    sketch.text(left + shift, y, "\u3000\u3000第二段从这里开始。", size)  # WPS indents with full-width spaces
    y += 28
    sketch.text(522 + shift - 7 * size, y + 30, "某某镇人民政府", size)
    sketch.text(522 + shift - 10 * size, y + 58, "2024年1月10日", size)
    sketch.text(280, 800, "— 2 —", 10)
    sketch.save()
    blocks = pdf_blocks(path)
    assert blocks[2].where == "第1页" and blocks[3].where == "第2页"
    lines = [b.text for b in blocks]
    assert lines == [
        "某某镇人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        body,
        "第二段从这里开始。",
        "某某镇人民政府",
        "2024年1月10日",
    ]


def test_a_date_under_the_title_and_under_the_signature_is_no_running_header(tmp_path):
    path = tmp_path / "t.pdf"
    sketch = Sketch(path)
    sketch.text(297, 60, "某某镇人民政府2023年政府信息公开工作年度报告", 18, centred=True)
    sketch.text(297, 100, "2024年1月10日", 12, centred=True)  # in the top margin's zone
    sketch.text(72, 300, "正文第一页。", 12)
    sketch.page()
    sketch.text(72, 300, "正文第二页。", 12)
    sketch.text(400, 770, "2024年1月10日", 12)  # in the bottom margin's zone
    sketch.save()
    assert [b.text for b in pdf_blocks(path)] == [
        "某某镇人民政府2023年政府信息公开工作年度报告",
        "2024年1月10日",
        "正文第一页。",
        "正文第二页。",
        "2024年1月10日",
    ]


def _filler(sketch: Sketch, count: int) -> None:
    for i in range(count):
        sketch.text(72, 100 + 20 * i, "这是一段足够长的正文，用来把这一页写满，不是年度报告。", 12)


# ---- files that cannot be read ----------------------------------------------------------


def scan_pdf(path: Path) -> Path:
    """A scanned report: each page one image, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 850), 255)
    draw = ImageDraw.Draw(image)
    for i in range(30):
        draw.rectangle((60, 60 + 25 * i, 540, 70 + 25 * i), fill=0)  # lines of "print"
    picture = path.with_suffix(".png")
    image.save(picture)
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.drawImage(str(picture), 0, 0, *A4)
        c.showPage()
    c.save()
    return path


def test_a_scan_is_refused_with_a_message_saying_so(tmp_path, capsys):
    path = scan_pdf(tmp_path / "扫描件.pdf")
    with pytest.raises(NotAReport, match="扫描件.*没有文字层"):
        import_file(path)
    code = main(["import", str(path), "-o", str(tmp_path / "x.nianbao")])
    assert code == 2
    assert "扫描件" in capsys.readouterr().err
    assert not (tmp_path / "x.nianbao").exists()


def test_a_report_with_a_scanned_page_imports_the_rest_and_names_the_page(tmp_path):
    from pypdf import PdfReader, PdfWriter

    scan = PdfReader(scan_pdf(tmp_path / "scan.pdf")).pages[0]
    writer = PdfWriter()
    for number, page in enumerate(PdfReader(CORPUS / "000-lo.pdf").pages, 1):
        writer.add_page(scan if number == 4 else page)  # page 4 holds the table of section 三
    mixed = tmp_path / "mixed.pdf"
    with open(mixed, "wb") as out:
        writer.write(out)
    result = import_file(mixed)
    source = source_draft("000-lo.pdf")
    assert {k: v for k, v in result.report.cells.items() if not k.startswith("s3.")} == {
        k: v for k, v in source.cells.items() if not k.startswith("s3.")
    }
    assert not any(k.startswith("s3.") for k in result.report.cells)
    missing = [p.line() for p in result.problems if p.kind == MISSING]
    assert "［第4页］这一页是图片（扫描件），没有文字层，其中的文字和数字未能导入，请对照原文在草稿中填写" in missing
    assert not any(p.kind == UNPLACED for p in result.problems)


def test_damaged_and_locked_pdfs_are_refused(tmp_path):
    whole = (CORPUS / "003-app.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    for path in (cut, garbage):
        with pytest.raises(NotAReport, match="无法读取PDF文件|没有可读取的文字"):
            import_file(path)

    from pypdf import PdfReader, PdfWriter

    no_pages = tmp_path / "no-pages.pdf"
    PdfWriter().write(no_pages)
    with pytest.raises(NotAReport, match="没有页面"):
        import_file(no_pages)

    writer = PdfWriter()
    for page in PdfReader(CORPUS / "003-app.pdf").pages:
        writer.add_page(page)
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as out:
        writer.write(out)
    with pytest.raises(NotAReport, match="加密"):
        import_file(locked)


def test_a_pdf_that_is_not_a_report_is_refused(tmp_path):
    path = tmp_path / "news.pdf"
    sketch = Sketch(path)
    _filler(sketch, 10)
    sketch.save()
    with pytest.raises(NotAReport, match="不是政府信息公开工作年度报告"):
        import_file(path)

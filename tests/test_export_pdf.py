"""PDF read back with pypdf (text, fonts, page size) and drawn with QtPdf (type area)."""

import datetime as dt
import re

import pypdf
import pytest

from app.export import missing_glyphs, render_pdf
from app.export.fonts import pdf_fonts
from app.layout import NUMBER, TABLE, build_layout
from tests.export_reports import hostile_report, report_2019, report_2021

BASE14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}
A4 = (595.28, 841.89)
MM = 72 / 25.4


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(reader) -> str:
    return squash("".join(page.extract_text() for page in reader.pages))


def fonts_of(reader):
    found = []
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            found.append(font.get_object())
    return found


@pytest.fixture(scope="module", params=["2021", "2019"])
def exported(request, tmp_path_factory):
    report = report_2021() if request.param == "2021" else report_2019()
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    result = render_pdf(report, path)
    return report, path, result


def test_every_label_heading_and_number_in_the_text(exported):
    report, path, result = exported
    reader = pypdf.PdfReader(str(path))
    assert result.pages == len(reader.pages)
    text = pdf_text(reader)
    for section in report.format.sections:
        assert squash(section.heading) in text
        for table in section.tables:
            labels = {table.title, table.corner} | {x for c in table.columns for x in c.label}
            labels |= {x for r in table.rows for x in r.label}
            for label in labels - {None}:
                assert squash(label) in text, label
    assert squash(report.meta.organ) in text
    for sub in report.s1:
        assert squash(sub.title) in text
    if report.template == "2021":
        assert "2024年1月10日" in text and "行政处罚74" in text
    else:
        assert "2021年1月15日" in text and "政府集中采购122406.2243" in text


def test_number_cells_in_row_order(exported):
    """Each data row reads label, then its numbers, in column order."""
    report, path, _ = exported
    text = pdf_text(pypdf.PdfReader(str(path)))
    grid = next(b.table for b in build_layout(report).blocks if b.kind == TABLE and b.table.id == "s3")
    row = [c for c in grid.rows()[grid.header_rows] if c.role == NUMBER]  # 一、本年新收…
    expected = "一、本年新收政府信息公开申请数量" + "".join(c.text for c in row)
    assert expected in text


def test_every_font_embedded_page_a4(exported):
    _, path, result = exported
    reader = pypdf.PdfReader(str(path))
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (w, h) == pytest.approx(A4, abs=0.05)
    fonts = fonts_of(reader)
    assert fonts
    for font in fonts:
        base = str(font["/BaseFont"]).lstrip("/")
        assert base.split("+")[-1] not in BASE14
        assert "+" in base  # a subset
        assert "/FontFile2" in font["/FontDescriptor"]  # embedded TrueType
    assert set(result.fonts) == {"小标宋", "仿宋", "黑体", "楷体", "宋体"}


def test_hostile_text_is_printed_as_text(tmp_path):
    report = hostile_report()
    path = tmp_path / "hostile.pdf"
    result = render_pdf(report, path)
    reader = pypdf.PdfReader(str(path))
    text = pdf_text(reader)
    assert squash("<img src='/etc/passwd'/>") in text
    assert squash("<font name='Helvetica'>汉字</font>") in text
    assert "A&B" in text and "&nbsp;" in text and "x<y>z" in text
    assert text.count("长") >= 20000
    assert "䶮" in text  # a rare character some bundled font has
    for font in fonts_of(reader):
        assert str(font["/BaseFont"]).lstrip("/").split("+")[-1] not in BASE14
    missing = {g.char for g in result.missing}
    assert "😀" in missing
    assert "\x00" not in text and "\u200b" not in missing
    assert text.count("〓") == len(result.missing)  # each printed as the missing-character mark


def test_missing_character_reported_with_where(tmp_path):
    report = report_2021()
    report.s5 = "第一段\n第二段有一个私用区字符\U0010fffd和𠀀。"
    glyphs = missing_glyphs(report)
    private = [g for g in glyphs if g.codepoint == 0x10FFFD]
    assert len(private) == 1 and private[0].where == "第五部分 第2段"
    if not pdf_fonts().covers("𠀀"):
        assert any(g.char == "𠀀" and g.where == "第五部分 第2段" for g in glyphs)
    result = render_pdf(report, tmp_path / "r.pdf")  # the export still completes
    assert result.missing == glyphs and (tmp_path / "r.pdf").stat().st_size > 0


def test_no_line_starts_with_closing_punctuation(tmp_path):
    report = report_2021()
    # 26 characters then a comma: without the patched list the comma would open line two.
    report.s5 = "甲" * 25 + "，" + "乙" * 30 + "。" + "丙" * 26 + "；" + "丁" * 10
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    reader = pypdf.PdfReader(str(path))
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    assert not [line for line in lines if line[:1] in "，。、；：！？）」』】》”’…"]


def test_a_new_empty_report_exports(tmp_path):
    """A draft just created (no text, all numbers 0, no date yet) still gives a whole document."""
    from app.report import new_report

    report = new_report("某某镇人民政府", 2024)
    result = render_pdf(report, tmp_path / "empty.pdf")
    text = pdf_text(pypdf.PdfReader(str(tmp_path / "empty.pdf")))
    assert result.pages >= 2 and result.missing == []
    assert "六、其他需要报告的事项" in text and "2025年月日" in text


def test_pdf_bytes_for_a_preview_equal_the_file(tmp_path):
    from app.export import render_pdf_bytes

    report = report_2019()
    when = dt.datetime(2024, 1, 10, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    data, result = render_pdf_bytes(report, when)
    render_pdf(report, tmp_path / "r.pdf", created=when)
    assert data.startswith(b"%PDF") and data == (tmp_path / "r.pdf").read_bytes()  # invariant output
    assert result.pages == len(pypdf.PdfReader(str(tmp_path / "r.pdf")).pages)

"""DOCX read back with python-docx and its XML: content, merges, fonts, page setup."""

import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from app.export import render_docx
from app.layout import NUMBER, TABLE, build_layout
from tests.export_reports import HOSTILE_TEXT, hostile_report, report_2019, report_2021

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_grid(tbl):
    """(row, col) → [text, rowspan, colspan] of each merged cell, from gridSpan/vMerge."""
    cells = {}
    open_vmerge = {}
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        col = 0
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span_el = pr.find(f"{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            vmerge = pr.find(f"{W}vMerge")
            text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
            if vmerge is not None and vmerge.get(f"{W}val") != "restart":
                open_vmerge[col][1] += 1
                assert text == ""
            else:
                cells[(r, col)] = [text, 1, span]
                open_vmerge[col] = cells[(r, col)]
            col += span
    return cells


@pytest.fixture(scope="module", params=["2021", "2019"])
def exported(request, tmp_path_factory):
    report = report_2021() if request.param == "2021" else report_2019()
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    result = render_docx(report, path)
    return report, path, result


def test_tables_match_layout_cell_for_cell(exported):
    report, path, _ = exported
    document = docx.Document(str(path))
    grids = [b.table for b in build_layout(report).blocks if b.kind == TABLE]
    assert len(document.tables) == len(grids)
    for table, grid in zip(document.tables, grids):
        read = read_grid(table._tbl)
        expected = {(c.row, c.col): [c.text, c.rowspan, c.colspan] for c in grid.cells}
        assert read == expected
        rows = table._tbl.findall(f"{W}tr")
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)
        headers = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows]
        assert headers == [i < grid.header_rows for i in range(len(rows))]
        grid_cols = [int(c.get(f"{W}w")) for c in table._tbl.findall(f"{W}tblGrid/{W}gridCol")]
        assert sum(grid_cols) == round(156 / 25.4 * 1440)  # exactly the type area
        for tc in table._tbl.iter(f"{W}tc"):
            assert tc.find(f"{W}tcPr/{W}tcW").get(f"{W}type") == "dxa"
        assert table._tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"


def test_every_label_and_number_present(exported):
    report, path, _ = exported
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    # (a label set vertically has a line break after each character)
    table_text = {cell.text.replace("\n", "") for t in document.tables for row in t.rows for cell in row.cells}
    for section in report.format.sections:
        assert section.heading in text
        for table in section.tables:
            labels = {table.title, table.corner} | {x for c in table.columns for x in c.label}
            labels |= {x for r in table.rows for x in r.label}
            assert labels - {None} <= table_text
    assert report.title.replace(report.meta.organ, "") in text
    assert ("2024年1月10日" if report.template == "2021" else "2021年1月15日") in text
    for sub in report.s1:
        assert sub.title in text


def test_numbers_in_the_right_cells(exported):
    report, path, _ = exported
    document = docx.Document(str(path))
    grids = [b.table for b in build_layout(report).blocks if b.kind == TABLE]
    found = {}
    for table, grid in zip(document.tables, grids):
        read = read_grid(table._tbl)
        for cell in grid.cells:
            if cell.role == NUMBER:
                found[cell.key] = read[(cell.row, cell.col)][0]
    if report.template == "2021":
        assert found["s2.punishment.decisions"] == "74"
        assert found["s3.new.natural"] == found["s3.new.total"] == found["s3.open.total"] == "6"
        assert found["s3.result_total.total"] == "6"
    else:
        assert found["s2.procurement.projects"] == "12"
        assert found["s2.procurement.amount"] == "2406.2243"
        assert found["s2.other_service.delta"] == "140"
    assert len(found) == len(report.format.cells)


def test_fonts_named_for_east_asian_text_without_theme_or_japanese(exported):
    _, path, result = exported
    with zipfile.ZipFile(path) as z:
        xml = {n: z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels"))}
    for name, content in xml.items():
        assert "ja-JP" not in content, name
        assert not re.search(r'w:\w+Theme="', content), name
    assert 'w:eastAsia="zh-CN"' in xml["word/settings.xml"]
    document = docx.Document(str(path))
    for style_name, face in (("报告正文", "仿宋"), ("一级标题", "黑体"), ("二级标题", "楷体"), ("表格文字", "宋体")):
        fonts = document.styles[style_name].element.find(f"{W}rPr/{W}rFonts")
        assert fonts.get(qn("w:eastAsia")) == face and fonts.get(qn("w:ascii")) == face
    runs = list(document.element.body.iter(f"{W}r"))
    assert runs
    for r in runs:
        fonts = r.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(qn("w:eastAsia")), "every run names its East Asian font"
    assert result.fonts["仿宋"] == "仿宋"


def test_page_setup_a4_margins_and_page_numbers(exported):
    _, path, _ = exported
    document = docx.Document(str(path))
    section = document.sections[0]
    size = section._sectPr.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4 portrait in twips
    assert [
        round(x / Mm(1)) for x in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [37, 35, 28, 26]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]._p
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == align
        instr = "".join(x.text for x in p.iter(f"{W}instrText"))
        assert instr.strip() == "PAGE"
        kinds = [f.get(f"{W}fldCharType") for f in p.iter(f"{W}fldChar")]
        assert kinds == ["begin", "separate", "end"]
        text = "".join(t.text for t in p.iter(f"{W}t"))
        assert text == "— 1 —"
        fonts = p.find(f".//{W}rFonts")
        assert fonts.get(qn("w:eastAsia")) == "宋体"
    body = document.styles["报告正文"].paragraph_format
    assert body.line_spacing.pt == pytest.approx(28.9)
    assert document.styles["报告正文"].font.size.pt == 16
    assert document.styles["报告标题"].font.size.pt == 22


def test_signature_organ_centred_over_date(exported):
    report, path, _ = exported
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    organ, date = paragraphs[-2], paragraphs[-1]
    assert organ.text == report.meta.organ and organ.style.name == "落款"
    assert date.style.name == "成文日期"
    date_ind = document.styles["成文日期"].element.find(f"{W}pPr/{W}ind")
    assert date_ind.get(f"{W}rightChars") == "400"
    # centre of the organ = centre of the date: right indent + half width, in points
    organ_centre = organ.paragraph_format.right_indent.pt + len(report.meta.organ) * 16 / 2
    date_text = date.text
    date_width = sum(16 if ord(ch) > 0x2E80 else 8 for ch in date_text)
    assert organ_centre == pytest.approx(64 + date_width / 2)


def test_hostile_text_gives_a_valid_docx(tmp_path):
    report = hostile_report()
    path = tmp_path / "hostile.docx"
    render_docx(report, path)
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "<img src='/etc/passwd'/>" in text and "A&B" in text and "<font name='Helvetica'>汉字</font>" in text
    assert "😀" in text and "𠀀" in text and "\x00" not in text
    assert "长" * 20000 in text
    assert report.meta.organ in text
    assert HOSTILE_TEXT[:10] in text


def test_property_elements_in_schema_order(exported):
    """Word "repairs" (or refuses) a file whose pPr/tblPr children are out of order."""
    from app.export.docx_render import _PPR_ORDER, _TBLPR_ORDER

    _, path, _ = exported
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
    from lxml import etree

    for data in parts:
        root = etree.fromstring(data)
        for tag, order in (("pPr", _PPR_ORDER), ("tblPr", _TBLPR_ORDER)):
            for el in root.iter(f"{W}{tag}"):
                names = [etree.QName(child).localname for child in el]
                known = [n for n in names if n in order]
                assert known == sorted(known, key=order.index), names


def test_opens_in_libreoffice(exported, tmp_path):
    """Where LibreOffice is installed, it converts the file (it refuses broken packages)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed")
    report, path, _ = exported
    if report.template != "2021":
        pytest.skip("one conversion is enough (slow)")
    done = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=120,
    )
    import pypdf

    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "report.pdf")).pages)
    assert done.returncode == 0 and "三、收到和处理政府信息公开申请情况" in text


def test_paragraphs_follow_the_layout_in_order(exported):
    """The DOCX holds exactly the layout's blocks, in order (the PDF is drawn from the same list)."""
    report, path, _ = exported
    document = docx.Document(str(path))
    body = document.element.body
    seen = []
    for child in body:
        if child.tag == f"{W}p":
            seen.append(("p", "".join(t.text or "" for t in child.iter(f"{W}t"))))
        elif child.tag == f"{W}tbl":
            seen.append(("table", None))
    expected = [("table", None) if b.kind == TABLE else ("p", b.text) for b in build_layout(report).blocks]
    assert seen == expected


def test_export_modules_load_lazily():
    """Importing the export API costs nothing until a file is written (engineering notes §2h)."""
    import subprocess
    import sys

    from tests.conftest import REPO

    code = "import sys, app.export, app.export.command; print(sorted(m for m in ('docx', 'reportlab') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

"""The DOCX writer (app.export.docx_render writes the XML itself): what it could get wrong —
escaping, the package's parts and relationships, and loading python-docx after all."""

import dataclasses
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import PurePosixPath

import docx
import pytest
from lxml import etree

from app.export import render_docx
from app.export.docx_render import docx_bytes
from app.layout import PARAGRAPH, TABLE, TITLE, build_layout
from app.report import Subsection
from tests.export_reports import hostile_report, report_2021

# Text that is markup, entities, CDATA ends, comments, quotes of both kinds, spaces where
# python-docx would need xml:space, and characters outside the BMP (CJK extensions B–G).
HOSTILE = [
    "<w:t>x</w:t></w:r></w:p><w:p><w:r><w:t>注入",
    "&amp; &lt; &#13; &#x41; &nbsp; A&B a<b c>d",
    "]]> <![CDATA[x]]> <!-- 注释 --> <?pi x?>",
    "\"双引号\" 'single' “中文引号” ‘单’ `反引号`",
    "尾部空格   ",
    "中间  两个空格 全角\u3000空格\u3000",
    "𠀀𪜀𫝀𫠠𬺰𰀀 😀 䶮 㙓 \u200b零宽",
]
NS = {
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def hostile_everywhere():
    report = report_2021()
    report.meta.organ = "<b>甲&乙</b>\"镇'人民政府"
    report.meta.title = "<标题>&\"'" + HOSTILE[0]
    report.s1 = [Subsection(text, text) for text in HOSTILE]
    report.s5 = "\n".join(HOSTILE)
    report.s6 = HOSTILE[2]
    return report


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    report = hostile_everywhere()
    path = tmp_path_factory.mktemp("writer") / "hostile.docx"
    render_docx(report, path)
    return report, build_layout(report), path


def test_hostile_text_reads_back_exactly(hostile):
    _, layout, path = hostile
    document = docx.Document(str(path))
    expected = [
        "\n".join(block.lines) if block.kind == TITLE and len(block.lines) > 1 else block.text
        for block in layout.blocks
        if block.kind != TABLE
    ]
    assert [p.text for p in document.paragraphs] == expected
    bodies = [block.text for block in layout.blocks if block.kind == PARAGRAPH]
    for text in HOSTILE:
        assert text.strip() in bodies  # the layout keeps the text, the DOCX gives it back
    properties = document.core_properties
    assert properties.title == layout.title and properties.author == layout.organ


def test_hostile_text_adds_no_elements(hostile, tmp_path):
    """User text never becomes markup: the hostile document is made of the same elements as
    an ordinary report, and each paragraph of the body has its one run (two for the title)."""
    _, layout, path = hostile
    render_docx(report_2021(), tmp_path / "plain.docx")

    def document(docx_path):
        with zipfile.ZipFile(docx_path) as z:
            return etree.fromstring(z.read("word/document.xml"))

    root = document(path)
    assert {el.tag for el in root.iter()} == {el.tag for el in document(tmp_path / "plain.docx").iter()}
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = [p for p in root.iter(f"{w}p") if p.getparent().tag == f"{w}body"]
    blocks = [b for b in layout.blocks if b.kind != TABLE]
    assert [len(p.findall(f"{w}r")) for p in paragraphs] == [max(1, len(b.lines)) if b.text else 0 for b in blocks]


def test_text_with_outer_spaces_is_preserved():
    report = report_2021()
    layout = build_layout(report)
    spaced = " 两端有空格 "
    blocks = [dataclasses.replace(b, text=spaced) if b.kind == PARAGRAPH else b for b in layout.blocks]
    data, _ = docx_bytes(dataclasses.replace(layout, blocks=blocks), dt.datetime.now().astimezone())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    assert f'<w:t xml:space="preserve">{spaced}</w:t>' in xml
    document = docx.Document(io.BytesIO(data))
    assert spaced in [p.text for p in document.paragraphs]


def test_characters_xml_cannot_hold_are_refused_not_written():
    """The layout removes them; should one get through, no file Word refuses is made."""
    layout = build_layout(report_2021())
    for bad in ("\x01", "\ud800", "\uffff"):
        blocks = [dataclasses.replace(b, text="甲" + bad) if b.kind == PARAGRAPH else b for b in layout.blocks]
        with pytest.raises(ValueError):
            docx_bytes(dataclasses.replace(layout, blocks=blocks), dt.datetime.now().astimezone())


def test_every_part_named_exists_and_every_part_has_a_type(hostile):
    _, _, path = hostile
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        assert z.testzip() is None
        types = etree.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension") for d in types.findall("ct:Default", NS)}
        overrides = {o.get("PartName").lstrip("/") for o in types.findall("ct:Override", NS)}
        assert overrides <= names
        for name in names:
            assert name in overrides or name.rsplit(".", 1)[-1] in defaults, name
        for rels in [n for n in names if n.endswith(".rels")]:
            folder = PurePosixPath(rels).parent.parent  # _rels/x.rels describes x in the folder above
            for rel in etree.fromstring(z.read(rels)).findall("rel:Relationship", NS):
                if rel.get("TargetMode") == "External":
                    continue
                target = PurePosixPath(folder, rel.get("Target")).as_posix()
                parts = []
                for piece in target.split("/"):
                    if piece == "..":
                        parts.pop()
                    elif piece not in ("", "."):
                        parts.append(piece)
                assert "/".join(parts) in names, (rels, rel.get("Target"))
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))  # well-formed
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.even_page_footer.paragraphs[0].text == "— 1 —" == section.footer.paragraphs[0].text
    assert [s.name for s in document.styles if s.name in ("报告标题", "报告正文", "页码")] == [
        "报告标题",
        "报告正文",
        "页码",
    ]


def test_same_report_same_time_same_bytes(tmp_path):
    created = dt.datetime(2024, 1, 10, 9, 30).astimezone()
    layout = build_layout(hostile_report())
    assert docx_bytes(layout, created)[0] == docx_bytes(layout, created)[0]


def test_a_docx_export_loads_neither_python_docx_nor_lxml(tmp_path):
    from app.draft import save_draft

    draft = tmp_path / "a.nianbao"
    save_draft(report_2021(), draft)
    code = (
        "import sys, runpy; sys.argv = ['app', 'export', sys.argv[1], '--docx', sys.argv[2]]\n"
        "try:\n    runpy.run_module('app', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(draft), str(tmp_path / "a.docx")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "a.docx").stat().st_size > 10_000


def test_libreoffice_reads_the_hostile_text(hostile, tmp_path):
    import shutil

    import pypdf

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed")
    _, _, path = hostile
    done = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(path)],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0
    text = re.sub(r"\s", "", "".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "hostile.pdf")).pages))
    for piece in ("<w:t>x</w:t></w:r></w:p><w:p><w:r><w:t>注入", "&amp;&lt;&#13;", "]]><![CDATA[x]]><!--注释-->"):
        assert piece in text

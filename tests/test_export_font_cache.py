"""The font cache (app.export.font_cache) gives reportlab exactly what it would read itself,
and the characters no font can draw are reported as before the cache existed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import docx
import pypdf
import pytest
from reportlab.pdfbase.ttfonts import TTFont

from app.cli import main
from app.draft import save_draft
from app.export import font_cache, fonts as F, missing_glyphs
from app.export.fonts import FontFile, bundled_font
from app.report import Subsection, new_report
from tests.conftest import REPO


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def kai_copy(tmp_path) -> FontFile:
    """A font file of our own (the smallest bundled one), so tests may touch and replace it."""
    path = tmp_path / "fonts" / "simkai.ttf"
    path.parent.mkdir()
    shutil.copy(bundled_font("kai").path, path)
    return FontFile("楷体", path)


def _tables(face) -> dict:
    return {
        "charToGlyph": list(face.charToGlyph.items()),  # order too: reportlab iterates them
        "charWidths": list(face.charWidths.items()),
        "widthTypes": {type(w) for w in face.charWidths.values()},
        "hmetrics": list(face.hmetrics),
        "glyphPos": list(face.glyphPos),
        "defaultWidth": face.defaultWidth,
        "glyphToChar": face.glyphToChar,
        "header": (
            face.name,
            face.ascent,
            face.descent,
            face.capHeight,
            face.bbox,
            face.flags,
            face.stemV,
            face.numGlyphs,
        ),
    }


def test_cached_tables_equal_reportlabs_own(data_dir, kai_copy):
    plain = TTFont(kai_copy.pdf_name, str(kai_copy.path))
    first = font_cache.ttfont(kai_copy)  # a miss: reportlab reads the file, the cache is filled
    assert list(data_dir.glob("font-cache/simkai-0-*.bin"))
    second = font_cache.ttfont(kai_copy)  # from the cache
    assert font_cache.read(kai_copy) is not None
    expected = _tables(plain.face)
    assert _tables(first.face) == expected
    assert _tables(second.face) == expected
    # the TTFont made around a cached face has every attribute reportlab's own __init__ sets
    assert set(vars(second)) == set(vars(plain))
    assert second.fontName == plain.fontName and second._asciiReadable == plain._asciiReadable


def test_coverage_from_the_cache_answers_as_reportlabs_character_map(data_dir, kai_copy):
    chars = frozenset(TTFont(kai_copy.pdf_name, str(kai_copy.path)).face.charToGlyph)
    assert font_cache.coverage(kai_copy) is not None  # a miss: reportlab reads it, the cache is filled
    cached = font_cache.coverage(kai_copy)
    assert isinstance(cached, font_cache.SortedCodePoints)
    probes = set(chars) | {c + 1 for c in chars} | {c - 1 for c in chars} | {0, 0x10FFFF, 0x20000}
    assert {c for c in probes if c in cached} == {c for c in probes if c in chars}
    # a character map not in ascending order is asked as a set, not by bisection
    assert not font_cache.SortedCodePoints.sorted(font_cache.array.array("I", [3, 1, 2]))
    assert font_cache.SortedCodePoints.sorted(font_cache.array.array("I", sorted(chars)))


def test_the_order_of_the_character_map_is_found_once_when_cached(data_dir, kai_copy, monkeypatch):
    font_cache.coverage(kai_copy)  # a miss: the cache is written, saying the map ascends
    monkeypatch.setattr(font_cache.SortedCodePoints, "sorted", staticmethod(lambda chars: pytest.fail("checked again")))
    assert isinstance(font_cache.coverage(kai_copy), font_cache.SortedCodePoints)
    # a map out of order (as the cache would hold it from a font whose cmap is) is a set
    monkeypatch.undo()
    arrays = {name: font_cache.array.array("I") for name in font_cache.ARRAYS}
    arrays["chars"] = font_cache.array.array("I", [0x4E01, 0x4E00, 0x41])
    font_cache.write(kai_copy, font_cache.FontMetrics(True, arrays, 0, False, False))
    unordered = font_cache.coverage(kai_copy)
    assert not isinstance(unordered, font_cache.SortedCodePoints)
    assert {c for c in (0x40, 0x41, 0x4E00, 0x4E01, 0x4E02) if c in unordered} == {0x41, 0x4E00, 0x4E01}


def test_a_changed_or_damaged_cache_is_read_again(data_dir, kai_copy):
    font_cache.ttfont(kai_copy)
    (cache_file,) = data_dir.glob("font-cache/*.bin")
    cache_file.write_bytes(cache_file.read_bytes()[:5000])  # cut short (a disk full, a crash)
    assert font_cache.read(kai_copy) is None
    assert len(font_cache.ttfont(kai_copy).face.charToGlyph) > 20000  # read again and cached anew
    assert font_cache.read(kai_copy) is not None
    stat = kai_copy.path.stat()
    os.utime(kai_copy.path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the font file was replaced
    assert font_cache.read(kai_copy) is None


def test_an_unusable_font_is_remembered_as_unusable(data_dir, tmp_path):
    broken = tmp_path / "simhei.ttf"
    broken.write_bytes(b"not a font")
    font = FontFile("黑体", broken)
    assert font_cache.coverage(font) is None
    cached = font_cache.read(font)
    assert cached is not None and not cached.usable
    with pytest.raises(font_cache.UnusableFont):
        font_cache.ttfont(font)


def test_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch, kai_copy):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(blocker))
    assert 0x4E00 in font_cache.coverage(kai_copy)


# ---------------------------------------------------------------------------
# Characters no font can draw: the same messages in the same places as before the cache.
# Captured from the program before the font cache was introduced.

EXPECTED_LABELS = [
    "“𠀀”（U+20000，标题）",
    "“𪚥”（U+2A6A5，前言 第2段）",
    "“🀄”（U+1F004，第一部分（二） 第2段）",
    "“😀”（U+1F600，第一部分（二） 第2段）",
    "“\U0010fffd”（U+10FFFD，第一部分（二） 第2段）",
    "“\U0010fffd”（U+10FFFD，第五部分 第2段）",
    "“ꙮ”（U+A66E，第五部分 第2段）",
    "“₿”（U+20BF，第五部分 第2段）",
    "“\U000f0001”（U+F0001，第六部分 第1段）",
    "“𠀀”（U+20000，第六部分 第1段）",
    "“𠀀”（U+20000，落款）",
]
NOTICE = "注意：以下字符没有可用的字体，PDF中以“〓”代替，请改用常用字或打印后手写补上：" + "、".join(EXPECTED_LABELS)
SUBSTITUTIONS = "字体替代：小标宋 → Noto Serif SC Bold；仿宋 → Noto Serif SC；黑体 → Noto Sans SC；楷体 → LXGW WenKai；宋体 → Noto Serif SC"


def rare_report():
    """Rare characters everywhere: some no bundled font has (𠀀, emoji, private use), some
    only LXGW WenKai has (𡈽, 𠀋, ䷀), an invisible WORD JOINER (dropped, not reported)."""
    report = new_report("𠀀家镇人民政府", 2023)
    report.intro = "前言第一段。\n前言里有𪚥和\u2060和䷀。"
    report.s1 = [
        Subsection("主动公开情况𡈽", "第一段。"),
        Subsection("依申请公开情况", "第一段。\n第二段🀄😀，\U0010fffd，𠀋。"),
    ]
    report.s5 = "一是问题。\n生僻字\U0010fffd和ꙮ、₿。"
    report.s6 = "本年度未收取信息处理费。\U000f0001𠀀𠀀"
    return report


@pytest.fixture
def fresh_fonts(monkeypatch, data_dir):
    """This process's font choice forgotten and an empty cache: the cold path is taken."""
    monkeypatch.setattr(F, "_registered", None)
    monkeypatch.setattr(F, "_coverage_only", None)


@pytest.fixture
def rare_draft(tmp_path):
    path = tmp_path / "生僻字.nianbao"
    save_draft(rare_report(), path)
    return path


def test_missing_glyph_report_unchanged_for_docx_only_export(fresh_fonts, rare_draft, tmp_path, capsys):
    out = tmp_path / "b.docx"
    assert [g.label for g in missing_glyphs(rare_report())] == EXPECTED_LABELS
    assert main(["export", str(rare_draft), "--docx", str(out)]) == 0
    assert capsys.readouterr().out == f"已导出：{out}\n{NOTICE}\n"
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "𠀀家镇人民政府" in text and "生僻字\U0010fffd和ꙮ、₿。" in text  # the DOCX keeps the characters


def test_missing_glyph_report_unchanged_for_pdf_and_both(fresh_fonts, rare_draft, tmp_path, capsys):
    pdf = tmp_path / "c.pdf"
    assert main(["export", str(rare_draft), "--pdf", str(pdf)]) == 0
    assert capsys.readouterr().out == f"已导出：{pdf}\n{SUBSTITUTIONS}\n{NOTICE}\n"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    assert "〓家镇人民政府" in text and "生僻字〓和〓、〓。" in text
    both = tmp_path / "a.docx", tmp_path / "a.pdf"
    assert main(["export", str(rare_draft), "--docx", str(both[0]), "--pdf", str(both[1])]) == 0
    assert capsys.readouterr().out == f"已导出：{both[0]}\n已导出：{both[1]}\n{SUBSTITUTIONS}\n{NOTICE}\n"


def test_docx_export_process_does_not_load_the_pdf_fonts(rare_draft, tmp_path):
    """The DOCX export knows what prints from the font cache; reportlab stays unloaded."""
    script = (
        "import sys; from app.cli import main; "
        f"main(['export', {str(rare_draft)!r}, '--docx', {str(tmp_path / 'x.docx')!r}]); "
        "print('reportlab loaded' if 'reportlab.pdfbase.ttfonts' in sys.modules else 'reportlab not loaded')"
    )
    env = dict(os.environ, NIANBAO_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    for run in ("fills the cache", "reads the cache"):
        out = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert NOTICE in out.stdout, (run, out.stdout, out.stderr)
    assert out.stdout.strip().endswith("reportlab not loaded")

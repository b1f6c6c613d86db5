"""Font choice: installed Windows faces first, bundled fonts otherwise, per-character fallback."""

import shutil

import pytest

from app.export import fonts as F
from app.export.fonts import FontFile, bundled_font


def test_bundled_fonts_present_with_licences_and_within_budget():
    folder = bundled_font("serif").path.parent
    total = 0
    for key in F.BUNDLED:
        font = bundled_font(key)
        assert font.path.is_file()
        assert font.path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not CFF
        total += font.path.stat().st_size
    assert total <= 65 * 1024 * 1024
    for licence in ("OFL-NotoSerifSC.txt", "OFL-NotoSansSC.txt", "OFL-LXGWWenKai.txt"):
        assert "SIL Open Font License" in (folder / licence).read_text(encoding="utf-8")


def test_registry_entries_parsed_into_names(tmp_path):
    (tmp_path / "simsun.ttc").write_bytes(b"x")
    (tmp_path / "simfang.ttf").write_bytes(b"x")
    entries = {
        "宋体 & 新宋体 (TrueType)": "simsun.ttc",
        "FangSong (TrueType)": "simfang.ttf",
        "Arial (TrueType)": "arial.ttf",
    }
    names = F.parse_registry_fonts(entries, [tmp_path])
    assert names["宋体"] == names["新宋体"] == tmp_path / "simsun.ttc"
    assert names["FangSong"] == tmp_path / "simfang.ttf"
    fangsong = F.WINDOWS_FACES["仿宋"]
    assert F.find_installed(fangsong[0], names, [tmp_path]) is None  # no 仿宋_GB2312
    assert F.find_installed(fangsong[1], names, [tmp_path]).name == "仿宋"


def test_gb2312_face_found_by_file_name(tmp_path):
    (tmp_path / "仿宋_GB2312.ttf").write_bytes(b"x")
    hit = F.find_installed(F.WINDOWS_FACES["仿宋"][0], {}, [tmp_path])
    assert hit is not None and hit.name == "仿宋_GB2312"


def test_docx_names_the_installed_faces(monkeypatch):
    fake = {
        "仿宋_GB2312": FontFile("仿宋_GB2312", bundled_font("serif").path),
        "黑体": FontFile("黑体", bundled_font("sans").path),
    }
    monkeypatch.setattr(F, "installed_fonts", lambda: fake)
    names = F.docx_font_names()
    assert names[F.BODY] == ("仿宋_GB2312", False)
    assert names[F.HEADING1] == ("黑体", False)
    assert names[F.TITLE] == ("宋体", True)  # no 方正小标宋简体: 宋体 bold
    monkeypatch.setattr(F, "installed_fonts", lambda: {})
    assert F.docx_font_names()[F.TITLE] == ("方正小标宋简体", False)  # unknown PC: the 公文 face


def test_pdf_uses_an_installed_face_and_falls_back_per_character(tmp_path):
    # A stand-in "installed" 楷体: a copy of a bundled font under the Windows file name.
    kai = tmp_path / "simkai.ttf"
    shutil.copy(bundled_font("kai").path, kai)
    broken = tmp_path / "simhei.ttf"
    broken.write_bytes(b"not a font")
    installed = {"楷体": FontFile("楷体", kai), "黑体": FontFile("黑体", broken)}
    fonts = F._load_pdf_fonts(installed)
    assert fonts.primary[F.HEADING2].name == "楷体"
    assert fonts.primary[F.HEADING1].name == "Noto Sans SC"  # the unusable file is skipped
    assert fonts.used_names()["楷体"] == "楷体" and fonts.used_names()["仿宋"] == "Noto Serif SC"
    runs = fonts.runs("甲\U0010fffd乙", F.BODY)
    assert "".join(text for _, text in runs) == "甲〓乙"


def test_runs_switch_font_only_where_needed():
    fonts = F.pdf_fonts()
    body = fonts.primary[F.BODY]
    missing_in_body = next(
        (ch for ch in "䶮㙓龘𠀋䷀" if ord(ch) not in fonts.coverage[body.pdf_name] and fonts.covers(ch)), None
    )
    if missing_in_body is None:
        pytest.skip("the body font has every test character")
    runs = fonts.runs(f"前{missing_in_body}后", F.BODY)
    assert [t for _, t in runs] == ["前", missing_in_body, "后"]
    assert runs[0][0] is body and runs[1][0] is not body


def test_missing_bundled_fonts_give_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setattr(F, "resources_dir", lambda: tmp_path)
    with pytest.raises(F.FontError, match="重新安装"):
        F._load_pdf_fonts({})

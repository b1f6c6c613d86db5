"""Which font prints each part of the report, in DOCX (a name) and PDF (a file).

Roles follow print-layout.md: title 小标宋, body 仿宋, level-1 headings 黑体, level-2
headings 楷体, tables and page numbers 宋体. On Windows the installed faces are used
(仿宋_GB2312 before 仿宋, and so on); where one is missing — and always on other
systems — a redistributable font bundled in resources/fonts stands in for the PDF.
Every PDF string is split into runs by glyph coverage, so a character the role's
font lacks is drawn with another available font; one that no font has is reported.
"""

from __future__ import annotations

import os
import sys
import threading
import unicodedata
import zlib
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from app.errors import UserError
from app.paths import resources_dir

TITLE, BODY, HEADING1, HEADING2, TABLE, PAGE_NUMBER = "title", "body", "heading1", "heading2", "table", "page_number"
MISSING_MARK = "〓"  # GETA MARK: printed where no font has the character
ROLES = (TITLE, BODY, HEADING1, HEADING2, TABLE, PAGE_NUMBER)

# The face print-layout.md asks for, per role.
ROLE_FACE = {TITLE: "小标宋", BODY: "仿宋", HEADING1: "黑体", HEADING2: "楷体", TABLE: "宋体", PAGE_NUMBER: "宋体"}
ROLE_NAME = {
    TITLE: "标题",
    BODY: "正文",
    HEADING1: "一级标题",
    HEADING2: "二级标题",
    TABLE: "表格",
    PAGE_NUMBER: "页码",
}


class FontError(UserError, RuntimeError):
    """No usable font for a role (the bundled fonts are missing or damaged); str() is Chinese."""


@dataclass(frozen=True)
class Installable:
    """One concrete font that may be installed: its name in documents, the names it is
    registered under in Windows, and its usual file names."""

    name: str
    registry_names: tuple[str, ...]
    files: tuple[str, ...]
    index: int = 0  # sub-font of a .ttc


# Per face, best first (print-layout.md; engineering notes §5c).
WINDOWS_FACES: dict[str, tuple[Installable, ...]] = {
    "小标宋": (
        Installable(
            "方正小标宋简体",
            ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
            ("FZXBSJW.TTF", "方正小标宋简体.ttf", "FZXBSJW--GB1-0.ttf"),
        ),
        Installable("方正小标宋_GBK", ("方正小标宋_GBK", "FZXiaoBiaoSong-B05"), ("FZXBSK.TTF", "方正小标宋_GBK.ttf")),
    ),
    "仿宋": (
        Installable(
            "仿宋_GB2312",
            ("仿宋_GB2312", "FangSong_GB2312"),
            ("仿宋_GB2312.ttf", "FS_GB2312.ttf", "SIMFANG_GB2312.TTF"),
        ),
        Installable("仿宋", ("仿宋", "FangSong"), ("simfang.ttf",)),
    ),
    "黑体": (Installable("黑体", ("黑体", "SimHei"), ("simhei.ttf",)),),
    "楷体": (
        Installable(
            "楷体_GB2312", ("楷体_GB2312", "KaiTi_GB2312"), ("楷体_GB2312.ttf", "KT_GB2312.ttf", "SIMKAI_GB2312.TTF")
        ),
        Installable("楷体", ("楷体", "KaiTi"), ("simkai.ttf",)),
    ),
    "宋体": (Installable("宋体", ("宋体", "SimSun"), ("simsun.ttc",), 0),),
}
# Only as a per-character fallback: SimSun-ExtB has the CJK Extension B characters.
WINDOWS_EXTRA = (Installable("SimSun-ExtB", ("SimSun-ExtB",), ("simsunb.ttf",)),)

# The names a DOCX uses when nothing is known about the reader's PC: the Windows faces.
DEFAULT_DOCX_NAME = {"小标宋": "方正小标宋简体", "仿宋": "仿宋", "黑体": "黑体", "楷体": "楷体", "宋体": "宋体"}


@dataclass(frozen=True)
class FontFile:
    name: str  # shown to the clerk: 仿宋, Noto Serif SC …
    path: Path
    index: int = 0
    bundled: bool = False

    @cached_property  # asked for every run of text: computed once
    def pdf_name(self) -> str:
        # reportlab's registry is by name: the path is part of it so that two files
        # with the same name (bundled vs installed) are never confused
        return f"nb-{self.path.stem}-{self.index}-{zlib.crc32(str(self.path).encode()):08x}"


BUNDLED = {
    "serif": ("Noto Serif SC", "NotoSerifSC-Regular.ttf"),
    "serif-bold": ("Noto Serif SC Bold", "NotoSerifSC-Bold.ttf"),
    "sans": ("Noto Sans SC", "NotoSansSC-Regular.ttf"),
    "kai": ("LXGW WenKai", "LXGWWenKai-Regular.ttf"),
}
BUNDLED_FOR_FACE = {"小标宋": "serif-bold", "仿宋": "serif", "宋体": "serif", "黑体": "sans", "楷体": "kai"}


def bundled_font(key: str) -> FontFile:
    name, filename = BUNDLED[key]
    return FontFile(name, resources_dir() / "fonts" / filename, 0, bundled=True)


# ---------------------------------------------------------------------------
# What is installed (Windows)


def windows_font_dirs() -> list[Path]:
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def parse_registry_fonts(entries: dict[str, str], font_dirs: list[Path]) -> dict[str, Path]:
    """Font registry values ("宋体 & 新宋体 (TrueType)" → "simsun.ttc") as name → file."""
    found: dict[str, Path] = {}
    for value_name, file_name in entries.items():
        names = value_name.rsplit(" (", 1)[0]
        path = Path(file_name)
        if not path.is_absolute():
            path = next(
                (d / file_name for d in font_dirs if (d / file_name).is_file()),
                font_dirs[0] / file_name if font_dirs else path,
            )
        for name in names.split(" & "):
            found.setdefault(name.strip(), path)
    return found


def _read_windows_registry() -> dict[str, str]:
    if sys.platform != "win32":  # called on Windows only; the test tells mypy to check winreg as there
        return {}
    import winreg

    entries: dict[str, str] = {}
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for hive in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        try:
            with winreg.OpenKey(hive, key_path) as key:
                i = 0
                while True:
                    try:
                        name, value, _ = winreg.EnumValue(key, i)
                    except OSError:
                        break
                    if isinstance(value, str):
                        entries.setdefault(name, value)
                    i += 1
        except OSError:
            continue
    return entries


def find_installed(font: Installable, registry: dict[str, Path], font_dirs: list[Path]) -> FontFile | None:
    for name in font.registry_names:
        path = registry.get(name)
        if path is not None and path.is_file():
            return FontFile(font.name, path, font.index)
    for folder in font_dirs:
        for file_name in font.files:
            path = folder / file_name
            if path.is_file():
                return FontFile(font.name, path, font.index)
    return None


@cache
def installed_fonts() -> dict[str, FontFile]:
    """Installed Windows faces by document name (empty elsewhere)."""
    if sys.platform != "win32":
        return {}
    dirs = [d for d in windows_font_dirs() if d.is_dir()]
    try:
        registry = parse_registry_fonts(_read_windows_registry(), dirs)
    except OSError:
        registry = {}
    found = {}
    for candidates in (*WINDOWS_FACES.values(), WINDOWS_EXTRA):
        for font in candidates:
            hit = find_installed(font, registry, dirs)
            if hit is not None:
                found[font.name] = hit
    return found


# ---------------------------------------------------------------------------
# Names written into the DOCX


def docx_font_names() -> dict[str, tuple[str, bool]]:
    """Per role: (face name, bold). The installed face where known, else the Windows face."""
    installed = installed_fonts()
    out = {}
    for role in ROLES:
        face = ROLE_FACE[role]
        name, bold = DEFAULT_DOCX_NAME[face], False
        if installed:
            hit = next((f.name for f in WINDOWS_FACES[face] if f.name in installed), None)
            if hit:
                name = hit
            elif face == "小标宋":  # print-layout.md: fallback 宋体 bold
                name, bold = "宋体", True
        out[role] = (name, bold)
    return out


# ---------------------------------------------------------------------------
# PDF fonts: registration and coverage


class PdfFonts:
    """The registered fonts of this process: per role a primary font and a fallback
    chain, with each font's character coverage."""

    def __init__(self, primary: dict[str, FontFile], chain: tuple[FontFile, ...], coverage: dict[str, Container[int]]):
        self.primary = primary
        self.chain = chain  # every usable font, in fallback order
        self.coverage = coverage  # pdf_name → code points

    def covers(self, ch: str) -> bool:
        # font by font, not one union of them all: the union (~100,000 code points) cost
        # a DOCX export process ~7 ms, and nearly every character is in the first font
        cp = ord(ch)
        return any(cp in chars for chars in self.coverage.values())

    def chain_for(self, role: str) -> tuple[FontFile, ...]:
        first = self.primary[role]
        return (first, *(f for f in self.chain if f != first))

    def runs(self, text: str, role: str) -> list[tuple[FontFile, str]]:
        """Split text into (font, substring) runs, each drawn by a font that has its glyphs.
        A character no font has is printed as 〓, the typesetter's mark for a missing
        character (it is reported to the clerk separately); invisible format characters
        no font has are dropped."""
        chain = self.chain_for(role)
        primary = chain[0]
        out: list[tuple[FontFile, list[str]]] = []
        for ch in text:
            cp = ord(ch)
            font = primary if cp in self.coverage[primary.pdf_name] else None
            if font is None:
                font = next((f for f in chain[1:] if cp in self.coverage[f.pdf_name]), None)
                if font is None:
                    if unicodedata.category(ch) == "Cf":
                        continue
                    ch = MISSING_MARK
                    font = next((f for f in chain if ord(ch) in self.coverage[f.pdf_name]), primary)
            if out and out[-1][0] is font:
                out[-1][1].append(ch)
            else:
                out.append((font, [ch]))
        return [(f, "".join(chars)) for f, chars in out]

    def used_names(self) -> dict[str, str]:
        """Wanted face → font that prints it, e.g. 仿宋 → Noto Serif SC."""
        out: dict[str, str] = {}
        for role in ROLES:
            out.setdefault(ROLE_FACE[role], self.primary[role].name)
        return out


_lock = threading.Lock()
_registered: PdfFonts | None = None
_coverage_only: PdfFonts | None = None


def _register(font: FontFile) -> frozenset[int]:
    """Register the font with reportlab (once per process); its character coverage."""
    from reportlab.pdfbase import pdfmetrics

    from app.export import font_cache

    # Not pdfmetrics.getFont(name) to ask: for an unknown name it parses every AFM
    # metrics file on the system before giving up (seconds).
    if font.pdf_name in pdfmetrics.getRegisteredFontNames():
        tt = pdfmetrics.getFont(font.pdf_name)
    else:
        tt = font_cache.ttfont(font)
        pdfmetrics.registerFont(tt)
    return frozenset(tt.face.charToGlyph)


def pdf_fonts() -> PdfFonts:
    """The fonts, registered with reportlab once per process (lazily, on the first PDF)."""
    global _registered
    with _lock:
        if _registered is None:
            _registered = _load_pdf_fonts(installed_fonts())
        return _registered


def font_coverage() -> PdfFonts:
    """The same choice of fonts and coverage as pdf_fonts(), without loading reportlab:
    from the font cache (app.export.font_cache). Enough to find characters no font has,
    e.g. for a DOCX export."""
    global _coverage_only
    with _lock:
        if _registered is not None:
            return _registered
        if _coverage_only is None:
            from app.export import font_cache

            _coverage_only = _choose_fonts(installed_fonts(), font_cache.coverage)
        return _coverage_only


def _load_pdf_fonts(installed: dict[str, FontFile]) -> PdfFonts:
    def register(font: FontFile) -> frozenset[int] | None:
        try:
            return _register(font)
        except Exception:  # TTFError: CFF outlines, embedding not allowed, damaged file
            return None

    return _choose_fonts(installed, register)


def _choose_fonts(installed: dict[str, FontFile], probe: Callable[[FontFile], Container[int] | None]) -> PdfFonts:
    """Per role the first usable font, then the fallback chain. probe(font) gives the
    characters a font has, or None when the font cannot be used."""
    coverage: dict[str, Container[int]] = {}
    usable: dict[FontFile, bool] = {}

    def usable_font(font: FontFile) -> bool:
        if font not in usable:
            chars = probe(font)
            usable[font] = chars is not None
            if chars is not None:
                coverage[font.pdf_name] = chars
        return usable[font]

    primary: dict[str, FontFile] = {}
    for role in ROLES:
        face = ROLE_FACE[role]
        candidates = [installed[f.name] for f in WINDOWS_FACES[face] if f.name in installed]
        candidates.append(bundled_font(BUNDLED_FOR_FACE[face]))
        if face == "小标宋":  # a real bold Song reads better than a plain 宋体
            candidates.append(bundled_font("serif"))
        chosen = next((f for f in candidates if usable_font(f)), None)
        if chosen is None:
            raise FontError(
                f"找不到可用于“{ROLE_NAME[role]}”的中文字体（应随程序安装在 {bundled_font('serif').path.parent}），"
                "请重新安装年报助手。"
            )
        primary[role] = chosen

    # Fallback order: the chosen fonts, then the Windows extras, then every bundled font.
    extras = [installed[f.name] for f in WINDOWS_EXTRA if f.name in installed]
    order: list[FontFile] = []
    for font in (*primary.values(), *extras, *(bundled_font(k) for k in BUNDLED)):
        if font not in order and usable_font(font):
            order.append(font)
    return PdfFonts(primary, tuple(order), coverage)

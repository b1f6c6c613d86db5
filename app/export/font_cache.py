"""A disk cache of what reportlab reads from each font file, so a font loads in milliseconds.

reportlab reads a TrueType font's character map, advance widths and glyph offsets
glyph by glyph in Python: about 0.2 s for each bundled 15 MB font, four of them per
export. The same numbers are kept here per font file, as flat arrays, in
`<data dir>/font-cache/`, keyed by the file's path, size and modification time and by
the reportlab version; a font whose file changed is read again. The cache holds
exactly what reportlab computed (its own parser fills it), so widths, subsets and
coverage are unchanged. Whether reportlab refuses a font (CFF outlines, embedding not
allowed, a damaged file) is cached too, so checking which characters can be printed
needs no reportlab at all.

A missing, damaged or unwritable cache only costs time: the font is read as before.
"""

from __future__ import annotations

import array
import bisect
import itertools
import json
import operator
import os
import sys
import zlib
from collections.abc import Container, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.export.fonts import FontFile

MAGIC = b"nianbao-font-cache 2\n"  # 2: the header says whether the character map ascends
FOLDER = "font-cache"
# Arrays stored per font, in this order: the character map, reportlab's width table,
# the horizontal metrics, the glyph offsets and the reverse map (glyph, character) pairs.
# Unsigned 32-bit throughout (widths may be doubles).
ARRAYS = (
    "chars",
    "glyphs",
    "width_chars",
    "widths",
    "advances",
    "side_bearings",
    "glyph_offsets",
    "g2c_glyphs",
    "g2c_chars",
)


def cache_dir() -> Path:
    from app.recovery import data_dir

    return data_dir() / FOLDER


def _reportlab_version() -> str:
    from reportlab import Version

    return Version


def cache_key(font: FontFile) -> dict[str, Any] | None:
    """What must be unchanged for the cached numbers to hold; None when the file cannot be read."""
    try:
        st = os.stat(font.path)
    except OSError:
        return None
    return {
        "path": str(font.path),
        "index": font.index,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "reportlab": _reportlab_version(),
    }


def _cache_file(font: FontFile) -> Path:
    tag = zlib.crc32(f"{font.path}|{font.index}".encode())
    return cache_dir() / f"{font.path.stem}-{font.index}-{tag:08x}.bin"


class HorizontalMetrics(Sequence):
    """reportlab's face.hmetrics, (advance width, left side bearing) per glyph, read from
    the two cached arrays when asked for."""

    def __init__(self, advances: array.array, side_bearings: array.array) -> None:
        self.advances, self.side_bearings = advances, side_bearings

    def __len__(self) -> int:
        return len(self.advances)

    def __getitem__(self, glyph):
        if isinstance(glyph, slice):
            return list(zip(self.advances[glyph], self.side_bearings[glyph]))
        return self.advances[glyph], self.side_bearings[glyph]


@dataclass
class FontMetrics:
    """reportlab's per-character and per-glyph tables of one font, or why it cannot be used."""

    usable: bool
    arrays: dict[str, array.array]
    default_width: float = 0
    float_widths: bool = False
    # whether the character map is in ascending order (then asked by bisection), found
    # once when the cache is written: checking it at every load cost ~2 ms a font
    chars_ascending: bool = False

    @property
    def coverage(self) -> frozenset[int]:
        return frozenset(self.arrays["chars"])

    # -- to and from reportlab's face

    @classmethod
    def from_face(cls, face) -> FontMetrics:
        widths = list(face.charWidths.values())
        float_widths = any(isinstance(w, float) for w in widths)
        arrays = {
            "chars": array.array("I", face.charToGlyph.keys()),
            "glyphs": array.array("I", face.charToGlyph.values()),
            "width_chars": array.array("I", face.charWidths.keys()),
            "widths": array.array("d", widths) if float_widths else array.array("I", widths),
            "advances": array.array("I", (aw for aw, _ in face.hmetrics)),
            "side_bearings": array.array("I", (lsb for _, lsb in face.hmetrics)),
            "glyph_offsets": array.array("I", face.glyphPos),
            # reportlab's reverse map is not quite the inverse of charToGlyph (U+00A0 is added
            # to the latter only), so it is stored as it is
            "g2c_glyphs": array.array("I", (g for g, chars in face.glyphToChar.items() for _ in chars)),
            "g2c_chars": array.array("I", (c for chars in face.glyphToChar.values() for c in chars)),
        }
        return cls(True, arrays, face.defaultWidth, float_widths, SortedCodePoints.sorted(arrays["chars"]))

    def fill_face(self, face) -> None:
        """Set the attributes reportlab's extractInfo(charInfo=1) sets beyond the header."""
        a = self.arrays
        face.charToGlyph = dict(zip(a["chars"], a["glyphs"]))
        face.charWidths = dict(zip(a["width_chars"], a["widths"]))
        # reportlab only indexes these two, for the glyphs a subset takes: kept as the arrays
        # instead of ~30,000 tuples and ints made at every load of a font
        face.hmetrics = HorizontalMetrics(a["advances"], a["side_bearings"])
        face.glyphPos = a["glyph_offsets"]
        face.defaultWidth = self.default_width
        face._glyph_to_char_pairs = (a["g2c_glyphs"], a["g2c_chars"])

    @staticmethod
    def glyph_to_char(pairs) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for glyph, char in zip(*pairs):
            out.setdefault(glyph, []).append(char)
        return out

    # -- file format: MAGIC, a 4-byte header length, a JSON header, the arrays (little-endian)

    def to_bytes(self, key: dict[str, Any]) -> bytes:
        header: dict[str, Any] = {
            "key": key,
            "usable": self.usable,
            "default_width": self.default_width,
            "float_widths": self.float_widths,
            "chars_ascending": self.chars_ascending,
            "arrays": [[name, self.arrays[name].typecode, len(self.arrays[name])] for name in ARRAYS]
            if self.usable
            else [],
        }
        head = json.dumps(header).encode()
        parts = [MAGIC, len(head).to_bytes(4, "little"), head]
        for name, _, _ in header["arrays"]:
            data = self.arrays[name]
            if sys.byteorder != "little":
                data = array.array(data.typecode, data)
                data.byteswap()
            parts.append(data.tobytes())
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes, key: dict[str, Any], only: tuple[str, ...] = ARRAYS) -> FontMetrics | None:
        if not data.startswith(MAGIC):
            return None
        pos = len(MAGIC)
        size = int.from_bytes(data[pos : pos + 4], "little")
        header = json.loads(data[pos + 4 : pos + 4 + size])
        if header.get("key") != key:
            return None
        pos += 4 + size
        arrays = {}
        for name, typecode, count in header["arrays"]:
            values = array.array(typecode)
            end = pos + values.itemsize * count
            if name in only:
                if end > len(data):
                    return None
                values.frombytes(data[pos:end])
                if sys.byteorder != "little":
                    values.byteswap()
                arrays[name] = values
            pos = end
        if header["usable"] and set(arrays) != set(only):
            return None
        return cls(header["usable"], arrays, header["default_width"], header["float_widths"], header["chars_ascending"])


def read(font: FontFile, only: tuple[str, ...] = ARRAYS) -> FontMetrics | None:
    """The cached numbers of this font file (the arrays named in `only`), or None (never
    cached, file changed, cache damaged)."""
    key = cache_key(font)
    if key is None:
        return None
    try:
        with open(_cache_file(font), "rb") as file:
            data = file.read(len(MAGIC) + 4)
            size = int.from_bytes(data[len(MAGIC) :], "little")
            data += file.read(size)
            header = json.loads(data[len(MAGIC) + 4 :])
            # only as far as the last array wanted (the character map alone is a seventh)
            wanted = [i for i, (name, _, _) in enumerate(header["arrays"]) if name in only]
            sizes = [array.array(typecode).itemsize * count for _, typecode, count in header["arrays"]]
            data += file.read(sum(sizes[: wanted[-1] + 1]) if wanted else 0)
        return FontMetrics.from_bytes(data, key, only)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def write(font: FontFile, metrics: FontMetrics) -> None:
    key = cache_key(font)
    if key is None:
        return
    from app.atomic import SaveError, atomic_write

    path = _cache_file(font)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, metrics.to_bytes(key), keep_backup=False)
    except (OSError, SaveError):
        pass  # a read-only or full disk: the font is simply read again next time


# ---------------------------------------------------------------------------
# reportlab objects built from the cache


def _face_class():
    from reportlab.pdfbase.ttfonts import TTFontFace

    class CachedFace(TTFontFace):
        """reportlab's face; the per-glyph tables come from the cache when it has them."""

        _glyph_to_char: dict[int, list[int]] | None = None
        _glyph_to_char_pairs: tuple = ((), ())

        def __init__(self, font: FontFile, metrics: FontMetrics | None):
            self._cached = metrics
            super().__init__(str(font.path), validate=0, subfontIndex=font.index)

        def extractInfo(self, charInfo=1):
            if self._cached is None or not charInfo:
                super().extractInfo(charInfo)
                return
            super().extractInfo(charInfo=0)  # names, header metrics, embedding permission
            self._cached.fill_face(self)

        @property
        def glyphToChar(self):  # only text shaping needs it: built on first use
            if self._glyph_to_char is None:
                self._glyph_to_char = FontMetrics.glyph_to_char(self._glyph_to_char_pairs)
            return self._glyph_to_char

        @glyphToChar.setter
        def glyphToChar(self, value):
            self._glyph_to_char = value

    return CachedFace


_CachedFace = None


def ttfont(font: FontFile):
    """A reportlab TTFont for this file, its tables from the cache (filled on a miss).
    Raises what reportlab raises for a font it cannot use; that refusal is cached too."""
    global _CachedFace
    from reportlab.pdfbase.ttfonts import TTFont

    if _CachedFace is None:
        _CachedFace = _face_class()
    metrics = read(font)
    if metrics is not None and not metrics.usable:
        raise UnusableFont(f"{font.path} cannot be used (cached)")
    try:
        face = _CachedFace(font, metrics)
    except Exception:
        if metrics is None:
            write(font, FontMetrics(False, {}))
        raise
    if metrics is None:
        write(font, FontMetrics.from_face(face))
    tt = TTFont.__new__(TTFont)
    _init_ttfont(tt, font.pdf_name, face)
    return tt


def _init_ttfont(tt, name: str, face) -> None:
    """TTFont.__init__ with a ready face (reportlab's own __init__ would parse the file again).
    tests/test_export_fonts.py checks this sets the same attributes as reportlab does."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    tt.fontName = name
    tt.face = face
    tt.encoding = ttfonts.TTEncoding()
    tt.state = WeakKeyDictionary()
    tt._asciiReadable = rl_config.ttfAsciiReadable
    tt.shapable = not any(fnmatch(name, glob) for glob in ttfonts.unShapedFontGlob)


class UnusableFont(Exception):
    """reportlab refused this font file before (the refusal is cached)."""


def coverage(font: FontFile) -> Container[int] | None:
    """The characters this font can print, or None when reportlab cannot use it.
    From the cache; a miss reads the font once with reportlab and fills the cache."""
    metrics = read(font, only=("chars",))
    if metrics is None:
        try:
            return frozenset(ttfont(font).face.charToGlyph)
        except Exception:
            return None
    if not metrics.usable:
        return None
    return SortedCodePoints(metrics.arrays["chars"]) if metrics.chars_ascending else metrics.coverage


class SortedCodePoints(Container[int]):
    """The cached character map's code points (ascending, as reportlab reads a font's cmap),
    asked by bisection: making a frozenset of a CJK font's ~30,000 code points took a
    DOCX export ~4 ms a font, to look up the few hundred characters of one report."""

    def __init__(self, chars: array.array):
        self._chars = chars

    @staticmethod
    def sorted(chars: array.array) -> bool:
        return all(map(operator.lt, chars, itertools.islice(chars, 1, None)))

    def __contains__(self, cp: object) -> bool:
        i = bisect.bisect_left(self._chars, cp)
        return i < len(self._chars) and self._chars[i] == cp

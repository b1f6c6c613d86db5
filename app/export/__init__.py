"""Print-ready exports of a report: DOCX and PDF from one layout (app.layout).

    result = render_pdf(report, "年报.pdf")   # or render_docx(report, "年报.docx")
    result.missing   # characters no available font can draw, with where they are
    result.fonts     # which font stands in for which face, e.g. {"仿宋": "Noto Serif SC"}

A file is rendered to bytes first and then written atomically: a locked or
unwritable target raises app.atomic.SaveError (Chinese message) and no half file
is left behind. reportlab is imported on first use only; the DOCX is written without
python-docx (app.export.docx_render).
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from app.atomic import SaveError, atomic_write, check_target, real_target, same_file
from app.layout import LayoutDocument, build_layout
from app.report import Report

__all__ = [
    "ExportResult",
    "MissingGlyph",
    "SaveError",
    "check_export_targets",
    "missing_glyphs",
    "prepare",
    "render_docx",
    "render_pdf",
    "render_pdf_bytes",
]


@dataclass(frozen=True)
class MissingGlyph:
    char: str
    codepoint: int
    where: str  # a Chinese location, e.g. 第五部分 第2段

    @property
    def label(self) -> str:
        return f"“{self.char}”（U+{self.codepoint:04X}，{self.where}）"


@dataclass
class ExportResult:
    path: str
    missing: list[MissingGlyph] = field(default_factory=list)
    fonts: dict[str, str] = field(default_factory=dict)  # wanted face → font used or named
    pages: int | None = None  # PDF only

    @property
    def substitutions(self) -> list[str]:
        return [f"{wanted} → {used}" for wanted, used in self.fonts.items() if wanted != used]


def layout_missing(layout: LayoutDocument) -> list[MissingGlyph]:
    from app.export.fonts import font_coverage

    fonts = font_coverage()  # from the font cache: no reportlab needed to know what prints
    seen: set[tuple[str, str]] = set()
    out: list[MissingGlyph] = []
    # each character is looked up once (a report has a few hundred different ones in
    # thousands of places), by the set of those found printable
    printable: set[str] = set()
    for text, where in layout.texts():
        if printable.issuperset(text):
            continue
        for ch in text:
            if ch in printable:
                continue
            if ch.isspace() or fonts.covers(ch):
                printable.add(ch)
                continue
            if (ch, where) in seen:
                continue
            if unicodedata.category(ch) == "Cf":  # invisible; dropped from the PDF, nothing to see
                continue
            seen.add((ch, where))
            out.append(MissingGlyph(ch, ord(ch), where))
    return out


def prepare() -> None:
    """Do now what the first export would otherwise do after the clerk's click: import
    the DOCX writer and reportlab and load the PDF fonts (from the font cache, or read and
    cached on the first run). The window calls this in the background once it is idle."""
    import app.export.docx_render
    import app.export.pdf_render  # noqa: F401 — imported for its import time
    from app.export.fonts import pdf_fonts

    pdf_fonts()


def missing_glyphs(report: Report) -> list[MissingGlyph]:
    """Characters of the report that no available font can draw, each with where it is."""
    return layout_missing(build_layout(report))


def check_export_targets(
    targets: list[str | os.PathLike], draft: str | os.PathLike | None = None, replace_read_only: bool = False
) -> None:
    """Before anything is written: no export may replace the draft it is made from, two exports of
    one run may not share a file, and each target must be one that may be replaced (not a folder,
    a pipe, a device or, unless the clerk agreed, a read-only file). Raises SaveError."""
    for i, target in enumerate(targets):
        name = Path(target).name
        if draft is not None and same_file(target, draft):
            raise SaveError(f"导出的文件“{name}”就是草稿本身，导出会覆盖草稿。没有导出任何文件；请另选文件名。")
        for other in targets[:i]:
            if same_file(target, other):
                raise SaveError(
                    f"两种格式都要导出到“{name}”，后一个会覆盖前一个。没有导出任何文件；请为每种格式另选文件名。"
                )
        check_target(real_target(target), replace_read_only)


def _write(path: str | os.PathLike, data: bytes, replace_read_only: bool = False) -> None:
    atomic_write(path, data, keep_backup=False, replace_read_only=replace_read_only)


def export_time() -> dt.datetime:
    """When a file is made, with the computer's time zone: its document properties' date."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def render_docx(
    report: Report, path: str | os.PathLike, replace_read_only: bool = False, created: dt.datetime | None = None
) -> ExportResult:
    from app.export.docx_render import docx_bytes

    layout = build_layout(report)
    data, fonts = docx_bytes(layout, created or export_time())
    _write(path, data, replace_read_only)
    return ExportResult(os.fspath(path), layout_missing(layout), fonts)


def render_pdf_bytes(report: Report, created: dt.datetime | None = None) -> tuple[bytes, ExportResult]:
    """The PDF in memory (for a preview); the result's path is empty. `created` (default: now)
    is the date in the document properties."""
    from app.export.pdf_render import pdf_bytes

    layout = build_layout(report)
    data, fonts, pages = pdf_bytes(layout, created or export_time())
    return data, ExportResult("", layout_missing(layout), fonts, pages)


def render_pdf(
    report: Report, path: str | os.PathLike, replace_read_only: bool = False, created: dt.datetime | None = None
) -> ExportResult:
    data, result = render_pdf_bytes(report, created)
    _write(path, data, replace_read_only)
    result.path = os.fspath(path)
    return result

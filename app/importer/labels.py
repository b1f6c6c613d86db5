"""Normalising and matching the labels printed in a published report.

Reports copied from web pages and Word carry the official labels with stray spaces,
line breaks, half-width brackets and the odd typo. Labels are compared here in a
normal form; the labels themselves always come from the format definitions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# Word-to-HTML converters leave these behind in the text ("[bookmark: _GoBack]三、…").
BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，", "?": "？", "!": "！"})
_TRAILING_NOTE_RE = re.compile(r"^(.+?)（[^（）]*）$")
# The numbering of an official label, normalised: （一） 一、 1. （1）
_NUMBERING_RE = re.compile(
    r"^(?:（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、．)）]|（\d{1,2}）)")


def clean_text(text: str) -> str:
    """Text as the clerk should see it: converter debris removed, edges trimmed."""
    return BOOKMARK_RE.sub("", text).replace("\u00a0", " ").replace("\u3000", " ").strip()


def normalize_label(text: str) -> str:
    """The form in which two spellings of one label compare equal.

    NFKC folds full-width letters and digits (and, unavoidably, full-width brackets to
    half-width), so brackets and punctuation are turned back to the full-width forms the
    official labels use; every kind of whitespace, including line breaks inside a label
    cell, is dropped; "1、" numbering is written "1." as in the format.
    """
    text = unicodedata.normalize("NFKC", BOOKMARK_RE.sub("", text))
    text = re.sub(r"\s+", "", text).translate(_HALF_TO_FULL)
    text = text.replace('"', "“")
    return re.sub(r"^(\d+)[、.]", r"\1.", text)


_MIN_BARE = 3  # 总计 or 其他 without numbering are header cells as often as row labels


def strip_numbering(norm: str) -> str:
    """（一）予以公开 → 予以公开, 1.属于国家秘密 → 属于国家秘密, 一、本年新收… → 本年新收… (normalised text).

    Copied tables often lose the numbering of their labels; that is no departure from the format.
    """
    return _NUMBERING_RE.sub("", norm, count=1)


def without_note(label: str) -> str:
    """A normalised label without a trailing parenthetical note such as （单位：万元）."""
    match = _TRAILING_NOTE_RE.match(label)
    return match.group(1) if match else label


@dataclass(frozen=True)
class Match(Generic[T]):
    target: T
    label: str  # the official label matched (normalised)
    exact: bool


class LabelIndex(Generic[T]):
    """Official labels (normalised) → what they stand for; finds the best fit for read text."""

    def __init__(self, cutoff: float = 0.8):
        self.cutoff = cutoff
        self._labels: dict[str, T] = {}
        self._bare: dict[str, T | None] = {}  # without numbering; None when two labels share it

    def add(self, label: str, target: T) -> None:
        norm = normalize_label(label)
        self._labels.setdefault(norm, target)
        bare = strip_numbering(norm)
        if len(bare) >= _MIN_BARE:
            self._bare[bare] = target if self._bare.get(bare, target) == target else None

    def __bool__(self) -> bool:
        return bool(self._labels)

    def find(self, text: str) -> Match[T] | None:
        norm = normalize_label(text)
        if not norm:
            return None
        if norm in self._labels:
            return Match(self._labels[norm], norm, True)
        bare = strip_numbering(norm)
        if bare and bare not in self._labels and self._bare.get(bare) is not None:
            found = self._bare[bare]
            return Match(found, next(k for k, v in self._labels.items() if v == found and strip_numbering(k) == bare), True)
        # The same label with or without its note: （二）部分公开 / 采购总金额（单位：万元…）.
        short = without_note(norm)
        for label, target in self._labels.items():
            if without_note(label) == short:
                return Match(target, label, False)
        scored = sorted(
            ((difflib.SequenceMatcher(None, norm, label, autojunk=False).ratio(), label) for label in self._labels),
            reverse=True,
        )
        if not scored or scored[0][0] < self.cutoff:
            return None
        best_score, best = scored[0]
        if len(scored) > 1 and best_score - scored[1][0] < 0.05 and self._labels[scored[1][1]] != self._labels[best]:
            return None  # two official labels fit about equally well: not confident
        return Match(self._labels[best], best, False)

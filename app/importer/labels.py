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
    r"^(?:（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、．)）]|（\d{1,2}）)"
)


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


MAX_LABEL_TEXT = 400  # characters: longer text in a cell is no label (the longest official one has 40)
_MAX_REMEMBERED = 20000  # texts whose lookup is kept (bounded memory on hostile input)
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
        self._longest = 0
        self._matchers: dict[str, difflib.SequenceMatcher] = {}
        self._short: dict[str, str] = {}  # each label without its note
        self._found: dict[str, Match[T] | None] = {}  # texts already looked up: tables repeat them

    def add(self, label: str, target: T) -> None:
        norm = normalize_label(label)
        self._labels.setdefault(norm, target)
        self._short[norm] = without_note(norm)
        self._found.clear()
        self._longest = max(self._longest, len(norm))
        bare = strip_numbering(norm)
        if len(bare) >= _MIN_BARE:
            self._bare[bare] = target if self._bare.get(bare, target) == target else None

    def _ratio(self, norm: str, label: str) -> float:
        """difflib's similarity, skipped (0) when its cheap upper bounds already rule the label out.

        A label scoring below cutoff - 0.05 can neither match nor make a match ambiguous; the
        bounds keep reading a table of many unknown lines fast.
        """
        matcher = self._matchers.get(label)
        if matcher is None:
            matcher = self._matchers[label] = difflib.SequenceMatcher(None, "", label, autojunk=False)
        matcher.set_seq1(norm)
        floor = self.cutoff - 0.05
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            return 0.0
        return matcher.ratio()

    def __bool__(self) -> bool:
        return bool(self._labels)

    def find(self, text: str) -> Match[T] | None:
        if len(text) > MAX_LABEL_TEXT:
            return None
        norm = normalize_label(text)
        if not norm:
            return None
        if norm in self._found:
            return self._found[norm]
        found = self._find(norm)
        if len(self._found) < _MAX_REMEMBERED:
            self._found[norm] = found
        return found

    def _find(self, norm: str) -> Match[T] | None:
        if norm in self._labels:
            return Match(self._labels[norm], norm, True)
        bare = strip_numbering(norm)
        found = self._bare.get(bare) if bare not in self._labels else None
        if found is not None:
            return Match(
                found, next(k for k, v in self._labels.items() if v == found and strip_numbering(k) == bare), True
            )
        # The same label with or without its note: （二）部分公开 / 采购总金额（单位：万元…）.
        short = without_note(norm)
        for label, target in self._labels.items():
            if self._short[label] == short:
                return Match(target, label, False)
        if len(norm) > self._longest * 2 + 10:
            return None  # far longer than any label: text, not a label (and difflib is quadratic)
        scored = sorted(((self._ratio(norm, label), label) for label in self._labels), reverse=True)
        if not scored or scored[0][0] < self.cutoff:
            return None
        best_score, best = scored[0]
        if len(scored) > 1 and best_score - scored[1][0] < 0.05 and self._labels[scored[1][1]] != self._labels[best]:
            return None  # two official labels fit about equally well: not confident
        return Match(self._labels[best], best, False)

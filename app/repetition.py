"""How much of this year's narrative repeats last year's, sentence by sentence.

A sentence counts as repeated when, after dropping whitespace, punctuation and digits
(years and figures change every year), it equals a sentence of last year's report or
is nearly the same (difflib ratio ≥ 0.9). Reviewers mark down reports copied from
the previous year; the share is weighted by length so that a repeated "无。" weighs
little. Sentences generated from the tables (app.generated) are left out: their
wording is meant to stay the same.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from app.generated import generated_spans
from app.narrative import sentence_spans, text_fields
from app.report import Report

REPEAT_LIMIT = 0.5  # warn when more than half of the narrative is last year's
SIMILAR = 0.9
MIN_CHARS = 6  # shorter sentences ("无。", "详见下表。") are not counted either way

_DROP = re.compile(r"[\s\d\W_]+")


def normalise(text: str) -> str:
    """Only the words: no whitespace, punctuation, digits (full-width ones included)."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Sentence:
    field: str  # as in app.narrative: "s1.0", "s5" …
    section: str
    start: int
    end: int
    text: str
    norm: str = dataclasses.field(repr=False)  # a bare field() would be the field attribute above


@dataclass(frozen=True)
class RepeatedSentence(Sentence):
    previous: str = ""  # the sentence of last year's report it repeats
    ratio: float = 1.0


@dataclass(frozen=True)
class Repetition:
    sentences: tuple[Sentence, ...]  # this year's sentences that were compared
    repeated: tuple[RepeatedSentence, ...]
    share: float  # repeated characters / compared characters, 0 … 1


def narrative_sentences(report: Report) -> list[Sentence]:
    """Sentences of the written narrative (总体情况, 五, 六); the preamble is boilerplate."""
    out: list[Sentence] = []
    for tf in text_fields(report):
        if tf.field != "intro":
            out.extend(_field_sentences(tf.field, tf.section, tf.text))
    return out


@lru_cache(maxsize=512)  # re-checks on every edit; most fields are unchanged
def _field_sentences(field_name: str, section: str, text: str) -> tuple[Sentence, ...]:
    out = []
    generated = generated_spans(text)
    for start, end in sentence_spans(text):
        if any(a <= start < b for a, b in generated):
            continue
        sentence = text[start:end].strip()
        norm = normalise(sentence)
        if len(norm) >= MIN_CHARS:
            out.append(Sentence(field_name, section, start, end, sentence, norm))
    return tuple(out)


class _Corpus:
    """Last year's sentences, with a memo of this year's look-ups (the GUI re-checks on every edit)."""

    def __init__(self, sentences: tuple[tuple[str, str], ...]):
        self.exact = {norm: text for norm, text in sentences}
        self.sentences = sentences
        self.memo: dict[str, tuple[str, float] | None] = {}

    def match(self, norm: str) -> tuple[str, float] | None:
        if norm in self.memo:
            return self.memo[norm]
        result = None
        if norm in self.exact:
            result = (self.exact[norm], 1.0)
        else:
            best = SIMILAR
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(norm)
            n = len(norm)
            for other, text in self.sentences:
                m = len(other)
                if 2 * min(n, m) / (n + m) < best:
                    continue  # lengths too different for the ratio to reach the bar
                matcher.set_seq1(other)
                if matcher.real_quick_ratio() >= best and matcher.quick_ratio() >= best:
                    ratio = matcher.ratio()
                    if ratio >= best:
                        best, result = ratio, (text, ratio)
        self.memo[norm] = result
        return result


@lru_cache(maxsize=8)
def _corpus(sentences: tuple[tuple[str, str], ...]) -> _Corpus:
    return _Corpus(sentences)


def repetition(report: Report, previous: Report) -> Repetition:
    corpus = _corpus(tuple((s.norm, s.text) for s in narrative_sentences(previous)))
    sentences = narrative_sentences(report)
    repeated = []
    for s in sentences:
        found = corpus.match(s.norm)
        if found:
            repeated.append(RepeatedSentence(s.field, s.section, s.start, s.end, s.text, s.norm, found[0], found[1]))
    total = sum(len(s.norm) for s in sentences)
    share = sum(len(s.norm) for s in repeated) / total if total else 0.0
    return Repetition(tuple(sentences), tuple(repeated), share)


def repeated_sentences(report: Report, previous: Report) -> list[RepeatedSentence]:
    """For the GUI: this year's sentences that repeat last year's, with where they stand."""
    return list(repetition(report, previous).repeated)

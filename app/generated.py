"""Sentences written from the tables, and finding them again in the text to refresh them.

`generated_sentence(report, kind)` writes, for example,
  "2023年，本机关未收到政府信息公开申请。"
  "2023年，本机关收到政府信息公开申请6件，上年结转1件；本年度办结6件，其中予以公开5件、
   不予处理1件；结转下年度继续办理1件。"
The printed text carries no marker: a generated sentence is recognised by its own
wording (`find_generated`), which is exact enough that a clerk's own sentence is not
mistaken for one, so `refresh_generated` can rewrite it when the numbers change.
Row, column and group names come from the format definitions.

kinds: "applications" (section 3), "appeals" (section 4), "disclosure" (section 2).
"""

from __future__ import annotations

import re
from functools import cache

from app.formats import MONEY, Format, Table, all_formats
from app.report import Report
from app.values import format_value

KINDS = ("applications", "appeals", "disclosure")
SUBJECT = "本机关"
_NUM = r"\d+(?:\.\d+)?"

# ---- names taken from the formats ------------------------------------------------------


def _clean(label: str) -> str:
    """ "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "部分公开"; "四、结转…" → "结转…"."""
    label = re.sub(r"^（[一二三四五六七八九十]+）|^[一二三四五六七八九十]+、", "", label)
    return re.sub(r"（[^（）]*）$", "", label)


def result_groups(fmt: Format) -> list[tuple[str, tuple[str, ...]]]:
    """Section 3's kinds of answer (予以公开, 部分公开, 不予公开 …) and their row keys."""
    table = fmt.applications_table
    groups: dict[str, list[str]] = {}
    for key in table.row(fmt.roles.results).sum_of:
        row = table.row(key)
        groups.setdefault(_clean(row.label[1] if len(row.label) > 1 else row.label[-1]), []).append(key)
    return [(name, tuple(keys)) for name, keys in groups.items()]


def _s4_names(fmt: Format) -> tuple[str, str, list[tuple[str, str]], list[tuple[str, str]]]:
    """(行政复议, 行政诉讼, outcome cells [(cell key, 结果维持) …], lawsuit routes [(total cell key, 未经复议直接起诉) …])."""
    table = fmt.appeals_table
    review_columns = fmt.appeal_columns(fmt.roles.review)
    review = review_columns[0].label[0]
    suit = fmt.appeal_columns(fmt.roles.lawsuits[0])[0].label[0]
    outcomes = [(table.cell_key(table.rows[0], c), c.label[-1]) for c in review_columns if not c.sum_of]
    routes = [(fmt.appeal_total_key(group), fmt.appeal_columns(group)[0].label[1]) for group in fmt.roles.lawsuits]
    return review, suit, outcomes, routes


# Section 2 phrases by column key: (with the row's name, after another phrase of the row).
_S2_PHRASES = {
    "issued": ("制发{row}{n}件", "制发{n}件"),
    "repealed": ("废止{row}{n}件", "废止{n}件"),
    "in_force": ("现行有效{row}{n}件", "现行有效{n}件"),
    "made": ("新制作{row}{n}件", "新制作{n}件"),
    "published": ("新公开{row}{n}件", "新公开{n}件"),
    "total_public": ("对外公开{row}共{n}件", "对外公开共{n}件"),
    "decisions": ("作出{row}决定{n}件", "作出决定{n}件"),
    "projects": ("{row}项目{n}个", "项目{n}个"),
    "amount": ("{row}金额{n}万元", "金额{n}万元"),
}
# When every figure is zero: one phrase per kind of row, by the row's first column.
_S2_NONE = {
    "issued": "未制发{rows}",
    "made": "未新制作{rows}",
    "decisions": "未作出{rows}决定",
    "amount": "未收取{rows}",
    "projects": "无{rows}项目",
}


def _total_column(table: Table):
    return next(c for c in table.columns if c.sum_of)


def _s2_tables(fmt: Format) -> tuple[Table, ...]:
    return fmt.section("s2").tables


# ---- writing ---------------------------------------------------------------------------


def _head(report: Report) -> str:
    return f"{report.meta.year}年，{SUBJECT}"


def applications_sentence(report: Report) -> str:
    fmt, v = report.format, report.values()
    table = fmt.applications_table
    new, carried_in, carried_out, done = (
        v[fmt.application_key(k)] for k in ("new", "carried_in", "carried_out", "results")
    )
    if not (new or carried_in or done or carried_out):
        return f"{_head(report)}未收到政府信息公开申请。"
    text = _head(report) + (f"收到政府信息公开申请{new}件" if new else "未收到新的政府信息公开申请")
    if carried_in:
        text += f"，上年结转{carried_in}件"
    if done:
        total = _total_column(table)
        parts = [(name, sum(v[table.cell_key(table.row(k), total)] for k in keys)) for name, keys in result_groups(fmt)]
        text += f"；本年度办结{done}件（" + "、".join(f"{name}{n}件" for name, n in parts if n) + "）"
    if carried_out:
        text += f"，{_clean(table.row(fmt.roles.carried_out).label[-1])}{carried_out}件"
    return text + "。"


def appeals_sentence(report: Report) -> str:
    fmt, v = report.format, report.values()
    review, suit, outcomes, routes = _s4_names(fmt)
    n_review = v[fmt.review_total_key]
    n_suit = sum(v[key] for key in fmt.lawsuit_total_keys)
    if not (n_review or n_suit):
        return f"{_head(report)}未发生因政府信息公开引起的{review}、{suit}。"
    if n_review:
        detail = "、".join(f"{name}{v[key]}件" for key, name in outcomes if v[key])
        review_part = f"被申请{review}{n_review}件（{detail}）"
    else:
        review_part = f"未被申请{review}"
    if n_suit:
        detail = "、".join(f"{name}{v[key]}件" for key, name in routes if v[key])
        suit_part = f"被提起{suit}{n_suit}件（{detail}）"
    else:
        suit_part = f"未被提起{suit}"
    return f"{_head(report)}因政府信息公开{review_part}，{suit_part}。"


def disclosure_sentence(report: Report) -> str:
    fmt, v = report.format, report.values()
    rows_said: list[str] = []
    row_names: dict[str, list[str]] = {}  # first column key → row names, for the all-zero sentence
    for table in _s2_tables(fmt):
        for row in table.rows:
            first = next((c.key for c in table.columns if c.key in _S2_NONE), None)
            if first:
                row_names.setdefault(first, []).append(row.label[-1])
            phrases: list[str] = []
            for column in table.columns:
                key = table.cell_key(row, column)
                value = v[key]
                if column.key not in _S2_PHRASES or not value:
                    continue
                with_row, short = _S2_PHRASES[column.key]
                shown = format_value(value, MONEY) if column.kind == MONEY else str(value)
                phrases.append((short if phrases else with_row).format(row=row.label[-1], n=shown))
            if phrases:
                rows_said.append("，".join(phrases))
    if not rows_said:
        return (
            f"{_head(report)}"
            + "，".join(_S2_NONE[k].format(rows="、".join(rows)) for k, rows in row_names.items())
            + "。"
        )
    return f"{_head(report)}" + "；".join(rows_said) + "。"


def source_section(fmt: Format, kind: str) -> str:
    """The section whose table a kind of sentence is written from."""
    if kind == "applications":
        return fmt.applications_table.section
    if kind == "appeals":
        return fmt.appeals_table.section
    return _s2_tables(fmt)[0].section


def kinds_for_subsection(fmt: Format, title: str) -> tuple[str, ...]:
    """The generated sentences that belong in a 总体情况 sub-section with this title: those
    the format names for the area the title names (主动公开 → disclosure, 依申请公开 →
    applications and appeals); () for a sub-section no table describes."""
    title = title.strip()
    for area in fmt.section("s1").default_subsections:
        stem = area.title.removesuffix("情况")
        if stem and stem in title:
            return area.generated
    return ()


_WRITERS = {"applications": applications_sentence, "appeals": appeals_sentence, "disclosure": disclosure_sentence}


def generated_sentence(report: Report, kind: str) -> str:
    return _WRITERS[kind](report)


def generated_sentences(report: Report) -> dict[str, str]:
    return {kind: generated_sentence(report, kind) for kind in KINDS}


# ---- recognising ------------------------------------------------------------------------


def _alternation(names) -> str:
    return "(?:" + "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)) + ")"


def _template_re(template: str, rows: str) -> str:
    out = ""
    for piece in re.split(r"(\{rows?\}|\{n\})", template):
        out += rows if piece in ("{row}", "{rows}") else _NUM if piece == "{n}" else re.escape(piece)
    return out


@cache
def _patterns() -> dict[str, re.Pattern]:
    formats = list(all_formats().values())
    head = r"\d{4}年，" + re.escape(SUBJECT)
    groups = _alternation(name for f in formats for name, _ in result_groups(f))
    carried_out = _alternation(_clean(f.applications_table.row(f.roles.carried_out).label[-1]) for f in formats)
    applications = (
        head + rf"(?:未收到政府信息公开申请|(?:收到政府信息公开申请{_NUM}件|未收到新的政府信息公开申请)"
        rf"(?:，上年结转{_NUM}件)?(?:；本年度办结{_NUM}件（{groups}{_NUM}件(?:、{groups}{_NUM}件)*）)?"
        rf"(?:[，；]{carried_out}{_NUM}件)?)。"
    )
    names = [_s4_names(f) for f in formats]
    review, suit = _alternation(n[0] for n in names), _alternation(n[1] for n in names)
    details = _alternation(x[1] for n in names for x in n[2] + n[3])
    detail = rf"（{details}{_NUM}件(?:、{details}{_NUM}件)*）"
    appeals = (
        head + rf"(?:未发生因政府信息公开引起的{review}、{suit}|因政府信息公开"
        rf"(?:被申请{review}{_NUM}件{detail}|未被申请{review})，(?:被提起{suit}{_NUM}件{detail}|未被提起{suit}))。"
    )
    rows = _alternation(r.label[-1] for f in formats for t in _s2_tables(f) for r in t.rows)
    phrase = "(?:" + "|".join(_template_re(t, rows) for pair in _S2_PHRASES.values() for t in pair) + ")"
    none_re = "(?:" + "|".join(_template_re(t, rf"{rows}(?:、{rows})*") for t in _S2_NONE.values()) + ")"
    none_re = rf"{none_re}(?:，{none_re})*"
    disclosure = head + rf"(?:{none_re}|{phrase}(?:[，；]{phrase})*)。"
    return {
        kind: re.compile(p)
        for kind, p in (("applications", applications), ("appeals", appeals), ("disclosure", disclosure))
    }


def find_all_generated(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every generated sentence in text, in order."""
    found = [(kind, m.start(), m.end()) for kind, pattern in _patterns().items() for m in pattern.finditer(text)]
    return sorted(found, key=lambda f: f[1])


def generated_spans(text: str) -> list[tuple[int, int]]:
    return [(start, end) for _, start, end in find_all_generated(text)]


def find_generated(text: str, kind: str | None = None) -> tuple[int, int] | None:
    """Span of the first generated sentence (of that kind) in text, or None."""
    for k, start, end in find_all_generated(text):
        if kind is None or k == kind:
            return start, end
    return None


def stale_generated(text: str, report: Report) -> list[tuple[str, int, int, str]]:
    """Generated sentences that no longer match the tables: (kind, start, end, new sentence)."""
    out = []
    for kind, start, end in find_all_generated(text):
        fresh = generated_sentence(report, kind)
        if text[start:end] != fresh:
            out.append((kind, start, end, fresh))
    return out


def refresh_generated(text: str, report: Report) -> str:
    """text with every generated sentence rewritten from the current tables."""
    for _, start, end, fresh in reversed(stale_generated(text, report)):
        text = text[:start] + fresh + text[end:]
    return text

"""Numbers in the narrative: sums that must add up, and counts that must match the tables.

Reviewers mark a report down when its text says one thing and its tables another
("收到申请6件" over a table with 5), or when "共发布208条，其中……" lists parts adding up
to 209. Everything here is a pure function of the text (and the report for the
tables); checks turn the statements into Findings with section and field set so the
GUI can jump to the text.

Text fields are named "intro", "s1.<i>" (body of the i-th 总体情况 sub-section,
counted from 0), "s5" and "s6".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from types import MappingProxyType

from app.cnnum import Count, find_counts
from app.formats import Format
from app.layout import subsection_headings
from app.report import Report

SENTENCE_END = "。！？!?\n"
_OPEN, _CLOSE = "（(", "）)"


@dataclass(frozen=True)
class TextField:
    field: str  # "intro", "s1.0", "s5" …
    section: str  # "intro", "s1", "s5", "s6"
    name: str  # where it is, for the clerk: 总体情况（二）依申请公开情况
    text: str
    title: str = ""  # the 总体情况 sub-section title


_last_fields: tuple[tuple, tuple[TextField, ...]] | None = None  # the last report's, by content


def text_fields(report: Report) -> list[TextField]:
    """The narrative's text boxes. Each check of a report asks several times, and every
    keystroke in the grid checks a report whose narrative has not changed: the last
    answer is kept, keyed by what it is made of (strings compare by identity first)."""
    global _last_fields
    content = (report.template, report.intro, tuple((s.title, s.body) for s in report.s1), report.s5, report.s6)
    last = _last_fields  # one read: an export's thread may replace it meanwhile
    if last is not None and last[0] == content:
        return list(last[1])
    fields = _text_fields(report)
    _last_fields = (content, tuple(fields))
    return fields


def _text_fields(report: Report) -> list[TextField]:
    fmt = report.format
    fields = [TextField("intro", "intro", "开头说明", report.intro)]
    heading = fmt.section("s1").heading.split("、", 1)[-1]
    for i, (sub, (number, title)) in enumerate(zip(report.s1, subsection_headings(report.s1))):
        name = f"{heading}{number}{title}"  # as printed: untitled sub-sections get no number
        fields.append(TextField(f"s1.{i}", "s1", name, sub.body, sub.title))
    for key in ("s5", "s6"):
        fields.append(TextField(key, key, fmt.section(key).heading.split("、", 1)[-1], getattr(report, key)))
    return fields


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of sentences, each including its closing 。 (blank ones left out)."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END:
            if text[start:i].strip():
                spans.append((start, i + 1 if ch != "\n" else i))
            start = i + 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _hidden_groups(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Closed parenthetical groups inside text[start:end] (outermost only)."""
    groups, stack = [], []
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            open_at = stack.pop()
            if not stack:
                groups.append((open_at, i + 1))
    return groups


def _outside(pos: int, groups: list[tuple[int, int]]) -> bool:
    return not any(a <= pos < b for a, b in groups)


def quote(text: str, limit: int = 80) -> str:
    text = re.sub(r"\s+", " ", text.strip())
    if len(text) <= limit:
        return text
    tail = limit // 3
    return text[: limit - tail - 2] + "……" + text[-tail:]


# ---- sums: "共发布208条，其中A 1条；B 136条……" ------------------------------------------


@dataclass(frozen=True)
class SumStatement:
    field: str
    start: int  # span of the whole statement (total's sentence to the end of the parts)
    end: int
    text: str
    total: Count
    parts: tuple[Count, ...]

    @property
    def parts_sum(self) -> int:
        return sum(p.value for p in self.parts)

    @property
    def adds_up(self) -> bool:
        """The parts make the total, or make it several times over, one breakdown after
        another ("其中自然人4件、法人1件；予以公开3件、不予公开2件")."""
        if self.parts_sum == self.total.value:
            return True
        running = 0
        for part in self.parts:
            running += part.value
            if running == self.total.value:
                running = 0
            elif running > self.total.value:
                return False
        return running == 0 and self.total.value > 0


def sum_statements(text: str, field: str = "") -> list[SumStatement]:
    """Totals followed by 其中 and their parts, in the same measure word.

    The total is the last count before 其中 in the same sentence (or in the sentence
    before, when 其中 opens a sentence); the parts are the counts after it up to the end
    of the sentence, the next 其中 or the bracket that encloses 其中. Counts inside
    brackets of their own ("2条（领导概况信息及乡镇概况信息各1条）") are remarks, not parts.
    Statements with approximate or per-item figures (约、余、各) are not sums to check.
    """
    found = []
    spans = sentence_spans(text)
    for index, (s_start, s_end) in enumerate(spans):
        for m in re.finditer("其中", text[s_start:s_end]):
            at = s_start + m.start()
            total_from = s_start
            if not text[s_start:at].strip(" \t，,、；;：:"):
                if index == 0:
                    continue
                total_from = spans[index - 1][0]
            groups = _hidden_groups(text, total_from, at)
            before = [c for c in find_counts(text, total_from, at) if _outside(c.start, groups)]
            before = [c for c in before if not c.delta]
            if not before:
                continue
            total = before[-1]
            parts_end = _parts_end(text, at + 2, s_end, verbs_end=not _NEW_VERB.match(text, at + 2))
            groups = _hidden_groups(text, at, parts_end)
            parts = [
                c for c in find_counts(text, at + 2, parts_end) if _outside(c.start, groups) and c.unit == total.unit
            ]
            if not parts or not total.exact or not all(p.exact for p in parts):
                continue
            if len(parts) == 1 and parts[0].value < total.value:
                continue  # "共收到5件，其中自然人3件": one part named, not a breakdown
            start = max(
                total_from, text.rfind("，", total_from, total.start) + 1, text.rfind("。", total_from, total.start) + 1
            )
            found.append(SumStatement(field, start, parts_end, text[start:parts_end], total, tuple(parts)))
    return found


def _parts_end(text: str, start: int, sentence_end: int, verbs_end: bool = True) -> int:
    """Where the parts of a 其中 list end: the sentence's end, the next 其中, the bracket
    enclosing 其中, or a clause that states another quantity. When the parts are nouns
    (自然人741件，法人8件), a clause opening with a verb (；共办理718件) is a new statement."""
    depth = 0
    for i in range(start, sentence_end):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return i
        elif depth == 0 and (
            text.startswith("其中", i)
            or (ch in _PART_BREAK and _OTHER_QUANTITY.match(text, i + 1))
            or (verbs_end and ch in _PART_BREAK and _NEW_VERB.match(text, i + 1))
        ):
            return i
    return sentence_end


_PART_BREAK = "，,；;"
# A clause starting so is another quantity, not one more part ("……；上年结转2件").
_OTHER_QUANTITY = re.compile(r"\s*(另有|另外|此外|上年|去年|同比|较上年|结转|累计|浏览|阅读|点击)")
# A clause opening with one of these verbs states what was done, not one more part of a
# list of kinds ("其中自然人申请741件，法人8件；共办理718件").
_NEW_VERB = re.compile(
    r"\s*(?:共|合计|总计|全年|全部|均|已|并|依法)?\s*(办理|办结|答复|回复|受理|收到|处理|接收|转办|完成)"
)


def is_partial_listing(statement: SumStatement, text: str) -> bool:
    """ "其中A 20条、B 10条等": the parts are examples, so a smaller sum is no slip."""
    after = text[statement.parts[-1].end : statement.end]
    groups = _hidden_groups(text, statement.parts[-1].end, statement.end)
    return (
        any(text[i] == "等" and _outside(i, groups) for i in range(statement.parts[-1].end, statement.end))
        or "主要" in after[:4]
    )


@lru_cache(maxsize=512)  # the GUI re-checks on every edit; most fields are unchanged
def sum_problems(text: str, field: str = "") -> tuple[SumStatement, ...]:
    """Sum statements whose parts do not add up to their total."""
    if "其中" not in text:
        return ()
    problems = []
    for st in sum_statements(text, field):
        if st.adds_up:
            continue
        if st.parts_sum < st.total.value and is_partial_listing(st, text):
            continue
        problems.append(st)
    return tuple(problems)


# ---- counts the tables also hold ---------------------------------------------------

# kind → (what the text talks about, in a message)
TOPICS = {
    "applications": "收到的政府信息公开申请",
    "carried_in": "上年结转的申请",
    "carried_out": "结转下年度的申请",
    "review": "行政复议",
    "lawsuit": "行政诉讼",
    "review_corrected": "被纠错的行政复议",
    "lawsuit_corrected": "被纠错的行政诉讼",
    "answered": "办结的申请",
    "outcome": "办理结果",
}


@dataclass(frozen=True)
class TableStatement:
    field: str
    kind: str  # one of STATEMENT_KINDS
    value: int  # 0 for a statement like 未收到政府信息公开申请
    start: int
    end: int
    text: str  # the clause that says it
    negated: bool = False
    categories: tuple[str, ...] = ()  # kind "outcome": 予以公开, 部分公开 … as the table names them
    handled: bool = False  # kind "applications" said with 办理, which may count the results too


_TOPIC = re.compile(r"申请|复议|诉讼|起诉|结转")
_CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?\n：:]")
_RECEIVE = re.compile(r"(收到|受理|接到|接收|新收|办理)")
_APPLICATION_WORD = re.compile(r"(政府信息公开申请|信息公开申请|公开申请|依申请公开|依申请)")
_BARE_APPLICATION = re.compile(r"申请(?!人)")
_NEGATION = re.compile(r"(未|没有|无|尚无|暂无)")
# What a negated review or lawsuit may be about: none was corrected, not none at all.
_CORRECTED = re.compile(r"纠错|纠正|撤销|败诉|确认违法|被改变")
_ANSWERED = re.compile(r"(办结|答复|回复|办理完毕|处理完毕|完成办理)")
# 按时答复13件，延期答复2件: a share of the answers, not all of them
_ANSWER_QUALIFIER = re.compile(r"按时|按期|如期|延期|逾期|超期|当场|当日|网上|书面|电话|现场|部分|其中")
_NOT_NEGATION = re.compile(r"无正当理由|无法提供|未经复议|尚未审结|尚未办结")
_OTHER_YEAR = re.compile(r"(上年|去年|上一年|上年度|同比|较上年)(?!结转)")
_APPLICATION_UNITS = {"件", "个", "份", "宗", "条", "起", "次"}
_CASE_UNITS = {"件", "个", "起", "宗", "次", "例"}


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clauses at bracket depth 0; brackets stay inside the clause they belong to."""
    spans, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and _CLAUSE_SPLIT.match(ch):
            if i > start:
                spans.append((start, i))
            start = i + 1
    if len(text) > start:
        spans.append((start, len(text)))
    return spans


def _masked(text: str, start: int, end: int) -> str:
    """text[start:end] with bracketed remarks blanked (same length, positions kept)."""
    chars = list(text[start:end])
    for a, b in _hidden_groups(text, start, end):
        for i in range(a, b):
            chars[i - start] = " "
    return "".join(chars)


@lru_cache(maxsize=512)
def table_statements(
    text: str,
    field: str = "",
    about_applications: bool = False,
    year: int | None = None,
    categories: tuple[str, ...] = (),
) -> tuple[TableStatement, ...]:
    """Clauses stating how many applications, reviews or lawsuits there were, how many
    were answered (办结, 答复), and how many had a given result.

    about_applications: the text is the 依申请公开 sub-section, where a bare 申请 means
    a disclosure application. Clauses about another year (上年收到…, 2022年…) are left out.
    categories: the names of the results (予以公开, 无法提供 …) as the format's table has them.
    """
    found: list[TableStatement] = []
    topic = re.compile("|".join((_TOPIC.pattern, *map(re.escape, categories))))
    if not topic.search(text):
        return ()
    for c_start, c_end in _clauses(text):
        if not topic.search(text, c_start, c_end):
            continue
        clause = _masked(text, c_start, c_end)
        if year is not None:
            years = {int(y) for y in re.findall(r"(\d{4})\s*年", clause)}
            if years and year not in years:
                continue
        counts = [c for c in find_counts(clause) if c.exact]
        shown = text[c_start:c_end].strip()

        # add() runs only within this iteration, so the loop's variables it reads are current
        def add(kind, value, negated=False, categories=()):
            found.append(TableStatement(field, kind, value, c_start, c_end, shown, negated, categories))  # noqa: B023

        about_cases = "复议" in clause or "诉讼" in clause or "起诉" in clause
        negation = _NEGATION.search(_NOT_NEGATION.sub(lambda m: " " * len(m.group()), clause))
        if about_cases:
            if negation and not counts:
                after = clause[negation.start() : negation.start() + 24]
                corrected = "_corrected" if _CORRECTED.search(clause, negation.start()) else ""
                if "行政复议" in after:
                    add("review" + corrected, 0, True)
                if "行政诉讼" in after or "起诉" in after:
                    add("lawsuit" + corrected, 0, True)
                continue
            for _, segment in _segments(clause):
                seg_counts = [c for c in find_counts(segment) if c.exact and c.unit in _CASE_UNITS]
                if len(seg_counts) != 1:
                    continue
                kind = (
                    "lawsuit" if ("诉讼" in segment or "起诉" in segment) else "review" if "复议" in segment else None
                )
                if kind:
                    add(kind, seg_counts[0].value)
            continue
        if "结转" in clause and (about_applications or _BARE_APPLICATION.search(clause) or "继续办理" in clause):
            kind = (
                "carried_out"
                if re.search(r"结转(至|到|入)?下", clause)
                else "carried_in"
                if re.search(r"(上年|上一年|上年度)结转|结转上年", clause)
                else None
            )
            amounts = [c for c in counts if c.unit in _APPLICATION_UNITS]
            if kind and len(amounts) == 1:
                add(kind, amounts[0].value)
            continue
        if _OTHER_YEAR.search(clause):
            continue
        # 办结/答复 and result counts are compared only where the text is about disclosure
        # applications: 办结群众诉求120件 or 不予处理 of a petition are other matters.
        sentence_about_applications = about_applications or bool(_APPLICATION_WORD.search(_sentence_of(text, c_start)))
        if categories and sentence_about_applications and _add_outcomes(clause, categories, add):
            continue
        application = _APPLICATION_WORD.search(clause) or (about_applications and _BARE_APPLICATION.search(clause))
        answered = _ANSWERED.search(clause)
        if answered and sentence_about_applications and not negation:
            amounts = [c for c in counts if c.unit in _APPLICATION_UNITS and c.start > answered.start()]
            qualified = _ANSWER_QUALIFIER.search(clause[max(0, answered.start() - 4) : answered.start()])
            if len(amounts) == 1 and not qualified:
                add("answered", amounts[0].value)
            continue
        if not application or "结转" in clause:
            continue
        receive = _RECEIVE.search(clause)
        if (
            negation
            and (not receive or negation.start() < receive.start())
            and negation.start() < application.end()
            and not counts
        ):
            if re.search(r"(未|没有|无|尚无|暂无)\s*(收到|受理|接到|接收|新收)?[^，。；]{0,12}?申请", clause):
                add("applications", 0, True)
            continue
        if receive:
            amounts = [c for c in counts if c.unit in _APPLICATION_UNITS and c.start > receive.start()]
            if len(amounts) >= 1 and not negation:
                found.append(
                    TableStatement(
                        field,
                        "applications",
                        amounts[0].value,
                        c_start,
                        c_end,
                        shown,
                        handled=receive.group() == "办理",
                    )
                )
        elif sentence_about_applications and not negation and "共办理" in clause:
            amounts = [c for c in counts if c.unit in _APPLICATION_UNITS]
            if len(amounts) == 1:
                found.append(
                    TableStatement(field, "applications", amounts[0].value, c_start, c_end, shown, handled=True)
                )
    # remarks in brackets are statements too: "依申请公开0条（本年度未收到依申请公开）"
    for a, b in _hidden_groups(text, 0, len(text)):
        for st in table_statements(text[a + 1 : b - 1], field, about_applications, year, categories):
            found.append(replace(st, start=st.start + a + 1, end=st.end + a + 1))
    found.sort(key=lambda st: st.start)
    return tuple(found)


def _sentence_of(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) for ch in SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, pos) for ch in SENTENCE_END) if i >= 0]
    return text[start : min(ends, default=len(text))]


_JOINERS = r"\s*(?:及|和|与|、|以及|或)\s*"
# Between a result's name and its count: 予以公开的3件, 无法提供类申请2件, 不予公开共1件
_TO_COUNT = re.compile(r"\s*(?:的|类|情形|情况|申请|共|为|计|：|:){0,3}\s*$")


def _add_outcomes(clause: str, categories: tuple[str, ...], add) -> bool:
    """ "予以公开及部分公开258件", "无法提供265件": results named and counted. Adds one
    statement per run of names followed by one count; True when the clause had any."""
    names = "|".join(re.escape(c) for c in sorted(categories, key=len, reverse=True))
    run = re.compile(f"(?:{names})(?:{_JOINERS}(?:{names}))*")
    added = False
    for m in run.finditer(clause):
        counts = [c for c in find_counts(clause, m.end(), min(len(clause), m.end() + 12)) if c.unit in _CASE_UNITS]
        if not counts or not counts[0].exact or not _TO_COUNT.match(clause[m.end() : counts[0].start]):
            continue
        if clause[m.start() - 1 : m.start()] in ("不", "予") and not m.group().startswith(("不", "予")):
            continue
        found = tuple(c for c in categories if re.search(re.escape(c), m.group()))
        add("outcome", counts[0].value, categories=found)
        added = True
    return added


def _segments(clause: str) -> list[tuple[int, str]]:
    """A clause cut at 、和及 so that "行政复议1件、行政诉讼2件" are two statements."""
    out, start = [], 0
    for m in re.finditer(r"[、和及]|以及", clause):
        out.append((start, clause[start : m.start()]))
        start = m.end()
    out.append((start, clause[start:]))
    return out


def _short_label(label: str) -> str:
    """（二）部分公开（区分处理的，只计这一情形，不计其他情形） → 部分公开"""
    label = re.sub(r"^\s*[（(][一二三四五六七八九十]+[）)]|^\s*\d+[.．、]", "", label)
    return re.sub(r"[（(].*$", "", label).strip()


@cache  # the formats are loaded once for the process (app.formats.all_formats)
def outcome_groups(fmt: Format) -> Mapping[str, tuple[str, ...]]:
    """Result names (予以公开, 不予公开 …) → the row-total cells of their rows, from the
    rows of section 三 grouped under （一）…（六）. The （七）总计 row is not a result.

    Worked out once per format (every check, so every keystroke in a number cell, asks)."""
    return MappingProxyType(_outcome_groups(fmt))


def _outcome_groups(fmt: Format) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for row in fmt.applications_table.rows:
        if len(row.label) >= 2 and not row.sum_of:
            groups.setdefault(_short_label(row.label[1]), []).append(fmt.application_row_total_key(row))
    return {name: tuple(keys) for name, keys in groups.items()}


def _corrected_cells(fmt: Format, lawsuits: bool) -> tuple[str, ...]:
    """The 结果纠正 cells of 行政复议, or of every lawsuit route (groups named by the format's roles)."""
    table = fmt.appeals_table
    groups = fmt.roles.lawsuits if lawsuits else (fmt.roles.review,)
    return tuple(
        table.cell_key(table.rows[0], column)
        for group in groups
        for column in fmt.appeal_columns(group)
        if column.label[-1] == "结果纠正"
    )


def table_value(fmt: Format, values: dict, statement: TableStatement) -> tuple[int, tuple[str, ...]]:
    """The table figure a statement should match, and its cells."""
    kind = statement.kind
    if kind == "applications":
        keys: tuple[str, ...] = (fmt.application_key("new"),)
    elif kind in ("carried_in", "carried_out"):
        keys = (fmt.application_key(kind),)
    elif kind == "review":
        keys = (fmt.review_total_key,)
    elif kind == "lawsuit":
        keys = fmt.lawsuit_total_keys
    elif kind in ("review_corrected", "lawsuit_corrected"):
        keys = _corrected_cells(fmt, kind == "lawsuit_corrected")
    elif kind == "answered":
        keys = (fmt.application_key("results"),)
    else:
        groups = outcome_groups(fmt)
        keys = tuple(k for name in statement.categories for k in groups[name])
    return sum(values[k] for k in keys), keys


def report_statements(report: Report) -> list[tuple[TextField, TableStatement]]:
    out = []
    year = report.meta.year
    categories = tuple(outcome_groups(report.format))
    for tf in text_fields(report):
        about = "依申请" in tf.title
        for st in table_statements(tf.text, tf.field, about_applications=about, year=year, categories=categories):
            out.append((tf, st))
    return out


def report_sum_problems(report: Report) -> list[tuple[TextField, SumStatement]]:
    return [(tf, st) for tf in text_fields(report) for st in sum_problems(tf.text, tf.field)]

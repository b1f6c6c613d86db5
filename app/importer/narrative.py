"""The text of a published report: title, preamble, section headings and bodies, the
总体情况 sub-sections, the signature, and the organ's details stated in the preamble.

Section headings are recognised by their wording (from the format definition), not by
their numbers, because published reports renumber and split sections ("5、" for "五、",
五、/六、/七、 where the format has 五、/六、).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from app.cnnum import chinese_to_int, parse_number
from app.formats import Format
from app.importer.blocks import Block, Line
from app.importer.labels import clean_text, normalize_label
from app.importer.problems import MISSING, SLIP, ImportProblem
from app.report import Contact, Subsection

_HEADING_RE = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．,，]\s*(?P<text>\S.*)$")
_PART_RE = re.compile(r"^第(?P<num>[一二三四五六七八九十]{1,3})部分\s*[、：:.．,，]?\s*(?P<text>\S.*)$")
_SUBSECTION_RE = re.compile(r"^[（(]\s*(?P<num>[一二三四五六七八九十]{1,3})\s*[)）]\s*(?P<rest>.*)$")
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日|"
    r"(?P<sep>[-./])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2}))$"
)
_CN_DATE_RE = re.compile(
    r"^(?P<y>[〇零○O一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日$"
)
_ORGAN_END_RE = re.compile(
    r"(人民政府|政府|办事处|街道|乡|镇|委员会|办公室|管委会|办公厅|局|厅|委|办|院|中心|署|处|站|所|会|队|馆)$"
)
_LATIN_RE = re.compile(r"[A-Za-z]{2,}")
# Web page furniture that copied text keeps around a report's title.
_PAGE_CHROME_RE = re.compile(
    r"(发布(时间|日期)|来源[:：]|浏览(次数|量)|阅读(次数|量)|访问(次数|量)|点击(数|量|次数)|字号|字体[:：]|【?打印|【?关闭|分享到|"
    r"索引号|文号[:：]|当前位置|发布机构|生成日期|主题分类|信息类别|公开方式|公开范围|有效性[:：]|成文日期[:：]|"
    r"主办[:：]|承办[:：]|网站标识码|ICP|备案号|版权所有|网站地图|联系我们|扫一扫|技术支持|公网安备|上一篇|下一篇|相关链接|"
    r"门户网站|政府网站|网站首页|欢迎访问|无障碍|繁體|简体版|The People|Government of)",
    re.IGNORECASE,
)
_TITLE_LABEL_RE = re.compile(r"^(?:文件名称|信息名称|名\s*称|标\s*题|题\s*目)\s*[:：]\s*")
_PARTIAL_DATE_RE = re.compile(r"^(?:19|20)\d{2}年(?:\d{1,2}月)?$")
_BRACKETED_DATE_RE = re.compile(r"^[（(]\s*(?P<date>.+?)\s*[)）]$")
_SIGNED_LINE_RE = re.compile(r"^(?P<organ>\S.*?)\s+(?P<date>(?:19|20)\d{2}\s*年.*日)$")
_TITLE_END_RE = re.compile(r"(报告|总结)$")
_MAX_HEADING = 30  # characters: a longer line is a sentence, not a heading
_MAX_SUBSECTION_TITLE = 30


def cn_number(text: str) -> int | None:
    """一 … 九十九 (and plain digits) as an int, None when it is not a number."""
    try:
        return parse_number(text)
    except ValueError:
        return None


@dataclass
class Heading:
    index: int  # position in the block list
    section: str
    number: str  # as printed: 五, 5, 七
    line: Line
    exact: bool


@dataclass
class Narrative:
    headings: dict[str, Heading] = field(default_factory=dict)
    title: str = ""
    title_where: str = ""
    intro: str = ""
    s1: list[Subsection] = field(default_factory=list)
    s5: str = ""
    s6: str = ""
    organ: str = ""
    organ_source: str = ""
    year: int | None = None
    report_date: dt.date | None = None
    year_source: str = ""  # where the year was read, said in the import report
    front_date: dt.date | None = None  # a date under the title: （2024年3月26日）
    contact: Contact = field(default_factory=Contact)
    problems: list[ImportProblem] = field(default_factory=list)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@cache
def _official_headings(fmt: Format) -> tuple[tuple[str, str, str], ...]:
    """(section key, number, heading wording normalised) of each section of a format."""
    return tuple((s.key, s.number, normalize_label(s.heading.split("、", 1)[1])) for s in fmt.sections)


@cache
def _heading_starts(fmt: Format) -> frozenset[str]:
    """The characters a heading's wording starts with (a line starting otherwise is no heading)."""
    return frozenset(wording[0] for _, _, wording in _official_headings(fmt))


@cache
def _longest_heading(fmt: Format) -> int:
    return max(len(wording) for _, _, wording in _official_headings(fmt))


@lru_cache(maxsize=4096)  # each line is matched once to find the tables and again for the narrative
def match_heading(text: str, fmt: Format) -> tuple[str, str, bool] | None:
    """(section key, printed number, exact wording) when the line is a section heading."""
    text = clean_text(text)
    if len(text) > _MAX_HEADING + 12:
        return None  # a sentence: checked first, as most lines of a report are
    official = _official_headings(fmt)
    match = _HEADING_RE.match(text) or _PART_RE.match(text)
    if not match:
        # Word's automatic list numbering is not part of the paragraph's text: accept a line
        # that is exactly a heading's wording, without its number.
        if len(text) > _longest_heading(fmt) + 6 or text[:1] not in _heading_starts(fmt):
            return None
        read = normalize_label(text).rstrip("。.：:；;")
        for key, number, wording in official:
            if read == wording:
                return key, number, True
        return None
    read = normalize_label(match.group("text")).rstrip("。.：:；;")
    if not read or len(read) > _MAX_HEADING:
        return None
    best: tuple[float, str] | None = None
    for key, _, wording in official:
        if read == wording:
            score = 1.0
        else:
            score = _similarity(read, wording)
            if len(read) >= 4 and (read in wording or wording in read):
                score = max(score, 0.8)
        if score >= 0.75 and (best is None or score > best[0]):
            best = (score, key)
    if best is None:
        return None
    return best[1], match.group("num"), best[0] == 1.0


def join_split_headings(blocks: list[Block], fmt: Format) -> list[Block]:
    """二、主动公开政府信息情 / 况: a heading a narrow page or a converter broke over two lines."""
    out: list[Block] = []
    skip = False
    for i, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            isinstance(block, Line)
            and isinstance(following, Line)
            and 0 < len(following.text) <= 6
            and len(block.text) <= _MAX_HEADING + 6
        ):
            found = match_heading(block.text, fmt)
            if found and not found[2] and (joined := match_heading(block.text + following.text, fmt)) and joined[2]:
                out.append(Line(block.text + following.text, block.where))
                skip = True
                continue
        out.append(block)
    return out


def find_headings(blocks: list[Block], fmt: Format) -> dict[str, Heading]:
    order = [s.key for s in fmt.sections]
    chosen: dict[str, Heading] = {}
    latest = -1
    for i, block in enumerate(blocks):
        if not isinstance(block, Line):
            continue
        found = match_heading(block.text, fmt)
        if not found:
            continue
        key, number, exact = found
        rank = order.index(key)
        heading = Heading(i, key, number, block, exact)
        if rank > latest:
            chosen[key] = heading
            latest = rank
        elif rank == latest and _little_between(blocks, chosen[key].index, i, 60):
            chosen[key] = heading  # the heading repeated after a page's breadcrumb or title
    return chosen


def _little_between(blocks: list[Block], start: int, end: int, limit: int) -> bool:
    """Less than `limit` characters between two blocks (stops counting there: linear overall)."""
    total = 0
    for b in blocks[start + 1 : end] if end - start <= limit + 1 else ():
        total += len(b.text) if isinstance(b, Line) else 1000
        if total >= limit:
            return False
    return end - start <= limit + 1


def read_narrative(blocks: list[Block], fmt: Format) -> Narrative:
    result = Narrative()
    headings = find_headings(blocks, fmt)
    result.headings = headings
    ordered = sorted(headings.values(), key=lambda h: h.index)
    first = ordered[0].index if ordered else len(blocks)

    _read_front(result, [b for b in blocks[:first] if isinstance(b, Line)])

    bodies: dict[str, list[Line]] = {}
    for n, heading in enumerate(ordered):
        end = ordered[n + 1].index if n + 1 < len(ordered) else len(blocks)
        bodies[heading.section] = [b for b in blocks[heading.index + 1 : end] if isinstance(b, Line)]

    if ordered:
        last = ordered[-1].section
        bodies[last] = _read_signature(result, bodies[last])

    if result.report_date is None and result.front_date is not None:
        result.report_date = result.front_date
    _check_headings(result, fmt, bodies)
    result.s1 = _subsections(bodies.get("s1", []))
    result.s5 = _joined(bodies.get("s5", []), strip_numbering=True)
    result.s6 = _joined(bodies.get("s6", []))
    for key in ("s2", "s3", "s4"):
        extra = [line for line in bodies.get(key, []) if line.text]
        if extra:
            text = " ".join(line.text for line in extra)
            shown = text if len(text) <= 30 else text[:30] + "…"
            result.problems.append(
                ImportProblem(extra[0].where, shown, "表格之外的文字，草稿中没有对应位置，未导入", SLIP)
            )
    _read_meta(result, [line.text for line in bodies.get("s1", [])[:8]])
    return result


def _title_like(text: str) -> bool:
    """A line that can be part of a title set on two lines: short, no sentence, no English banner."""
    return (
        len(text) <= 30
        and not re.search(r"[，。；：,;:]", text)
        and not _LATIN_RE.search(text)
        and _date(text) is None
        and not _PAGE_CHROME_RE.search(text)
    )


def organ_in_title(title: str) -> str:
    """甘坊镇2023年政府信息公开…, 2019年上海市人民政府办公厅政府信息公开…: the organ's name, or ""."""
    text = re.sub(r"^关于", "", title)
    text = re.sub(
        r"^(?:(?:19|20)\d{2}|[〇零○O一二三四五六七八九]{4})\s*年度?", "", text
    )  # a title that starts with the year
    cut = len(text)
    for marker in (_YEAR_RE.search(text), _CN_YEAR_RE.search(text), re.search(r"(?:政府信息|政务)公开", text)):
        if marker:
            cut = min(cut, marker.start())
    organ = re.sub(r"(?:关于|的)$", "", text[:cut].strip())
    return organ if not re.search(r"(?:年度|工作)?报告$", organ) else ""


def _read_front(result: Narrative, lines: list[Line]) -> None:
    """Title and preamble: what stands before 一、总体情况."""
    lines = [Line(_TITLE_LABEL_RE.sub("", line.text), line.where) for line in lines if line.text]
    titles = [
        i
        for i, line in enumerate(lines)
        if len(line.text) <= 60
        and _TITLE_END_RE.search(line.text.rstrip("。 "))
        and "。" not in line.text
        and not _LATIN_RE.search(line.text)
    ]
    start = 0
    if titles:
        t = titles[-1]
        result.title = re.sub(r"\s+", "", lines[t].text)
        result.title_where = lines[t].where
        start = t + 1
        # 甘坊镇人民政府 / 2023年政府信息公开工作年度报告: a title set on two (or three) lines.
        while t > 0 and not organ_in_title(result.title) and _title_like(lines[t - 1].text) and len(result.title) < 60:
            t -= 1
            result.title = re.sub(r"\s+", "", lines[t].text) + result.title
            result.title_where = lines[t].where
    elif lines and len(lines[0].text) <= 60 and "。" not in lines[0].text and not _LATIN_RE.search(lines[0].text):
        result.title = re.sub(r"\s+", "", lines[0].text)
        result.title_where = lines[0].where
        start = 1
    intro = []
    for n, line in enumerate(lines[start:]):
        bracketed = _BRACKETED_DATE_RE.match(line.text)
        date = _date(bracketed.group("date") if bracketed else line.text)
        if n < 3 and date is not None and result.front_date is None:
            result.front_date = date  # （2024年3月26日） under the title
            continue
        if len(line.text) <= 80 and _PAGE_CHROME_RE.search(line.text):
            continue
        intro.append(line.text)
    result.intro = "\n".join(intro)


def _date(text: str) -> dt.date | None:
    text = re.sub(r"\s+", "", text)
    match = _DATE_RE.match(text)
    try:
        if match:
            return dt.date(int(match["y"]), int(match["m"] or match["m2"]), int(match["d"] or match["d2"]))
        match = _CN_DATE_RE.match(text)
        if match:
            year = chinese_to_int(match["y"])
            return dt.date(year, cn_number(match["m"]) or 0, cn_number(match["d"]) or 0)
    except (ValueError, TypeError):
        return None
    return None


def _read_signature(result: Narrative, lines: list[Line]) -> list[Line]:
    """The organ's name and the date at the end, right-aligned in the original."""
    lines = [line for line in lines if line.text]
    while lines and len(lines[-1].text) <= 80 and _PAGE_CHROME_RE.search(lines[-1].text):
        lines = lines[:-1]  # 【打印】【关闭】 under a copied page
    if (
        lines
        and (signed := _SIGNED_LINE_RE.match(lines[-1].text))
        and _date(signed.group("date"))
        and _ORGAN_END_RE.search(signed.group("organ"))
        and len(signed.group("organ")) <= 30
    ):
        result.report_date = _date(signed.group("date"))
        result.organ = re.sub(r"\s+", "", signed.group("organ"))
        result.organ_source = lines[-1].where
        return lines[:-1]
    if lines and (date := _date(lines[-1].text)):
        result.report_date = date
        lines = lines[:-1]
    elif lines and _PARTIAL_DATE_RE.match(re.sub(r"\s+", "", lines[-1].text)):
        lines = lines[:-1]  # 2024年1月: no day, no date; the organ may stand above it
    if (
        lines
        and len(lines[-1].text) <= 30
        and not re.search(r"[，。；：,;:]", lines[-1].text)
        and _ORGAN_END_RE.search(lines[-1].text)
    ):
        result.organ = re.sub(r"\s+", "", lines[-1].text)
        result.organ_source = lines[-1].where
        lines = lines[:-1]
    if lines and result.report_date is None and (date := _date(lines[-1].text)):
        result.report_date = date  # the date written above the name
        lines = lines[:-1]
    return lines


def _check_headings(result: Narrative, fmt: Format, bodies: dict[str, list[Line]]) -> None:
    for section in fmt.sections:
        heading = result.headings.get(section.key)
        if heading is None:
            result.problems.append(
                ImportProblem(f"第{section.number}部分", "", f"没有找到标题“{section.heading}”", MISSING)
            )
            continue
        printed = heading.line.text
        if heading.number != section.number:
            result.problems.append(
                ImportProblem(
                    heading.line.where,
                    printed,
                    f"标题编号应为“{section.number}、”，已作为第{section.number}部分“{section.heading}”导入",
                    SLIP,
                )
            )
        elif not heading.exact:
            result.problems.append(
                ImportProblem(
                    heading.line.where,
                    printed,
                    f"标题与格式中的“{section.heading}”不一致，已作为第{section.number}部分导入",
                    SLIP,
                )
            )
    # A section split in two: a top-level heading numbered after its own section's number.
    for key, lines in bodies.items():
        own = cn_number(fmt.section(key).number) or 0
        for line in lines:
            match = _HEADING_RE.match(line.text)
            number = cn_number(match.group("num")) if match else None
            if (
                match
                and number
                and number > own
                and len(line.text) <= _MAX_HEADING
                and not re.search(r"[。；]", line.text[:-1])
            ):
                section = fmt.section(key)
                result.problems.append(
                    ImportProblem(
                        line.where,
                        line.text,
                        f"格式中没有这一部分：第{section.number}部分被拆分，其内容已并入“{section.heading}”",
                        SLIP,
                    )
                )


def _strip_numbering(text: str) -> str:
    match = _HEADING_RE.match(text)
    return match.group("text").rstrip("。") if match and len(text) <= _MAX_HEADING else text


def _joined(lines: list[Line], strip_numbering: bool = False) -> str:
    texts = [line.text for line in lines if line.text]
    if strip_numbering:
        texts = [_strip_numbering(t) if _is_split_heading(t) else t for t in texts]
    return "\n".join(texts)


def _is_split_heading(text: str) -> bool:
    match = _HEADING_RE.match(text)
    return match is not None and (cn_number(match.group("num")) or 0) > 5 and len(text) <= _MAX_HEADING


def _subsections(lines: list[Line]) -> list[Subsection]:
    """（一）… sub-sections: a title line followed by its body, or "（一）标题。正文…" in one line."""
    collected: list[tuple[str, list[str]]] = []  # (title, body lines)
    lead: list[str] = []
    for line in lines:
        text = line.text
        if not text:
            continue
        match = _SUBSECTION_RE.match(text)
        if not match:
            (collected[-1][1].append(text) if collected else lead.append(text))
            continue
        rest = match.group("rest").strip()
        stop = rest.find("。")
        if stop == -1 and len(rest) <= _MAX_SUBSECTION_TITLE:
            title, body = rest.rstrip("：:"), []
        elif 0 < stop <= _MAX_SUBSECTION_TITLE:
            title, body = rest[:stop], [rest[stop + 1 :].strip()] if rest[stop + 1 :].strip() else []
        else:
            title, body = "", [rest]
        collected.append((title, body))
    result = [Subsection("", "\n".join(lead))] if lead else []
    result += [Subsection(title, "\n".join(body)) for title, body in collected]
    return result


_CONTACT_PATTERNS = {
    "address": re.compile(r"地址[:：]\s*([^；;，,）)\n]+)"),
    "phone": re.compile(r"(?:电话|联系电话)[:：]\s*([0-9０-９()（）\-－—\s]{5,}[0-9０-９])"),
    "person": re.compile(r"联系人[:：]\s*([^；;，,）)\n]+)"),
}
_DEPARTMENT_RES = (
    re.compile(r"请与\s*([^，,；;。（(]+?)\s*联系"),
    re.compile(r"请联系\s*([^，,；;。（(]+)"),
    re.compile(r"联系单位[:：]\s*([^，,；;。（(]+)"),
)
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR_RE = re.compile(r"([〇零○O一二三四五六七八九]{4})\s*年")
_YEAR_START_RE = re.compile(r"^(?:(?:19|20)\d{2}|[〇零○O一二三四五六七八九]{4})\s*年")
# 统计期限自2024年1月1日起至2024年12月31日止 / 本报告所列数据统计期限从2024年1月1日到… / 统计时限为…
_PERIOD_RE = re.compile(r"统计(?:期限|时限|时间|区间|周期)[^。0-9]{0,8}((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_WHOLE_YEAR_RE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-|~|～)\s*\1\s*年\s*12\s*月\s*31\s*日"
)
_CN_PERIOD_RE = re.compile(
    r"统计(?:期限|时限|时间|区间|周期)[^。]{0,8}?([〇零○O一二三四五六七八九]{4})\s*年\s*一\s*月\s*一\s*日"
)
# 2020年度，我街道… / 2023年，我镇… opening the report's account of its year
_LEAD_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年(?:度|以来)?\s*[，,]")


def _read_meta(result: Narrative, leads: list[str]) -> None:
    front = result.intro
    for name, pattern in _CONTACT_PATTERNS.items():
        match = pattern.search(front)
        if match:
            setattr(result.contact, name, re.sub(r"\s+", "", match.group(1)).strip())
    for pattern in _DEPARTMENT_RES:
        match = pattern.search(front)
        if match:
            result.contact.department = match.group(1).strip()
            break
    _read_year(result, leads)
    if not result.organ and result.title:
        organ = organ_in_title(result.title)
        if organ:
            result.organ = organ
            result.organ_source = result.title_where


def _read_year(result: Narrative, leads: list[str]) -> None:
    """The report's year from the title, the 统计期限 sentence, the first sentence of 总体情况, the date."""
    found: list[tuple[int | None, str]] = []
    if result.title:
        match = _YEAR_RE.search(result.title)
        cn = _CN_YEAR_RE.search(result.title)
        found.append((int(match.group(1)) if match else chinese_to_int(cn.group(1)) if cn else None, "标题"))
    period = _PERIOD_RE.search(result.intro) or _WHOLE_YEAR_RE.search(result.intro)
    cn_period = _CN_PERIOD_RE.search(result.intro)
    found.append(
        (int(period.group(1)) if period else chinese_to_int(cn_period.group(1)) if cn_period else None, "统计期限")
    )
    for text in [*result.intro.split("\n"), *leads]:
        if lead := _LEAD_YEAR_RE.match(text):
            found.append((int(lead.group(1)), "正文开头"))
            break
    if result.report_date:
        found.append((result.report_date.year - 1, "按成文日期推断"))
    for year, source in found:
        if year is not None:
            result.year, result.year_source = year, source
            return

"""Counts written in Chinese prose: "208条", "2 320 条", "六件", "一百零五条", "两件".

Only a number followed by a measure word (条, 件, 个, 次 …) is a count. Years (2023年),
dates, phone numbers, document numbers (〔2023〕3号), percentages, ordinals (第一),
enumerations (一是) and words such as 一次性 are not, so nothing downstream mistakes
them for figures to add up or compare with the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}

UNITS = (
    "人次",
    "件次",
    "条",
    "件",
    "个",
    "次",
    "篇",
    "期",
    "场",
    "项",
    "份",
    "批",
    "起",
    "宗",
    "封",
    "例",
    "家",
    "户",
    "名",
    "人",
    "张",
    "幅",
    "处",
)

_NUMBER = r"(?P<num>[0-9０-９]+(?:,[0-9]{3})*|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*)"
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
# A measure word followed by one of these is part of another word (一次性, 3个月, 条例).
_NOT_AFTER_UNIT = r"(?!性|工作日|自然日|月|小时|季度|星期|年|百分点|倍|例|款|龙|线|半)"
_COUNT_RE = re.compile(
    _NUMBER
    + r"\s*(?P<approx_mid>余|多)?\s*(?P<unit>"
    + _UNIT
    + r")"
    + _NOT_AFTER_UNIT
    + r"(?P<approx_after>以上|左右|以下|余)?"
)
# Words that, right before a number, make it something other than a stated quantity.
_ORDINAL_BEFORE = ("第",)
_APPROX_BEFORE = ("将近", "大约", "约", "近", "超过", "逾", "上")
_DELTA_BEFORE = ("增加", "增长", "减少", "下降", "上升", "提高", "降低", "增", "减", "多", "少", "同比")
_EACH_BEFORE = ("各", "每", "均")
# Chinese numerals glued to these characters belong to words (逐一, 统一, 唯一, 之一).
_WORD_BEFORE = set("逐统唯单同之进万")


@dataclass(frozen=True)
class Count:
    value: int
    unit: str
    start: int  # span of the number and its measure word in the text searched
    end: int
    approximate: bool = False  # 约200条, 200余条, 200条以上
    delta: bool = False  # 增加12条: a change, not a quantity
    each: bool = False  # 各1条: per item

    @property
    def exact(self) -> bool:
        return not (self.approximate or self.delta or self.each)


_NUMERALS = "零一二三四五六七八九"
_GROUPS = ("", "万", "亿", "万亿")  # each group of four digits


def _four_digits(n: int) -> str:
    """0 < n < 10000 as 一千零五, 三百二十, 一十二 (the leading 一十 is trimmed by the caller)."""
    out = ""
    zero = False  # a 零 is owed for skipped places (1005 → 一千零五)
    for unit, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, n = divmod(n, place)
        if digit:
            out += ("零" if zero and out else "") + _NUMERALS[digit] + unit
            zero = False
        else:
            zero = True
    return out


def int_to_chinese(n: int) -> str:
    """The numeral as headings write it: 一, 十, 十二, 二十, 一百, 一百零一, 一百一十,
    一千零一十, 一万零五 (official style: 一十 only after a higher place, 110 → 一百一十).
    Any non-negative integer below 10¹⁶; above that ValueError (no report has so many)."""
    if n < 0 or n >= 10**16:
        raise ValueError(f"out of range for Chinese numerals: {n}")
    if n == 0:
        return _NUMERALS[0]
    groups = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    out = ""
    zero = False
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        if group == 0:
            zero = True
            continue
        if out and (zero or group < 1000):
            out += "零"
        out += _four_digits(group) + _GROUPS[i]
        zero = False
    return out[1:] if out.startswith("一十") else out


def chinese_to_int(text: str) -> int:
    """一百零五 → 105, 十二 → 12, 两 → 2, 二〇二三 / 二○二三 → 2023 (digit by digit)."""
    if all(ch in _DIGITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total = section = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10000
            section = digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + digit


def parse_number(text: str) -> int:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(",", "")
    return int(text) if text.isdigit() else chinese_to_int(text)


def _before(text: str, pos: int, width: int = 4) -> str:
    """The few characters before pos, spaces and 了 dropped (增加了 12 条)."""
    return re.sub(r"[\s了]", "", text[max(0, pos - width - 2) : pos])[-width:]


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """Every count in text[start:end], with positions in text."""
    end = len(text) if end is None else end
    found = []
    for m in _COUNT_RE.finditer(text, start, end):
        num = m.group("num")
        before = _before(text, m.start())
        prev_char = text[m.start() - 1] if m.start() > 0 else ""
        if before.endswith(_ORDINAL_BEFORE):
            continue
        if num[0] in "0123456789０１２３４５６７８９":
            if prev_char.isascii() and (prev_char.isalnum() or prev_char in "-./"):
                continue  # part of a phone number, code or decimal
        elif prev_char in _WORD_BEFORE:
            continue
        try:
            value = parse_number(num)
        except ValueError:
            continue
        approximate = bool(m.group("approx_mid") or m.group("approx_after")) or before.endswith(_APPROX_BEFORE)
        found.append(
            Count(
                value,
                m.group("unit"),
                m.start(),
                m.end("unit"),
                approximate=approximate,
                delta=before.endswith(_DELTA_BEFORE),
                each=before.endswith(_EACH_BEFORE),
            )
        )
    return found

"""Reading and writing cell values: the one place that decides what a valid number is.

Used by the draft loader, the table editor, paste and import alike, so that "１２３"
typed with a Chinese IME, "1,234" pasted from Excel and "0.5" in a draft all mean
the same thing everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from app.errors import UserError, shorten
from app.formats import COUNT, MONEY, SIGNED

Value = int | Decimal

# The largest number a cell may hold (README, Limits): 8 digits, over a hundred times
# the largest figure of a real report (693957 行政处罚 of a department), so a
# county's or a department's report fits while a typo of extra digits is refused.
# The printed layout (app.layout) fits numbers of this size without breaking them.
MAX_DIGITS = 8
MAX_COUNT = 10**MAX_DIGITS - 1
MONEY_PLACES = 4
_COUNT_RE = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
_SIGNED_RE = re.compile(rf"[+-]?[0-9]{{1,{MAX_DIGITS}}}")
_MONEY_RE = re.compile(rf"([0-9]{{1,{MAX_DIGITS}}})(?:\.([0-9]*))?")
_TOO_LONG = re.compile(rf"[+-]?[0-9]{{{MAX_DIGITS + 1},}}(?:\.[0-9]*)?")
_TOO_LARGE = f"每格最多{MAX_DIGITS}位数（不超过{MAX_COUNT}）"
_TOO_MUCH_MONEY = f"金额（万元）整数部分最多{MAX_DIGITS}位"


class ValueProblem(UserError, ValueError):
    """Input that is not a valid value for its cell; str() is a message for the clerk."""


def normalize_text(text: str) -> str:
    # NFKC turns full-width digits, "．" and "，" into ASCII; Chinese minus signs are
    # unified with "-" so a pasted "－3" or "−3" reads as minus three.
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2212", "-").replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"[\s,]", "", text)


def parse_value(text: str, kind: str) -> Value:
    """Parse what a clerk typed or pasted into a cell of the given kind."""
    raw = normalize_text(text)
    if raw == "":
        return Decimal(0) if kind == MONEY else 0
    if _TOO_LONG.fullmatch(raw):
        return _not_a_number(text, _TOO_MUCH_MONEY if kind == MONEY else _TOO_LARGE, "数值过大")
    if kind == COUNT:
        if raw.startswith("-") and _COUNT_RE.fullmatch(raw[1:]):
            raise ValueProblem(f"“{shorten(text.strip())}”不能为负数：这里填写件数，应为0或正整数")
        if re.fullmatch(r"[0-9]+\.[0-9]*", raw):
            raise ValueProblem(f"“{shorten(text.strip())}”不是整数：件数不能有小数")
        if not _COUNT_RE.fullmatch(raw):
            return _not_a_number(text, "件数应为0或正整数")
        return int(raw)
    if kind == SIGNED:
        if re.fullmatch(r"[+-]?[0-9]+\.[0-9]*", raw):
            raise ValueProblem(f"“{shorten(text.strip())}”不是整数：增减数量不能有小数")
        if not _SIGNED_RE.fullmatch(raw):
            return _not_a_number(text, "增减数量应为整数，减少时前面加“-”")
        return int(raw)
    if kind == MONEY:
        return parse_money(text)
    raise ValueError(f"unknown value kind {kind!r}")


def parse_money(text: str) -> Decimal:
    raw = normalize_text(text)
    if raw == "":
        return Decimal(0)
    if raw.startswith("-"):
        raise ValueProblem(f"“{shorten(text.strip())}”不能为负数：金额应为0或正数（单位：万元）")
    if _TOO_LONG.fullmatch(raw):
        return _not_a_number(text, _TOO_MUCH_MONEY, "数值过大")
    match = _MONEY_RE.fullmatch(raw)
    if not match:
        return _not_a_number(text, "金额应为数字（单位：万元），最多四位小数")
    decimals = match.group(2) or ""
    if len(decimals) > MONEY_PLACES:
        raise ValueProblem(f"“{shorten(text.strip())}”有{len(decimals)}位小数：金额以万元为单位，最多保留四位小数")
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern above already rules this out
        return _not_a_number(text, "金额应为数字")


def _not_a_number(text: str, rule: str, what: str = "不是有效的数字"):
    raise ValueProblem(f"“{shorten(text.strip())}”{what}：{rule}")


def check_value(value: object, kind: str) -> Value:
    """Validate a value already typed as a Python number (drafts, API callers)."""
    if kind in (COUNT, SIGNED):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueProblem("应为整数")
        if kind == COUNT and value < 0:
            raise ValueProblem(f"不能为负数（{shorten(value)}）")
        if abs(value) > MAX_COUNT:
            raise ValueProblem(f"数值过大：{_TOO_LARGE}")
        return value
    if kind == MONEY:
        if isinstance(value, Decimal):
            value = format_value(value, MONEY)
        if not isinstance(value, str):
            raise ValueProblem("金额应写成由数字组成的字符串，如“0.5”")
        if _TOO_LONG.fullmatch(value):
            raise ValueProblem(f"数值过大：{_TOO_MUCH_MONEY}")
        if not _MONEY_RE.fullmatch(value):
            raise ValueProblem(f"“{shorten(value)}”不是有效的金额")
        return parse_money(value)
    raise ValueError(f"unknown value kind {kind!r}")


def format_value(value: Value, kind: str) -> str:
    """How a value is shown and printed: counts as integers, money without exponent."""
    if kind == MONEY:
        d = Decimal(value)
        text = format(d, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text or "0"
    return str(int(value))

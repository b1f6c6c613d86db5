"""Draft files (docs/spec/draft-format.md): reading with strict validation, atomic saving.

A file that is not a valid draft is refused with a message naming the problem and
the key; it is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from app.atomic import SaveError, atomic_write, read_user_file
from app.errors import UserError, shorten
from app.formats import all_formats, get_format
from app.limits import MAX_DRAFT_FILE
from app.report import Contact, Meta, Report, Subsection
from app.sanitize import clean_strings
from app.values import ValueProblem, check_value, format_value

MAGIC = "nianbao-draft"
VERSION = 1
EXTENSION = ".nianbao"

_TOP_KEYS = {"format", "version", "template", "meta", "text", "cells"}
_META_KEYS = {"organ", "year", "report_date", "title", "contact"}
_CONTACT_KEYS = {"department", "address", "phone", "person"}
_TEXT_KEYS = {"intro", "s1", "s5", "s6"}
_SUBSECTION_KEYS = {"title", "body"}


class DraftError(UserError, ValueError):
    """The file is not a valid draft; str() says what is wrong and where, in Chinese."""


class HugeInteger(int):
    """An integer written with more digits than any value of a draft may have.

    Python refuses to read integers of over 4,300 digits (ValueError), so json would fail
    before the key is known; this stands in for such a number (as 0) so that the check of
    the field it belongs to names the field."""

    digits: str

    def __new__(cls, digits: str):
        obj = super().__new__(cls, 0)
        obj.digits = digits
        return obj

    def __str__(self) -> str:
        return self.digits

    __repr__ = __str__


_MAX_INT_DIGITS = 40  # far more than any year or count; anything longer is a HugeInteger


def _parse_int(digits: str) -> int:
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else HugeInteger(digits)


def report_to_dict(report: Report) -> dict:
    fmt = report.format
    meta = report.meta
    cells = {}
    for key in fmt.input_keys:
        value = report.cells.get(key)
        if value is None or value == 0:
            continue
        kind = fmt.cells[key].kind
        cells[key] = format_value(value, kind) if kind == "money" else int(value)
    return {
        "format": MAGIC,
        "version": VERSION,
        "template": report.template,
        "meta": {
            "organ": meta.organ,
            "year": meta.year,
            "report_date": meta.report_date.isoformat() if meta.report_date else None,
            "title": meta.title,
            "contact": {
                "department": meta.contact.department,
                "address": meta.contact.address,
                "phone": meta.contact.phone,
                "person": meta.contact.person,
            },
        },
        "text": {
            "intro": report.intro,
            "s1": [{"title": s.title, "body": s.body} for s in report.s1],
            "s5": report.s5,
            "s6": report.s6,
        },
        "cells": cells,
    }


def dumps(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def _expect(cond: bool, message: str) -> None:
    if not cond:
        raise DraftError(message)


def _unknown(obj: dict, allowed: set[str], where: str) -> None:
    extra = sorted(set(obj) - allowed)
    _expect(
        not extra,
        f"{where}中有无法识别的字段“{shorten(extra[0], 40) if extra else ''}”，这个文件可能不是本程序写的草稿。",
    )


def _string(obj: dict, key: str, where: str) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise DraftError(f"{where}“{key}”应为文字，实际是{_kind_name(value)}。")
    return value


def _optional_string(obj: dict, key: str, where: str) -> str | None:
    """A text field that may be absent or null (None)."""
    return None if obj.get(key) is None else _string(obj, key, where)


def _kind_name(value: object) -> str:
    if isinstance(value, HugeInteger):
        return f"位数过多的数字“{shorten(value)}”"
    return {
        bool: "真假值",
        int: "整数",
        float: "小数",
        str: "文字",
        list: "列表",
        dict: "对象",
        type(None): "空值",
    }.get(type(value), type(value).__name__)


def report_from_dict(data: object) -> Report:
    if not isinstance(data, dict):
        raise DraftError("文件内容不是年报助手草稿（应为一个JSON对象）。")
    _expect(data.get("format") == MAGIC, "这不是年报助手草稿文件（缺少“format”: “nianbao-draft”标记）。")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, (bool, HugeInteger)):
        raise DraftError("草稿缺少有效的版本号“version”。")
    _expect(
        version <= VERSION,
        f"此草稿由较新版本的年报助手创建（草稿版本{version}，本程序只能读取版本{VERSION}及以前的草稿），请升级程序后再打开。文件未作任何改动。",
    )
    _expect(version >= 1, f"草稿版本号“{version}”无效。")
    _unknown(data, _TOP_KEYS, "草稿")
    template = data.get("template")
    known = "、".join(f"“{t}”" for t in sorted(all_formats(), reverse=True))
    if not isinstance(template, str):
        raise DraftError(
            f"草稿的报告格式“template”应为文字（{known}），实际是{_kind_name(template)}{_shown(template)}。"
        )
    _expect(template in all_formats(), f"草稿的报告格式“{shorten(template)}”无法识别（可用：{known}）。")
    fmt = get_format(template)

    meta_raw = data.get("meta")
    if not isinstance(meta_raw, dict):
        raise DraftError("草稿缺少“meta”（机关名称、年度等基本信息）。")
    _unknown(meta_raw, _META_KEYS, "基本信息“meta”")
    organ = _string(meta_raw, "organ", "机关名称")
    year = meta_raw.get("year")
    if not isinstance(year, int) or isinstance(year, (bool, HugeInteger)) or not 2000 <= year <= 2100:
        raise DraftError(f"报告年度“year”应为2000至2100之间的整数，实际是“{shorten(year)}”。")
    date_raw = meta_raw.get("report_date")
    report_date = None
    if date_raw is not None:
        _expect(
            isinstance(date_raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_raw) is not None,
            f"成文日期“report_date”应写成“2024-01-10”的形式，实际是“{shorten(date_raw)}”。",
        )
        try:
            report_date = dt.date.fromisoformat(date_raw)
        except ValueError:
            raise DraftError(f"成文日期“{date_raw}”不是有效的日期。") from None
    title = _optional_string(meta_raw, "title", "标题")
    contact_raw = meta_raw.get("contact", {})
    if not isinstance(contact_raw, dict):
        raise DraftError("联系方式“contact”应为对象。")
    _unknown(contact_raw, _CONTACT_KEYS, "联系方式“contact”")
    contact = Contact(**{k: _string(contact_raw, k, "联系方式") for k in _CONTACT_KEYS})

    text = data.get("text", {})
    if not isinstance(text, dict):
        raise DraftError("正文“text”应为对象。")
    _unknown(text, _TEXT_KEYS, "正文“text”")
    s1_raw = text.get("s1", [])
    if not isinstance(s1_raw, list):
        raise DraftError("总体情况“text.s1”应为列表。")
    s1 = []
    for i, item in enumerate(s1_raw, 1):
        _expect(isinstance(item, dict), f"总体情况第{i}个小节应为对象。")
        _unknown(item, _SUBSECTION_KEYS, f"总体情况第{i}个小节")
        s1.append(
            Subsection(
                _string(item, "title", f"总体情况第{i}个小节的"), _string(item, "body", f"总体情况第{i}个小节的")
            )
        )

    cells_raw = data.get("cells", {})
    if not isinstance(cells_raw, dict):
        raise DraftError("数字表格“cells”应为对象。")
    cells = {}
    for key, value in cells_raw.items():
        cell = fmt.cells.get(key)
        if cell is None:
            others = [f.name for f in all_formats().values() if key in f.cells]
            if others:
                raise DraftError(f"单元格“{key}”只属于{others[0]}，不能出现在{fmt.name}的草稿中。")
            raise DraftError(f"草稿中有未知的单元格“{shorten(key, 40)}”。")
        if isinstance(value, HugeInteger):
            raise DraftError(
                f"单元格“{key}”（{cell.where}）的值“{shorten(value)}”无效：位数过多（共{len(value.digits)}位）"
            )
        try:
            checked = check_value(value, cell.kind)
        except ValueProblem as exc:
            raise DraftError(f"单元格“{key}”（{cell.where}）的值“{shorten(value)}”无效：{exc}") from None
        if not cell.computed and checked != 0:  # totals in the file are for readers only
            cells[key] = checked

    meta = Meta(organ=organ, year=year, report_date=report_date, title=title, contact=contact)
    report = Report(
        template=template,
        meta=meta,
        intro=_string(text, "intro", "开头说明"),
        s1=s1,
        s5=_string(text, "s5", "第五部分"),
        s6=_string(text, "s6", "第六部分"),
        cells=cells,
    )
    clean_strings(report)
    return report


def _shown(value: object) -> str:
    return "" if isinstance(value, HugeInteger) else f"“{shorten(value)}”"


def loads(text: str) -> Report:
    if not text.strip():
        raise DraftError("文件是空的，不是有效的草稿。")
    try:
        data = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise DraftError(f"文件内容不完整或已损坏（第{exc.lineno}行第{exc.colno}列附近），不是有效的草稿。") from None
    except RecursionError:
        raise DraftError("文件内容嵌套过深，不是有效的草稿。") from None
    return report_from_dict(data)


def load_draft(path: str | os.PathLike) -> Report:
    path = Path(path)
    raw = read_user_file(path, DraftError, "草稿文件", MAX_DRAFT_FILE)
    try:
        text = raw.decode("utf-8-sig")  # a BOM is common after Notepad
    except UnicodeDecodeError:
        raise DraftError(f"“{path.name}”不是UTF-8文本，不是年报助手草稿。") from None
    try:
        return loads(text)
    except DraftError as exc:
        raise DraftError(f"无法打开“{path.name}”：{exc}") from None


def is_draft_file(path: Path) -> bool:
    try:
        load_draft(path)
        return True
    except DraftError:
        return False


def save_draft(
    report: Report, path: str | os.PathLike, overwrite_foreign: bool = False, replace_read_only: bool = False
) -> None:
    """Save atomically, keeping the previous version as <name>.bak.

    An existing file that is not a readable draft is not replaced unless the caller
    (after asking the clerk) passes overwrite_foreign=True.
    """
    path = Path(path)
    if path.exists() and not overwrite_foreign and not is_draft_file(path):
        raise SaveError(f"“{path.name}”已存在且不是可读的年报助手草稿，为免覆盖其内容，没有保存。请另选文件名。")
    atomic_write(path, encode(report), replace_read_only=replace_read_only)


def encode(report: Report) -> bytes:
    """The draft file's bytes. Text is cleaned where it comes in (app.sanitize); a lone surrogate
    that still got here becomes "?" rather than failing the save."""
    return dumps(report).encode("utf-8", errors="replace")

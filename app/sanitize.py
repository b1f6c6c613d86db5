"""Text as it may be stored: the one cleaning every entry (draft load, import, typing and paste) uses.

A lone UTF-16 surrogate ("\\ud800", left by text cut in the middle of an emoji or a rare
character, or written as an escape in a JSON file) cannot be written as UTF-8: every save and
autosave of the report would fail. A surrogate pair is joined into the character it stands for;
a lone one becomes U+FFFD (�), which the clerk can see and the checks point out.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    if _SURROGATE_RE.search(text) is None:  # the common case costs one scan
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean_strings(obj: object) -> None:
    """Clean every string held by a dataclass (a Report and its Meta, Contact, Subsections), in place."""
    if isinstance(obj, list):
        for item in obj:
            clean_strings(item)
        return
    if not is_dataclass(obj) or isinstance(obj, type):
        return
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str):
            setattr(obj, f.name, clean_text(value))
        elif isinstance(value, list) or is_dataclass(value):
            clean_strings(value)

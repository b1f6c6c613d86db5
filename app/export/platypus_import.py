"""Import reportlab.platypus without compiling the one regular expression it never needs here.

reportlab.platypus.paragraph compiles, at import, a pattern that validates link URIs
(`uri_pat`, case-insensitive over U+00A1–U+FFFF): ~40 ms of every PDF export, a tenth of
its time, for links the reports never have. While that module is imported, `re`'s cache
holds for exactly that pattern an object that compiles it on first use, so the module gets
a pattern that behaves the same and costs nothing until a link is checked. The entry is
taken out of the cache right after. If reportlab changes the pattern (or `re` its cache),
the entry is simply not found and the pattern is compiled as before: the export is only
slower, never different. (tests/test_export_pdf_speed.py checks both.)"""

from __future__ import annotations

import re
import sys
from typing import Any

# reportlab 4's paragraph.uri_pat, verbatim (from django's URL validator)
URI_PATTERN = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
    "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]"
    "(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*"
    "\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))(?::\\d{2,5})?"
    "(?:[/?#][^\\s]*)?\\Z"
)
URI_FLAGS = re.I


class PatternCompiledOnUse:
    """Stands for re.compile(pattern, flags) and compiles it when first used."""

    def __init__(self, pattern: str, flags: re.RegexFlag) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def _import_platypus() -> None:
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    cache: dict = getattr(re, "_cache", {})
    key = (str, URI_PATTERN, URI_FLAGS.value)
    cache[key] = PatternCompiledOnUse(URI_PATTERN, URI_FLAGS)
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        cache.pop(key, None)


_import_platypus()

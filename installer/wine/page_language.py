"""English words on an installer page, from the texts of its controls (read by
window_texts.py under Wine): everything the clerk reads in Setup must be Chinese.

Plain text, no Wine needed: imported by windows_check.py and by the unit tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Latin-script words a Chinese Setup rightly shows, each with its reason.
ALLOWED: tuple[str, ...] = (
    "nianbao-cli.exe",
    "nianbao.exe",
    ".nianbao",
    "nianbao",  # the program's own file names
    "Windows",  # the system's name, as Microsoft's Chinese texts write it
    "KB",
    "MB",
    "GB",  # units of the disk space Setup states
)
# A path is a folder's name, not a word of the page: a line that is a path (the 安装位置 box,
# the 准备安装 summary's 目标位置), or a path inside a sentence, up to a space or CJK punctuation.
_PATH_LINE = re.compile(r"^\s*(?:[A-Za-z]:\\|\\\\)")
_PATH = re.compile(r"(?:[A-Za-z]:\\|\\\\)[^\s，。、；：（）]*")
# "(&M)" and "&M": the access key of a button, drawn as an underlined letter.
_ACCESS_KEY = re.compile(r"\(&[A-Za-z]\)|&(?=[A-Za-z])")
# Two letters or more: a single letter is an access key or a drive letter, not a word.
_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(controls: Iterable[Mapping[str, str]], allowed: Iterable[str] = ALLOWED) -> list[str]:
    """The English words in the texts of the controls ({"class": …, "text": …}), in order,
    each once; the allowed names (whole words, case-sensitive) and paths do not count."""
    phrases = sorted(allowed, key=len, reverse=True)
    allowed_pattern = (
        re.compile("|".join(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])" for p in phrases)) if phrases else None
    )
    found: list[str] = []
    for control in controls:
        for line in control.get("text", "").splitlines():
            if _PATH_LINE.match(line):
                continue
            line = _ACCESS_KEY.sub(" ", _PATH.sub(" ", line))
            if allowed_pattern:
                line = allowed_pattern.sub(" ", line)
            for word in _WORD.findall(line):
                if word not in found:
                    found.append(word)
    return found

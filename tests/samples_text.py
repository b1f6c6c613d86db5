"""Real published reports (tests/samples) turned into Report objects for the text checks.

Only the narrative is taken over (preamble, 总体情况 sub-sections, 五, 六); tests set the
table figures they need, as the report states them.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.report import Report, Subsection, new_report

_SUBHEAD = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$")


def _region(lines: list[str], start: re.Pattern, stop: re.Pattern | None) -> tuple[list[str], int]:
    begin = next(i for i, line in enumerate(lines) if start.search(line))
    end = next((i for i in range(begin + 1, len(lines)) if stop and stop.search(lines[i])), len(lines))
    return lines[begin + 1 : end], begin


def report_from_sample(path: Path, year: int, template: str | None = None) -> Report:
    lines = path.read_text(encoding="utf-8").splitlines()
    report = new_report("样本机关", year, template)
    s1_lines, s1_at = _region(
        lines, re.compile(r"^(\[bookmark: _GoBack\])?一、总体情况"), re.compile(r"^\s*二、主动公开")
    )
    intro = [line for line in lines[1:s1_at] if line.strip()]
    report.intro = "\n".join(intro)
    subsections: list[Subsection] = []
    lead: list[str] = []
    for line in s1_lines:
        m = _SUBHEAD.match(line.strip())
        if m:
            title, _, rest = m.group(2).partition("。")
            subsections.append(Subsection(title.strip(), rest.strip()))
        elif subsections:
            subsections[-1].body = "\n".join(x for x in (subsections[-1].body, line.strip()) if x)
        elif line.strip():
            lead.append(line.strip())
    if lead:
        subsections.insert(0, Subsection("总体", "\n".join(lead)))
    report.s1 = subsections
    s6_start = re.compile(r"^[六七]、其他需要报告")
    s5_lines, _ = _region(lines, re.compile(r"^\s*(五|5)、"), s6_start)
    s6_lines, _ = _region(lines, s6_start, None)
    report.s5 = "\n".join(x.strip() for x in s5_lines if x.strip())
    report.s6 = "\n".join(x.strip() for x in s6_lines if x.strip())
    return report

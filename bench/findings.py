"""Precision of the findings on real published reports: is each one a real problem?

Imports each published sample (and every report of the import corpus, when present) as a
clerk would, runs every check, and prints each finding with its judgement from JUDGED —
what a careful reader of that report says of it; a corpus file's finding is true when the
report it was made from has it too (source_report). A finding nobody has judged yet prints
as UNJUDGED: read the report and add it. The last lines give, per severity, how many
findings are true; every error must be true, and warnings at least 9 in 10.

    python -m bench.findings
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

from app.checks import ERROR, check_report
from app.draft import load_draft
from app.importer import import_file
from app.report import Report
from app.values import parse_value
from tests.conftest import SAMPLES

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"

# (report prefix, rule) → (true?, why). Read against the published text by hand.
JUDGED: dict[tuple[str, str], tuple[bool, str]] = {
    ("000", "intro.notice"): (True, "the preamble cites the county's 工作要点 notice, not 国办公开办函〔2021〕30号"),
    ("000", "text.sum"): (True, "共发布208条 but the parts add up to 209"),
    ("000", "s6.fee-statement"): (True, "六 says only 无其他需要说明的事项: nothing on 信息处理费"),
    ("001", "meta.date-missing"): (True, "the published text has no date under the signature"),
    ("001", "intro.missing"): (True, "no preamble: straight from the title to 一、总体情况"),
    ("002", "meta.date-missing"): (True, "no date under the signature"),
    ("002", "intro.missing"): (True, "no preamble before 一、总体情况"),
    ("003", "intro.missing"): (True, "no preamble: 一、总体情况 opens the report"),
    ("003", "s6.fee-statement"): (True, "六 talks of 公示栏 only, nothing on fees"),
    ("004", "meta.format-year"): (True, "a 2023 report on the 2019 table layout"),
    ("004", "meta.date-missing"): (True, "no date"),
    ("004", "meta.title-kind"): (True, "titled 政务公开工作总结"),
    ("004", "intro.missing"): (True, "no preamble"),
}


def reports() -> list[tuple[str, Path]]:
    found = [(p.name.split("_")[0], p) for p in sorted(SAMPLES.glob("*.txt"))]
    if CORPUS.is_dir():
        found += [
            (str(p.relative_to(CORPUS)), p)
            for p in sorted(CORPUS.rglob("*"))
            if p.suffix in (".pdf", ".txt", ".html", ".docx")
        ]
    return found


def source_report(path: Path, imported: Report) -> Report | None:
    """What a corpus file was made from: the draft beside a PDF (NNN-app.pdf ← NNN.nianbao), or
    for a text fixture the imported report with the cells expected.json says it holds. Its
    findings are the corpus report's real problems (the corpus tables carry made-up numbers, so
    they do not balance); a finding only the import shows comes from a misread, a false alarm."""
    if path.suffix == ".pdf":
        drafts = [path.with_suffix(".nianbao"), path.with_name(path.stem.split("-")[0] + ".nianbao")]
        return next((load_draft(d) for d in drafts if d.is_file()), None)
    expected = path.parent / "expected.json"
    if not expected.is_file():
        return None
    cells = json.loads(expected.read_text(encoding="utf-8")).get(path.name, {}).get("cells")
    if cells is None:
        return None
    source = copy.deepcopy(imported)
    source.cells = {}
    for key, text in cells.items():
        source.set_value(key, parse_value(text, source.format.cells[key].kind))
    return source


def judged(name: str, path: Path, report: Report, finding, source_findings) -> tuple[bool | None, str]:
    if (name, finding.rule) in JUDGED:
        return JUDGED[(name, finding.rule)]
    if source_findings is not None:
        if (finding.rule, finding.message) in source_findings:
            return True, ""
        return False, "not on the report the file was made from: the import misread it"
    return None, ""


def main() -> None:
    tally: Counter[tuple[str, str]] = Counter()
    for name, path in reports():
        try:
            report = import_file(path).report
        except ValueError as exc:
            print(f"== {name}: not imported ({exc})")
            continue
        findings = check_report(report)
        source = source_report(path, report) if path.is_relative_to(CORPUS) else None
        source_findings = {(f.rule, f.message) for f in check_report(source)} if source else None
        print(f"== {name}: {report.meta.organ} {report.meta.year} ({len(findings)} findings)")
        for f in findings:
            true, why = judged(name, path, report, f, source_findings)
            verdict = "UNJUDGED" if true is None else "true" if true else "FALSE"
            tally[(f.severity, verdict)] += 1
            print(f"  {f.severity:7} {verdict:8} {f.rule}: {f.message[:90]}")
            if why:
                print(f"  {'':7} {'':8} — {why}")
    for severity in (ERROR, "warning"):
        true, false, unjudged = (tally[(severity, v)] for v in ("true", "FALSE", "UNJUDGED"))
        judged_count = true + false
        share = f"{true / judged_count:.0%}" if judged_count else "—"
        print(f"{severity}: {true} true, {false} false, {unjudged} unjudged; precision {share}")


if __name__ == "__main__":
    main()

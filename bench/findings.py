"""Precision of the findings on real published reports: is each one a real problem?

Imports each published sample (and every report of the import corpus, when present) as a
clerk would, runs every check, and prints each finding with its judgement from JUDGED —
what a careful reader of that report says of it. A finding nobody has judged yet prints
as UNJUDGED: read the report and add it. The last lines give, per severity, how many
findings are true; every error must be true, and warnings at least 9 in 10.

    python -m bench.findings
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from app.checks import ERROR, check_report
from app.importer import import_file
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


def main() -> None:
    tally: Counter[tuple[str, str]] = Counter()
    for name, path in reports():
        try:
            report = import_file(path).report
        except ValueError as exc:
            print(f"== {name}: not imported ({exc})")
            continue
        findings = check_report(report)
        print(f"== {name}: {report.meta.organ} {report.meta.year} ({len(findings)} findings)")
        for f in findings:
            true, why = JUDGED.get((name, f.rule), (None, ""))
            verdict = "UNJUDGED" if true is None else "true" if true else "FALSE"
            tally[(f.severity, verdict)] += 1
            print(f"  {f.severity:7} {verdict:8} {f.rule}: {f.message[:90]}")
            if why:
                print(f"  {'':7} {'':8} — {why}")
    for severity in (ERROR, "warning"):
        true, false, unjudged = (tally[(severity, v)] for v in ("true", "FALSE", "UNJUDGED"))
        judged = true + false
        share = f"{true / judged:.0%}" if judged else "—"
        print(f"{severity}: {true} true, {false} false, {unjudged} unjudged; precision {share}")


if __name__ == "__main__":
    main()

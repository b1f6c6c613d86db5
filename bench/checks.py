"""How long a full re-check takes (the GUI re-checks on every edit).

Prints, for each published sample turned into a report (with last year's report at
hand, so the copied-text check runs too): the first check, a re-check with nothing
changed, and a re-check after editing one sub-section.

    python -m bench.checks
"""

from __future__ import annotations

import copy
import time

from app.checks import check_report
from tests.conftest import SAMPLES
from tests.samples_text import report_from_sample


def timed(fn, repeat=1):
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1000


def main():
    from app.report import new_report

    warm = new_report("甘坊镇人民政府", 2023)
    print(f"导入与编译（仅第一次）：{timed(lambda: check_report(warm, previous=warm)):.2f} ms")
    for path in sorted(SAMPLES.glob("*.txt")):
        previous = report_from_sample(path, 2022)
        report = copy.deepcopy(previous)
        report.meta.year = 2023
        chars = sum(len(s.body) for s in report.s1) + len(report.s5) + len(report.s6)
        first = timed(lambda: check_report(report, previous=previous))
        again = timed(lambda: check_report(report, previous=previous), 200)
        edits = iter(range(10**6))

        def edit_and_check():
            report.s1[0].body += f"新增第{next(edits)}句，讲本年的新做法。"
            check_report(report, previous=previous)

        edited = timed(edit_and_check, 50)
        print(
            f"{path.name}: {chars}字  首次检查 {first:.2f} ms  无改动重查 {again:.2f} ms  改一段后重查 {edited:.2f} ms"
        )


if __name__ == "__main__":
    main()

"""Prints how long a full re-check and a draft load/save take (goal: check well under 1 ms)."""

import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.checks import check_report
from app.draft import load_draft, save_draft
from tests.sample_reports import sample_001, sample_002


def best(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def main():
    for report in (sample_001(), sample_002()):
        label = f"{report.meta.organ} {report.meta.year}（格式{report.template}）"
        print(
            f"{label}: full check {best(lambda: check_report(report), 500) * 1e3:.3f} ms, "
            f"values() {best(report.values, 500) * 1e3:.3f} ms"
        )
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "d.nianbao"
            print(
                f"{label}: save (atomic, fsync, backup) {best(lambda: save_draft(report, path), 50) * 1e3:.2f} ms, "
                f"load {best(lambda: load_draft(path), 200) * 1e3:.2f} ms"
            )


if __name__ == "__main__":
    main()

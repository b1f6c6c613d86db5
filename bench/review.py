"""Time the county review on 60 mixed reports and measure how responsive the 审阅 window stays.

    QT_QPA_PLATFORM=offscreen python -m bench.review [COUNT]

Writes COUNT reports (default 60) made from sample 001 with varied organs and figures: half as
PDF written by the exporter (read back by app.importer's PDF import), the rest drafts, DOCX and
saved web pages; and last year's drafts of the same
organs. Then prints:
- the review's time (goal ≤ 20 s) and the time per file of each kind (goal ≤ 0.3 s per draft),
- the peak memory (Python allocations during the review, and the process's maximum RSS),
- the longest event-loop stall of the 审阅 window while its worker thread reads the folder
  (a 5 ms timer on the GUI thread; a stall is a gap beyond its interval; goal ≤ 100 ms).
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
import tracemalloc
from itertools import pairwise
from pathlib import Path

from app.draft import save_draft
from app.export import render_docx, render_pdf
from app.export.html import render_html
from app.review import read_report_file, review_folder
from tests.export_reports import report_2021
from tests.review_folder import _as

PLACES = "甘坊赤岸宋埠九皋轵城桃川梅林石门青山白沙东岗西河南岭北塘金竹银湖清溪长乐安远永和"


def organ(i: int) -> str:
    a, b = PLACES[2 * (i % 25) : 2 * (i % 25) + 2], "镇" if i < 25 else "乡"
    return f"{a}{'' if i < 50 else '新'}{b}人民政府" if i < 50 else f"{a}{i}街道办事处"


def varied(base, name: str, year: int, rng: random.Random):
    report = _as(base, name, year)
    new = rng.randint(0, 12)
    report.set_value("s3.new.natural", new)
    report.set_value("s3.open.natural", new)
    report.set_value("s2.punishment.decisions", rng.randint(0, 90))
    report.set_value("s2.normative.in_force", rng.randint(0, 9))
    return report


def build(folder: Path, last: Path, count: int) -> dict[str, str]:
    folder.mkdir()
    last.mkdir()
    rng = random.Random(16)
    base = report_2021()
    kinds = {}
    for i in range(count):
        name = organ(i)
        report = varied(base, name, 2023, rng)
        save_draft(varied(base, name, 2022, rng), last / f"{i:02d}.nianbao")
        if i % 2 == 0:
            kind = "pdf"
        else:
            kind = ("nianbao", "nianbao", "docx", "html")[(i // 2) % 4]
        path = folder / f"{i:02d}{name}.{kind}"
        if kind == "pdf":
            render_pdf(report, path)
        elif kind == "docx":
            render_docx(report, path)
        elif kind == "html":
            render_html(report, path)
        else:
            save_draft(report, path)
        kinds[path.name] = kind
    return kinds


def timed_review(folder: Path, last: Path, kinds: dict[str, str]):
    """The whole review (published files in worker processes), then each file read on its own
    in this process (the figure per file, free of the workers' start)."""
    start = time.perf_counter()
    result = review_folder(folder, last)
    elapsed = time.perf_counter() - start
    per_kind: dict[str, list[float]] = {}
    for name, kind in kinds.items():
        t0 = time.perf_counter()
        read_report_file(folder / name)
        per_kind.setdefault(kind, []).append(time.perf_counter() - t0)
    return result, elapsed, per_kind


def longest_stall(ticks: list[float], interval_ms: float) -> float:
    gaps = [b - a for a, b in pairwise(ticks)]
    return max(0.0, max(gaps, default=0.0) * 1000 - interval_ms)


def stalls_over(ticks: list[float], interval_ms: float, limit_ms: float) -> int:
    return sum((b - a) * 1000 - interval_ms > limit_ms for a, b in pairwise(ticks))


def busy_stall(app, interval: int) -> float:
    """The idle window's longest stall while two other processes (like the reading workers,
    at nice 10) keep both cores busy for 3 s: what this machine's scheduler alone costs."""
    import subprocess

    from ui.qt import QtCore, QTimer

    burn = "import os, time\nos.nice(10)\nend = time.time() + 3\nwhile time.time() < end: pass"
    procs = [subprocess.Popen([sys.executable, "-c", burn]) for _ in range(2)]
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(interval)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    loop = QtCore.QEventLoop()
    QTimer.singleShot(3000, loop.quit)
    loop.exec()
    timer.stop()
    for p in procs:
        p.wait()
    return longest_stall(ticks, interval)


def window_stall(folder: Path, last: Path) -> tuple[float, float, int, float]:
    """While the window reads: longest stall (ms), time to read (s), timer ticks, ticks over
    100 ms late; then the longest stall of the same window doing nothing for 3 s, and while
    two other processes burn both cores (what the machine's load alone causes)."""
    from ui.main import make_app
    from ui.qt import QtCore, QTimer
    from ui.review import ReviewWindow

    app = make_app()
    window = ReviewWindow()
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    interval = 5
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(interval)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    window.start(folder, last)
    loop = QtCore.QEventLoop()
    window.review_done.connect(loop.quit)
    loop.exec()  # the event loop the clerk's window runs, until every row read is shown
    app.processEvents()
    elapsed = time.perf_counter() - start
    timer.stop()
    reading, count = longest_stall(ticks, interval), len(ticks)
    over = stalls_over(ticks, interval, 100)
    ticks.clear()
    timer.start()
    idle = QtCore.QEventLoop()
    QTimer.singleShot(3000, idle.quit)
    idle.exec()
    timer.stop()
    idle_stall = longest_stall(ticks, interval)
    busy = busy_stall(app, interval)
    window.close()
    return reading, elapsed, count, over, idle_stall, busy


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    with tempfile.TemporaryDirectory(prefix="nianbao-review-") as tmp:
        folder, last = Path(tmp) / "本年", Path(tmp) / "上年"
        t = time.perf_counter()
        kinds = build(folder, last, count)
        print(f"built {count} reports and {count} last-year drafts in {time.perf_counter() - t:.1f} s")
        mix = {k: list(kinds.values()).count(k) for k in sorted(set(kinds.values()))}
        print("mix: " + ", ".join(f"{k} {n}" for k, n in mix.items()))

        result, elapsed, per_kind = timed_review(folder, last, kinds)
        readable = len(result.readable)
        print(
            f"review of {count} reports with last year's folder: {elapsed:.2f} s (goal ≤ 20 s), "
            f"{readable} readable, {len(result.matched)} matched with last year"
        )
        for kind, times in sorted(per_kind.items()):
            goal = " (goal ≤ 0.3 s)" if kind == "nianbao" else ""
            print(
                f"  {kind}: {sum(times) / len(times) * 1000:.0f} ms per file on average, "
                f"slowest {max(times) * 1000:.0f} ms{goal}"
            )

        t = time.perf_counter()
        review_folder(folder, last, pool=False)
        alone = time.perf_counter() - t
        print(f"the same review read in this process alone (no worker processes): {alone:.2f} s")
        tracemalloc.start()
        review_folder(folder, last, pool=False)  # all in one process, so that all is counted
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"peak memory: {peak / 2**20:.1f} MiB of Python allocations for the whole review read in one "
            f"process; max RSS {own:.0f} MiB of this process (fonts and Qt included), {worker:.0f} MiB "
            "of the largest worker process"
        )

        stall, in_window, ticks, over, idle, busy = window_stall(folder, last)
        print(
            f"审阅 window: read in {in_window:.2f} s; longest event-loop stall {stall:.0f} ms "
            f"(goal ≤ 100 ms; {over} of {ticks} ticks of a 5 ms timer came over 100 ms late); "
            f"the idle window's longest stall {idle:.0f} ms, and {busy:.0f} ms while two other "
            "processes keep the cores busy (this machine's scheduler alone)"
        )
        print(
            f"load average now: {', '.join(f'{x:.1f}' for x in __import__('os').getloadavg())} on {__import__('os').cpu_count()} cores"
        )


if __name__ == "__main__":
    main()

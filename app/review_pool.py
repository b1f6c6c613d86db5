"""Reading a folder's published reports in worker processes, drafts in this one.

Importing a published report (above all a PDF) is pure-Python work of 0.1–1 s per file. In
worker processes the reports are read on every core at once, and the program's own process,
whose GUI thread shares Python's interpreter lock with the reading thread, stays free: the
审阅 window does not stall while the folder is read. Workers are started with "spawn" (a
fork of a process running Qt threads is not safe; Windows has no fork), so each needs about
a second to start; few files are read faster in this process (app.review decides).

A worker that dies (killed, or a crash in a library) breaks the pool: the files it had not
returned are then read in this process, one by one.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from app.draft import EXTENSION

MAX_WORKERS = 4  # 2 cores on the county office's PC is common; more than 4 gain little


def lower_priority() -> None:
    """In each worker: yield the processor to the program's own window (nice 10 on Linux,
    below-normal priority class on Windows)."""
    try:
        if hasattr(os, "nice"):
            os.nice(10)
        elif os.name == "nt":
            import ctypes

            below_normal = 0x00004000
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
    except OSError:
        pass  # reading at normal priority is still reading


def worker_count() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def read_in_pool(paths: list[Path], progress, cancelled, on_row) -> tuple[list, bool]:
    """Rows in the order of `paths` (those read before a cancel), and whether it was cancelled."""
    from app.review import PUBLISHED, ReviewRow, read_report_file

    rows: dict[int, ReviewRow] = {}
    total = len(paths)

    def done(i: int, row: ReviewRow) -> None:
        rows[i] = row
        if on_row is not None:
            on_row(row)
        if progress is not None:
            progress(len(rows), total, row.path.name)

    pool = ProcessPoolExecutor(max_workers=worker_count(), mp_context=multiprocessing.get_context("spawn"))
    pending: dict[Future, int] = {}
    broken: list[int] = []  # read in this process after all: the pool could not read them
    try:
        for i, path in enumerate(paths):
            if path.suffix.lower() != EXTENSION:
                try:
                    pending[pool.submit(read_report_file, path)] = i
                except (
                    BrokenProcessPool,
                    OSError,
                    RuntimeError,
                ):  # no worker could be started
                    broken.append(i)
        if progress is not None:
            progress(0, total, paths[0].name if paths else "")
        for i, path in enumerate(paths):  # drafts take a millisecond: read here meanwhile
            if cancelled():
                return _in_order(rows), True
            if path.suffix.lower() == EXTENSION:
                done(i, read_report_file(path))
        while pending:
            if cancelled():
                return _in_order(rows), True
            finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                i = pending.pop(future)
                try:
                    done(i, future.result())
                except BrokenProcessPool:
                    broken.append(i)
                except Exception as exc:  # the row says why; the review goes on
                    done(
                        i,
                        ReviewRow(
                            paths[i],
                            PUBLISHED,
                            problem=f"“{paths[i].name}”无法读取（{type(exc).__name__}）。",
                        ),
                    )
        for i in sorted(broken):
            if cancelled():
                return _in_order(rows), True
            done(i, read_report_file(paths[i]))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return _in_order(rows), False


def _in_order(rows: dict) -> list:
    return [rows[i] for i in sorted(rows)]

"""Time `nianbao summary` over many drafts (goal: hundreds of drafts in a few seconds).

    python -m bench.summary [COUNT]

Writes COUNT drafts (default 300) with figures and text into a temporary folder,
then runs the summary with a CSV, in-process and as the command a clerk runs.
"""

from __future__ import annotations

import contextlib
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.cli import main as cli_main
from app.draft import save_draft
from app.report import new_report


def make_drafts(folder: Path, count: int) -> None:
    rng = random.Random(7)
    for i in range(count):
        report = new_report(f"第{i}镇人民政府", 2023)
        for key in report.format.input_keys:
            if report.format.cells[key].kind == "count" and rng.random() < 0.2:
                report.set_value(key, rng.randint(0, 30))
        for sub in report.s1:
            sub.body = "本年度共发布信息120条，其中政策文件20条、工作动态100条。收到政府信息公开申请3件。" * 5
        report.s5 = "存在的主要问题是公开内容不够丰富，下一步将加强培训，完善制度。" * 3
        save_draft(report, folder / f"{i:03d}.nianbao")


def main(count: int = 300) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        make_drafts(folder, count)
        print(f"写入{count}份草稿：{time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            status = cli_main(["summary", str(folder), "--csv", str(folder / "汇总.csv")])
        print(f"汇总（进程内）：{time.perf_counter() - start:.2f} s，退出码{status}")
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "app", "summary", str(folder / "*.nianbao"), "--csv", str(folder / "汇总.csv")],
            capture_output=True,
            text=True,
        )
        print(f"汇总（命令行，含启动）：{time.perf_counter() - start:.2f} s，退出码{done.returncode}")
        print(f"汇总表：{(folder / '汇总.csv').stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)

"""Export speed: the whole `nianbao export` process against LibreOffice and against `nianbao check`.

    python -m bench.export [--rounds 3]        (from the repository root)

Goals (issue 14): the whole export process (DOCX + PDF) takes at most half as long as
LibreOffice converting the same DOCX to PDF (`soffice --headless --convert-to pdf`); a
DOCX-only export process at most twice a `nianbao check` process of the same draft.

Drafts: the five published samples (imported with `app.importer`, as a clerk would) and
a report with long text (sample 001's narrative ten times over). Each round runs, per
draft: LibreOffice, export DOCX+PDF, export DOCX only, check — each as a new process,
wall time — and the ratios are taken within the round, so a machine that is busy for a
moment slows both sides alike. Printed: the median ratio per draft over the rounds, and
everything again with a CPU-bound neighbour process running (`--no-busy` skips that).
Also printed: the first export after installation (empty font cache) and the PDF size.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.draft import save_draft  # noqa: E402
from app.report import Report, Subsection  # noqa: E402


def _drafts(folder: Path) -> dict[str, Path]:
    """The samples as drafts, and the long report."""
    from app.importer.core import import_file
    from tests.conftest import SAMPLES
    from tests.export_reports import report_2021

    drafts: dict[str, Path] = {}
    for sample in sorted(SAMPLES.glob("*.txt")):  # tests/samples: the five published reports
        path = folder / f"sample-{sample.name[:3]}.nianbao"
        save_draft(import_file(sample).report, path)
        drafts[f"sample {sample.name[:3]}"] = path
    drafts["long text"] = folder / "long.nianbao"
    save_draft(_long_report(report_2021()), drafts["long text"])
    return drafts


def _long_report(report: Report) -> Report:
    report.s1 = [Subsection(s.title, "\n".join([s.body] * 10)) for s in report.s1]
    report.s5 = "\n".join([report.s5] * 10)
    report.s6 = "\n".join([report.s6] * 5)
    return report


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time of one process and everything it started (LibreOffice's
    soffice runs soffice.bin): user + system time of the reaped descendants."""
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=300)
    took = time.perf_counter() - t0
    if done.returncode not in (0, 1):  # check exits 1 when the draft has errors
        output = (done.stdout + done.stderr).decode(errors="replace")
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{output}")
    return took, _children_cpu() - cpu0


class Runner:
    def __init__(self, work: Path, soffice: str | None):
        self.work = work
        self.soffice = soffice
        self.env = dict(os.environ, NIANBAO_DATA_DIR=str(work / "data"), PYTHONIOENCODING="utf-8")
        self.profile = (work / "lo-profile").as_uri()

    def nianbao(self, *args: str) -> tuple[float, float]:
        return _timed([sys.executable, "-m", "app", *args], self.env, ROOT)

    def export_both(self, draft: Path) -> tuple[float, float]:
        return self.nianbao(
            "export", str(draft), "--docx", str(self.work / "out.docx"), "--pdf", str(self.work / "out.pdf")
        )

    def export_docx(self, draft: Path) -> tuple[float, float]:
        return self.nianbao("export", str(draft), "--docx", str(self.work / "only.docx"))

    def check(self, draft: Path) -> tuple[float, float]:
        return self.nianbao("check", str(draft))

    def libreoffice(self, docx: Path) -> tuple[float, float]:
        assert self.soffice
        return _timed(
            [
                self.soffice,
                f"-env:UserInstallation={self.profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(self.work / "lo"),
                str(docx),
            ],
            self.env,
            self.work,
        )


def _round(runner: Runner, drafts: dict[str, Path]) -> dict[str, dict[str, float]]:
    out = {}
    for name, draft in drafts.items():
        both = runner.export_both(draft)
        lo = runner.libreoffice(runner.work / "out.docx") if runner.soffice else (float("nan"), float("nan"))
        docx = runner.export_docx(draft)
        check = runner.check(draft)
        figures = {"both": both, "lo": lo, "docx": docx, "check": check}
        out[name] = {k: v[0] for k, v in figures.items()} | {f"{k} cpu": v[1] for k, v in figures.items()}
    return out


def _busy_neighbour() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def measure(runner: Runner, drafts: dict[str, Path], rounds: int, label: str) -> None:
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in drafts}
    for _ in range(rounds):
        for name, figures in _round(runner, drafts).items():
            rows[name].append(figures)
    print(
        f"\n{label} (load average {os.getloadavg()[0]:.1f}) — medians of {rounds} rounds (ratios taken within each round)"
    )
    print(
        f"  {'draft':<12} {'export DOCX+PDF':>16} {'LibreOffice':>12} {'ratio':>6}   {'DOCX only':>10} {'check':>7} {'ratio':>6}"
    )
    all_lo, all_check = [], []
    for name, runs in rows.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        lo_ratio = statistics.median(r["both"] / r["lo"] for r in runs)
        check_ratio = statistics.median(r["docx"] / r["check"] for r in runs)
        all_lo += [r["both"] / r["lo"] for r in runs]
        all_check += [r["docx"] / r["check"] for r in runs]
        print(
            f"  {name:<12} {med['both']:>14.2f} s {med['lo']:>10.2f} s {lo_ratio:>6.2f}   "
            f"{med['docx']:>8.2f} s {med['check']:>5.2f} s {check_ratio:>6.2f}"
        )
    print(
        f"  all drafts: export/LibreOffice median {statistics.median(all_lo):.2f} (goal ≤ 0.5), "
        f"worst {max(all_lo):.2f}; DOCX export/check median {statistics.median(all_check):.2f} (goal ≤ 2), "
        f"worst {max(all_check):.2f}"
    )
    runs = [r for rs in rows.values() for r in rs]
    cpu_lo = statistics.median(r["both cpu"] / r["lo cpu"] for r in runs)
    cpu_check = statistics.median(r["docx cpu"] / r["check cpu"] for r in runs)
    print(
        f"  the same in CPU time (steadier on a shared machine): export/LibreOffice {cpu_lo:.2f}, "
        f"DOCX export/check {cpu_check:.2f}"
    )


def first_export(runner: Runner, draft: Path) -> None:
    """The first export after installation: no font cache yet (it is filled by this run)."""
    shutil.rmtree(runner.work / "data", ignore_errors=True)
    cold = runner.export_both(draft)[0]
    warm = statistics.median(runner.export_both(draft)[0] for _ in range(3))
    print(f"first export after installation (empty font cache): {cold:.2f} s; with the cache: {warm:.2f} s")
    pdf_kb = (runner.work / "out.pdf").stat().st_size / 1024
    print(f"PDF {pdf_kb:.0f} KB (goal ≤ 300 KB), DOCX {(runner.work / 'out.docx').stat().st_size / 1024:.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-busy", action="store_true", help="skip the run with a CPU-bound neighbour")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as folder:
        work = Path(folder)
        runner = Runner(work, soffice)
        drafts = _drafts(work)
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; drafts: {', '.join(drafts)}")
        first_export(runner, drafts["long text"])
        if soffice:
            runner.libreoffice(work / "out.docx")  # LibreOffice's first start sets up its profile: not timed
        else:
            print("LibreOffice not installed: only the ratio to check is meaningful")
        measure(runner, drafts, args.rounds, "no neighbour of ours")
        if not args.no_busy:
            neighbour = _busy_neighbour()
            try:
                measure(runner, drafts, args.rounds, "with a CPU-bound neighbour process")
            finally:
                neighbour.terminate()
                neighbour.wait()


if __name__ == "__main__":
    main()

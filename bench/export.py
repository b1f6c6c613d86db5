"""Export speed and size: DOCX + PDF of a typical report, in process.

    python -m bench.export            (from the repository root)

Prints the first call (imports and font registration included), the best of several
later calls (goal ≤ 0.3 s for DOCX+PDF), the PDF size (goal ≤ 300 KB) and, where
LibreOffice is installed, how long it takes to convert the same DOCX to PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.export_reports import report_2019, report_2021  # noqa: E402  (real sample text and numbers)


def main() -> None:
    from app.export import render_docx, render_pdf

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for name, make in (("2021 (sample 001)", report_2021), ("2019 (sample 002)", report_2019)):
            report = make()
            t0 = time.perf_counter()
            render_docx(report, out / "r.docx")
            result = render_pdf(report, out / "r.pdf")
            first = time.perf_counter() - t0
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                render_docx(report, out / "r.docx")
                render_pdf(report, out / "r.pdf")
                times.append(time.perf_counter() - t0)
            pdf_kb = (out / "r.pdf").stat().st_size / 1024
            docx_kb = (out / "r.docx").stat().st_size / 1024
            print(f"{name}: first DOCX+PDF {first:.3f} s; later best {min(times):.3f} s, "
                  f"median {sorted(times)[2]:.3f} s (goal ≤ 0.3 s)")
            print(f"    PDF {pdf_kb:.0f} KB, {result.pages} pages (goal ≤ 300 KB); DOCX {docx_kb:.0f} KB")
            print(f"    fonts: {', '.join(f'{k} → {v}' for k, v in result.fonts.items())}")

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            t0 = time.perf_counter()
            done = subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), str(out / "r.docx")],
                capture_output=True,
                timeout=180,
            )
            took = time.perf_counter() - t0
            status = "ok" if done.returncode == 0 and (out / "lo" / "r.pdf").exists() else f"failed ({done.returncode})"
            print(f"LibreOffice DOCX → PDF of the same report: {took:.2f} s ({status})")
        else:
            print("LibreOffice not installed: conversion not timed")


if __name__ == "__main__":
    main()

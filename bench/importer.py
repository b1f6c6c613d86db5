"""Prints how long importing each published sample takes, as text and as a Word file
(goal: well under a second), how fast and in how much memory a Word "zip bomb" is
refused (goal: ≤ 2 s, ≤ 300 MB peak), and how long a 7-page PDF report takes (goal: ≤ 1 s)."""

import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.importer import import_docx, import_file, import_text
from tests.conftest import REPO, SAMPLES
from tests.hostile import docx_with_padding
from tests.test_import_docx import sample_as_docx


def best(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=3)) / number


CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "text"


def short_line_report(size: int) -> str:
    """A report of about `size` bytes in the shape that was quadratic (issue 15): tables copied a
    cell per line (each cell a line starting with a tab), and between two cells of a table a long
    note wrapped at 3 characters a line, as narrow PDF columns leave text."""
    base = (CORPUS / "tabs_fullwidth.txt").read_text(encoding="utf-8")
    lines: list[str] = []
    for line in base.split("\n"):
        lines += ["\t" + cell for cell in line.split("\t")] + [""] if "\t" in line else [line]
    first_cell = lines.index(
        next(x for x in lines[lines.index("三、收到和处理政府信息公开申请情况") :] if x.startswith("\t"))
    )
    note = [t[i : i + 3] for t in base.split("\n") if len(t) > 40 and "\t" not in t for i in range(0, len(t), 3)]
    filler: list[str] = []
    total = len("\n".join(lines).encode())
    while total < size:
        for line in note:
            filler.append(line)
            total += len(line.encode()) + 1
    return "\n".join([*lines[: first_cell + 1], *filler, *lines[first_cell + 1 :]])


def short_lines():
    """Import time of short-line text at 40 KB and 4 MB: the time per KB stays about the same."""
    rates = []
    for size in (40_000, 4_000_000):
        text = short_line_report(size)
        seconds = best(lambda: import_text(text), 3 if size < 100_000 else 1)  # called at once
        kb = len(text.encode()) / 1000
        rates.append(seconds / kb)
        print(
            f"short-line text {kb:,.0f} KB ({text.count(chr(10)):,} lines): {seconds:.2f} s, {seconds / kb * 1e3:.2f} ms/KB"
        )
    print(f"time per KB, 4 MB against 40 KB: {rates[1] / rates[0]:.2f}× (linear: about 1)")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(SAMPLES.glob("*.txt")):
            name = path.name[:3]
            docx_path, _ = sample_as_docx(SAMPLES, Path(tmp), name)
            print(
                f"{path.name}: text {best(lambda: import_file(path), 10) * 1e3:.1f} ms, "
                f"docx {best(lambda: import_docx(docx_path), 10) * 1e3:.1f} ms"
            )


BOMB_UNPACKED = 256 << 20  # document.xml of 256 MB, as in issue 15

# Run in a fresh process so that its peak memory (ru_maxrss) is the refusal's own.
_REFUSE = """
import resource, sys, time
started = time.perf_counter()
from app.importer import NotAReport, import_file
try:
    import_file(sys.argv[1])
    outcome = "imported (not refused!)"
except NotAReport as exc:
    outcome = str(exc)
elapsed = time.perf_counter() - started
try:  # VmHWM belongs to this program; ru_maxrss would include the benchmark that forked it
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.2f}\t{peak:.0f}\t{outcome}")
"""


def zip_bomb(path: Path) -> None:
    """A real Word file whose document.xml is padded with 256 MB of spaces (a few hundred KB packed)."""
    path.write_bytes(docx_with_padding(BOMB_UNPACKED, compresslevel=9))


def zip_bomb_refusal() -> None:
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bomb.docx"
        zip_bomb(path)
        packed = path.stat().st_size // 1024
        line = subprocess.run(
            [sys.executable, "-c", _REFUSE, str(path)],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout.strip()
    seconds, peak_mb, message = line.split("\t", 2)
    print(
        f"zip bomb ({packed} KB packed, {BOMB_UNPACKED >> 20} MB unpacked): "
        f"refused in {seconds} s (goal ≤ 2 s), peak memory {peak_mb} MB (goal ≤ 300 MB)"
    )
    print(f"  message: {message}")


def pdf_report():
    """The corpus's 7-page reports (exporter and LibreOffice), read once cold (pdfplumber's
    first import included, as the GUI's first PDF import pays it) and then warm; the same
    report as a Word file is timed in the same run, so the ratio holds on a busy machine."""
    import pdfplumber

    from app.draft import load_draft
    from app.export import render_docx

    corpus = REPO / "tests" / "corpus" / "pdf"
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = Path(tmp) / "000.docx"
        render_docx(load_draft(corpus / "000.nianbao"), docx_path)
        docx_time = best(lambda: import_docx(docx_path), 5)
        for name in ("000-app.pdf", "000-lo.pdf"):
            path = corpus / name
            script = (
                "import sys, time; sys.path.insert(0, sys.argv[1]); t = time.perf_counter(); "
                "from app.importer import import_file; import_file(sys.argv[2]); print(time.perf_counter() - t)"
            )
            cold = subprocess.run(
                [sys.executable, "-c", script, str(REPO), str(path)], capture_output=True, text=True, check=True
            ).stdout
            warm = best(lambda path=path: import_file(path), 3)
            with pdfplumber.open(path) as pdf:
                pages = len(pdf.pages)
            print(
                f"{name} ({pages} pages): PDF {warm * 1e3:.0f} ms, {warm / docx_time:.1f}× the same report as "
                f"DOCX ({docx_time * 1e3:.0f} ms); first import in a fresh process {float(cold) * 1e3:.0f} ms "
                "(goal ≤ 1000 ms)"
            )


if __name__ == "__main__":
    main()
    zip_bomb_refusal()
    short_lines()
    pdf_report()

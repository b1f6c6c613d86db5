"""Run the FROZEN program on a sample draft and check what comes out.

This catches what only shows up after freezing: modules imported by name that were not
collected, resource files missing from the bundle, fonts that do not reach the PDF.

Used by build.py --smoke (and so by .ci/run through installer/ci_smoke.sh).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ORGAN = "甘坊镇人民政府"
YEAR = 2023


class SmokeFailure(Exception):
    pass


def _exe(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if sys.platform == "win32" else name)


_data_dir: Path | None = None  # the frozen program's data folder (font cache, settings) during the smoke run


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    # The frozen program must not lean on the source tree or a venv.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    if _data_dir is not None:  # not the build machine's own data folder
        env["NIANBAO_DATA_DIR"] = str(_data_dir)
    return env


def _run(cmd: list, cwd: Path, expect: set[int] = frozenset({0}), timeout: int = 120):
    started = time.monotonic()
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        timeout=timeout,
        encoding="utf-8",
        errors="replace",
    )
    took = time.monotonic() - started
    shown = " ".join(str(c) for c in cmd[1:])
    if proc.returncode not in expect or "Traceback" in proc.stderr:
        raise SmokeFailure(
            f"`{Path(cmd[0]).name} {shown}` exited {proc.returncode} "
            f"(expected {sorted(expect)}):\n{proc.stdout}\n{proc.stderr}"
        )
    print(f"  ok  {Path(cmd[0]).name} {shown}  ({took:.2f} s, exit {proc.returncode})")
    proc.took = took
    return proc


def export_times(cli: Path, draft: Path, work: Path) -> None:
    """The frozen program's export time (issue 14): the first export fills the font cache,
    later ones read it; a DOCX-only export against a check of the same draft."""
    both = ["export", draft, "--docx", work / "t.docx", "--pdf", work / "t.pdf"]
    later = sorted(_run([cli, *both], work).took for _ in range(3))[1]
    docx_only = sorted(_run([cli, "export", draft, "--docx", work / "t.docx"], work).took for _ in range(3))[1]
    check = sorted(_run([cli, "check", draft], work, expect={0, 1}).took for _ in range(3))[1]
    print(
        f"  export time of the frozen program: DOCX+PDF {later:.2f} s (median of 3, font cache filled); "
        f"DOCX only {docx_only:.2f} s = {docx_only / check:.1f}× a check ({check:.2f} s)"
    )


def fill_sample(path: Path) -> None:
    """Give the draft real content (numbers and Chinese prose) with the source tree's core,
    so the exports have tables and CJK text to typeset."""
    sys.path.insert(0, str(REPO))
    try:
        from app.draft import load_draft, save_draft
        from app.report import Subsection
        from app.values import parse_value
    finally:
        sys.path.remove(str(REPO))
    report = load_draft(path)
    for i, sub in enumerate(report.s1):
        sub.body = f"{YEAR}年，本镇坚持以公开为常态、不公开为例外，第{i + 1}项工作稳步推进，群众满意度持续提升。"
    if not report.s1:
        report.s1 = [Subsection("主动公开情况", "本镇通过政府网站主动公开政府信息。")]
    report.s5 = "一是公开内容不够全面；二是解读形式较为单一。下一步将加强培训，提高公开质量。"
    report.s6 = "本年度未收取信息处理费。本机关无其他需要报告的事项。"
    for n, key in enumerate(list(report.format.input_keys)[:12]):
        report.set_value(key, parse_value(str(n + 1), report.format.cells[key].kind))  # money cells hold Decimal
    save_draft(report, path)


def pdf_fonts(pdf_path: Path) -> dict[str, bool]:
    """Every font the PDF uses (pages and form XObjects) → whether its program is embedded."""
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}
    seen: set[int] = set()

    def embedded(font) -> bool:
        if font.get("/Subtype") == "/Type3":
            return True  # glyphs are drawn by the PDF itself
        if font.get("/Subtype") == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        desc = font.get("/FontDescriptor")
        if desc is None:
            return False  # one of the standard 14, left to the viewer
        desc = desc.get_object()
        return any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))

    def walk(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            fonts[str(font.get("/BaseFont"))] = embedded(font)
        for ref in (resources.get("/XObject") or {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form" and id(obj) not in seen:
                seen.add(id(obj))
                walk(obj.get("/Resources"))

    reader = PdfReader(str(pdf_path))
    if not reader.pages:
        raise SmokeFailure(f"{pdf_path.name} has no pages")
    for page in reader.pages:
        walk(page.get("/Resources"))
    return fonts


def check_docx(path: Path) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        raise SmokeFailure(f"no DOCX written at {path}")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    for needle in (ORGAN, "政府信息公开"):
        if needle not in body:
            raise SmokeFailure(f"{path.name}: word/document.xml does not contain “{needle}”")
    print(f"  ok  DOCX {path.stat().st_size // 1024} KB, contains the organ and the title")


def check_pdf(path: Path) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        raise SmokeFailure(f"no PDF written at {path}")
    if path.read_bytes()[:5] != b"%PDF-":
        raise SmokeFailure(f"{path.name} is not a PDF")
    from pypdf import PdfReader

    pages = len(PdfReader(str(path)).pages)
    fonts = pdf_fonts(path)
    if not fonts:
        raise SmokeFailure(f"{path.name} uses no fonts at all")
    missing = sorted(name for name, ok in fonts.items() if not ok)
    if missing:
        raise SmokeFailure(f"{path.name}: fonts not embedded: {', '.join(missing)}")
    print(
        f"  ok  PDF {path.stat().st_size // 1024} KB, {pages} pages, all {len(fonts)} fonts embedded: "
        + ", ".join(sorted(fonts))
    )


def check_pdf_import(cli: Path, pdf: Path, draft: Path, work: Path) -> None:
    """Import the PDF the frozen program just wrote, and one LibreOffice made (CID fonts,
    read through pdfminer's CMaps): pdfplumber and pdfminer's data must be in the bundle."""
    sys.path.insert(0, str(REPO))
    try:
        from app.draft import load_draft
    finally:
        sys.path.remove(str(REPO))
    corpus = REPO / "tests" / "corpus" / "pdf"
    for source, expected in ((pdf, draft), (corpus / "003-lo.pdf", corpus / "003.nianbao")):
        if not source.is_file():
            continue
        out = work / f"导入-{source.stem}.nianbao"
        _run([cli, "import", source, "-o", out, "--force"], work)
        got, want = load_draft(out), load_draft(expected)
        if (got.meta.organ, got.meta.year, got.cells) != (want.meta.organ, want.meta.year, want.cells):
            raise SmokeFailure(
                f"importing {source.name} gave {got.meta.organ} {got.meta.year} with "
                f"{len(got.cells)} numbers; expected {want.meta.organ} {want.meta.year} "
                f"with {len(want.cells)}"
            )
        print(f"  ok  import {source.name}: {len(got.cells)} numbers in their cells")


BENCH_ENV = "NIANBAO_BENCH_READY"  # ui/main.py: print "ready" and quit once the draft is shown


def check_gui_starts(bundle: Path, draft: Path, work: Path, timeout: float = 60.0) -> None:
    """Open the draft in the frozen GUI (offscreen) through both executables.

    ui/main.py prints "ready" and quits once the window shows the draft when BENCH_ENV is
    set; that proves the GUI's modules, Qt plugins and resources made it into the bundle.
    A GUI without that switch is only required to stay up for a few seconds."""
    ready_switch = BENCH_ENV in (REPO / "ui" / "main.py").read_text(encoding="utf-8")
    for name in ("nianbao-cli", "nianbao"):
        exe = _exe(bundle, name)
        env = dict(_env(), **{BENCH_ENV: "1"})
        started = time.monotonic()
        proc = subprocess.Popen(
            [str(exe), "gui", str(draft)], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            out, err = proc.communicate(timeout=timeout if ready_switch else 6)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                out, err = proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
            if ready_switch:
                raise SmokeFailure(
                    f"`{name} gui` did not report ready within {timeout:.0f} s:\n{err.decode('utf-8', 'replace')}"
                ) from None
            print(f"  ok  {name} gui {draft.name}  (still running after 6 s, stopped)")
            continue
        out_text, err_text = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
        if (
            proc.returncode != 0
            or "Traceback" in err_text
            or (ready_switch and name == "nianbao-cli" and "ready" not in out_text)
        ):
            raise SmokeFailure(f"`{name} gui {draft.name}` exited {proc.returncode}:\n{out_text}\n{err_text}")
        print(f"  ok  {name} gui {draft.name}  (window up with the draft, {time.monotonic() - started:.1f} s)")


def run_smoke(bundle: Path, keep: Path | None = None) -> None:
    cli = _exe(bundle, "nianbao-cli")
    if not cli.is_file():
        raise SmokeFailure(f"{cli} is missing; build first")
    print(f"smoke test of the frozen program in {bundle}")
    global _data_dir
    with tempfile.TemporaryDirectory(prefix="nianbao-smoke-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        _data_dir = work / "data"
        draft = work / "甘坊镇2023年报.nianbao"
        _run(
            [cli, "new", "--year", YEAR, "--organ", ORGAN, "--date", f"{YEAR + 1}-01-15", "-o", draft, "--force"], work
        )
        fill_sample(draft)

        out = _run([cli, "check", draft], work, expect={0, 1}).stdout
        if f"{ORGAN}{YEAR}年" not in out or "个错误" not in out:
            raise SmokeFailure(f"check printed no summary line for the draft:\n{out}")
        data = json.loads(_run([cli, "check", "--json", draft], work, expect={0, 1}).stdout)
        if not isinstance(data.get("findings"), list):
            raise SmokeFailure("check --json gave no findings list")

        # A file that is not there: one Chinese line, exit 2, no traceback.
        err = _run([cli, "check", work / "不存在.nianbao"], work, expect={2}).stderr.strip()
        if len(err.splitlines()) != 1 or not err.startswith("nianbao: "):
            raise SmokeFailure(f"a missing draft should give one line on stderr, got:\n{err}")

        docx, pdf = work / "年报.docx", work / "年报.pdf"
        first = _run([cli, "export", draft, "--docx", docx, "--pdf", pdf], work).took
        print(f"  export time of the frozen program: first DOCX+PDF {first:.2f} s (empty font cache)")
        check_docx(docx)
        check_pdf(pdf)
        check_pdf_import(cli, pdf, draft, work)

        # The county review of a folder with the draft and 4 copies each of the DOCX and the
        # PDF (read in worker processes: the frozen program must start them), a workbook
        # (openpyxl must be in the bundle) and the 审核意见 PDF.
        folder = work / "各乡镇"
        folder.mkdir(exist_ok=True)
        shutil.copy(draft, folder / draft.name)
        for i in range(4):
            shutil.copy(docx, folder / f"{i}.docx")
            shutil.copy(pdf, folder / f"{i}.pdf")
        xlsx, review_pdf = work / "审阅.xlsx", work / "审核意见.pdf"
        out = _run([cli, "review", folder, "--xlsx", xlsx, "--pdf", review_pdf], work, expect={0, 1}).stdout
        if not out.startswith("共9份报告") or "可读取9份" not in out or out.count(ORGAN) < 9:
            raise SmokeFailure(f"review did not read the draft, the 4 DOCX and the 4 PDF:\n{out}")
        if not xlsx.read_bytes().startswith(b"PK"):
            raise SmokeFailure("review wrote no workbook")
        check_pdf(review_pdf)
        print("  ok  review of 9 reports (DOCX and PDF read in worker processes), workbook and PDF")

        export_times(cli, draft, work)
        check_gui_starts(bundle, draft, work)
    print("smoke test passed")

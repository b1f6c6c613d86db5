"""Screenshots of the real program at 1366×768: the start page and every step.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [OUT_DIR]
    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py --scale 1.5 [--screen 1920x1080] [OUT_DIR]

Writes docs/screenshots/00-start.png, 01-基本信息.png … One example report is filled in
(with one deliberate imbalance in section 三 so the flags and findings show). With
--scale (Windows' 125 %/150 % display scaling, QT_SCALE_FACTOR) the window fills a screen
of --screen physical pixels (default 1366x768), the PNGs have that size, and they go to
OUT_DIR/缩放{percent}%-{screen}/ (start, 基本信息, 一, 三 and 三 scrolled; no dialogs).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-shots-"))

from app.report import Contact  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.main import make_app  # noqa: E402
from ui.window import MainWindow  # noqa: E402

SIZE = (1366, 768)
SCALED_STEPS = ("meta", "s1", "s3")  # scaled: the form, the longest text page and the big grid


def _palette(path: Path) -> None:
    """A scaled screenshot in 256 colours: a third of the size, the same to the eye."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main(out: Path, scale: float = 1.0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    steps_only = scale != 1.0
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    app.processEvents()
    sp = window.start_page
    sp.organ.setText("甘坊镇人民政府")
    sp.department.setText("甘坊镇党政办公室")
    sp.address.setText("甘坊镇人民路1号")
    sp.phone.setText("0791-1234567")
    sp.year.setValue(2023)
    written = []

    def shot(name: str) -> None:
        app.processEvents()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        if steps_only:
            _palette(path)
        written.append(path)

    shot("00-开始")
    request = sp.request()
    request.report_date = dt.date(2024, 1, 15)
    request.contact = Contact("甘坊镇党政办公室", "甘坊镇人民路1号", "0791-1234567", "")
    window.files.create_report(request)
    doc = window.document
    s1 = doc.report.s1
    s1[0].body = "2023年，甘坊镇通过政府网站、政务公开栏等渠道主动公开政府信息356条，其中财政预决算信息12条。"
    doc.set_text("s1", s1)
    doc.set_cells({"s3.new.natural": 3, "s3.open.natural": 2})
    doc.set_text("s5", "一是公开内容不够全面；二是更新不够及时。")
    for page in window.pages:
        page.refresh()
    window.resize(*SIZE)
    for index, page in enumerate(window.pages):
        if steps_only and window.steps[index] not in SCALED_STEPS:
            continue
        window.go_to_step(index)
        shot(f"{index + 1:02d}-{page.title.split('、', 1)[-1]}")
    # 三 scrolled to its last row: the heading rows and row labels stay (frozen)
    window.go_to_step(window.steps.index("s3"))
    tables = getattr(window.current_page(), "tables", None)
    if tables is not None:
        tables.focus_cell(tables.model.input_keys()[-1])
        shot("11-第三部分下部（表头固定）")
    if steps_only:
        window.has_report = False
        window.close()
        return written
    dialogs.choose = lambda *args, **kwargs: 0  # "仍要预览": the example has a deliberate error
    dialog = window.preview()
    deadline = time.monotonic() + 3  # QPdfView renders pages in the background
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    dialog.grab().save(str(out / "08-打印预览.png"))
    written.append(out / "08-打印预览.png")
    dialog.close()

    # 导入往年报告: what the import recognised and what the published report got wrong.
    from app.importer import import_file
    from ui.importing import ImportReportDialog

    sample = ROOT / "tests" / "samples" / "000_50aa6597b9c6048c.txt"
    report_dialog = ImportReportDialog(import_file(sample), sample.name, window)
    report_dialog.resize(900, 640)
    report_dialog.show()
    app.processEvents()
    report_dialog.grab().save(str(out / "09-导入往年报告.png"))
    written.append(out / "09-导入往年报告.png")
    report_dialog.close()
    # The same for a PDF (made by LibreOffice from a WPS-like document, its big table split
    # over pages with the heading rows repeated): tests/corpus/pdf/wps-split.pdf.
    pdf = ROOT / "tests" / "corpus" / "pdf" / "wps-split.pdf"
    pdf_dialog = ImportReportDialog(import_file(pdf), f"文件“{pdf.name}”", window)
    pdf_dialog.resize(900, 640)
    pdf_dialog.show()
    app.processEvents()
    pdf_dialog.grab().save(str(out / "10-导入PDF报告.png"))
    written.append(out / "10-导入PDF报告.png")
    pdf_dialog.close()
    helper = window.show_help()  # 帮助 › 使用说明 (F1)
    app.processEvents()
    helper.grab().save(str(out / "12-使用说明.png"))
    written.append(out / "12-使用说明.png")
    helper.close()
    window.has_report = False  # the example report is not kept: closing asks nothing
    window.close()
    return written


def _arguments(argv: list[str]) -> tuple[Path, float, tuple[int, int]]:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", type=float, default=1.0, help="display scaling, e.g. 1.25 or 1.5")
    parser.add_argument("--screen", default="1366x768", help="the screen in physical pixels")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.screen.lower().split("x"))
    out = args.out
    if args.scale != 1.0:
        out = out / f"缩放{round(args.scale * 100)}%-{width}x{height}"
    return out, args.scale, (width, height)


if __name__ == "__main__":
    target, factor, screen = _arguments(sys.argv[1:])
    if factor != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(factor)  # read when the QApplication is made
        SIZE = (round(screen[0] / factor), round(screen[1] / factor))  # logical pixels
    for p in main(target, factor):
        print(p)

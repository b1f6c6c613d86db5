"""Screenshots of the real program at 1366×768: the start page and every step.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [OUT_DIR]

Writes docs/screenshots/00-start.png, 01-基本信息.png … One example report is filled in
(with one deliberate imbalance in section 三 so the flags and findings show).
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


def main(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
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
        window.go_to_step(index)
        shot(f"{index + 1:02d}-{page.title.split('、', 1)[-1]}")
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
    window.has_report = False  # the example report is not kept: closing asks nothing
    window.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for p in main(target):
        print(p)

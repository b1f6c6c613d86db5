"""Screenshot of the 审阅多份报告 window (1366×768) and a page of the review PDF, from the real program.

    QT_QPA_PLATFORM=offscreen python docs/make_review_screenshots.py

Reads the county folders of the review tests (tests/review_folder.py: drafts, exporter-made
DOCX/HTML/PDF, corrupt files, a duplicate organ, another year, last year's folder) and writes
docs/screenshots/11-审阅多份报告.png and docs/images/review-page1.png … (needs pdftoppm).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-shots-"))

from app.review_pdf import write_review_pdf  # noqa: E402
from tests.review_folder import last_year_folder, this_year_folder  # noqa: E402
from ui.main import make_app  # noqa: E402
from ui.qt import QtCore  # noqa: E402
from ui.review import COLUMNS, ReviewWindow  # noqa: E402

SIZE = (1366, 768)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-review-"))
    this = this_year_folder(tmp / "各乡镇2023年报")
    last = last_year_folder(tmp / "各乡镇2022年报")
    app = make_app()
    window = ReviewWindow()
    window.resize(*SIZE)
    window.show()
    window.start(this, last)
    loop = QtCore.QEventLoop()
    window.worker.finished.connect(loop.quit)
    loop.exec()
    app.processEvents()
    files = [window.proxy.index(r, COLUMNS.index("文件")).data() for r in range(window.proxy.rowCount())]
    window.table.selectRow(files.index("轵城镇.nianbao"))
    app.processEvents()
    shot = ROOT / "docs" / "screenshots" / "11-审阅多份报告.png"
    window.grab().save(str(shot))
    print(f"wrote {shot}")
    pdf = tmp / "审核意见.pdf"
    pages = write_review_pdf(window.result, pdf)
    prefix = ROOT / "docs" / "images" / "review-page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(pdf), str(prefix)],
        check=True,
    )
    for png in sorted(prefix.parent.glob("review-page-*.png")):
        png.rename(png.with_name(png.name.replace("review-page-", "review-page")))
    print(f"wrote {pages} PDF pages, the first three as {prefix}N.png")
    window.close()


if __name__ == "__main__":
    main()

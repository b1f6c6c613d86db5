"""Prints how long importing each published sample takes, as text and as a Word file
(goal: well under a second, so the GUI can import without a progress dialog)."""

import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.importer import import_docx, import_file  # noqa: E402
from tests.conftest import SAMPLES  # noqa: E402
from tests.test_import_docx import sample_as_docx  # noqa: E402


def best(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=3)) / number


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(SAMPLES.glob("*.txt")):
            name = path.name[:3]
            docx_path, _ = sample_as_docx(SAMPLES, Path(tmp), name)
            print(f"{path.name}: text {best(lambda: import_file(path), 10) * 1e3:.1f} ms, "
                  f"docx {best(lambda: import_docx(docx_path), 10) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()

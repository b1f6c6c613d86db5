"""The repository stands alone: the specs and samples the tests use are inside it."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# a path into a shared/ folder beside the checkout: "../shared", / "shared" /, "shared/samples"
OUTSIDE = re.compile(r"""\.\./shared|["']shared["']|\bshared/(?:spec|samples|notes)""")


def test_no_code_or_test_looks_outside_the_repository():
    found = []
    for folder in ("app", "ui", "tests", "bench", "installer", "docs"):
        for path in (REPO / folder).rglob("*.py"):
            if path == Path(__file__).resolve():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if OUTSIDE.search(line):
                    found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == []


def test_the_specs_and_samples_are_here():
    assert {p.name for p in (REPO / "docs" / "spec").glob("*.md")} >= {
        "report-format.md",
        "draft-format.md",
        "print-layout.md",
    }
    assert len(list((REPO / "tests" / "samples").glob("*.txt"))) == 5

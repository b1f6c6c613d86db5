import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
# /work/main/../shared in the main checkout, /work/wt/<name>/../../shared in a worktree
SAMPLES = next(
    (p / "shared" / "samples" for p in (REPO.parent, REPO.parent.parent) if (p / "shared" / "samples").is_dir()),
    REPO.parent / "shared" / "samples",
)


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the shared samples are missing: {SAMPLES}")
    return SAMPLES

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Fixtures for driving the real window (make_window, answers, data_dir, no_network).
pytest_plugins = ["tests.ui_support"]

REPO = Path(__file__).resolve().parent.parent
# ../shared/samples next to the checkout; a git worktree under /work/wt/<name> finds it further up.
SAMPLES = next(
    (p / "shared" / "samples" for p in REPO.parents if (p / "shared" / "samples").is_dir()),
    REPO.parent / "shared" / "samples",
)


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the shared samples are missing: {SAMPLES}")
    return SAMPLES

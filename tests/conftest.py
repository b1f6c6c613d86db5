import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Fixtures for driving the real window (make_window, answers, data_dir, no_network).
pytest_plugins = ["tests.ui_support"]

REPO = Path(__file__).resolve().parent.parent
# Five real published reports, kept in the repository (tests/samples/*.txt).
SAMPLES = REPO / "tests" / "samples"


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the sample reports are missing: {SAMPLES}")
    return SAMPLES

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never the clerk's own data folder: exports fill a font cache there (app.export.font_cache).
os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-tests-"))

# Fixtures for driving the real window (make_window, answers, data_dir, no_network) and the
# county folders of the review tests (county_folders).
pytest_plugins = ["tests.ui_support", "tests.review_folder"]

REPO = Path(__file__).resolve().parent.parent
# Five real published reports, kept in the repository (tests/samples/*.txt).
SAMPLES = REPO / "tests" / "samples"


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the sample reports are missing: {SAMPLES}")
    return SAMPLES

"""Whatever is pasted, the import either gives a draft or says in one Chinese line why not."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from app.draft import dumps, loads
from app.importer import NotAReport, import_text
from tests.conftest import SAMPLES

LINES = [line for path in sorted(SAMPLES.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.integers(0, len(LINES) - 1), max_size=120),
    noise=st.lists(st.text(alphabet="\t|0123456789一二三、（）()总计其他 \n", max_size=12), max_size=10),
)
def test_mangled_reports_never_crash(picks, noise):
    text = "\n".join([LINES[i] for i in picks] + noise)
    try:
        result = import_text(text)
    except NotAReport as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert loads(dumps(result.report)).cells == result.report.cells  # always a valid draft
    for problem in result.problems:
        assert problem.where and problem.message


@settings(max_examples=30, deadline=None)
@given(drop=st.sets(st.integers(0, 600), max_size=40))
def test_a_sample_with_lines_missing_still_imports(drop):
    path = sorted(SAMPLES.glob("*.txt"))[len(drop) % 5]
    lines = path.read_text(encoding="utf-8").split("\n")
    text = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    try:
        import_text(text)
    except NotAReport:
        pass

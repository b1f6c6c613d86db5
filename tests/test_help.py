"""使用说明: every check the program can report is explained; the folders and advice are the program's."""

import re

from app.export.html import PASTE_ADVICE
from app.formats import all_formats
from app.help import RULE_HELP, format_rule_ids, help_html
from app.recovery import autosave_dir
from tests.conftest import REPO


def _rule_ids_in_code() -> set[str]:
    ids = set()
    for path in (REPO / "app").glob("*.py"):
        ids |= set(
            re.findall(r'Finding\(\s*(?:ERROR|WARNING|severity)\s*,\s*"([a-z0-9_.-]+)"', path.read_text("utf-8"))
        )
    return ids


def test_every_rule_has_its_meaning_and_fix():
    ids = format_rule_ids() | _rule_ids_in_code()
    assert len(_rule_ids_in_code()) >= 15
    assert ids <= set(RULE_HELP), sorted(ids - set(RULE_HELP))
    assert set(RULE_HELP) <= ids, sorted(set(RULE_HELP) - ids)  # no help for a rule that is gone
    for fmt in all_formats().values():
        for check in fmt.checks:
            assert RULE_HELP[check["id"]][0] == check.get("severity", "warning"), check["id"]


def test_the_help_names_the_steps_folders_and_the_paste_advice(monkeypatch, tmp_path):
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "数据"))
    html = help_html()
    assert str(autosave_dir()) in html and "数据" in html
    assert PASTE_ADVICE in html
    for _, meaning, fix in RULE_HELP.values():
        assert meaning in html and fix in html
    fmt = max(all_formats().values(), key=lambda f: f.id)
    for section in fmt.sections:
        assert section.heading in html

"""The cells code needs are named by role in the format definitions; no module of app/ spells them."""

import copy
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

from app.checks import check_report
from app.formats import all_formats, formats_dir, parse_format
from app.layout import HEADING2, build_layout
from app.report import Subsection, new_report

APP = Path(__file__).resolve().parent.parent / "app"
FORMAT_READER = APP / "formats.py"


def _string_literals(path: Path):
    with path.open("rb") as f:
        for token in tokenize.tokenize(f.readline):
            if token.type == tokenize.STRING:
                yield token.start[0], token.string


def _forbidden():
    fmts = all_formats().values()
    cell_keys = {k for f in fmts for k in f.cells}
    table_sections = {t.section for f in fmts for t in f.tables}
    format_ids = {f.id for f in fmts}
    # a cell key, or a template building one: "s3.new.total", f"s3.{row}.total"
    key_re = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(cell_keys, key=len, reverse=True))) + r")\b")
    template_re = re.compile(r"\b(?:" + "|".join(sorted(table_sections)) + r")\.\{")
    return key_re, template_re, format_ids


def test_no_module_outside_the_format_reader_spells_a_cell_key_or_a_format_id():
    key_re, template_re, format_ids = _forbidden()
    found = []
    for path in sorted([*APP.rglob("*.py"), *(APP.parent / "ui").rglob("*.py")]):
        if path == FORMAT_READER:
            continue
        for line, literal in _string_literals(path):
            body = literal.strip("rbfuRBFU").strip("\"'")
            if key_re.search(body) or template_re.search(body) or body in format_ids:
                found.append(f"{path.relative_to(APP.parent)}:{line}: {literal}")
        source = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\.table\(\s*[\"']", source):  # a table looked up by a spelled-out id
            found.append(f"{path.relative_to(APP.parent)}:{source[: m.start()].count(chr(10)) + 1}: {m.group(0)}")
    assert found == []


def test_the_grep_would_catch_a_spelled_key(tmp_path):
    key_re, template_re, format_ids = _forbidden()
    assert key_re.search('"s3.new.total"'.strip('"'))
    assert template_re.search("s4.{prefix}.total")
    assert "2021" in format_ids
    assert not key_re.search("s3.carry-over")  # rule ids are not cell keys


@pytest.mark.parametrize("fid", sorted(all_formats()))
def test_roles_resolve_to_cells(fid):
    fmt = all_formats()[fid]
    for role in ("new", "carried_in", "carried_out", "results"):
        assert fmt.application_key(role) in fmt.cells
    assert fmt.cells[fmt.application_key("carried_out")].row.short == "四"
    assert fmt.cells[fmt.review_total_key].computed
    # lawsuits = direct + after review, one total per route
    assert [fmt.cells[k].column.label[1] for k in fmt.lawsuit_total_keys] == ["未经复议直接起诉", "复议后起诉"]
    assert fmt.cells[fmt.roles.punishments].row.label[-1] == "行政处罚"


def test_in_force_role_only_where_the_format_prints_it():
    with_in_force = {f.id for f in all_formats().values() if f.roles.in_force}
    assert with_in_force == {f.id for f in all_formats().values() if any(k.endswith(".in_force") for k in f.cells)}


def test_a_role_naming_a_missing_row_fails_at_load():
    raw = json.loads((formats_dir() / "2021.json").read_text(encoding="utf-8"))
    bad = copy.deepcopy(raw)
    bad["roles"]["applications"]["carried_out"] = "carried_away"
    with pytest.raises(ValueError, match="role"):
        parse_format(bad)
    bad = copy.deepcopy(raw)
    bad["roles"]["punishments"] = "s2.nothing.decisions"
    with pytest.raises(ValueError, match="s2.nothing.decisions"):
        parse_format(bad)


def test_sub_section_numbering_is_the_printed_one_in_check_messages():
    """A typed number and a title that is only a number: the message names the sub-section
    as the paper prints it, （一）依申请公开情况, not （二）（二）依申请公开情况."""
    report = new_report("甘坊镇人民政府", 2023, "2021")
    report.s1 = [Subsection("（一）", ""), Subsection("（二）依申请公开情况", "本年度收到政府信息公开申请5件。")]
    headings = [b.text for b in build_layout(report).blocks if b.kind == HEADING2]
    assert headings == ["（一）依申请公开情况"]
    messages = [f.message for f in check_report(report) if f.rule == "text.applications"]
    assert len(messages) == 1
    assert messages[0].startswith("总体情况（一）依申请公开情况写")
    assert "（二）" not in messages[0]


def test_tokenizer_sees_f_strings():
    literals = [s for _, s in _string_literals_of('x = f"s3.{k}.total"\n')]
    assert literals == ['f"s3.{k}.total"']


def _string_literals_of(source: str):
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            yield token.start[0], token.string

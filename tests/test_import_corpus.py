"""The text-shape corpus (tests/corpus/text, made by make_corpus.py from the samples' narratives):
every report imports with every number in its cell, year, format, organ and date right, and no
note about the original that is not a real departure from the format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.cli import main
from app.draft import load_draft
from app.importer import (
    BY_POSITION,
    SLIP,
    TOTAL,
    UNPLACED,
    import_file,
    render_import_report,
)

CORPUS = Path(__file__).parent / "corpus" / "text"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_shape_imports_every_number_into_its_cell(name):
    spec = EXPECTED[name]
    result = import_file(CORPUS / name, year=2023 if spec["year"] is None else None)
    report = result.report
    # Every input cell of the source, compared one by one (a number in a wrong cell fails here).
    assert {k: str(v) for k, v in report.cells.items()} == spec["cells"]
    assert len(spec["cells"]) == len(report.format.input_keys)  # the corpus has no empty input cell
    assert report.template == spec["template"] and report.meta.organ == spec["organ"]
    assert report.meta.year == (spec["year"] or 2023)
    assert report.meta.report_date == (dt.date.fromisoformat(spec["date"]) if spec["date"] else None)
    notes = [p.line() for p in result.problems if p.kind in (SLIP, UNPLACED, TOTAL)]
    assert not notes, notes
    placed = [p for p in result.problems if p.kind == BY_POSITION]
    assert len(placed) == len(spec["by_position"])
    lines = render_import_report(result)
    assert ("原报告与格式不一致之处" in "\n".join(lines)) is False
    if placed:
        assert any("按在表中的位置识别的行" in line for line in lines)
        assert all("这一行没有行标签，按其在表中的位置识别为" in p.message for p in placed)


def test_the_saved_page_has_a_head_longer_than_20000_characters():
    page = (CORPUS / "saved_page_big_head.html").read_text(encoding="utf-8")
    assert page.index("</head>") > 20000  # issue 15 point 8: was refused as "not a report"


def test_a_report_without_a_year_says_so_and_the_command_asks_for_it(tmp_path, capsys):
    source = CORPUS / "no_year.md"
    result = import_file(source)
    assert result.year_unknown
    assert any("没有找到报告年度" in line for line in render_import_report(result))
    out = tmp_path / "draft.nianbao"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--year" in err and "没有找到报告年度" in err and not out.exists()
    assert main(["import", str(source), "-o", str(out), "--year", "2022"]) == 0
    assert load_draft(out).meta.year == 2022
    assert main(["import", str(source), "-o", str(out), "--force", "--year", "1800"]) == 2
    assert "--year 1800 无效" in capsys.readouterr().err


def test_a_year_given_overrides_the_report_and_is_said():
    result = import_file(CORPUS / "markdown_tables.md", year=2022)
    assert result.report.meta.year == 2022 and not result.year_unknown
    assert any("按指定；原报告为2023年" in line for line in result.recognised)

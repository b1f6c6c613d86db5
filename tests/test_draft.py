import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from app import atomic
from app.atomic import SaveError, backup_path
from app.draft import DraftError, dumps, load_draft, report_to_dict, save_draft
from app.report import new_report
from tests.conftest import REPO
from tests.sample_reports import sample_001, sample_002
from tests.strategies import balanced_reports


@given(balanced_reports())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_save_load_round_trips_every_report(tmp_path, report):
    path = tmp_path / "d.nianbao"
    save_draft(report, path, overwrite_foreign=True)
    loaded = load_draft(path)
    assert loaded == report
    assert loaded.values() == report.values()
    assert report_to_dict(loaded) == report_to_dict(report)


def test_file_layout_matches_draft_format(tmp_path):
    path = tmp_path / "d.nianbao"
    save_draft(sample_002(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "nianbao-draft" and data["version"] == 1 and data["template"] == "2019"
    assert data["meta"]["report_date"] == "2021-01-25" and data["meta"]["title"] is None
    assert data["cells"]["s2.procurement.amount"] == "2406.2243"  # money as an exact string
    assert data["cells"]["s2.procurement.projects"] == 12
    assert data["cells"]["s2.license.delta"] == 7
    assert "九皋镇人民政府" in path.read_text(encoding="utf-8")  # readable UTF-8, not \u escapes


def _valid() -> dict:
    return json.loads(dumps(sample_001()))


def _corrupt(change):
    data = _valid()
    change(data)
    return json.dumps(data, ensure_ascii=False)


REFUSED = {
    "truncated": (lambda: dumps(sample_001())[:300], "不完整或已损坏"),
    "not json": (lambda: "这不是草稿", "不完整或已损坏"),
    "empty": (lambda: "", "空的"),
    "a list": (lambda: "[1, 2]", "不是年报助手草稿"),
    "other json": (lambda: '{"name": "x"}', "nianbao-draft"),
    "newer version": (lambda: _corrupt(lambda d: d.update(version=2)), "较新版本"),
    "unknown template": (lambda: _corrupt(lambda d: d.update(template="2030")), "2030"),
    "unknown top key": (lambda: _corrupt(lambda d: d.update(extra=1)), "extra"),
    "unknown meta key": (lambda: _corrupt(lambda d: d["meta"].update(mayor="x")), "mayor"),
    "unknown cell": (lambda: _corrupt(lambda d: d["cells"].update({"s9.x.y": 1})), "s9.x.y"),
    "negative count": (lambda: _corrupt(lambda d: d["cells"].update({"s3.new.natural": -1})), "s3.new.natural"),
    "count as string": (lambda: _corrupt(lambda d: d["cells"].update({"s3.new.natural": "6"})), "s3.new.natural"),
    "count as float": (lambda: _corrupt(lambda d: d["cells"].update({"s3.new.natural": 6.0})), "s3.new.natural"),
    "count as bool": (lambda: _corrupt(lambda d: d["cells"].update({"s3.new.natural": True})), "s3.new.natural"),
    "money five decimals": (
        lambda: _corrupt(lambda d: d["cells"].update({"s2.fee.amount": "0.12345"})),
        "s2.fee.amount",
    ),
    "money as number": (lambda: _corrupt(lambda d: d["cells"].update({"s2.fee.amount": 0.5})), "s2.fee.amount"),
    "year as string": (lambda: _corrupt(lambda d: d["meta"].update(year="2023")), "year"),
    "bad date": (lambda: _corrupt(lambda d: d["meta"].update(report_date="2024-02-30")), "2024-02-30"),
    "text wrong kind": (lambda: _corrupt(lambda d: d["text"].update(s5=["x"])), "s5"),
    "2021 key in 2019 draft": (
        lambda: _corrupt(lambda d: (d.update(template="2019"), d["cells"].update({"s3.other_other.natural": 1}))),
        "s3.other_other.natural",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_invalid_drafts_are_refused_and_never_overwritten(tmp_path, case):
    make, expected = REFUSED[case]
    path = tmp_path / "bad.nianbao"
    path.write_text(make(), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DraftError, match=expected) as info:
        load_draft(path)
    assert "bad.nianbao" in str(info.value)
    with pytest.raises(SaveError):
        save_draft(sample_001(), path)
    assert path.read_bytes() == before
    assert not backup_path(path).exists()


def test_bom_and_absent_cells_are_accepted(tmp_path):
    path = tmp_path / "d.nianbao"
    data = _valid()
    data["cells"] = {"s3.new.total": 6, "s3.new.natural": 6}  # a stored total is recomputed, not trusted
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode())
    report = load_draft(path)
    assert report.value("s3.open.natural") == 0
    assert report.value("s3.new.total") == 6


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "gbk.nianbao"
    path.write_bytes("草稿".encode("gb18030") + b"\xff")
    with pytest.raises(DraftError, match="UTF-8"):
        load_draft(path)
    with pytest.raises(DraftError, match="找不到"):
        load_draft(tmp_path / "none.nianbao")


def test_save_keeps_previous_version_as_backup(tmp_path):
    path = tmp_path / "d.nianbao"
    first, second = sample_001(), sample_001()
    second.set_value("s3.new.natural", 7)
    save_draft(first, path)
    save_draft(second, path)
    assert load_draft(path).value("s3.new.natural") == 7
    assert load_draft(backup_path(path)).value("s3.new.natural") == 6


def _fail(*_args, **_kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["write", "fsync", "backup", "replace"])
def test_interrupted_save_leaves_the_old_draft_intact(tmp_path, monkeypatch, step):
    path = tmp_path / "d.nianbao"
    save_draft(sample_001(), path)
    before = path.read_bytes()
    changed = sample_001()
    changed.set_value("s3.new.natural", 99)
    if step == "write":
        monkeypatch.setattr(atomic.os, "fdopen", _fail)
    elif step == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", _fail)
    elif step == "backup":
        monkeypatch.setattr(atomic, "backup_path", lambda p: tmp_path / "no-such-dir" / "x.bak")
    elif step == "replace":
        monkeypatch.setattr(atomic.os, "replace", _fail)
    with pytest.raises(SaveError) as info:
        save_draft(changed, path)
    assert "原文件未改动" in str(info.value)
    assert path.read_bytes() == before
    assert load_draft(path).meta.organ == "轵城镇人民政府"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_folder_sync_failure_after_the_rename_is_not_a_failed_save(tmp_path, monkeypatch):
    path = tmp_path / "d.nianbao"
    save_draft(sample_001(), path)
    before = path.read_bytes()
    monkeypatch.setattr(atomic, "_fsync_dir", _fail)
    save_draft(sample_002(), path)
    assert load_draft(path).template == "2019"
    assert backup_path(path).read_bytes() == before


def test_process_killed_mid_save_leaves_old_draft(tmp_path):
    path = tmp_path / "d.nianbao"
    save_draft(sample_001(), path)
    before = path.read_bytes()
    code = (
        "import os, sys\n"
        "from app import atomic\n"
        "from app.draft import save_draft\n"
        "from tests.sample_reports import sample_002\n"
        "atomic.os.replace = lambda *a: os._exit(9)  # the power goes off before the rename\n"
        f"save_draft(sample_002(), {str(path)!r}, overwrite_foreign=True)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO)
    assert result.returncode == 9
    assert path.read_bytes() == before


def test_money_is_exact_through_a_file(tmp_path):
    report = new_report("九皋镇人民政府", 2020, "2019")
    report.set_value("s2.procurement.amount", Decimal("0.1"))
    path = tmp_path / "d.nianbao"
    save_draft(report, path)
    assert load_draft(path).value("s2.procurement.amount") == Decimal("0.1")


def test_lone_surrogate_in_text_does_not_break_saving(tmp_path):
    report = sample_001()
    report.s5 = "问题\ud800整改"
    path = tmp_path / "d.nianbao"
    save_draft(report, path)
    assert load_draft(path).s5.startswith("问题")
    assert os.path.getsize(path) > 0

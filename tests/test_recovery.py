"""app.recovery: autosave files, session markers, orphans of dead processes."""

import json
import os
import subprocess
import sys

from app import recovery
from app.draft import dumps, loads
from app.report import new_report


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_data_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(tmp_path / "d"))
    assert recovery.data_dir() == tmp_path / "d"
    assert recovery.autosave_dir() == tmp_path / "d" / "autosave"
    assert recovery.settings_path().parent == tmp_path / "d"


def test_default_data_dir_uses_platformdirs_without_author(monkeypatch):
    monkeypatch.delenv(recovery.DATA_DIR_ENV, raising=False)
    path = recovery.data_dir()
    assert path.name == "nianbao" and path.parent.name != "nianbao"


def test_pid_alive():
    assert recovery.pid_alive(os.getpid())
    assert not recovery.pid_alive(_dead_pid())
    assert not recovery.pid_alive(0)


def test_session_write_creates_copy_and_marker_and_discard_removes(tmp_path):
    session = recovery.Session(tmp_path)
    assert not session.marker_path.exists()
    report = new_report("甘坊镇人民政府", 2023)
    report.s5 = "自动保存的内容"
    session.set_original(tmp_path / "草稿.nianbao")
    session.write(dumps(report), title=report.title)
    assert loads(session.autosave_path.read_text(encoding="utf-8")).s5 == "自动保存的内容"
    marker = json.loads(session.marker_path.read_text(encoding="utf-8"))
    assert marker["pid"] == os.getpid()
    assert marker["original"] == str(tmp_path / "草稿.nianbao")
    assert marker["title"] == report.title
    # the own, running session is never an orphan
    assert recovery.find_orphans(tmp_path) == []
    session.discard()
    assert list(tmp_path.iterdir()) == []


def test_orphan_of_dead_process_found_with_times_and_removed(tmp_path):
    original = tmp_path / "a.nianbao"
    original.write_text("x", encoding="utf-8")
    session = recovery.Session(tmp_path / "auto", pid=_dead_pid())
    session.set_original(original)
    session.write(dumps(new_report("某镇人民政府", 2023)), title="某镇")
    orphans = recovery.find_orphans(tmp_path / "auto")
    assert len(orphans) == 1
    orphan = orphans[0]
    assert orphan.autosave == session.autosave_path
    assert orphan.original == original
    assert orphan.saved is not None and orphan.original_saved is not None
    assert orphan.title == "某镇"
    orphan.remove()
    assert recovery.find_orphans(tmp_path / "auto") == []
    assert list((tmp_path / "auto").iterdir()) == []


def test_live_other_process_is_not_an_orphan(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        session = recovery.Session(tmp_path, pid=proc.pid)
        session.write(dumps(new_report("某镇人民政府", 2023)))
        assert recovery.find_orphans(tmp_path) == []
    finally:
        proc.kill()
        proc.wait()
    assert len(recovery.find_orphans(tmp_path)) == 1


def test_broken_marker_and_marker_without_copy_are_cleaned(tmp_path):
    (tmp_path / "session-1-abc.json").write_text("{not json", encoding="utf-8")
    dead = _dead_pid()
    (tmp_path / f"session-{dead}-def.json").write_text(
        json.dumps({"pid": dead, "autosave": "def.nianbao"}), encoding="utf-8"
    )
    assert recovery.find_orphans(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_marker_cannot_point_outside_the_folder(tmp_path):
    outside = tmp_path / "precious.nianbao"
    outside.write_text("keep", encoding="utf-8")
    folder = tmp_path / "auto"
    folder.mkdir()
    dead = _dead_pid()
    (folder / f"session-{dead}-x.json").write_text(
        json.dumps({"pid": dead, "autosave": str(outside)}), encoding="utf-8"
    )
    for orphan in recovery.find_orphans(folder):
        orphan.remove()
    assert outside.read_text(encoding="utf-8") == "keep"


def test_missing_folder_has_no_orphans(tmp_path):
    assert recovery.find_orphans(tmp_path / "none") == []


def test_process_stamp_tells_processes_apart():
    own = recovery.process_stamp(os.getpid())
    assert own and own == recovery.process_stamp(os.getpid())
    assert recovery.process_stamp(_dead_pid()) is None


def _marker_of(session) -> dict:
    return json.loads(session.marker_path.read_text(encoding="utf-8"))


def _rewrite_marker(session, **changes) -> None:
    data = _marker_of(session)
    data.update(changes)
    session.marker_path.write_text(json.dumps(data), encoding="utf-8")


def test_a_reused_process_id_does_not_hide_the_orphan(tmp_path):
    """After a crash or a power cut another process may get the old id; the marker's start
    stamp shows it is not the program that wrote the autosave."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        session = recovery.Session(tmp_path, pid=other.pid)
        session.write(dumps(new_report("甘坊镇人民政府", 2023)), title="甘坊镇")
        assert _marker_of(session)["process"] == recovery.process_stamp(other.pid)
        assert recovery.find_orphans(tmp_path) == []  # that process is still running

        _rewrite_marker(session, process="an earlier process with the same id")
        assert [o.pid for o in recovery.find_orphans(tmp_path)] == [other.pid]

        old_style = _marker_of(session)  # a marker written before stamps existed
        del old_style["process"]
        session.marker_path.write_text(json.dumps(old_style), encoding="utf-8")
        assert recovery.find_orphans(tmp_path) == []  # trusted as before: the id is alive
    finally:
        other.kill()
        other.wait()


def test_a_crashed_session_with_this_programs_id_is_an_orphan(tmp_path):
    """The program may get the id its crashed predecessor had (after a reboot)."""
    session = recovery.Session(tmp_path)
    session.write(dumps(new_report("甘坊镇人民政府", 2023)), title="甘坊镇")
    assert recovery.find_orphans(tmp_path) == []  # this very session
    _rewrite_marker(session, process="before the power cut")
    assert [o.pid for o in recovery.find_orphans(tmp_path)] == [os.getpid()]

"""Recent drafts are remembered by the path the clerk used."""

import os

from ui.settings import Settings


def test_recent_draft_keeps_the_path_the_clerk_chose_not_its_link_target(tmp_path, monkeypatch):
    # A redirected Documents folder or a mapped network drive is a link of some kind; the
    # recent list must show the folder the clerk opened, not where it leads.
    real = tmp_path / "server-share"
    real.mkdir()
    linked = tmp_path / "我的文档"
    linked.symlink_to(real, target_is_directory=True)
    draft = linked / "甘坊镇2024.nianbao"
    draft.write_text("{}", encoding="utf-8")
    settings = Settings(tmp_path / "settings.ini")

    monkeypatch.chdir(tmp_path)
    settings.add_recent("我的文档/甘坊镇2024.nianbao")  # relative, as a command-line argument may be
    settings.add_recent(draft)  # the same draft again: one entry, moved to the top

    assert settings.recent_files() == [draft]
    assert Settings(tmp_path / "settings.ini").recent_files() == [draft]  # saved, read back
    assert os.path.realpath(draft) != str(draft)


def test_previous_year_choice_follows_the_same_path(tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    draft, previous = tmp_path / "2024.nianbao", tmp_path / "2023.nianbao"
    settings.set_previous_for(draft, previous)
    assert settings.previous_for(tmp_path / "." / "2024.nianbao") == previous
    settings.set_previous_for(draft, None)
    assert settings.previous_for(draft) is None


def test_reopening_the_last_draft_does_not_rewrite_the_settings_file(tmp_path):
    # Every write of settings.ini is a new file fsynced to disk (~20 ms): opening the draft that
    # is already first among the recent ones, or closing a window that was not moved, writes nothing.
    from ui.qt import QByteArray

    ini = tmp_path / "settings.ini"
    first, second = tmp_path / "a.nianbao", tmp_path / "b.nianbao"
    settings = Settings(ini)
    settings.add_recent(first)
    settings.set_geometry(QByteArray(b"geometry-1"))
    written = ini.stat().st_ino, ini.stat().st_mtime_ns

    settings.add_recent(first)
    settings.set_geometry(QByteArray(b"geometry-1"))
    assert (ini.stat().st_ino, ini.stat().st_mtime_ns) == written

    settings.add_recent(second)
    settings.set_geometry(QByteArray(b"geometry-2"))
    settings.add_recent(first)
    reread = Settings(ini)
    assert reread.recent_files() == [first, second]
    assert reread.geometry() == QByteArray(b"geometry-2")

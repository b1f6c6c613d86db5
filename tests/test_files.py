"""Hostile files and file systems (issue 15, points 3–7): pipes and devices, links, long names,
stale temporary files, read-only files, export targets, huge numbers, OS reasons in Chinese."""

import contextlib
import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from app import atomic
from app.atomic import SaveError, atomic_write, backup_path
from app.cli import main
from app.draft import DraftError, dumps, load_draft, save_draft
from app.errors import UserError, os_reason
from app.export import render_docx, render_pdf
from app.importer import NotAReport, import_file
from app.limits import MAX_DOCX_XML_PART, MAX_DRAFT_FILE, MAX_IMPORT_TEXT
from app.recovery import Session
from tests.hostile import docx_with_padding
from tests.sample_reports import sample_001

posix_only = pytest.mark.skipif(os.name == "nt", reason="pipes, device nodes and modes are POSIX")


@contextlib.contextmanager
def within(seconds: int):
    """Fail (instead of hanging the suite) when the block blocks longer than `seconds`: the
    alarm interrupts even a blocking open() of a pipe."""

    def expired(*_):
        raise TimeoutError(f"blocked for more than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def draft(tmp_path, name="甘坊镇.nianbao"):
    path = tmp_path / name
    save_draft(sample_001(), path)
    return path


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# ---- 4. pipes, devices, sizes -------------------------------------------------------------


@posix_only
@pytest.mark.parametrize(
    "command",
    [
        ["check", "{fifo}"],
        ["import", "{fifo}", "-o", "{out}"],
        ["export", "{fifo}", "--docx", "{out}.docx"],
        ["new", "--from", "{fifo}", "-o", "{out}"],
        ["summary", "{fifo}"],
    ],
)
def test_a_pipe_given_as_a_file_is_refused_at_once(tmp_path, capsys, command):
    fifo = tmp_path / "管道"
    os.mkfifo(fifo)
    argv = [a.format(fifo=fifo, out=tmp_path / "out") for a in command]
    with within(5):
        code, out, err = run(capsys, *argv)
    assert code in (1, 2)
    assert "不是普通文件" in err + out and "内部错误" not in err + out
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@posix_only
def test_a_device_is_refused_without_reading_it(capsys):
    with within(5):
        code, _, err = run(capsys, "check", "/dev/zero")
    assert code == 2 and "不是普通文件" in err


def test_a_draft_over_the_limit_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "大.nianbao"
    with open(path, "wb") as fh:
        fh.truncate(MAX_DRAFT_FILE + 1)  # sparse: no disk space used
    with pytest.raises(DraftError, match="太大.*10 MB以内"):
        load_draft(path)


def test_a_text_file_over_the_import_limit_is_refused(tmp_path):
    path = tmp_path / "大.txt"
    path.write_bytes(b"a" * (MAX_IMPORT_TEXT + 1))
    with pytest.raises(NotAReport, match="8 MB以内"):
        import_file(path)


def test_a_docx_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "炸弹.docx"
    path.write_bytes(docx_with_padding(MAX_DOCX_XML_PART + (4 << 20)))
    assert path.stat().st_size < 200_000
    started = time.perf_counter()
    with pytest.raises(NotAReport, match="解压后过大.*word/document.xml"):
        import_file(path)
    assert time.perf_counter() - started < 2


# ---- 5. export targets --------------------------------------------------------------------


def test_export_onto_the_draft_itself_is_refused_and_the_draft_kept(tmp_path, capsys):
    path = draft(tmp_path)
    before = path.read_bytes()
    code, _, err = run(capsys, "export", path, "--pdf", path)
    assert code == 2 and "就是草稿本身" in err
    assert path.read_bytes() == before and not backup_path(path).exists()


def test_export_through_a_link_to_the_draft_is_refused(tmp_path, capsys):
    path = draft(tmp_path)
    link = tmp_path / "链接.docx"
    link.symlink_to(path)
    before = path.read_bytes()
    code, _, err = run(capsys, "export", path, "--docx", link)
    assert code == 2 and "就是草稿本身" in err and path.read_bytes() == before


def test_two_formats_to_one_file_are_refused_before_writing_either(tmp_path, capsys):
    path = draft(tmp_path)
    out = tmp_path / "年报"
    code, _, err = run(capsys, "export", path, "--docx", out, "--pdf", out)
    assert code == 2 and "后一个会覆盖前一个" in err and not out.exists()


def test_import_or_new_onto_its_own_source_is_refused(tmp_path, capsys, monkeypatch):
    path = draft(tmp_path)
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "new", "--from", path.name, "-o", path, "--force")
    assert code == 2 and "同一个文件" in err
    code, _, err = run(capsys, "import", path, "-o", path.name, "--force")
    assert code == 2 and "同一个文件" in err
    assert path.read_bytes() == before and not backup_path(path).exists()


@posix_only
def test_a_pipe_as_export_target_stays_a_pipe(tmp_path, capsys):
    path = draft(tmp_path)
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    with within(20):
        code, _, err = run(capsys, "export", path, "--pdf", fifo)
    assert code == 2 and "不是普通文件" in err and stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_as_export_target_is_never_replaced(tmp_path, capsys):
    path = draft(tmp_path)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    code, _, err = run(capsys, "export", path, "--docx", null)
    assert code == 2 and "不是普通文件" in err and stat.S_ISCHR(os.stat(null).st_mode)


# ---- 6. links, long names, stale temporary files, read-only files ------------------------


def test_saving_through_a_link_updates_the_file_and_keeps_the_link(tmp_path):
    real_dir = tmp_path / "真实"
    real_dir.mkdir()
    real = draft(real_dir)
    link = tmp_path / "快捷.nianbao"
    link.symlink_to(real)
    report = load_draft(link)
    report.s5 = "链接保存后的文字。"
    save_draft(report, link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_draft(real).s5 == "链接保存后的文字。"
    assert backup_path(real).exists() and not backup_path(link).exists()


def test_a_255_byte_name_saves_twice_and_exports(tmp_path):
    stem = "甘" * 82  # 246 bytes; with ".nianbao" 254, ".docx" 251, ".pdf" 250
    path = tmp_path / f"{stem}.nianbao"
    assert len(path.name.encode()) == 254
    report = sample_001()
    save_draft(report, path)
    save_draft(report, path)  # the second save keeps a backup: its name is cut to fit
    assert load_draft(path).meta.organ == report.meta.organ
    assert len(backup_path(path).name.encode()) <= 255 and backup_path(path).exists()
    render_docx(report, tmp_path / f"{stem}.docx")
    render_pdf(report, tmp_path / f"{stem}.pdf")
    assert (tmp_path / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_stale_temporary_files_of_killed_saves_are_removed_and_nothing_else(tmp_path):
    pid = dead_pid()
    old = time.time() - 3600
    stale_new = tmp_path / f".nianbao-{pid}-0a1b2c3d.tmp"
    stale_old = tmp_path / f".甘坊镇.nianbao.{pid}.tmp"  # how earlier versions named them
    stale_bak = tmp_path / f".甘坊镇.nianbao.bak.{pid}.tmp"
    recent = tmp_path / f".nianbao-{pid}-11111111.tmp"  # may still be being written elsewhere
    running = tmp_path / f".nianbao-{os.getpid()}-22222222.tmp"
    clerks = [tmp_path / ".草稿.tmp", tmp_path / f".别的文件.docx.{pid}.tmp", tmp_path / f"nianbao-{pid}-33333333.tmp"]
    for path in (stale_new, stale_old, stale_bak, running, *clerks):
        path.write_bytes(b"x" * 100)
        os.utime(path, (old, old))
    recent.write_bytes(b"x")
    save_draft(sample_001(), tmp_path / "甘坊镇.nianbao")
    left = {p.name for p in tmp_path.iterdir()}
    assert not {stale_new.name, stale_old.name, stale_bak.name} & left
    assert {recent.name, running.name, *(c.name for c in clerks)} <= left


@posix_only
def test_a_read_only_draft_or_target_is_refused_on_the_command_line(tmp_path, capsys):
    path = draft(tmp_path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    code, _, err = run(capsys, "new", "--year", "2024", "--organ", "甘坊镇人民政府", "-o", path, "--force")
    assert code == 2 and "只读" in err
    target = tmp_path / "年报.docx"
    target.write_bytes(b"old")
    os.chmod(target, 0o444)
    code, _, err = run(capsys, "export", path, "--docx", target)
    assert code == 2 and "只读" in err
    assert path.read_bytes() == before and target.read_bytes() == b"old"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o444 and stat.S_IMODE(os.stat(target).st_mode) == 0o444


@posix_only
def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = draft(tmp_path)
    os.chmod(path, 0o600)
    save_draft(sample_001(), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


# ---- 3. lone surrogates -------------------------------------------------------------------


def test_a_draft_with_a_lone_surrogate_loads_clean_and_autosaves(tmp_path):
    data = json.loads(dumps(sample_001()))
    data["text"]["s5"] = "断开的字\ud800在这里"
    data["meta"]["organ"] = "甘坊镇\udc00人民政府"
    path = tmp_path / "坏字.nianbao"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")  # "\ud800" as an escape
    report = load_draft(path)
    assert report.s5 == "断开的字\ufffd在这里" and report.meta.organ == "甘坊镇\ufffd人民政府"
    session = Session(tmp_path / "autosave")
    session.write(dumps(report), title=report.title)
    assert load_draft(session.autosave_path).s5 == report.s5
    report.s6 = "又一个\udbff"  # even text that got past the entries does not stop the autosave
    session.write(dumps(report), title=report.title)
    assert load_draft(session.autosave_path).s6 == "又一个\ufffd"


def test_utf16_text_with_a_lone_surrogate_imports_or_is_refused_in_chinese(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes("\ufeff一、总体情况\n".encode("utf-16-le") + b"\x00\xd8" + "二、\n".encode("utf-16-le"))
    with pytest.raises(NotAReport):  # not a report, but never a UnicodeDecodeError
        import_file(path)


# ---- 7. messages --------------------------------------------------------------------------


def _draft_with(tmp_path, change) -> os.PathLike:
    data = json.loads(dumps(sample_001()))
    text = change(json.dumps(data, ensure_ascii=False))
    path = tmp_path / "数.nianbao"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_5000_digit_number_names_its_cell_in_a_short_line(tmp_path, capsys):
    path = _draft_with(tmp_path, lambda t: t.replace('"s3.new.natural": 6', '"s3.new.natural": ' + "9" * 5000))
    code, _, err = run(capsys, "check", path)
    assert code == 2 and "内部错误" not in err
    assert "s3.new.natural" in err and "位数过多" in err and len(err) < 400


def test_a_4000_digit_number_is_shortened_in_the_message(tmp_path):
    path = _draft_with(tmp_path, lambda t: t.replace('"s3.new.natural": 6', '"s3.new.natural": ' + "9" * 4000))
    with pytest.raises(DraftError) as info:
        load_draft(path)
    assert "s3.new.natural" in str(info.value) and len(str(info.value)) < 300


def test_a_huge_year_is_named(tmp_path):
    path = _draft_with(tmp_path, lambda t: t.replace('"year": 2023', '"year": ' + "2" * 5000))
    with pytest.raises(DraftError, match="报告年度“year”") as info:
        load_draft(path)
    assert len(str(info.value)) < 300


def test_summary_goes_on_past_a_draft_with_a_huge_number(tmp_path, capsys):
    bad = _draft_with(tmp_path, lambda t: t.replace('"s3.new.natural": 6', '"s3.new.natural": ' + "9" * 5000))
    good = draft(tmp_path, "好.nianbao")
    code, out, _ = run(capsys, "summary", bad, good)
    assert code == 1 and "无法读取" in out and "位数过多" in out and "可读取1份" in out


def test_a_template_written_as_a_number_is_explained(tmp_path):
    path = _draft_with(tmp_path, lambda t: t.replace('"template": "2021"', '"template": 2021'))
    with pytest.raises(DraftError) as info:
        load_draft(path)
    message = str(info.value)
    assert "应为文字" in message and "整数" in message and "无法识别" not in message


@pytest.mark.parametrize(
    "number, reason",
    [
        (errno.EACCES, "没有权限"),
        (errno.ENAMETOOLONG, "文件名太长"),
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EROFS, "只读"),
        (errno.ENOENT, "不存在"),
    ],
)
def test_os_reasons_are_said_in_chinese(number, reason):
    assert reason in os_reason(OSError(number, os.strerror(number)))


def test_an_unreadable_draft_gives_a_chinese_reason(tmp_path, capsys, monkeypatch):
    path = draft(tmp_path)

    def denied(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "open", denied)
    code, _, err = run(capsys, "check", path)
    assert code == 2 and "没有权限" in err and "Permission denied" not in err


def test_a_name_too_long_for_the_file_system_is_said_in_chinese(tmp_path, capsys):
    path = draft(tmp_path)
    target = tmp_path / ("长" * 90 + ".docx")  # 275 bytes
    code, _, err = run(capsys, "export", path, "--docx", target)
    assert code == 2 and "文件名太长" in err and "File name too long" not in err


def test_every_error_meant_for_the_clerk_is_a_user_error():
    from app.cli import CommandError
    from app.export.fonts import FontError
    from app.values import ValueProblem

    for error in (DraftError, SaveError, NotAReport, FontError, ValueProblem, CommandError):
        assert issubclass(error, UserError)


def test_atomic_write_refuses_a_folder(tmp_path):
    with pytest.raises(SaveError, match="文件夹"):
        atomic_write(tmp_path, b"x")

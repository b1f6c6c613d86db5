"""`nianbao export`: exit status and one-line messages, files really written."""

import os

import docx
import pypdf
import pytest

from app.cli import main
from app.draft import save_draft
from tests.export_reports import report_2021


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "年报.nianbao"
    report = report_2021()
    report.s5 = report.s5 + "\n生僻字\U0010fffd。"
    save_draft(report, path)
    return path


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("nianbao: ")
    return err


def test_exports_both_and_names_missing_characters(draft, tmp_path, capsys):
    docx_path, pdf_path = tmp_path / "out.docx", tmp_path / "out.pdf"
    assert main(["export", str(draft), "--docx", str(docx_path), "--pdf", str(pdf_path)]) == 0
    out = capsys.readouterr().out
    assert "已导出" in out and "U+10FFFD" in out and "第五部分" in out
    assert "轵城镇人民政府" in pypdf.PdfReader(str(pdf_path)).pages[0].extract_text()
    assert docx.Document(str(docx_path)).paragraphs[0].text.startswith("轵城镇人民政府")
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_neither_format_given(draft, capsys):
    assert main(["export", str(draft)]) == 2
    assert "--docx" in one_line_error(capsys)


def test_unreadable_draft(tmp_path, capsys):
    bad = tmp_path / "bad.nianbao"
    bad.write_text("{ not json", encoding="utf-8")
    assert main(["export", str(bad), "--pdf", str(tmp_path / "x.pdf")]) == 2
    one_line_error(capsys)
    assert main(["export", str(tmp_path / "absent.nianbao"), "--pdf", str(tmp_path / "x.pdf")]) == 2
    one_line_error(capsys)
    assert not (tmp_path / "x.pdf").exists()


def test_target_is_a_folder(draft, tmp_path, capsys):
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    assert main(["export", str(draft), "--pdf", str(folder)]) == 2
    assert "文件夹" in one_line_error(capsys)
    assert folder.is_dir() and not list(folder.iterdir())


def test_target_folder_missing(draft, tmp_path, capsys):
    assert main(["export", str(draft), "--docx", str(tmp_path / "no" / "such" / "out.docx")]) == 2
    one_line_error(capsys)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder(draft, tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert main(["export", str(draft), "--pdf", str(folder / "out.pdf")]) == 2
        one_line_error(capsys)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_existing_file_kept_whole_when_replace_fails(draft, tmp_path, capsys, monkeypatch):
    """A locked target (Windows: another program has it open) leaves the old file as it was."""
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old content")

    def locked(src, dst):
        raise PermissionError(13, "locked")

    monkeypatch.setattr(os, "replace", locked)
    assert main(["export", str(draft), "--pdf", str(target)]) == 2
    assert "占用" in one_line_error(capsys)
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([draft.name, "out.pdf"])

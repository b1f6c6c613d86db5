"""A real program process is killed mid-edit after its autosave; the next start restores the edits."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from app import recovery
from app.draft import load_draft, save_draft
from app.report import new_report
from tests.conftest import REPO

EDIT = {"cells": {"s3.new.natural": 5, "s3.open.natural": 5}, "s5": "进程被强行结束前输入的内容"}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_program_offers_its_autosave_on_next_start(make_window, answers, data_dir, tmp_path):
    draft = tmp_path / "年报.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), draft)
    before = draft.read_bytes()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        NIANBAO_DATA_DIR=str(data_dir),
        NIANBAO_AUTOSAVE_MS="100",
        NIANBAO_TEST_EDIT=json.dumps(EDIT, ensure_ascii=False),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "gui", str(draft)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        copies = []
        while time.monotonic() < deadline and proc.poll() is None:
            copies = list((data_dir / "autosave").glob("*.nianbao")) if (data_dir / "autosave").is_dir() else []
            if copies and list((data_dir / "autosave").glob("session-*.json")):
                try:
                    if load_draft(copies[0]).s5 == EDIT["s5"]:
                        break
                except Exception:
                    pass
            time.sleep(0.05)
        else:
            pytest.fail(f"no autosave appeared; program output: {proc.communicate(timeout=5)}")
        assert proc.poll() is None, "the program must still be running when it is killed"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)  # reaped: its PID is gone
    assert proc.returncode == -signal.SIGKILL
    assert draft.read_bytes() == before  # the autosave never touched the clerk's draft

    answers.choices = [0]  # 恢复
    window = make_window()
    assert "恢复上次未保存的内容" in answers.asked[0]
    assert "自动保存时间" in answers.asked[0] and "草稿文件保存时间" in answers.asked[0]
    report = window.document.report
    assert report.s5 == EDIT["s5"]
    assert report.value("s3.new.natural") == 5 and report.value("s3.open.natural") == 5
    assert window.document.path == draft
    assert window.isWindowModified()
    assert window.pages[window.steps.index("s5")].edit.toPlainText() == EDIT["s5"]
    assert recovery.find_orphans() == []

"""The exporters are readied in the background once the clerk is idle (issue 14), so the first
导出PDF/打印预览 does not wait for python-docx, reportlab and the fonts; an edit postpones it."""

import sys

import pypdf

from app.export import fonts
from tests.ui_support import create
from ui import output


def test_exporters_readied_after_an_idle_spell_then_export_uses_them(
    make_window, answers, qtbot, monkeypatch, tmp_path
):
    monkeypatch.setattr(output, "_warm_up", None)
    monkeypatch.setattr(fonts, "_registered", None)  # as in a fresh process: nothing loaded yet
    window = make_window()
    doc = create(window)
    timer = output.warm_up_when_idle(window, idle_ms=1000)
    qtbot.wait(50)
    doc.set_text("s5", "一是培训不足。")  # the clerk types: the warm-up waits for the next idle spell
    assert output._warm_up is None and timer.isActive() and timer.remainingTime() > 800
    qtbot.waitUntil(lambda: output._warm_up is not None, timeout=5000)
    output._warm_up.join(60)
    assert not output._warm_up.is_alive()
    assert fonts._registered is not None  # the PDF fonts are registered
    assert "app.export.docx_render" in sys.modules and "app.export.pdf_render" in sys.modules
    doc.set_text("s6", "本年度未收取信息处理费。")
    assert not timer.isActive()  # once is enough

    answers.paths = [tmp_path / "年报.pdf"]
    out = window.export("pdf")
    assert out == tmp_path / "年报.pdf"
    assert "一是培训不足。" in "".join(page.extract_text() for page in pypdf.PdfReader(str(out)).pages)

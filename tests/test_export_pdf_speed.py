"""The PDF export's shortcuts behave as what they replace: reportlab's URI pattern compiled
on first use, advance widths kept per font and size, streams without ASCII85."""

from __future__ import annotations

import re
import subprocess
import sys

import pypdf

from app.export import render_pdf
from app.export.platypus_import import URI_FLAGS, URI_PATTERN
from tests.conftest import REPO
from tests.export_reports import report_2021

URIS = [
    "https://www.gov.cn/zhengce/2021-01/01/content_1.htm",
    "http://127.0.0.1:8080/a?b=c#d",
    "ftp://user:pw@例子.中国/路径",
    "mailto:someone@example.com",
    "https://-bad-.com/",
    "no scheme at all",
    "HTTPS://EXAMPLE.COM",
    "https://localhost",
]


def test_reportlabs_uri_pattern_is_put_off_and_matches_as_compiled():
    # a fresh process: in this one another test may have imported reportlab.platypus first
    code = (
        "import app.export.pdf_render, reportlab.platypus.paragraph as p, re, json, sys;"
        "print(type(p.uri_pat).__name__);"
        f"print(json.dumps([p._uri_split_pairs(u) for u in {URIS!r}]))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    kind, pairs = out.stdout.splitlines()
    assert kind == "PatternCompiledOnUse"  # reportlab's pattern is still the one copied

    import json

    import reportlab.platypus.paragraph as p

    real = re.compile(URI_PATTERN, URI_FLAGS)
    assert (real.pattern, real.flags) == (p.uri_pat.pattern, p.uri_pat.flags)
    saved, p.uri_pat = p.uri_pat, real
    try:
        expected = [p._uri_split_pairs(u) for u in URIS]
    finally:
        p.uri_pat = saved
    assert json.loads(pairs) == json.loads(json.dumps(expected))
    assert any(expected) and not all(expected)


def test_kept_widths_are_reportlabs_and_streams_are_deflated_only(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.export import pdf_render
    from app.export.fonts import BODY, pdf_fonts

    path = tmp_path / "r.pdf"
    render_pdf(report_2021(), path)
    font = pdf_fonts().primary[BODY].pdf_name
    kept = pdf_render._advances(font, 16)
    assert kept  # filled by the export
    for ch, width in kept.items():
        assert width == stringWidth(ch, font, 16)
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        assert list(page["/Contents"].get_object()["/Filter"]) == ["/FlateDecode"]  # not [/ASCII85Decode /FlateDecode]
    assert "公开" in reader.pages[0].extract_text()

"""Every PDF page drawn with QtPdf: nothing but the page number outside the type area.

Qt is used here only to look at the output; app/ never imports it.
"""

import pytest
from PIL import Image

from app.export import render_pdf
from tests.export_reports import hostile_report, report_2019, report_2021

QtCore = pytest.importorskip("PySide6.QtCore")
QtGui = pytest.importorskip("PySide6.QtGui")
QtPdf = pytest.importorskip("PySide6.QtPdf")

DPI = 100
PX_PER_MM = DPI / 25.4
LEFT, RIGHT, TOP, BOTTOM = 28, 26, 37, 35  # mm
TOLERANCE = 1  # px: rules are centred on the type area's edge


def render_pages(path):
    doc = QtPdf.QPdfDocument()
    assert doc.load(str(path)) == QtPdf.QPdfDocument.Error.None_
    pages = []
    for i in range(doc.pageCount()):
        size = doc.pagePointSize(i)
        image = doc.render(i, QtCore.QSize(round(size.width() * DPI / 72), round(size.height() * DPI / 72)))
        image = image.convertToFormat(QtGui.QImage.Format.Format_RGBA8888)  # transparent background
        w, h, stride = image.width(), image.height(), image.bytesPerLine()
        data = bytes(image.constBits())[: stride * h]
        rgba = Image.frombytes("RGBA", (w, h), data, "raw", "RGBA", stride)
        white = Image.new("RGBA", (w, h), "white")
        pages.append(Image.alpha_composite(white, rgba).convert("L"))
    doc.close()
    return pages


def ink_box(image, box):
    """Bounding box (in page pixels) of dark pixels inside box, or None."""
    region = image.crop(box).point(lambda v: 255 if v < 200 else 0)
    found = region.getbbox()
    if found is None:
        return None
    return (found[0] + box[0], found[1] + box[1], found[2] + box[0], found[3] + box[1])


@pytest.mark.parametrize("make", [report_2021, report_2019, hostile_report], ids=["2021", "2019", "hostile"])
def test_only_the_page_number_outside_the_type_area(qapp, tmp_path, make):
    path = tmp_path / "r.pdf"
    result = render_pdf(make(), path)
    pages = render_pages(path)
    assert len(pages) == result.pages >= 4
    for number, page in enumerate(pages, 1):
        w, h = page.size
        left = round(LEFT * PX_PER_MM) - TOLERANCE
        right = round(w - RIGHT * PX_PER_MM) + TOLERANCE
        top = round(TOP * PX_PER_MM) - TOLERANCE
        bottom = round(h - BOTTOM * PX_PER_MM) + TOLERANCE
        assert ink_box(page, (0, 0, w, top)) is None, f"page {number}: ink above the type area"
        assert ink_box(page, (0, 0, left, bottom)) is None, f"page {number}: ink left of the type area"
        assert ink_box(page, (right, 0, w, bottom)) is None, f"page {number}: ink right of the type area"
        below = ink_box(page, (0, bottom, w, h))
        assert below is not None, f"page {number}: no page number"
        # the page number: its middle about 7 mm below the type area …
        middle_mm = ((below[1] + below[3]) / 2 - bottom) / PX_PER_MM
        assert 4 <= middle_mm <= 10, f"page {number}: page number {middle_mm:.1f} mm below the type area"
        # … odd pages at the right, even pages at the left, one character (14 pt ≈ 4.9 mm) in.
        if number % 2:
            gap_mm = (right - below[2]) / PX_PER_MM
        else:
            gap_mm = (below[0] - left) / PX_PER_MM
        assert 3.5 <= gap_mm <= 7, f"page {number}: page number {gap_mm:.1f} mm in from the edge"
        assert (below[2] - below[0]) / PX_PER_MM < 25  # just "— N —"


def test_body_text_is_justified(qapp, tmp_path):
    """Lines of a paragraph (all but its last) end at the right edge of the type area,
    even with half-width digits mixed in (reportlab alone leaves Chinese ragged)."""
    report = report_2021()
    report.s1 = report.s1[:1]
    report.intro = ""
    # no punctuation: its ink stops short of the glyph's box, which would blur the measure
    report.s1[0].body = "本年度共发布信息2320条其中通过微信公众平台发布625条通过政府网站发布1695条" * 5
    path = tmp_path / "r.pdf"
    render_pdf(report, path)
    page = render_pages(path)[0]
    w, h = page.size
    left, right = round(LEFT * PX_PER_MM), round(w - RIGHT * PX_PER_MM)
    top, bottom = round(TOP * PX_PER_MM), round(h - BOTTOM * PX_PER_MM)
    ink = page.crop((left, top, right, bottom)).point(lambda v: 255 if v < 200 else 0)
    h = ink.height
    rows = [ink.crop((0, y, ink.width, y + 1)).getbbox() is not None for y in range(h)]
    bands, start = [], None
    for y, on in enumerate(rows + [False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            bands.append((start, y))
            start = None
    ends = [ink.crop((0, a, ink.width, b)).getbbox()[2] for a, b in bands]
    # the paragraph: the run of lines ending at the edge before its short last line
    full = [e for e in ends if e >= ink.width - 30]
    assert len(full) >= 5
    assert max(full) - min(full) <= 3, ends

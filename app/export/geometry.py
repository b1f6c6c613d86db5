"""Page geometry and type sizes of print-layout.md (GB/T 9704-2012), shared by the DOCX
and PDF renderers so the two come out alike. Lengths in points unless named _MM."""

from __future__ import annotations

from app.export.fonts import BODY, HEADING1, HEADING2, PAGE_NUMBER, TABLE, TITLE
from app.layout import text_width_em

MM = 72 / 25.4

PAGE_W_MM, PAGE_H_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
TYPE_W_MM = PAGE_W_MM - LEFT_MM - RIGHT_MM  # 156
TYPE_H_MM = PAGE_H_MM - TOP_MM - BOTTOM_MM  # 225
TYPE_W_PT = TYPE_W_MM * MM

BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
TABLE_SIZE = 10.5  # 五号
PAGE_NUMBER_SIZE = 14.0  # 4号
BODY_LEADING = 28.9  # 22 lines in the 225 mm type area

SIZE = {
    TITLE: TITLE_SIZE,
    BODY: BODY_SIZE,
    HEADING1: BODY_SIZE,
    HEADING2: BODY_SIZE,
    TABLE: TABLE_SIZE,
    PAGE_NUMBER: PAGE_NUMBER_SIZE,
}
LEADING = {
    TITLE: 36.0,
    BODY: BODY_LEADING,
    HEADING1: BODY_LEADING,
    HEADING2: BODY_LEADING,
    TABLE: 13.0,
    PAGE_NUMBER: 16.0,
}
TITLE_SPACE_AFTER = BODY_LEADING  # one blank line below the title

# (left and right inner margins of table cells: app.layout.CELL_PAD_EM, per column)
CELL_PAD_Y = 1.5
RULE_WIDTH = 0.5  # table rules, points
RULE_EIGHTHS = 4  # the same in DOCX's eighths of a point

DATE_RIGHT_CHARS = 4  # the date stands four characters in from the right
PAGE_NUMBER_DROP_MM = 7  # the dashes 7 mm below the type area
# Word puts the footer's bottom this far above the page edge; a 14 pt line centred
# 7 mm below the type area then has its bottom at 35 − 7 − 2.5 mm.
FOOTER_DISTANCE_MM = BOTTOM_MM - PAGE_NUMBER_DROP_MM - 2.5


def signature_right_indent(organ: str, date: str) -> float:
    """Right indent (points) that centres the organ's name over the date."""
    date_centre = DATE_RIGHT_CHARS + text_width_em(date) / 2
    return max(0.0, (date_centre - text_width_em(organ) / 2) * BODY_SIZE)

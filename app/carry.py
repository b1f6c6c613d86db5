"""Starting this year's report from last year's draft."""

from __future__ import annotations

import copy

from app.formats import format_for_year, get_format
from app.report import Meta, Report, Subsection, default_intro


def report_from_previous(previous: Report, year: int | None = None, template: str | None = None) -> Report:
    """Organ, contact and 总体情况 titles carried over; carried_in set from last year's carried_out.

    Where both years use a format with 现行有效件数, this year's in_force starts at last
    year's figure (nothing issued or repealed yet), so the carry-over check holds until
    the clerk enters this year's changes.
    """
    year = year if year is not None else previous.meta.year + 1
    fmt = get_format(template) if template else format_for_year(year)
    meta = Meta(organ=previous.meta.organ, year=year, contact=copy.deepcopy(previous.meta.contact))
    titles = [s.title for s in previous.s1 if s.title.strip()]
    if not titles:  # an imported or emptied draft: fall back to the format's five areas
        titles = [d.title for d in fmt.section("s1").default_subsections]
    report = Report(
        template=fmt.id,
        meta=meta,
        intro=default_intro(fmt, meta),
        s1=[Subsection(t) for t in titles],
    )
    last = previous.values()
    for column in fmt.table("s3").columns:
        if column.sum_of:
            continue
        value = last.get(f"s3.carried_out.{column.key}", 0)
        if value:
            report.set_value(f"s3.carried_in.{column.key}", value)
    for key, cell in fmt.cells.items():
        if key.endswith(".in_force") and not cell.computed and last.get(key):
            report.set_value(key, last[key])
    return report

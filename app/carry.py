"""Starting this year's report from last year's draft."""

from __future__ import annotations

import copy

from app.formats import format_for_year, get_format
from app.report import Meta, Report, Subsection, default_intro


def report_from_previous(previous: Report, year: int | None = None, template: str | None = None) -> Report:
    """Organ, contact and 总体情况 titles carried over; carried_in set from last year's carried_out."""
    year = year if year is not None else previous.meta.year + 1
    fmt = get_format(template) if template else format_for_year(year)
    meta = Meta(organ=previous.meta.organ, year=year, contact=copy.deepcopy(previous.meta.contact))
    report = Report(
        template=fmt.id,
        meta=meta,
        intro=default_intro(fmt, meta),
        s1=[Subsection(s.title) for s in previous.s1],
    )
    last = previous.values()
    for column in fmt.table("s3").columns:
        if column.sum_of:
            continue
        value = last.get(f"s3.carried_out.{column.key}", 0)
        if value:
            report.set_value(f"s3.carried_in.{column.key}", value)
    return report

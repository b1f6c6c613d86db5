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
    last_fmt = previous.format
    last_columns = {c.key: c for c in last_fmt.applications_table.columns}
    for column in fmt.applications_table.columns:
        if column.sum_of or column.key not in last_columns:
            continue
        value = last.get(last_fmt.application_key("carried_out", last_columns[column.key]), 0)
        if value:
            report.set_value(fmt.application_key("carried_in", column), value)
    for row in fmt.roles.in_force:
        if last.get(row.in_force):
            report.set_value(row.in_force, last[row.in_force])
    return report

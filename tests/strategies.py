"""Hypothesis strategies for reports: random, balanced, with exact money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from app.formats import MONEY, SIGNED, get_format
from app.report import Contact, Meta, Report, Subsection, default_intro

counts = st.integers(min_value=0, max_value=500)
money = st.decimals(min_value=0, max_value=Decimal("99999999.9999"), places=4, allow_nan=False, allow_infinity=False)
texts = st.text(max_size=60)


@st.composite
def balanced_reports(draw, template: str | None = None) -> Report:
    fid = template or draw(st.sampled_from(["2021", "2019"]))
    fmt = get_format(fid)
    year = draw(st.integers(2019, 2030))
    organ = draw(st.sampled_from(["甘坊镇人民政府", "九皋镇人民政府", "城关街道办事处", "某县交通运输局"]))
    meta = Meta(
        organ=organ,
        year=year,
        report_date=dt.date(year + 1, 1, draw(st.integers(1, 31))),
        contact=Contact(draw(texts), draw(texts), draw(texts), draw(texts)),
    )
    report = Report(
        template=fid,
        meta=meta,
        intro=default_intro(fmt, meta),
        s1=[Subsection(draw(texts), draw(texts)) for _ in range(draw(st.integers(0, 6)))],
        s5=draw(texts),
        s6=draw(texts),
    )
    for key in fmt.input_keys:
        cell = fmt.cells[key]
        if key.startswith("s3.") and cell.row.key in ("new", "carried_in"):
            continue  # set below so that every column balances
        if cell.kind == MONEY:
            value = draw(money)
        elif cell.kind == SIGNED:
            value = draw(st.integers(-300, 300))
        else:
            value = draw(st.one_of(st.just(0), counts))
        report.set_value(key, value)
    s3 = fmt.table("s3")
    for column in s3.columns:
        if column.sum_of:
            continue
        out_side = report.value(f"s3.result_total.{column.key}") + report.value(f"s3.carried_out.{column.key}")
        carried_in = draw(st.integers(0, out_side))
        report.set_value(f"s3.carried_in.{column.key}", carried_in)
        report.set_value(f"s3.new.{column.key}", out_side - carried_in)
    return report

"""Follow-ups (回访时间) and customer lookups shared by the action list and the weekly agenda.

A customer's follow-up is the one planned on its latest visit record: a later visit either is the
follow-up or plans a new one, so earlier plans are settled by it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from kactl import lang
from kactl.report.logs import day_of, people_text, records
from kactl.report.model import Cell, Column, Fmt, Table, Value
from kactl.report.source import Source


def latest_visits(src: Source, as_of: dt.date) -> pd.DataFrame:
    """Return each customer's latest visit record on or before `as_of`."""
    visits = src.logs.visits
    if visits is None:
        return pd.DataFrame(columns=["number", "customer", "day", "people", "follow_up", "mode"])
    known = visits[visits["day"] <= as_of.toordinal()]
    return known.sort_values("day", kind="stable").drop_duplicates("customer", keep="last")


def follow_ups(src: Source, first: dt.date | None, last: dt.date,
               as_of: dt.date | None = None) -> pd.DataFrame:
    """Return the follow-ups due in [first, last] (no lower bound if None) that no visit up to
    `as_of` (default: `last`) has made or replaced."""
    latest = latest_visits(src, as_of or last)
    due = latest["follow_up"].to_numpy()
    low = first.toordinal() if first else 1
    chosen = latest[(due >= low) & (due <= last.toordinal())]
    return chosen.sort_values(["follow_up", "customer"], kind="stable")


def archive_lookup(src: Source) -> dict[str, dict[str, Any]]:
    """Return each archive customer's row by customer key (empty when there is no archive)."""
    return {row["customer"]: row for row in records(src.logs.archive)}


def grade_owner(lookup: dict[str, dict[str, Any]], customer: str) -> tuple[str, str]:
    """Return the archive's grade and 负责销售顾问 of a customer ('' for one it lacks)."""
    row = lookup.get(customer)
    return (row["grade"], row["owner"]) if row else ("", "")


def follow_up_table(src: Source, rows: pd.DataFrame, title: str, empty: str,
                    as_of: dt.date | None = None) -> Table:
    """Return follow-ups as a table; with `as_of`, how many days each is overdue."""
    lookup = archive_lookup(src)
    grid: list[list[Value | Cell]] = []
    for line in records(rows):
        due = day_of(line["follow_up"])
        late = (as_of - due).days if as_of and due else None
        grid.append([due, src.logs.name(line["customer"]), *grade_owner(lookup, line["customer"]),
                     day_of(line["day"]), people_text(line["people"]), line["mode"],
                     line["number"], *([late] if as_of else [])])
    columns = [Column(lang.pick("回访时间", "Follow-up due"), Fmt.DATE),
               Column(lang.pick("客户", "Customer")), Column(lang.pick("级别", "Grade")),
               Column(lang.pick("负责顾问", "Owner")),
               Column(lang.pick("上次走访", "Last visit"), Fmt.DATE),
               Column(lang.pick("走访人员", "Visitors")), Column(lang.pick("回访方式", "How")),
               Column(lang.pick("走访记录表编号", "Record number"))]
    if as_of:
        columns.append(Column(lang.pick("逾期天数", "Days overdue"), Fmt.INT))
    return Table(title, columns, grid, empty=empty)

"""The pipeline: the archive's demand by model, by expected purchase month and by grade.

A row's demand is the KPI library's (需求数量合计, else the sum of its model columns), so the
period month's line equals the scorecard's pipeline figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from kactl import lang
from kactl.kpi.periods import month_bounds, shift_months
from kactl.report.logs import records
from kactl.report.model import Cell, Chart, Column, Fmt, Section, Series, Table, Value
from kactl.report.source import Source
from kactl.schema import VOCABULARIES

MONTHS_AHEAD = 12
GRADES = VOCABULARIES["grade"].values
EARLIER, LATER, UNDATED = "\x00earlier", "\x02later", "\x03undated"


def build(src: Source) -> Section:
    section = Section(
        "pipeline", lang.pick("需求管道", "Pipeline"), lang.pick("需求", "Pipeline"),
        lang.pick("大客户档案表中的需求台数：按预计购车月份、车型和客户级别",
                  "Vehicles wanted in the archive, by expected purchase month, model and grade"),
    )
    archive = src.logs.archive
    if archive is None:
        section.notes.append(lang.pick("没有大客户档案表", "There is no archive sheet"))
        return section
    models = list(src.frames.models)
    keyed = archive.assign(bucket=buckets(archive["expected"], src),
                           grade=archive["grade"].where(archive["grade"].isin(GRADES), ""))
    months = _month_keys(src)
    by_month = _table(keyed, "bucket", [EARLIER, *months, LATER, UNDATED], models,
                      (lang.pick("按预计购车月份", "By expected purchase month"),
                       lang.pick("预计购车月份", "Expected month")), _bucket_label)
    by_grade = _table(keyed, "grade", [*GRADES, ""], models,
                      (lang.pick("按客户级别", "By grade"), lang.pick("级别", "Grade")),
                      _grade_label)
    order = [EARLIER, *months, LATER, UNDATED]
    section.blocks += [by_month, _month_chart(keyed, months), month_by_grade(keyed, order),
                       by_grade, _grade_chart(keyed, models)]
    return section


def month_by_grade(frame: pd.DataFrame, order: list[str]) -> Table:
    """Return demand by expected month down and grade across: when each grade means to buy."""
    grid = frame.pivot_table(index="bucket", columns="grade", values="demand", aggfunc="sum")
    grid = grid.reindex(index=order, columns=[*GRADES, ""]).fillna(0.0)
    rows: list[list[Value | Cell]] = [
        [_bucket_label(k), *(float(v) for v in line), float(line.sum())]
        for k, line in zip(order, grid.to_numpy(), strict=True)
    ]
    rows.append([lang.pick("合计", "Total"), *(float(v) for v in grid.sum()),
                 float(grid.to_numpy().sum())])
    columns = [Column(lang.pick("预计购车月份", "Expected month")),
               *(Column(_grade_label(g), Fmt.INT) for g in (*GRADES, "")),
               Column(lang.pick("需求合计", "Total demand"), Fmt.INT)]
    title = lang.pick("按预计购车月份和级别（需求台数）", "By expected month and grade (vehicles)")
    return Table(title, columns, rows, total=True)


def _month_keys(src: Source) -> list[str]:
    year, month = src.period.start.year, src.period.start.month
    return [f"{y:04d}-{m:02d}" for y, m in (shift_months(year, month, i)
                                           for i in range(MONTHS_AHEAD))]


def buckets(expected: pd.Series, src: Source) -> pd.Series:
    """Return each row's month bucket: YYYY-MM within the year ahead, earlier, later, undated."""
    first = month_bounds(src.period.start.year, src.period.start.month)[0].toordinal()
    last_month = shift_months(src.period.start.year, src.period.start.month, MONTHS_AHEAD - 1)
    last = month_bounds(*last_month)[1].toordinal()

    def bucket(day: int) -> str:
        if day <= 0:
            return UNDATED
        if day < first:
            return EARLIER
        if day > last:
            return LATER
        return f"{dt.date.fromordinal(day):%Y-%m}"

    return expected.map(bucket)


def _table(frame: pd.DataFrame, key: str, order: list[str], models: list[str],
           title: tuple[str, str], label: Callable[[str], str]) -> Table:
    """Return demand per model, total and customers with demand, one row per key value."""
    demand = frame[frame["demand"] > 0]
    sums = demand.groupby(key)[[*models, "demand"]].sum().reindex(order).fillna(0.0)
    sums["customers"] = demand.groupby(key).size().reindex(order).fillna(0)
    rows: list[list[Value | Cell]] = [
        [label(k), *(r[m] for m in (*models, "demand", "customers"))]
        for k, r in zip(order, records(sums), strict=True)
    ]
    rows.append([lang.pick("合计", "Total"),
                 *(float(sums[m].sum()) for m in (*models, "demand", "customers"))])
    columns = [Column(title[1]), *(Column(m, Fmt.INT) for m in models),
               Column(lang.pick("需求合计", "Total demand"), Fmt.INT),
               Column(lang.pick("客户数", "Customers"), Fmt.INT)]
    return Table(title[0], columns, rows, total=True)


def _bucket_label(key: str) -> str:
    words = {EARLIER: ("已过预计月份", "past its month"), LATER: ("一年以后", "after a year"),
             UNDATED: ("未填或无法识别", "blank or unreadable")}
    return lang.pick(*words[key]) if key in words else key


def _grade_label(key: str) -> str:
    return key or lang.pick("未填或不明", "blank or unknown")


def _month_chart(frame: pd.DataFrame, months: list[str]) -> Chart:
    sums = frame.groupby("bucket")["demand"].sum().reindex(months).fillna(0.0)
    return Chart("bar", lang.pick("未来一年各月需求台数", "Demand by expected month, a year ahead"),
                 months, [Series(lang.pick("需求台数", "vehicles"), list(sums))], Fmt.INT)


def _grade_chart(frame: pd.DataFrame, models: list[str]) -> Chart:
    sums = frame.groupby("grade")[models].sum().reindex(list(GRADES)).fillna(0.0)
    series = [Series(m, [float(v) for v in sums[m]]) for m in models]
    return Chart("grouped", lang.pick("各级别需求车型", "Models wanted by grade"),
                 [_grade_label(g) for g in GRADES], series, Fmt.INT)

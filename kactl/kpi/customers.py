"""Customers kept and served: churn, satisfaction, service-bay entries and their output value.

All four are attributed to the archive's 负责销售顾问 of the customer; a customer the archive
lacks still counts for the dealership.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kactl.kpi.definition import Context, Definition, by_owner, in_period, no_sheet, within
from kactl.kpi.measures import Measure, Selection, Source
from kactl.kpi.notes import Note
from kactl.kpi.periods import Period, month_bounds, shift_months


def churn_windows(period: Period) -> tuple[Period, Period]:
    """Return the base window (the 12 calendar months before the period's first month) and the
    activity window (the 12 calendar months ending with its last month)."""
    base_start = month_bounds(*shift_months(period.start.year, period.start.month, -12))[0]
    base_end = period.start.replace(day=1) - dt.timedelta(days=1)
    recent_start = month_bounds(*shift_months(period.end.year, period.end.month, -11))[0]
    recent_end = month_bounds(period.end.year, period.end.month)[1]
    return Period("base", base_start, base_end), Period("recent", recent_start, recent_end)


class _Activity:
    """Deliveries and service entries (in the archive or not), and the customers they name."""

    def __init__(self, ctx: Context) -> None:
        frames = ctx.frames
        logs = [f[["day", "customer"]] for f in (frames.deliveries, frames.service)
                if f is not None]
        activity = pd.concat(logs, ignore_index=True)
        codes, customers = pd.factorize(activity["customer"])
        self.days = activity["day"].to_numpy()
        self.codes = codes
        self.customers = by_owner(ctx, pd.DataFrame({"customer": np.asarray(customers)}))
        self.notes = _half_activity(ctx)

    def active(self, window: Period) -> np.ndarray:
        """Return, per customer, whether it has any activity in the window."""
        flags = np.zeros(len(self.customers.rows), dtype=bool)
        flags[self.codes[in_period(self.days, window)]] = True
        return flags


def _half_activity(ctx: Context) -> tuple[Note, ...]:
    """Return the note saying which half of the activity a workbook cannot show."""
    if ctx.frames.service is None:
        return (Note("没有“售后进场”工作表，维修进场不算作活动",
                     "no 售后进场 sheet, so service activity is not counted"),)
    if ctx.frames.deliveries is None:
        return (Note("没有“成交记录”工作表，成交不算作活动",
                     "no 成交记录 sheet, so deliveries are not counted as activity"),)
    return ()


def churn_rate(ctx: Context, period: Period) -> Selection | Note:
    """Select the base's customers, each flagged churned (1.0) or kept (0.0)."""
    if ctx.frames.deliveries is None and ctx.frames.service is None:
        return Note("没有“成交记录”也没有“售后进场”工作表", "no 成交记录 and no 售后进场 sheet")
    activity = ctx.once("activity", lambda: _Activity(ctx))
    base_window, recent_window = churn_windows(period)
    base = activity.active(base_window)
    churned = (~activity.active(recent_window)).astype(np.float64)
    empty = Note(
        f"基数为空：{base_window.start:%Y-%m} 至 {base_window.end:%Y-%m} 没有客户成交或进场",
        f"the base is empty: no customer bought or came in for service from "
        f"{base_window.start:%Y-%m} to {base_window.end:%Y-%m}",
    )
    return Selection(activity.customers, base, {"churned": churned},
                     notes=activity.notes, empty=empty)


def _logged(ctx: Context, kind: str, frame: pd.DataFrame | None) -> Source | Note:
    return no_sheet(kind) if frame is None else by_owner(ctx, frame)


def satisfaction(ctx: Context, period: Period) -> Selection | Note:
    """Select the survey answers with 调查日期 in the period."""
    frame = ctx.frames.satisfaction
    return within(ctx.once("satisfaction", lambda: _logged(ctx, "satisfaction", frame)),
                  period)


def service_entries(ctx: Context, period: Period) -> Selection | Note:
    """Select the service entries with 进场日期 in the period."""
    frame = ctx.frames.service
    return within(ctx.once("service", lambda: _logged(ctx, "service", frame)), period)


def service_revenue(ctx: Context, period: Period) -> Selection | Note:
    gap = ctx.frames.missing("service", "revenue") if ctx.frames.service is not None else None
    return gap or service_entries(ctx, period)


DEFINITIONS = (
    Definition("churn_rate", churn_rate, Measure("mean", "churned")),
    Definition("satisfaction", satisfaction, Measure("mean", "score")),
    Definition("service_entries", service_entries, Measure("count")),
    Definition("service_revenue", service_revenue, Measure("sum", "revenue")),
)

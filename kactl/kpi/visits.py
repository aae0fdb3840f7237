"""Visits and their forms: accounts visited, visits, preparation quality, report timeliness and
budget variance.

Visits are attributed to each person in 走访人员 (a pair's visit counts once for the dealership
and once for each of the two); the forms' quality KPIs to their 制表人.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from kactl.kpi.definition import Context, Definition, by_column, make_source, no_sheet, within
from kactl.kpi.measures import Measure, Selection, Source
from kactl.kpi.notes import Note
from kactl.kpi.periods import Period


def _visited(ctx: Context) -> Source | Note:
    visits, visitors = ctx.frames.visits, ctx.frames.visitors
    if visits is None or visitors is None:
        return no_sheet("visit_record")
    return make_source(ctx, visits, visitors.rename(columns={"fact": "row"}))


def visited(ctx: Context, period: Period) -> Selection | Note:
    """Select the visit records with 走访时间 in the period, with every visitor."""
    return within(ctx.once("visited", lambda: _visited(ctx)), period)


def _prepared(ctx: Context) -> Source | Note:
    preps = ctx.frames.preps
    if preps is None:
        return no_sheet("visit_prep")
    gap = ctx.frames.missing("visit_prep", "score")
    return gap or by_column(ctx, "visit_prep", preps, "author", "author")


def prep_quality(ctx: Context, period: Period) -> Selection | Note:
    """Select the scored preparations with 计划走访时间 in the period (good: 好 or 中)."""
    return within(ctx.once("prepared", lambda: _prepared(ctx)), period)


def _authored(ctx: Context, visits: pd.DataFrame) -> Source:
    """Return the visit records attributed to their 制表人, each flagged timely or not.

    A blank or unparseable 制表日期 (a negative ordinal) is late; one before the visit is
    timely (validate warns about it).
    """
    authored, day = visits["authored"].to_numpy(), visits["day"].to_numpy()
    timely = (authored >= 0) & (authored - day <= ctx.frames.config.timeliness_days)
    rows = visits.assign(timely=timely.astype(np.float64))
    return by_column(ctx, "visit_record", rows, "author", "author")


def _authored_column(ctx: Context, key: str) -> Source | Note:
    """Return the authored visit records, or why a KPI needing column `key` cannot use them."""
    visits = ctx.frames.visits
    if visits is None:
        return no_sheet("visit_record")
    gap = ctx.frames.missing("visit_record", key)
    return gap or ctx.once("authored", lambda: _authored(ctx, visits))


def record_timeliness(ctx: Context, period: Period) -> Selection | Note:
    """Select the period's visit records, timely when written within N days of the visit."""
    return within(_authored_column(ctx, "authored"), period)


def budget_variance(ctx: Context, period: Period) -> Selection | Note:
    """Select the period's visit records with an approved budget above zero."""
    selection = within(_authored_column(ctx, "approved_budget"), period)
    if isinstance(selection, Note):
        return selection
    budgeted = np.nan_to_num(selection.source.array("approved")) > 0
    return replace(selection, mask=selection.mask & budgeted,
                   empty=Note("本期没有预算审批费用大于 0 的走访记录",
                              "no visit record in the period has an approved budget"))


DEFINITIONS = (
    Definition("accounts_visited", visited, Measure("distinct", "customer")),
    Definition("visits", visited, Measure("count")),
    Definition("prep_quality", prep_quality, Measure("mean", "good")),
    Definition("record_timeliness", record_timeliness, Measure("mean", "timely")),
    Definition("budget_variance", budget_variance,
               Measure("ratio", "cost", "approved", offset=-1.0)),
)

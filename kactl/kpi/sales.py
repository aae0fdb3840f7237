"""Deliveries: new key-account volume and new key accounts.

Both are attributed to the delivery's 销售顾问 and, when a secondary outlet (二级网点) sold it,
to that outlet; the dealership's figure includes the outlets' deliveries.
"""

from __future__ import annotations

import pandas as pd

from kactl.kpi.definition import Context, Definition, by_column, no_sheet, within
from kactl.kpi.measures import Measure, Selection, Source
from kactl.kpi.notes import Note
from kactl.kpi.periods import Period


def _sold(ctx: Context, rows: pd.DataFrame) -> Source:
    outlet = "outlet" if ctx.frames.has("deliveries", "outlet") else None
    return by_column(ctx, "deliveries", rows, "consultant", "consultant", outlet=outlet)


def first_deliveries(deliveries: pd.DataFrame) -> pd.DataFrame:
    """Return each customer's first delivery line in the whole sheet.

    Lines of the same earliest day are taken in sheet order, so the first line written on that
    day decides the consultant and outlet the new account belongs to.
    """
    return deliveries.sort_values("day", kind="stable").drop_duplicates("customer")


def _deliveries(ctx: Context) -> Source | Note:
    deliveries = ctx.frames.deliveries
    return no_sheet("deliveries") if deliveries is None else _sold(ctx, deliveries)


def _firsts(ctx: Context) -> Source | Note:
    deliveries = ctx.frames.deliveries
    if deliveries is None:
        return no_sheet("deliveries")
    return _sold(ctx, first_deliveries(deliveries))


def new_volume(ctx: Context, period: Period) -> Selection | Note:
    """Select the delivery lines with 成交日期 in the period."""
    return within(ctx.once("deliveries", lambda: _deliveries(ctx)), period)


def new_accounts(ctx: Context, period: Period) -> Selection | Note:
    """Select the customers whose first delivery falls in the period."""
    return within(ctx.once("first_deliveries", lambda: _firsts(ctx)), period)


DEFINITIONS = (
    Definition("new_volume", new_volume, Measure("sum", "quantity")),
    Definition("new_accounts", new_accounts, Measure("distinct", "customer")),
)

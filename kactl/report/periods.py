"""The report's period: --month or --week, where `last` is the last complete one before today.

`last` lets a crontab line run the report without any date logic of its own. Standard library
only, like kactl.kpi.periods, so the CLI can check its arguments before loading pandas.
"""

from __future__ import annotations

import datetime as dt

from kactl.kpi.periods import Period, parse_period, shift_months

LAST = "last"


def last_month(today: dt.date) -> str:
    """Return the month before today's, as YYYY-MM."""
    year, month = shift_months(today.year, today.month, -1)
    return f"{year:04d}-{month:02d}"


def last_week(today: dt.date) -> str:
    """Return the last complete ISO week before today, as YYYY-Www (Monday to Sunday)."""
    monday = today - dt.timedelta(days=today.weekday() + 7)
    year, week, _ = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


def report_period(month: str | None, week: str | None, today: dt.date) -> Period:
    """Return the period named by --month or --week (exactly one), resolving `last`."""
    if month is not None and month.strip().lower() == LAST:
        month = last_month(today)
    if week is not None and week.strip().lower() == LAST:
        week = last_week(today)
    return parse_period(month=month, week=week)


def output_name(period: Period, suffix: str) -> str:
    """Return the stable file name of a report: a re-run replaces the same file."""
    return f"kactl-report-{period.label}.{suffix}"

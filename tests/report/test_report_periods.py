"""`--month last` and `--week last`: the last complete month or ISO week before today."""

from __future__ import annotations

import datetime as dt

import pytest

from kactl.errors import UsageError
from kactl.report.periods import last_month, last_week, output_name, report_period


@pytest.mark.parametrize(("today", "month"), [
    (dt.date(2008, 6, 1), "2008-05"),
    (dt.date(2008, 6, 30), "2008-05"),
    (dt.date(2008, 1, 15), "2007-12"),
])
def test_last_month(today: dt.date, month: str) -> None:
    assert last_month(today) == month


@pytest.mark.parametrize(("today", "week"), [
    (dt.date(2008, 5, 26), "2008-W21"),  # a Monday: last week ended yesterday
    (dt.date(2008, 6, 1), "2008-W21"),  # a Sunday: this week is not complete yet
    (dt.date(2009, 1, 1), "2008-W52"),
    (dt.date(2010, 1, 4), "2009-W53"),  # a year with 53 ISO weeks
])
def test_last_week(today: dt.date, week: str) -> None:
    assert last_week(today) == week


def test_report_period_resolves_last() -> None:
    today = dt.date(2008, 6, 15)
    assert report_period("last", None, today).label == "2008-05"
    assert report_period(None, "LAST", today).label == "2008-W23"
    assert report_period("2008-04", None, today).end == dt.date(2008, 4, 30)


@pytest.mark.parametrize(("month", "week"), [(None, None), ("2008-05", "2008-W21"),
                                             ("2008/5", None), (None, "2008-W60")])
def test_bad_periods_are_usage_errors(month: str | None, week: str | None) -> None:
    with pytest.raises(UsageError):
        report_period(month, week, dt.date(2008, 6, 15))


def test_output_names_are_stable() -> None:
    today = dt.date(2008, 6, 15)
    assert output_name(report_period("last", None, today), "html") == "kactl-report-2008-05.html"
    assert output_name(report_period(None, "2008-W21", today), "xlsx") == \
        "kactl-report-2008-W21.xlsx"

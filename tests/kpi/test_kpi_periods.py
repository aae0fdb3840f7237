"""Periods: months, quarters, years, year to date and ISO weeks, and the churn windows."""

from __future__ import annotations

import datetime as dt

import pytest

from kactl.errors import UsageError
from kactl.kpi.customers import churn_windows
from kactl.kpi.periods import parse_period


@pytest.mark.parametrize(("given", "label", "start", "end"), [
    ({"month": "2008-05"}, "2008-05", "2008-05-01", "2008-05-31"),
    ({"month": "2008-2"}, "2008-02", "2008-02-01", "2008-02-29"),
    ({"quarter": "2008Q2"}, "2008Q2", "2008-04-01", "2008-06-30"),
    ({"quarter": "2008-q4"}, "2008Q4", "2008-10-01", "2008-12-31"),
    ({"year": "2008"}, "2008", "2008-01-01", "2008-12-31"),
    ({"year": 2008}, "2008", "2008-01-01", "2008-12-31"),
    ({"week": "2008-W21"}, "2008-W21", "2008-05-19", "2008-05-25"),
    ({"week": "2008W01"}, "2008-W01", "2007-12-31", "2008-01-06"),
    ({"month": "2008-05", "ytd": True}, "2008-05-YTD", "2008-01-01", "2008-05-31"),
    ({"quarter": "2008Q3", "ytd": True}, "2008Q3-YTD", "2008-01-01", "2008-09-30"),
])
def test_periods_are_whole_calendar_days(given: dict[str, object], label: str, start: str,
                                         end: str) -> None:
    period = parse_period(**given)  # type: ignore[arg-type]
    assert period.to_dict() == {"label": label, "start": start, "end": end}


@pytest.mark.parametrize("given", [
    {}, {"month": "2008-05", "year": "2008"}, {"month": "2008-13"}, {"month": "May"},
    {"quarter": "2008Q5"}, {"week": "2008-W54"}, {"week": "2008-W53"}, {"year": "08"},
    {"year": "2008", "ytd": True}, {"week": "2008-W21", "ytd": True},
])
def test_bad_periods_are_usage_errors(given: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        parse_period(**given)  # type: ignore[arg-type]


def test_a_week_spanning_two_months_counts_its_days_in_each() -> None:
    week = parse_period(week="2008-W22")  # Mon 26 May .. Sun 1 June
    assert list(week.months()) == [(2008, 5), (2008, 6)]
    assert week.days_in(2008, 5) == 6
    assert week.days_in(2008, 6) == 1


def test_churn_windows_are_twelve_months_before_and_twelve_months_ending() -> None:
    base, recent = churn_windows(parse_period(month="2008-05"))
    assert (base.start, base.end) == (dt.date(2007, 5, 1), dt.date(2008, 4, 30))
    assert (recent.start, recent.end) == (dt.date(2007, 6, 1), dt.date(2008, 5, 31))


def test_churn_windows_of_a_quarter_and_of_a_week() -> None:
    base, recent = churn_windows(parse_period(quarter="2008Q2"))
    assert (base.start, base.end) == (dt.date(2007, 4, 1), dt.date(2008, 3, 31))
    assert (recent.start, recent.end) == (dt.date(2007, 7, 1), dt.date(2008, 6, 30))
    base, recent = churn_windows(parse_period(week="2008-W22"))
    assert (base.start, base.end) == (dt.date(2007, 5, 1), dt.date(2008, 4, 30))
    assert (recent.start, recent.end) == (dt.date(2007, 7, 1), dt.date(2008, 6, 30))

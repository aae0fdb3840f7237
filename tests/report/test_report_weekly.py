"""The weekly form (--week): the meeting's agenda for the sample's week 2008-W21."""

from __future__ import annotations

import datetime as dt

import pytest

from kactl.config import Config
from kactl.kpi.periods import Period
from kactl.kpi.scorecard import compute
from kactl.report.model import Report
from kactl.workbook import Workbook
from tests.report.helpers import MAY, WEEK, column, row, table

NEXT_MONDAY, NEXT_SUNDAY = dt.date(2008, 5, 26), dt.date(2008, 6, 1)


def _dealer(book: Workbook, period: Period) -> dict[str, dict[str, float]]:
    card = compute(book, Config(), period, "dealer")
    kpis: dict[str, dict[str, float]] = card["scopes"][0]["kpis"]
    return kpis


def test_sections_of_a_weekly_report(week_report: Report) -> None:
    assert [s.key for s in week_report.sections] == ["agenda", "scorecard", "actions", "quality"]
    assert week_report.title == "大用户部周例会 2008-W21"
    assert week_report.as_of == dt.date(2008, 5, 25)


def test_week_against_the_months_pace(week_report: Report, sample_book: Workbook) -> None:
    pace = table(week_report.section("agenda"), "本周与本月进度")
    week = _dealer(sample_book, WEEK)
    so_far = _dealer(sample_book, Period("so far", dt.date(2008, 5, 1), dt.date(2008, 5, 25)))
    month = _dealer(sample_book, MAY)
    for code, name in (("visits", "走访次数"), ("new_volume", "新增大用户销量")):
        line = row(pace, name)
        assert line["本周"] == week[code]["actual"]
        assert line["本月累计"] == so_far[code]["actual"]
        assert line["本月目标"] == month[code]["target"]
        assert line["按进度应达"] == pytest.approx(month[code]["target"] * 25 / 31, abs=1e-3)


def test_visits_planned_for_next_week(week_report: Report, sample_book: Workbook) -> None:
    planned = table(week_report.section("agenda"), "下周计划走访")
    prep = sample_book.all("visit_prep")[0]
    expected = sum(isinstance(d, dt.date) and NEXT_MONDAY <= d <= NEXT_SUNDAY
                   for d in prep.dates("date"))
    assert len(planned.rows) == expected > 0
    assert all(NEXT_MONDAY <= d <= NEXT_SUNDAY for d in column(planned, "计划走访时间"))
    reviews = column(planned, "总经理审核") + column(planned, "大用户经理审核")
    assert all(r for r in reviews)  # a blank review reads 待审核, never an empty cell


def test_follow_ups_falling_due(week_report: Report) -> None:
    due = table(week_report.section("agenda"), "下周到期的回访")
    dates = column(due, "回访时间")
    assert dates and dates == sorted(dates)
    assert all(NEXT_MONDAY <= d <= NEXT_SUNDAY for d in dates)
    assert all(last <= dt.date(2008, 5, 25) for last in column(due, "上次走访"))


def test_week_lists_its_visits_and_deliveries(week_report: Report,
                                              sample_book: Workbook) -> None:
    week = _dealer(sample_book, WEEK)
    agenda = week_report.section("agenda")
    assert len(table(agenda, "本周走访").rows) == week["visits"]["actual"]
    assert sum(column(table(agenda, "本周成交"), "数量")) == week["new_volume"]["actual"]

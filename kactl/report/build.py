"""Assemble a monthly or weekly report from one loaded workbook.

The workbook is normalised once (`kactl.kpi.scorecard.prepare`); the period's scorecard, one per
month of the year so far and, for a week, the month to date are all scored from it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from kactl import lang
from kactl.config import Config
from kactl.kpi import scorecard
from kactl.kpi.periods import Period, month_bounds, month_period
from kactl.report import logs
from kactl.report.model import Report, Section
from kactl.report.sections import (
    actions,
    agenda,
    channels,
    pipeline,
    quality,
    trend,
    visits,
)
from kactl.report.sections import scorecard as scorecard_section
from kactl.report.source import Card, Kind, Source, dealer, kpi_name, scope_word
from kactl.workbook import Workbook

log = logging.getLogger(__name__)

SectionFn = Callable[[Source], Section]
# A week is read at the weekly meeting: its agenda comes first, and the month-long views (trend,
# channels, pipeline, visit work) wait for the monthly report.
SECTIONS: dict[Kind, tuple[SectionFn, ...]] = {
    "month": (scorecard_section.build, trend.build, channels.build, pipeline.build,
              visits.build, actions.build, quality.build),
    "week": (agenda.build, scorecard_section.build, actions.build, quality.build),
}
SCOPES = ("dealer", "group", "consultant", "outlet")
TREND_SCOPES = ("dealer", "group")


def kind_of(period: Period) -> Kind:
    """Return whether a period is reported as a month or as a week (the weekly agenda)."""
    return "week" if "-W" in period.label else "month"  # parse_period labels weeks 2008-W21


def year_so_far(period: Period) -> list[Period]:
    """Return the months from January to the month the period ends in."""
    return [month_period(period.end.year, m) for m in range(1, period.end.month + 1)]


def month_to_date(period: Period) -> Period:
    first = month_bounds(period.end.year, period.end.month)[0]
    return Period(f"{first:%Y-%m}-to-{period.end:%d}", first, period.end)


def source(book: Workbook, config: Config, period: Period) -> Source:
    """Return the inputs of the report: prepared frames, its own columns and the scorecards."""
    prepared = scorecard.prepare(book, config)
    kind = kind_of(period)
    card = scorecard.card(prepared, period, SCOPES)
    months = [(m, scorecard.card(prepared, m, TREND_SCOPES)) for m in year_so_far(period)]
    pace = scorecard.card(prepared, month_to_date(period), ("dealer",)) if kind == "week" else None
    return Source(book, prepared, logs.read(book, prepared), period, kind, card, months, pace)


def build(book: Workbook, config: Config, period: Period, *, sources: Sequence[Path] = (),
          stamp: str | None = None) -> Report:
    """Return the report of one period (a month, or an ISO week for the weekly meeting)."""
    src = source(book, config, period)
    sections = []
    for make in SECTIONS[src.kind]:
        sections.append(make(src))
        log.debug("report section %s built", sections[-1].key)
    return Report(
        title=title(src.kind, period), dealer=dealer(src.card)["name"], period=period,
        kind=src.kind, language=lang.current(), sections=sections,
        sources=[Path(p).name for p in sources], as_of=src.as_of, stamp=stamp,
        missing=missing(src.card),
    )


def title(kind: Kind, period: Period) -> str:
    if kind == "week":
        return lang.pick(f"大用户部周例会 {period.label}",
                         f"Key accounts: weekly meeting {period.label}")
    return lang.pick(f"大用户部月报 {period.label}", f"Key accounts: monthly report {period.label}")


def missing(card: Card) -> list[str]:
    """Return every KPI the scorecard could not compute, as 'scope name: KPI'."""
    return [f"{scope_word(kind)} {name}：{kpi_name(code)}" if kind != "dealer"
            else f"{scope_word(kind)}：{kpi_name(code)}"
            for kind, name, code in scorecard.gaps(card)]

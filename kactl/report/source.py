"""What every section reads: the workbook, its prepared KPI frames, the report's own columns and
the scorecards computed once for the report (the period's, and each month's of the year so far).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from kactl import lang
from kactl.config import Config
from kactl.kpi.frames import Frames
from kactl.kpi.periods import Period
from kactl.kpi.scorecard import Prepared
from kactl.report.logs import Logs
from kactl.report.model import Fmt
from kactl.schema import KPIS
from kactl.workbook import Workbook

Card = dict[str, Any]  # one scorecard, exactly as SPEC §7's JSON
Kind = Literal["month", "week"]


@dataclass(frozen=True)
class Source:
    """The inputs of one report."""

    book: Workbook
    prepared: Prepared
    logs: Logs
    period: Period
    kind: Kind
    card: Card  # the period's scorecard: dealer, groups, consultants, outlets
    months: list[tuple[Period, Card]]  # January to the period's month: dealer and groups
    pace: Card | None = None  # weekly only: the month from its first day to the week's end

    @property
    def config(self) -> Config:
        return self.prepared.config

    @property
    def frames(self) -> Frames:
        """Return the KPI library's normalised logs, built once by `prepare`."""
        return self.prepared.context.frames

    @property
    def as_of(self) -> dt.date:
        """Return the day the report's lists are drawn up at: the period's last day.

        Not today: a re-run of the same period on the same workbook gives the same report.
        """
        return self.period.end

    def in_period(self, ordinal: int) -> bool:
        return self.period.start.toordinal() <= ordinal <= self.period.end.toordinal()


def within(frame: pd.DataFrame, period: Period, column: str = "day") -> pd.DataFrame:
    """Return the rows whose day-ordinal column falls in the period."""
    day = frame[column].to_numpy()
    inside = (day >= period.start.toordinal()) & (day <= period.end.toordinal())
    chosen: pd.DataFrame = frame[inside]
    return chosen


def scopes(card: Card, kind: str) -> list[dict[str, Any]]:
    """Return the scorecard's scopes of one kind, in the scorecard's order."""
    return [s for s in card["scopes"] if s["scope"] == kind]


def dealer(card: Card) -> dict[str, Any]:
    return scopes(card, "dealer")[0]


def kpi_value(scope: dict[str, Any], code: str, key: str = "actual") -> Any:
    """Return one figure of a scope's KPI (actual, target, attainment or weight); None if absent."""
    kpi = scope["kpis"].get(code)
    return None if kpi is None else kpi.get(key)


def kpi_name(code: str) -> str:
    info = KPIS[code]
    return lang.pick(info.name, info.name_en)


def kpi_fmt(code: str) -> Fmt:
    """Return how a KPI's actual and target are shown: shares as percentages, yuan, counts."""
    if code == "satisfaction":
        return Fmt.NUMBER  # a 0-100 score, not a share
    if KPIS[code].rate:
        return Fmt.PERCENT
    if code == "service_revenue":
        return Fmt.MONEY
    return Fmt.NUMBER


def scope_word(kind: str) -> str:
    words = {"dealer": ("全店", "dealership"), "group": ("小组", "group"),
             "pair": ("工作小组", "pair"), "consultant": ("顾问", "consultant"),
             "outlet": ("二级网点", "outlet")}
    zh, en = words[kind]
    return lang.pick(zh, en)


def month_word(period: Period) -> str:
    """Return a month's short label: 5月 or May."""
    return lang.pick(f"{period.start.month}月", _MONTHS_EN[period.start.month - 1])


# Not strftime's %b: that follows the machine's locale, and the report must not.
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

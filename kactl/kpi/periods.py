"""The periods a scorecard covers: a month, a quarter, a year, year to date or an ISO week.

A period is a set of whole calendar days, first to last inclusive. This module uses only the
standard library, so the CLI can parse `--month` and friends without importing pandas.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kactl.errors import UsageError


@dataclass(frozen=True)
class Period:
    """Calendar days `start` to `end` inclusive, with the label the user wrote."""

    label: str
    start: dt.date
    end: dt.date

    def to_dict(self) -> dict[str, str]:
        """Return the period as SPEC §7's `period` object."""
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}

    def months(self) -> Iterator[tuple[int, int]]:
        """Yield (year, month) of every calendar month the period touches."""
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            yield year, month
            year, month = next_month(year, month)

    def days_in(self, year: int, month: int) -> int:
        """Return how many of the period's days fall in the given month."""
        first, last = month_bounds(year, month)
        return max(0, (min(last, self.end) - max(first, self.start)).days + 1)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Return the month `delta` calendar months after (or before, if negative) the given one."""
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def month_period(year: int, month: int) -> Period:
    first, last = month_bounds(year, month)
    return Period(f"{year:04d}-{month:02d}", first, last)


def year_months(year: int) -> list[Period]:
    """Return the twelve monthly periods of a year."""
    return [month_period(year, m) for m in range(1, 13)]


_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER = re.compile(r"(\d{4})-?[Qq]([1-4])")
_YEAR = re.compile(r"\d{4}")
_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})")


def _bad(option: str, value: str, example: str) -> UsageError:
    return UsageError(f"{option} 的值“{value}”无法识别，应写作 {example}",
                      f"{option} {value!r} is not understood; write e.g. {example}")


def _month(value: str) -> Period:
    m = _MONTH.fullmatch(value.strip())
    if not m or not 1 <= int(m[2]) <= 12:
        raise _bad("--month", value, "2008-05")
    return month_period(int(m[1]), int(m[2]))


def _quarter(value: str) -> Period:
    m = _QUARTER.fullmatch(value.strip())
    if not m:
        raise _bad("--quarter", value, "2008Q2")
    year, q = int(m[1]), int(m[2])
    first, _ = month_bounds(year, 3 * q - 2)
    _, last = month_bounds(year, 3 * q)
    return Period(f"{year:04d}Q{q}", first, last)


def _year(value: str) -> Period:
    if not _YEAR.fullmatch(value.strip()):
        raise _bad("--year", value, "2008")
    year = int(value)
    return Period(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _week(value: str) -> Period:
    m = _WEEK.fullmatch(value.strip())
    try:
        if not m:
            raise ValueError(value)
        year, week = int(m[1]), int(m[2])
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise _bad("--week", value, "2008-W21") from None
    return Period(f"{year:04d}-W{week:02d}", monday, monday + dt.timedelta(days=6))


def parse_period(*, month: str | None = None, quarter: str | None = None,
                 year: str | int | None = None, week: str | None = None,
                 ytd: bool = False) -> Period:
    """Return the period named by exactly one of month, quarter, year or week.

    With `ytd`, a month or a quarter becomes 1 January of its year up to its last day.
    """
    given = {k: v for k, v in (("--month", month), ("--quarter", quarter), ("--year", year),
                               ("--week", week)) if v is not None}
    if len(given) != 1:
        raise UsageError("请指定且只指定一个期间：--month、--quarter、--year 或 --week",
                         "give exactly one period: --month, --quarter, --year or --week")
    if month is not None:
        period = _month(month)
    elif quarter is not None:
        period = _quarter(quarter)
    elif year is not None:
        period = _year(str(year))
    else:
        period = _week(str(week))
    if not ytd:
        return period
    if month is None and quarter is None:
        raise UsageError("--ytd 只能与 --month 或 --quarter 一起使用",
                         "--ytd goes with --month or --quarter only")
    return Period(f"{period.label}-YTD", dt.date(period.start.year, 1, 1), period.end)

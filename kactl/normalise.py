"""The one place where cell values are normalised: text, headers, dates, numbers, people, phones.

Readers hand over raw values (str, int, float, bool, date, datetime, time, timedelta; '' for a
blank); these functions turn them into what the rules and KPIs compare. Columns are normalised
through `map_unique`, so a function runs once per distinct value, not once per cell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Bad:
    """A value that could not be read as what its column holds; `reason` is a finding code."""

    reason: str


NOT_A_DATE = Bad("date")
NO_SUCH_DATE = Bad("date-invalid")
DATE_RANGE = Bad("date-range")
NOT_A_NUMBER = Bad("number")

# Dates outside these years are typing mistakes (208-05-20, 2800-05-20), not history.
MIN_YEAR, MAX_YEAR = 1950, 2100
_EPOCH_1900 = dt.date(1899, 12, 30)  # Excel's 1900 system, counting its phantom 1900-02-29
_EPOCH_1904 = dt.date(1904, 1, 1)
_MAX_SERIAL = 2958465  # 9999-12-31


def map_unique(values: Iterable[Any], fn: Callable[[Any], T]) -> list[T]:
    """Return [fn(v) for v in values], calling fn once per distinct value."""
    values = values if isinstance(values, Sequence) else list(values)
    cache = {v: fn(v) for v in dict.fromkeys(values)}
    return [cache[v] for v in values]


# --- text ------------------------------------------------------------------------------


def text(value: Any) -> str:
    """Return a cell as text: NFKC-folded and stripped; 15578886984.0 reads as '15578886984'."""
    if type(value) is str:  # the common case first: this runs once per distinct cell value
        return unicodedata.normalize("NFKC", value).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


_WHITESPACE = re.compile(r"\s+")
_REMARK = re.compile(r"\([^)]*\)")  # NFKC has already folded （） into ()


def header_key(value: Any) -> str:
    """Return the comparable form of a header: NFKC, no white space, no (remarks), no colon."""
    key = _WHITESPACE.sub("", text(value))
    key = _REMARK.sub("", key)
    return key.rstrip(":")


def name_key(value: Any) -> str:
    """Return the key customers are matched by across sheets (大客户名称 = 用户名称)."""
    return "".join(text(value).split())  # faster than a regex for the usual space-free name


# --- dates -----------------------------------------------------------------------------

_SEP = r"\s*[-/.年]\s*"
_DATE_TEXT = re.compile(
    rf"(\d{{4}}){_SEP}(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?(?:[T\s]+\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?"
)
_MONTH_TEXT = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}})\s*月?")
_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _checked(year: int, month: int, day: int) -> dt.date | Bad:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return DATE_RANGE
    try:
        return dt.date(year, month, day)
    except ValueError:
        return NO_SUCH_DATE


def _from_serial(serial: float, date1904: bool) -> dt.date | Bad:
    if serial.is_integer() and 19000101 <= serial <= 21001231:
        # 20080520 typed as a number: not a serial (far beyond 9999-12-31), so read it as YYYYMMDD.
        n = int(serial)
        return _checked(n // 10000, n // 100 % 100, n % 100)
    if not 1 <= serial <= _MAX_SERIAL:
        return DATE_RANGE
    day = (_EPOCH_1904 if date1904 else _EPOCH_1900) + dt.timedelta(days=int(serial))
    return _checked(day.year, day.month, day.day)


def parse_date(
    value: Any, *, date1904: bool = False, month_ok: bool = False
) -> dt.date | Bad | None:
    """Return a cell as a date; None when blank; Bad when it is not a date that exists.

    Accepts date cells, serial numbers of the workbook's date system, and text such as 2008-05-20,
    2008/5/20, 2008.5.20 and 2008年5月20日; with `month_ok`, also a month alone (its first day).
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return NOT_A_DATE
    if isinstance(value, int | float):
        return _from_serial(float(value), date1904)
    s = text(value)
    if not s:
        return None
    if _NUMBER_TEXT.fullmatch(s):
        return _from_serial(float(s), date1904)
    m = _DATE_TEXT.fullmatch(s)
    if m:
        return _checked(int(m[1]), int(m[2]), int(m[3]))
    m = _MONTH_TEXT.fullmatch(s) if month_ok else None
    if m:
        return _checked(int(m[1]), int(m[2]), 1)
    return NOT_A_DATE


# --- numbers ---------------------------------------------------------------------------

# Units and currency marks people type after or before amounts and counts.
_NUMBER_NOISE = re.compile(r"[,\s]|^(?:¥|RMB|人民币)|(?:元|万元|台|辆|次|个|人|分)$", re.IGNORECASE)


def parse_number(value: Any) -> float | Bad | None:
    """Return a cell as a number; None when blank; Bad when it holds something else.

    Text such as "1,200", "1200元" or "¥1,200.50" reads as its number; "20%" as 0.2.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return NOT_A_NUMBER
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return NOT_A_NUMBER
    s = text(value)
    if not s:
        return None
    scale = 1.0
    if s.endswith("万元"):
        scale, s = 10000.0, s[:-2]
    elif s.endswith("%"):
        scale, s = 0.01, s[:-1]
    s = _NUMBER_NOISE.sub("", s)
    try:
        number = float(s) * scale
    except ValueError:
        return NOT_A_NUMBER
    return number if number == number and abs(number) != float("inf") else NOT_A_NUMBER


# --- people and phones -----------------------------------------------------------------

_PEOPLE_SEP = re.compile(r"[、,/;；\s]+")  # NFKC has folded ，／ into , and /


def split_people(value: Any) -> tuple[str, ...]:
    """Return the names in a people field: one or two names separated by 、 , ， / or a space."""
    return tuple(p for p in _PEOPLE_SEP.split(text(value)) if p)


_PHONE_NOISE = re.compile(r"[\s\-()—–]+")
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}\d{7,8}|\d{7,8}")
_PHONE_SEP = re.compile(r"[/,、;；]+")
_PLAIN_PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")  # most cells: no noise to strip


def phone_ok(value: Any) -> bool:
    """Tell whether every number in a phone cell is a mainland mobile or landline."""
    if type(value) is str and _PLAIN_PHONE.fullmatch(value):
        return True
    numbers = [_PHONE_NOISE.sub("", p) for p in _PHONE_SEP.split(text(value))]
    numbers = [n for n in numbers if n]
    return bool(numbers) and all(_MOBILE.fullmatch(n) or _LANDLINE.fullmatch(n) for n in numbers)

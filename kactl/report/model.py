"""What a report is made of, independent of how it is written out: sections of tables and charts.

Each section module builds a `Section` of plain values in the language in force; the HTML and
XLSX writers only lay them out, so both files always carry the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from kactl.kpi.periods import Period


class Fmt(StrEnum):
    """How a value is shown: as text, a count, a number, a share, yuan, a date or a score."""

    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    PERCENT = "percent"
    MONEY = "money"
    DATE = "date"


Value = str | int | float | dt.date | None


@dataclass(frozen=True)
class Cell:
    """A value carrying its own format, for tables whose rows hold different kinds (KPIs)."""

    value: Value
    fmt: Fmt


@dataclass(frozen=True)
class Column:
    label: str
    fmt: Fmt = Fmt.TEXT


@dataclass
class Table:
    """A titled grid of values; `total` marks the last row as a total line."""

    title: str
    columns: Sequence[Column]
    rows: list[list[Value | Cell]]
    note: str = ""
    total: bool = False
    empty: str = ""  # what to say instead of an empty grid


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    dashed: bool = False


@dataclass
class Chart:
    """A chart's data; HTML draws it as SVG, XLSX as a native Excel chart."""

    kind: Literal["bar", "grouped", "line"]
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    fmt: Fmt = Fmt.NUMBER
    reference: float | None = None  # a target line: 100% attainment, two projects a month
    small: bool = False  # one of a row of small multiples

    @property
    def empty(self) -> bool:
        return not self.categories or all(v is None for s in self.series for v in s.values)


@dataclass(frozen=True)
class Figure:
    """A headline number shown large at the top of a section."""

    label: str
    value: Value
    fmt: Fmt = Fmt.INT
    detail: str = ""


Block = Table | Chart


@dataclass
class Section:
    """One part of the report; `sheet` is its XLSX sheet name (Excel allows 31 characters)."""

    key: str
    title: str
    sheet: str
    intro: str = ""
    figures: list[Figure] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]


@dataclass
class Report:
    """A whole monthly or weekly report."""

    title: str
    dealer: str
    period: Period
    kind: Literal["month", "week"]
    language: str
    sections: list[Section]
    sources: list[str]  # the workbook files' names, without their folders
    as_of: dt.date
    stamp: str | None = None  # when it was made, only with --stamp
    missing: list[str] = field(default_factory=list)  # KPIs that could not be computed

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

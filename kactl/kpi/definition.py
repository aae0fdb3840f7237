"""What every KPI family shares: the definition record, the context sources are cached in,
period filters and the ways a row is attributed to people."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from kactl.kpi.frames import Frames
from kactl.kpi.measures import Measure, Selection, Source
from kactl.kpi.notes import Note, missing_sheet, unattributed
from kactl.kpi.periods import Period
from kactl.kpi.scopes import Scopes
from kactl.schema import SHEETS

T = TypeVar("T")


@dataclass
class Context:
    """A workbook's frames and scopes, and the sources built from them so far."""

    frames: Frames
    scopes: Scopes
    memo: dict[str, Any] = field(default_factory=dict)

    def once(self, name: str, build: Callable[[], T]) -> T:
        """Return a source (or other derived data), built the first time a period asks."""
        if name not in self.memo:
            self.memo[name] = build()
        value: T = self.memo[name]
        return value


# A KPI's rows for a period, or the note saying why it cannot be computed at all.
SelectFn = Callable[[Context, Period], Selection | Note]


@dataclass(frozen=True)
class Definition:
    """One KPI: how its rows for a period are selected, and how they aggregate."""

    code: str
    select: SelectFn
    measure: Measure
    breakdown: tuple[str, ...] = ()  # columns also summed on their own (pipeline's models)


def in_period(values: np.ndarray, period: Period) -> np.ndarray:
    """Return the mask of day ordinals that fall in the period."""
    return (values >= period.start.toordinal()) & (values <= period.end.toordinal())


def within(source: Source | Note, period: Period, column: str = "day") -> Selection | Note:
    """Return the source's rows whose date column falls in the period."""
    if isinstance(source, Note):
        return source
    return Selection(source, in_period(source.array(column), period))


def no_sheet(kind: str) -> Note:
    return missing_sheet(SHEETS[kind].title, SHEETS[kind].title_en)


def make_source(ctx: Context, rows: pd.DataFrame, people: pd.DataFrame | None, *,
                outlet: str | None = None, notes: tuple[Note, ...] = ()) -> Source:
    """Return a source: `people` pairs row positions with persons (None: unattributable)."""
    return Source(rows.reset_index(drop=True), people, ctx.scopes, outlet, notes)


def one_person(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """Return the (row, person) pairs of rows attributed by one person column."""
    people = rows[column].to_numpy()
    named = np.flatnonzero(people != "")
    return pd.DataFrame({"row": named, "person": people[named]})


def by_column(ctx: Context, kind: str, rows: pd.DataFrame, key: str, column: str,
              outlet: str | None = None) -> Source:
    """Return a source attributed by one of the sheet's own person columns (e.g. 制表人)."""
    rows = rows.reset_index(drop=True)
    gap = ctx.frames.missing(kind, key)
    if gap is not None:
        return make_source(ctx, rows, None, outlet=outlet, notes=(unattributed(gap),))
    return make_source(ctx, rows, one_person(rows, column), outlet=outlet)


def by_owner(ctx: Context, rows: pd.DataFrame) -> Source:
    """Return a source attributed to the archive's 负责销售顾问 of each row's customer."""
    frames = ctx.frames
    gap = no_sheet("archive") if frames.archive is None else frames.missing("archive", "owner")
    rows = rows.reset_index(drop=True)
    if gap is not None:
        return make_source(ctx, rows, None, notes=(unattributed(gap),))
    return make_source(ctx, rows, one_person(rows.assign(owner=owners_of(ctx, rows)), "owner"))


def owners_of(ctx: Context, rows: pd.DataFrame) -> np.ndarray:
    """Return the archive's 负责销售顾问 of each row's customer ('' where it has none)."""
    codes, customers = pd.factorize(rows["customer"])
    owners = ctx.frames.owners().reindex(customers).fillna("").to_numpy()
    return np.append(owners, "")[codes]

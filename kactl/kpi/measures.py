"""How the rows a KPI counts become one figure per scope.

A KPI reads its rows from a `Source`, built once per workbook: one row per countable item, and
for each kind of scope the (row, scope) pairs it is attributed to. The dealership takes every
row; a group, pair or consultant the rows of its people, each row once however many of its
people it names (so groups and pairs are unions, not sums); an outlet the deliveries it sold.
For a period the KPI hands over a `Selection` (which rows count, and any per-period values) and
a `Measure` aggregates it for every scope at once with numpy, so scoring a further period costs
a few array operations, not another pass through pandas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from kactl.kpi.notes import Note
from kactl.kpi.scopes import PEOPLE_KINDS, Scopes

Value = float | None
ScopeKey = tuple[str, str]  # (kind, name)
Links = tuple[np.ndarray, np.ndarray]  # (row positions, scope codes), one pair per attribution


@dataclass
class Source:
    """The rows one or more KPIs count, and the people (and outlets) each row belongs to.

    `people` pairs row positions with person names; None when the sheet cannot say whom a row
    belongs to, so only the dealership's figure (and the outlets') can be given, and `notes`
    say why. The (row, scope) pairs of each kind of scope are worked out when first asked for.
    """

    rows: pd.DataFrame  # positional index 0..n-1
    people: pd.DataFrame | None
    scopes: Scopes
    outlet: str | None = None  # the column naming the outlet that sold a row
    notes: tuple[Note, ...] = ()
    _arrays: dict[str, np.ndarray] = field(default_factory=dict)
    _links: dict[str, Links | None] = field(default_factory=dict)

    def array(self, column: str) -> np.ndarray:
        """Return a column as a numpy array (text as integer codes), made once."""
        if column not in self._arrays:
            values = self.rows[column]
            numeric = pd.api.types.is_numeric_dtype(values.dtype)
            self._arrays[column] = (values.to_numpy(dtype=np.float64) if numeric
                                    else pd.factorize(values)[0])
        return self._arrays[column]

    def links(self, kind: str) -> Links | None:
        """Return the (row, scope code) pairs of a kind; None when rows cannot be attributed."""
        if kind not in self._links:
            self._links[kind] = self._make_links(kind)
        return self._links[kind]

    def _make_links(self, kind: str) -> Links | None:
        size = len(self.rows)
        if kind == "dealer":
            return np.arange(size), np.zeros(size, dtype=np.int64)
        if kind == "outlet":
            if self.outlet is None:
                return None
            index = {name: i for i, name in enumerate(self.scopes.names["outlet"])}
            return _coded(np.arange(size), self.rows[self.outlet], index.get)
        if self.people is None:
            return None
        names = {name: i for i, name in enumerate(self.scopes.names[kind])}
        if not names:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        member = self.scopes.members[kind]
        rows, codes = _coded(self.people["row"].to_numpy(np.int64), self.people["person"],
                             lambda p: names.get(member.get(p, "")))
        if self.people["row"].is_unique:
            return rows, codes
        # A row naming two people of one scope belongs to that scope once.
        pairs = np.unique(rows * len(names) + codes)
        return pairs // len(names), pairs % len(names)


def _coded(rows: np.ndarray, labels: pd.Series,
           code: Callable[[str], int | None]) -> Links:
    """Return the rows whose label has a scope code, with that code; each distinct label is
    looked up once."""
    label_codes, uniques = pd.factorize(labels)
    lookup = np.array([c if (c := code(u)) is not None else -1 for u in uniques] + [-1],
                      dtype=np.int64)
    scope = lookup[label_codes]
    keep = scope >= 0
    return rows[keep], scope[keep]


@dataclass(frozen=True)
class Selection:
    """The rows of a source that count in a period, and values that depend on the period."""

    source: Source
    mask: np.ndarray
    values: dict[str, np.ndarray] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    empty: Note | None = None  # what to say when the dealership's figure is none

    def column(self, name: str) -> np.ndarray:
        return self.values[name] if name in self.values else self.source.array(name)


@dataclass(frozen=True)
class Measure:
    """How a scope's rows aggregate: count them, sum or average a column, count its distinct
    values, or Σ column / Σ denominator + offset."""

    how: Literal["count", "sum", "distinct", "mean", "ratio"]
    column: str = ""
    denominator: str = ""
    offset: float = 0.0

    def figures(self, selection: Selection, links: Links, size: int) -> list[Value]:
        """Return the figure of each of `size` scopes, from the (row, scope) pairs that count."""
        rows, codes = links
        keep = selection.mask[rows]
        rows, codes = rows[keep], codes[keep]
        if self.how == "count":
            return [float(v) for v in np.bincount(codes, minlength=size)]
        if self.how == "distinct":
            return _distinct(selection.column(self.column)[rows], codes, size)
        values = np.bincount(codes, selection.column(self.column)[rows], minlength=size)
        if self.how == "sum":
            return [float(v) for v in values]
        weights = (np.ones(len(rows)) if self.how == "mean"
                   else selection.column(self.denominator)[rows])
        counts = np.bincount(codes, weights, minlength=size)
        return [float(v / n) + self.offset if n else None
                for v, n in zip(values, counts, strict=True)]


def _distinct(values: np.ndarray, codes: np.ndarray, size: int) -> list[Value]:
    """Return, per scope, how many distinct values its rows hold."""
    width = int(values.max()) + 1 if values.size else 1
    pairs = np.unique(codes.astype(np.int64) * width + values)
    return [float(v) for v in np.bincount(pairs // width, minlength=size)]


def evaluate(selection: Selection, measure: Measure, scopes: Scopes,
             kinds: tuple[str, ...]) -> dict[ScopeKey, Value]:
    """Return the KPI's figure for every scope of the given kinds its source can attribute."""
    values: dict[ScopeKey, Value] = {}
    for kind in kinds:
        names = scopes.names[kind]
        links = selection.source.links(kind)
        if links is None and kind in PEOPLE_KINDS:
            values |= dict.fromkeys(((kind, n) for n in names), None)
        elif links is not None:
            figures = measure.figures(selection, links, len(names))
            values |= dict(zip(((kind, n) for n in names), figures, strict=True))
    return values

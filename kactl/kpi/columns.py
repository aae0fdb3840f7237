"""Turning a table's normalised columns into numpy arrays the frames are built from."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

import numpy as np

from kactl import normalise as norm
from kactl.config import Config
from kactl.schema import BUDGET_ITEMS
from kactl.workbook import Table

NO_DAY = -1  # a blank date cell
BAD_DAY = -2  # a date cell that does not parse


def _ordinal(value: dt.date | norm.Bad | None) -> int:
    if isinstance(value, dt.date):
        return value.toordinal()
    return NO_DAY if value is None else BAD_DAY


def days(values: Sequence[dt.date | norm.Bad | None]) -> np.ndarray:
    """Return dates as ordinals, NO_DAY for blanks and BAD_DAY for what does not parse."""
    return np.asarray(norm.map_unique(values, _ordinal), dtype=np.int64)


def floats(values: Sequence[float | norm.Bad | None]) -> np.ndarray:
    """Return normalised numbers as floats, NaN where a cell is blank or not a number."""
    return np.fromiter((v if v.__class__ is float else math.nan for v in values),
                       dtype=np.float64, count=len(values))


def unreadable(values: Sequence[float | norm.Bad | None]) -> np.ndarray:
    """Return the mask of cells holding something that is not a number."""
    return np.fromiter((v.__class__ is norm.Bad for v in values), dtype=bool, count=len(values))


def canonical(config: Config, vocab: str) -> Callable[[str], str | None]:
    """Return a function giving a vocabulary's canonical value for a text, or None."""
    v = config.vocabulary(vocab)
    values = set(v.values)

    def lookup(value: str) -> str | None:
        return value if value in values else v.aliases.get(value)

    return lookup


def vocab_column(t: Table, key: str, config: Config, vocab: str) -> list[str | None]:
    """Return a column as canonical values: '' where blank, None where not in the vocabulary."""
    lookup = canonical(config, vocab)
    return norm.map_unique(t.text(key), lambda v: lookup(v) if v else "")


def visit_cost(t: Table) -> np.ndarray:
    """Return each visit's cost: 费用合计, or the sum of the five items where it is blank."""
    total = floats(t.numbers("total"))
    blank = np.isnan(total)
    if not blank.any():
        return total  # the items are not needed: skip reading five columns
    items = np.zeros(len(t))
    for key in BUDGET_ITEMS:
        items += np.nan_to_num(floats(t.numbers(key)))
    return np.where(blank, items, total)

"""Axis scales: round tick values that a reader can take in at a glance."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


def _nice_step(span: float, count: int) -> float:
    """Return a step of 1, 2, 2.5 or 5 times a power of ten giving about `count` ticks."""
    raw = span / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= factor * power:
            return factor * power
    return 10.0 * power


@dataclass(frozen=True)
class Scale:
    """A linear map from data values [low, high] to pixels [bottom, top] (y grows downwards)."""

    low: float
    high: float
    bottom: float
    top: float
    ticks: tuple[float, ...]

    def __call__(self, value: float) -> float:
        span = self.high - self.low
        return self.bottom - (value - self.low) / span * (self.bottom - self.top)


def nice_scale(values: Iterable[float | None], bottom: float, top: float, *,
               count: int = 5) -> Scale:
    """Return a scale covering the values and zero, with round ticks."""
    present = [v for v in values if v is not None and math.isfinite(v)]
    low = min([0.0, *present])
    high = max([0.0, *present])
    if high == low:
        high = low + 1.0
    step = _nice_step(high - low, count)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = round((last - first) / step)
    ticks = tuple(round(first + i * step, 10) for i in range(n + 1))
    return Scale(first, last, bottom, top, ticks)

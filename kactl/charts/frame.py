"""What every chart shares: its data series, its layout, the value axis, category labels, legend."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from kactl.charts.scale import Scale
from kactl.charts.svg import GRID, INK, MUTED, colour, el, esc, fit, label, num, text_width

Formatter = Callable[[float], str]


@dataclass(frozen=True)
class Series:
    """One named row of values, one per category; None where there is no value."""

    name: str
    values: Sequence[float | None]
    dashed: bool = False


@dataclass(frozen=True)
class Layout:
    """The chart's size and the margins around its plot area, in pixels."""

    width: float = 720.0
    height: float = 260.0
    left: float = 52.0
    right: float = 12.0
    top: float = 30.0
    bottom: float = 40.0

    @property
    def plot_left(self) -> float:
        return self.left

    @property
    def plot_right(self) -> float:
        return self.width - self.right

    @property
    def plot_top(self) -> float:
        return self.top

    @property
    def plot_bottom(self) -> float:
        return self.height - self.bottom

    @property
    def plot_width(self) -> float:
        return self.plot_right - self.plot_left


def plain(value: float) -> str:
    """Return a number as a tick or value label: whole numbers bare, others to two places."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(value: float) -> str:
    """Return a share (0.25) as a percentage label (25%)."""
    shown = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return f"{shown}%"


def title(text: str, layout: Layout) -> str:
    return label(layout.plot_left, 18.0, fit(text, layout.plot_width, 13), anchor="start",
                 size=13, extra={"font-weight": "bold"})


def value_axis(scale: Scale, layout: Layout, fmt: Formatter) -> list[str]:
    """Return the horizontal grid lines with their tick labels, and a firmer line at zero."""
    parts = []
    for tick in scale.ticks:
        y = scale(tick)
        stroke = INK if tick == 0 else GRID
        parts.append(el("line", {"x1": layout.plot_left, "x2": layout.plot_right, "y1": y,
                                 "y2": y, "stroke": stroke, "stroke-width": "1"}))
        parts.append(label(layout.plot_left - 6, y + 4, fmt(tick), anchor="end", size=10,
                           fill=MUTED))
    return parts


# Labels too wide for their band are drawn slanted, up to this length, rather than cut short.
_SLANT_DEGREES = 40
_SLANT_MAX_WIDTH = 120.0
_LABEL_SIZE = 10.0


def _slanted(categories: Sequence[str], layout: Layout) -> bool:
    band = layout.plot_width / max(len(categories), 1)
    return any(text_width(c, _LABEL_SIZE) > band - 4 for c in categories)


def make_room(layout: Layout, categories: Sequence[str], legend_shown: bool) -> Layout:
    """Return the layout grown to fit slanted labels: deeper below, wider on the left (the first
    label leans out past the axis)."""
    if not _slanted(categories, layout):
        return layout
    widest = min(max(text_width(c, _LABEL_SIZE) for c in categories), _SLANT_MAX_WIDTH)
    angle = math.radians(_SLANT_DEGREES)
    depth = widest * math.sin(angle) + 20 + (18 if legend_shown else 0)
    band = layout.plot_width / len(categories)
    first = min(text_width(categories[0], _LABEL_SIZE), _SLANT_MAX_WIDTH)
    lean = first * math.cos(angle) - band / 2 + 6
    left = max(layout.left, min(lean, _SLANT_MAX_WIDTH))
    return replace(layout, bottom=max(layout.bottom, depth), left=left,
                   width=layout.width + (left - layout.left),
                   height=layout.height + max(0.0, depth - layout.bottom))


def category_labels(categories: Sequence[str], centres: Sequence[float], band: float,
                    layout: Layout) -> list[str]:
    """Return the labels under the plot, slanted when crowded; the full text as a tooltip."""
    slant = _slanted(categories, layout)
    parts = []
    y = layout.plot_bottom + 15
    for name, x in zip(categories, centres, strict=True):
        tip = el("title", None, esc(name))
        if slant:
            shown = fit(name, _SLANT_MAX_WIDTH, _LABEL_SIZE)
            turn = {"transform": f"rotate(-{_SLANT_DEGREES} {num(x)} {num(y - 4)})"}
            text = label(x, y, shown, anchor="end", size=_LABEL_SIZE, extra=turn)
        else:
            text = label(x, y, fit(name, max(band - 2, 12.0), _LABEL_SIZE), size=_LABEL_SIZE)
        parts.append(el("g", None, [text, tip]))
    return parts


def legend(series: Sequence[Series], layout: Layout) -> list[str]:
    """Return one swatch and name per series, in a row under the category labels."""
    if len(series) < 2:
        return []
    parts = []
    x = layout.plot_left
    y = layout.height - 10
    for i, s in enumerate(series):
        dash = "4 3" if s.dashed else None
        parts.append(el("line", {"x1": x, "x2": x + 16.0, "y1": y - 4.0, "y2": y - 4.0,
                                 "stroke": colour(i), "stroke-width": "4",
                                 "stroke-dasharray": dash}))
        name = fit(s.name, 140, 10)
        parts.append(label(x + 20.0, y, name, anchor="start", size=10))
        x += 30.0 + text_width(name, 10)
    return parts

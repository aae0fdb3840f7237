"""Bar charts: one series, or several side by side in each category."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kactl.charts.frame import (
    Formatter,
    Layout,
    Series,
    category_labels,
    legend,
    make_room,
    plain,
    title,
    value_axis,
)
from kactl.charts.scale import Scale, nice_scale
from kactl.charts.svg import INK, MUTED, colour, document, el, esc, label

# Value labels above bars are drawn only while they stay legible.
_MAX_LABELLED_BARS = 24
_REFERENCE_ROOM = 40.0


def bar_chart(categories: Sequence[str], values: Sequence[float | None], *, heading: str,
              fmt: Formatter = plain, reference: float | None = None,
              layout: Layout | None = None) -> str:
    """Return an SVG bar chart of one value per category."""
    return grouped_bar_chart(categories, [Series(heading, values)], heading=heading, fmt=fmt,
                             reference=reference, layout=layout)


def grouped_bar_chart(categories: Sequence[str], series: Sequence[Series], *, heading: str,
                      fmt: Formatter = plain, reference: float | None = None,
                      layout: Layout | None = None) -> str:
    """Return an SVG chart with, in each category, one bar per series side by side.

    `reference` draws a dashed line at that value (a target, 100% attainment).
    """
    layout = make_room(layout or Layout(), categories, len(series) > 1)
    if reference is not None:  # room right of the plot for the reference line's label
        extra = max(0.0, _REFERENCE_ROOM - layout.right)
        layout = replace(layout, right=layout.right + extra, width=layout.width + extra)
    values = [v for s in series for v in s.values]
    scale = nice_scale([*values, reference], layout.plot_bottom, layout.plot_top)
    band = layout.plot_width / max(len(categories), 1)
    centres = [layout.plot_left + band * (i + 0.5) for i in range(len(categories))]
    body = [title(heading, layout), *value_axis(scale, layout, fmt)]
    labelled = len(categories) * len(series) <= _MAX_LABELLED_BARS
    for index, s in enumerate(series):
        body.extend(_bars(s, index, len(series), centres, band, scale, fmt, labelled))
    if reference is not None:
        body.append(_reference(reference, scale, layout, fmt))
    body.extend(category_labels(categories, centres, band, layout))
    body.extend(legend(series, layout))
    return document(layout.width, layout.height, heading, body)


def _bars(series: Series, index: int, count: int, centres: Sequence[float], band: float,
          scale: Scale, fmt: Formatter, labelled: bool) -> list[str]:
    """Return the bars of one series, each with its value as a tooltip (and label if room)."""
    width = band * 0.8 / count
    parts = []
    zero = scale(0.0)
    for centre, value in zip(centres, series.values, strict=True):
        if value is None:
            continue
        x = centre - band * 0.4 + index * width
        y = scale(value)
        top, height = min(y, zero), abs(zero - y)
        tip = el("title", None, esc(f"{series.name}: {fmt(value)}"))
        rect = el("rect", {"x": x + 1.0, "y": top, "width": max(width - 2.0, 1.0),
                           "height": max(height, 0.5), "fill": colour(index)}, tip)
        parts.append(rect)
        if labelled:
            ly = top - 3 if value >= 0 else top + height + 11
            parts.append(label(x + width / 2, ly, fmt(value), size=9, fill=INK))
    return parts


def _reference(value: float, scale: Scale, layout: Layout, fmt: Formatter) -> str:
    y = scale(value)
    line = el("line", {"x1": layout.plot_left, "x2": layout.plot_right, "y1": y, "y2": y,
                       "stroke": MUTED, "stroke-width": "1.5", "stroke-dasharray": "5 4"})
    return line + label(layout.plot_right + 3, y + 3, fmt(value), anchor="start", size=9,
                        fill=MUTED)

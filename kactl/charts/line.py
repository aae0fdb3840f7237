"""Line charts for trends: one line per series over ordered categories (months, weeks)."""

from __future__ import annotations

from collections.abc import Sequence

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
from kactl.charts.svg import colour, document, el, esc, num


def line_chart(categories: Sequence[str], series: Sequence[Series], *, heading: str,
               fmt: Formatter = plain, layout: Layout | None = None) -> str:
    """Return an SVG line chart; a None value breaks the line rather than drawing it at zero."""
    layout = make_room(layout or Layout(), categories, len(series) > 1)
    scale = nice_scale([v for s in series for v in s.values], layout.plot_bottom, layout.plot_top)
    band = layout.plot_width / max(len(categories), 1)
    xs = [layout.plot_left + band * (i + 0.5) for i in range(len(categories))]
    body = [title(heading, layout), *value_axis(scale, layout, fmt)]
    for index, s in enumerate(series):
        body.extend(_line(s, index, xs, scale, fmt))
    body.extend(category_labels(categories, xs, band, layout))
    body.extend(legend(series, layout))
    return document(layout.width, layout.height, heading, body)


def _runs(xs: Sequence[float], values: Sequence[float | None]) -> list[list[tuple[float, float]]]:
    """Return the unbroken stretches of (x, value) between missing values."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(xs, values, strict=True):
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((x, value))
    return [run for run in runs if run]


def _line(series: Series, index: int, xs: Sequence[float], scale: Scale,
          fmt: Formatter) -> list[str]:
    """Return the polylines of one series and a marker, with a tooltip, at each point."""
    stroke = colour(index)
    dash = "5 4" if series.dashed else None
    parts = []
    for run in _runs(xs, series.values):
        points = " ".join(f"{num(x)},{num(scale(v))}" for x, v in run)
        parts.append(el("polyline", {"points": points, "fill": "none", "stroke": stroke,
                                     "stroke-width": "2", "stroke-dasharray": dash}))
        for x, v in run:
            tip = el("title", None, esc(f"{series.name}: {fmt(v)}"))
            parts.append(el("circle", {"cx": x, "cy": scale(v), "r": "3", "fill": stroke}, tip))
    return parts

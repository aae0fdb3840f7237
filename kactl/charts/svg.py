"""The few SVG primitives the charts are drawn with: escaped text, elements, numbers, colours.

Everything returns plain strings. Every piece of text that can come from a workbook passes through
`esc`, so a chart is safe to insert into an HTML page as markup.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

# Colours told apart by people with the common colour-vision deficiencies, and in greyscale print.
PALETTE = ("#1f5fa8", "#e08a1e", "#2a9d6f", "#c0508a", "#5fb3e0", "#b8452b", "#7a6cc4", "#8c8c8c")
INK = "#222222"
MUTED = "#666666"
GRID = "#dddddd"
FONT_STACK = ('"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
              '"WenQuanYi Micro Hei", SimSun, sans-serif')


def colour(index: int) -> str:
    """Return the palette colour of the index-th series (it wraps around)."""
    return PALETTE[index % len(PALETTE)]


def esc(value: object) -> str:
    """Return text safe inside an SVG/HTML element."""
    return escape(str(value))


def num(value: float) -> str:
    """Return a coordinate as short, stable text: one decimal, no trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(values: Mapping[str, object]) -> str:
    """Return attributes as text, in the given order; floats become short coordinates."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float) else str(value)
        parts.append(f" {key.rstrip('_').replace('_', '-')}={quoteattr(shown)}")
    return "".join(parts)


def el(tag: str, values: Mapping[str, object] | None = None, body: str | Iterable[str] = "") -> str:
    """Return one element; `body` is markup already made safe (use `esc` for text)."""
    inner = body if isinstance(body, str) else "".join(body)
    opening = f"<{tag}{attrs(values or {})}"
    return f"{opening}>{inner}</{tag}>" if inner else f"{opening}/>"


def label(x: float, y: float, content: object, *, anchor: str = "middle", size: float = 11,
          fill: str = INK, extra: Mapping[str, object] | None = None) -> str:
    """Return a <text> element holding escaped content."""
    values: dict[str, object] = {"x": x, "y": y, "text-anchor": anchor, "font-size": num(size),
                                 "fill": fill}
    return el("text", {**values, **(extra or {})}, esc(content))


def text_width(content: str, size: float) -> float:
    """Return roughly how wide text is drawn: CJK characters a full em, others about half."""
    wide = sum(unicodedata.east_asian_width(ch) in ("W", "F") for ch in content)
    return (wide + 0.58 * (len(content) - wide)) * size


def fit(content: str, width: float, size: float) -> str:
    """Return the text, shortened with an ellipsis so that it fits the width."""
    if text_width(content, size) <= width:
        return content
    while content and text_width(content + "…", size) > width:
        content = content[:-1]
    return content + "…"


def document(width: float, height: float, title: str, body: Iterable[str]) -> str:
    """Return the <svg> root: sized, labelled for screen readers, with the report's fonts."""
    values: dict[str, object] = {
        "xmlns": "http://www.w3.org/2000/svg", "class": "chart", "role": "img",
        "aria-label": title, "viewBox": f"0 0 {num(width)} {num(height)}",
        "width": num(width), "height": num(height), "font-family": FONT_STACK,
    }
    return el("svg", values, [el("title", None, esc(title)), *body])

"""kactl.charts: inline SVG that is well-formed, escaped, deterministic and honest about gaps."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kactl import charts
from kactl.charts.scale import nice_scale

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises if the markup is not well-formed XML
    assert root.tag == f"{SVG}svg"
    return root


def test_labels_are_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    svg = charts.bar_chart([hostile, "宝来"], [3, 1], heading=f"需求 & {hostile}")
    assert hostile not in svg and "&lt;script&gt;" in svg
    root = _parse(svg)
    assert root.find(f"{SVG}title").text == f"需求 & {hostile}"  # type: ignore[union-attr]


def test_bars_one_per_value_and_series() -> None:
    series = [charts.Series("甲", [1, 2, 3]), charts.Series("乙", [3, None, 1])]
    root = _parse(charts.grouped_bar_chart(["1月", "2月", "3月"], series, heading="x"))
    bars = root.findall(f".//{SVG}rect")
    assert len(bars) == 5  # None draws no bar, not a zero bar
    assert [e.text for e in root.iter(f"{SVG}text")].count("甲") == 1  # legend


def test_line_breaks_at_missing_values() -> None:
    root = _parse(charts.line_chart(["1", "2", "3", "4"], [charts.Series("a", [1, None, 2, 3])],
                                    heading="t"))
    lines = root.findall(f".//{SVG}polyline")
    assert [len(p.get("points", "").split()) for p in lines] == [1, 2]
    assert len(root.findall(f".//{SVG}circle")) == 3


def test_negative_values_and_percent_ticks() -> None:
    svg = charts.bar_chart(["a", "b"], [-0.05, 0.1], heading="偏差", fmt=charts.percent,
                           reference=0.05)
    root = _parse(svg)
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert "-5%" in texts and "10%" in texts
    assert root.findall(f".//{SVG}line[@stroke-dasharray='5 4']")


def test_same_data_draws_the_same_bytes() -> None:
    def draw() -> str:
        return charts.line_chart(["1月", "2月"], [charts.Series("x", [0.3333333, 2 / 3])],
                                 heading="趋势")

    assert draw() == draw()


def test_crowded_labels_slant_and_keep_their_full_text() -> None:
    names = [f"大用户客户满意度{i}" for i in range(12)]
    root = _parse(charts.bar_chart(names, list(range(12)), heading="h"))
    slanted = [e for e in root.iter(f"{SVG}text") if "rotate" in (e.get("transform") or "")]
    assert len(slanted) == 12
    tips = {e.text for e in root.iter(f"{SVG}title")}
    assert set(names) <= tips


def test_scale_is_round_and_covers_zero() -> None:
    scale = nice_scale([12, 87], 200, 0)
    assert scale.ticks[0] == 0 and scale.ticks[-1] >= 87
    assert all(t % 20 == 0 for t in scale.ticks)
    flat = nice_scale([None, None], 100, 0)
    assert flat.high > flat.low

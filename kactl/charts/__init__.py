"""Charts drawn by kactl as inline SVG: bar, grouped bar and line. No JavaScript, no network.

Each function returns the markup of one <svg> element. Every label is escaped, so the result
can go into an HTML page as it is. Output is a pure function of the input: the same data
draws the same bytes.
"""

from kactl.charts.bar import bar_chart, grouped_bar_chart
from kactl.charts.frame import Layout, Series, percent, plain
from kactl.charts.line import line_chart

__all__ = ["Layout", "Series", "bar_chart", "grouped_bar_chart", "line_chart", "percent", "plain"]

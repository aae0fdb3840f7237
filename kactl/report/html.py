"""The report as one self-contained HTML page: jinja2 templates, inline CSS, inline SVG charts.

Templates live in the repository's templates/report/ folder; a dealership can override any of
them with a report/ folder under kactl.toml's templates_dir. Autoescaping is always on: customer
names are data, never markup. The page needs no JavaScript and loads nothing from the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from kactl import charts, lang
from kactl.config import Config
from kactl.report.formatting import is_number, show, unwrap
from kactl.report.model import Block, Chart, Fmt, Report, Value
from kactl.resources import templates_dir

DEFAULT_TEMPLATES = templates_dir() / "report"
PAGE = "report.html.j2"

_SMALL = charts.Layout(width=300.0, height=180.0, left=44.0, top=26.0, bottom=40.0)


def template_dirs(config: Config) -> list[Path]:
    """Return where templates are looked up: the dealership's report/ folder first, if any."""
    dirs = [DEFAULT_TEMPLATES]
    if config.templates_dir is not None and (config.templates_dir / "report").is_dir():
        dirs.insert(0, config.templates_dir / "report")
    return dirs


def environment(config: Config) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(config)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails loudly, not blank
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = cell
    env.filters["figure"] = show
    env.globals["draw"] = draw
    env.globals["arrange"] = arrange
    env.globals["is_number"] = is_number
    return env


def render(report: Report, config: Config) -> str:
    """Return the report's HTML page."""
    page = environment(config).get_template(PAGE)
    return page.render(report=report, t=labels())


def cell(entry: Value | Any, fmt: Fmt) -> dict[str, Any]:
    """Return a table entry's text and whether it is a number (right-aligned)."""
    value, shown_as = unwrap(entry, fmt)
    return {"text": show(value, shown_as), "number": is_number(shown_as)}


def draw(chart: Chart) -> Markup:
    """Return a chart as inline SVG; kactl.charts escapes every label it draws."""
    fmt = charts.percent if chart.fmt is Fmt.PERCENT else charts.plain
    layout = _SMALL if chart.small else None
    series = [charts.Series(s.name, s.values, s.dashed) for s in chart.series]
    if chart.kind == "line":
        svg = charts.line_chart(chart.categories, series, heading=chart.title, fmt=fmt,
                                layout=layout)
    else:
        svg = charts.grouped_bar_chart(chart.categories, series, heading=chart.title, fmt=fmt,
                                       reference=chart.reference, layout=layout)
    # Trusted: kactl.charts builds the markup itself and escapes every piece of text in it.
    return Markup(svg)


def arrange(blocks: Sequence[Block]) -> list[tuple[str, Any]]:
    """Return a section's blocks with consecutive small charts gathered into one row, leaving
    out charts with nothing to draw."""
    out: list[tuple[str, Any]] = []
    for block in blocks:
        if isinstance(block, Chart) and block.empty:
            continue
        if isinstance(block, Chart) and block.small:
            if out and out[-1][0] == "multiples":
                out[-1][1].append(block)
            else:
                out.append(("multiples", [block]))
        elif isinstance(block, Chart):
            out.append(("chart", block))
        else:
            out.append(("table", block))
    return out


def labels() -> dict[str, str]:
    """Return the page's fixed words in the language in force."""
    words = {
        "contents": ("目录", "Contents"),
        "as_of": ("数据截至", "Figures as of"),
        "sources": ("工作簿", "Workbooks"),
        "generated": ("生成时间", "Generated"),
        "period": ("期间", "Period"),
        "missing": ("以下指标因缺少数据无法计算，原因见记分卡的说明",
                    "KPIs that could not be computed for want of data; the scorecard's notes "
                    "say why"),
        "notes": ("说明", "Notes"),
        "footer": ("由 kactl 生成。数字均来自所列工作簿；“—”表示没有数据。",
                   "Made by kactl from the workbooks listed; “—” means there is no figure."),
    }
    return {key: lang.pick(zh, en) for key, (zh, en) in words.items()}

"""The roll-up as one self-contained HTML page, in the style of `kactl report`.

The page template is templates/rollup/rollup.html.j2; it takes the report's stylesheet and
building blocks (tables, headline figures, inline SVG charts) from templates/report/, through
the report's own jinja2 environment, so both pages look and print alike. Autoescaping is on:
a dealership named `<script>` is shown, not run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

import kactl
from kactl import lang
from kactl.config import Config
from kactl.report.html import environment
from kactl.rollup.page import page

TEMPLATES = Path(kactl.__file__).resolve().parent.parent / "templates" / "rollup"
PAGE = "rollup.html.j2"


def render(result: dict[str, Any], config: Config) -> str:
    """Return the roll-up's HTML page."""
    env = environment(config)
    ours: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(TEMPLATES))]
    # Ours first, then the report's (a dealership's overrides, then the defaults).
    env.loader = jinja2.ChoiceLoader(ours + ([env.loader] if env.loader else []))
    return env.get_template(PAGE).render(page=page(result), t=labels())


def labels() -> dict[str, str]:
    """Return the page's fixed words in the language in force."""
    words = {
        "contents": ("目录", "Contents"),
        "period": ("期间", "Period"),
        "dealers": ("经销商", "Dealerships"),
        "failed": ("未能处理", "not scored"),
        "failed_note": ("以下工作簿未能处理，未计入区域合计，原因见“数据质量”",
                        "These workbooks could not be scored and are left out of the region's "
                        "totals; “Data quality” says why"),
        "notes": ("说明", "Notes"),
        "footer": ("由 kactl rollup 生成。每家经销商的数字与其 kactl scorecard 相同；"
                   "“—”表示没有数据。",
                   "Made by kactl rollup; each dealership's figures are its kactl scorecard's; "
                   "“—” means there is no figure."),
    }
    return {key: lang.pick(zh, en) for key, (zh, en) in words.items()}

"""The roll-up on a terminal: the region's KPIs with the spread of attainment, the dealerships
ranked by composite score, and the workbooks that could not be scored."""

from __future__ import annotations

from typing import Any

from kactl import lang
from kactl.kpi.render import colour, kpi_label, shown
from kactl.rollup import cards
from kactl.rollup.cards import Summary, by_score, kpis_met


def print_rollup(result: dict[str, Any]) -> None:
    from rich.markup import escape

    from kactl.render import console

    out = console()
    out.print(region_table(result))
    out.print(ranking_table(result["dealers"]))
    for failed in result["failed"]:
        out.print(f"[red]{lang.pick('未能处理', 'not scored')}[/] {escape(failed['file'])}："
                  f"{escape(failed['error'])}")
    out.print(_footer(result))


def _percent(value: float | None) -> str:
    return "—" if value is None else f"[{colour(value)}]{value:.0%}[/]"


def region_table(result: dict[str, Any]) -> Any:
    """Return the region's KPIs: pooled actual, target, attainment, and how many dealerships
    are below 80%, between 80% and 100%, and at 100% or more (the files carry the rest)."""
    from rich.table import Table

    period, region = result["period"], result["region"]
    table = Table(title=lang.pick(
        f"区域大用户 KPI 汇总 {period['label']}（{period['start']} – {period['end']}）",
        f"Region key-account KPIs {period['label']} ({period['start']} – {period['end']})"),
        title_justify="left")
    table.add_column(lang.pick("指标", "KPI"), no_wrap=True)
    for header in (("区域实际", "actual"), ("区域目标", "target"), ("达成率", "attainment"),
                   ("<80% / 80–100% / ≥100%", "<80% / 80–100% / ≥100%"),
                   ("中位达成率", "median")):
        table.add_column(lang.pick(*header), justify="right", overflow="fold")
    for code, kpi in region["kpis"].items():
        spread = kpi["distribution"]
        table.add_row(kpi_label(code), shown(code, kpi["actual"]), shown(code, kpi["target"]),
                      _percent(kpi["attainment"]),
                      f"{spread['under_80']} / {spread['80_to_100']} / {spread['100_and_over']}",
                      _percent(spread["median"]))
    return table


def ranking_table(dealers: list[Summary]) -> Any:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=lang.pick("经销商排名（按综合得分）", "Dealerships by composite score"),
                  title_justify="left")
    headers = (("排名", "rank"), ("经销商", "dealership"), ("综合得分", "score"),
               ("达标指标", "KPIs met"), ("错误", "errors"), ("警告", "warnings"))
    for index, header in enumerate(headers):
        table.add_column(lang.pick(*header), justify="left" if index == 1 else "right")
    for summary in by_score(dealers):
        rank = summary["ranks"]["score"]
        table.add_row("—" if rank is None else str(rank), escape(summary["dealer"]),
                      _percent(cards.score(summary)), kpis_met(summary),
                      str(summary["validation"]["errors"]),
                      str(summary["validation"]["warnings"]))
    return table


def _footer(result: dict[str, Any]) -> str:
    region = result["region"]
    errors, warnings = region["validation"]["errors"], region["validation"]["warnings"]
    return lang.pick(
        f"共 {region['dealers']} 家经销商计入汇总，{region['failed']} 个工作簿未能处理；"
        f"数据检查共 {errors} 个错误、{warnings} 个警告",
        f"{region['dealers']} dealership(s) in the totals, {region['failed']} workbook(s) not "
        f"scored; the checks found {errors} error(s) and {warnings} warning(s)")

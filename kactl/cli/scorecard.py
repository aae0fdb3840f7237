"""`kactl scorecard`: the KPI scorecard of one period, per scope, with targets and attainment."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kactl.cli import common


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


PeriodOpt = Annotated[str | None, typer.Option(help="Month, e.g. 2008-05.")]
OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]


def register(app: typer.Typer) -> None:
    app.command("scorecard")(common.guarded(scorecard))


def scorecard(
    workbook: common.WorkbookOpt = None,
    month: PeriodOpt = None,
    quarter: Annotated[str | None, typer.Option(help="Quarter, e.g. 2008Q2.")] = None,
    year: Annotated[str | None, typer.Option(help="Year, e.g. 2008.")] = None,
    week: Annotated[str | None, typer.Option(help="ISO week, e.g. 2008-W21.")] = None,
    ytd: Annotated[bool, typer.Option("--ytd", help="From 1 January to the month's end.")] = False,
    by: Annotated[str | None, typer.Option(
        help="Scopes: dealer,group,pair,consultant,outlet (default: all).")] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", help="table, json, csv or xlsx (default: table, or from -o).")] = None,
    output: OutputOpt = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 when a KPI cannot be computed for want of data.")] = False,
    language: common.LangOpt = None,
    force: common.ForceOpt = False,
) -> None:
    """KPI 记分卡：全店、小组、工作小组、顾问、二级网点的实际、目标、达成率与综合得分。
    KPI scorecard per scope: actuals, targets, attainment and the weighted score."""
    from kactl.kpi import output as emit
    from kactl.kpi.periods import parse_period

    config = common.setup(language)
    period = parse_period(month=month, quarter=quarter, year=year, week=week, ytd=ytd)
    chosen = emit.choose_format(fmt.value if fmt else None, output)
    paths = common.workbook_paths(workbook, config)

    from kactl.kpi.scorecard import compute, gaps, read_workbook

    result = compute(read_workbook(paths, config), config, period, by)
    emit.scorecard(result, chosen, output, force=force)
    raise typer.Exit(1 if strict and gaps(result) else 0)

"""`kactl targets base | plan`: next year's 指标 sheet from this year's actuals, and the targets
the scorecard will use month by month."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kactl import lang
from kactl.cli import common

targets_app = typer.Typer(help="指标：由上年实际生成下年指标表，查看分解后的月度目标。Targets.",
                          no_args_is_help=True)

YearOpt = Annotated[int, typer.Option("--year", help="The year, e.g. 2008.")]
OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]


def register(app: typer.Typer) -> None:
    targets_app.command("base")(common.guarded(base))
    targets_app.command("plan")(common.guarded(plan))
    app.add_typer(targets_app, name="targets")


def base(
    year: YearOpt,
    output: Annotated[Path, typer.Option("-o", "--output", help="The .xlsx to write.")],
    workbook: common.WorkbookOpt = None,
    growth: Annotated[str | None, typer.Option(
        help="Growth over this year's actuals, e.g. 10% (rates are copied as they are).")] = None,
    language: common.LangOpt = None,
    force: common.ForceOpt = False,
) -> None:
    """由 --year 的实际生成下一年的“指标”表（按指标、范围、月份），可编辑后粘贴。
    Write next year's 指标 sheet prefilled with this year's actuals."""
    from kactl.errors import UsageError
    from kactl.kpi import output as emit
    from kactl.kpi.plan import base as base_rows
    from kactl.kpi.plan import parse_growth
    from kactl.kpi.scorecard import prepare, read_workbook

    config = common.setup(language)
    if output.suffix.lower() != ".xlsx":
        raise UsageError("-o 应为 .xlsx 文件", "-o must name an .xlsx file", file=output)
    rate = parse_growth(growth)
    prepared = prepare(read_workbook(common.workbook_paths(workbook, config), config), config)
    header, rows = base_rows(prepared, year, rate)
    emit.write_book(lambda: emit.table_book("指标", header, rows), output, force=force)
    typer.echo(lang.pick(f"{output}：已写入 {len(rows)} 行指标", f"{output}: {len(rows)} rows"))


def plan(
    year: YearOpt,
    workbook: common.WorkbookOpt = None,
    output: OutputOpt = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="table, json, csv or xlsx (default: table, or from -o).")] = None,
    language: common.LangOpt = None,
    force: common.ForceOpt = False,
) -> None:
    """显示（或用 -o 写出）记分卡将使用的逐月目标：月度覆盖与分摊之后。
    Show the month-by-scope targets the scorecard uses after overrides and spreading."""
    from kactl.kpi import output as emit
    from kactl.kpi.plan import plan_for_workbook

    config = common.setup(language)
    chosen = emit.choose_format(fmt, output)
    emit.plan(plan_for_workbook(common.workbook_paths(workbook, config), config, year), chosen,
              output, force=force)

"""`kactl rollup`: the dealership scorecards of a region's workbooks, ranked and pooled."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kactl import lang
from kactl.cli import common

if TYPE_CHECKING:  # only for annotations: the command imports the library when it runs
    from kactl.config import Config
    from kactl.kpi.periods import Period
    from kactl.rollup.run import Rollup


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


def register(app: typer.Typer) -> None:
    app.command("rollup")(common.guarded(rollup))


def rollup(
    paths: Annotated[list[Path], typer.Argument(
        help="Workbooks, or folders searched for them; with --merge, rollup JSON files.")],
    month: Annotated[str | None, typer.Option(help="Month, e.g. 2008-05.")] = None,
    quarter: Annotated[str | None, typer.Option(help="Quarter, e.g. 2008Q2.")] = None,
    year: Annotated[str | None, typer.Option(help="Year, e.g. 2008.")] = None,
    week: Annotated[str | None, typer.Option(help="ISO week, e.g. 2008-W21.")] = None,
    ytd: Annotated[bool, typer.Option("--ytd", help="From 1 January to the month's end.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes (default: the number of CPUs).")] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", help="table, json, csv, xlsx or html (default: table, or from -o).")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write to this file.")] = None,
    merge: Annotated[bool, typer.Option(
        "--merge", help="Join rollup JSON outputs (e.g. one per machine) into one.")] = False,
    language: common.LangOpt = None,
    force: common.ForceOpt = False,
) -> None:
    """区域汇总：多家经销商的全店记分卡、数据检查、排名与区域合计。
    Region roll-up: many dealerships' scorecards, checks, ranks and pooled totals."""
    from kactl.kpi.periods import parse_period
    from kactl.rollup import output as emit

    config = common.setup(language)
    chosen = emit.choose_format(fmt.value if fmt else None, output)
    emit.refuse_existing(output, force)
    given = {"month": month, "quarter": quarter, "year": year, "week": week}
    if merge:
        from kactl.rollup.merge import merge as join

        # A merge takes its period from the files; one given must agree with them.
        named = any(v is not None for v in given.values())
        outcome = join(paths, config.score_cap, parse_period(**given, ytd=ytd) if named else None)
    else:
        outcome = _score(paths, config, parse_period(**given, ytd=ytd), jobs, output)
    emit.write(outcome, chosen, output, config, force=force)
    _tracebacks(outcome)
    raise typer.Exit(outcome.exit_code)


def _score(paths: list[Path], config: Config, period: Period, jobs: int | None,
           output: Path | None) -> Rollup:
    from kactl.rollup.run import rollup as run

    skip = [output] if output is not None else []
    # A progress bar only on a terminal: cron's mail and piped output get no control codes.
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        return run(paths, config, period, jobs=jobs, skip=skip)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from kactl.render import console

    # No refresh thread: workers may be forked while the bar is shown, and a fork copies
    # locks a running thread might hold. The bar is redrawn as each dealership finishes.
    with Progress("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console(stderr=True), auto_refresh=False, transient=True) as bar:
        task = bar.add_task(lang.pick("正在汇总经销商", "Scoring dealerships"), total=None)

        def tell(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            bar.refresh()

        return run(paths, config, period, jobs=jobs, progress=tell, skip=skip)


def _tracebacks(outcome: Rollup) -> None:
    """With --debug, show the tracebacks of unexpected failures (a bug, not a bad file)."""
    if common.STATE.debug:
        for file, text in outcome.tracebacks.items():
            typer.echo(f"{file}:\n{text}", err=True)

"""`kactl report`: the monthly (or weekly) report as HTML and XLSX, by hand or from cron."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kactl import lang
from kactl.cli import common

if TYPE_CHECKING:  # only for annotations: the command imports the library when it runs
    from kactl.config import Config
    from kactl.kpi.periods import Period
    from kactl.report.run import Outcome

log = logging.getLogger("kactl.report")


def register(app: typer.Typer) -> None:
    app.command("report")(common.guarded(report))


def report(
    workbook: common.WorkbookOpt = None,
    month: Annotated[str | None, typer.Option(
        help="Month, e.g. 2008-05, or 'last' for the last complete month.")] = None,
    week: Annotated[str | None, typer.Option(
        help="ISO week, e.g. 2008-W21, or 'last': the weekly meeting's agenda.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("."),
    fmt: Annotated[str, typer.Option("--format", help="html, xlsx or both.")] = "html,xlsx",
    language: common.LangOpt = None,
    stamp: Annotated[bool, typer.Option(
        "--stamp", help="Show when the report was made, inside it (changes its bytes).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
    log_file: Annotated[Path | None, typer.Option(
        "--log-file", help="Append log lines to this file instead of stderr.")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 when a KPI cannot be computed for want of data.")] = False,
) -> None:
    """月报/周报：记分卡、趋势、渠道、需求、走访、待办和数据质量（HTML 与 XLSX）。
    Monthly or weekly report: scorecard, trend, channels, pipeline, visits, actions, data."""
    from kactl.errors import KactlError
    from kactl.report.periods import report_period
    from kactl.report.run import formats

    config = common.setup(language)
    _logging(log_file)
    try:
        period = report_period(month, week, config.clock())
        chosen = formats(fmt)
        paths = common.workbook_paths(workbook, config)
        outcome = _run(paths, config, period, out, chosen, stamp=stamp, quiet=quiet)
    except KactlError as exc:
        # Into --log-file too: from cron, it may be the only place anyone looks. (On stderr
        # the one-line message below is enough.)
        if log_file is not None:
            log.error("report failed: %s", exc.text("en"))
        raise
    _tell(outcome, quiet)
    raise typer.Exit(1 if strict and outcome.missing else 0)


def _logging(log_file: Path | None) -> None:
    """Send log lines to --log-file, and record each run there (INFO), not only warnings."""
    if log_file is None:
        return
    root = logging.getLogger("kactl")
    verbose = root.level == logging.DEBUG
    common.configure_logging(verbose, log_file)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def _run(paths: list[Path], config: Config, period: Period, out: Path, chosen: tuple[str, ...],
         *, stamp: bool, quiet: bool) -> Outcome:
    import datetime as dt

    from kactl.report.run import run

    when = dt.datetime.now().replace(microsecond=0) if stamp else None
    if quiet or not sys.stderr.isatty():
        return run(paths, config, period, out, chosen=chosen, stamp=when)
    from kactl.render import console

    # A spinner only on a terminal: cron's mail and log files get no control characters.
    with console(stderr=True).status(lang.pick("正在生成报告…", "Making the report…")):
        return run(paths, config, period, out, chosen=chosen, stamp=when)


def _tell(outcome: Outcome, quiet: bool) -> None:
    """Print the files written (one path a line, for scripts) and what could not be computed."""
    log.info("report %s written: %s", outcome.report.period.label,
             ", ".join(str(p) for p in outcome.paths))
    if outcome.missing:
        log.info("report %s: %d KPI figure(s) could not be computed",
                    outcome.report.period.label, len(outcome.missing))
    if quiet:
        return
    for path in outcome.paths:
        typer.echo(str(path))
    if outcome.missing:
        count = len(outcome.missing)
        typer.echo(lang.pick(f"注意：{count} 项指标因缺少数据无法计算，见报告中记分卡的说明",
                             f"note: {count} KPI figure(s) could not be computed for want of "
                             "data; see the report's scorecard notes"), err=True)

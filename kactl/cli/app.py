"""The `kactl` command: global options, the commands, and how failures reach the user.

Command modules are imported here, but each imports pandas, openpyxl and calamine only inside
its command function, so `kactl --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kactl import __version__, lang
from kactl.cli import common
from kactl.errors import EXIT_FAILURE, KactlError

app = typer.Typer(
    name="kactl",
    help="大用户部工具：检查工作簿、生成走访表、计算 KPI 记分卡、出月报。"
    " Key-account toolkit: validate workbooks, make visit forms, KPI scorecards, reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kactl {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    config: Annotated[Path | None, typer.Option("--config", help="kactl.toml to use.")] = None,
    language: common.LangOpt = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    common.STATE.config_path = config
    common.STATE.debug = debug
    lang.set_current(language.value if language is not None else None)
    common.configure_logging(verbose)


def _register() -> None:
    import importlib

    for name in (
        "validate",
        "scorecard",
        "targets",
        "forms",
        "init",
        "collect",
        "report",
        "rollup",
    ):
        try:
            module = importlib.import_module(f"kactl.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kactl.cli.{name}":
                raise
            continue
        module.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    """Run kactl; expected failures print one line and exit with their code."""
    common.utf8_console()
    try:
        code = app(args=argv, standalone_mode=False)
    except KactlError as exc:
        raise SystemExit(common.fail(exc).exit_code) from None
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(EXIT_FAILURE)
    except Exception as exc:  # click's usage errors: show them the way click would
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(EXIT_FAILURE)
        raise
    sys.exit(code if isinstance(code, int) else 0)

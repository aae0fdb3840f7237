"""What every command shares: global options, the config, workbook paths, output."""

from __future__ import annotations

import functools
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kactl import lang
from kactl.config import Config, find
from kactl.errors import KactlError, UsageError

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class State:
    config_path: Path | None = None
    debug: bool = False
    quiet: bool = False


STATE = State()


class Lang(StrEnum):
    zh = "zh"
    en = "en"


WorkbookOpt = Annotated[
    list[Path] | None,
    typer.Option("-w", "--workbook", help="Workbook file (repeatable); default: kactl.toml's."),
]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="zh (default) or en.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]


def setup(language: Lang | None = None) -> Config:
    """Apply a command's --lang and return the config in force."""
    if language is not None:
        lang.set_current(language.value)
    return find(STATE.config_path)


def workbook_paths(given: list[Path] | None, config: Config) -> list[Path]:
    """Return the workbooks named by -w, else by kactl.toml; UsageError when there are none."""
    paths = list(given or config.workbooks)
    if not paths:
        raise UsageError(
            '没有指定工作簿：请用 -w 工作簿.xlsx，或在 kactl.toml 中写 workbooks = ["…"]',
            'no workbook given: use -w WORKBOOK.xlsx or set workbooks = ["…"] in kactl.toml',
        )
    return paths


def configure_logging(verbose: bool, log_file: Path | None = None) -> None:
    level = logging.DEBUG if verbose else logging.WARNING
    handler: logging.Handler = (
        logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler()
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("kactl")
    root.handlers[:] = [handler]
    root.setLevel(level)


def utf8_console() -> None:
    """Make a Windows console print Chinese instead of mojibake or UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            reconfigure(encoding="utf-8", errors="replace")


def fail(exc: KactlError) -> typer.Exit:
    """Print an expected failure as one line on stderr and return the Exit to raise."""
    if STATE.debug:
        traceback.print_exc()
    typer.echo(f"kactl: {exc.text()}", err=True)
    return typer.Exit(exc.exit_code)


def guarded(fn: F) -> F:
    """Wrap a command so expected failures become one line and their exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KactlError as exc:
            raise fail(exc) from None

    return wrapper  # type: ignore[return-value]

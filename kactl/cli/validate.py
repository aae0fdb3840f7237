"""`kactl validate PATH...`: check workbooks against the handbook, cell by cell."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kactl.cli import common


class Format(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("validate")(common.guarded(validate))


def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Workbooks to check.")] = None,
    workbook: common.WorkbookOpt = None,
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.table,
    annotate: Annotated[
        Path | None, typer.Option("--annotate", help="Write a marked-up copy to this .xlsx.")
    ] = None,
    language: common.LangOpt = None,
    force: common.ForceOpt = False,
) -> None:
    """检查工作簿：词表、必填项、日期、电话、合计、编号、跨表引用。Check workbooks cell by cell."""
    from kactl import render
    from kactl.errors import UsageError
    from kactl.validation import validate as run

    config = common.setup(language)
    files = list(paths or []) + list(workbook or [])
    together = not files
    files = files or common.workbook_paths(None, config)
    if annotate is not None and len(files) != 1:
        raise UsageError("--annotate 只能用于一个工作簿", "--annotate takes exactly one workbook")
    report = run(files, config, together=together)
    if annotate is not None:
        from kactl.annotate import annotate as write_copy

        write_copy(files[0], report.findings, annotate, force=force)
    if fmt is Format.json:
        typer.echo(render.dumps(report.to_dict()))
    else:
        render.print_findings(report.findings, report.to_dict()["summary"])
    raise typer.Exit(report.exit_code)

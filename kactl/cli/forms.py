"""`kactl new-visit-prep` and `kactl new-visit-record`: the handbook's forms, prefilled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kactl.cli import common
from kactl.errors import UsageError

if TYPE_CHECKING:
    from kactl.forms.new import NewForm

OutOpt = Annotated[
    Path | None, typer.Option("-o", "--output", help="File to write; default: the form number.")
]


def register(app: typer.Typer) -> None:
    app.command("new-visit-prep")(common.guarded(new_visit_prep))
    app.command("new-visit-record")(common.guarded(new_visit_record))


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--date 应写作 YYYY-MM-DD（如 2008-05-20），而不是“{text}”",
                         f"--date must be YYYY-MM-DD (e.g. 2008-05-20), not {text!r}") from None


def new_visit_prep(
    customer: Annotated[str, typer.Option("--customer", help="Customer name (or short name).")],
    date: Annotated[str, typer.Option("--date", help="Planned visit date, YYYY-MM-DD.")],
    visitor: Annotated[list[str], typer.Option("--visitor", help="Visitor (once or twice).")],
    workbook: common.WorkbookOpt = None,
    output: OutOpt = None,
    force: common.ForceOpt = False,
    language: common.LangOpt = None,
) -> None:
    """生成走访准备表，按档案和最近一次走访记录预填。Make a prefilled visit preparation form."""
    from kactl.forms.new import new_visit_prep as make

    config = common.setup(language)
    paths = common.workbook_paths(workbook, config)
    made = make(paths, config, customer, _date(date), visitor, output, force=force)
    _report(made)


def new_visit_record(
    prep: Annotated[Path, typer.Option("--from", help="The filled visit preparation form.")],
    output: OutOpt = None,
    force: common.ForceOpt = False,
    language: common.LangOpt = None,
) -> None:
    """由走访准备表生成走访记录表。Make a visit record form from its preparation form."""
    from kactl.forms.new import new_visit_record as make

    config = common.setup(language)
    _report(make(prep, config, output, force=force))


def _report(made: NewForm) -> None:
    from kactl import lang

    for warning in made.warnings:
        typer.echo(lang.pick(f"警告：{warning}", f"warning: {warning}"), err=True)
    typer.echo(lang.pick(f"已生成 {made.path}（编号 {made.number}）",
                         f"wrote {made.path} (number {made.number})"))

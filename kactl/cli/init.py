"""`kactl init [DIR]`: a new, empty dealership workbook and a commented kactl.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kactl.cli import common


def register(app: typer.Typer) -> None:
    app.command("init")(common.guarded(init))


def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create them in.")] = Path("."),
    language: common.LangOpt = None,
) -> None:
    """新建空白的大用户工作簿和 kactl.toml（不覆盖已有文件）。Create a new workbook and config."""
    from kactl import lang
    from kactl.init import init as create

    config = common.setup(language)
    created = create(directory, config)
    typer.echo(lang.pick(f"已创建 {created.workbook} 和 {created.config}",
                         f"created {created.workbook} and {created.config}"))

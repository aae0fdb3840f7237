"""`kactl collect FORM... -w WB`: gather filled forms into the workbook's logs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kactl.cli import common

if TYPE_CHECKING:
    from kactl.collect import CollectReport, FormResult


def register(app: typer.Typer) -> None:
    app.command("collect")(common.guarded(collect))


def collect(
    forms: Annotated[list[Path], typer.Argument(help="Filled visit forms (.xlsx).")],
    workbook: common.WorkbookOpt = None,
    update: Annotated[
        bool, typer.Option("--update", help="Replace a form already in the log.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the result here, not in place.")
    ] = None,
    force: common.ForceOpt = False,
    language: common.LangOpt = None,
) -> None:
    """收集填好的走访表，追加到走访准备表/走访记录表。Gather filled forms into the logs."""
    from kactl.collect import collect as run
    from kactl.errors import UsageError

    config = common.setup(language)
    paths = common.workbook_paths(workbook, config)
    if len(paths) != 1:
        raise UsageError("collect 只能写入一个工作簿，请用 -w 指定", "collect writes into exactly "
                         "one workbook; name it with -w")
    report = run(forms, paths[0], config, update=update, out=output, force=force)
    _print(report)
    raise typer.Exit(report.exit_code)


def _print(report: CollectReport) -> None:
    from kactl import lang

    for result in report.forms:
        typer.echo(_line(result))
        for finding in result.findings:
            where = f"{result.file.name}!{finding.cell}" if finding.cell else result.file.name
            word = lang.pick("错误", "error") if finding in result.errors else lang.pick(
                "警告", "warning")
            typer.echo(f"  {where} [{word}] {finding.message()}")
    for update in report.archive:
        typer.echo(lang.pick(f"大客户档案表第 {update.row} 行：“{update.customer}”的走访记录表编号"
                             f" → {update.number}",
                             f"archive row {update.row}: {update.customer}'s record number → "
                             f"{update.number}"))
    for note in report.notes:
        typer.echo(lang.pick(f"注意：{note}", f"note: {note}"), err=True)
    typer.echo(_summary(report))


def _line(r: FormResult) -> str:
    from kactl import lang
    from kactl.collect import Status

    name = r.file.name
    if r.status is Status.COLLECTED:
        return lang.pick(f"已收集 {name} → {r.sheet} 第 {r.row} 行",
                         f"collected {name} → {r.sheet} row {r.row}")
    if r.status is Status.REPLACED:
        return lang.pick(f"已替换 {name} → {r.sheet} 第 {r.row} 行",
                         f"replaced {name} → {r.sheet} row {r.row}")
    if r.status is Status.SKIPPED:
        return lang.pick(f"跳过 {name}：编号“{r.number}”已在{r.sheet}第 {r.row} 行"
                         "（如需替换请加 --update）",
                         f"skipped {name}: number {r.number} is already in {r.sheet} row "
                         f"{r.row} (add --update to replace it)")
    if r.status is Status.REPEATED:
        return lang.pick(f"跳过 {name}：本次已有另一份编号为“{r.number}”的表单",
                         f"skipped {name}: another form of this run has number {r.number}")
    return lang.pick(f"未收集 {name}：{len(r.errors)} 个错误",
                     f"not collected {name}: {len(r.errors)} error(s)")


def _summary(report: CollectReport) -> str:
    from kactl import lang

    if report.written is None:
        return lang.pick("没有需要写入的内容，工作簿未改动",
                         "nothing to write; the workbook is unchanged")
    backup = ""
    if report.backup is not None:
        backup = lang.pick(f"（原文件已备份为 {report.backup.name}）",
                           f" (the original is backed up as {report.backup.name})")
    return lang.pick(f"已写入 {report.written}{backup}", f"wrote {report.written}{backup}")

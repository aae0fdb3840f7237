"""Where a scorecard or a target table goes: the terminal, stdout, or a file written atomically.

JSON and CSV go to stdout unless -o names a file; XLSX needs a file. An existing file is kept
unless --force. CSV cells that a spreadsheet would run as a formula are quoted.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kactl.errors import UsageError
from kactl.io.write import atomic_output, csv_safe, set_text

FORMATS = ("table", "json", "csv", "xlsx")


def choose_format(given: str | None, output: Path | None) -> str:
    """Return --format, else the one -o's suffix names, else table; refuse what cannot be."""
    fmt = given or _from_suffix(output) or "table"
    if fmt == "xlsx" and output is None:
        raise UsageError("xlsx 格式需要用 -o 指定输出文件", "--format xlsx needs -o FILE.xlsx")
    if fmt == "table" and output is not None:
        raise UsageError("表格只能显示在终端；写入文件请用 --format json、csv 或 xlsx",
                         "a table is for the terminal; to write a file use json, csv or xlsx")
    return fmt


def _from_suffix(output: Path | None) -> str | None:
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in ("json", "csv", "xlsx") else None


def csv_text(header: list[str], rows: list[list[Any]]) -> str:
    """Return CSV text; a text cell starting with = + - @ gets a leading quote."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in (header, *rows):
        writer.writerow(["" if v is None else csv_safe(v) if isinstance(v, str) else v
                         for v in row])
    return buffer.getvalue()


def write_text(text: str, output: Path | None, *, force: bool, bom: bool = False) -> None:
    """Print the text, or write it to `output` atomically."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    # A BOM lets Excel open a UTF-8 CSV with its Chinese intact.
    with atomic_output(output, overwrite=force) as temp:
        temp.write_text(text, encoding="utf-8-sig" if bom else "utf-8")


def write_book(make: Callable[[], Any], output: Path, *, force: bool) -> None:
    """Write the openpyxl workbook `make` returns to `output` atomically."""
    with atomic_output(output, overwrite=force) as temp:
        make().save(temp)


def table_book(title: str, header: list[str], rows: list[list[Any]]) -> Any:
    """Return an openpyxl workbook of one sheet: a header row and the rows, text kept as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.worksheets[0]
    ws.title = title
    for row_index, row in enumerate((header, *rows), 1):
        for column, value in enumerate(row, 1):
            set_text(ws.cell(row_index, column), value)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    return book


def scorecard(result: dict[str, Any], fmt: str, output: Path | None, *, force: bool) -> None:
    """Show or write a scorecard in the chosen format."""
    from kactl import render
    from kactl.kpi import excel
    from kactl.kpi import render as card_render

    if fmt == "table":
        card_render.print_card(result)
        return
    if fmt == "json":
        write_text(render.dumps(result), output, force=force)
        return
    if fmt == "csv":
        write_text(csv_text(*card_render.flat(result)), output, force=force,
                   bom=output is not None)
    elif output is not None:  # choose_format has refused xlsx without -o
        write_book(lambda: excel.workbook(result), output, force=force)
    for note in result["notes"]:
        print(f"kactl: {note}", file=sys.stderr)


def plan(result: Any, fmt: str, output: Path | None, *, force: bool) -> None:
    """Show or write a target plan (kactl.kpi.plan.Plan) in the chosen format."""
    from kactl import lang, render

    header, rows = result.table()
    if fmt == "json":
        write_text(render.dumps(result.to_dict()), output, force=force)
    elif fmt == "csv":
        write_text(csv_text(header, rows), output, force=force, bom=output is not None)
    elif fmt == "xlsx" and output is not None:
        write_book(lambda: table_book(lang.pick("目标", "targets"), header, rows), output,
                   force=force)
    else:
        _print_plan(result, header, rows)
    if fmt != "table":
        for note in result.notes:
            print(f"kactl: {note}", file=sys.stderr)


def _print_plan(result: Any, header: list[str], rows: list[list[Any]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from kactl import lang
    from kactl.render import console

    table = Table(title=lang.pick(f"{result.year} 年目标（分摊后）",
                                  f"Targets for {result.year}, after spreading"),
                  title_justify="left")
    for i, column in enumerate(header):
        table.add_column(column, justify="left" if i < 3 else "right")
    for row in rows:
        table.add_row(*("" if v is None else escape(f"{v:,.2f}".rstrip("0").rstrip("."))
                        if isinstance(v, float) else escape(str(v)) for v in row))
    out = console()
    out.print(table)
    for note in result.notes:
        out.print(f"· {escape(note)}")

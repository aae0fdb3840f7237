"""Where a roll-up goes: a table on the terminal, JSON, CSV or HTML on stdout, or a file.

A file is written atomically, and an existing one is kept unless --force. CSV cells a
spreadsheet would run as a formula are quoted; XLSX holds values only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kactl.config import Config
from kactl.errors import OutputError, UsageError
from kactl.rollup.run import Rollup

FORMATS = ("table", "json", "csv", "xlsx", "html")
_SUFFIXES = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}


def choose_format(given: str | None, output: Path | None) -> str:
    """Return --format, else the one -o's suffix names, else table; refuse what cannot be."""
    fmt = given or (_SUFFIXES.get(output.suffix.lower()) if output else None) or "table"
    if fmt == "xlsx" and output is None:
        raise UsageError("xlsx 格式需要用 -o 指定输出文件", "--format xlsx needs -o FILE.xlsx")
    if fmt == "table" and output is not None:
        raise UsageError("表格只能显示在终端；写入文件请用 --format json、csv、xlsx 或 html",
                         "a table is for the terminal; to write a file use json, csv, xlsx or "
                         "html")
    return fmt


def refuse_existing(output: Path | None, force: bool) -> None:
    """Fail before the work starts, not after it, when the output would be refused anyway."""
    if output is not None and output.exists() and not force:
        raise OutputError("输出文件已存在；如要覆盖，请加 --force",
                          "the output file exists already; add --force to replace it",
                          file=output)


def write(rollup: Rollup, fmt: str, output: Path | None, config: Config, *,
          force: bool) -> None:
    """Show or write the roll-up in the chosen format."""
    from kactl import render
    from kactl.kpi.output import csv_text, write_book, write_text

    result = rollup.result
    if fmt == "table":
        from kactl.rollup.terminal import print_rollup

        print_rollup(result)
        return
    if fmt == "json":
        write_text(render.dumps(result), output, force=force)
    elif fmt == "csv":
        from kactl.rollup.flat import table

        write_text(csv_text(*table(result)), output, force=force, bom=output is not None)
    elif fmt == "html":
        from kactl.rollup.html import render as page

        write_text(page(result, config), output, force=force)
    elif output is not None:  # choose_format has refused xlsx without -o
        from kactl.rollup.excel import workbook

        write_book(lambda: workbook(result), output, force=force)
    for failed in result["failed"]:
        print(f"kactl: {failed['file']}: {failed['error']}", file=sys.stderr)

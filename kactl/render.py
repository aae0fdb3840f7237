"""How results reach a person or a script: rich tables on a terminal, JSON for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from kactl import lang
from kactl.findings import Finding, Severity


def dumps(obj: Any) -> str:
    """Return JSON as kactl prints it: UTF-8 text, Chinese kept readable, stable key order."""
    return json.dumps(obj, ensure_ascii=False, indent=2, default=str)


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    # No colour or markup surprises when piped or run from cron.
    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=False,
        force_terminal=None,
        no_color=not (sys.stderr if stderr else sys.stdout).isatty(),
    )


def print_findings(findings: Iterable[Finding], summary: dict[str, int]) -> None:
    """Print findings as one rich table per file and sheet, then the totals."""
    from rich.table import Table

    out = console()
    zh = lang.current() != "en"
    items = list(findings)
    for (file, sheet), group in groupby(items, key=lambda f: (f.file, f.sheet or "")):
        table = Table(
            title=f"{file} · {sheet or ('整个文件' if zh else 'whole file')}",
            title_justify="left",
            show_lines=False,
        )
        for header in (
            ("单元格", "cell"),
            ("级别", "severity"),
            ("代码", "code"),
            ("问题", "message"),
            ("建议", "suggestion"),
        ):
            table.add_column(header[0] if zh else header[1], overflow="fold")
        for f in group:
            style = "red" if f.severity is Severity.ERROR else "yellow"
            severity = _severity_word(f.severity, zh)
            table.add_row(
                f.cell or "—", f"[{style}]{severity}[/]", f.code, f.message(), f.suggestion or ""
            )
        out.print(table)
    out.print(_summary_line(summary, zh))


def _severity_word(severity: Severity, zh: bool) -> str:
    if severity is Severity.ERROR:
        return "错误" if zh else "error"
    return "警告" if zh else "warning"


def _summary_line(summary: dict[str, int], zh: bool) -> str:
    if zh:
        return (
            f"共 {summary['files']} 个文件、{summary['rows']} 行数据："
            f"{summary['errors']} 个错误，{summary['warnings']} 个警告"
        )
    return (
        f"{summary['files']} file(s), {summary['rows']} data rows: "
        f"{summary['errors']} error(s), {summary['warnings']} warning(s)"
    )

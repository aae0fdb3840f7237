"""The annotated copy that a manager sends back to a consultant.

Every cell with a finding is filled (red for errors, amber for warnings) and carries the message
as a comment; a first sheet 问题清单 lists every finding with a link to its cell. The input is
never modified: the copy is written to a temporary file beside OUT and moved into place.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kactl import lang
from kactl.errors import OutputError
from kactl.findings import Finding, Severity
from kactl.io.read import open_workbook
from kactl.io.write import atomic_output, set_text

log = logging.getLogger(__name__)

ISSUES_SHEET = "问题清单"
_FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C"}


def annotate(source: Path, findings: Iterable[Finding], out: Path, *, force: bool = False) -> Path:
    """Write a copy of `source` with its findings marked; return the path written."""
    if out.resolve() == source.resolve():
        raise OutputError(
            "批注副本不能覆盖原文件，请另取文件名",
            "the annotated copy must not replace the input; choose another name",
            file=out,
        )
    mine = [f for f in findings if Path(f.file).resolve() == source.resolve()]
    book = _open_copy(source)
    _mark_cells(book, mine)
    _add_issue_sheet(book, mine)
    with atomic_output(out, overwrite=force) as tmp:
        book.save(tmp)
    return out


def _open_copy(source: Path) -> Any:
    """Return the workbook as openpyxl sees it, or rebuilt from its values when it cannot."""
    import openpyxl

    try:
        return openpyxl.load_workbook(source, rich_text=False)
    # openpyxl fails in many ways on files it does not fully understand (.xls, .ods, pivot
    # caches, strict paths): then the copy is rebuilt from the values calamine read.
    except Exception as exc:
        log.info("openpyxl cannot open %s (%s); rebuilding from values", source, exc)
        return _rebuild(source)


def _rebuild(source: Path) -> Any:
    import openpyxl

    book = openpyxl.Workbook()
    for sheet in book.worksheets:
        book.remove(sheet)
    with open_workbook(source) as reader:
        for name in reader.sheet_names:
            raw = reader.read(name)
            ws = book.create_sheet(name[:31])
            r0, c0 = raw.origin
            for i, row in enumerate(raw.rows):
                for j, value in enumerate(row):
                    if value != "":
                        set_text(ws.cell(row=r0 + i + 1, column=c0 + j + 1), value)
    return book


def _mark_cells(book: Any, findings: list[Finding]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.sheet and f.cell and f.sheet in book.sheetnames:
            by_cell[(f.sheet, f.cell)].append(f)
    for (sheet, ref), group in by_cell.items():
        cell = book[sheet][ref]
        worst = min(group, key=lambda f: f.severity is not Severity.ERROR).severity
        cell.fill = PatternFill("solid", fgColor=_FILL[worst])
        text = "\n".join(f"[{f.code}] {f.message()}" for f in group)
        comment = Comment(text, "kactl")
        comment.width, comment.height = 320, 40 + 40 * len(group)
        cell.comment = comment


def _add_issue_sheet(book: Any, findings: list[Finding]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    if ISSUES_SHEET in book.sheetnames:
        del book[ISSUES_SHEET]
    ws = book.create_sheet(ISSUES_SHEET, 0)
    headers = (
        ("工作表", "单元格", "级别", "代码", "问题", "原值", "建议")
        if lang.current() != "en"
        else ("sheet", "cell", "severity", "code", "message", "value", "suggestion")
    )
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, f in enumerate(findings, start=2):
        values = (
            f.sheet or "",
            f.cell or "",
            str(f.severity),
            f.code,
            f.message(),
            "" if f.value is None else str(f.value),
            f.suggestion or "",
        )
        for j, value in enumerate(values, start=1):
            set_text(ws.cell(row=i, column=j), value)
        link = ws.cell(row=i, column=2)
        if f.cell and f.sheet in book.sheetnames:
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{f.sheet}'!{f.cell}")
            link.font = Font(color="0563C1", underline="single")
        ws.cell(row=i, column=3).fill = PatternFill("solid", fgColor=_FILL[f.severity])
    for letter, width in zip("ABCDEFG", (14, 8, 8, 18, 70, 24, 16), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    book.active = 0

"""Every check of a dealership workbook against the handbook's rules (SPEC §2-§4).

`check(book, config)` returns the findings; the catalogue of codes is kactl.findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from kactl.config import Config
from kactl.findings import Finding
from kactl.rules.cells import check_cells
from kactl.rules.context import Context, build_context
from kactl.rules.references import (
    customer_findings,
    form_number_findings,
    record_number_findings,
    target_findings,
)
from kactl.rules.rows import (
    duplicate_findings,
    grade_findings,
    model_findings,
    people_findings,
    total_findings,
)
from kactl.schema import SHEETS
from kactl.workbook import Table, Workbook

__all__ = ["check", "check_table"]


def check(book: Workbook, config: Config) -> list[Finding]:
    """Return every finding of the workbook: reading, sheet, cell, row and cross-sheet ones."""
    ctx = build_context(book, config)
    findings = list(book.findings)
    findings.extend(_sheet_findings(book))
    for tables in book.tables.values():
        for table in tables:
            findings.extend(check_table(table, ctx, config))
    return findings


def _sheet_findings(book: Workbook) -> Iterator[Finding]:
    file = book.files[0] if book.files else ""
    if not book.tables:
        if not any(f.code == "missing-column" for f in book.findings):
            yield Finding("no-sheets", file)
        return
    for key, schema in SHEETS.items():
        if key not in book.tables:
            yield Finding("missing-sheet", file, params={"title": schema.title})


def check_table(table: Table, ctx: Context, config: Config) -> Iterator[Finding]:
    """Yield the findings of one table, given what the rest of the workbook holds."""
    yield from check_cells(table, config)
    yield from total_findings(table)
    yield from people_findings(table, ctx)
    yield from customer_findings(table, ctx)
    kind = table.schema.key
    if kind == "archive":
        yield from duplicate_findings(table, "customer", "duplicate-customer")
        yield from record_number_findings(table, ctx)
        yield from grade_findings(table, config)
    elif kind in ("visit_prep", "visit_record"):
        yield from duplicate_findings(table, "number", "duplicate-number")
        yield from form_number_findings(table, ctx)
    elif kind == "deliveries":
        yield from model_findings(table, config)
    elif kind == "targets":
        yield from target_findings(table, ctx, config)

"""`kactl collect` as a library call: filled forms gathered into the workbook's logs.

Each form is read back by its labels and checked with the rules `validate` applies; a form with
an error is not collected. The others become rows of 走访准备表 / 走访记录表 (a number already
in the log is skipped, or replaced with `update`), and the archive's 走访记录表编号 follows
each customer's newest record. Nothing is lost: the workbook is changed only when there is
something to write, after a timestamped backup, through a temporary file moved into place;
a workbook openpyxl cannot rewrite faithfully goes to `out` instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from kactl import normalise as norm
from kactl import workbook
from kactl.config import Config
from kactl.errors import EXIT_DATA, EXIT_OK, MissingSheetError
from kactl.findings import Finding, Severity
from kactl.forms.check import check_form
from kactl.forms.logs import log_values, next_free_row, write_row
from kactl.forms.read import FilledForm, read_form
from kactl.forms.rewrite import Destination, destination, open_for_writing, refuse_locked
from kactl.rules.context import build_context
from kactl.workbook import Table, Workbook


class Status(StrEnum):
    COLLECTED = "collected"
    REPLACED = "replaced"
    SKIPPED = "skipped"  # its number is in the log already
    REPEATED = "repeated"  # another form of this run has its number
    REJECTED = "rejected"  # it has errors


@dataclass
class FormResult:
    """What became of one form: its status, the log row it went to, and its findings."""

    file: Path
    number: str
    log: str  # the log sheet's title
    status: Status = Status.COLLECTED
    sheet: str | None = None
    row: int | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


@dataclass(frozen=True)
class ArchiveUpdate:
    customer: str
    number: str
    row: int


@dataclass
class CollectReport:
    """The outcome of a run: each form, the archive's changes, and what was written."""

    forms: list[FormResult] = field(default_factory=list)
    archive: list[ArchiveUpdate] = field(default_factory=list)
    written: Path | None = None
    backup: Path | None = None
    notes: list[str] = field(default_factory=list)  # what openpyxl dropped, for -o copies

    @property
    def exit_code(self) -> int:
        return EXIT_DATA if any(r.status is Status.REJECTED for r in self.forms) else EXIT_OK


@dataclass
class _Write:
    form: FilledForm
    table: Table
    index: int | None  # the data row replaced, or None to append
    values: dict[str, Any]
    result: FormResult


def collect(forms: Iterable[Path], workbook_path: Path, config: Config, *,
            update: bool = False, out: Path | None = None, force: bool = False) -> CollectReport:
    """Gather filled forms into the workbook's logs; see the module's docstring."""
    dest = destination(workbook_path, out, force=force)
    book = workbook.load([workbook_path], config)
    filled = [read_form(Path(p), config) for p in forms]
    _require_logs(book, filled, workbook_path)
    writes, results = _plan(book, filled, config, update)
    report = CollectReport(forms=results)
    if not writes:
        return report
    wb, report.notes = open_for_writing(dest, workbook_path, config)
    _apply(wb, writes)
    report.archive = _update_archive(wb, book, writes)
    report.backup, report.written = _save(wb, workbook_path, dest)
    return report


def _require_logs(book: Workbook, filled: list[FilledForm], path: Path) -> None:
    for form in filled:
        if book.first(form.spec.key) is None:
            title = form.spec.log.title
            raise MissingSheetError(f"工作簿中没有“{title}”工作表，无法收集 {form.file.name}",
                                    f"the workbook has no {title} sheet to collect "
                                    f"{form.file.name} into", file=path)


def _plan(book: Workbook, filled: list[FilledForm], config: Config,
          update: bool) -> tuple[list[_Write], list[FormResult]]:
    """Return the rows to write and every form's result, before anything is written."""
    ctx = build_context(book, config)
    writes: list[_Write] = []
    results: list[FormResult] = []
    planned: set[tuple[str, str]] = set()
    for form in filled:
        table = book.first(form.spec.key)
        assert table is not None  # _require_logs
        result = FormResult(form.file, form.number, form.spec.log.title,
                            findings=check_form(form, ctx, config))
        results.append(result)
        key = (form.spec.key, norm.name_key(form.number))
        index = _log_index(table, form.number)
        if result.errors:
            result.status = Status.REJECTED
        elif key in planned:
            result.status = Status.REPEATED
        elif index is not None and not update:
            result.status, result.sheet, result.row = Status.SKIPPED, table.sheet, table.rows[index]
        else:
            result.status = Status.COLLECTED if index is None else Status.REPLACED
            planned.add(key)
            writes.append(_Write(form, table, index, log_values(form, config), result))
    return writes, results


def _log_index(table: Table, number: str) -> int | None:
    """Return the data row of the log holding `number` (the first, as references resolve)."""
    key = norm.name_key(number)
    numbers = table.names("number")
    return numbers.index(key) if key and key in numbers else None


def _apply(wb: Any, writes: list[_Write]) -> None:
    """Write each planned row: over the row it replaces, or after the log's last row."""
    next_row: dict[str, int] = {}
    for w in writes:
        ws = wb[w.table.sheet]
        if w.index is not None:
            row = w.table.rows[w.index]
        else:
            row = next_free_row(ws, w.table, next_row.get(w.table.sheet))
            next_row[w.table.sheet] = row + 1
        write_row(ws, w.table, row, w.values)
        w.result.sheet, w.result.row = w.table.sheet, row


def _update_archive(wb: Any, book: Workbook, writes: list[_Write]) -> list[ArchiveUpdate]:
    """Point each collected customer's 走访记录表编号 at their newest visit record."""
    from kactl.io.write import set_text

    archive = book.first("archive")
    records = [w for w in writes if w.form.spec.key == "visit_record"]
    column = archive.columns.get("record_number") if archive else None
    if archive is None or column is None or not records:
        return []
    newest = _newest_records(records[0].table, records)
    keys, current = archive.names(), archive.names("record_number")
    updates = []
    for customer, number in newest.items():
        if customer not in keys or current[keys.index(customer)] == norm.name_key(number):
            continue
        i = keys.index(customer)
        set_text(wb[archive.sheet].cell(row=archive.rows[i], column=column.index + 1), number)
        updates.append(ArchiveUpdate(archive.text("customer")[i], number, archive.rows[i]))
    return updates


def _newest_records(log: Table, records: list[_Write]) -> dict[str, str]:
    """Return, for each collected record's customer, the number of their latest visit."""
    replaced = {w.index for w in records if w.index is not None}
    rows = [(key, day, number) for i, (key, day, number)
            in enumerate(zip(log.names(), log.dates("date"), log.text("number"), strict=True))
            if i not in replaced]
    rows += [(norm.name_key(w.values.get("customer")), w.values.get("date"),
              norm.text(w.values.get("number"))) for w in records]
    wanted = {norm.name_key(w.values.get("customer")) for w in records}
    best: dict[str, tuple[dt.date, str]] = {}
    for key, day, number in rows:  # later rows win ties: the form just collected
        if key in wanted and isinstance(day, dt.date) and (key not in best or day >= best[key][0]):
            best[key] = (day, number)
    return {key: number for key, (_, number) in best.items()}


def _save(wb: Any, source: Path, dest: Destination) -> tuple[Path | None, Path]:
    """Save the workbook: after a backup when in place; through a temporary file always."""
    from kactl.io.write import atomic_output, backup_copy

    refuse_locked(dest.path)  # it may have been opened while the forms were read
    backup = backup_copy(source) if dest.in_place else None
    with atomic_output(dest.path, overwrite=dest.overwrite) as tmp:
        wb.save(tmp)
    return backup, dest.path

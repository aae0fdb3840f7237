"""Writing filled forms as rows of their logs (走访准备表, 走访记录表) in an openpyxl workbook.

Columns are the ones kactl's reader recognised by header, so a log's column order, titles and
extra columns are the dealership's own; kactl writes only the cells of the columns it knows.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from typing import Any

from kactl import normalise as norm
from kactl.config import Config
from kactl.forms.fill import write_value
from kactl.forms.read import FilledForm
from kactl.rules.cells import resolve
from kactl.schema import Kind
from kactl.workbook import Table

LOG_DATE_FORMAT = "yyyy-mm-dd"


def log_values(form: FilledForm, config: Config) -> dict[str, Any]:
    """Return what the form's log row holds, by field key: dates as dates, money as numbers."""
    values: dict[str, Any] = {}
    for key in form.spec.log_keys:
        f = form.spec.field(key).field
        raw = form.values.get(key, "")
        if key == "total":
            values[key] = form.total()
        elif f.kind is Kind.DATE:
            parsed = norm.parse_date(raw, date1904=form.date1904)
            values[key] = parsed if isinstance(parsed, dt.date) else None
        elif f.kind is Kind.MONEY:
            number = norm.parse_number(raw)
            values[key] = number if isinstance(number, float) else None
        elif f.kind is Kind.PEOPLE:
            values[key] = "、".join(norm.split_people(raw)) or None
        elif f.kind is Kind.VOCAB and f.vocab:
            text = norm.text(raw)
            values[key] = (resolve(config.vocabulary(f.vocab), text) or text) or None
        else:
            values[key] = norm.text(raw) or None
    return values


def next_free_row(ws: Any, table: Table, start: int | None = None) -> int:
    """Return the first row after the log's last data row (or `start`) that is blank."""
    row = start or (table.rows[-1] if table.rows else table.header_row) + 1
    while any(cell.value not in (None, "") for cell in ws[row]):
        row += 1  # e.g. a 合计 line under the data: the new row goes below it, never over it
    return row


def write_row(ws: Any, table: Table, row: int, values: dict[str, Any]) -> None:
    """Write `values` into `row` of the log, in the columns the table recognised."""
    style_row = _style_source(table, row)
    for key, value in values.items():
        column = table.columns.get(key)
        if column is None:
            continue
        cell = ws.cell(row=row, column=column.index + 1)
        if style_row is not None and style_row != row:
            cell._style = copy(ws.cell(row=style_row, column=column.index + 1)._style)
        if value is None:
            cell.value = None
            continue
        assert column.field is not None
        write_value(cell, value, column.field.kind, LOG_DATE_FORMAT)


def _style_source(table: Table, row: int) -> int | None:
    """Return the data row a new row copies its cell formats from: the last one above it."""
    above = [r for r in table.rows if r < row]
    return above[-1] if above else None

"""Validating a filled form with the workbook's own rules, reported at the form's cells.

The form becomes a one-row table of its log (its form-only fields as extra columns, each with
its kind), the rules run on it with the workbook's context, and each finding is moved from that
table back to the form's value cell of the same field.
"""

from __future__ import annotations

from dataclasses import replace

from kactl import rules
from kactl.config import Config
from kactl.findings import Finding
from kactl.forms.read import FilledForm
from kactl.rules.context import Context
from kactl.workbook import Column, Table, column_letter


def form_table(form: FilledForm) -> Table:
    """Return the form as a one-row table of its log; a blank total is the sum of the items."""
    columns: dict[str, Column] = {}
    for f in form.spec.fields:
        cell = form.cell(f.key)
        if cell is None and not f.field.required:
            continue
        value = form.values.get(f.key, "")
        if f.key == "total" and form.text("total") == "":
            total = form.total()
            value = "" if total is None else total
        index = cell[1] - 1 if cell else 0
        columns[f.key] = Column(f.key, index, f.label, [value], f.field)
    return Table(file=str(form.file), sheet=form.sheet, schema=form.spec.log, header_row=0,
                 rows=[1], columns=columns, date1904=form.date1904)


def check_form(form: FilledForm, ctx: Context, config: Config) -> list[Finding]:
    """Return the findings of a filled form, each at the form's own cell."""
    found = rules.check_table(form_table(form), ctx, config)
    return [_at_form_cell(finding, form) for finding in found]


def _at_form_cell(finding: Finding, form: FilledForm) -> Finding:
    cell = form.cell(finding.field) if finding.field else None
    if cell is None:  # a required field whose label the form lacks
        return replace(finding, row=None, column=None)
    return replace(finding, row=cell[0], column=column_letter(cell[1] - 1))

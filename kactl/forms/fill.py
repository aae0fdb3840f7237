"""Writing values into a form template by label, and saving the filled form."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kactl import normalise as norm
from kactl.errors import InputError
from kactl.forms.labels import FORMS, FormSpec
from kactl.forms.locate import Layout, detect, grid_of_worksheet, locate
from kactl.forms.templates import DATE_FORMAT
from kactl.schema import Kind

log = logging.getLogger(__name__)

# Without these a form cannot be read back or gathered into its log.
ESSENTIAL = ("number", "customer")


@dataclass(frozen=True)
class Draft:
    """What a new form will hold: field values and 信息获得渠道 values, by field key."""

    spec: FormSpec
    values: Mapping[str, Any]
    channels: Mapping[str, Any]


def form_sheet(book: Any, spec: FormSpec, file: Path | str | None = None) -> Any:
    """Return the sheet of `book` that holds form `spec`; InputError when none does."""
    for ws in book.worksheets:
        if detect(grid_of_worksheet(ws), FORMS.values()) is spec:
            return ws
    label = spec.field("number").label
    raise InputError(f"模板中没有“{spec.title}”：找不到“{label}”标签",
                     f"the template holds no {spec.title}: no {label} label found", file=file)


def fill(book: Any, draft: Draft, file: Path | str | None = None) -> list[str]:
    """Write the draft into the form sheet of `book`; return the labels it had no cell for."""
    ws = form_sheet(book, draft.spec, file)
    layout = locate(grid_of_worksheet(ws), draft.spec)
    _require(layout, file)
    unplaced: list[str] = []
    for key, value in draft.values.items():
        if _blank(value):
            continue
        if key not in layout.cells:
            unplaced.append(draft.spec.field(key).label)
            continue
        write_value(ws.cell(*layout.cells[key]), value, draft.spec.field(key).field.kind)
    for key, value in draft.channels.items():
        if not _blank(value) and key in layout.channels:
            write_value(ws.cell(*layout.channels[key]), value, Kind.TEXT)
    return unplaced


def _require(layout: Layout, file: Path | str | None) -> None:
    for key in ESSENTIAL:
        if key not in layout.cells:
            label = layout.spec.field(key).label
            raise InputError(f"模板中找不到“{label}”标签，无法填写{layout.spec.title}",
                             f"the template has no {label} label, so the form cannot be filled",
                             file=file)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def write_value(cell: Any, value: Any, kind: Kind, date_format: str = DATE_FORMAT) -> None:
    """Write one value: dates as date cells, money as numbers, everything else as text."""
    from kactl.io.write import set_text

    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        cell.value = value
        if cell.number_format == "General":
            cell.number_format = date_format
    elif isinstance(value, int | float) and not isinstance(value, bool) and kind is Kind.MONEY:
        cell.value = int(value) if float(value).is_integer() else value
    else:
        # Text written as text: a customer's "=1+1" or "-5%" must never become a formula.
        set_text(cell, value if isinstance(value, str) else norm.text(value))


def save(book: Any, out: Path, *, force: bool = False) -> Path:
    """Save a filled form atomically; OutputError when `out` exists and `force` is not given."""
    from kactl.io.write import atomic_output

    with atomic_output(out, overwrite=force) as tmp:
        book.save(tmp)
    log.info("wrote %s", out)
    return out

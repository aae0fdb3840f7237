"""How a report value reads as text (HTML) and which number format it gets (XLSX)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from kactl.report.model import Cell, Fmt, Value

DASH = "—"  # shown where there is no figure, so a blank is never mistaken for zero

# Excel number formats; shares are stored as fractions (0.25) and shown as 25.0%.
EXCEL_FORMATS = {
    Fmt.INT: "#,##0",
    Fmt.NUMBER: "#,##0.00",
    Fmt.PERCENT: "0.0%",
    Fmt.MONEY: "#,##0",
    Fmt.DATE: "yyyy-mm-dd",
}


def clean(value: Any) -> Value:
    """Return a value as the writers take it: NaN as None, numpy numbers as Python ones."""
    if hasattr(value, "item") and not isinstance(value, str | dt.date):
        value = value.item()  # numpy scalars from pandas rows
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool):
        return int(value)
    result: Value = value
    return result


def unwrap(value: Value | Cell, fmt: Fmt) -> tuple[Value, Fmt]:
    """Return a table entry's value and the format it is shown in."""
    if isinstance(value, Cell):
        return clean(value.value), value.fmt
    return clean(value), fmt


def show(value: Value, fmt: Fmt) -> str:
    """Return a value as the report prints it."""
    value = clean(value)
    if value is None or value == "":
        return DASH if fmt is not Fmt.TEXT else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    return _number(float(value), fmt)


def _number(value: float, fmt: Fmt) -> str:
    if fmt is Fmt.PERCENT:
        return f"{value * 100:.1f}%"
    if fmt in (Fmt.INT, Fmt.MONEY):
        return f"{round(value):,}"
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def is_number(fmt: Fmt) -> bool:
    """Tell whether values of this format line up on the right."""
    return fmt in (Fmt.INT, Fmt.NUMBER, Fmt.PERCENT, Fmt.MONEY)

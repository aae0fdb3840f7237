"""Reading a filled form back by its labels, through kactl's own workbook reader."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kactl import normalise as norm
from kactl.config import Config
from kactl.errors import InputError
from kactl.forms.labels import FORMS, FormSpec
from kactl.forms.locate import Cell, Layout, detect, grid_of_rows, locate
from kactl.schema import BUDGET_ITEMS


@dataclass(frozen=True)
class FilledForm:
    """A form as read: which form, where its values are, and what they hold."""

    file: Path
    sheet: str
    spec: FormSpec
    layout: Layout
    values: Mapping[str, Any]  # raw cell values by field key ('' where blank)
    channels: Mapping[str, Any]
    date1904: bool = False

    def text(self, key: str) -> str:
        return norm.text(self.values.get(key, ""))

    def cell(self, key: str) -> Cell | None:
        return self.layout.cells.get(key)

    @property
    def number(self) -> str:
        return self.text("number")

    def total(self) -> float | None:
        """Return the total as the form shows it, else the sum of the items (a formula unsaved)."""
        shown = norm.parse_number(self.values.get("total", ""))
        if shown is None:
            return items_total(self.values)
        return shown if isinstance(shown, float) else None


def items_total(values: Mapping[str, Any]) -> float | None:
    """Return the sum of the five budget or cost items that hold numbers; None when none does."""
    numbers = [norm.parse_number(values.get(key, "")) for key in BUDGET_ITEMS]
    filled = [n for n in numbers if isinstance(n, float)]
    return sum(filled) if filled else None


def read_form(path: Path, config: Config) -> FilledForm:
    """Return the form in `path`: the first sheet that shows a form number label."""
    from kactl.io.read import open_workbook

    with open_workbook(path, config.limits) as reader:
        for name in reader.sheet_names:
            raw = reader.read(name)
            grid = grid_of_rows(raw.rows, raw.origin, raw.merged)
            spec = detect(grid, FORMS.values())
            if spec is None:
                continue
            layout = locate(grid, spec)
            values = {key: grid.values.get(cell, "") for key, cell in layout.cells.items()}
            channels = {key: grid.values.get(cell, "") for key, cell in layout.channels.items()}
            return FilledForm(path, name, spec, layout, values, channels, reader.date1904)
    raise InputError("不是走访准备表或走访记录表：找不到“走访准备表编号”或“走访记录表编号”标签",
                     "not a visit form: no 走访准备表编号 or 走访记录表编号 label found", file=path)

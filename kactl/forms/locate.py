"""Finding a form's fields by their labels, in whatever cells a dealership's copy puts them.

A `Grid` is a sheet seen as non-blank values by (row, column) plus its merged ranges, built from
an openpyxl worksheet (to fill a form) or from what kactl's reader returns (to read one back),
so filling and reading find the very same cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kactl import normalise as norm
from kactl.forms.labels import CHANNEL_LABEL, FormField, FormSpec, Place

Cell = tuple[int, int]  # 1-based (row, column)
Span = tuple[int, int, int, int]  # 1-based (first row, first column, last row, last column)


def _full_key(value: Any) -> str:
    return "".join(norm.text(value).split()).rstrip(":")


def _matches(value: Any, label: str) -> bool:
    """Tell whether a cell shows `label`; a label with a (remark) must match it too."""
    want = _full_key(label)
    return _full_key(value) == want or ("(" not in want and norm.header_key(value) == want)


@dataclass
class Grid:
    """A sheet's non-blank values by 1-based (row, column), and its merged ranges."""

    values: dict[Cell, Any]
    merged: list[Span] = field(default_factory=list)
    # Derived from the two above, for lookups; not part of what a grid is.
    _spans: dict[Cell, Span] = field(default_factory=dict, repr=False, compare=False)
    _order: list[Cell] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._order = sorted(self.values)
        for span in self.merged:
            r0, c0, r1, c1 = span
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self._spans[(r, c)] = span

    def span(self, cell: Cell) -> Span:
        """Return the merged range holding `cell`, or the cell alone."""
        return self._spans.get(cell, (cell[0], cell[1], cell[0], cell[1]))

    def anchor(self, cell: Cell) -> Cell:
        """Return the top-left cell of the merged range holding `cell` (where its value is)."""
        r0, c0, _, _ = self.span(cell)
        return (r0, c0)

    def find(self, label: str, rows: range | None = None, after: int = 0) -> Cell | None:
        """Return the first cell (by row, then column) that shows `label`."""
        for cell in self._order:
            r, c = cell
            if (rows is not None and r not in rows) or c <= after:
                continue
            if _matches(self.values[cell], label):
                return cell
        return None


def grid_of_worksheet(ws: Any) -> Grid:
    """Return the Grid of an openpyxl worksheet."""
    values = {
        (cell.row, cell.column): cell.value
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None and cell.value != ""
    }
    merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    return Grid(values, merged)


def grid_of_rows(rows: Iterable[Iterable[Any]], origin: tuple[int, int] = (0, 0),
                 merged: Iterable[tuple[int, int, int, int]] = ()) -> Grid:
    """Return the Grid of rows read from `origin` (0-based), with 0-based merged ranges."""
    r_off, c_off = origin
    values = {
        (r_off + i + 1, c_off + j + 1): v
        for i, row in enumerate(rows)
        for j, v in enumerate(row)
        if v is not None and v != ""
    }
    spans = [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for r0, c0, r1, c1 in merged]
    return Grid(values, spans)


@dataclass(frozen=True)
class Layout:
    """Where one sheet keeps a form's values: field key -> value cell, and channel cells."""

    spec: FormSpec
    cells: Mapping[str, Cell]
    channels: Mapping[str, Cell]

    def missing(self) -> list[FormField]:
        return [f for f in self.spec.fields if f.key not in self.cells]


def locate(grid: Grid, spec: FormSpec) -> Layout:
    """Return each field's value cell in `grid`; fields whose label is absent are left out."""
    cells: dict[str, Cell] = {}
    rows_of: dict[str, range] = {}
    for f in spec.fields:
        found = _label_cell(grid, f)
        if found is None:
            continue
        label_cell, row_label = found
        cells[f.key] = grid.anchor(_value_cell(grid, label_cell, f.place))
        r0, _, r1, _ = grid.span(row_label)
        rows_of[f.key] = range(r0, r1 + 1)
    return Layout(spec, cells, _channels(grid, spec, cells, rows_of))


def _label_cell(grid: Grid, f: FormField) -> tuple[Cell, Cell] | None:
    """Return the field's label cell and the row label it sits beside (itself when alone)."""
    for label in f.labels:
        if f.within is None:
            cell = grid.find(label)
            if cell is not None:
                return cell, cell
            continue
        row_label = grid.find(f.within)
        if row_label is None:
            return None
        r0, _, r1, c1 = grid.span(row_label)
        cell = grid.find(label, range(r0, r1 + 1), after=c1)
        if cell is not None:
            return cell, row_label
    return None


def _value_cell(grid: Grid, label: Cell, place: Place) -> Cell:
    r0, c0, r1, c1 = grid.span(label)
    return (r0, c1 + 1) if place is Place.RIGHT else (r1 + 1, c0)


def _channels(grid: Grid, spec: FormSpec, cells: Mapping[str, Cell],
              rows_of: Mapping[str, range]) -> dict[str, Cell]:
    """Return the 信息获得渠道 cell of each channel field: its row, the channel header's column."""
    header = grid.find(CHANNEL_LABEL)
    if header is None:
        return {}
    column = grid.span(header)[1]
    out: dict[str, Cell] = {}
    for f in spec.fields:
        if f.channel and f.key in cells and cells[f.key][1] < column:
            out[f.key] = grid.anchor((rows_of[f.key].start, column))
    return out


# A form spreads its labels over many rows; a log's header row holds the same words in one.
_MIN_FORM_ROWS = 5


def detect(grid: Grid, specs: Iterable[FormSpec]) -> FormSpec | None:
    """Return the form whose number label the sheet shows (a record form names its prep, too)."""
    ordered = sorted(specs, key=lambda s: s.key != "visit_record")
    for spec in ordered:
        number = spec.field("number")
        if not any(grid.find(label) is not None for label in number.labels):
            continue
        rows = {row for row, _ in locate(grid, spec).cells.values()}
        if len(rows) >= _MIN_FORM_ROWS:
            return spec
    return None

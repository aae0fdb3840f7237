"""A dealership's workbook as typed tables: each sheet recognised by its header row.

Sheets are found by their headers (within the first ten rows, under titles and a 维护日期 row),
not by name or position; the archive's two-row 需求车型 header and merged cells are understood.
A table keeps its raw values column by column, aligned with their spreadsheet rows, so every
value can be traced back to its cell; normalised columns are computed once and cached.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from pathlib import Path
from typing import Any, TypeVar

from kactl import normalise as norm
from kactl.config import Config
from kactl.findings import Finding
from kactl.io.read import RawSheet, open_workbook
from kactl.schema import SHEETS, Field, Kind, SheetSchema

log = logging.getLogger(__name__)
T = TypeVar("T")

HEADER_SCAN_ROWS = 10
_TOTAL_ROW_WORDS = frozenset({"合计", "总计", "小计"})  # compared after header_key


def column_letter(index: int) -> str:
    """Return the spreadsheet letters of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Column:
    """One recognised column: its field (or model), where it is, and its raw values."""

    key: str
    index: int
    header: str
    values: list[Any]
    field: Field | None = None  # None for a per-model demand column

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Table:
    """The data rows of one recognised sheet, column by column."""

    file: str
    sheet: str
    schema: SheetSchema
    header_row: int  # 1-based, the (first) header row
    rows: list[int]  # 1-based spreadsheet row of each data row
    columns: dict[str, Column]
    models: dict[str, Column] = field(default_factory=dict)
    maintenance_date: dt.date | None = None
    date1904: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    def has(self, key: str) -> bool:
        return key in self.columns

    def raw(self, key: str) -> list[Any]:
        col = self.columns.get(key)
        return col.values if col else [""] * len(self.rows)

    def _cached(self, kind: str, key: str, fn: Callable[[Any], T]) -> list[T]:
        cache = self._cache.setdefault(kind, {})
        if key not in cache:
            cache[key] = norm.map_unique(self.raw(key), fn)
        result: list[T] = cache[key]
        return result

    @cached_property
    def _cache(self) -> dict[str, dict[str, Any]]:
        return {}

    def text(self, key: str) -> list[str]:
        """Return a column as normalised text ('' where blank or absent)."""
        return self._cached("text", key, norm.text)

    def names(self, key: str = "customer") -> list[str]:
        """Return a column of customer names in the form they are matched by."""
        return self._cached("name", key, norm.name_key)

    def dates(self, key: str) -> list[dt.date | norm.Bad | None]:
        """Return a column as dates (Bad where a cell is not one; a month alone where allowed)."""
        col = self.columns.get(key)
        month_ok = col is not None and col.field is not None and col.field.kind is Kind.MONTH_DATE
        return self._cached(
            "date", key, lambda v: norm.parse_date(v, date1904=self.date1904, month_ok=month_ok)
        )

    def numbers(self, key: str, *, model: bool = False) -> list[float | norm.Bad | None]:
        """Return a column (or, with `model`, a model's demand column) as numbers."""
        if model:
            values = self.models[key].values
            return norm.map_unique(values, norm.parse_number)
        return self._cached("number", key, norm.parse_number)

    def people(self, key: str) -> list[tuple[str, ...]]:
        """Return a column of people lists, each split into names."""
        return self._cached("people", key, norm.split_people)


@dataclass
class Workbook:
    """The recognised tables of one or more workbook files, and what reading them found."""

    files: list[str] = field(default_factory=list)
    tables: dict[str, list[Table]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    rows_read: int = 0

    def all(self, kind: str) -> list[Table]:
        return self.tables.get(kind, [])

    def first(self, kind: str) -> Table | None:
        tables = self.tables.get(kind)
        return tables[0] if tables else None


# --- reading ---------------------------------------------------------------------------


def load(paths: Iterable[Path], config: Config | None = None) -> Workbook:
    """Return the tables of every recognised sheet in the given workbook files."""
    config = config or Config()
    book = Workbook()
    for path in paths:
        load_file(Path(path), config, book)
    return book


def load_file(path: Path, config: Config, book: Workbook) -> None:
    """Add the recognised sheets of one file to `book`."""
    name = str(path)
    book.files.append(name)
    found: list[tuple[int, Table]] = []
    with open_workbook(path, config.limits, pipelined=True) as reader:
        for sheet_name in reader.scan_order():
            raw = reader.read(sheet_name)
            table = recognise(raw, name, config, book.findings, date1904=reader.date1904)
            if table is None:
                log.info("%s: sheet %s is not one kactl knows; ignored", name, sheet_name)
                continue
            log.info(
                "%s: sheet %s read as %s (header row %d, %d data rows)",
                name,
                sheet_name,
                table.schema.key,
                table.header_row,
                len(table.rows),
            )
            found.append((reader.sheet_names.index(sheet_name), table))
    for _, table in sorted(found, key=lambda item: item[0]):  # the workbook's own sheet order
        book.tables.setdefault(table.schema.key, []).append(table)
        book.rows_read += len(table.rows)


def _fill_merges(raw: RawSheet) -> list[list[Any]]:
    """Return the sheet's rows with each merged range's value copied into all its cells."""
    rows = raw.rows
    if not raw.merged:
        return rows
    r_off, c_off = raw.origin
    rows = [list(r) for r in rows]
    for r0, c0, r1, c1 in raw.merged:
        if not (0 <= r0 - r_off < len(rows)) or not rows[r0 - r_off]:
            continue
        top = rows[r0 - r_off]
        if not 0 <= c0 - c_off < len(top):
            continue
        value = top[c0 - c_off]
        for r in range(max(r0 - r_off, 0), min(r1 - r_off + 1, len(rows))):
            line = rows[r]
            for c in range(max(c0 - c_off, 0), min(c1 - c_off + 1, len(line))):
                line[c] = value
    return rows


@dataclass
class _HeaderMatch:
    schema: SheetSchema
    row: int  # index into rows
    fields: dict[str, int]  # field key -> column index (into the row)
    models: dict[str, int]
    sub_used: bool
    seen: list[str]

    @property
    def score(self) -> int:
        return len(self.fields) + len(self.models)


def _header_index(schema: SheetSchema) -> dict[str, Field]:
    index: dict[str, Field] = {}
    for f in schema.fields:
        for h in f.headers:
            index.setdefault(norm.header_key(h), f)
    return index


_INDEXES = {key: _header_index(s) for key, s in SHEETS.items()}


def _model_name(key: str, group: str | None, models: tuple[str, ...]) -> str | None:
    if key in models:
        return key
    if group and key.startswith(group):  # a flat header such as 需求车型-捷达
        rest = key[len(group) :].lstrip("-_:/")
        return rest or None
    return None


def _match_row(schema: SheetSchema, top: list[str], sub: list[str], config: Config) -> _HeaderMatch:
    index = _INDEXES[schema.key]
    group = norm.header_key(schema.model_group) if schema.model_group else None
    fields: dict[str, int] = {}
    models: dict[str, int] = {}
    sub_used = False
    in_group = False
    for c, key in enumerate(top):
        f = index.get(key)
        if f is not None:
            in_group = False
            fields.setdefault(f.key, c)
            continue
        if group and (key == group or (key == "" and in_group)):
            in_group = True
            model = sub[c] if c < len(sub) else ""
            # Under 需求车型 the next row names the models; a number there is data, not a header.
            if model and model != group and not isinstance(norm.parse_number(model), float):
                models.setdefault(model, c)
                sub_used = True
            continue
        in_group = False
        flat = _model_name(key, group, config.models) if group else None
        if flat:
            models.setdefault(flat, c)
    return _HeaderMatch(schema, 0, fields, models, sub_used, [k for k in top if k])


def _find_header(
    rows: list[list[Any]], config: Config
) -> tuple[_HeaderMatch | None, list[_HeaderMatch]]:
    """Return the first full header match in the first rows, and partial ones seen before it."""
    partial: list[_HeaderMatch] = []
    keys = [[norm.header_key(v) for v in row] for row in rows[: HEADER_SCAN_ROWS + 1]]
    for r in range(min(HEADER_SCAN_ROWS, len(keys))):
        sub = keys[r + 1] if r + 1 < len(keys) else []
        best: _HeaderMatch | None = None
        for schema in SHEETS.values():
            match = _match_row(schema, keys[r], sub, config)
            match.row = r
            missing = [f for f in schema.required if f.key not in match.fields]
            if not missing and (best is None or match.score > best.score):
                best = match
            elif len(schema.required) - len(missing) >= 2:
                partial.append(match)
        if best is not None:
            return best, partial
    return None, partial


def _maintenance_date(rows: list[list[Any]], above: int) -> dt.date | None:
    """Return the 维护日期 written above the header, in the same cell or the next one."""
    for row in rows[:above]:
        for c, value in enumerate(row):
            label = norm.header_key(value)
            if not label.startswith("维护日期"):
                continue
            rest = label[len("维护日期") :].lstrip(":")
            candidates = [rest] + [norm.text(v) for v in row[c + 1 : c + 4]]
            for candidate in candidates:
                parsed = norm.parse_date(candidate) if candidate else None
                if isinstance(parsed, dt.date):
                    return parsed
    return None


def recognise(
    raw: RawSheet, file: str, config: Config, findings: list[Finding], *, date1904: bool = False
) -> Table | None:
    """Return the sheet as a Table if its header row is one of ours, else None."""
    rows = _fill_merges(raw)
    match, partial = _find_header(rows, config)
    if match is None:
        _report_partial(raw, file, partial, findings)
        return None
    return _build_table(raw, rows, match, file, date1904)


def _report_partial(
    raw: RawSheet, file: str, partial: list[_HeaderMatch], findings: list[Finding]
) -> None:
    if not partial:
        return
    best = max(partial, key=lambda m: m.score)
    missing = [f.header for f in best.schema.required if f.key not in best.fields]
    findings.append(
        Finding(
            "missing-column",
            file,
            raw.name,
            row=best.row + raw.origin[0] + 1,
            params={
                "title": best.schema.title,
                "missing": "、".join(missing),
                "present": "、".join(best.seen),
            },
        )
    )


def _build_table(
    raw: RawSheet, rows: list[list[Any]], match: _HeaderMatch, file: str, date1904: bool
) -> Table:
    r_off, c_off = raw.origin
    first_data = match.row + (2 if match.sub_used else 1)
    data = rows[first_data:]
    keep = _data_rows(data, match)
    if not all(keep):
        data = list(compress(data, keep))
    row_numbers = list(compress(range(r_off + first_data + 1, r_off + len(rows) + 1), keep))
    width = max((len(r) for r in data), default=0)
    transposed = list(zip(*data, strict=True)) if data and width else []

    def values(c: int) -> list[Any]:
        return list(transposed[c]) if c < len(transposed) else [""] * len(data)

    header_row = rows[match.row]
    columns = {
        key: Column(key, c + c_off, norm.text(header_row[c]), values(c), match.schema.field(key))
        for key, c in match.fields.items()
    }
    models = {
        model: Column(model, c + c_off, model, values(c)) for model, c in match.models.items()
    }
    return Table(
        file=file,
        sheet=raw.name,
        schema=match.schema,
        header_row=r_off + match.row + 1,
        rows=row_numbers,
        columns=columns,
        models=models,
        maintenance_date=_maintenance_date(rows, match.row),
        date1904=date1904,
    )


def _data_rows(data: list[list[Any]], match: _HeaderMatch) -> list[bool]:
    """Tell for each row whether it holds data: not blank, and not a 合计 line under the table."""
    keep = list(map(any, data))  # blank cells are '' (falsy); a row of zeros is no record either
    if not match.fields or not data:
        return keep
    first = min(match.fields.values())
    column = [row[first] for row in data] if first < len(data[0]) else []
    # Only short text can be a 合计 label: judge those few distinct values, not every cell.
    totals = {
        v for v in set(column)
        if type(v) is str and len(v) <= 8 and norm.header_key(v) in _TOTAL_ROW_WORDS
    }  # fmt: skip
    if not totals:
        return keep
    return [k and v not in totals for k, v in zip(keep, column, strict=True)]

"""Checks within a row or across rows of one sheet: totals, duplicates, people, grade vs date."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from kactl import normalise as norm
from kactl.config import Config
from kactl.findings import Finding
from kactl.rules.cells import as_date, as_number, finding_at, nearest, resolve
from kactl.rules.context import Context
from kactl.schema import BUDGET_ITEMS, Kind
from kactl.workbook import Table

_TOLERANCE = 0.005  # money is kept to the fen; anything closer is rounding


def _sum_findings(
    table: Table, total_key: str, part_cols: list[list[float | None]], parts_label: str
) -> Iterator[Finding]:
    """Yield a finding where a filled total differs from the sum of its filled parts."""
    col = table.columns.get(total_key)
    if col is None or not part_cols:
        return
    totals = table.numbers(total_key)
    for i, total in enumerate(totals):
        parts = [p[i] for p in part_cols if p[i] is not None]
        if not isinstance(total, float) or not parts:
            continue
        expected = sum(p for p in parts if p is not None)
        if abs(total - expected) > _TOLERANCE:
            yield finding_at(
                table,
                col,
                i,
                "total-mismatch",
                _fmt(total),
                parts=parts_label,
                expected=_fmt(expected),
            )


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:.2f}"


def total_findings(table: Table) -> Iterator[Finding]:
    """Yield total-mismatch findings: demand per model, and the five budget or cost items."""
    if table.schema.key == "archive":
        cols = [[as_number(v) for v in table.numbers(m, model=True)] for m in table.models]
        yield from _sum_findings(table, "demand_total", cols, "、".join(table.models))
    elif table.schema.key in ("visit_prep", "visit_record"):
        present = [k for k in BUDGET_ITEMS if table.has(k)]
        cols = [[as_number(v) for v in table.numbers(k)] for k in present]
        label = "、".join(table.schema.field(k).header for k in present)
        yield from _sum_findings(table, "total", cols, label)


def duplicate_findings(table: Table, key: str, code: str) -> Iterator[Finding]:
    """Yield a finding at every later row that repeats an earlier row's value of `key`."""
    col = table.columns.get(key)
    if col is None:
        return
    first: dict[str, int] = {}
    for i, value in enumerate(table.names(key)):
        if not value:
            continue
        if value in first:
            yield finding_at(table, col, i, code, first=table.rows[first[value]])
        else:
            first[value] = i


def people_findings(table: Table, ctx: Context) -> Iterator[Finding]:
    """Yield findings about people: unknown to 人员, named twice, or more than two."""
    staff = sorted(ctx.staff)
    for col in table.columns.values():
        assert col.field is not None
        if col.field.kind not in (Kind.PERSON, Kind.PEOPLE):
            continue
        cache: dict[tuple[str, ...], list[tuple[str, dict[str, object], str | None]]] = {}
        for i, names in enumerate(table.people(col.key)):
            if not names:
                continue
            if names not in cache:
                cache[names] = _judge_people(names, col.field.kind, staff, ctx.has_staff)
            for code, params, suggestion in cache[names]:
                yield finding_at(table, col, i, code, suggestion=suggestion, **params)


def _judge_people(
    names: tuple[str, ...], kind: Kind, staff: list[str], has_staff: bool
) -> list[tuple[str, dict[str, object], str | None]]:
    out: list[tuple[str, dict[str, object], str | None]] = []
    if kind is Kind.PEOPLE and len(names) > 2:
        out.append(("too-many-people", {"count": len(names)}, None))
    seen: set[str] = set()
    for name in names:
        if name in seen:
            out.append(("same-person-twice", {"value": name}, None))
        seen.add(name)
        if has_staff and name not in staff:
            out.append(("unknown-person", {"value": name}, nearest(name, staff)))
    return out


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _grade_windows(
    config: Config, since: dt.date
) -> dict[str, tuple[dt.date | None, dt.date | None, int, int | None]]:
    """Return, per checked grade, the earliest and latest expected date it allows."""
    vocab = config.vocabulary("grade")
    ordered = [g for g in vocab.values if g in config.grade_months]
    slack = config.grade_slack_months
    windows = {}
    for n, grade in enumerate(ordered):
        limit = config.grade_months[grade]
        low = max((m for g in ordered[:n] if (m := config.grade_months[g]) is not None), default=0)
        windows[grade] = (
            _add_months(since, low - slack) if low else None,
            _add_months(since, limit + slack) if limit is not None else None,
            low,
            limit,
        )
    return windows


def grade_findings(table: Table, config: Config) -> Iterator[Finding]:
    """Yield a warning where a grade promises a purchase sooner or later than 预计购车日期."""
    col = table.columns.get("expected_date")
    if col is None or not table.has("grade"):
        return
    since = table.maintenance_date or config.clock()
    vocab = config.vocabulary("grade")
    windows = _grade_windows(config, since)
    grades = norm.map_unique(table.text("grade"), lambda g: resolve(vocab, g) if g else None)
    for i, (grade, raw_date) in enumerate(zip(grades, table.dates("expected_date"), strict=True)):
        expected = as_date(raw_date)
        if grade is None or expected is None or grade not in windows:
            continue
        earliest, latest, low, limit = windows[grade]
        if (latest and expected > latest) or (earliest and expected < earliest):
            window = f"{low}–{limit} 个月" if limit else f"{low} 个月以后"
            window_en = f"{low}-{limit} months" if limit else f"more than {low} months"
            yield finding_at(
                table,
                col,
                i,
                "grade-date",
                expected.isoformat(),
                grade=grade,
                window=window,
                window_en=window_en,
                since=since.isoformat(),
            )


def model_findings(table: Table, config: Config) -> Iterator[Finding]:
    """Yield a warning for every 车型 of a delivery that is not one of the dealership's models."""
    col = table.columns.get("model")
    if col is None:
        return
    models = list(config.models)
    verdicts: dict[str, str | None] = {}
    for i, model in enumerate(table.text("model")):
        if not model or model in config.models:
            continue
        if model not in verdicts:
            verdicts[model] = nearest(model, models)
        yield finding_at(table, col, i, "unknown-model", suggestion=verdicts[model])

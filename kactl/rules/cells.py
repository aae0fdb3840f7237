"""Checks of single cells: required values, vocabularies, dates, numbers, phones.

Each check works on one column at a time and judges each distinct value once, so a column of
100,000 cells with a dozen distinct values costs a dozen judgements and one pass to find cells.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from typing import Any

from kactl import normalise as norm
from kactl.config import Config
from kactl.findings import Finding
from kactl.schema import Field, Kind, Vocabulary
from kactl.workbook import Column, Table

Verdict = tuple[str, dict[str, Any], str | None] | None  # (code, params, suggestion) or fine


def nearest(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """Return the choice closest to `value`, if any is reasonably close."""
    found = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.34)
    return found[0] if found else None


def resolve(vocab: Vocabulary, value: str) -> str | None:
    """Return the canonical value of `value` in `vocab`, or None when it is not one."""
    if value in vocab.values:
        return value
    if value in vocab.aliases:
        return vocab.aliases[value]
    upper = value.upper()
    return vocab.aliases.get(upper) or (upper if upper in vocab.values else None)


def _vocab_judge(vocab: Vocabulary) -> Callable[[Any], Verdict]:
    choices = list(vocab.values)

    def judge(raw: Any) -> Verdict:
        value = norm.text(raw)
        if not value or resolve(vocab, value) is not None:
            return None
        if value in vocab.ambiguous:
            return "vocabulary-ambiguous", {"options": "、".join(choices)}, None
        alias_hit = nearest(value, list(vocab.aliases))
        suggestion = nearest(value, choices) or (vocab.aliases[alias_hit] if alias_hit else None)
        return "vocabulary", {}, suggestion

    return judge


def _date_judge(month_ok: bool, date1904: bool) -> Callable[[Any], Verdict]:
    def judge(raw: Any) -> Verdict:
        parsed = norm.parse_date(raw, date1904=date1904, month_ok=month_ok)
        return (parsed.reason, {}, None) if isinstance(parsed, norm.Bad) else None

    return judge


def _number_judge(kind: Kind) -> Callable[[Any], Verdict]:
    def judge(raw: Any) -> Verdict:
        n = norm.parse_number(raw)
        if n is None:
            return None
        if isinstance(n, norm.Bad):
            return "number", {}, None
        shown = {"value": _show(n)}
        if n < 0:
            return "negative", shown, None
        if kind in (Kind.COUNT, Kind.QUANTITY) and not n.is_integer():
            return "not-whole", shown, None
        if kind is Kind.QUANTITY and n < 1:
            return "quantity-min", shown, None
        if kind is Kind.SCORE100 and n > 100:
            return "score-range", shown, None
        return None

    return judge


def _phone_judge(raw: Any) -> Verdict:
    value = norm.text(raw)
    return ("phone", {}, None) if value and not norm.phone_ok(value) else None


def _show(n: float) -> str:
    return str(int(n)) if n.is_integer() else f"{n:g}"


def judge_for(f: Field, config: Config, date1904: bool) -> Callable[[Any], Verdict] | None:
    """Return the single-cell check for a field's kind, if it has one."""
    if f.kind is Kind.VOCAB and f.vocab:
        return _vocab_judge(config.vocabulary(f.vocab))
    if f.kind in (Kind.DATE, Kind.MONTH_DATE):
        return _date_judge(f.kind is Kind.MONTH_DATE, date1904)
    if f.kind in (Kind.COUNT, Kind.QUANTITY, Kind.MONEY, Kind.SCORE100, Kind.WEIGHT):
        return _number_judge(f.kind)
    if f.kind is Kind.PHONE:
        return _phone_judge
    return None


def finding_at(
    table: Table,
    col: Column,
    i: int,
    code: str,
    value: Any = None,
    suggestion: str | None = None,
    **params: Any,
) -> Finding:
    """Return a finding at data row i of `col`."""
    header = col.field.header if col.field else col.header
    shown = norm.text(col.values[i]) if value is None else value
    return Finding(
        code,
        table.file,
        table.sheet,
        row=table.rows[i],
        column=col.letter,
        field=col.field.key if col.field else col.key,
        value=shown,
        suggestion=suggestion,
        params={"header": header, **params},
    )


def column_findings(
    table: Table, col: Column, judge: Callable[[Any], Verdict]
) -> Iterator[Finding]:
    """Yield a finding for every cell of `col` that `judge` rejects."""
    verdicts = {v: judge(v) for v in dict.fromkeys(col.values)}
    bad = {v for v, verdict in verdicts.items() if verdict is not None}
    if not bad:
        return
    for i, v in enumerate(col.values):
        if v in bad:
            code, params, suggestion = verdicts[v]  # type: ignore[misc]
            extra = dict(params)
            yield finding_at(table, col, i, code, extra.pop("value", None), suggestion, **extra)


def required_findings(table: Table) -> Iterator[Finding]:
    """Yield a finding for every blank cell of a required column."""
    for f in table.schema.required:
        col = table.columns.get(f.key)
        if col is None:
            continue
        blanks = {v for v in set(col.values) if v is None or (isinstance(v, str) and not v.strip())}
        if not blanks:
            continue
        for i, v in enumerate(col.values):
            if v in blanks:
                yield finding_at(table, col, i, "required", value="")


def check_cells(table: Table, config: Config) -> Iterator[Finding]:
    """Yield the single-cell findings of every recognised column of `table`."""
    yield from required_findings(table)
    for col in table.columns.values():
        assert col.field is not None
        judge = judge_for(col.field, config, table.date1904)
        if judge is not None:
            yield from column_findings(table, col, judge)
    model_judge = _number_judge(Kind.COUNT)
    for col in table.models.values():
        yield from column_findings(table, col, model_judge)


def as_date(value: dt.date | norm.Bad | None) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def as_number(value: float | norm.Bad | None) -> float | None:
    return value if isinstance(value, float) else None

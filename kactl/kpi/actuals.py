"""Every KPI's actual figure for every scope of one period, with the notes that explain gaps."""

from __future__ import annotations

from dataclasses import dataclass, field

from kactl.kpi import customers, demand, sales, visits
from kactl.kpi.definition import Context, Definition
from kactl.kpi.measures import Measure, ScopeKey, Selection, Value, evaluate
from kactl.kpi.notes import Note
from kactl.kpi.periods import Period
from kactl.schema import KPIS

# How many scope names a note about scopes without data lists before it says "…".
_NAMES_SHOWN = 5


@dataclass
class Actual:
    """One KPI's figure per scope; `breakdown` holds per-model figures where it has them."""

    values: dict[ScopeKey, Value]
    breakdown: dict[ScopeKey, dict[str, Value]] = field(default_factory=dict)


def definitions(ctx: Context) -> list[Definition]:
    """Return every KPI's definition, in the order of SPEC §5."""
    found = {d.code: d for d in (*sales.DEFINITIONS, *customers.DEFINITIONS,
                                 *visits.DEFINITIONS, *demand.definitions(ctx.frames.models))}
    return [found[code] for code in KPIS]


def compute(ctx: Context, period: Period,
            kinds: tuple[str, ...]) -> tuple[dict[str, Actual], list[Note]]:
    """Return each KPI's actuals for the period, and notes in the order of the KPIs."""
    actuals: dict[str, Actual] = {}
    notes: list[Note] = []
    for definition in ctx.once("definitions", lambda: definitions(ctx)):
        actual, found = _one(definition, ctx, period, kinds)
        actuals[definition.code] = actual
        notes += [n.prefixed(definition.code) for n in found]
    return actuals, notes


def _one(definition: Definition, ctx: Context, period: Period,
         kinds: tuple[str, ...]) -> tuple[Actual, list[Note]]:
    selection = definition.select(ctx, period)
    if isinstance(selection, Note):
        # Not computable at all: every scope's actual is none, and the note says why.
        keys = [k for k in ctx.scopes.of(kinds) if k[0] != "outlet"]
        return Actual(dict.fromkeys(keys, None)), [selection]
    values = evaluate(selection, definition.measure, ctx.scopes, kinds)
    breakdown = {m: evaluate(selection, Measure("sum", m), ctx.scopes, kinds)
                 for m in definition.breakdown}
    per_scope = {key: {m: figures[key] for m, figures in breakdown.items()} for key in values}
    actual = Actual(values, per_scope if breakdown else {})
    return actual, [*selection.notes, *selection.source.notes,
                    *_empty_notes(selection, values, ctx)]


def _empty_notes(selection: Selection, values: dict[ScopeKey, Value],
                 ctx: Context) -> list[Note]:
    notes: list[Note] = []
    if values.get(("dealer", ctx.scopes.dealer), 0.0) is None:
        notes.append(selection.empty or Note("本期没有数据", "no data in the period"))
    source = selection.source
    empty = [name for (kind, name), v in values.items()
             if v is None and kind != "dealer" and source.links(kind) is not None]
    if empty:
        shown = "、".join(empty[:_NAMES_SHOWN]) + ("…" if len(empty) > _NAMES_SHOWN else "")
        notes.append(Note(f"{len(empty)} 个范围本期没有数据：{shown}",
                          f"{len(empty)} scope(s) have no data in the period: {shown}"))
    return notes

"""The numerator and denominator of each rate KPI of a dealership, so the region can pool them.

A region's rate is not the mean of its dealers' rates: a dealer with 3 survey answers must not
weigh as much as one with 300. Each rate of SPEC §5 is Σ something / Σ something else (plus an
offset for budget_variance), so the region's is Σ numerators / Σ denominators. The scorecard
gives only the quotient; this module takes the same rows the scorecard library selects for the
period and aggregates them with its own measures, so the parts are exactly the ones the
dealer's rate was divided from.
"""

from __future__ import annotations

from typing import Any

from kactl.kpi.actuals import definitions
from kactl.kpi.measures import Measure, Selection, evaluate
from kactl.kpi.notes import Note
from kactl.kpi.periods import Period
from kactl.kpi.scorecard import Prepared
from kactl.schema import KPIS

RATES = tuple(code for code, info in KPIS.items() if info.rate)
_DEALER = ("dealer",)


def rate_parts(prepared: Prepared, period: Period) -> dict[str, dict[str, float] | None]:
    """Return {numerator, denominator} of every rate KPI for the dealership over the period;
    None for a KPI the workbook cannot compute at all (the scorecard's notes say why)."""
    ctx = prepared.context
    parts: dict[str, dict[str, float] | None] = {}
    for definition in ctx.once("definitions", lambda: definitions(ctx)):
        if definition.code not in RATES:
            continue
        selection = definition.select(ctx, period)
        parts[definition.code] = (None if isinstance(selection, Note)
                                  else _parts(prepared, selection, definition.measure))
    return parts


def _parts(prepared: Prepared, selection: Selection, measure: Measure) -> dict[str, float]:
    if measure.how == "mean":  # churned / base, Σ scores / answers, good / scored, timely / all
        below = Measure("count")
    elif measure.how == "ratio":  # Σ cost / Σ approved budget
        below = Measure("sum", measure.denominator)
    else:
        raise ValueError(f"a rate KPI measured by {measure.how!r} cannot be pooled")
    return {"numerator": _dealer_figure(prepared, selection, Measure("sum", measure.column)),
            "denominator": _dealer_figure(prepared, selection, below)}


def _dealer_figure(prepared: Prepared, selection: Selection, measure: Measure) -> float:
    values: dict[Any, float | None] = evaluate(selection, measure, prepared.scopes, _DEALER)
    value = values[("dealer", prepared.scopes.dealer)]
    return round(value or 0.0, 6)

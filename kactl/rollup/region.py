"""The region's figures, pooled from its dealerships' summaries.

Counts and amounts are summed. Rates are pooled from their parts: Σ numerators / Σ denominators
over the dealerships that have the rate (satisfaction = Σ scores / Σ answers, churn = Σ churned
/ Σ base, budget_variance = Σ cost / Σ approved − 1, …), never the mean of the dealers' rates.
A region target is given only when every dealership with the figure has a target: the sum of
theirs, or for a rate the rate the region would have had if each had met its own (their targets
weighted by their denominators). Its attainment is worked out as a dealer's is.

Each KPI also gets the spread of the dealers' attainment: how many are below 80%, between 80%
and 100%, at or above 100%, or without one, and the lowest, median and highest.
"""

from __future__ import annotations

from statistics import median
from typing import Any

from kactl.kpi.render import CLOSE, MET
from kactl.kpi.scorecard import attainment, figure
from kactl.rollup import cards
from kactl.rollup.cards import Summary
from kactl.schema import KPIS

# Added to Σ numerator / Σ denominator: budget variance is cost over budget, less one.
OFFSET = {"budget_variance": -1.0}


def summarise(summaries: list[Summary], cap: float, failed: int = 0) -> dict[str, Any]:
    """Return the region's summary: per KPI its pooled figure and spread, and the scores'."""
    return {
        "dealers": len(summaries),
        "failed": failed,
        "kpis": {code: region_kpi(code, summaries, cap) for code in cards.codes(summaries)},
        "score": spread([cards.score(s) for s in summaries]),
        "validation": {key: sum(s["validation"][key] for s in summaries)
                       for key in ("errors", "warnings")},
    }


def region_kpi(code: str, summaries: list[Summary], cap: float) -> dict[str, Any]:
    """Return one KPI for the region: actual, target, attainment, how many dealerships it is
    pooled from and how many have a target, the rate's parts, and the attainment spread."""
    pooled = _pooled(code, summaries) if KPIS[code].rate else _summed(code, summaries)
    actual, target = pooled.pop("actual"), pooled.pop("target")
    entry = {"actual": figure(code, actual), "target": _round(target),
             "attainment": _round(attainment(code, actual, target, cap)), **pooled}
    if code == "pipeline":
        entry["models"] = _models(summaries)
    entry["distribution"] = spread([cards.figure(s, code, "attainment") for s in summaries])
    return entry


def _summed(code: str, summaries: list[Summary]) -> dict[str, Any]:
    having = [s for s in summaries if cards.figure(s, code) is not None]
    targets = [cards.figure(s, code, "target") for s in having]
    known = [t for t in targets if t is not None]
    return {
        "actual": sum(cards.figure(s, code) for s in having) if having else None,
        "target": sum(known) if having and len(known) == len(having) else None,
        "dealers": len(having),
        "targeted": len(known),
    }


def _pooled(code: str, summaries: list[Summary]) -> dict[str, Any]:
    parts = [(s, p) for s in summaries if (p := (s.get("rate_parts") or {}).get(code))
             and p["denominator"] > 0]
    numerator = sum(p["numerator"] for _, p in parts)
    denominator = sum(p["denominator"] for _, p in parts)
    targets = [(cards.figure(s, code, "target"), p["denominator"]) for s, p in parts]
    known = [(t, d) for t, d in targets if t is not None]
    pooled_target = (sum(t * d for t, d in known) / denominator
                     if parts and len(known) == len(parts) else None)
    return {
        "actual": numerator / denominator + OFFSET.get(code, 0.0) if denominator else None,
        "target": pooled_target,
        "dealers": len(parts),
        "targeted": len(known),
        "numerator": round(numerator, 6),
        "denominator": round(denominator, 6),
    }


def _models(summaries: list[Summary]) -> dict[str, float | int | None]:
    totals: dict[str, float] = {}
    for s in summaries:
        for model, value in (cards.kpi(s, "pipeline") or {}).get("models", {}).items():
            totals[model] = totals.get(model, 0.0) + (value or 0.0)
    return {model: figure("pipeline", value) for model, value in totals.items()}


def spread(values: list[float | None]) -> dict[str, Any]:
    """Return how many values fall in each attainment band, and their min, median and max."""
    known = [v for v in values if v is not None]
    return {
        "under_80": sum(v < CLOSE for v in known),
        "80_to_100": sum(CLOSE <= v < MET for v in known),
        "100_and_over": sum(v >= MET for v in known),
        "none": len(values) - len(known),
        "min": min(known, default=None),
        "median": _round(median(known)) if known else None,
        "max": max(known, default=None),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)

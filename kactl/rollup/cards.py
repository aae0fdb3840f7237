"""Reading a dealership's summary: its one (dealer) scope, its KPIs and figures, its order."""

from __future__ import annotations

from typing import Any

from kactl.kpi.render import MET
from kactl.schema import KPIS

Summary = dict[str, Any]  # a worker's summary of one dealership (see kactl.rollup.worker)


def dealer_scope(summary: Summary) -> dict[str, Any]:
    """Return the dealer scope of a summary's scorecard (the only scope a roll-up scores)."""
    scope: dict[str, Any] = summary["scopes"][0]
    return scope


def kpi(summary: Summary, code: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = dealer_scope(summary)["kpis"].get(code)
    return found


def figure(summary: Summary, code: str, key: str = "actual") -> Any:
    """Return one figure of a KPI (actual, target, attainment, weight); None when absent."""
    found = kpi(summary, code)
    return None if found is None else found.get(key)


def score(summary: Summary) -> float | None:
    value: float | None = dealer_scope(summary)["score"]
    return value


def codes(summaries: list[Summary]) -> list[str]:
    """Return the KPI codes any summary has, in the order of SPEC §5."""
    present = {code for s in summaries for code in dealer_scope(s)["kpis"]}
    return [code for code in KPIS if code in present]


def by_score(dealers: list[Summary]) -> list[Summary]:
    """Return the dealerships best score first; those without a score last, in file order."""
    return sorted(dealers, key=lambda s: (s["ranks"]["score"] is None, s["ranks"]["score"] or 0))


def kpis_met(summary: Summary) -> str:
    """Return 'met / with a target', e.g. 9/12."""
    attained = [k["attainment"] for k in dealer_scope(summary)["kpis"].values()
                if k["attainment"] is not None]
    return f"{sum(a >= MET for a in attained)}/{len(attained)}"

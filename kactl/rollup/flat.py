"""The roll-up as one flat table, for CSV: a row per dealership, the region's row, and a row
per workbook that failed.

The first column, `row`, says which kind a row is (`dealer`, `region`, `failed`). Headers are
KPI codes, not words, so scripts reading the CSV do not depend on the language.
"""

from __future__ import annotations

from typing import Any

from kactl.rollup import cards
from kactl.rollup.cards import Summary

FIELDS = ("actual", "target", "attainment", "rank")


def table(result: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Return the header and the rows."""
    dealers: list[Summary] = result["dealers"]
    codes = cards.codes(dealers)
    models = list(result["region"]["kpis"].get("pipeline", {}).get("models", {}))
    header = ["row", "dealer", "file", "score_rank", "score", "errors", "warnings"]
    for code in codes:
        header += [f"{code}.{field}" for field in FIELDS]
        header += [f"pipeline.models.{m}" for m in models] if code == "pipeline" else []
    header.append("error")
    rows = [_dealer_row(d, codes, models) for d in dealers]
    rows.append(_region_row(result["region"], codes, models))
    rows += [["failed", f["dealer"], f["file"], *[None] * (len(header) - 4), f["error"]]
             for f in result["failed"]]
    return header, rows


def _dealer_row(summary: Summary, codes: list[str], models: list[str]) -> list[Any]:
    ranks = summary["ranks"]
    validation = summary["validation"]
    row: list[Any] = ["dealer", summary["dealer"], summary["file"], ranks["score"],
                      cards.score(summary), validation["errors"], validation["warnings"]]
    for code in codes:
        row += [cards.figure(summary, code, key) for key in FIELDS[:3]] + [ranks.get(code)]
        if code == "pipeline":
            shown = (cards.kpi(summary, code) or {}).get("models", {})
            row += [shown.get(m) for m in models]
    return [*row, None]


def _region_row(region: dict[str, Any], codes: list[str], models: list[str]) -> list[Any]:
    validation = region["validation"]
    row: list[Any] = ["region", "", "", None, None, validation["errors"],
                      validation["warnings"]]
    for code in codes:
        kpi = region["kpis"][code]
        row += [kpi["actual"], kpi["target"], kpi["attainment"], None]
        row += [kpi["models"].get(m) for m in models] if code == "pipeline" else []
    return [*row, None]

"""The scorecard: every KPI's actual, target, attainment and weight for every scope, and each
scope's composite score — as the dict `kactl scorecard --format json` prints (SPEC §7).

`compute` scores one period. `prepare` reads and normalises a workbook once and `card` scores
any number of periods from it, which is what `compute_many` does for a year of monthly cards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kactl.config import Config
from kactl.errors import MissingSheetError, UsageError
from kactl.kpi import actuals as kpi_actuals
from kactl.kpi import frames as kpi_frames
from kactl.kpi import scopes as kpi_scopes
from kactl.kpi import targets as kpi_targets
from kactl.kpi.definition import Context
from kactl.kpi.periods import Period
from kactl.kpi.scopes import KINDS
from kactl.schema import KPIS, SHEETS
from kactl.workbook import Workbook, load

# The sheets KPIs are computed from: a workbook with none of them has nothing to score.
KPI_SHEETS = ("deliveries", "service", "satisfaction", "visit_record", "visit_prep", "archive")


@dataclass(frozen=True)
class Prepared:
    """A workbook read once: its frames and scopes (in `context`) and targets, ready to score
    any period."""

    context: Context
    targets: kpi_targets.Targets

    @property
    def config(self) -> Config:
        return self.context.frames.config

    @property
    def frames(self) -> kpi_frames.Frames:
        return self.context.frames

    @property
    def scopes(self) -> kpi_scopes.Scopes:
        return self.context.scopes


def prepare(book: Workbook, config: Config | None = None) -> Prepared:
    """Return the workbook's frames, scopes and targets."""
    frames = kpi_frames.build(book, config)
    context = Context(frames, kpi_scopes.build(frames))
    targets = kpi_targets.read(frames.targets, frames.config)
    targets.notes += kpi_targets.unmatched(targets, context.scopes.names)
    return Prepared(context, targets)


def read_workbook(paths: Sequence[Path], config: Config) -> Workbook:
    """Return the loaded workbooks; MissingSheetError when none holds a sheet a KPI reads."""
    book = load(paths, config)
    if not any(book.all(kind) for kind in KPI_SHEETS):
        titles = "、".join(SHEETS[k].title for k in KPI_SHEETS)
        raise MissingSheetError(f"工作簿中没有计算 KPI 所需的任何工作表（{titles}）",
                                f"the workbook has none of the sheets KPIs are computed from "
                                f"({titles})", file=", ".join(str(p) for p in paths))
    return book


def gaps(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Return (scope, name, KPI) of every actual the scorecard could not compute."""
    return [(s["scope"], s["name"], code) for s in result["scopes"]
            for code, kpi in s["kpis"].items() if kpi["actual"] is None]


def scope_kinds(by: str | Iterable[str] | None) -> tuple[str, ...]:
    """Return the scope kinds named by --by (a comma list or a sequence); all when None."""
    if by is None:
        return KINDS
    words = by.split(",") if isinstance(by, str) else list(by)
    kinds = tuple(w.strip().lower() for w in words if w.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise UsageError(f"--by 的值“{'、'.join(unknown)}”无法识别，可用：{','.join(KINDS)}",
                         f"--by {','.join(unknown)!r} is not understood; use {','.join(KINDS)}")
    return tuple(k for k in KINDS if k in kinds)


def compute(book: Workbook, config: Config | None, period: Period,
            by: str | Iterable[str] | None = None) -> dict[str, Any]:
    """Return the scorecard of one period as SPEC §7's JSON object."""
    return card(prepare(book, config), period, by)


def compute_many(book: Workbook, config: Config | None, periods: Sequence[Period],
                 by: str | Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Return the scorecards of several periods from one reading of the workbook."""
    prepared = prepare(book, config)
    return [card(prepared, period, by) for period in periods]


def card(prepared: Prepared, period: Period,
         by: str | Iterable[str] | None = None) -> dict[str, Any]:
    """Return the scorecard of one period from a prepared workbook."""
    kinds = scope_kinds(by)
    actuals, notes = kpi_actuals.compute(prepared.context, period, kinds)
    scopes = [_scope(prepared, actuals, period, kind, name)
              for kind, name in prepared.scopes.of(kinds)]
    notes += prepared.targets.notes + prepared.context.frames.notes
    return {"period": period.to_dict(), "scopes": scopes, "notes": [n.text() for n in notes]}


def _scope(prepared: Prepared, actuals: dict[str, kpi_actuals.Actual], period: Period,
           kind: str, name: str) -> dict[str, Any]:
    key = (kind, name)
    kpis: dict[str, dict[str, Any]] = {}
    for code, actual in actuals.items():
        if key not in actual.values:
            continue  # not a KPI of this scope (an outlet has only its deliveries' KPIs)
        kpis[code] = _kpi(prepared, code, actual.values[key], kind, name, period)
        if actual.breakdown:
            kpis[code]["models"] = {m: figure(code, v) for m, v in actual.breakdown[key].items()}
    _weigh(prepared, kpis, kind, name, period)
    return {"scope": kind, "name": prepared.scopes.label(kind, name), "kpis": kpis,
            "score": score(kpis, prepared.config.score_cap)}


def _kpi(prepared: Prepared, code: str, actual: float | None, kind: str, name: str,
         period: Period) -> dict[str, Any]:
    target = prepared.targets.for_period(code, kind, name, period)
    return {"actual": figure(code, actual), "target": _round(target),
            "attainment": _round(attainment(code, actual, target, prepared.config.score_cap)),
            "weight": None}


def _weigh(prepared: Prepared, kpis: dict[str, dict[str, Any]], kind: str, name: str,
           period: Period) -> None:
    """Fill in the weights of the KPIs with a target: 权重, else kactl.toml, else equal."""
    targeted = [code for code, k in kpis.items() if k["target"] is not None]
    given = {}
    for code in targeted:
        weight = prepared.targets.weight(code, kind, name, period)
        weight = weight if weight is not None else prepared.config.weights.get(code)
        if weight is not None:
            given[code] = weight
    # KPIs without a weight of their own weigh as much as the average of those that have one.
    fallback = sum(given.values()) / len(given) if given else 1.0 / max(len(targeted), 1)
    for code in targeted:
        kpis[code]["weight"] = _round(given.get(code, fallback))


def attainment(code: str, actual: float | None, target: float | None,
               cap: float) -> float | None:
    """Return actual / target, or target / actual for lower-is-better KPIs.

    budget_variance is a difference, so its attainment is 1 − (actual − target). A zero that
    cannot divide scores as met (zero of zero) or as the cap (nothing churned against a target).
    """
    if actual is None or target is None:
        return None
    if code == "budget_variance":
        return 1.0 - (actual - target)
    numerator, denominator = (target, actual) if KPIS[code].lower_is_better else (actual, target)
    if denominator == 0:
        return 1.0 if numerator == 0 else cap
    return numerator / denominator


def score(kpis: dict[str, dict[str, Any]], cap: float) -> float | None:
    """Return Σ weight × min(attainment, cap) / Σ weight over the KPIs that have an attainment."""
    scored = [(k["weight"], k["attainment"]) for k in kpis.values()
              if k["attainment"] is not None and k["weight"] is not None]
    total = sum(w for w, _ in scored)
    if not scored or not total:
        return None
    return _round(sum(w * min(a, cap) for w, a in scored) / total)


def figure(code: str, value: float | None) -> float | int | None:
    """Return an actual as it is shown: counts as integers, rates to four places."""
    if value is None:
        return None
    if not KPIS[code].rate and float(value).is_integer():
        return int(value)
    return round(value, 4 if KPIS[code].rate else 2)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)

"""The roll-up's figures: each dealership's are its own scorecard's, the region's are pooled.

Totals are checked against the KPI library run on each workbook directly; rates against
ratios worked out by hand from the normalised logs (the mean of the dealers' rates would be
wrong).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from statistics import mean
from typing import Any

import numpy as np
import pandas as pd
import pytest

from kactl import render
from kactl.config import Config
from kactl.rollup.ranks import competition_ranks
from kactl.rollup.region import OFFSET
from kactl.rollup.run import Rollup, rollup
from kactl.schema import KPIS
from tests.rollup.conftest import Region
from tests.rollup.helpers import MAY, MAY_DAYS, own_card, prepared

ADDITIVE = [code for code, info in KPIS.items() if not info.rate]
RATES = [code for code, info in KPIS.items() if info.rate]


@pytest.fixture(scope="module")
def rolled(region: Region) -> Rollup:
    return rollup([region.root], Config(), MAY, jobs=1)


@pytest.fixture(scope="module")
def own(region: Region) -> dict[str, dict[str, Any]]:
    """Each dealership's dealer scope, scored by the KPI library on its workbook alone."""
    return {name: own_card(path) for name, path in region.workbooks.items()}


def _dealers(rolled: Rollup) -> dict[str, dict[str, Any]]:
    return {d["dealer"]: d for d in rolled.result["dealers"]}


def test_the_broken_file_is_listed_and_left_out_and_the_run_says_so(
        rolled: Rollup, region: Region) -> None:
    assert rolled.exit_code == 1
    assert [f["file"] for f in rolled.result["failed"]] == [str(region.broken)]
    assert rolled.result["failed"][0]["error"]
    assert set(_dealers(rolled)) == set(region.workbooks)
    assert rolled.result["region"]["dealers"] == 3
    assert rolled.result["region"]["failed"] == 1


def test_each_dealership_is_its_own_scorecard(rolled: Rollup,
                                              own: dict[str, dict[str, Any]]) -> None:
    for name, summary in _dealers(rolled).items():
        scope = summary["scopes"][0]
        assert scope["name"] == name
        assert scope["kpis"] == own[name]["kpis"]
        assert scope["score"] == own[name]["score"]
        assert summary["validation"] == {"errors": 0, "warnings": 0}  # generated files are clean


@pytest.mark.parametrize("code", ADDITIVE)
def test_the_region_total_is_the_sum_of_the_dealerships(
        code: str, rolled: Rollup, own: dict[str, dict[str, Any]]) -> None:
    region = rolled.result["region"]["kpis"][code]
    assert region["actual"] == sum(card["kpis"][code]["actual"] for card in own.values())
    targets = [card["kpis"][code]["target"] for card in own.values()]
    if None in targets:
        assert region["target"] is None
    else:
        assert region["target"] == pytest.approx(sum(targets), abs=1e-3)
    if code == "pipeline":
        for model, value in region["models"].items():
            assert value == sum(c["kpis"][code]["models"][model] for c in own.values())


def _in_may(days: pd.Series) -> pd.Series:
    return (days >= MAY_DAYS[0]) & (days <= MAY_DAYS[1])


def _hand_parts(frames: Any) -> dict[str, tuple[float, float]]:
    """Return each rate's numerator and denominator for May, worked out from the frames."""
    answers = frames.satisfaction[_in_may(frames.satisfaction["day"])]
    preps = frames.preps[_in_may(frames.preps["day"])]
    visits = frames.visits[_in_may(frames.visits["day"])]
    late = (visits["authored"] < 0) | (visits["authored"] - visits["day"] > 2)
    budgeted = visits[visits["approved"].fillna(0) > 0]
    return {
        "satisfaction": (answers["score"].sum(), len(answers)),
        "prep_quality": (preps["good"].sum(), len(preps)),
        "record_timeliness": (float((~late).sum()), len(visits)),
        "budget_variance": (budgeted["cost"].sum(), budgeted["approved"].sum()),
        "churn_rate": _hand_churn(frames),
    }


def _hand_churn(frames: Any) -> tuple[float, float]:
    """Churned and base for May 2008: active from 2007-05 to 2008-04, and then not from
    2007-06 to 2008-05."""
    activity = pd.concat([frames.deliveries[["day", "customer"]],
                          frames.service[["day", "customer"]]])

    def active(first: dt.date, last: dt.date) -> set[str]:
        days = activity["day"]
        return set(activity["customer"][(days >= first.toordinal())
                                        & (days <= last.toordinal())])

    base = active(dt.date(2007, 5, 1), dt.date(2008, 4, 30))
    churned = base - active(dt.date(2007, 6, 1), dt.date(2008, 5, 31))
    return float(len(churned)), float(len(base))


@pytest.fixture(scope="module")
def hand(region: Region) -> list[dict[str, tuple[float, float]]]:
    return [_hand_parts(prepared(path).frames) for path in region.workbooks.values()]


@pytest.mark.parametrize("code", RATES)
def test_a_region_rate_is_pooled_from_the_dealerships_parts(
        code: str, rolled: Rollup, hand: list[dict[str, tuple[float, float]]]) -> None:
    numerator = sum(parts[code][0] for parts in hand)
    denominator = sum(parts[code][1] for parts in hand)
    region = rolled.result["region"]["kpis"][code]
    assert region["numerator"] == pytest.approx(numerator)
    assert region["denominator"] == pytest.approx(denominator)
    assert region["actual"] == pytest.approx(numerator / denominator + OFFSET.get(code, 0.0),
                                             abs=1e-4)


def test_pooling_is_not_the_mean_of_the_dealerships_rates(
        rolled: Rollup, own: dict[str, dict[str, Any]]) -> None:
    differs = [code for code in RATES
               if not math.isclose(rolled.result["region"]["kpis"][code]["actual"],
                                   mean(c["kpis"][code]["actual"] for c in own.values()),
                                   abs_tol=1e-4)]
    assert differs  # else this region could not tell pooling from averaging


def test_a_dealerships_parts_divide_to_its_own_rate(rolled: Rollup) -> None:
    for summary in rolled.result["dealers"]:
        for code in RATES:
            parts = summary["rate_parts"][code]
            actual = summary["scopes"][0]["kpis"][code]["actual"]
            rate = parts["numerator"] / parts["denominator"] + OFFSET.get(code, 0.0)
            assert rate == pytest.approx(actual, abs=1e-4)


def test_a_region_rate_target_is_weighted_by_the_denominators(rolled: Rollup) -> None:
    dealers = rolled.result["dealers"]
    parts = [d["rate_parts"]["satisfaction"]["denominator"] for d in dealers]
    targets = [d["scopes"][0]["kpis"]["satisfaction"]["target"] for d in dealers]
    expected = float(np.dot(parts, targets) / sum(parts))
    assert rolled.result["region"]["kpis"]["satisfaction"]["target"] == pytest.approx(
        expected, abs=1e-4)


def test_the_spread_of_attainment_counts_every_dealership(rolled: Rollup) -> None:
    for code, kpi in rolled.result["region"]["kpis"].items():
        spread = kpi["distribution"]
        attained = sorted(d["scopes"][0]["kpis"][code]["attainment"]
                          for d in rolled.result["dealers"]
                          if d["scopes"][0]["kpis"][code]["attainment"] is not None)
        assert spread["under_80"] + spread["80_to_100"] + spread["100_and_over"] == len(attained)
        assert spread["none"] == 3 - len(attained)
        assert spread["under_80"] == sum(a < 0.8 for a in attained)
        assert spread["100_and_over"] == sum(a >= 1.0 for a in attained)
        if attained:
            assert (spread["min"], spread["median"], spread["max"]) == (
                attained[0], attained[1], attained[-1])


def test_ranks_follow_the_figures_lowest_first_where_lower_is_better(rolled: Rollup) -> None:
    dealers = rolled.result["dealers"]
    for code in ("new_volume", "churn_rate", "budget_variance", "satisfaction"):
        values = {d["dealer"]: d["scopes"][0]["kpis"][code]["actual"] for d in dealers}
        pick = min if KPIS[code].lower_is_better else max
        best = pick(values, key=lambda name: values[name])
        assert {d["dealer"]: d["ranks"][code] for d in dealers}[best] == 1
    scores = sorted(dealers, key=lambda d: -d["scopes"][0]["score"])
    assert [d["ranks"]["score"] for d in scores] == [1, 2, 3]


def test_ties_share_a_rank_and_a_missing_figure_has_none() -> None:
    assert competition_ranks([3, 1, 3, None, 2], descending=True) == [1, 4, 1, None, 3]
    assert competition_ranks([0.1, 0.05, 0.1, None], descending=False) == [2, 1, 2, None]
    assert competition_ranks([], descending=True) == []


def test_two_jobs_give_the_same_json_as_one(region: Region, rolled: Rollup) -> None:
    two = rollup([region.root], Config(), MAY, jobs=2)
    assert render.dumps(two.result) == render.dumps(rolled.result)


def test_spawned_workers_give_the_same_json(region: Region, rolled: Rollup) -> None:
    """Windows starts its workers by spawning: the jobs must pickle and import cleanly."""
    spawned = rollup([region.root], Config(), MAY, jobs=2, start_method="spawn")
    assert json.loads(render.dumps(spawned.result)) == json.loads(render.dumps(rolled.result))

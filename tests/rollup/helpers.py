"""What the roll-up's tests share: the period, direct scorecards, and workers that misbehave.

The workers are module-level functions so that a process pool can pickle them by name.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from kactl.config import Config
from kactl.kpi.periods import parse_period
from kactl.kpi.scorecard import Prepared, compute, prepare, read_workbook
from kactl.rollup.worker import Job, score

MAY = parse_period(month="2008-05")
MAY_DAYS = (dt.date(2008, 5, 1).toordinal(), dt.date(2008, 5, 31).toordinal())


def own_card(path: Path) -> dict[str, Any]:
    """Return a workbook's dealer scope, scored by the KPI library directly."""
    config = Config()
    card = compute(read_workbook([path], config), config, MAY, "dealer")
    scope: dict[str, Any] = card["scopes"][0]
    return scope


def prepared(path: Path) -> Prepared:
    config = Config()
    return prepare(read_workbook([path], config), config)


def crash_on_west(job: Job) -> dict[str, Any]:
    """Score a dealership, except that the worker scoring "west" dies on the spot."""
    if job.dealer.name == "west":
        os._exit(3)
    return score(job)

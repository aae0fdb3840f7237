"""One dealership's part of a roll-up, as run in a worker process.

`score` is a top-level function of picklable arguments, so it runs under every start method
(Windows spawns its workers). It reads the dealership's workbooks, validates them, scores the
period for the dealership scope, and returns a small summary; the workbook and its frames are
dropped when it returns, so a worker holds one dealership's data at a time.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Any

from kactl import lang
from kactl.errors import KactlError
from kactl.findings import Severity
from kactl.kpi.periods import Period
from kactl.kpi.scorecard import card, prepare, read_workbook
from kactl.rollup.discover import Dealership
from kactl.rollup.parts import rate_parts
from kactl.validation import validate_book

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """What a worker needs: the dealership, the period, and the language of its messages (a
    spawned worker does not inherit the parent's)."""

    index: int
    dealer: Dealership
    period: Period
    language: str


def score(job: Job) -> dict[str, Any]:
    """Return the dealership's summary, or {dealer, file, error} when it cannot be scored.

    Never raises: one broken workbook must not stop a region's run. An unexpected error (a bug,
    not a bad file) is reported the same way, with its traceback kept for --debug.
    """
    lang.set_current(job.language)
    dealer = job.dealer
    try:
        return summary(dealer, job.period)
    except KactlError as exc:
        return failure(dealer, exc.text() if exc.file != dealer.file else lang.pick(exc.zh, exc.en))
    except Exception as exc:  # whatever goes wrong stays this dealership's failure
        log.debug("scoring %s failed", dealer.file, exc_info=True)
        return {**failure(dealer, f"{type(exc).__name__}: {exc}"),
                "traceback": traceback.format_exc()}


def summary(dealer: Dealership, period: Period) -> dict[str, Any]:
    """Return the dealership's SPEC §7 scorecard (dealer scope only) with its validation
    counts and the parts of its rates."""
    book = read_workbook(list(dealer.paths), dealer.config)
    findings = validate_book(book, dealer.config)
    prepared = prepare(book, dealer.config)
    scorecard = card(prepared, period, ("dealer",))
    return {
        "dealer": dealer.name,
        "file": dealer.file,
        "files": [str(p) for p in dealer.paths],
        **scorecard,
        "validation": {
            "errors": sum(f.severity is Severity.ERROR for f in findings),
            "warnings": sum(f.severity is Severity.WARNING for f in findings),
        },
        "rate_parts": rate_parts(prepared, period),
    }


def failure(dealer: Dealership, error: str) -> dict[str, Any]:
    return {"dealer": dealer.name, "file": dealer.file, "error": error}

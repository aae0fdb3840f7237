"""The pool of workers: a workbook that kills its worker, or trips a bug, fails alone."""

from __future__ import annotations

from typing import Any

import pytest

from kactl import lang
from kactl.config import Config
from kactl.rollup import worker
from kactl.rollup.discover import discover
from kactl.rollup.run import assemble, score_all
from kactl.rollup.worker import Job
from tests.rollup.conftest import Region
from tests.rollup.helpers import MAY, crash_on_west


def _jobs(region: Region) -> list[Job]:
    dealers, _ = discover([region.root], Config())
    return [Job(i, d, MAY, "en") for i, d in enumerate(dealers)]


def test_a_worker_that_dies_fails_its_own_dealership_only(region: Region) -> None:
    results = score_all(_jobs(region), 2, work=crash_on_west)
    by_name = {r["dealer"]: r for r in results}
    assert "stopped unexpectedly" in by_name["west"]["error"]
    assert all("error" not in r for name, r in by_name.items() if name not in ("west", "broken"))


def test_results_come_back_in_file_order_with_progress(region: Region) -> None:
    seen: list[tuple[int, int]] = []
    jobs = _jobs(region)
    results = score_all(jobs, 2, lambda done, total: seen.append((done, total)))
    assert [r["file"] for r in results] == [j.dealer.file for j in jobs]
    assert seen == [(i, len(jobs)) for i in range(len(jobs) + 1)]


def test_an_unexpected_error_is_reported_with_its_traceback_kept_apart(
        region: Region, monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(worker, "summary", bug)
    results = score_all(_jobs(region)[:1], 1)
    assert results[0]["error"] == "ZeroDivisionError: division by zero"
    outcome = assemble(MAY.to_dict(), results, 1.2)
    assert "error" in outcome.result["failed"][0]
    assert "traceback" not in outcome.result["failed"][0]
    assert "ZeroDivisionError" in next(iter(outcome.tracebacks.values()))


def test_a_worker_speaks_the_language_it_is_given(region: Region) -> None:
    broken = next(j for j in _jobs(region) if j.dealer.name == "broken")
    english = worker.score(broken)["error"]
    lang.set_current("en")
    chinese = worker.score(Job(broken.index, broken.dealer, MAY, "zh"))["error"]
    assert english != chinese
    assert english.isascii() and not chinese.isascii()

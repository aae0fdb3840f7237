"""A roll-up from start to end: find the dealerships, score them in parallel, rank and pool them.

Dealerships are scored in a pool of worker processes (concurrent.futures), each returning a
small summary, so the parent holds summaries only and its memory grows by a few kilobytes per
dealership, whatever the size of their workbooks. With one job they are scored in this process,
one after the other, each workbook released before the next is read.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from kactl import lang
from kactl.config import Config
from kactl.errors import EXIT_DATA, EXIT_OK
from kactl.kpi.periods import Period
from kactl.rollup.cards import Summary
from kactl.rollup.discover import Refused, discover
from kactl.rollup.ranks import add_ranks
from kactl.rollup.region import summarise
from kactl.rollup.worker import Job, failure, score

Progress = Callable[[int, int], None]  # (dealerships done, dealerships in all)
Work = Callable[[Job], Summary]


@dataclass
class Rollup:
    """The roll-up's JSON object, and the tracebacks of unexpected failures (for --debug)."""

    result: dict[str, Any]
    tracebacks: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """1 when some dealership could not be scored (SPEC §7: done, but the input has
        errors), else 0."""
        return EXIT_DATA if self.result["failed"] else EXIT_OK


def rollup(paths: Sequence[Path], config: Config, period: Period, *, jobs: int | None = None,
           progress: Progress | None = None, skip: Sequence[Path] = (),
           start_method: str | None = None) -> Rollup:
    """Return the roll-up of every dealership found under the PATHs, for the period."""
    dealers, refused = discover(paths, config, skip)
    work = [Job(i, d, period, lang.current()) for i, d in enumerate(dealers)]
    results = score_all(work, jobs or os.cpu_count() or 1, progress, start_method=start_method)
    return assemble(period.to_dict(), [*results, *map(_refused, refused)], config.score_cap)


def _refused(refused: Refused) -> Summary:
    return {"dealer": refused.dealer, "file": refused.file, "error": refused.error}


def assemble(period: dict[str, str], results: list[Summary], cap: float) -> Rollup:
    """Return the roll-up of worker results: dealerships ranked, failures listed, region."""
    scored = [r for r in results if "error" not in r]
    failed = sorted((r for r in results if "error" in r), key=lambda r: str(r["file"]))
    tracebacks = {r["file"]: r.pop("traceback") for r in failed if "traceback" in r}
    add_ranks(scored)
    result = {"period": period, "dealers": scored, "failed": failed,
              "region": summarise(scored, cap, len(failed))}
    return Rollup(result, tracebacks)


class _Results:
    """The summaries received so far, by job index, telling the progress bar of each."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.by_index: dict[int, Summary] = {}
        self.total = total
        self.progress = progress
        if progress is not None:
            progress(0, total)

    def add(self, job: Job, summary: Summary) -> None:
        self.by_index[job.index] = summary
        if self.progress is not None:
            self.progress(len(self.by_index), self.total)

    def has(self, job: Job) -> bool:
        return job.index in self.by_index


def score_all(jobs: Sequence[Job], workers: int, progress: Progress | None = None, *,
              work: Work = score, start_method: str | None = None) -> list[Summary]:
    """Return each job's summary, in the jobs' order whatever order they finish in."""
    results = _Results(len(jobs), progress)
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            results.add(job, work(job))
    else:
        context = multiprocessing.get_context(start_method) if start_method else None
        _in_pool(jobs, min(workers, len(jobs)), work, context, results)
        for job in (j for j in jobs if not results.has(j)):
            results.add(job, _alone(job, work, context))
    return [results.by_index[job.index] for job in jobs]


def _in_pool(jobs: Sequence[Job], workers: int, work: Work, context: BaseContext | None,
             results: _Results) -> None:
    """Score the jobs in a pool; if a worker dies, keep what finished and stop (the caller
    retries the rest one by one)."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        # The biggest workbooks first, so that no worker is left with a big one at the end.
        futures = {pool.submit(work, job): job for job in sorted(jobs, key=_size, reverse=True)}
        for future in as_completed(futures):
            if _broken(future):
                break
            results.add(futures[future], future.result())
        for future, job in futures.items():
            if future.done() and not _broken(future) and not results.has(job):
                results.add(job, future.result())
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: do not finish the queue
        raise
    pool.shutdown()


def _broken(future: Future[Summary]) -> bool:
    """Tell whether the future failed because its worker process died."""
    if not future.done() or future.cancelled():
        return future.cancelled()
    return isinstance(future.exception(), BrokenProcessPool)


def _alone(job: Job, work: Work, context: BaseContext | None) -> Summary:
    """Score one job in a process of its own, after a worker died: if this dealership's
    workbook is what kills a worker, it alone fails."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(work, job).result()
        except BrokenProcessPool:
            return failure(job.dealer, lang.pick(
                "处理该工作簿的进程意外退出（可能内存不足）",
                "the process scoring this workbook stopped unexpectedly (out of memory?)",
                job.language))


def _size(job: Job) -> int:
    total = 0
    for path in job.dealer.paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue  # a missing workbook fails in its worker, with its own message
    return total

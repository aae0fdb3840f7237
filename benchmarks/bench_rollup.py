"""`kactl rollup` over many dealerships, against the bare reads of the same workbooks.

    python benchmarks/bench_rollup.py [--dealers 200] [--customers 2000] [--small 50]
                                      [--repeat 1]

Dealership workbooks (by default 200, each of 2,000 customers with a year's worth of visits,
deliveries, service entries and survey answers) are written once by sample_workbooks/
generate.py's large mode, each with its own seed, and kept under benchmarks/out/rollup/.
Each measurement runs in a fresh child process with its imports done before the clock starts:

- bare reads: python-calamine's `to_python()` of every sheet of every workbook, one by one;
- the roll-up of 2008-05 with --jobs 1, and with one job per CPU, its JSON rendered;
- the roll-up of the first --small dealerships with one job per CPU, to compare peak memory
  (ru_maxrss of the parent, and of its largest worker) with the full run's;
- one job's steps (read, validate, score, rate parts) timed apart, to show where time goes.

Goals: one job within 1.5x the bare reads, a near-linear speed-up with the CPUs, and memory
that does not grow with the number of dealerships.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out" / "rollup"
GOAL = 1.5

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, listing = sys.argv[1], Path(sys.argv[2])
paths = [Path(line) for line in listing.read_text().splitlines()]
if mode == "bare":
    from python_calamine import CalamineWorkbook
elif mode == "phases":
    from kactl.config import Config
    from kactl.kpi.periods import parse_period
    from kactl.kpi.scorecard import card, prepare, read_workbook
    from kactl.rollup.parts import rate_parts
    from kactl.validation import validate_book
    import pandas, numpy
else:
    from kactl import render
    from kactl.config import Config
    from kactl.kpi.periods import parse_period
    from kactl.rollup.run import rollup
    import pandas, numpy  # imported here so that the clock measures the work, not the imports
t0 = time.perf_counter()
parts = {}
if mode == "bare":
    cells = 0
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        cells += sum(len(row) for name in book.sheet_names
                     for row in book.get_sheet_by_name(name).to_python())
    parts["cells"] = cells
elif mode == "phases":
    # The worker's steps one by one, summed over the workbooks: where one job's time goes.
    config, period = Config(), parse_period(month="2008-05")
    parts.update(read=0.0, validate=0.0, score=0.0, rate_parts=0.0)

    def timed(key, step):
        start = time.perf_counter()
        value = step()
        parts[key] += time.perf_counter() - start
        return value

    for path in paths:
        book = timed("read", lambda: read_workbook([path], config))
        timed("validate", lambda: validate_book(book, config))
        ready = timed("score", lambda: prepare(book, config))
        timed("score", lambda: card(ready, period, ("dealer",)))
        timed("rate_parts", lambda: rate_parts(ready, period))
else:
    result = rollup(paths, Config(), parse_period(month="2008-05"), jobs=int(mode)).result
    parts["json_bytes"] = len(render.dumps(result).encode())
    parts["dealers"] = result["region"]["dealers"]
    parts["failed"] = result["region"]["failed"]
seconds = time.perf_counter() - t0
usage = {who: resource.getrusage(getattr(resource, f"RUSAGE_{who.upper()}")).ru_maxrss
         for who in ("self", "children")}
print(json.dumps({"seconds": seconds, "parts": parts, "maxrss_kb": usage}))
"""


@dataclass(frozen=True)
class Run:
    """One child run: its wall time after imports, its counts, its peak memory (MB)."""

    seconds: float
    parts: dict[str, float]
    parent_mb: float
    worker_mb: float


def _generate(args: tuple[Path, int, int]) -> Path:
    path, seed, customers = args
    sys.path.insert(0, str(REPO / "sample_workbooks"))
    generate = importlib.import_module("generate")
    # A year of a dealership's logs: visits, deliveries, service entries, survey answers.
    generate.build_workbook(path, customers=customers, visits=customers * 3 // 2,
                            deliveries=customers * 3 // 4, services=customers,
                            surveys=customers * 3 // 10, seed=seed, large=True)
    return path


def workbooks(dealers: int, customers: int) -> list[Path]:
    """Return the dealerships' workbooks, writing (in parallel) those not written yet."""
    folder = OUT / f"{customers}-customers"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"dealer-{seed:04d}.xlsx" for seed in range(1, dealers + 1)]
    missing = [(p, seed, customers) for seed, p in enumerate(paths, 1) if not p.exists()]
    if missing:
        print(f"writing {len(missing)} workbooks of {customers} customers (once; they are kept "
              f"in {folder.relative_to(REPO)})…", flush=True)
        with ProcessPoolExecutor() as pool:
            for done, _ in enumerate(pool.map(_generate, missing), 1):
                if done % 20 == 0 or done == len(missing):
                    print(f"  {done}/{len(missing)}", flush=True)
    return paths


def measure(mode: str, paths: list[Path], repeat: int) -> Run:
    """Return the fastest of `repeat` runs of one measurement, each in a fresh process (the
    fastest is the one least disturbed by whatever else the machine was doing)."""
    return min((_child(mode, paths) for _ in range(repeat)), key=lambda run: run.seconds)


def _child(mode: str, paths: list[Path]) -> Run:
    listing = OUT / f"paths-{len(paths)}.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(listing)], check=True,
                          capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO), "PATH": os.environ.get("PATH", "")})
    found = json.loads(done.stdout)
    rss = found["maxrss_kb"]
    return Run(float(found["seconds"]), dict(found["parts"]), rss["self"] / 1024,
               rss["children"] / 1024)


def report(bare: Run, one: Run, every: Run, small: Run, dealers: int, small_n: int,
           cpus: int) -> None:
    print(f"{'bare calamine reads':34} {bare.seconds:7.2f} s   1.00x   ({bare.parts['cells']:,} "
          f"cells)")
    for label, run in ((f"rollup --jobs 1 ({dealers})", one),
                       (f"rollup --jobs {cpus} ({dealers})", every)):
        rate = dealers / run.seconds * 3600
        print(f"{label:34} {run.seconds:7.2f} s  {run.seconds / bare.seconds:5.2f}x   "
              f"{rate:9,.0f} dealers/hour   parent {run.parent_mb:5.0f} MB, "
              f"largest worker {run.worker_mb:5.0f} MB")
    print(f"{f'rollup --jobs {cpus} ({small_n})':34} {small.seconds:7.2f} s           "
          f"parent {small.parent_mb:5.0f} MB, largest worker {small.worker_mb:5.0f} MB")
    ratio = one.seconds / bare.seconds
    print(f"speed-up with {cpus} jobs: {one.seconds / every.seconds:.2f}x")
    print(f"memory, {small_n} → {dealers} dealerships: parent "
          f"{every.parent_mb / small.parent_mb:.2f}x, workers "
          f"{every.worker_mb / max(small.worker_mb, 1):.2f}x")
    print(f"goal: one job within {GOAL}x the bare reads: {'met' if ratio <= GOAL else 'NOT met'}"
          f" ({ratio:.2f}x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dealers", type=int, default=200)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--small", type=int, default=50, help="dealerships of the memory check")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, the best kept")
    args = parser.parse_args(argv)
    paths = workbooks(args.dealers, args.customers)
    size = sum(p.stat().st_size for p in paths) / 1e6
    cpus = os.cpu_count() or 1
    print(f"{len(paths)} workbooks, {size:.0f} MB, {cpus} CPUs, best of {args.repeat}")
    bare, one, every, small, phases = (
        measure(mode, chosen, args.repeat)
        for mode, chosen in (("bare", paths), ("1", paths), (str(cpus), paths),
                             (str(cpus), paths[:args.small]), ("phases", paths)))
    report(bare, one, every, small, len(paths), min(args.small, len(paths)), cpus)
    print("one job's time, step by step: " + ", ".join(
        f"{k} {v:.2f} s ({v / bare.seconds:.2f}x)" for k, v in phases.parts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

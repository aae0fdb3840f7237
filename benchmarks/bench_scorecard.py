"""`kactl scorecard` on a large dealership year, against the bare read of the same cells.

    python benchmarks/bench_scorecard.py [--repeat 3] [--customers 10000]

The workbook (10,000 customers, 100,000 visit records, 50,000 deliveries, 50,000 service
entries) is written once by sample_workbooks/generate.py's large mode and kept under
benchmarks/out/. Each measurement runs in a fresh child process with its imports done before
the clock starts, and the best of --repeat runs is printed:

- bare read: python-calamine's `to_python()` of every sheet (the cells merely read into Python);
- one month: load the workbook and compute 2008-05's scorecard --by consultant;
- twelve months: load once and compute every month of 2008, --by consultant.

The goal is one month within 1.5x the bare read; twelve months should cost little more.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
GOAL = 1.5

CHILD = r"""
import json, sys, time
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
if mode == "calamine":
    from python_calamine import CalamineWorkbook
else:
    from kactl.config import Config
    from kactl.kpi.periods import parse_period, year_months
    from kactl.kpi.scorecard import card, prepare
    from kactl.workbook import load
    import pandas, numpy  # imported here so that the clock measures the work, not the imports
t0 = time.perf_counter()
parts = {}
if mode == "calamine":
    book = CalamineWorkbook.from_path(str(path))
    cells = sum(len(row) for name in book.sheet_names
                for row in book.get_sheet_by_name(name).to_python())
    parts["cells"] = cells
else:
    config = Config()
    workbook = load([path], config)
    parts["load"] = time.perf_counter() - t0
    prepared = prepare(workbook, config)
    parts["prepare"] = time.perf_counter() - t0 - parts["load"]
    periods = [parse_period(month="2008-05")] if mode == "month" else year_months(2008)
    cards = [card(prepared, p, "consultant") for p in periods]
    parts["cards"] = time.perf_counter() - t0 - parts["load"] - parts["prepare"]
    parts["scopes"] = len(cards[0]["scopes"])
print(json.dumps({"seconds": time.perf_counter() - t0, "parts": parts}))
"""


@dataclass(frozen=True)
class Run:
    """One child run: its wall time after imports, and its parts (seconds, or counts)."""

    seconds: float
    parts: dict[str, float]


def workbook(customers: int) -> Path:
    """Return the benchmark workbook, writing it the first time."""
    scale = customers / 10_000
    path = OUT / f"scorecard-{customers}.xlsx"
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    sys.path.insert(0, str(REPO / "sample_workbooks"))
    generate = importlib.import_module("generate")
    print(f"writing {path.name} (once; it is kept for later runs)…", flush=True)
    counts = generate.build_workbook(path, customers=customers, visits=round(100_000 * scale),
                                     deliveries=round(50_000 * scale),
                                     services=round(50_000 * scale), large=True)
    print(", ".join(f"{sheet} {n}" for sheet, n in counts.items()))
    return path


def measure(mode: str, path: Path, repeat: int) -> Run:
    """Return the fastest of `repeat` child runs of one mode."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True,
                              capture_output=True, text=True, cwd=REPO,
                              env={"PYTHONPATH": str(REPO), "PATH": ""})
        found = json.loads(done.stdout)
        runs.append(Run(float(found["seconds"]), dict(found["parts"])))
    return min(runs, key=lambda r: r.seconds)


def _parts(run: Run) -> str:
    return ", ".join(f"{k} {v:.2f} s" if isinstance(v, float) else f"{k} {v}"
                     for k, v in run.parts.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--customers", type=int, default=10_000)
    args = parser.parse_args(argv)
    path = workbook(args.customers)
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, best of {args.repeat}")
    bare = measure("calamine", path, args.repeat)
    month = measure("month", path, args.repeat)
    year = measure("year", path, args.repeat)
    for label, run in (("bare calamine read", bare), ("one month --by consultant", month),
                       ("twelve months, one load", year)):
        print(f"{label:28} {run.seconds:7.2f} s  {run.seconds / bare.seconds:5.2f}x   "
              f"({_parts(run)})")
    ratio = month.seconds / bare.seconds
    print(f"goal: one month within {GOAL}x the bare read: {'met' if ratio <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`kactl --help` against a bare typer app's --help, each in fresh processes, in one run.

    python benchmarks/bench_help.py [--repeat 20]

Goal: kactl's start-up within 1.3x of the bare app (it must not import pandas, openpyxl or
python-calamine just to print its help).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def validate(path: str) -> None:
    pass
@app.command()
def scorecard(month: str) -> None:
    pass
app()
"""


def best(argv: list[str], repeat: int) -> float:
    """Return the median wall time of `repeat` fresh runs of argv."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=REPO)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    bare = best([sys.executable, "-c", BARE, "--help"], args.repeat)
    kactl = best([sys.executable, "-m", "kactl", "--help"], args.repeat)
    print(f"bare typer --help: {bare * 1000:.0f} ms")
    print(f"kactl --help:      {kactl * 1000:.0f} ms  ({kactl / bare:.2f}x, goal 1.30x)")


if __name__ == "__main__":
    main()

"""`kactl validate` against the bare read of the same cells, on archives of 10,000 and 100,000 rows.

Each measurement runs in a fresh child process, so its peak memory is its own; all of them run
in this one script on the same files, and the figures printed are ratios to the baselines:

    python benchmarks/bench_validate.py [--sizes 10000,100000] [--repeat 3]

Baselines: python-calamine's `to_python()` of every sheet (the cells merely read into Python),
and fastexcel's read of every sheet into Arrow (calamine underneath, columnar).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent))

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
if mode == "calamine":
    import python_calamine as pc
elif mode == "fastexcel":
    import fastexcel
else:
    from kactl.config import Config
    from kactl.validation import validate
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
if mode == "calamine":
    wb = pc.CalamineWorkbook.from_path(str(path))
    cells = sum(len(r) for n in wb.sheet_names for r in wb.get_sheet_by_name(n).to_python())
elif mode == "fastexcel":
    reader = fastexcel.read_excel(str(path))
    cells = 0
    for n in reader.sheet_names:
        t = reader.load_sheet(n, header_row=None).to_arrow()
        cells += t.num_rows * t.num_columns
else:
    report = validate([path], Config())
    cells = report.rows
    assert report.errors == 0, report.to_dict()["findings"][:5]
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_kb": peak, "extra_kb": peak - before, "n": cells}))
"""


def measure(mode: str, path: Path, repeat: int) -> dict[str, float]:
    """Return the best time and its peak memory over `repeat` fresh processes."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, mode, str(path)],
            check=True,
            capture_output=True,
            text=True,
            cwd=HERE.parent,
        )
        runs.append(json.loads(done.stdout))
    return min(runs, key=lambda r: r["seconds"])


def workbook(rows: int) -> Path:
    """Return a valid generated archive of `rows` customers (cached between runs)."""
    from sample_workbooks.generate import build_workbook

    OUT.mkdir(exist_ok=True)
    path = OUT / f"validate-{rows}.xlsx"
    if not path.exists():
        t0 = time.perf_counter()
        build_workbook(
            path,
            customers=rows,
            visits=max(rows // 10, 300),
            deliveries=max(rows // 10, 300),
            services=max(rows // 10, 300),
            large=True,
        )
        print(f"generated {path.name} in {time.perf_counter() - t0:.1f}s", flush=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'rows':>8} {'reader':>10} {'seconds':>8} {'peak MB':>8} {'+MB':>7} "
        f"{'t/calamine':>10} {'t/fastexcel':>11} {'mem/calamine':>12}"
    )
    for rows in (int(s) for s in args.sizes.split(",")):
        path = workbook(rows)
        results = {m: measure(m, path, args.repeat) for m in ("calamine", "fastexcel", "kactl")}
        base, fast = results["calamine"], results["fastexcel"]
        for mode, r in results.items():
            print(
                f"{rows:>8} {mode:>10} {r['seconds']:>8.2f} {r['peak_kb'] / 1024:>8.0f} "
                f"{r['extra_kb'] / 1024:>7.0f} {r['seconds'] / base['seconds']:>10.2f} "
                f"{r['seconds'] / fast['seconds']:>11.2f} "
                f"{r['peak_kb'] / base['peak_kb']:>12.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()

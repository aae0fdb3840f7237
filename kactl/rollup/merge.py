"""Joining roll-ups made apart, e.g. one per machine over its share of the region's folders.

Each roll-up's JSON carries every dealership's scorecard with the parts of its rates, so the
merged region is pooled exactly as one run over all the workbooks would pool it; ranks are
worked out again over all the dealerships. The roll-ups must be of the same period.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kactl.errors import InputError, UsageError
from kactl.kpi.periods import Period
from kactl.rollup.run import Rollup, assemble

_TOP = frozenset({"period", "dealers", "failed"})
_DEALER = frozenset({"dealer", "file", "scopes", "notes", "validation", "rate_parts"})


def merge(paths: Sequence[Path], cap: float, period: Period | None = None) -> Rollup:
    """Return the roll-up of the dealerships of several roll-up JSON files."""
    parts = [read(path) for path in paths]
    labels = sorted({p["period"]["label"] for p in parts})
    if len(labels) > 1 or (period is not None and labels != [period.label]):
        wanted = [period.label] if period is not None else []
        raise UsageError(f"要合并的汇总期间不同：{'、'.join(sorted({*labels, *wanted}))}",
                         f"the roll-ups are of different periods: "
                         f"{', '.join(sorted({*labels, *wanted}))}")
    results: list[dict[str, Any]] = []
    for part in parts:
        results += [{k: v for k, v in d.items() if k != "ranks"} for d in part["dealers"]]
        results += part["failed"]
    return assemble(parts[0]["period"], results, cap)


def read(path: Path) -> dict[str, Any]:
    """Return a roll-up's JSON object; InputError when the file is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(f"无法读取（{reason}）", f"cannot read ({reason})", file=path) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError("不是 JSON 文件", "not a JSON file", file=path) from None
    if not _is_rollup(data):
        raise InputError("不是 kactl rollup --format json 的输出",
                         "not the output of kactl rollup --format json", file=path)
    result: dict[str, Any] = data
    return result


def _is_rollup(data: Any) -> bool:
    if not isinstance(data, dict) or not data.keys() >= _TOP:
        return False
    dealers, failed = data["dealers"], data["failed"]
    return (isinstance(dealers, list) and isinstance(failed, list)
            and all(isinstance(d, dict) and d.keys() >= _DEALER for d in dealers)
            and all(isinstance(f, dict) and {"file", "error"} <= f.keys() for f in failed))

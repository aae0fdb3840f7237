"""Child process for the kactl.io tests: open and read workbooks, print one JSON line each.

Usage: isolated_open.py LIMITS_JSON PATH... A native abort inside python-calamine shows as the
exit status (and the missing lines), which the parent turns into a test failure.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from kactl.errors import InputError
from kactl.io.limits import Limits
from kactl.io.read import open_workbook

MEMORY = 4 * 1024**3  # a huge allocation fails fast here instead of swapping the machine


def outcome(path: Path, limits: Limits) -> dict[str, object]:
    """Return what reading gives, the same with the guard run beside the reader or before it."""
    before = _outcome(path, limits, pipelined=False)
    beside = _outcome(path, limits, pipelined=True)
    if beside != before:
        return {"status": "modes differ", "before": before, "beside": beside}
    return before


def _outcome(path: Path, limits: Limits, *, pipelined: bool) -> dict[str, object]:
    try:
        with open_workbook(path, limits, pipelined=pipelined) as book:
            sheets = {name: len(book.read(name).rows) for name in book.sheet_names}
            return {
                "status": "ok",
                "format": book.format,
                "date1904": book.date1904,
                "sheets": sheets,
            }
    except InputError as exc:
        return {"status": "InputError", "zh": exc.zh, "en": exc.en, "file": exc.file}


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    limits = Limits(**json.loads(sys.argv[1]))
    for name in sys.argv[2:]:
        result = outcome(Path(name), limits)
        print(json.dumps({"path": name, **result}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()

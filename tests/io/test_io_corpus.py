"""Every odd or hostile workbook of the shared corpus gives a result or an InputError.

The files are opened in child processes (see io_helpers), so a native abort or a hang inside
python-calamine fails the file's test instead of killing or stalling pytest.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from io_helpers import CORPUS, run_worker

FILES = sorted(p for p in CORPUS.glob("*") if p.name != "INDEX.txt") if CORPUS.is_dir() else []

# What each file must give: "ok", or a phrase of the English refusal.
EXPECTED = {
    "calamine__OOM_alloc3.xls": "damaged",
    "calamine__issue_385.xls": "encrypted",
    "calamine__issue_594_dos.ods": "used range is too large",
    "calamine__pass_protected.ods": "encrypted",
    "calamine__pass_protected.xlsb": "encrypted",
    "calamine__pass_protected.xlsx": "encrypted",
    "calamine__too_small.xls": "text/CSV",
    "pycalamine__empty_file.xlsx": "empty",
    "pycalamine__password.xls": "encrypted",
}

pytestmark = pytest.mark.skipif(not FILES, reason=f"the shared corpus is not at {CORPUS}")


def _parse(stdout: str | bytes | None) -> dict[str, dict[str, Any]]:
    text = stdout.decode() if isinstance(stdout, bytes) else stdout or ""
    results = {}
    for line in text.splitlines():
        result = json.loads(line)
        results[result["path"]] = result
    return results


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict[str, Any]]:
    """One child reads every file; a file it did not report on is retried in a child of its own,
    so one abort or hang is pinned on its file and does not hide the others."""
    try:
        results = _parse(run_worker(FILES, timeout=120).stdout)
    except subprocess.TimeoutExpired as exc:
        results = _parse(exc.stdout)
    for path in FILES:
        if str(path) in results:
            continue
        try:
            proc = run_worker([path], timeout=20)
        except subprocess.TimeoutExpired:
            results[str(path)] = {"status": "hang (over 20 s)"}
            continue
        results[str(path)] = _parse(proc.stdout).get(str(path)) or {
            "status": f"child exited {proc.returncode}", "stderr": proc.stderr[-2000:]}
    return results


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file_reads_or_is_refused(path: Path, outcomes: dict[str, dict[str, Any]]) -> None:
    result = outcomes[str(path)]
    expected = EXPECTED.get(path.name, "ok")
    if expected == "ok":
        assert result["status"] == "ok", result
        assert result["sheets"], result
    else:
        assert result["status"] == "InputError", result
        assert expected in result["en"], result
        assert result["zh"] and result["file"] == str(path)

"""Two runs at once into one output folder leave one complete report and nothing else."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO, SAMPLE

RUN = "from kactl.cli.app import main; main()"


def _start(out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUN, "report", "-w", str(SAMPLE), "--month", "2008-05",
         "--out", str(out), "--quiet"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )


def test_two_runs_at_once(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    runs = [_start(out), _start(out)]
    streams = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], streams
    names = sorted(p.name for p in out.iterdir())
    assert names == ["kactl-report-2008-05.html", "kactl-report-2008-05.xlsx"]  # no temp, no lock
    html = (out / names[0]).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    with zipfile.ZipFile(out / names[1]) as book:
        assert book.testzip() is None

    # Both runs wrote the same bytes, so what is left is exactly one run's report.
    single = tmp_path / "single"
    alone = _start(single)
    alone.communicate(timeout=300)
    assert alone.returncode == 0
    for name in names:
        assert (out / name).read_bytes() == (single / name).read_bytes()

"""`kactl report` through typer's CliRunner, and one real subprocess run."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kactl.cli.app import app
from tests.conftest import REPO, SAMPLE

runner = CliRunner()


def _config(folder: Path, today: str) -> Path:
    """Write a kactl.toml naming the sample and fixing the clock, as cron would rely on."""
    path = folder / "kactl.toml"
    path.write_text(f'workbooks = ["{SAMPLE.as_posix()}"]\ntoday = {today}\n', encoding="utf-8")
    return path


def _invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_month_report_writes_both_files(tmp_path: Path) -> None:
    code, out, _ = _invoke("report", "-w", SAMPLE, "--month", "2008-05", "--out", tmp_path)
    assert code == 0
    html, xlsx = tmp_path / "kactl-report-2008-05.html", tmp_path / "kactl-report-2008-05.xlsx"
    assert out.splitlines() == [str(html), str(xlsx)]
    assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert zipfile.ZipFile(xlsx).testzip() is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [html.name, xlsx.name]  # no leftovers


def test_month_last_with_a_fixed_clock(tmp_path: Path) -> None:
    config = _config(tmp_path, "2008-06-15")
    code, out, _ = _invoke("--config", config, "report", "--month", "last", "--out", tmp_path)
    assert code == 0
    assert out.splitlines()[0].endswith("kactl-report-2008-05.html")


def test_week_last_with_a_fixed_clock(tmp_path: Path) -> None:
    config = _config(tmp_path, "2008-05-28")
    code, out, _ = _invoke(
        "--config", config, "report", "--week", "last", "--out", tmp_path, "--format", "html"
    )
    assert code == 0
    assert out.splitlines() == [str(tmp_path / "kactl-report-2008-W21.html")]
    page = (tmp_path / "kactl-report-2008-W21.html").read_text(encoding="utf-8")
    assert "周例会议程" in page and "下周计划走访" in page


def test_a_rerun_writes_the_same_bytes_unless_stamped(tmp_path: Path) -> None:
    args = ("report", "-w", SAMPLE, "--month", "2008-05", "--out", tmp_path, "-q")
    assert _invoke(*args)[0] == 0
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert _invoke(*args)[0] == 0
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first
    assert _invoke(*args, "--stamp")[0] == 0
    stamped = (tmp_path / "kactl-report-2008-05.html").read_text(encoding="utf-8")
    assert "生成时间" in stamped and "生成时间" not in first["kactl-report-2008-05.html"].decode()


def test_quiet_english_and_log_file(tmp_path: Path) -> None:
    log = tmp_path / "kactl.log"
    code, out, err = _invoke(
        "report",
        "-w",
        SAMPLE,
        "--month",
        "2008-05",
        "--out",
        tmp_path,
        "--lang",
        "en",
        "--quiet",
        "--log-file",
        log,
        "--format",
        "html",
    )
    assert (code, out, err) == (0, "", "")
    assert "Key accounts: monthly report 2008-05" in (
        tmp_path / "kactl-report-2008-05.html"
    ).read_text(encoding="utf-8")
    assert "report 2008-05 written" in log.read_text(encoding="utf-8")


def test_strict_exits_1_when_a_kpi_is_missing(tmp_path: Path) -> None:
    args = ("report", "-w", SAMPLE, "--month", "2008-05", "--out", tmp_path, "--format", "html")
    code, _, err = _invoke(*args)
    assert code == 0 and "无法计算" in err
    code, _, _ = _invoke(*args, "--strict")
    assert code == 1
    assert (tmp_path / "kactl-report-2008-05.html").exists()  # written all the same


@pytest.mark.parametrize(
    "args",
    [
        ("--month", "2008-13"),
        ("--month", "2008-05", "--week", "2008-W21"),
        (),
        ("--month", "2008-05", "--format", "pdf"),
    ],
)
def test_bad_arguments_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    code, _, err = _invoke("report", "-w", SAMPLE, "--out", tmp_path, *args)
    assert code == 2
    assert "Traceback" not in err and err.startswith("kactl: ")
    assert not list(tmp_path.iterdir())


def test_a_missing_workbook_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    code, _, err = _invoke(
        "report", "-w", tmp_path / "none.xlsx", "--month", "2008-05", "--out", tmp_path / "out"
    )
    assert code == 2 and "none.xlsx" in err
    assert not (tmp_path / "out").exists()


def test_a_failed_run_leaves_the_old_report(tmp_path: Path) -> None:
    assert _invoke("report", "-w", SAMPLE, "--month", "2008-05", "--out", tmp_path, "-q")[0] == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    code, _, _ = _invoke("report", "-w", broken, "--month", "2008-05", "--out", tmp_path)
    assert code == 2
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p != broken}
    assert after == before


def test_a_real_subprocess_run(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from kactl.cli.app import main; main()",
            "report",
            "-w",
            str(SAMPLE),
            "--month",
            "2008-05",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        str(tmp_path / "kactl-report-2008-05.html"),
        str(tmp_path / "kactl-report-2008-05.xlsx"),
    ]
    # Not a terminal: no spinner, no colour codes.
    assert "\x1b[" not in done.stderr and "\x1b[" not in done.stdout


def test_a_failure_is_logged_to_the_log_file(tmp_path: Path) -> None:
    log = tmp_path / "kactl.log"
    code, _, err = _invoke(
        "report",
        "-w",
        tmp_path / "none.xlsx",
        "--month",
        "2008-05",
        "--out",
        tmp_path,
        "--log-file",
        log,
    )
    assert code == 2 and err.startswith("kactl: ")
    assert "report failed" in log.read_text(encoding="utf-8")

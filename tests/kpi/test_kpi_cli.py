"""`kactl scorecard` and `kactl targets` through typer's CliRunner, and one real subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from kactl.cli.app import app
from kactl.config import Config
from kactl.kpi.periods import parse_period
from kactl.kpi.scorecard import compute
from kactl.workbook import load
from tests.conftest import REPO, write_workbook
from tests.kpi import kpibook
from tests.kpi.kpibook import STAFF, customer

runner = CliRunner()
HOSTILE = '=HYPERLINK("http://x")'  # a consultant's name a spreadsheet would run
STAFF_ROWS = [*STAFF, {"name": HOSTILE, "role": "大用户销售顾问", "group": "社会用户组"}]
SHEETS: dict[str, kpibook.Rows] = {
    "staff": STAFF_ROWS,
    "archive": [customer("甲公司", "张伟"), customer("乙公司", HOSTILE)],
    "deliveries": [
        {
            "date": "2008-05-10",
            "customer": "甲公司",
            "model": "捷达",
            "quantity": 3,
            "consultant": "张伟",
        },
        {
            "date": "2008-05-12",
            "customer": "乙公司",
            "model": "迈腾",
            "quantity": 2,
            "consultant": HOSTILE,
        },
        {
            "date": "2008-04-12",
            "customer": "乙公司",
            "model": "迈腾",
            "quantity": 1,
            "consultant": "李娜",
        },
    ],
    "visit_record": [
        {
            "number": "r1",
            "customer": "甲公司",
            "date": "2008-05-03",
            "visitors": "张伟、李娜",
            "author": "张伟",
            "authored": "2008-05-04",
        }
    ],
    "targets": [
        {
            "year": 2008,
            "kpi": "new_volume",
            "scope": "顾问",
            "subject": "张伟",
            "annual": 24,
            "weight": 1,
        },
        {"year": 2008, "kpi": "visits", "scope": "全店", "subject": "", "annual": 36},
    ],
}


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return kpibook.write(tmp_path / "book.xlsx", **SHEETS)


def _run(*args: str | Path) -> tuple[int, str]:
    """Return the exit code and stdout (stderr, where notes and errors go, is left out)."""
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout


def _failure(*args: str | Path) -> tuple[int, str]:
    """Return the exit code and everything printed, stderr included."""
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_json_is_exactly_what_the_library_returns(workbook: Path) -> None:
    code, output = _run("scorecard", "-w", workbook, "--month", "2008-05", "--format", "json")
    assert code == 0
    expected = compute(load([workbook], Config()), Config(), parse_period(month="2008-05"))
    assert json.loads(output) == expected
    assert expected["scopes"][0]["kpis"]["new_volume"]["actual"] == 5


def test_strict_turns_a_kpi_that_cannot_be_computed_into_exit_one(workbook: Path) -> None:
    assert _run("scorecard", "-w", workbook, "--month", "2008-05", "--format", "json")[0] == 0
    code, output = _run(
        "scorecard", "-w", workbook, "--month", "2008-05", "--format", "json", "--strict"
    )
    assert code == 1
    assert any("满意度" in n for n in json.loads(output)["notes"])


@pytest.mark.parametrize(
    "args",
    [
        ("--month", "2008-13"),
        (),
        ("--month", "2008-05", "--year", "2008"),
        ("--month", "2008-05", "--by", "team"),
        ("--month", "2008-05", "--format", "xlsx"),
    ],
)
def test_bad_arguments_exit_two(workbook: Path, args: tuple[str, ...]) -> None:
    code, output = _failure("scorecard", "-w", workbook, *args)
    assert code == 2
    assert "Traceback" not in output


def test_a_missing_workbook_or_one_without_kpi_sheets_exits_two(tmp_path: Path) -> None:
    assert _run("scorecard", "-w", tmp_path / "nope.xlsx", "--month", "2008-05")[0] == 2
    staff: dict[str, Sequence[Sequence[Any]]] = {"人员": [["姓名", "角色"], ["张伟", "顾问"]]}
    staff_only = write_workbook(tmp_path / "staff.xlsx", staff)
    code, output = _failure("scorecard", "-w", staff_only, "--month", "2008-05")
    assert code == 2
    assert "staff.xlsx" in output


def test_csv_escapes_text_a_spreadsheet_would_run_as_a_formula(
    workbook: Path, tmp_path: Path
) -> None:
    code, output = _run("scorecard", "-w", workbook, "--month", "2008-05", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(output)))
    assert rows[0][:3] == ["scope", "name", "new_volume.actual"]
    names = [row[1] for row in rows[1:]]
    assert "'" + HOSTILE in names and HOSTILE not in names
    budget = rows[0].index("budget_variance.actual")
    assert all(not row[budget].startswith("'") for row in rows[1:])  # numbers stay numbers
    out = tmp_path / "card.csv"
    assert _run("scorecard", "-w", workbook, "--month", "2008-05", "-o", out)[0] == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for Excel


def test_xlsx_has_the_table_coloured_attainment_and_a_native_bar_chart(
    workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "card.xlsx"
    code, _ = _run("scorecard", "-w", workbook, "--month", "2008-05", "-o", out)
    assert code == 0
    with zipfile.ZipFile(out) as archive:
        assert "xl/charts/chart1.xml" in archive.namelist()
        assert b"barChart" in archive.read("xl/charts/chart1.xml")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    names = [sheet.cell(r, 2).value for r in range(4, sheet.max_row + 1)]
    assert "张伟" in names and HOSTILE in names
    assert sheet.cell(names.index(HOSTILE) + 4, 2).data_type == "s"  # text, not a formula
    assert len(sheet.conditional_formatting) > 0


def test_an_existing_output_is_kept_unless_forced(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.json"
    out.write_text("keep me", encoding="utf-8")
    code, output = _failure("scorecard", "-w", workbook, "--month", "2008-05", "-o", out)
    assert code == 2 and "--force" in output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert _run("scorecard", "-w", workbook, "--month", "2008-05", "-o", out, "--force")[0] == 0
    assert json.loads(out.read_text(encoding="utf-8"))["period"]["label"] == "2008-05"
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


def test_the_table_and_english_notes(workbook: Path) -> None:
    code, output = _run("scorecard", "-w", workbook, "--week", "2008-W19", "--lang", "en")
    assert code == 0
    assert "Key-account scorecard 2008-W19" in output
    assert "visits" in output
    assert "no 满意度 sheet" in output


def test_targets_base_writes_next_years_sheet_from_this_years_actuals(
    workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "base.xlsx"
    code, _ = _run(
        "targets", "base", "-w", workbook, "--year", "2008", "--growth", "50%", "-o", out
    )
    assert code == 0
    sheet = openpyxl.load_workbook(out)["指标"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["年度", "指标", "范围", "对象", "年度目标"]
    assert rows[0][5] == "1月" and rows[0][-1] == "权重"
    dealer_volume = next(r for r in rows if r[1] == "新增大用户销量" and r[2] == "全店")
    assert dealer_volume[0] == 2009
    assert dealer_volume[4] == 9  # (1 in April + 5 in May) × 1.5
    assert dealer_volume[5 + 3] == 1.5 and dealer_volume[5 + 4] == 7.5


def test_targets_plan_shows_the_months_after_spreading(workbook: Path, tmp_path: Path) -> None:
    code, output = _run("targets", "plan", "-w", workbook, "--year", "2008", "--format", "json")
    assert code == 0
    plan = json.loads(output)
    volume = next(t for t in plan["targets"] if t["kpi"] == "new_volume")
    assert (volume["scope"], volume["name"]) == ("consultant", "张伟")
    assert volume["months"] == [2.0] * 12 and volume["year"] == 24
    assert _run("targets", "plan", "-w", workbook, "--year", "2008")[0] == 0
    no_targets = kpibook.write(tmp_path / "none.xlsx", deliveries=SHEETS["deliveries"])
    assert _run("targets", "plan", "-w", no_targets, "--year", "2008")[0] == 2


def test_a_real_subprocess_run(workbook: Path) -> None:
    env_path = {"PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "kactl",
            "scorecard",
            "-w",
            str(workbook),
            "--month",
            "2008-05",
            "--format",
            "json",
            "--by",
            "dealer",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["scopes"][0]["scope"] == "dealer"
    # That --help imports no pandas is tested once for every command: tests/test_cli_validate.py

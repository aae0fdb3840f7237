"""`kactl rollup` through typer's CliRunner, in every format, and once as a real process."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from kactl import render
from kactl.cli.app import app
from kactl.config import Config
from kactl.rollup.run import rollup
from tests.conftest import REPO
from tests.rollup.conftest import Region
from tests.rollup.helpers import MAY

runner = CliRunner()
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'


def _run(*args: Any) -> tuple[int, str]:
    """Return the exit code and stdout (failures are listed on stderr)."""
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout


def _everything(*args: Any) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, region: Region) -> Path:
    """Two dealerships whose kactl.toml names are markup and a spreadsheet formula."""
    root = tmp_path_factory.mktemp("hostile")
    for folder, name, source in (("a", SCRIPT, "west"), ("b", FORMULA, "south")):
        (root / folder).mkdir()
        shutil.copy(region.workbooks[source], root / folder / "book.xlsx")
        (root / folder / "kactl.toml").write_text(
            f"dealer = '{name}'\nworkbooks = ['book.xlsx']\n", encoding="utf-8")
    return root


def test_json_is_the_librarys_roll_up(region: Region) -> None:
    code, output = _run("rollup", region.root, "--month", "2008-05", "--format", "json", "-j", 1)
    assert code == 1  # the broken file
    found = json.loads(output)
    assert found == json.loads(render.dumps(rollup([region.root], Config(), MAY).result))
    assert list(found) == ["period", "dealers", "failed", "region"]
    dealer = found["dealers"][0]
    assert {"dealer", "file", "period", "scopes", "notes", "validation", "ranks",
            "rate_parts"} <= set(dealer)
    assert [s["scope"] for s in dealer["scopes"]] == ["dealer"]
    assert found["failed"] == [{"dealer": "broken", "file": str(region.broken),
                                "error": found["failed"][0]["error"]}]


def test_the_failures_are_named_on_stderr(region: Region) -> None:
    result = runner.invoke(app, ["rollup", str(region.root), "--month", "2008-05",
                                 "--format", "json"])
    assert str(region.broken) in result.stderr
    assert "Traceback" not in result.output


def test_the_table_in_chinese_and_in_english(region: Region) -> None:
    code, output = _everything("rollup", region.root, "--month", "2008-05")
    assert code == 1
    assert "区域大用户 KPI 汇总 2008-05" in output and "经销商排名" in output
    assert str(region.broken) in output
    code, output = _everything("rollup", region.root, "--month", "2008-05", "--lang", "en")
    assert "Region key-account KPIs 2008-05" in output and "not scored" in output


def test_csv_has_a_row_per_dealership_and_quotes_formulas(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "region.csv"
    assert _run("rollup", hostile, "--month", "2008-05", "-o", out)[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["row"] for r in rows] == ["dealer", "dealer", "region"]
    assert {r["dealer"] for r in rows} == {SCRIPT, "'" + FORMULA, ""}
    assert rows[-1]["new_volume.actual"] == str(sum(int(r["new_volume.actual"])
                                                    for r in rows[:2]))


def test_xlsx_holds_values_and_text_stays_text(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "region.xlsx"
    assert _run("rollup", hostile, "--month", "2008-05", "-o", out)[0] == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["经销商", "区域汇总", "未能处理", "说明"]
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    named = [c for c in cells if c.value == FORMULA]
    assert named and all(c.data_type == "s" for c in named)
    region = book["区域汇总"]
    assert region["B2"].value == "new_volume" and isinstance(region["C2"].value, int)


def test_html_escapes_a_dealership_named_like_markup(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "region.html"
    assert _run("rollup", hostile, "--month", "2008-05", "-o", out)[0] == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<svg" in page and "区域汇总" in page


def test_an_existing_output_is_refused_before_any_work(region: Region, tmp_path: Path) -> None:
    out = tmp_path / "region.json"
    out.write_text("keep", encoding="utf-8")
    code, output = _everything("rollup", region.root, "--month", "2008-05", "-o", out)
    assert code == 2 and "--force" in output
    assert out.read_text(encoding="utf-8") == "keep"
    assert _run("rollup", region.root, "--month", "2008-05", "-o", out, "--force")[0] == 1
    assert json.loads(out.read_text(encoding="utf-8"))["region"]["dealers"] == 3


@pytest.mark.parametrize("args", [
    ("--format", "json"),  # no period
    ("--month", "2008-13"),
    ("--month", "2008-05", "--format", "xlsx"),  # xlsx needs -o
    ("--month", "2008-05", "-o", "region.txt"),  # a table cannot go to a file
    ("--month", "2008-05", "--jobs", "0"),
])
def test_bad_arguments_exit_2(region: Region, args: tuple[str, ...]) -> None:
    code, output = _everything("rollup", region.root, *args)
    assert code == 2
    assert "Traceback" not in output


def test_a_missing_path_exits_2(tmp_path: Path) -> None:
    code, output = _everything("rollup", tmp_path / "nowhere", "--month", "2008-05")
    assert code == 2 and "nowhere" in output


def test_merged_shards_equal_one_run_over_everything(region: Region, tmp_path: Path) -> None:
    one, two, merged = tmp_path / "one.json", tmp_path / "two.json", tmp_path / "all.json"
    _run("rollup", region.root / "east", "--month", "2008-05", "-o", one)
    _run("rollup", region.root / "west.xlsx", region.broken, "--month", "2008-05", "-o", two)
    assert _run("rollup", "--merge", one, two, "-o", merged)[0] == 1
    whole = json.loads(render.dumps(rollup([region.root], Config(), MAY).result))
    assert json.loads(merged.read_text(encoding="utf-8")) == whole


def test_merging_needs_roll_ups_of_one_period(region: Region, tmp_path: Path) -> None:
    may, june = tmp_path / "may.json", tmp_path / "june.json"
    _run("rollup", region.root / "west.xlsx", "--month", "2008-05", "-o", may)
    _run("rollup", region.root / "west.xlsx", "--month", "2008-06", "-o", june)
    code, output = _everything("rollup", "--merge", may, june)
    assert code == 2 and "2008-06" in output
    assert _everything("rollup", "--merge", may, "--month", "2008-06")[0] == 2
    assert _run("rollup", "--merge", may, "--month", "2008-05", "--format", "json")[0] == 0
    not_a_rollup = tmp_path / "other.json"
    not_a_rollup.write_text('{"summary": {}}', encoding="utf-8")
    code, output = _everything("rollup", "--merge", not_a_rollup)
    assert code == 2 and "other.json" in output


def test_a_real_run_in_its_own_process(region: Region) -> None:
    run = subprocess.run([sys.executable, "-m", "kactl", "rollup", str(region.root),
                          "--month", "2008-05", "--format", "json", "--jobs", "2"],
                         capture_output=True, text=True, encoding="utf-8", check=False,
                         env={"PYTHONPATH": str(REPO)})
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["region"]["dealers"] == 3
    assert str(region.broken) in run.stderr

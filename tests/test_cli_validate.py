"""`kactl validate` as a user meets it: exit codes, the table, JSON, the annotated copy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kactl.cli.app import app
from kactl.config import Config
from kactl.validation import validate
from tests.conftest import REPO, SAMPLE, SAMPLE_XLS, require_tool

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env)


def to_xls(source: Path, out_dir: Path) -> Path:
    soffice = require_tool("soffice")
    profile = out_dir / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xls",
         "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    target = out_dir / (source.stem + ".xls")
    assert target.is_file() and target.stat().st_size > 0, "soffice did not write the .xls"
    return target


@pytest.mark.parametrize("path", [SAMPLE, SAMPLE_XLS], ids=["xlsx", "xls"])
def test_the_sample_validates_clean(path: Path) -> None:
    result = run("validate", str(path), "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0, report["findings"][:5]
    assert report["summary"]["errors"] == 0
    assert report["summary"]["rows"] > 1000


# Errors injected into a copy of the sample, each at a cell found by its header.
INJECTED = [
    ("大客户档案表", "大客户采购", 6, "金触", "vocabulary"),
    ("大客户档案表", "联系电话", 7, "12345", "phone"),
    ("走访记录表", "走访时间", 4, "2008-13-01", "date-invalid"),
    ("成交记录", "数量", 5, "abc", "number"),
    ("走访准备表", "预算合计", 3, 99999, "total-mismatch"),
]


def inject(tmp_path: Path) -> tuple[Path, set[tuple[str, str, str]]]:
    import openpyxl

    book = openpyxl.load_workbook(SAMPLE)
    expected = set()
    for sheet, header, row, value, code in INJECTED:
        ws = book[sheet]
        column = next(
            c.column_letter
            for r in ws.iter_rows(max_row=4)
            for c in r
            if isinstance(c.value, str) and c.value.startswith(header)
        )
        ws[f"{column}{row}"] = value
        expected.add((sheet, f"{column}{row}", code))
    path = tmp_path / "broken.xlsx"
    book.save(path)
    return path, expected


def error_cells(path: Path) -> set[tuple[str, str, str]]:
    result = run("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    return {(f["sheet"], f["cell"], f["code"]) for f in found if f["severity"] == "error"}


def test_injected_errors_are_reported_at_exactly_those_cells(tmp_path: Path) -> None:
    path, expected = inject(tmp_path)
    assert error_cells(path) == expected


def test_injected_errors_are_found_in_the_xls_copy_too(tmp_path: Path) -> None:
    path, expected = inject(tmp_path)
    assert error_cells(to_xls(path, tmp_path)) == expected


def test_json_equals_the_library_report(tmp_path: Path) -> None:
    path, _ = inject(tmp_path)
    result = run("validate", str(path), "--format", "json")
    assert json.loads(result.stdout) == validate([path], Config()).to_dict()


def test_the_table_names_sheet_cell_and_suggestion(tmp_path: Path) -> None:
    path, _ = inject(tmp_path)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "大客户档案表" in result.stdout and "金融" in result.stdout
    assert "5 个错误" in result.stdout


def test_english_messages_with_lang_en(tmp_path: Path) -> None:
    path, _ = inject(tmp_path)
    result = run("validate", str(path), "--format", "json", "--lang", "en")
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert any("is not an allowed" in m for m in messages)
    via_env = run("validate", str(path), "--format", "json", env={"KACTL_LANG": "en"})
    assert json.loads(via_env.stdout) == json.loads(result.stdout)


def test_annotated_copy_marks_cells_and_lists_findings(tmp_path: Path) -> None:
    import openpyxl

    path, expected = inject(tmp_path)
    before = path.read_bytes()
    out = tmp_path / "annotated.xlsx"
    result = run("validate", str(path), "--annotate", str(out))
    assert result.exit_code == 1 and path.read_bytes() == before
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "问题清单"
    issues = book["问题清单"]
    assert issues.max_row == len(expected) + 1
    for sheet, cell, code in expected:
        marked = book[sheet][cell]
        assert marked.comment is not None and code in marked.comment.text
        assert marked.fill.fgColor.rgb.endswith("FFC7CE")
    links = {c.hyperlink.location for c in issues["B"][1:] if c.hyperlink}
    assert {f"'{s}'!{c}" for s, c, _ in expected} == links


def test_annotate_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path, _ = inject(tmp_path)
    out = tmp_path / "annotated.xlsx"
    out.write_bytes(b"keep me")
    result = run("validate", str(path), "--annotate", str(out))
    assert result.exit_code == 2 and out.read_bytes() == b"keep me"
    assert run("validate", str(path), "--annotate", str(out), "--force").exit_code == 1
    assert out.read_bytes() != b"keep me"


def test_annotated_copy_opens_in_libreoffice(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    path, _ = inject(tmp_path)
    out = tmp_path / "annotated.xlsx"
    run("validate", str(path), "--annotate", str(out))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path / "pdf"), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "pdf" / "annotated.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


def test_annotating_an_xls_rebuilds_it_as_xlsx(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "from-xls.xlsx"
    assert run("validate", str(SAMPLE_XLS), "--annotate", str(out)).exit_code == 0
    assert "大客户档案表" in openpyxl.load_workbook(out).sheetnames


def test_real_subprocess_run_prints_utf8_json() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kactl", "validate", str(SAMPLE), "--format", "json"],
        capture_output=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert json.loads(done.stdout.decode("utf-8"))["summary"]["errors"] == 0


def test_help_does_not_import_the_heavy_libraries() -> None:
    # main() registers every command's module, so this covers all of them at once.
    code = (
        "import sys\nfrom kactl.cli.app import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('pandas', 'numpy', 'openpyxl', 'python_calamine', 'jinja2')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "HEAVY:\n" in done.stdout


def test_no_path_and_no_config_is_a_usage_error(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2 and "-w" in result.stderr


def test_kactl_toml_names_the_workbook(tmp_path: Path, monkeypatch: Any) -> None:
    shutil.copy(SAMPLE, tmp_path / "店.xlsx")
    (tmp_path / "kactl.toml").write_text('workbooks = ["店.xlsx"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("validate").exit_code == 0


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('workbooks = ["a.xlsx"\ndealer = 1\n', "line"),
        ('dealer = "x"\nmodles = ["ID.4"]\n', "modles"),
        ('[kpi]\ncap = "high"\n', "kpi.cap"),
        ('[aliases.industry]\n"供电" = "电"\n', "供电"),
    ],
)
def test_a_malformed_kactl_toml_names_line_and_key(tmp_path: Path, text: str, where: str) -> None:
    config = tmp_path / "kactl.toml"
    config.write_text(text, encoding="utf-8")
    result = run("--config", str(config), "validate", str(SAMPLE))
    assert result.exit_code == 2
    assert where in result.stderr and "kactl.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_sample_validates_clean_as_ods(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
         "ods", "--outdir", str(tmp_path), str(SAMPLE)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    ods = tmp_path / "sample-dealer.ods"
    assert ods.is_file(), "soffice did not write the .ods"
    report = validate([ods], Config())
    assert report.errors == 0 and report.rows > 1000

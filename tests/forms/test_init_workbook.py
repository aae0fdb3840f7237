"""`kactl init`: the new workbook is what kactl's reader recognises, and nothing is overwritten."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from kactl import workbook
from kactl.cli.app import app
from kactl.config import load
from kactl.schema import SHEETS, VOCABULARIES
from kactl.validation import validate

runner = CliRunner()


def make(tmp_path: Path) -> Path:
    result = runner.invoke(app, ["init", str(tmp_path / "shop")])
    assert result.exit_code == 0, result.output
    return tmp_path / "shop"


def test_all_eight_sheets_are_recognised(tmp_path: Path) -> None:
    folder = make(tmp_path)
    config = load(folder / "kactl.toml")
    assert [p.name for p in config.workbooks] == ["大用户工作簿.xlsx"]
    book = workbook.load(config.workbooks, config)
    assert set(book.tables) == set(SHEETS)
    assert book.findings == []
    report = validate(config.workbooks, config)
    assert report.errors == 0 and report.warnings == 0


def test_headers_come_from_the_schemas(tmp_path: Path) -> None:
    book = workbook.load([make(tmp_path) / "大用户工作簿.xlsx"])
    for key, schema in SHEETS.items():
        table = book.first(key)
        assert table is not None
        assert set(table.columns) == {f.key for f in schema.fields}, key
    archive = book.first("archive")
    assert archive is not None and list(archive.models) == ["捷达", "宝来", "速腾", "迈腾"]


def test_archive_layout_formats_and_dropdowns(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(make(tmp_path) / "大用户工作簿.xlsx")
    ws = wb["大客户档案表"]
    assert ws["A3"].value == "大客户级别" and ws.freeze_panes == "C5"
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "K3:N3" in merged and "A3:A4" in merged  # 需求车型 over the four models
    models = [ws.cell(row=4, column=c).value for c in range(11, 15)]
    assert models == ["捷达", "宝来", "速腾", "迈腾"]
    created = next(c for c in ws[3] if c.value == "建档日期")
    assert ws.column_dimensions[created.column_letter].number_format == "yyyy-mm-dd"
    vocab = wb["词表"]
    assert vocab.sheet_state == "hidden"
    formulas = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    grade_list = formulas["A5:A5000"]
    assert grade_list.startswith("'词表'!$")
    column = grade_list.split("!")[1].split("$")[1]
    listed = [vocab[f"{column}{r}"].value for r in range(2, 7)]
    assert tuple(listed) == VOCABULARIES["grade"].values
    prep = wb["走访准备表"]
    assert prep.freeze_panes == "B2" and prep["A1"].value == "走访准备表编号"


def test_init_refuses_to_overwrite_anything(tmp_path: Path) -> None:
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / "kactl.toml").write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 2
    assert "kactl.toml 已存在" in result.stderr
    assert (folder / "kactl.toml").read_text(encoding="utf-8") == "# mine\n"
    assert not (folder / "大用户工作簿.xlsx").exists()

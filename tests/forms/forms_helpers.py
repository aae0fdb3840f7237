"""Helpers for the forms tests: a dealer workbook to work on, and forms filled by label."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl

from kactl.forms.labels import FORMS, FormSpec
from kactl.forms.locate import Layout, grid_of_worksheet, locate
from tests.conftest import SAMPLE, require_tool

# A customer of the sample, and two consultants of its 人员 sheet.
CUSTOMER = "北湖区瀚海驾驶员培训学校"
SHORT = "瀚海驾校"
VISITORS = ("李娜", "张伟")


def dealer_workbook(tmp_path: Path) -> Path:
    """Return a copy of the sample dealership workbook in tmp_path."""
    target = tmp_path / "dealer.xlsx"
    shutil.copy(SAMPLE, target)
    return target


def layout_of(ws: Any, spec: FormSpec) -> Layout:
    return locate(grid_of_worksheet(ws), spec)


def form_spec(ws: Any) -> FormSpec:
    from kactl.forms.locate import detect

    spec = detect(grid_of_worksheet(ws), FORMS.values())
    assert spec is not None
    return spec


def fill_by_label(path: Path, values: Mapping[str, Any]) -> None:
    """Type values into a form's cells the way a person would: found by label, not position."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    layout = layout_of(ws, form_spec(ws))
    for key, value in values.items():
        ws.cell(*layout.cells[key]).value = value
    book.save(path)


def read_by_label(path: Path, key: str, *, data_only: bool = False) -> Any:
    book = openpyxl.load_workbook(path, data_only=data_only)
    ws = book.worksheets[0]
    return ws.cell(*layout_of(ws, form_spec(ws)).cells[key]).value


def soffice_convert(source: Path, out_dir: Path, fmt: str) -> Path:
    """Convert with LibreOffice (its own profile per call); fail when no output appears."""
    soffice = require_tool("soffice")
    profile = out_dir / f"lo-profile-{fmt.split(':')[0]}"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
         "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    target = out_dir / (source.stem + "." + fmt.split(":")[0])
    # soffice exits 0 even when it converted nothing: the file is the only proof.
    assert target.is_file() and target.stat().st_size > 0, f"soffice wrote no {fmt}"
    return target


def log_row(path: Path, kind: str, number: str) -> dict[str, Any]:
    """Return the raw values of the log row holding `number`, by field key (via kactl's reader)."""
    from kactl import workbook
    from kactl.config import Config

    table = workbook.load([path], Config()).first(kind)
    assert table is not None
    rows = [i for i, n in enumerate(table.text("number")) if n == number]
    assert len(rows) == 1, f"{number} is in {len(rows)} rows of {kind}"
    return {key: column.values[rows[0]] for key, column in table.columns.items()}


def log_length(path: Path, kind: str) -> int:
    from kactl import workbook
    from kactl.config import Config

    table = workbook.load([path], Config()).first(kind)
    assert table is not None
    return len(table.rows)


def restyled_template(spec: FormSpec, target: Path) -> Path:
    """Write a dealership's own copy of a template: a letterhead row and a margin column
    added, two rows swapped, another font, and the handbook's 走访表编号 label for the number."""
    from openpyxl.styles import Font

    from kactl.forms.templates import build

    source = build(spec).worksheets[0]
    grid = grid_of_worksheet(source)
    swap = {6: 7, 7: 6}  # 用户地址 <-> 用户网站地址 on both forms

    def moved(row: int, col: int) -> tuple[int, int]:
        return swap.get(row, row) + 2, col + 1

    book = openpyxl.Workbook()
    ws = book.worksheets[0]
    ws.title = "本店" + spec.log.title
    ws["A1"] = "东海市某某汽车销售服务有限公司"
    for (row, col), value in grid.values.items():
        cell = ws.cell(*moved(row, col))
        prep_number = value == "走访准备表编号" and spec.key == "visit_prep"
        cell.value = "走访表编号" if prep_number else value
        cell.font = Font(name="微软雅黑", size=9)
    for r0, c0, r1, c1 in grid.merged:
        (a, b), (c, d) = moved(r0, c0), moved(r1, c1)
        ws.merge_cells(start_row=a, start_column=b, end_row=c, end_column=d)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def archive_record_number(path: Path, customer: str) -> Any:
    """Return the archive's 走访记录表编号 cell value for a customer, read with openpyxl."""
    from kactl import workbook
    from kactl.config import Config

    table = workbook.load([path], Config()).first("archive")
    assert table is not None
    row = table.rows[table.text("customer").index(customer)]
    column = table.columns["record_number"].index + 1
    return openpyxl.load_workbook(path)[table.sheet].cell(row=row, column=column).value


def next_log_row(path: Path, kind: str) -> int:
    from kactl import workbook
    from kactl.config import Config

    table = workbook.load([path], Config()).first(kind)
    assert table is not None
    return table.rows[-1] + 1 if table.rows else table.header_row + 1

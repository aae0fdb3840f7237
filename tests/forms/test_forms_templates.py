"""The label map and the two templates: every field found by label, dropdowns, total, print."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kactl.forms.build_templates import write_templates
from kactl.forms.labels import VISIT_PREP, VISIT_RECORD, FormSpec, Place
from kactl.forms.locate import Grid, grid_of_worksheet, locate
from kactl.forms.templates import build
from kactl.schema import BUDGET_ITEMS, SHEETS, VOCABULARIES
from tests.conftest import REPO
from tests.forms.forms_helpers import layout_of, restyled_template

SPECS = [VISIT_PREP, VISIT_RECORD]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_log_fields_share_the_sheet_schema(spec: FormSpec) -> None:
    log = SHEETS[spec.key]
    for key in spec.log_keys:
        assert spec.field(key).field == log.field(key)
    # Every column of the log that a form can know is on the form.
    assert {f.key for f in log.fields} <= {f.key for f in spec.fields}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_field_of_the_drawn_template_is_found_by_label(spec: FormSpec) -> None:
    layout = layout_of(build(spec).worksheets[0], spec)
    assert layout.missing() == []
    assert len(set(layout.cells.values())) == len(spec.fields), "two fields share a cell"
    assert set(layout.channels) == {f.key for f in spec.fields if f.channel}


def test_value_cell_is_right_of_a_merged_label_or_below_a_block_label() -> None:
    grid = Grid({(1, 1): "用户名称", (3, 2): "汽油费", (2, 1): "走访预算"},
                merged=[(1, 1, 1, 2), (2, 1, 3, 1)])
    layout = locate(grid, VISIT_PREP)
    assert layout.cells["customer"] == (1, 3)  # after the label's merge A1:B1
    assert VISIT_PREP.field("fuel").place is Place.BELOW
    assert layout.cells["fuel"] == (4, 2)


def test_labels_with_remarks_tell_the_two_official_car_rows_apart() -> None:
    ws = build(VISIT_RECORD).worksheets[0]
    layout = layout_of(ws, VISIT_RECORD)
    leader, other = layout.cells["leader_cars"], layout.cells["other_cars"]
    assert leader[0] != other[0]
    assert "领导用车" in str(ws.cell(row=leader[0], column=1).value)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_vocabulary_field_has_its_dropdown(spec: FormSpec) -> None:
    ws = build(spec).worksheets[0]
    layout = layout_of(ws, spec)
    lists = {str(cell): dv.formula1 for dv in ws.data_validations.dataValidation
             for cell in dv.sqref.ranges}  # fmt: skip
    vocab_fields = [f for f in spec.fields if f.field.vocab]
    assert {"nature", "industry", "score"} <= {f.key for f in vocab_fields}
    for f in vocab_fields:
        ref = ws.cell(*layout.cells[f.key]).coordinate
        values = VOCABULARIES[str(f.field.vocab)].values
        assert lists[ref] == '"' + ",".join(values) + '"', f.key


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_total_is_a_formula_over_the_five_items(spec: FormSpec) -> None:
    ws = build(spec).worksheets[0]
    layout = layout_of(ws, spec)
    formula = ws.cell(*layout.cells["total"]).value
    items = [ws.cell(*layout.cells[k]).coordinate for k in BUDGET_ITEMS]
    assert formula == f"=SUM({','.join(items)})"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_print_setup_is_one_a4_page_with_chinese_fonts(spec: FormSpec) -> None:
    ws = build(spec).worksheets[0]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)
    assert ws.print_area is not None
    layout = layout_of(ws, spec)
    assert ws.cell(*layout.cells["customer"]).font.name == "宋体"
    date = ws.cell(*layout.cells["date"])
    assert "年" in date.number_format


def test_the_committed_templates_are_what_the_builder_draws(tmp_path: Path) -> None:
    fresh = {p.name: p for p in write_templates(tmp_path)}
    for name, path in fresh.items():
        committed = openpyxl.load_workbook(REPO / "templates" / name).worksheets[0]
        drawn = openpyxl.load_workbook(path).worksheets[0]
        assert grid_of_worksheet(committed) == grid_of_worksheet(drawn), (
            f"templates/{name} is stale: run python -m kactl.forms.build_templates"
        )


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_a_restyled_template_is_still_read_by_label(spec: FormSpec, tmp_path: Path) -> None:
    path = restyled_template(spec, tmp_path / "mine.xlsx")
    ws = openpyxl.load_workbook(path).worksheets[0]
    drawn = layout_of(build(spec).worksheets[0], spec)
    layout = layout_of(ws, spec)
    assert layout.missing() == []
    assert layout.cells["customer"] == (drawn.cells["customer"][0] + 2, 3)
    assert layout.cells["address"][0] == drawn.cells["website"][0] + 2
    assert layout.cells["fuel"] == (drawn.cells["fuel"][0] + 2, drawn.cells["fuel"][1] + 1)

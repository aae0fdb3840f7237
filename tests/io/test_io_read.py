"""open_workbook and WorkbookReader: sheets, coordinates, merges, the 1904 flag, failures."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from io_helpers import CORPUS, xlsx_with

from kactl.errors import InputError, MissingSheetError
from kactl.io.read import RawSheet, open_workbook


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return path


def test_reads_values_with_origin_and_merges(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "大客户档案表"
    sheet["C3"] = "大客户名称"
    sheet["D3"] = "需求车型"
    sheet["C4"] = "中国移动"
    sheet["E4"] = 3
    sheet["D5"] = dt.date(2008, 5, 20)
    sheet.merge_cells("D3:E3")
    path = tmp_path / "archive.xlsx"
    book.save(path)

    with open_workbook(path) as reader:
        assert reader.format == "xlsx" and not reader.date1904
        assert reader.sheet_names == ["大客户档案表"]
        raw = reader.read("大客户档案表")
    assert isinstance(raw, RawSheet)
    assert raw.origin == (2, 2)
    assert raw.rows[0] == ["大客户名称", "需求车型", ""]
    assert raw.rows[1][0] == "中国移动" and raw.rows[1][2] == 3
    assert raw.rows[2][1] in (dt.date(2008, 5, 20), dt.datetime(2008, 5, 20))
    assert raw.merged == [(2, 3, 2, 4)]


def test_nrows_limits_the_rows(tmp_path: Path) -> None:
    path = xlsx_with(tmp_path, "rows.xlsx", {f"A{i}": i for i in range(1, 21)})
    with open_workbook(path) as reader:
        assert len(reader.read("Sheet1", nrows=5).rows) == 5


def test_empty_sheet(tmp_path: Path) -> None:
    path = xlsx_with(tmp_path, "empty.xlsx", {})
    with open_workbook(path) as reader:
        assert reader.read("Sheet1") == RawSheet("Sheet1", [], (0, 0), [])


def test_unknown_sheet_is_missing_sheet_error(tmp_path: Path) -> None:
    path = xlsx_with(tmp_path, "one.xlsx", {"A1": 1})
    with open_workbook(path) as reader, pytest.raises(MissingSheetError) as caught:
        reader.read("成交记录")
    assert "成交记录" in caught.value.zh and "成交记录" in caught.value.en


def test_read_after_close_is_a_programming_error(tmp_path: Path) -> None:
    reader = open_workbook(xlsx_with(tmp_path, "one.xlsx", {"A1": 1}))
    reader.close()
    reader.close()  # closing twice is harmless
    with pytest.raises(ValueError, match="closed"):
        reader.read("Sheet1")


@pytest.mark.parametrize(("name", "expected"), [
    ("calamine__issue438.xlsx", ["Sheet1"]),  # and a chart sheet
    ("calamine__any_sheets.xlsx", ["Visible", "Hidden", "VeryHidden"]),  # and a chart sheet
    ("calamine__vba.xlsm", ["Sheet1", "Sheet2", "Sheet3"]),
])
def test_sheet_names_are_worksheets_only(name: str, expected: list[str]) -> None:
    with open_workbook(corpus(name)) as reader:
        assert reader.sheet_names == expected


@pytest.mark.parametrize(("name", "date1904"), [
    ("calamine__date_1904.xlsx", True),
    ("calamine__date_1904_extlst.xlsx", True),
    ("calamine__date_1904.xls", True),
    ("calamine__date_1904.xlsb", True),
    ("calamine__date_iso.xlsx", False),
    ("calamine__date.xls", False),
    ("calamine__date.ods", False),
])
def test_date1904(name: str, date1904: bool) -> None:
    with open_workbook(corpus(name)) as reader:
        assert reader.date1904 is date1904
        values = reader.read(reader.sheet_names[0]).rows
    if name.startswith("calamine__date_1904"):
        assert values[0][0] == dt.date(2021, 1, 1)  # calamine applies the epoch itself


@pytest.mark.parametrize(("name", "merges"), [
    ("calamine__merged_range.xlsx", 9), ("calamine__merged_range.xls", 9),
    ("calamine__merged_cells.ods", 0),  # calamine does not report ods merges
])
def test_merges_by_format(name: str, merges: int) -> None:
    with open_workbook(corpus(name)) as reader:
        raw = reader.read(reader.sheet_names[0])
    assert len(raw.merged) == merges
    for r0, c0, r1, c1 in raw.merged:
        assert r0 <= r1 and c0 <= c1


def test_origin_of_a_sheet_that_starts_late() -> None:
    with open_workbook(corpus("calamine__gh548_incorrect_sst_unique_count.xls")) as reader:
        raw = reader.read("System Level Data")
    assert raw.origin == (1, 1)


@pytest.mark.parametrize(("source", "misnamed"), [
    ("calamine__date_1904.xlsx", "book.xls"), ("calamine__date.xls", "book.xlsx"),
    ("calamine__date.ods", "book.xlsx"), ("calamine__date_1904.xlsx", "book"),
])
def test_a_misnamed_workbook_still_reads(tmp_path: Path, source: str, misnamed: str) -> None:
    path = tmp_path / misnamed
    shutil.copyfile(corpus(source), path)
    with open_workbook(path) as reader:
        assert reader.read(reader.sheet_names[0]).rows


def test_damaged_sheet_part_names_the_sheet(tmp_path: Path) -> None:
    from io_helpers import replace_sheet_xml

    source = xlsx_with(tmp_path, "ok.xlsx", {"A1": 1})
    path = replace_sheet_xml(source, tmp_path / "bad.xlsx",
                             b"<worksheet><sheetData><row><c><v>1</v></row></worksheet>")
    with open_workbook(path) as reader, pytest.raises(InputError) as caught:
        reader.read("Sheet1")
    assert "“Sheet1”" in caught.value.zh and "“Sheet1”" in caught.value.en
    assert caught.value.file == str(path)

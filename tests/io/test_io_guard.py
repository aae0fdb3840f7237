"""check_limits: zip bombs, entity declarations and enormous used ranges are refused up front.

Files that would abort python-calamine if the guard let them through are opened in a child
process (open_isolated), so a guard regression fails the test instead of killing pytest.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from conftest import require_tool
from io_helpers import (
    CORPUS,
    assert_refused,
    bomb,
    deflated,
    members_of,
    open_isolated,
    replace_sheet_xml,
    sheet_xml,
    write_zip,
    xlsx_with,
)

from kactl.errors import InputError
from kactl.io.guard import check_limits
from kactl.io.limits import Limits
from kactl.io.read import open_workbook

MB = 1024**2
SHEET = "xl/worksheets/sheet1.xml"


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return path


@pytest.fixture
def small_xlsx(tmp_path: Path) -> Path:
    return xlsx_with(tmp_path, "small.xlsx", {"A1": "大客户名称", "A2": "中国移动"})


def bomb_xlsx(tmp_path: Path, source: Path, megabytes: int, *, lying: bool) -> Path:
    head, tail = sheet_xml(b"<!--SPLIT-->").split(b"<!--SPLIT-->")
    member = bomb(SHEET, head, b"\n" * MB, megabytes, tail, declared=1000 if lying else None,
                  with_crc=megabytes < 100)
    return write_zip(tmp_path / f"bomb-{megabytes}.xlsx", members_of(source, {SHEET: member}))


def refused(path: Path, limits: Limits | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        open_workbook(path, limits or Limits())
    return caught.value


# Zip bombs -------------------------------------------------------------------------------------

def test_bomb_with_honest_headers_is_refused_by_declared_size(tmp_path: Path,
                                                              small_xlsx: Path) -> None:
    error = refused(bomb_xlsx(tmp_path, small_xlsx, 600, lying=False))
    assert "512 MB" in error.zh and "压缩炸弹" in error.zh
    assert "512 MB limit" in error.en and "zip bomb" in error.en


def test_bomb_with_lying_headers_is_refused_by_inflating(tmp_path: Path,
                                                         small_xlsx: Path) -> None:
    path = bomb_xlsx(tmp_path, small_xlsx, 600, lying=True)
    assert path.stat().st_size < 4 * MB
    error = refused(path)
    assert "文件头声明" in error.zh and "压缩炸弹" in error.zh
    assert "than its headers declare" in error.en and "zip bomb" in error.en


@pytest.mark.parametrize("lying", [False, True])
def test_bomb_against_a_small_limit(tmp_path: Path, small_xlsx: Path, lying: bool) -> None:
    error = refused(bomb_xlsx(tmp_path, small_xlsx, 20, lying=lying),
                    Limits(max_inflated_bytes=10 * MB))
    assert "10 MB" in error.zh and "10 MB limit" in error.en


def test_inflating_stops_at_the_limit(tmp_path: Path, small_xlsx: Path) -> None:
    # 4 GB of content behind lying headers: refused after ~10 MB, not after inflating it all.
    path = bomb_xlsx(tmp_path, small_xlsx, 4096, lying=True)
    started = time.perf_counter()
    refused(path, Limits(max_inflated_bytes=10 * MB))
    assert time.perf_counter() - started < 2


def test_workbook_under_the_limit_reads(tmp_path: Path, small_xlsx: Path) -> None:
    # Same construction, 5 MB of white space inside sheetData: a (large) valid workbook.
    path = bomb_xlsx(tmp_path, small_xlsx, 5, lying=False)
    with open_workbook(path, Limits(max_inflated_bytes=10 * MB)) as book:
        assert book.read("Sheet1").rows == []


# Entity declarations ---------------------------------------------------------------------------

LAUGHS = b"".join(
    b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i else b"lol") for i in range(10)
)


@pytest.mark.parametrize(("part", "xml"), [
    (SHEET, b'<?xml version="1.0"?><!DOCTYPE worksheet [' + LAUGHS + b"]>" + sheet_xml(
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    ).split(b"?>", 1)[1]),
    ("xl/workbook.xml", b'<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM '
                        b'"file:///etc/passwd">]><workbook>&xxe;</workbook>'),
])
def test_entity_declarations_are_refused(tmp_path: Path, small_xlsx: Path, part: str,
                                         xml: bytes) -> None:
    path = replace_sheet_xml(small_xlsx, tmp_path / "laughs.xlsx", xml, part)
    error = refused(path)
    assert "DOCTYPE" in error.zh and part in error.zh and "十亿笑" in error.zh
    assert "DOCTYPE" in error.en and part in error.en and "billion laughs" in error.en


def test_doctype_in_ods_content_is_refused(tmp_path: Path) -> None:
    source = corpus("calamine__date.ods")
    xml = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><office:document-content/>'
    path = write_zip(tmp_path / "laughs.ods", members_of(source, {"content.xml": xml}))
    error = refused(path)
    assert "content.xml" in error.zh and "DOCTYPE" in error.en


# Enormous used ranges (calamine would abort the process) --------------------------------------

def test_stray_value_at_xfd1048576(tmp_path: Path) -> None:
    path = xlsx_with(tmp_path, "stray.xlsx", {"A1": "大客户名称", "XFD1048576": 1})
    result = open_isolated(path)
    assert_refused(result, "“Sheet1”", "A1:XFD1048576", zh="使用区域过大", en="huge used range")
    assert "XFD1048576 附近" in result["zh"] and "near XFD1048576" in result["en"]
    assert "171 亿" in result["zh"] and "5000 万" in result["zh"]
    assert "17.2 billion" in result["en"] and "50 million" in result["en"]


@pytest.mark.parametrize("cell", [
    b'<c t="n" r="XFD1048576"><v>1</v></c>',  # r not first
    b'<c\nr="XFD1048576"><v>1</v></c>',  # a newline, not a space
    b'<x:c r="XFD1048576"><x:v>1</x:v></x:c>',  # a namespace prefix
    b'<c r="XFD1048576">' + b" " * 5000 + b"<v>1</v></c>",  # the value far from the tag
])
def test_stray_value_written_unusually(tmp_path: Path, small_xlsx: Path, cell: bytes) -> None:
    body = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">' + cell + b"</row>"
    xml = sheet_xml(body).replace(b"<worksheet ", b'<worksheet xmlns:x="' +
                                  b'http://schemas.openxmlformats.org/spreadsheetml/2006/main" ')
    path = replace_sheet_xml(small_xlsx, tmp_path / "stray.xlsx", xml)
    assert_refused(open_isolated(path), "“Sheet1”", "XFD1048576", zh="使用区域过大",
                   en="huge used range")


@pytest.mark.parametrize("far", [
    b'<c r="XFD1048576" s="1"/>',  # a styled blank cell
    b'<c r="XFD1048576" s="1"><v></v></c>',  # an empty value
])
def test_far_cell_without_a_value_is_no_hazard(tmp_path: Path, small_xlsx: Path,
                                               far: bytes) -> None:
    # calamine leaves such cells out of the range (measured), so refusing them would be wrong.
    body = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">' + far + b"</row>"
    path = replace_sheet_xml(small_xlsx, tmp_path / "blank.xlsx", sheet_xml(body))
    result = open_isolated(path)
    assert result["status"] == "ok" and result["sheets"] == {"Sheet1": 1}, result


def test_lying_dimension_alone_is_no_hazard(tmp_path: Path, small_xlsx: Path) -> None:
    xml = sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row>').replace(
        b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
    path = replace_sheet_xml(small_xlsx, tmp_path / "dimension.xlsx", xml)
    assert open_isolated(path)["status"] == "ok"


@pytest.mark.parametrize(("padding", "cause"), [
    (300_000, "huge used range"),  # a 1.8 MB tag: still read whole, and measured
    (600_000, "tag longer than 1 MB"),  # 3.6 MB: refused as no real workbook has one
])
def test_a_very_long_cell_tag(tmp_path: Path, small_xlsx: Path, padding: int,
                              cause: str) -> None:
    cell = b'<c s="1" ' + b'x="y" ' * padding + b'r="XFD1048576"><v>1</v></c>'
    body = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">' + cell + b"</row>"
    path = replace_sheet_xml(small_xlsx, tmp_path / "long.xlsx", sheet_xml(body))
    assert_refused(open_isolated(path), en=cause)


def test_a_long_svg_path_is_no_reason_to_refuse(tmp_path: Path, small_xlsx: Path) -> None:
    svg = b'<!DOCTYPE svg><svg><path d="' + b"M0 0L1 1" * 300_000 + b'"/></svg>'
    path = write_zip(tmp_path / "picture.xlsx",
                     [*members_of(small_xlsx), deflated("xl/media/image1.svg", svg)])
    with open_workbook(path) as book:
        assert book.read("Sheet1").rows


def test_cells_without_references_are_placed_by_position(tmp_path: Path,
                                                         small_xlsx: Path) -> None:
    row = b"<row>" + b"<c><v>1</v></c>" * 300 + b"</row>"
    path = replace_sheet_xml(small_xlsx, tmp_path / "norefs.xlsx", sheet_xml(row * 2))
    error = refused(path, Limits(max_cells=500))
    assert "A1:KN2" in error.zh and "A1:KN2" in error.en  # 2 rows x 300 columns
    with open_workbook(path, Limits(max_cells=600)) as book:
        assert len(book.read("Sheet1").rows[0]) == 300


def test_corpus_cells_without_references_read() -> None:
    result = open_isolated(corpus("calamine__issue_261.xlsx"))
    assert result["status"] == "ok" and result["sheets"] == {"Some Sheet": 66}, result


def test_small_limit_names_sheet_and_range(tmp_path: Path) -> None:
    path = xlsx_with(tmp_path, "wide.xlsx", {"B2": 1, "Z100": 2})
    error = refused(path, Limits(max_cells=1000))
    assert "“Sheet1”" in error.zh and "B2:Z100" in error.zh and "2475" in error.zh
    assert "“Sheet1”" in error.en and "B2:Z100" in error.en and "2,475" in error.en


# .xls and .xlsb ------------------------------------------------------------------------------

def patched(tmp_path: Path, source: Path, offset: int, fmt: str, *values: int) -> Path:
    data = bytearray(source.read_bytes())
    struct.pack_into(fmt, data, offset, *values)
    path = tmp_path / f"patched{source.suffix}"
    path.write_bytes(bytes(data))
    return path


def record_offset(data: bytes, header: bytes) -> int:
    offset = data.find(header)
    assert offset > 0, "record not found in the test file"
    return offset


def test_xls_cell_record_far_out(tmp_path: Path) -> None:
    source = corpus("calamine__date.xls")
    number = record_offset(source.read_bytes(), b"\x03\x02\x0e\x00")  # NUMBER record
    path = patched(tmp_path, source, number + 4, "<HH", 0xFFFF, 0xFFFF)
    assert_refused(open_isolated(path), "“Sheet1”", "A1:CRXP65536", zh="使用区域过大",
                   en="huge used range")


def test_xls_dimensions_claiming_too_much(tmp_path: Path) -> None:
    source = corpus("calamine__date.xls")
    dimensions = record_offset(source.read_bytes(), b"\x00\x02\x0e\x00")
    path = patched(tmp_path, source, dimensions + 4, "<IIHH", 0, 65536, 0, 65535)
    assert_refused(open_isolated(path), "“Sheet1”", "A1:CRXO65536", zh="尺寸记录",
                   en="DIMENSIONS record")


def test_xls_dimensions_inverted(tmp_path: Path) -> None:
    source = corpus("calamine__date.xls")
    dimensions = record_offset(source.read_bytes(), b"\x00\x02\x0e\x00")
    path = patched(tmp_path, source, dimensions + 4, "<IIHH", 70000, 1, 300, 1)
    assert_refused(open_isolated(path), "“Sheet1”", zh="尺寸记录无效",
                   en="invalid DIMENSIONS record")


def test_xlsb_stray_value(tmp_path: Path) -> None:
    import zipfile

    source = corpus("calamine__date_1904.xlsb")
    with zipfile.ZipFile(source) as package:
        part = bytearray(package.read("xl/worksheets/sheet1.bin"))
    struct.pack_into("<I", part, 345, 1048575)  # the third row header's row
    struct.pack_into("<I", part, 390, 16383)  # a number cell's column in that row
    path = write_zip(tmp_path / "stray.xlsb",
                     members_of(source, {"xl/worksheets/sheet1.bin": bytes(part)}))
    assert_refused(open_isolated(path), "“Sheet1”", "XFD1048576", zh="使用区域过大",
                   en="huge used range")


@pytest.mark.libreoffice
def test_xls_at_its_maximum_reads(tmp_path: Path) -> None:
    # The far corner of a real .xls (IV65536) is 16.8 million cells: within the limit, and
    # calamine survives it. This is what makes .xls safe without a stray value ever being huge.
    import subprocess

    soffice = require_tool("soffice")
    source = xlsx_with(tmp_path, "corner.xlsx", {"A1": "x", "IV65536": 1})
    subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=120)
    result = open_isolated(tmp_path / "corner.xls", timeout=60)
    assert result["status"] == "ok" and result["sheets"] == {"Sheet1": 65536}, result


def test_check_limits_accepts_the_corpus_xls() -> None:
    check_limits(corpus("calamine__OOM_alloc.xls"), "xls", Limits())

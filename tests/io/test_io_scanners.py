"""The scanners under the guards: cut anywhere, they measure the same range; corrupt, they stop."""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from io_helpers import CORPUS, sheet_xml

from kactl.io._biff import xlsb_used_range
from kactl.io._cfb import CfbError, CompoundFile
from kactl.io._sheetxml import QuickScan, TagTooLong, exact_used_range, xml_buffers
from kactl.io.limits import column_index, column_letters

SHEET = sheet_xml(
    b'<row r="2" spans="2:3"><c r="B2" s="1" t="s"><v>0</v></c><c r="C2"><v>7</v></c></row>'
    b'<row r="5"><c r="D5" s="2"/><c r="AA5" t="inlineStr"><is><t>x &lt; y</t></is></c></row>'
    b'<row r="9"><c r="E9"><f>1+1</f><v>2</v></c></row>'
)
IRREGULAR = sheet_xml(
    b"<row><c><v>1</v></c><c s='1'/><c>\n  <v>3</v>\n</c></row>"
    b'<row r="4"><x:c s="1" r="F4"><x:v>1</x:v></x:c></row>'
)


def pieces(data: bytes, cuts: list[int]) -> Iterator[bytes]:
    edges = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    return (data[a:b] for a, b in itertools.pairwise(edges))


@given(st.lists(st.integers(min_value=0), max_size=40))
def test_quick_scan_is_the_same_however_the_xml_is_cut(cuts: list[int]) -> None:
    quick = QuickScan()
    for buffer in xml_buffers(pieces(SHEET, cuts)):
        quick.feed(buffer)
    assert not quick.irregular
    assert quick.used.ref == "B2:AA9"  # the styled blank D5 counts here: an upper bound


@given(st.lists(st.integers(min_value=0), max_size=40))
@settings(max_examples=50)
def test_exact_pass_is_the_same_however_the_xml_is_cut(cuts: list[int]) -> None:
    assert exact_used_range(xml_buffers(pieces(SHEET, cuts)), 10**9).ref == "B2:AA9"
    assert exact_used_range(xml_buffers(pieces(IRREGULAR, cuts)), 10**9).ref == "A1:F4"


def test_quick_scan_flags_what_it_cannot_place() -> None:
    quick = QuickScan()
    quick.feed(IRREGULAR)
    assert quick.irregular and quick.saw_cells


def test_exact_pass_stops_early() -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 5000))
    used = exact_used_range(xml_buffers([sheet_xml(rows)[i:i + 100]
                                         for i in range(0, len(rows) + 200, 100)]), 50)
    assert 50 < used.cells < 200


def test_an_endless_tag_does_not_grow_the_carry_forever() -> None:
    chunks = [b"<c r="] + [b"x" * 1024 * 1024] * 3
    with pytest.raises(TagTooLong):
        list(xml_buffers(chunks))


@given(st.integers(min_value=0, max_value=16383))
def test_column_letters_round_trip(col: int) -> None:
    assert column_index(column_letters(col).encode()) == col


def test_column_letters_known_values() -> None:
    assert [column_letters(c) for c in (0, 25, 26, 255, 16383)] == ["A", "Z", "AA", "IV", "XFD"]


def biff12(rtype: int, body: bytes) -> bytes:
    def varint(value: int) -> bytes:
        out = b""
        while True:
            byte, value = value & 0x7F, value >> 7
            out += bytes([byte | (0x80 if value else 0)])
            if not value:
                return out
    return varint(rtype) + varint(len(body)) + body


@given(st.lists(st.integers(min_value=0), max_size=20))
def test_xlsb_scan_however_the_part_is_cut(cuts: list[int]) -> None:
    part = (biff12(129, b"") + biff12(0, struct.pack("<I", 4) + b"\0" * 21)
            + biff12(2, struct.pack("<III", 3, 0, 0)) + biff12(1, struct.pack("<II", 900, 0))
            + biff12(0, struct.pack("<I", 9) + b"\0" * 21)
            + biff12(7, struct.pack("<III", 1, 0, 5)) + biff12(1045, b"x" * 300))
    assert xlsb_used_range(pieces(part, cuts)).ref == "B5:D10"  # the blank at col 900 is out


def test_cfb_cyclic_chain_ends_in_an_error() -> None:
    source = CORPUS / "calamine__merged_range.xls"
    if not source.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    data = bytearray(source.read_bytes())
    (first_dir,) = struct.unpack_from("<I", data, 48)
    (fat_sector,) = struct.unpack_from("<I", data, 76)
    # Point the directory's first sector at itself in the FAT: a cycle.
    struct.pack_into("<I", data, 512 * (fat_sector + 1) + 4 * first_dir, first_dir)
    with pytest.raises(CfbError):
        CompoundFile(bytes(data))


def test_cfb_lists_and_reads_streams() -> None:
    source = CORPUS / "calamine__date.xls"
    if not source.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    compound = CompoundFile(Path(source).read_bytes())
    assert "Workbook" in compound.stream_names()
    assert compound.read_stream("Workbook")[:2] == b"\x09\x08"  # a BIFF8 BOF record

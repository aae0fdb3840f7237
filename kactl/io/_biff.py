"""Record walkers for the binary formats: BIFF5/8 (.xls Workbook stream) and BIFF12 (.xlsb parts).

They read only what the guards need: sheet names, the 1904 flag, encryption, and each sheet's
used range from its cell records, which python-calamine would otherwise allocate blindly.
"""

from __future__ import annotations

import codecs
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kactl.io.limits import UsedRange

_BOF = frozenset({0x0809, 0x0409, 0x0209, 0x0009})
_EOF = 0x000A
_FILEPASS = 0x002F
_BOUNDSHEET = 0x0085
_DATEMODE = 0x0022
_CODEPAGE = 0x0042
_DIMENSIONS = 0x0200
# Cell records with (row u16, col u16) first: BLANK NUMBER LABEL BOOLERR RK LABELSST RSTRING
# FORMULA. Blanks are counted too: it costs nothing, as a genuine .xls tops out at IV65536.
_CELLS = frozenset({0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0006})
# MULRK and MULBLANK: row, first col, ..., last col in the record's last two bytes.
_MULTI_CELLS = frozenset({0x00BD, 0x00BE})


@dataclass
class XlsGlobals:
    """What the workbook-globals substream of an .xls says."""

    encrypted: bool = False
    date1904: bool = False
    biff8: bool = True
    codepage: int = 1252
    sheet_names: dict[int, str] = field(default_factory=dict)  # BOF offset -> name


@dataclass
class XlsSheet:
    """One sheet substream: the range its cells span and the one its DIMENSIONS claims."""

    name: str
    cells: UsedRange = field(default_factory=UsedRange)
    declared: UsedRange = field(default_factory=UsedRange)
    inverted: bool = False  # DIMENSIONS ends before it starts: calamine's size wraps around


def _records(stream: bytes, start: int = 0) -> Iterator[tuple[int, int, int]]:
    """Yield (offset, type, length) of each record; a record cut short ends the walk."""
    pos, end = start, len(stream)
    while pos + 4 <= end:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        if pos + 4 + length > end:
            return
        yield pos, rtype, length
        pos += 4 + length


def xls_globals(stream: bytes) -> XlsGlobals:
    """Read the globals substream, up to its EOF record."""
    facts = XlsGlobals()
    for pos, rtype, length in _records(stream):
        data = stream[pos + 4 : pos + 4 + length]
        if rtype in _BOF and pos == 0 and length >= 2:
            facts.biff8 = struct.unpack_from("<H", data)[0] == 0x0600
        elif rtype == _FILEPASS:
            facts.encrypted = True
            return facts  # what follows is encrypted: nothing more can be read
        elif rtype == _DATEMODE and length >= 2:
            facts.date1904 = struct.unpack_from("<H", data)[0] == 1
        elif rtype == _CODEPAGE and length >= 2:
            facts.codepage = struct.unpack_from("<H", data)[0]
        elif rtype == _BOUNDSHEET and length >= 7:
            facts.sheet_names[struct.unpack_from("<I", data)[0]] = _sheet_name(data[6:], facts)
        elif rtype == _EOF:
            break
    return facts


def _sheet_name(raw: bytes, facts: XlsGlobals) -> str:
    count = raw[0]
    if not facts.biff8:
        return raw[1 : 1 + count].decode(_codec(facts.codepage), "replace")
    wide = len(raw) > 1 and raw[1] & 1
    text = raw[2 : 2 + count * (2 if wide else 1)]
    return text.decode("utf-16-le" if wide else "latin-1", "replace")


def _codec(codepage: int) -> str:
    try:
        return codecs.lookup(f"cp{codepage}").name
    except LookupError:
        return "latin-1"


def xls_sheets(stream: bytes, facts: XlsGlobals) -> Iterator[XlsSheet]:
    """Yield each top-level sheet substream with its ranges (nested chart substreams fold in)."""
    sheet: XlsSheet | None = None
    depth = 0
    for pos, rtype, length in _records(stream):
        if rtype in _BOF:
            depth += 1
            if depth == 1:
                sheet = XlsSheet(facts.sheet_names.get(pos, f"#{pos}"))
        elif rtype == _EOF:
            depth = max(depth - 1, 0)
            if depth == 0 and sheet is not None:
                yield sheet
                sheet = None
        elif sheet is not None:
            _take_record(sheet, stream[pos + 4 : pos + 4 + length], rtype)
    if sheet is not None:
        yield sheet  # a substream without EOF is still measured


def _take_record(sheet: XlsSheet, data: bytes, rtype: int) -> None:
    if rtype in _CELLS and len(data) >= 4:
        row, col = struct.unpack_from("<HH", data)
        sheet.cells.add(row, col)
    elif rtype in _MULTI_CELLS and len(data) >= 6:
        row, first = struct.unpack_from("<HH", data)
        (last,) = struct.unpack_from("<H", data, len(data) - 2)
        sheet.cells.include(row, row, min(first, last), max(first, last))
    elif rtype == _DIMENSIONS:
        _take_dimensions(sheet, data)


def _take_dimensions(sheet: XlsSheet, data: bytes) -> None:
    # BIFF8 has 32-bit rows, BIFF5 16-bit; the "last" values are one past the end. calamine
    # reserves rows x columns from them before it reads a cell (measured: DIMENSIONS claiming
    # 65536 x 65535 aborts it even on a two-cell sheet); a zero "last" it takes as one cell.
    if len(data) >= 14:
        rows = struct.unpack_from("<II", data)
        cols = struct.unpack_from("<HH", data, 8)
    elif len(data) >= 8:
        rows = struct.unpack_from("<HH", data)
        cols = struct.unpack_from("<HH", data, 4)
    else:
        return
    if rows[1] == 0 or cols[1] == 0:
        return
    if rows[1] < rows[0] or cols[1] < cols[0]:
        sheet.inverted = True
    elif rows[1] > rows[0] and cols[1] > cols[0]:
        sheet.declared.include(rows[0], rows[1] - 1, cols[0], cols[1] - 1)


# BIFF12 (.xlsb). Value cells: RK ERROR BOOL REAL ST ISST, the four formula cells, RSTRING;
# calamine leaves blank cells (type 1) out of the range, as measured with a stray blank cell.
_XLSB_ROW = 0
_XLSB_VALUE_CELLS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 62})
_XLSB_SHEET = 156
_XLSB_WBPROP = 153


def _biff12_header(buf: bytes, pos: int) -> tuple[int, int, int] | None:
    """Return (type, length, data offset) of the record at pos, or None if buf ends first."""
    values = []
    for width in (2, 4):  # type: up to 2 bytes of 7 bits; length: up to 4
        value = shift = 0
        for _ in range(width):
            if pos >= len(buf):
                return None
            byte = buf[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        values.append(value)
    return values[0], values[1], pos


def biff12_records(chunks: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """Yield (type, data) of each record of a streamed BIFF12 part."""
    buf, pos = b"", 0
    for chunk in chunks:
        buf, pos = buf[pos:] + chunk, 0
        while (header := _biff12_header(buf, pos)) is not None:
            rtype, length, start = header
            if start + length > len(buf):
                break
            yield rtype, buf[start : start + length]
            pos = start + length


def xlsb_used_range(chunks: Iterable[bytes]) -> UsedRange:
    """Return the range spanned by a worksheet part's value cells."""
    used = UsedRange()
    row = 0
    for rtype, data in biff12_records(chunks):
        if rtype == _XLSB_ROW and len(data) >= 4:
            (row,) = struct.unpack_from("<I", data)
        elif rtype in _XLSB_VALUE_CELLS and len(data) >= 4:
            used.add(row, struct.unpack_from("<I", data)[0])
    return used


def xlsb_workbook(data: bytes) -> tuple[list[tuple[str, str]], bool]:
    """Return [(relationship id, sheet name)] and the 1904 flag from workbook.bin."""
    sheets: list[tuple[str, str]] = []
    date1904 = False
    for rtype, body in biff12_records([data]):
        if rtype == _XLSB_SHEET and len(body) >= 12:
            rel_id, offset = _wide_string(body, 8)
            name, _ = _wide_string(body, offset)
            sheets.append((rel_id, name))
        elif rtype == _XLSB_WBPROP and len(body) >= 4:
            date1904 = bool(struct.unpack_from("<I", body)[0] & 1)
    return sheets, date1904


def _wide_string(body: bytes, offset: int) -> tuple[str, int]:
    """Read an XLWideString (u32 character count, UTF-16); a null one (0xFFFFFFFF) is ''."""
    if offset + 4 > len(body):
        return "", len(body)
    (count,) = struct.unpack_from("<I", body, offset)
    if count == 0xFFFFFFFF:
        return "", offset + 4
    end = min(offset + 4 + 2 * count, len(body))
    return body[offset + 4 : end].decode("utf-16-le", "replace"), end

"""Helpers for the kactl.io tests: hand-built zips, and opening workbooks in a child process.

A workbook that slips past the guards can abort the Python process inside python-calamine, so
every test that opens such a file does it in a child: an abort fails the test, not pytest.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path("/work/shared/corpus")
WORKER = Path(__file__).with_name("isolated_open.py")


@dataclass
class RawMember:
    """One zip member as stored: raw deflate data, the size its headers declare, its CRC."""

    name: str
    data: bytes
    size: int
    crc: int


def deflated(name: str, content: bytes) -> RawMember:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    data = packer.compress(content) + packer.flush()
    return RawMember(name, data, len(content), zlib.crc32(content))


def bomb(name: str, head: bytes, block: bytes, count: int, tail: bytes,
         declared: int | None = None, with_crc: bool = False) -> RawMember:
    """Return a member inflating to head + block * count + tail, cheaply.

    A full flush ends a deflate segment on a byte boundary with an empty dictionary, so the
    compressed block can be repeated: 600 MB of content costs one 1 MB compression. The CRC is
    left 0 unless asked for: the guard must refuse a bomb before anything checks it.
    """
    crc = 0
    if with_crc:
        crc = zlib.crc32(head)
        for _ in range(count):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(tail, crc)
    # Level 1 still packs white space ~230:1, and inflates 20 times faster than level 9.
    packer = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    last = packer.compress(tail) + packer.flush()
    real = len(head) + len(block) * count + len(tail)
    return RawMember(name, first + repeated * count + last,
                     real if declared is None else declared, crc)


def members_of(path: Path, replace: dict[str, RawMember | bytes] | None = None) -> list[RawMember]:
    """Return an existing zip's members re-deflated, with some replaced."""
    replace = replace or {}
    out = []
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            new = replace.get(info.filename)
            if isinstance(new, RawMember):
                out.append(new)
            else:
                content = new if new is not None else package.read(info)
                out.append(deflated(info.filename, content))
    return out


def write_zip(path: Path, members: list[RawMember]) -> Path:
    """Write a plain zip whose headers say exactly what the members say (true or not)."""
    central = b""
    with path.open("wb") as out:
        for m in members:
            name = m.name.encode()
            offset = out.tell()
            out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, m.crc,
                                  len(m.data), m.size, len(name), 0) + name)
            out.write(m.data)
            central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21,
                                   m.crc, len(m.data), m.size, len(name), 0, 0, 0, 0, 0,
                                   offset) + name
        start = out.tell()
        out.write(central)
        out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members),
                              len(central), start, 0))
    return path


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env["RUST_BACKTRACE"] = "0"
    return env


def run_worker(paths: list[Path], limits: dict[str, int] | None = None,
               timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """Run the worker over paths; raises subprocess.TimeoutExpired if it hangs."""
    args = [sys.executable, str(WORKER), json.dumps(limits or {}), *map(str, paths)]
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                          env=_child_env(), check=False)


def open_isolated(path: Path, timeout: float = 20, **limits: int) -> dict[str, Any]:
    """Open and read a workbook in a child; return its outcome, failing if the child died."""
    proc = run_worker([path], limits, timeout)
    assert proc.returncode == 0, f"child exited {proc.returncode}: {proc.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(proc.stdout.splitlines()[-1])
    return result


def assert_refused(result: dict[str, Any], *both: str, zh: str = "", en: str = "") -> None:
    """Assert an InputError whose zh and en texts both contain `both`, and each its own part."""
    assert result["status"] == "InputError", result
    for fragment in both:
        assert fragment in result["zh"] and fragment in result["en"], (fragment, result)
    assert zh in result["zh"] and en in result["en"], result


def xlsx_with(tmp_path: Path, name: str, cells: dict[str, Any]) -> Path:
    """Write an openpyxl workbook with the given cells on its one sheet, 'Sheet1'."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for ref, value in cells.items():
        sheet[ref] = value
    path = tmp_path / name
    book.save(path)
    return path


def replace_sheet_xml(source: Path, target: Path, xml: bytes,
                      part: str = "xl/worksheets/sheet1.xml") -> Path:
    return write_zip(target, members_of(source, {part: xml}))


SHEET_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet_xml(body: bytes) -> bytes:
    return b"<?xml version='1.0'?><worksheet " + SHEET_NS + b"><sheetData>" + body + \
        b"</sheetData></worksheet>"

"""Refusing, before any parser sees it, a workbook that would exhaust memory or abort the reader.

Three hazards, each checked on the raw file:

* zip bombs: the declared sizes are summed, then every member is inflated from its raw deflate
  data (not through zipfile, which trusts the declared size) counting the real bytes, stopping as
  soon as the limit is passed;
* XML entity expansion ("billion laughs") and external entities: any DOCTYPE or ENTITY in an XML
  part is refused (OOXML forbids DTDs; ODF has no use for them);
* enormous used ranges: python-calamine allocates rows x columns of a sheet at once and, when
  that fails, aborts the whole process. Measured with calamine 0.9.1: xlsx, xlsb and xls all abort
  on a far stray value (xlsx/xlsb at XFD1048576; xls at a cell record with column 0xFFFF, or a
  DIMENSIONS record claiming 65536 x 65535), and xls aborts already when the file is opened. A
  genuine .xls at its maximum, a value at IV65536, is 16.8 million cells and reads (1.2 GB, 2 s).
  .ods is left to calamine, which enforces its own cell limit and raises an exception.
"""

# Limitation: for .ods, max_cells is not applied: calamine's own limit (100 million cells) is
# what stops a sheet there, so an .ods sheet of 60 million cells is still read (slowly).

from __future__ import annotations

import itertools
import os
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from kactl.errors import InputError
from kactl.io._biff import xls_globals, xls_sheets, xlsb_used_range
from kactl.io._cfb import CfbError, workbook_stream
from kactl.io._ooxml import sheet_parts
from kactl.io._sheetxml import (
    QuickScan,
    TagTooLong,
    exact_used_range,
    has_doctype,
    xml_buffers,
)
from kactl.io.limits import Limits, UsedRange
from kactl.io.sniff import ZIP_ERRORS, damaged, encrypted

_CHUNK = 1024 * 1024
_MAX_MEMBERS = 100_000  # far above any real workbook; bounds the per-member work
_XML_SUFFIXES = (".xml", ".rels")
_XML_LEAD = b"\xef\xbb\xbf \t\r\n"  # a UTF-8 byte-order mark, and white space


def check_limits(path: Path, fmt: str, limits: Limits) -> None:
    """Raise InputError if the workbook is a bomb, declares entities or has a huge sheet."""
    if fmt == "xls":
        _check_xls(path, limits)
    else:
        _check_package(path, fmt, limits)


def _check_xls(path: Path, limits: Limits) -> None:
    try:
        stream = workbook_stream(path)
    except CfbError:
        raise damaged(
            path, "OLE 复合文档结构无效", "invalid OLE compound-document structure"
        ) from None
    facts = xls_globals(stream)
    if facts.encrypted:
        raise encrypted(path)
    for sheet in xls_sheets(stream, facts):
        if sheet.inverted:
            raise damaged(
                path,
                f"工作表“{sheet.name}”的尺寸记录无效",
                f"sheet “{sheet.name}” has an invalid DIMENSIONS record",
            )
        if sheet.cells.cells > limits.max_cells:
            raise too_big(path, sheet.name, sheet.cells, limits)
        if sheet.declared.cells > limits.max_cells:
            # The cells are fine but the size record claims more: calamine would believe it.
            raise damaged(
                path,
                f"工作表“{sheet.name}”的尺寸记录声称 {sheet.declared.ref}，远大于其中的数据",
                f"sheet “{sheet.name}” has a DIMENSIONS record "
                f"claiming {sheet.declared.ref}, far beyond its data",
            )


def _check_package(path: Path, fmt: str, limits: Limits, gate: SheetGate | None = None) -> None:
    try:
        with zipfile.ZipFile(path) as package, path.open("rb") as raw:
            members = [i for i in package.infolist() if not i.filename.endswith("/")]
            _check_declared(path, members, limits)
            names = sheet_parts(package)
            budget = _Budget(path, limits.max_inflated_bytes, gate)
            # Sheets last, smallest first: a gated reader opens the workbook once the other
            # parts passed and reads each sheet as soon as it has, so while calamine parses
            # one sheet the guard scans the next, slightly larger one.
            order = [i for i in members if i.filename not in names]
            sheets = sorted(
                (i for i in members if i.filename in names), key=lambda i: i.compress_size
            )
            order += sheets
            if gate is not None:
                gate.order = [names[i.filename] for i in sheets]
            for info in order:
                if gate is not None and info.filename in names:
                    gate.pass_prelude()
                _check_member(path, fmt, raw, info, budget, names, limits)
                if gate is not None and info.filename in names:
                    gate.pass_sheet(names[info.filename])
    except ZIP_ERRORS:
        raise damaged(path, "ZIP 结构无效", "invalid ZIP structure") from None


def _check_member(
    path: Path,
    fmt: str,
    raw: BinaryIO,
    info: zipfile.ZipInfo,
    budget: _Budget,
    names: dict[str, str],
    limits: Limits,
) -> None:
    chunks = budget.count(_inflate(path, raw, info))
    if _scan_member(path, fmt, info, chunks, names, limits):
        used = exact_used_range(xml_buffers(_inflate(path, raw, info)), limits.max_cells)
        if used.cells > limits.max_cells:
            raise too_big(path, names.get(info.filename, info.filename), used, limits)


class _Cancelled(Exception):
    """The reader was closed before the guard finished: the rest need not be scanned."""


class SheetGate:
    """The guard of an .xlsx running beside the reader: which parts have passed so far.

    python-calamine releases the GIL while it parses a sheet, so the guard's scan of the next
    sheet costs no wall time; yet no sheet reaches calamine before its own scan has passed.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._prelude = False
        self._passed: set[str] = set()
        self._done = False
        self._error: BaseException | None = None
        self.cancelled = False
        self.order: list[str] = []  # the sheets in the order they are scanned

    def pass_prelude(self) -> None:
        with self._cond:
            self._prelude = True
            self._cond.notify_all()

    def pass_sheet(self, name: str) -> None:
        with self._cond:
            self._passed.add(name)
            self._cond.notify_all()

    def finish(self, error: BaseException | None) -> None:
        with self._cond:
            self._done, self._error = True, error
            self._cond.notify_all()

    def wait_prelude(self) -> None:
        """Return once every part but the sheets has passed; raise what the guard raised."""
        self._wait(lambda: self._prelude)

    def wait_sheet(self, name: str) -> None:
        """Return once sheet `name` has passed; raise what the guard raised."""
        self._wait(lambda: name in self._passed)

    def _wait(self, ready: Callable[[], bool]) -> None:
        with self._cond:
            self._cond.wait_for(lambda: ready() or self._done)
            if self._error is not None:
                raise self._error
            # A guard that finished without error has passed everything there is.


def start_guard(path: Path, fmt: str, limits: Limits) -> SheetGate:
    """Run the .xlsx guard in a thread; the returned gate says what may be parsed yet."""
    gate = SheetGate()

    def run() -> None:
        try:
            _check_package(path, fmt, limits, gate)
        except _Cancelled:
            gate.finish(None)
        except BaseException as exc:  # handed to the reader's thread, which raises it
            gate.finish(exc)
        else:
            gate.finish(None)

    threading.Thread(target=run, name="kactl-guard", daemon=True).start()
    return gate


def _check_declared(path: Path, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > _MAX_MEMBERS:
        raise InputError(
            f"压缩包内有 {len(members)} 个部件，远超正常工作簿，kactl 拒绝读取",
            f"the package holds {len(members)} parts, far more than any real workbook; "
            "kactl refuses to read it",
            file=path,
        )
    declared = sum(info.file_size for info in members)
    if declared > limits.max_inflated_bytes:
        raise _bomb(path, limits.max_inflated_bytes, declared)


def _scan_member(
    path: Path,
    fmt: str,
    info: zipfile.ZipInfo,
    chunks: Iterator[bytes],
    names: dict[str, str],
    limits: Limits,
) -> bool:
    """Inflate one member through its checks; return True if its cells need the exact pass."""
    name = info.filename
    # Sheets are the workbook's, found through its relationships; by path only where those fail.
    is_sheet = name in names or (not names and "/worksheets/sheet" in f"/{name}")
    if fmt == "xlsb" and is_sheet and not name.endswith(_XML_SUFFIXES):
        used = xlsb_used_range(chunks)
        if used.cells > limits.max_cells:
            raise too_big(path, names.get(name, name), used, limits)
        return False
    # A part's name need not say what it is: cells are looked for in anything that reads as
    # XML. DOCTYPEs only in the package's XML parts, as an SVG picture may carry one harmlessly.
    first = next(chunks, b"")
    chunks = itertools.chain([first], chunks)
    check_doctype = name.endswith(_XML_SUFFIXES) or is_sheet
    if check_doctype or first.lstrip(_XML_LEAD).startswith(b"<"):
        quick = QuickScan() if fmt in ("xlsx", "xlsm") else None
        try:
            _scan_xml(path, name, chunks, quick, check_doctype)
        except TagTooLong:
            if quick is not None and (is_sheet or quick.saw_cells):
                raise damaged(
                    path,
                    f"部件 {name} 中有超过 1 MB 的标签",
                    f"part {name} has a tag longer than 1 MB",
                ) from None
            # Not a sheet (an SVG path, say): the rest is only counted.
        else:
            return (
                quick is not None
                and quick.saw_cells
                and (quick.irregular or quick.used.cells > limits.max_cells)
            )
    for _ in chunks:  # counted by the budget, nothing else to look at
        pass
    return False


def _scan_xml(
    path: Path, name: str, chunks: Iterator[bytes], quick: QuickScan | None, check_doctype: bool
) -> None:
    for buffer in xml_buffers(chunks):
        if check_doctype and has_doctype(buffer):
            raise _doctype(path, name)
        if quick is not None:
            quick.feed(buffer)


class _Budget:
    """Counts inflated bytes across all members; refuses as soon as the limit is passed."""

    def __init__(self, path: Path, limit: int, gate: SheetGate | None = None) -> None:
        self.path = path
        self.limit = limit
        self.total = 0
        self.gate = gate

    def count(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            if self.gate is not None and self.gate.cancelled:
                raise _Cancelled
            self.total += len(chunk)
            if self.total > self.limit:
                raise _bomb(self.path, self.limit, None)
            yield chunk


def _inflate(path: Path, raw: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Yield a member's inflated bytes from its raw data, however large its header says it is."""
    if info.flag_bits & 1:
        raise encrypted(path)
    if info.header_offset < 0:
        raise damaged(
            path, f"部件 {info.filename} 的位置无效", f"bad offset of part {info.filename}"
        )
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise damaged(path, f"部件 {info.filename} 的头无效", f"bad header of part {info.filename}")
    name_len, extra_len = struct.unpack_from("<HH", header, 26)
    start = info.header_offset + 30 + name_len + extra_len
    if start + info.compress_size > os.fstat(raw.fileno()).st_size:
        raise damaged(path, f"部件 {info.filename} 被截断", f"part {info.filename} is truncated")
    raw.seek(start)
    if info.compress_type == zipfile.ZIP_STORED:
        yield from _raw_blocks(raw, info.compress_size)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        yield from _deflated(path, info.filename, _raw_blocks(raw, info.compress_size))
    else:
        raise InputError(
            f"部件 {info.filename} 使用了 Excel 不会使用的压缩方式（{info.compress_type}）",
            f"part {info.filename} uses a compression method Excel never writes "
            f"({info.compress_type})",
            file=path,
        )


def _raw_blocks(raw: BinaryIO, size: int) -> Iterator[bytes]:
    while size > 0:
        block = raw.read(min(_CHUNK, size))
        if not block:
            return
        size -= len(block)
        yield block


def _deflated(path: Path, name: str, blocks: Iterator[bytes]) -> Iterator[bytes]:
    # max_length keeps each output chunk at 1 MB however compressible the input is.
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for block in blocks:
            data = block
            while data and not inflater.eof:
                out = inflater.decompress(data, _CHUNK)
                data = inflater.unconsumed_tail
                if out:
                    yield out
            if inflater.eof:
                return
        rest = inflater.flush()
    except zlib.error:
        raise damaged(
            path, f"部件 {name} 的压缩数据无效", f"bad compressed data in part {name}"
        ) from None
    if rest:
        yield rest


def _bomb(path: Path, limit: int, declared: int | None) -> InputError:
    mb = f"{limit / 1024**2:,.0f}"
    if declared is not None:
        size = f"{declared / 1024**2:,.0f} MB"
        return InputError(
            f"工作簿解压后有 {size}，超过 {mb} MB 上限（可能是“压缩炸弹”），kactl 拒绝读取",
            f"the workbook inflates to {size}, more than the {mb} MB limit (perhaps a zip bomb); "
            "kactl refuses to read it",
            file=path,
        )
    return InputError(
        f"工作簿解压后超过 {mb} MB 上限（实际内容比文件头声明的大得多，可能是“压缩炸弹”），"
        "kactl 拒绝读取",
        f"the workbook inflates to more than the {mb} MB limit (far more than its headers "
        "declare: perhaps a zip bomb); kactl refuses to read it",
        file=path,
    )


def _doctype(path: Path, part: str) -> InputError:
    return InputError(
        f"文件中的 XML 部件“{part}”含有 DOCTYPE/ENTITY 实体声明（可用于“十亿笑”实体膨胀或 XXE "
        "攻击，正常工作簿不会有），kactl 拒绝读取",
        f"the XML part “{part}” declares a DOCTYPE/ENTITY (used for entity-expansion "
        "“billion laughs” and XXE attacks; real workbooks have none); kactl refuses to read it",
        file=path,
    )


def too_big(path: Path, sheet: str, used: UsedRange, limits: Limits) -> InputError:
    """Return the error for a sheet whose used range exceeds limits.max_cells."""
    return InputError(
        f"工作表“{sheet}”的使用区域过大（{used.ref}，约 {_zh_count(used.cells)}个单元格，"
        f"上限 {_zh_count(limits.max_cells)}）：多半是远处（{used.last_cell} 附近）"
        "有一个误输入的值，请删除后再试",
        f"sheet “{sheet}” has a huge used range ({used.ref}, about {_en_count(used.cells)} "
        f"cells; the limit is {_en_count(limits.max_cells)}): probably a stray value far away, "
        f"near {used.last_cell}; delete it and try again",
        file=path,
    )


def _zh_count(n: int) -> str:
    for unit, word in ((10**8, "亿"), (10**4, "万")):
        if n >= unit:
            scaled = n / unit
            return f"{int(scaled)} {word}" if scaled >= 10 else f"{scaled:.1f} {word}"
    return str(n)


def _en_count(n: int) -> str:
    for unit, word in ((10**9, "billion"), (10**6, "million")):
        if n >= unit:
            return f"{n / unit:.1f}".removesuffix(".0") + f" {word}"
    return f"{n:,}"

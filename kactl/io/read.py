"""Opening a workbook of any supported format, behind the format check and the guards.

open_workbook is the one door: detect the format by content, refuse what the guards refuse,
then let python-calamine open the file. Sheets are read only when asked for. Every failure of
calamine on a damaged file becomes an InputError naming the file (and the sheet).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

import python_calamine

from kactl.errors import InputError, MissingSheetError
from kactl.io import _ooxml
from kactl.io._biff import xls_globals
from kactl.io._cfb import CfbError, workbook_stream
from kactl.io.guard import SheetGate, check_limits, start_guard
from kactl.io.limits import Limits
from kactl.io.sniff import detect_format, encrypted

DEFAULT_LIMITS = Limits()

# python-calamine picks its reader by the file's extension; where the name disagrees with the
# content, the file is handed over as a file object instead, which calamine sniffs by content.
_SUFFIXES = {
    "xlsx": {".xlsx", ".xlsm", ".xltx", ".xltm"},
    "xlsm": {".xlsx", ".xlsm", ".xltx", ".xltm"},
    "xlsb": {".xlsb"},
    "xls": {".xls", ".xla"},
    "ods": {".ods"},
}


@dataclass
class RawSheet:
    """One sheet's values as python-calamine gives them, placed in sheet coordinates."""

    name: str
    rows: list[list[Any]]  # str, int, float, bool, date, datetime, time, timedelta; '' blank
    origin: tuple[int, int]  # 0-based (row, col) of rows[0][0]
    merged: list[tuple[int, int, int, int]]  # 0-based inclusive (r0, c0, r1, c1); [] for ods


class WorkbookReader:
    """An open workbook; read its worksheets one at a time, then close it."""

    def __init__(self, path: Path, fmt: str, date1904: bool, gate: SheetGate | None = None) -> None:
        self.path = path
        self.format = fmt
        self.date1904 = date1904
        self._gate = gate
        self._handle: BinaryIO | None = None
        try:
            with _calamine_failures(path):
                self._book = self._open()
                worksheet = python_calamine.SheetTypeEnum.WorkSheet
                self.sheet_names: list[str] = [
                    meta.name for meta in self._book.sheets_metadata if meta.typ == worksheet
                ]
        except BaseException:
            if self._handle is not None:
                self._handle.close()
            raise
        self._closed = False

    def _open(self) -> Any:
        if self.path.suffix.lower() in _SUFFIXES[self.format]:
            return python_calamine.CalamineWorkbook.from_path(str(self.path))
        self._handle = self.path.open("rb")
        return python_calamine.CalamineWorkbook.from_filelike(self._handle)

    def scan_order(self) -> list[str]:
        """Return the sheet names in the order reading them waits least for the guard."""
        if self._gate is None:
            return list(self.sheet_names)
        first = [n for n in self._gate.order if n in self.sheet_names]
        return first + [n for n in self.sheet_names if n not in first]

    def read(self, name: str, nrows: int | None = None) -> RawSheet:
        """Return the values of worksheet `name` (at most `nrows` rows from its first)."""
        if self._closed:
            raise ValueError("read() on a closed WorkbookReader")
        if name not in self.sheet_names:
            raise MissingSheetError(
                f"工作簿中没有名为“{name}”的工作表",
                f"the workbook has no sheet named “{name}”",
                file=self.path,
            )
        if self._gate is not None:
            self._gate.wait_sheet(name)
        with _calamine_failures(self.path, name):
            sheet = self._book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=True, nrows=nrows)
            start = sheet.start
            ranges = sheet.merged_cell_ranges
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges or ()]
        return RawSheet(name, rows, tuple(start) if start else (0, 0), merged)

    def close(self) -> None:
        """Release the file; further reads raise ValueError."""
        if not self._closed:
            self._closed = True
            if self._gate is not None:
                self._gate.cancelled = True
            self._book.close()
            if self._handle is not None:
                self._handle.close()

    def __enter__(self) -> WorkbookReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_workbook(
    path: Path, limits: Limits = DEFAULT_LIMITS, *, pipelined: bool = False
) -> WorkbookReader:
    """Return an open reader for the workbook at `path`, or raise InputError saying why not.

    With `pipelined`, an .xlsx's sheets are scanned by the guard in a thread while earlier
    sheets are parsed; read() of a sheet waits for its scan, so no sheet is parsed unchecked.
    """
    path = Path(path)
    fmt = detect_format(path)
    if pipelined and fmt in ("xlsx", "xlsm"):
        gate = start_guard(path, fmt, limits)
        gate.wait_prelude()
        return WorkbookReader(path, fmt, _date1904(path, fmt), gate)
    check_limits(path, fmt, limits)
    return WorkbookReader(path, fmt, _date1904(path, fmt))


def _date1904(path: Path, fmt: str) -> bool:
    """Return whether the workbook counts dates from 1904 (ods has no such flag: False)."""
    if fmt == "xls":
        try:
            return xls_globals(workbook_stream(path)).date1904
        except CfbError:
            return False  # the guard has read this stream already; calamine will say more
    if fmt == "ods":
        return False
    with zipfile.ZipFile(path) as package:
        return _ooxml.date1904(package)


@contextmanager
def _calamine_failures(path: Path, sheet: str | None = None) -> Iterator[None]:
    """Turn what calamine raises on a damaged file into an InputError."""
    try:
        yield
    except python_calamine.CalamineError as exc:
        raise _calamine_error(path, exc, sheet) from exc
    except (OSError, ValueError) as exc:  # calamine's I/O errors on short or odd parts
        raise _calamine_error(path, exc, sheet) from exc
    except BaseException as exc:
        # A Rust panic inside calamine arrives as pyo3's PanicException, a BaseException.
        # Limitation: Rust's panic hook has already printed one line ("thread ... panicked at
        # ...") to stderr by then; there is no way to silence it from Python.
        if type(exc).__name__ != "PanicException":
            raise
        raise _calamine_error(path, exc, sheet) from exc


def _calamine_error(path: Path, exc: BaseException, sheet: str | None) -> InputError:
    if isinstance(exc, python_calamine.PasswordError):
        return encrypted(path)
    detail = str(exc).strip() or type(exc).__name__
    if "Cell limit exceeded" in detail:
        return InputError(
            f"工作表的使用区域过大（{detail}）：多半是远处有一个误输入的值，请删除后再试",
            f"a sheet's used range is too large ({detail}): probably a stray value far away; "
            "delete it and try again",
            file=path,
        )
    zh_where = f"工作表“{sheet}”" if sheet else "工作簿"
    en_where = f"sheet “{sheet}”" if sheet else "the workbook"
    return InputError(
        f"无法读取{zh_where}（文件可能已损坏或格式异常）：{detail}",
        f"cannot read {en_where} (the file may be damaged or malformed): {detail}",
        file=path,
    )

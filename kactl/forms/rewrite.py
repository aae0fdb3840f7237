"""Whether a dealership's workbook may be rewritten in place, and opening it for writing.

openpyxl keeps values, styles, formulas, merges, dropdowns and comments, but drops charts,
pictures and shapes, pivot tables and macros, and writes only .xlsx. A workbook holding any of
those, or in another format, is never rewritten in place: the changed copy goes to `-o`.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kactl.config import Config
from kactl.errors import OutputError, UsageError

# (zip member prefix, what it is in Chinese, in English)
_DROPPED_PARTS = (
    ("xl/charts/", "图表", "charts"),
    ("xl/pivotTables/", "数据透视表", "pivot tables"),
    ("xl/vbaProject.bin", "宏（VBA）", "macros (VBA)"),
    ("xl/media/", "图片", "pictures"),
)
_DRAWN_SHAPE = re.compile(rb"<(?:xdr:)?(?:pic|sp|grpSp|cxnSp)[\s>]")
_DRAWING = re.compile(r"xl/drawings/drawing\d+\.xml")
_MAX_DRAWING_BYTES = 8 * 1024**2


@dataclass(frozen=True)
class Destination:
    """Where the changed workbook goes: the workbook itself, or a new .xlsx file."""

    path: Path
    in_place: bool
    source_format: str
    overwrite: bool


def destination(source: Path, out: Path | None, *, force: bool = False) -> Destination:
    """Return where to write, or raise why the workbook may not be written there."""
    from kactl.io.sniff import detect_format

    fmt = detect_format(source)
    if out is None or _same_file(out, source):
        _refuse_in_place(source, fmt)
        refuse_locked(source)
        return Destination(source, True, fmt, True)
    if out.suffix.lower() != ".xlsx":
        raise UsageError("-o 的输出文件须为 .xlsx", "the -o output must be an .xlsx file", file=out)
    refuse_locked(out)
    if out.exists() and not force:
        raise OutputError("输出文件已存在；如要覆盖，请加 --force",
                          "the output file exists already; add --force to replace it", file=out)
    return Destination(out, False, fmt, force)


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _refuse_in_place(source: Path, fmt: str) -> None:
    if fmt != "xlsx":
        raise UsageError(
            f"{fmt} 格式的工作簿不能原地改写（kactl 只写 .xlsx）；请用 -o 新文件.xlsx 另存",
            f"a .{fmt} workbook is not rewritten in place (kactl writes .xlsx only); "
            "use -o NEW.xlsx",
            file=source,
        )
    dropped = dropped_parts(source)
    if dropped:
        zh = "、".join(z for z, _ in dropped)
        en = ", ".join(e for _, e in dropped)
        raise UsageError(
            f"工作簿含有 kactl 无法保留的内容（{zh}），为免丢失不原地改写；"
            "请用 -o 新文件.xlsx 另存，原文件保持不变",
            f"the workbook holds parts kactl cannot keep ({en}), so it is not rewritten in "
            "place; use -o NEW.xlsx and the original stays as it is",
            file=source,
        )


def dropped_parts(path: Path) -> list[tuple[str, str]]:
    """Return what rewriting the .xlsx at `path` with openpyxl would lose, as (zh, en) names."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        found = [(zh, en) for prefix, zh, en in _DROPPED_PARTS
                 if any(n.startswith(prefix) for n in names)]
        if any(_has_shapes(archive, n) for n in names if _DRAWING.fullmatch(n)):
            found.append(("图片或形状", "pictures or shapes"))
    return list(dict.fromkeys(found))


def _has_shapes(archive: zipfile.ZipFile, name: str) -> bool:
    """Tell whether a drawing part holds pictures or shapes (a chart's drawing alone does not)."""
    with archive.open(name) as part:
        return bool(_DRAWN_SHAPE.search(part.read(_MAX_DRAWING_BYTES)))


def refuse_locked(path: Path) -> None:
    """Raise OutputError when `path` is open in Excel, WPS or LibreOffice (its lock file)."""
    from kactl.io.write import excel_lock_path

    lock = excel_lock_path(path)
    if lock is not None:
        raise OutputError(
            f"工作簿正在 Excel/WPS 中打开（发现锁文件 {lock.name}）；请先关闭它再运行",
            f"the workbook is open in Excel/WPS (lock file {lock.name}); close it and run again",
            file=path,
        )


def open_for_writing(dest: Destination, source: Path, config: Config) -> tuple[Any, list[str]]:
    """Return the workbook as openpyxl edits it (formulas kept, or rebuilt from values), and
    what openpyxl said it drops on the way."""
    if dest.source_format not in ("xlsx", "xlsm"):
        return _rebuild(source, config), []
    import openpyxl

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = openpyxl.load_workbook(source)
    lost = [str(w.message) for w in caught if "removed" in str(w.message)]
    if lost and dest.in_place:
        raise UsageError(
            f"openpyxl 会丢弃工作簿的部分内容（{lost[0]}），为免丢失不原地改写；"
            "请用 -o 新文件.xlsx",
            f"openpyxl would drop part of the workbook ({lost[0]}), so it is not rewritten in "
            "place; use -o NEW.xlsx",
            file=source,
        )
    return book, lost


def _rebuild(source: Path, config: Config) -> Any:
    """Return a new openpyxl workbook holding the values and merges of an .xls/.ods/.xlsb."""
    # Limitation: only values and merges survive; the original keeps its formats and formulas,
    # since this copy only ever goes to a new -o file.
    import openpyxl

    from kactl.io.read import open_workbook
    from kactl.io.write import set_text

    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    with open_workbook(source, config.limits) as reader:
        for name in reader.sheet_names:
            raw = reader.read(name)
            ws = book.create_sheet(name)
            r0, c0 = raw.origin
            for i, row in enumerate(raw.rows):
                for j, value in enumerate(row):
                    if value != "":
                        set_text(ws.cell(row=r0 + i + 1, column=c0 + j + 1), value)
            for a, b, c, d in raw.merged:
                ws.merge_cells(start_row=a + 1, start_column=b + 1, end_row=c + 1,
                               end_column=d + 1)
    return book

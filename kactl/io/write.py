"""Writing outputs safely: atomically, never over a file by surprise, and text kept as text."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from kactl.errors import OutputError

_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def atomic_output(path: Path, *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename.

    The temporary file is in the same directory (a rename across file systems is a copy) and
    keeps the suffix, since writers such as openpyxl go by it. On an exception it is removed
    and `path` is left as it was.
    """
    path = Path(path)
    _refuse_existing(path, overwrite)
    temp = _create_temp(path)
    try:
        yield temp
        # Checked again: the file may have appeared while the output was being written.
        _refuse_existing(path, overwrite)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _refuse_existing(path: Path, overwrite: bool) -> None:
    if path.is_dir():
        raise OutputError("输出路径是一个文件夹", "the output path is a folder", file=path)
    if path.exists() and not overwrite:
        raise OutputError(
            "输出文件已存在；如要覆盖，请加 --force（或 --overwrite）",
            "the output file exists already; add --force (or --overwrite) to replace it",
            file=path,
        )


def _create_temp(path: Path) -> Path:
    # O_EXCL with a random name: never an existing file; mode 0o666 lets the umask decide, as
    # for any new file (mkstemp would leave it readable by its owner only).
    for _ in range(100):
        temp = path.with_name(f".{path.stem}.tmp-{secrets.token_hex(4)}{path.suffix}")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot_write(path, exc) from exc
        return temp
    raise OutputError("无法创建临时文件", "cannot create a temporary file", file=path)


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    if isinstance(exc, PermissionError):
        return OutputError(
            "无法写入：没有权限，或文件正被其他程序（如 Excel、WPS）打开；请关闭后再试",
            "cannot write: permission denied, or the file is open in another program (Excel, "
            "WPS); close it and try again",
            file=path,
        )
    return OutputError(
        f"无法写入（{exc.strerror or exc}）", f"cannot write ({exc.strerror or exc})", file=path
    )


def backup_copy(path: Path) -> Path:
    """Copy `path` to NAME.bak-YYYYmmdd-HHMMSS.ext beside it and return the copy's path.

    An existing backup is never overwritten: a second one in the same second gets -2, -3...
    """
    path = Path(path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        with path.open("rb") as source:
            for attempt in range(1, 1000):
                tag = stamp if attempt == 1 else f"{stamp}-{attempt}"
                backup = path.with_name(f"{path.stem}.bak-{tag}{path.suffix}")
                try:
                    with backup.open("xb") as target:
                        shutil.copyfileobj(source, target)
                except FileExistsError:
                    continue
                shutil.copystat(path, backup)
                return backup
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(
            f"无法创建备份（{reason}）", f"cannot make a backup ({reason})", file=path
        ) from exc
    raise OutputError("备份文件过多，无法再创建", "too many backups already exist", file=path)


def excel_lock_path(path: Path) -> Path | None:
    """Return the lock file Excel or WPS (~$NAME) or LibreOffice (.~lock.NAME#) keeps beside
    an open workbook, if there is one."""
    path = Path(path)
    for name in (f"~${path.name}", f".~lock.{path.name}#"):
        lock = path.with_name(name)
        if lock.exists():
            return lock
    return None


def set_text(cell: Any, value: Any) -> None:
    """Set an openpyxl cell; a str stays text even when it starts with '='.

    openpyxl would store '=1+1' as a formula, so a customer's text (or a hostile one) would be
    computed by Excel; forcing the string type writes it as a plain string.
    """
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        # Control characters (pasted from other systems) make openpyxl refuse the whole save.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def csv_safe(value: str) -> str:
    """Return the value with a leading quote where a spreadsheet would read it as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_LEAD) else value

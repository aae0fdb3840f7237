"""Shared test helpers: small workbooks built in tmp_path, and the external tools CI installs."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_workbooks" / "sample-dealer.xlsx"
SAMPLE_XLS = REPO / "sample_workbooks" / "sample-dealer.xls"


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    """Undo what a CLI run leaves behind: the language set by --lang, a --log-file handler."""
    yield
    from kactl import lang

    lang.set_current(None)
    root = logging.getLogger("kactl")
    for handler in root.handlers:
        handler.close()
    root.handlers.clear()
    root.setLevel(logging.WARNING)


def require_tool(name: str) -> str:
    """Return the path of an external program, or skip; in CI (KACTL_REQUIRE_TOOLS) fail."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("KACTL_REQUIRE_TOOLS"):
            pytest.fail(f"{name} is required in CI but not installed")
        pytest.skip(f"{name} is not installed here (.ci/run installs it for CI)")
    return path


def write_workbook(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Any]]],
    merges: dict[str, Iterable[str]] | None = None,
) -> Path:
    """Write a small workbook: sheet name -> rows (lists of cell values), with optional merges."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(name, ()):
            ws.merge_cells(ref)
    book.save(path)
    return path

"""Size limits that keep a hostile or mistaken workbook from exhausting memory."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds checked before any parser sees a file.

    `max_cells` bounds one sheet's used range (rows x columns): python-calamine allocates the
    whole rectangle up front, so one stray value far away costs as much as a full sheet.
    """

    max_inflated_bytes: int = 512 * 1024**2
    max_cells: int = 50_000_000


class UsedRange:
    """The rectangle spanned by a sheet's cells (0-based, inclusive), grown as cells are seen."""

    def __init__(self) -> None:
        self.first_row = self.first_col = 1 << 62
        self.last_row = self.last_col = -1

    def include(self, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
        """Grow the range to cover the given rows and columns."""
        self.first_row = min(self.first_row, first_row)
        self.last_row = max(self.last_row, last_row)
        self.first_col = min(self.first_col, first_col)
        self.last_col = max(self.last_col, last_col)

    def add(self, row: int, col: int) -> None:
        """Grow the range to cover one cell."""
        self.include(row, row, col, col)

    @property
    def cells(self) -> int:
        """Return rows x columns of the range (0 when no cell was seen)."""
        if self.last_row < 0 or self.last_col < 0:
            return 0
        return (self.last_row - self.first_row + 1) * (self.last_col - self.first_col + 1)

    @property
    def last_cell(self) -> str:
        """Return the far corner in A1 notation, e.g. XFD1048576."""
        return f"{column_letters(self.last_col)}{self.last_row + 1}"

    @property
    def ref(self) -> str:
        """Return the range in A1 notation, e.g. A1:XFD1048576."""
        return f"{column_letters(self.first_col)}{self.first_row + 1}:{self.last_cell}"


def column_letters(col: int) -> str:
    """Return the letters of a 0-based column index (0 -> A, 16383 -> XFD)."""
    letters = ""
    col += 1
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: bytes) -> int:
    """Return the 0-based index of column letters (b'A' -> 0, b'XFD' -> 16383)."""
    index = 0
    for byte in letters.upper():
        index = index * 26 + byte - 64
    return index - 1

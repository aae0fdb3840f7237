"""Scanning inflated SpreadsheetML for what python-calamine cannot survive.

python-calamine allocates a sheet's whole used range at once and aborts the process (no Python
exception) when that fails, so the range is measured here first, from the cells' references.
Measured against calamine 0.9.1: it spans the cells that hold a value; styled blank cells
(`<c r="XFD1048576" s="1"/>`), empty `<v></v>`, empty rows and `<dimension ref=...>` do not
widen it. Two passes keep this fast:

* the quick pass runs over every XML part as it is inflated: two regexes over each buffer find
  the references written the usual way (`<c r="B7"`, as Excel, WPS, LibreOffice and openpyxl
  write them), counting blank cells too, so it can only overstate the range;
* the exact pass re-reads a part only when the quick one overstates past the limit or saw cells
  it cannot place (no `r=`, a namespace prefix, `r` not first): it walks rows and cells in
  order, places cells without `r=` by position, and counts only cells with a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kactl.io.limits import UsedRange, column_index

# No real tag is longer (Excel caps a cell's text at 32767 characters, a formula at 8192).
MAX_TAG = 1024 * 1024

_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_QUICK_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_QUICK_COL = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
# Cell tags the quick pass cannot read: no attributes, other white space after the name, or a
# namespace prefix (x:c). Two searches, as each starts with a literal and so runs at memchr speed.
_BARE_CELL = re.compile(rb"<c[\t\r\n>/]")
_PREFIXED_CELL = re.compile(rb":c[\s/>]")

# Exact pass: a row or cell start tag, and whether a value follows the cell's tag.
_TOKEN = re.compile(
    rb"<(?:[\w.-]+:)?(row|c)(\s[^>]*|/)?>"
    rb"(\s*<(?:[\w.-]+:)?(?:v[^>]*>[^<]|is[\s>]|f[\s>/]))?"
)
_R_ATTR = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]*)([0-9]*)["\']')
_SPACE_TO_END = re.compile(rb"\s*\Z")
_LOOKAHEAD = 256


def has_doctype(buffer: bytes) -> bool:
    """Return True if the buffer declares a DOCTYPE or an ENTITY."""
    return _DOCTYPE.search(buffer) is not None


class TagTooLong(Exception):
    """A tag runs on for more than MAX_TAG bytes: its start and its attributes cannot be
    scanned together."""


def xml_buffers(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Re-cut inflated chunks so that no tag is split between two buffers."""
    carry = b""
    for chunk in chunks:
        buffer = carry + chunk
        start = buffer.rfind(b"<")
        carry = b""
        if start >= 0 and buffer.find(b">", start) < 0:
            carry, buffer = buffer[start:], buffer[:start]
            if len(carry) > MAX_TAG:
                raise TagTooLong
        yield buffer
    if carry:
        yield carry


class QuickScan:
    """The quick pass over one part: an upper bound of the used range, or `irregular`."""

    def __init__(self) -> None:
        self.used = UsedRange()
        self.irregular = False
        self.saw_cells = False

    def feed(self, buffer: bytes) -> None:
        """Take one buffer from xml_buffers."""
        rows = _QUICK_ROW.findall(buffer)
        if (buffer.count(b"<c ") != len(rows) or _BARE_CELL.search(buffer)
                or _PREFIXED_CELL.search(buffer)):
            self.irregular = self.saw_cells = True
        if not rows:
            return
        self.saw_cells = True
        numbers = [int(r) for r in set(rows)]
        cols = [column_index(c) for c in set(_QUICK_COL.findall(buffer))]
        self.used.include(min(numbers) - 1, max(numbers) - 1, min(cols), max(cols))


def exact_used_range(buffers: Iterable[bytes], max_cells: int) -> UsedRange:
    """Return the range of cells holding a value; stops early once it exceeds max_cells."""
    walk = _CellWalk()
    tail = b""
    for buffer in buffers:
        tail = walk.feed(tail + buffer, final=False)
        if walk.used.cells > max_cells:
            return walk.used
    walk.feed(tail, final=True)
    return walk.used


class _CellWalk:
    """Rows and cells in document order, placing those without `r=` after their neighbour."""

    def __init__(self) -> None:
        self.used = UsedRange()
        self.row = -1
        self.col = -1

    def feed(self, buffer: bytes, *, final: bool) -> bytes:
        """Take a buffer; return its tail that needs the next buffer to be judged."""
        for match in _TOKEN.finditer(buffer):
            if not final and self._needs_more(buffer, match):
                return buffer[match.start() :]
            if match.group(1) == b"row":
                self._row(match.group(2) or b"")
            else:
                self._cell(match.group(2) or b"", match.group(3) is not None)
        return b""

    @staticmethod
    def _needs_more(buffer: bytes, match: re.Match[bytes]) -> bool:
        # Whether a value follows a cell's tag may only show in the next buffer.
        if match.group(1) != b"c" or match.group(3) is not None:
            return False
        rest = len(buffer) - match.end()
        return rest < _LOOKAHEAD or _SPACE_TO_END.match(buffer, match.end()) is not None

    def _row(self, attrs: bytes) -> None:
        ref = _R_ATTR.search(attrs)
        self.row = int(ref.group(2)) - 1 if ref and ref.group(2) else self.row + 1
        self.col = -1

    def _cell(self, attrs: bytes, valued: bool) -> None:
        ref = _R_ATTR.search(attrs)
        row = self.row
        if ref and ref.group(1):
            self.col = column_index(ref.group(1))
        else:
            self.col += 1
        if ref and ref.group(2):
            row = int(ref.group(2)) - 1
        if valued and not attrs.endswith(b"/"):
            self.used.add(max(row, 0), self.col)

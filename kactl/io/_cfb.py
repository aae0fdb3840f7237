"""A small reader for OLE2 compound files (CFB), the container of .xls and of encrypted OOXML.

Only what kactl needs: the names of the streams, and one stream's bytes. Every sector chain is
bounded by the number of sectors in the file, so a corrupt or cyclic chain ends in CfbError
instead of a loop or a huge allocation.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_HEADER_DIFAT = 109
_DIR_ENTRY = 128
_STREAM = 2
_ROOT = 5


class CfbError(ValueError):
    """The compound file's structure is invalid (bad header, broken or cyclic chain)."""


class CompoundFile:
    """Read-only view of a compound file held in memory or memory-mapped."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        if len(data) < 512 or data[:8] != MAGIC:
            raise CfbError("not an OLE2 compound file")
        self._data = data
        self._parse_header()
        self._fat = self._load_fat()
        self._entries = self._load_directory()
        self._mini: tuple[list[int], bytes] | None = None

    def _parse_header(self) -> None:
        major, _order, shift, mini_shift = struct.unpack_from("<HHHH", self._data, 26)
        if (major, shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
            raise CfbError(f"unsupported sector sizes (version {major}, shift {shift})")
        self._major = major
        self._sector_size = 1 << shift
        # A partial last sector is tolerated: some writers do not pad the file.
        self._n_sectors = -(-(len(self._data) - self._sector_size) // self._sector_size)
        fields = struct.unpack_from("<IIIIIIIII", self._data, 40)
        _n_dir, self._n_fat, self._first_dir, _sig, self._cutoff = fields[:5]
        self._first_minifat, _n_minifat, self._first_difat, self._n_difat = fields[5:]

    def _sector(self, index: int) -> bytes:
        if index >= self._n_sectors:
            raise CfbError(f"sector {index} points past the end of the file")
        start = (index + 1) * self._sector_size
        return bytes(self._data[start : start + self._sector_size])

    def _load_fat(self) -> list[int]:
        fat_sectors = self._fat_sector_list()
        words = self._sector_size // 4
        fat: list[int] = []
        for index in fat_sectors:
            fat.extend(struct.unpack(f"<{words}I", self._sector(index).ljust(self._sector_size)))
        return fat

    def _fat_sector_list(self) -> list[int]:
        """Return the FAT's own sectors: 109 in the header, the rest in the DIFAT chain."""
        listed = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", self._data, 76))
        words = self._sector_size // 4
        index = self._first_difat
        for _ in range(min(self._n_difat, self._n_sectors)):
            if index in (_END_OF_CHAIN, _FREE):
                break
            entries = struct.unpack(f"<{words}I", self._sector(index).ljust(self._sector_size))
            listed.extend(entries[:-1])
            index = entries[-1]
        fat_sectors = [s for s in listed if s not in (_FREE, _END_OF_CHAIN)]
        if len(fat_sectors) > self._n_sectors:
            raise CfbError("the FAT is larger than the file")
        return fat_sectors

    def _chain(self, start: int, table: list[int], need: int | None = None) -> list[int]:
        """Return the sectors of a chain, stopping after `need` sectors when that is known.

        A chain longer than its table has entries is a cycle: CfbError.
        """
        chain: list[int] = []
        index = start
        while index != _END_OF_CHAIN and len(chain) != need:
            if index >= len(table) or len(chain) >= len(table):
                raise CfbError(f"broken sector chain at sector {index}")
            chain.append(index)
            index = table[index]
        return chain

    def _load_directory(self) -> list[tuple[str, int, int, int]]:
        raw = b"".join(self._sector(s) for s in self._chain(self._first_dir, self._fat))
        if len(raw) % self._sector_size:
            # A cut-off directory sector: calamine would panic on the short entry.
            raise CfbError("the directory is cut off (truncated file)")
        entries = []
        for offset in range(0, len(raw) - _DIR_ENTRY + 1, _DIR_ENTRY):
            name_len, kind = struct.unpack_from("<HB", raw, offset + 64)
            start, size = struct.unpack_from("<IQ", raw, offset + 116)
            if self._major == 3:
                size &= 0xFFFFFFFF  # version 3 leaves the high half undefined
            name = raw[offset : offset + min(name_len, 64)].decode("utf-16-le", "replace")
            entries.append((name.rstrip("\x00"), kind, start, size))
        if not entries or entries[0][1] != _ROOT:
            raise CfbError("no root directory entry")
        return entries

    def stream_names(self) -> list[str]:
        """Return the names of all streams, at any depth (storage nesting is ignored)."""
        return [name for name, kind, _, _ in self._entries if kind == _STREAM]

    def read_stream(self, name: str) -> bytes:
        """Return the first stream called `name` (CfbError if there is none).

        Its length is bounded by the file's: the chain cannot be longer than the file.
        """
        for entry_name, kind, start, size in self._entries:
            if kind == _STREAM and entry_name == name:
                return self._read(start, size)
        raise CfbError(f"no stream named {name}")

    def _read(self, start: int, size: int) -> bytes:
        if size < self._cutoff:
            return self._read_mini(start, size)
        chain = self._chain(start, self._fat, -(-size // self._sector_size))
        data = b"".join(self._sector(s) for s in chain)[:size]
        if len(data) < size:
            raise CfbError("stream ends before its declared size")
        return data

    def _read_mini(self, start: int, size: int) -> bytes:
        minifat, ministream = self._mini_tables()
        chain = self._chain(start, minifat, -(-size // 64))
        data = b"".join(ministream[s * 64 : s * 64 + 64] for s in chain)[:size]
        if len(data) < size:
            raise CfbError("mini stream ends before its declared size")
        return data

    def _mini_tables(self) -> tuple[list[int], bytes]:
        """Return the mini FAT and the mini stream (small streams live inside the root's)."""
        if self._mini is None:
            sectors = self._chain(self._first_minifat, self._fat)
            raw = b"".join(self._sector(s) for s in sectors)
            minifat = list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))
            _, _, root_start, root_size = self._entries[0]
            root_sectors = self._chain(root_start, self._fat)
            ministream = b"".join(self._sector(s) for s in root_sectors)[:root_size]
            self._mini = (minifat, ministream)
        return self._mini


@contextmanager
def open_compound(path: Path) -> Iterator[CompoundFile]:
    """Memory-map a compound file for reading (no copy of the whole file is made)."""
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        yield CompoundFile(m)


def workbook_stream(path: Path) -> bytes:
    """Return an .xls file's BIFF stream: Workbook (BIFF8) or, for Excel 5/95, Book."""
    with open_compound(path) as compound:
        names = compound.stream_names()
        return compound.read_stream("Workbook" if "Workbook" in names else "Book")

"""A small PNG decoder for tests: enough to tell a rendered page from a blank one.

Handles what Chromium writes: 8-bit greyscale, RGB or RGBA, not interlaced, any row filter.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind = data[at + 4:at + 8]
        chunks.append((kind, data[at + 8:at + 8 + length]))
        at += 12 + length
    return chunks


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, prior: bytes, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = prior[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            corner = prior[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF


def decode(path: Path) -> tuple[int, int, int, list[bytes]]:
    """Return (width, height, samples per pixel, rows of raw samples)."""
    chunks = _chunks(Path(path).read_bytes())
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if depth != 8 or interlace or colour not in _CHANNELS:
        raise ValueError(f"unsupported PNG: depth {depth}, colour {colour}, interlace {interlace}")
    bpp = _CHANNELS[colour]
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * bpp
    rows: list[bytes] = []
    prior = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1:start + 1 + stride])
        _unfilter(raw[start], line, prior, bpp)
        rows.append(bytes(line))
        prior = rows[-1]
    return width, height, bpp, rows


def colours(path: Path, step: int = 3) -> tuple[int, float]:
    """Return how many distinct colours a sample of the pixels has, and the share not white."""
    width, _, bpp, rows = decode(path)
    seen: set[bytes] = set()
    coloured = total = 0
    for row in rows[::step]:
        for x in range(0, width, step):
            pixel = row[x * bpp:x * bpp + min(bpp, 3)]
            seen.add(pixel)
            total += 1
            coloured += any(v < 245 for v in pixel)
    return len(seen), coloured / max(total, 1)

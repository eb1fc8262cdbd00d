"""Smaller embedded fonts: a subset without TrueType hinting, and a short name table.

Hinting (the glyph programs, and the font's `fpgm`, `prep` and `cvt ` tables) fits outlines to
a screen's pixel grid at small sizes. Printers and PDF viewers rasterise at far higher
resolutions or apply their own hinting, so it only adds bytes to a sheet: about a third of
each embedded subset. The name table keeps the names and the copyright and licence notices,
once, so the embedded program still says whose it is and under which licence.

This runs on the subset ReportLab is about to embed, never on the font files themselves, so
the fonts ship unmodified with their licences. It is a few dozen lines of `struct` rather than
fontTools because it runs in every cold build, where importing fontTools alone would cost a
tenth of the build; the tests check its output with fontTools and by rendering.
"""

from __future__ import annotations

import itertools
import struct
from functools import lru_cache

HINTING_TABLES = frozenset({b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX"})
# Copyright, family, subfamily, full name, PostScript name, licence, licence URL.
_KEPT_NAMES = frozenset({0, 1, 2, 4, 6, 13, 14})
_WINDOWS, _UNICODE_BMP = 3, 1

# Composite glyph component flags.
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_XY_SCALE = 0x0040
_HAVE_TWO_BY_TWO = 0x0080
_HAVE_INSTRUCTIONS = 0x0100


_REQUIRED = (b"head", b"hhea", b"maxp", b"hmtx", b"cmap", b"loca", b"glyf")


def check_truetype(path: str) -> None:
    """Refuse, cheaply and before any use, a file that is no TrueType-outline font.

    Reads the table directory only: the font's tables are parsed when its face is first used.
    """
    with open(path, "rb") as stream:
        header = stream.read(12)
        if len(header) < 12 or header[:4] not in (b"\0\1\0\0", b"true"):
            kind = "OpenType with PostScript outlines" if header[:4] == b"OTTO" else "not TrueType"
            raise ValueError(kind)
        (count,) = struct.unpack_from(">H", header, 4)
        directory = stream.read(16 * count)
    if len(directory) < 16 * count:
        raise ValueError("the table directory is cut short")
    tags = {directory[16 * i : 16 * i + 4] for i in range(count)}
    missing = [tag.decode() for tag in _REQUIRED if tag not in tags]
    if missing:
        raise ValueError(f"no {', '.join(missing)} table")


def read_tables(font: bytes) -> dict[bytes, bytes]:
    """The font's tables by tag (a TrueType file's table directory, read as written)."""
    (count,) = struct.unpack_from(">H", font, 4)
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sLLL", font, 12 + 16 * index)
        if offset + length > len(font):
            raise ValueError(f"table {tag!r} runs past the end of the font")
        tables[tag] = font[offset : offset + length]
    return tables


def strip_hinting(tables: dict[bytes, bytes]) -> dict[bytes, bytes]:
    """The same outlines and metrics without hinting instructions, and a shorter name table."""
    kept = {tag: data for tag, data in tables.items() if tag not in HINTING_TABLES}
    if b"glyf" in tables and b"loca" in tables and b"head" in tables:
        long_offsets = struct.unpack_from(">h", tables[b"head"], 50)[0] == 1
        glyphs = _glyphs(tables[b"glyf"], tables[b"loca"], long_offsets)
        glyf, loca, long_offsets = pack_glyphs([without_instructions(g) for g in glyphs])
        kept[b"glyf"], kept[b"loca"] = glyf, loca
        head = bytearray(tables[b"head"])
        struct.pack_into(">h", head, 50, 1 if long_offsets else 0)
        kept[b"head"] = bytes(head)
    if b"maxp" in tables and len(tables[b"maxp"]) >= 32:
        maxp = bytearray(tables[b"maxp"])
        # One zone, no twilight points, storage, functions or instructions left to run.
        struct.pack_into(">7H", maxp, 14, 1, 0, 0, 0, 0, 0, 0)
        kept[b"maxp"] = bytes(maxp)
    if b"name" in tables:
        kept[b"name"] = short_name_table(tables[b"name"])
    return kept


def _glyphs(glyf: bytes, loca: bytes, long_offsets: bool) -> list[bytes]:
    count = len(loca) // (4 if long_offsets else 2)
    offsets = struct.unpack(
        f">{count}{'L' if long_offsets else 'H'}", loca[: count * (4 if long_offsets else 2)]
    )
    if not long_offsets:
        offsets = tuple(2 * o for o in offsets)
    return [glyf[start:end] for start, end in itertools.pairwise(offsets)]


@lru_cache(maxsize=4096)
def without_instructions(glyph: bytes) -> bytes:
    # Remembered: every sheet of a series embeds much the same glyphs, each stripped once.
    if len(glyph) < 10:
        return b""
    (contours,) = struct.unpack_from(">h", glyph, 0)
    if contours >= 0:
        at = 10 + 2 * contours
        points = struct.unpack_from(">H", glyph, at - 2)[0] + 1 if contours else 0
        (length,) = struct.unpack_from(">H", glyph, at)
        outline = at + 2 + length
        return (
            glyph[:at]
            + b"\0\0"
            + glyph[outline : outline + _outline_length(glyph, outline, points)]
        )
    out = bytearray(glyph)
    at, flags = 10, _MORE_COMPONENTS
    while flags & _MORE_COMPONENTS:
        (flags,) = struct.unpack_from(">H", glyph, at)
        struct.pack_into(">H", out, at, flags & ~_HAVE_INSTRUCTIONS)
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAVE_SCALE:
            at += 2
        elif flags & _HAVE_XY_SCALE:
            at += 4
        elif flags & _HAVE_TWO_BY_TWO:
            at += 8
    return bytes(out[:at])


def _outline_length(glyph: bytes, start: int, points: int) -> int:
    """Bytes of a simple glyph's flags and coordinates: the padding after them is dropped."""
    at, flags = start, list[int]()
    while len(flags) < points:
        flag = glyph[at]
        at += 1
        repeat = 1
        if flag & 0x08:
            repeat += glyph[at]
            at += 1
        flags += [flag] * repeat
    x_bytes = sum(1 if f & 0x02 else 0 if f & 0x10 else 2 for f in flags[:points])
    y_bytes = sum(1 if f & 0x04 else 0 if f & 0x20 else 2 for f in flags[:points])
    return at - start + x_bytes + y_bytes


def pack_glyphs(glyphs: list[bytes]) -> tuple[bytes, bytes, bool]:
    offsets, parts, position = [], [], 0
    for glyph in glyphs:
        offsets.append(position)
        padded = glyph + b"\0" * (-len(glyph) % 4)
        parts.append(padded)
        position += len(padded)
    offsets.append(position)
    long_offsets = position > 0x1FFFE
    if long_offsets:
        loca = struct.pack(f">{len(offsets)}L", *offsets)
    else:
        loca = struct.pack(f">{len(offsets)}H", *(o // 2 for o in offsets))
    return b"".join(parts), loca, long_offsets


def short_name_table(name: bytes) -> bytes:
    """Windows Unicode records of the kept names only (PDF viewers read no others)."""
    _format, count, strings_at = struct.unpack_from(">3H", name, 0)
    records = []
    for index in range(count):
        record = struct.unpack_from(">6H", name, 6 + 12 * index)
        platform, encoding, _language, name_id, length, offset = record
        if platform == _WINDOWS and encoding == _UNICODE_BMP and name_id in _KEPT_NAMES:
            start = strings_at + offset
            records.append((record[:4], name[start : start + length]))
    if not records:
        return name
    header = struct.pack(">3H", 0, len(records), 6 + 12 * len(records))
    directory, strings = b"", b""
    for (platform, encoding, language, name_id), text in records:
        directory += struct.pack(
            ">6H", platform, encoding, language, name_id, len(text), len(strings)
        )
        strings += text
    return header + directory + strings

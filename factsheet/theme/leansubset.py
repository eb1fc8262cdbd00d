"""A font subset without hinting, built in one pass: the same bytes as ReportLab's subset
passed through `fontprogram.strip_hinting` and written again, at a fraction of the cost.

ReportLab's `makeSubset` copies the hinting tables, assembles a font file and checksums it
(in Python, word by word), only for `strip_hinting` to take it apart and assemble it again.
Here the tables are built once, without the hinting: the parts that never change with the
subset (the short name table, OS/2, post) once per face, each glyph's outline without its
instructions once per glyph (a composite's component numbers put in for each subset). A font
file's checksum is the sum of its 32-bit words, and each table starts on a four-byte boundary,
so the file's checksum is the sum of the tables' checksums and a glyph table's the sum of its
glyphs': nothing is summed twice.
"""

from __future__ import annotations

import struct
from itertools import repeat
from typing import Any

from factsheet.theme.fontprogram import (
    HINTING_TABLES,
    pack_glyphs,
    short_name_table,
    without_instructions,
)

# Composite glyph component flags, as ReportLab reads them to find a subset's components.
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_XY_SCALE = 0x0040
_HAVE_TWO_BY_TWO = 0x0080

_COPIED = ("name", "OS/2", "cvt ", "fpgm", "prep")
"""The tables ReportLab's subset copies from the font as they are, when the font has them."""


def checksum(data: bytes) -> int:
    """The TrueType checksum: the sum of the big-endian 32-bit words, zero-padded, mod 2**32.

    Summed a byte column at a time (each word's first bytes, second bytes, ...), which is
    the same sum shifted into place, without making a Python integer of every word.
    """
    total = (
        (sum(data[0::4]) << 24) + (sum(data[1::4]) << 16) + (sum(data[2::4]) << 8) + sum(data[3::4])
    )
    return total & 0xFFFFFFFF


class FaceParts:
    """What a lean subset takes from one parsed face, read once and kept with the face."""

    def __init__(self, face: Any) -> None:
        self.face = face
        self.font: bytes = face._ttf_data
        self.glyf_start = face.get_table_pos("glyf")[0]
        self.glyf = memoryview(self.font)[self.glyf_start :][: face.get_table_pos("glyf")[1]]
        self.copied: dict[str, bytes] = {}
        for tag in _COPIED:
            if tag in face.table and tag.encode("latin-1") not in HINTING_TABLES:
                data = face.get_table(tag)
                self.copied[tag] = short_name_table(data) if tag == "name" else data
        self.copied["post"] = b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16
        self.copied_sums = {tag: checksum(data) for tag, data in self.copied.items()}
        # ReportLab writes the metrics as integers (the advances past the last full pair are
        # kept scaled, as floats).
        self.metrics = [(int(advance), int(bearing)) for advance, bearing in face.hmetrics]
        self.hhea: bytes = face.get_table("hhea")
        maxp = bytearray(face.get_table("maxp"))
        if len(maxp) >= 32:
            # As strip_hinting leaves it: nothing left to run.
            struct.pack_into(">7H", maxp, 14, 1, 0, 0, 0, 0, 0, 0)
        self.maxp = bytes(maxp)
        head = face.get_table("head")
        self.head = head[:8] + b"\0\0\0\0" + head[12:]
        self.components: dict[int, tuple[int, ...]] = {}
        self.lean_glyphs: dict[int, tuple[bytes, int, tuple[tuple[int, int], ...]]] = {}

    def components_of(self, glyph: int) -> tuple[int, ...]:
        """The glyphs a composite glyph is made of, read as ReportLab's subsetting reads them."""
        found = self.components.get(glyph)
        if found is None:
            found = self.components[glyph] = self._read_components(glyph)
        return found

    def _read_components(self, glyph: int) -> tuple[int, ...]:
        position = self.face.glyphPos[glyph]
        if not self.face.glyphPos[glyph + 1] - position:
            return ()
        at = self.glyf_start + position
        if struct.unpack(">h", self.font[at : at + 2])[0] >= 0:
            return ()
        return tuple(component for _, component in _component_fields(self.font, at))

    def lean_glyph(self, glyph: int, renumbered: dict[int, int]) -> tuple[bytes, int]:
        """The glyph without instructions, components renumbered, and its checksum."""
        kept = self.lean_glyphs.get(glyph)
        if kept is None:
            kept = self.lean_glyphs[glyph] = self._lean_glyph(glyph)
        lean, total, fields = kept
        if not fields:
            return lean, total
        # Only the component numbers depend on the subset: put them in, and move the
        # checksum by what each one adds to its 32-bit word.
        out = bytearray(lean)
        for at, component in fields:
            number = renumbered[component]
            struct.pack_into(">H", out, at, number)
            total += (number - component) << (16 if at % 4 == 0 else 0)
        return bytes(out), total & 0xFFFFFFFF

    def _lean_glyph(self, glyph: int) -> tuple[bytes, int, tuple[tuple[int, int], ...]]:
        """The glyph without instructions, its checksum, and where its components' numbers
        are (stripping instructions moves none of them)."""
        position = self.face.glyphPos[glyph]
        data = bytes(self.glyf[position : self.face.glyphPos[glyph + 1]])
        composite = len(data) > 2 and struct.unpack(">h", data[:2])[0] < 0
        fields = _component_fields(data) if composite else ()
        lean = without_instructions(data + b"\0" * (-len(data) % 4))
        return lean, checksum(lean), fields


def lean_subset(parts: FaceParts, subset: list[int]) -> bytes:
    """The subset font program for these codes (subset[code] = character)."""
    # New glyph numbers in ReportLab's order: the missing glyph, the characters' glyphs in
    # code order, then components as the glyphs using them are reached.
    originals = list(map(parts.face.charToGlyph.get, subset, repeat(0)))
    glyph_map = list(dict.fromkeys([0, *originals]))
    renumbered = {glyph: number for number, glyph in enumerate(glyph_map)}
    index = 0
    while index < len(glyph_map):
        for component in parts.components_of(glyph_map[index]):
            if component not in renumbered:
                renumbered[component] = len(glyph_map)
                glyph_map.append(component)
        index += 1

    tables = dict(parts.copied)
    glyph_count = len(glyph_map)
    tables["hmtx"], metrics_count = _hmtx(parts.metrics, glyph_map)
    tables["hhea"] = _with_ushort(parts.hhea, 34, metrics_count)
    tables["maxp"] = _with_ushort(parts.maxp, 4, glyph_count)
    cmap = [0, 1, 1, 0, 0, 12, 6, 10 + len(subset) * 2, 0, 0, len(subset)]
    cmap += [renumbered[original] for original in originals]
    tables["cmap"] = struct.pack(f">{len(cmap)}H", *cmap)
    lean = [parts.lean_glyph(glyph, renumbered) for glyph in glyph_map]
    glyf, loca, long_offsets = pack_glyphs([glyph for glyph, _ in lean])
    tables["glyf"], tables["loca"] = glyf, loca
    tables["head"] = _with_ushort(parts.head, 50, 1 if long_offsets else 0)
    sums = dict(parts.copied_sums)
    for tag in ("hmtx", "hhea", "maxp", "cmap", "loca", "head"):
        sums[tag] = checksum(tables[tag])
    sums["glyf"] = sum(glyph_sum for _, glyph_sum in lean) & 0xFFFFFFFF
    return _font_file(tables, sums)


def _hmtx(metrics: list[tuple[int, int]], glyph_map: list[int]) -> tuple[bytes, int]:
    """ReportLab's horizontal metrics: full pairs, then only the side bearings of the run of
    equal advance widths that ends the table."""
    values = [value for glyph in glyph_map for value in metrics[glyph]]
    end = len(values) - 2
    while end and values[end] == values[end - 2]:
        end -= 2
    end += 2
    values = values[:end] + values[end + 1 :: 2]
    return struct.pack(f">{len(values)}H", *values), end >> 1


def _with_ushort(table: bytes, offset: int, value: int) -> bytes:
    return table[:offset] + struct.pack(">H", value) + table[offset + 2 :]


def _component_fields(data: bytes, start: int = 0) -> tuple[tuple[int, int], ...]:
    """Where the composite glyph at `start` of data holds its components' numbers (counted from
    the glyph's start), and the numbers."""
    fields = []
    at, flags = start + 10, _MORE_COMPONENTS
    while flags & _MORE_COMPONENTS:
        flags, component = struct.unpack(">HH", data[at : at + 4])
        fields.append((at + 2 - start, component))
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAVE_SCALE:
            at += 2
        elif flags & _HAVE_XY_SCALE:
            at += 4
        elif flags & _HAVE_TWO_BY_TWO:
            at += 8
    return tuple(fields)


def _font_file(tables: dict[str, bytes], sums: dict[str, int]) -> bytes:
    """The font file as ReportLab's TTFontMaker writes it, from tables and their checksums."""
    count = len(tables)
    search_range, selector = 1, 0
    while search_range * 2 <= count:
        search_range *= 2
        selector += 1
    header = struct.pack(
        ">lHHHH", 0x10000, count, 16 * search_range, selector, 16 * (count - search_range)
    )
    directory = bytearray(header)
    body: list[bytes] = []
    offset = 12 + 16 * count
    head_at = 0
    for tag in sorted(tables):
        data = tables[tag]
        if tag == "head":
            head_at = offset
        directory += tag.encode("latin-1") + struct.pack(">LLL", sums[tag], offset, len(data))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    whole = (checksum(bytes(directory)) + sum(sums.values())) & 0xFFFFFFFF
    out = directory + b"".join(body)
    struct.pack_into(">L", out, head_at + 8, (0xB1B0AFBA - whole) & 0xFFFFFFFF)
    return bytes(out)

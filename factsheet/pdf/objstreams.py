"""Write ReportLab's document with its small objects in one object stream, and a
cross-reference stream instead of the classic table (PDF 1.5+, ISO 32000-1, 7.5.7 and 7.5.8).

A tagged sheet is mostly small dictionaries (the structure tree, annotations, font
descriptors): written one by one they are a quarter of the file; compressed together they are
a few hundred bytes. Streams (page content, fonts, the catalog's XMP metadata) cannot go into an
object stream and stay where ReportLab writes them, so a tool that updates the file in place
still finds its metadata as a stream. Same document in, same bytes out.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFFile

from factsheet.pdf.pdfsyntax import formatted

_LEVEL = 9
"""zlib's best compression: the object stream is small, so the time is too."""


def use_object_streams(document: Any) -> None:
    """Make this ReportLab document write itself compactly when the canvas is saved."""
    # The canvas makes its own PDFDocument and offers no hook for the writing step, which is
    # one method: giving the instance a subclass that overrides it keeps everything else.
    document.__class__ = CompactDocument


class CompactDocument(PDFDocument):  # type: ignore[misc]
    """A PDFDocument whose format() writes an object stream and a cross-reference stream."""

    def format(self) -> bytes:
        if self.encrypt.info() is not None or getattr(self, "_digiSigs", None):
            # An encryption dictionary must stay outside object streams, and signatures are
            # placed by byte offset in ReportLab's own layout: leave those files to ReportLab.
            result: bytes = super().format()
            return result
        self.encrypt.prepare(self)
        catalog = self.Reference(self.Catalog).format(self)
        info = self.Reference(self.info).format(self)
        streams: list[tuple[int, bytes]] = []
        packed: list[tuple[int, bytes]] = []
        number = 0
        # Formatting an object may register new ones (fonts, references): run until none is left.
        while number + 1 in self.numberToId:
            number += 1
            name = self.numberToId[number]
            if self.idToObjectNumberAndVersion[name] != (number, 0):
                raise ValueError(f"object {name} is not object {number} 0")
            body = formatted(self.idToObject[name], self)
            is_stream = body.rstrip().endswith(b"endstream")
            (streams if is_stream else packed).append((number, body))
        version = max(tuple(self._pdfVersion), (1, 5))
        header: bytes = PDFFile(version).format(self)
        trailer = b"/Root " + catalog + b" /Info " + info + b" /ID " + _file_id(self)
        return write_file(header, streams, packed, number, trailer)


def write_file(
    header: bytes,
    streams: list[tuple[int, bytes]],
    packed: list[tuple[int, bytes]],
    last: int,
    trailer: bytes,
) -> bytes:
    """The file: header, stream objects, one object stream holding the packed objects, and a
    cross-reference stream; objects are numbered 1..last, the two streams last+1 and last+2.

    trailer: the trailer's entries (Root, Info, ID) as PDF syntax.
    """
    out = bytearray(header)
    rows: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
    for number, body in streams:
        rows[number] = (1, len(out), 0)
        out += b"%d 0 obj\n" % number + body.rstrip(b"\n") + b"\nendobj\n"
    holder = last + 1
    if packed:
        rows[holder] = (1, len(out), 0)
        out += _object_stream(holder, packed)
        for index, (number, _) in enumerate(packed):
            rows[number] = (2, holder, index)
    xref = holder + 1
    rows[xref] = (1, len(out), 0)
    table = [rows.get(number, (0, 0, 0)) for number in range(xref + 1)]
    out += _xref_stream(xref, table, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % rows[xref][1]
    return bytes(out)


def _object_stream(number: int, packed: list[tuple[int, bytes]]) -> bytes:
    offsets: list[bytes] = []
    bodies: list[bytes] = []
    position = 0
    for object_number, body in packed:
        offsets.append(b"%d %d" % (object_number, position))
        body = body.strip()
        bodies.append(body)
        position += len(body) + 1
    index = b" ".join(offsets) + b"\n"
    data = zlib.compress(index + b"\n".join(bodies), _LEVEL)
    entries = b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d" % (
        len(packed),
        len(index),
        len(data),
    )
    return _stream(number, entries, data)


def _xref_stream(number: int, table: list[tuple[int, int, int]], trailer: bytes) -> bytes:
    widths = (1, _width(row[1] for row in table), _width(row[2] for row in table))
    columns = sum(widths)
    data = zlib.compress(up_predicted(table, widths), _LEVEL)
    entries = (
        b"/Type /XRef /Size %d /W [%d %d %d] " % (len(table), *widths)
        + trailer
        + b" /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >> /Length %d"
        % (columns, len(data))
    )
    return _stream(number, entries, data)


def up_predicted(table: list[tuple[int, int, int]], widths: tuple[int, int, int]) -> bytes:
    """The rows, fields big-endian in these widths, each row less the one above it byte by
    byte and tagged 2 (the PNG "Up" predictor): the mostly growing offsets become small
    repeated bytes, which Flate then packs tightly."""
    columns = sum(widths)
    second, third = 8 * (widths[1] + widths[2]), 8 * widths[2]
    plain = b"".join(
        ((kind << second) | (field << third) | last).to_bytes(columns, "big")
        for kind, field, last in table
    )
    # Every byte less the one a row above, mod 256, for the whole table in a few integer
    # operations: each byte's top bit is set in one operand and cleared in the other, so no
    # borrow crosses into the byte before; the top bits are then put right.
    size = len(plain)
    high = int.from_bytes(b"\x80" * size, "big")
    low = int.from_bytes(b"\x7f" * size, "big")
    current = int.from_bytes(plain, "big")
    above = int.from_bytes(bytes(columns) + plain[: size - columns], "big")
    difference = ((current | high) - (above & low)) ^ (((current ^ above) & high) ^ high)
    predicted = difference.to_bytes(size, "big")
    out = bytearray(b"\x02" * (len(table) * (columns + 1)))
    for column in range(columns):
        out[column + 1 :: columns + 1] = predicted[column::columns]
    return bytes(out)


def _stream(number: int, entries: bytes, data: bytes) -> bytes:
    return b"%d 0 obj\n<< %s >>\nstream\n%s\nendstream\nendobj\n" % (number, entries, data)


def _width(values: Iterable[int]) -> int:
    """Bytes enough for the largest value (at least one)."""
    return max(1, (max(values).bit_length() + 7) // 8)


def _file_id(document: Any) -> bytes:
    """The file identifier ReportLab would write: a digest of the document's content."""
    digest: bytes = document.signature.digest()
    half = b"<" + digest.hex().encode("ascii") + b">"
    return b"[" + half + half + b"]"

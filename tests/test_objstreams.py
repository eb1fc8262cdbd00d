"""The file's small objects travel in one compressed object stream, indexed by a
cross-reference stream: read back by every reader without a repair, the same bytes every time."""

from __future__ import annotations

import io
import random
import re
import warnings
import zlib
from datetime import UTC, datetime

import pikepdf
import pypdfium2
import pytest
from conftest import COLORADO
from pypdf import PdfReader

from factsheet.pdf.objstreams import up_predicted, write_file
from factsheet.pdf.print_options import PrintOptions
from factsheet.pipeline import build_sheet

CREATED = datetime(2031, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module", params=["tagged", "untagged"])
def pdf(request: pytest.FixtureRequest) -> bytes:
    options = PrintOptions(tagged=request.param == "tagged")
    return build_sheet(COLORADO, created=CREATED, options=options).pdf


def _startxref(pdf: bytes) -> int:
    match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf)
    assert match is not None
    return int(match.group(1))


def test_the_cross_reference_is_a_stream_and_there_is_no_classic_table(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-1.")
    assert (int(pdf[7:8]), int(pdf[5:6])) >= (5, 1)  # xref streams need PDF 1.5
    assert b"\ntrailer" not in pdf and b"\nxref\n" not in pdf
    start = _startxref(pdf)
    head = re.match(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\n", pdf[start:], re.S)
    assert head is not None
    assert b"/Type /XRef" in head.group(2)


def test_small_objects_are_packed_and_streams_are_not(pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        holders = [o for o in document.objects if isinstance(o, pikepdf.Stream)]
        kinds = [o.get("/Type") for o in holders]
        assert kinds.count(pikepdf.Name.ObjStm) == 1
        dictionaries = [o for o in document.objects if isinstance(o, pikepdf.Dictionary)]
        assert len(dictionaries) > 10
        # None of them is written in the open: the catalog, pages and fonts are all packed.
        assert b"/Type /Catalog" not in pdf and b"/Type /Page" not in pdf
        assert document.Root.Pages.Kids[0].Contents.read_bytes()
        if "/StructTreeRoot" in document.Root:
            assert b"/StructElem" not in pdf
            metadata = document.Root.Metadata
            assert isinstance(metadata, pikepdf.Stream)
            assert b"<pdfuaid:part>1</pdfuaid:part>" in metadata.read_bytes()
            # A top-level object (its own offset), so an in-place update can replace it.
            assert re.search(rb"\n%d 0 obj\n" % metadata.objgen[0], pdf)


def test_every_reader_opens_it_without_warnings_or_repair(pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.check_pdf_syntax() == []
        assert document.get_warnings() == []
        assert len(document.pages) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reader = PdfReader(io.BytesIO(pdf), strict=True)
        assert "Colorado" in reader.pages[0].extract_text()
        assert reader.metadata is not None and reader.metadata.title
    document = pypdfium2.PdfDocument(pdf)
    try:
        assert "Colorado" in document[0].get_textpage().get_text_range()
    finally:
        document.close()


def test_the_same_sheet_gives_the_same_bytes() -> None:
    first = build_sheet(COLORADO, created=CREATED).pdf
    assert build_sheet(COLORADO, created=CREATED).pdf == first


def test_the_cross_reference_rows_point_at_each_object() -> None:
    header = b"%PDF-1.7\n"
    streams = [(2, b"<< /Length 3 >>\nstream\nabc\nendstream\n")]
    packed = [
        (1, b"<< /Type /Catalog /Pages 3 0 R >>\n"),
        (3, b"<< /Type /Pages /Kids [] /Count 0 >>"),
    ]
    pdf = write_file(header, streams, packed, 3, b"/Root 1 0 R")
    start = _startxref(pdf)
    table = _xref_rows(pdf[start:])
    assert len(table) == 6
    assert table[0][0] == 0
    assert table[1] == (2, 4, 0) and table[3] == (2, 4, 1)
    assert table[2][0] == 1 and pdf[table[2][1] :].startswith(b"2 0 obj\n")
    assert table[4][0] == 1 and pdf[table[4][1] :].startswith(b"4 0 obj\n")
    assert table[5] == (1, start, 0)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.get_warnings() == []
        assert document.Root.Pages.Count == 0
        assert document.get_object((2, 0)).read_bytes() == b"abc"


def _xref_rows(xref: bytes) -> list[tuple[int, ...]]:
    """The rows of a cross-reference stream written with the PNG Up predictor."""
    head = re.match(rb"\d+ 0 obj\n<< (.*?) >>\nstream\n", xref, re.S)
    assert head is not None
    sizes = re.search(rb"/W \[(\d+) (\d+) (\d+)\]", head.group(1))
    assert sizes is not None
    widths = [int(width) for width in sizes.groups()]
    data = zlib.decompress(xref[head.end() :].split(b"\nendstream")[0])
    columns = sum(widths)
    rows: list[tuple[int, ...]] = []
    previous = bytes(columns)
    for offset in range(0, len(data), columns + 1):
        assert data[offset] == 2  # PNG Up
        diff = data[offset + 1 : offset + 1 + columns]
        row = bytes((a + b) & 0xFF for a, b in zip(diff, previous, strict=True))
        fields, at = [], 0
        for width in widths:
            fields.append(int.from_bytes(row[at : at + width], "big"))
            at += width
        rows.append(tuple(fields))
        previous = row
    return rows


def test_the_up_predictor_is_each_row_less_the_one_above_it() -> None:
    generator = random.Random(11)
    for _ in range(300):
        bits = (generator.choice([1, 8, 16, 24, 32]), generator.choice([1, 8, 16]))
        table = [
            (generator.randrange(3), generator.getrandbits(bits[0]), generator.getrandbits(bits[1]))
            for _ in range(generator.randrange(1, 200))
        ]
        widths = (1, max(1, (bits[0] + 7) // 8), max(1, (bits[1] + 7) // 8))
        previous, expected = bytes(sum(widths)), bytearray()
        for row in table:
            fields = zip(row, widths, strict=True)
            packed = b"".join(value.to_bytes(width, "big") for value, width in fields)
            pairs = zip(packed, previous, strict=True)
            expected += b"\x02" + bytes((a - b) % 256 for a, b in pairs)
            previous = packed
        assert up_predicted(table, widths) == bytes(expected)

"""Dictionaries and arrays formatted without ReportLab's detours come out exactly as ReportLab
writes them: on every object of real sheets, and on the cases its formatting treats apart."""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from collections import OrderedDict
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import COLORADO
from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDate,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFPage,
    PDFPages,
    PDFResourceDictionary,
    PDFStream,
    PDFString,
    PDFTrueTypeFont,
    PDFType1Font,
    PDFZCompress,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format

from factsheet.pdf import objstreams, pdfsyntax
from factsheet.pdf.tags.structelem import StructElem
from factsheet.pipeline import build_sheet

CREATED = datetime(2031, 1, 1, tzinfo=UTC)
EXAMPLES = Path(__file__).parent.parent / "examples"


def test_every_object_of_tagged_sheets_is_written_as_reportlab_writes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kinds: list[str] = []

    def checked(element: Any, document: Any) -> bytes:
        ours = pdfsyntax.formatted(element, document)
        # A structure element writes itself: as ReportLab writes the dictionary it stands for.
        plain = PDFDictionary(element.entries()) if type(element) is StructElem else element
        assert ours == pdf_format(plain, document, toplevel=1), type(element).__name__
        kinds.append(type(element).__name__)
        return ours

    monkeypatch.setattr(objstreams, "formatted", checked)
    for sheet in (COLORADO, EXAMPLES / "report-table.yaml", EXAMPLES / "lists-only.yaml"):
        build_sheet(sheet, created=CREATED)
    assert kinds.count("PDFDictionary") > 10
    assert kinds.count("StructElem") > 100
    written_apart = {"PDFTrueTypeFont", "PDFCatalog", "PDFPages", "PDFPage", "PDFStream", "PDFInfo"}
    assert written_apart <= set(kinds)


def test_the_cases_reportlab_formats_apart() -> None:
    document = PDFDocument()
    target = PDFDictionary({"Type": PDFName("Example")})
    reference = document.Reference(target, "ExampleTarget")
    long_array = PDFArray([*range(23), 1.5, 0.125, -7.25])
    values: dict[str, Any] = {
        "A": "/Name",
        "B": 12,
        "C": 2.54,
        "D": 1e-5,
        "E": reference,
        "F": long_array,
        "G": PDFDictionary({"Nested": PDFArray([reference, "/Other", 3])}),
        "H": PDFString("Example (text) \\ with \u00e9"),
        "I": True,
        "J": b"raw bytes",
        "K k#(": "/odd key",
        "L": PDFDictionary(OrderedDict([("Z", 1), ("A", 2)])),
    }
    forced = PDFDictionary({"Z": 1, "A": 2})
    forced.multiline = "forced"
    values["M"] = forced
    for count in (0, 1, 6, 7, 12, 13):
        plain = PDFDictionary(dict(list(values.items())[:count]))
        assert pdfsyntax.formatted(plain, document) == pdf_format(plain, document, toplevel=1)
    whole = PDFDictionary(values)
    assert pdfsyntax.formatted(whole, document) == pdf_format(whole, document, toplevel=1)
    ordered = PDFDictionary(OrderedDict(reversed(list(values.items()))))
    assert pdfsyntax.formatted(ordered, document) == pdf_format(ordered, document, toplevel=1)


def test_numbers_are_written_as_fp_str_writes_them() -> None:
    generator = random.Random(7)
    numbers: list[float] = [0, 1, -1, 7, -0.0, 0.0, 1e-8, -1e-8, 0.5, 2**53 - 1, -(2**53) + 1]
    numbers += [2**53, 2**53 + 1, -(2**60) - 1, 10**20 + 1, 1e300, 1e22, 123456789.0]
    for exponent in range(-9, 18):
        for _ in range(40):
            value = generator.uniform(-1, 1) * 10.0**exponent
            numbers += [value, float(round(value)), round(value)]
    document = PDFDocument()
    # Twice: the second time from what was remembered.
    for _ in range(2):
        for number in numbers:
            array = PDFArray([number])
            assert pdfsyntax.formatted(PDFDictionary({"N": array}), document) == pdf_format(
                PDFDictionary({"N": array}), document, toplevel=1
            ), repr(number)


def test_font_dictionaries_are_written_as_reportlab_writes_them() -> None:
    document = PDFDocument()
    descriptor = document.Reference(PDFDictionary({"Type": PDFName("FontDescriptor")}), "D")
    for kind in (PDFTrueTypeFont, PDFType1Font):
        font = kind()
        assert pdfsyntax.formatted(font, document) == pdf_format(font, document, toplevel=1)
        font.Name = "F1+odd name#"
        font.BaseFont = "AAAAAA+Example-Bold"
        font.FirstChar, font.LastChar = 0, 3
        font.Widths = PDFArray([506.8359375, 0.0, 226.07421875, 1000])
        font.FontDescriptor = descriptor
        font.Encoding = PDFName("WinAnsiEncoding")
        assert pdfsyntax.formatted(font, document) == pdf_format(font, document, toplevel=1)


def test_streams_are_written_as_reportlab_writes_them() -> None:
    document = PDFDocument()
    streams = [
        PDFStream(content="q 1 0 0 1 0 0 cm Q\n", filters=[PDFZCompress]),
        PDFStream(content=b"raw \x00\xff bytes", filters=[]),
        PDFStream(content=b"default filters"),
        PDFStream(PDFDictionary({"Filter": PDFName("FlateDecode")}), b"x", [PDFZCompress]),
        PDFStream(PDFDictionary(OrderedDict([("Z", 1), ("Subtype", PDFName("XML"))])), b"y"),
        PDFStream(PDFDictionary({f"K{n}": n for n in range(9)}), "many entries"),
    ]
    document.defaultStreamFilters = [PDFZCompress]
    for stream in streams:
        assert pdfsyntax.formatted(stream, document) == pdf_format(stream, document, toplevel=1)
    with pytest.raises(ValueError, match="content not set"):
        pdfsyntax.formatted(PDFStream(), document)


def test_catalogs_and_pages_are_written_as_reportlab_writes_them() -> None:
    document = PDFDocument()
    catalog = PDFCatalog()
    catalog.Pages = PDFPages()
    catalog.Lang = PDFString("en-US")
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    page = PDFPage()
    page.Parent = document.Pages
    page.setStream("BT ET")
    page.ExtGState, page._shadingUsed = None, {}
    page.__NoDefault__ = [*page.__NoDefault__, "Tabs"]
    page.Tabs = PDFName("S")
    pages = PDFPages()
    pages.addPage(page)
    for element in (catalog, page, pages, PDFCatalog()):
        assert pdfsyntax.formatted(element, document) == pdf_format(element, document, toplevel=1)


@pytest.mark.parametrize("multiline", [0, 1])
def test_structure_elements_write_the_dictionary_they_stand_for(
    multiline: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rl_config, "pdfMultiLine", multiline)
    document = PDFDocument()
    page = document.Reference(PDFDictionary({"Type": PDFName("Page")}), "Page1")
    parent = document.Reference(PDFDictionary({"Type": PDFName("StructTreeRoot")}), "Root")
    annotation = document.Reference(PDFDictionary({"Type": PDFName("Annot")}), "Link1")
    objr = PDFDictionary({"Type": PDFName("OBJR"), "Obj": annotation, "Pg": page})
    checked = 0
    for count in (0, 1, 2, 10, 11, 25):
        for kid in (7, parent, objr):
            for alt, lang, scope in itertools.product(
                ["", "Example (chart) \u00e9"], ["", "en"], ["", "Column"]
            ):
                element = StructElem("TH" if scope else "Figure", parent, page)
                element.kids = [kid if n % 3 else n for n in range(count)]
                element.alt, element.lang, element.scope = alt, lang, scope
                plain = PDFDictionary(element.entries())
                expected = pdf_format(plain, document, toplevel=1)
                assert pdfsyntax.formatted(element, document) == expected
                checked += 1
    assert checked == 6 * 3 * 8


def _strings_as_reportlab_writes_them() -> None:
    generator = random.Random(17)
    alphabet = [chr(code) for code in range(256)] + list("()\\\u2013\u20ac\u4e2d\U0001f600")
    texts = ["", "(", ")", "\\", "Example (text)", "caf\u00e9", "\u2019", "\u4e2d\u6587"]
    # ASCII but for PDFDocEncoding's gap (U+0018-U+001F), and the controls around it.
    texts += ["a\x18b", "\x1f", "\x17 tab\t", "\x7f", "new\nline \x00", "plain ASCII only"]
    texts += ["".join(generator.choices([chr(c) for c in range(128)], k=30)) for _ in range(100)]
    texts += [
        "".join(generator.choices(alphabet, k=generator.randrange(1, 60))) for _ in range(300)
    ]
    document = PDFDocument()
    for text in texts:
        string = PDFString(text)
        expected = pdf_format(PDFDictionary({"S": string}), document, toplevel=1)
        assert pdfsyntax.formatted(PDFDictionary({"S": string}), document) == expected, text
    # Strings ReportLab writes another way are left to it.
    apart = [PDFString(b"raw (bytes)"), PDFString("x\ny", escape=2), PDFString("(x)", escape=6)]
    apart += [PDFString("caf\u00e9", enc="utf8"), PDFString("(x)", escape=0)]
    for string in apart:
        expected = pdf_format(PDFDictionary({"S": string}), document, toplevel=1)
        assert pdfsyntax.formatted(PDFDictionary({"S": string}), document) == expected


def test_strings_are_written_as_reportlab_writes_them() -> None:
    _strings_as_reportlab_writes_them()


def test_strings_are_written_as_reportlab_writes_them_with_pikepdfs_codec() -> None:
    # pikepdf registers a "pdfdoc" codec of its own, which ReportLab then uses if pikepdf was
    # imported first; it differs from ReportLab's on control characters. Codecs are looked
    # up once a process, so this runs in a fresh one.
    program = (
        "import pikepdf, codecs, test_pdfsyntax\n"
        "assert codecs.lookup('pdfdoc').encode is not None\n"
        "test_pdfsyntax._strings_as_reportlab_writes_them()\n"
        "print('pikepdf' in codecs.lookup('pdfdoc').encode.__module__)\n"
    )
    tests = Path(__file__).parent
    paths = os.pathsep.join([str(tests), str(tests.parent)])
    ran = subprocess.run(
        [sys.executable, "-c", program],
        env={**os.environ, "PYTHONPATH": paths},
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "True"


def test_document_information_is_written_as_reportlab_writes_it() -> None:
    document = PDFDocument()
    info = document.info
    assert pdfsyntax.formatted(info, document) == pdf_format(info, document, toplevel=1)
    info.title, info.author = "Example (State) Data \u2013 2031", "Example Outreach Network"
    info.subject, info.keywords, info.trapped = "caf\u00e9 \\ sheet", "one, two", "Unknown"
    assert pdfsyntax.formatted(info, document) == pdf_format(info, document, toplevel=1)
    info._dateFormatter = lambda year, month, day, *_: f"D:{year:04d}{month:02d}{day:02d}"
    assert pdfsyntax.formatted(info, document) == pdf_format(info, document, toplevel=1)


@pytest.mark.parametrize("offset", [(0, 0), (-5, 30), (9, 0), (-11, 45)])
def test_dates_are_written_as_reportlab_writes_them(offset: tuple[int, int]) -> None:
    document = PDFDocument()
    stamp = SimpleNamespace(YMDhms=(2031, 1, 2, 3, 4, 5), dhh=offset[0], dmm=offset[1])
    date = PDFDate(ts=stamp)
    expected = pdf_format(PDFDictionary({"D": date}), document, toplevel=1)
    assert pdfsyntax.formatted(PDFDictionary({"D": date}), document) == expected


def test_resources_are_written_as_reportlab_writes_them() -> None:
    document = PDFDocument()
    document.Reference(PDFDictionary({"Type": PDFName("Example")}), "Shading1")
    plain = PDFResourceDictionary()
    shaded = PDFResourceDictionary()
    shaded.basicFonts()
    shaded.allProcs()
    shaded.setShading({"Shading1": "Sh1"})
    shaded.XObject = PDFDictionary({"FormXob.1": PDFName("Example")})
    no_procedures = PDFResourceDictionary(ProcSet=[])
    named_procedures = PDFResourceDictionary(ProcSet=PDFName("PDF"))
    for resources in (plain, shaded, no_procedures, named_procedures):
        expected = pdf_format(PDFDictionary({"R": resources}), document, toplevel=1)
        assert pdfsyntax.formatted(PDFDictionary({"R": resources}), document) == expected

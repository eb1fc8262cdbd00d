"""The two readers behind verify (PDFium for build and batch, pypdf for check) agree on every
example sheet, and on pages where something went wrong."""

from __future__ import annotations

import ctypes
import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import COLORADO, ROOT

from factsheet.content.rows import read_rows
from factsheet.pipeline import Built, SheetBuilder
from factsheet.verify.reading import PageReading, UnreadablePdf, read_with_pdfium, read_with_pypdf
from factsheet.verify.report import needs_actual_text, verify_pdf

CREATED = datetime(2024, 1, 1, tzinfo=UTC)
STATES = ROOT / "content" / "data" / "ncmec-states-2023.csv"
TEMPLATE = ROOT / "content" / "templates" / "ncmec-state.yaml"
EXAMPLE = ROOT / "tests" / "data" / "templates" / "example.yaml"
EXAMPLE_ROWS = ROOT / "tests" / "data" / "templates" / "rows.csv"


def _sheets() -> list[tuple[str, Path, Path | None]]:
    """Every example sheet in the repository, and the templates with their data."""
    sheets: list[tuple[str, Path, Path | None]] = [(COLORADO.stem, COLORADO, None)]
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        if not re.search(r"(?m)^factsheet:", path.read_text(encoding="utf-8")):
            continue  # a theme, not a sheet
        data = next((d for d in path.parent.glob(f"{path.stem}.*") if d.suffix != ".yaml"), None)
        sheets.append((path.stem, path, data))
    sheets += [(TEMPLATE.stem, TEMPLATE, STATES), ("example-template", EXAMPLE, EXAMPLE_ROWS)]
    return sheets


def _build(path: Path, data: Path | None) -> Built:
    row = read_rows(data)[0].values if data else None
    return SheetBuilder.load(path).build(row, created=CREATED)


def _compact(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("path", "data"), [s[1:] for s in _sheets()], ids=[s[0] for s in _sheets()]
)
def test_both_readers_agree_on_every_example(path: Path, data: Path | None) -> None:
    built = _build(path, data)
    fast, full = read_with_pdfium(built.pdf), read_with_pypdf(built.pdf)
    assert fast.pages == full.pages == 1
    assert fast.page_size == pytest.approx(full.page_size)
    assert fast.fonts == full.fonts
    assert all(fast.fonts.values())
    fast_report = verify_pdf(built.pdf, built.sheet, reader=read_with_pdfium)
    full_report = verify_pdf(built.pdf, built.sheet, reader=read_with_pypdf)
    assert fast_report.figures_found == full_report.figures_found
    assert fast_report.pages == full_report.pages and fast_report.fonts == full_report.fonts
    # PDFium does not apply ActualText, which shaped words (Devanagari) read back through:
    # build verifies those sheets with pypdf, and every other sheet with PDFium.
    assert verify_pdf(built.pdf, built.sheet).ok
    assert fast_report.ok or needs_actual_text(built.sheet)
    assert fast_report.figures_found == fast_report.figures_expected > 0


def test_pdfium_sees_only_what_lies_inside_the_trim_box() -> None:
    built = _build(COLORADO, None)
    reading: PageReading = read_with_pdfium(built.pdf)
    assert reading.visible_text.replace("\n", "") in reading.all_text.replace("\n", "")
    assert "41/41" not in reading.visible_text  # sanity: the page is the sheet, not a report
    assert "9,720" in reading.visible_text


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        # PDFium's error codes (fpdfview.h, FPDF_ERR_*), each named as the user reads it.
        (0, "Success"),
        (1, "Unknown error"),
        (2, "File access error"),
        (3, "Data format error"),
        (4, "Incorrect password error"),
        (5, "Unsupported security scheme error"),
        (6, "Page not found or content error"),
        (99, "error 99"),
    ],
)
def test_a_pdfium_refusal_names_its_reason(
    code: int, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factsheet.verify import pdfium

    raw = pdfium._library()
    monkeypatch.setattr(raw, "FPDF_GetLastError", lambda: code)
    with pytest.raises(UnreadablePdf) as refused:
        pdfium.read_with_pdfium(b"not a PDF at all")
    assert str(refused.value) == f"Failed to load document (PDFium: {reason})."


def test_garbage_is_refused_with_pdfiums_own_reason() -> None:
    with pytest.raises(UnreadablePdf) as refused:
        read_with_pdfium(b"%PDF-1.7\nnot really")
    assert str(refused.value) == "Failed to load document (PDFium: Data format error)."


def _blank_page() -> tuple[pikepdf.Pdf, Any]:
    """A new PDF of one empty 200 x 100 pt page, and that page's dictionary."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    return pdf, pdf.pages[0].obj


def _saved(pdf: pikepdf.Pdf, **options: Any) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def _hand_made(content: bytes, fonts: dict[str, str] | None = None) -> bytes:
    """A 200 x 100 pt page drawing content, with Helvetica under each font resource name."""
    pdf, page = _blank_page()
    page.Contents = pdf.make_stream(content)
    page.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            {
                f"/{key}": pikepdf.Dictionary(
                    Type=pikepdf.Name.Font,
                    Subtype=pikepdf.Name.Type1,
                    BaseFont=pikepdf.Name(f"/{name}"),
                )
                for key, name in (fonts or {"F1": "Helvetica"}).items()
            }
        )
    )
    return _saved(pdf)


def test_a_pdf_without_pages_reads_as_no_page_by_both_readers() -> None:
    empty = _saved(pikepdf.new())
    assert read_with_pypdf(empty) == read_with_pdfium(empty) == PageReading(0)


@pytest.mark.parametrize(("x", "visible"), [(188.5, True), (188.6, False)])
def test_pypdf_reader_allows_half_a_point_past_the_right_edge(x: float, visible: bool) -> None:
    # Four characters at 10 pt are estimated at 0.3 em each (glyph widths are not read back):
    # from x = 188.5 the run ends at 200.5, half a point past the 200 pt edge: still inside.
    # From 188.6 it ends 0.6 past the edge: outside, though on the page.
    pdf = _hand_made(f"BT /F1 10 Tf {x} 50 Td (abcd) Tj ET".encode())
    reading = read_with_pypdf(pdf)
    assert reading.all_text == "abcd"
    assert reading.visible_text == ("abcd" if visible else "")


def test_pypdf_reader_names_fonts_without_their_subset_tag() -> None:
    # A subset tag is six letters and "+"; what follows may hold "+" itself, and a name
    # without a tag may start with any letter.
    fonts = {"F1": "ABCDEF+Example+Bold", "F2": "Xample"}
    pdf = _hand_made(b"BT /F1 10 Tf 10 50 Td (a) Tj /F2 10 Tf (b) Tj ET", fonts)
    assert read_with_pypdf(pdf).fonts == {"Example+Bold": False, "Xample": False}


def test_pypdf_reader_reports_why_a_page_could_not_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factsheet.verify import readback

    def damaged(*args: object, **kwargs: object) -> None:
        raise ValueError("example damage")

    # A hostile page can make the reader raise anywhere; text_runs stands in for any place.
    monkeypatch.setattr(readback, "text_runs", damaged)
    reading = read_with_pypdf(_hand_made(b""))
    assert reading == PageReading(1, problem="example damage (ValueError)")


def test_pypdf_reader_refuses_a_file_it_cannot_open_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factsheet.verify import opening

    def refuse(pdf: bytes) -> None:
        raise opening.Unreadable("example reason")

    monkeypatch.setattr(opening, "open_pdf", refuse)
    with pytest.raises(UnreadablePdf) as refused:
        read_with_pypdf(b"%PDF-1.7")
    assert str(refused.value) == "example reason"


# PDFium through its raw bindings: every path of verify/pdfium.py on hand-made pages.

TTF = ROOT / "fonts" / "carlito" / "Carlito-Regular.ttf"


def _font_dict(pdf: pikepdf.Pdf, name: str, embedded: bool) -> pikepdf.Object:
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name(f"/{name}")
    )
    if embedded:
        font.FontDescriptor = pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor,
            FontName=pikepdf.Name(f"/{name}"),
            Flags=32,
            FontBBox=[0, -200, 1000, 900],
            ItalicAngle=0,
            Ascent=900,
            Descent=-200,
            CapHeight=700,
            StemV=80,
            FontFile2=pdf.make_stream(TTF.read_bytes()),
        )
    return pdf.make_indirect(font)


def _nested_in_forms(depth: int) -> bytes:
    """Text in the font "Deep", drawn inside `depth` form XObjects nested in one another."""
    pdf, page = _blank_page()
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=_font_dict(pdf, "Deep", False)))
    content = b"BT /F1 10 Tf 10 50 Td (deep) Tj ET"
    for _ in range(depth):
        form = pdf.make_stream(content)
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = [0, 0, 200, 100]
        form.Resources = resources
        resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm=form))
        content = b"/Fm Do"
    page.Contents, page.Resources = pdf.make_stream(content), resources
    return _saved(pdf)


@pytest.mark.parametrize(("depth", "found"), [(0, True), (1, True), (8, True), (9, False)])
def test_both_readers_find_fonts_through_forms_eight_deep(depth: int, found: bool) -> None:
    # Deep enough for any real sheet; a hostile file cannot make either reader recurse on.
    pdf = _nested_in_forms(depth)
    expected = {"Deep": False} if found else {}
    fast, full = read_with_pdfium(pdf), read_with_pypdf(pdf)
    assert (fast.fonts, fast.problem) == (expected, "")
    assert full.fonts == expected
    assert "deep" in fast.all_text  # PDFium draws the text at any depth; only fonts stop


def test_pdfium_names_each_font_once_embedded_only_if_every_use_is() -> None:
    pdf, page = _blank_page()
    fonts = {
        # The same name twice: a copy without its program makes the font not embedded,
        # whichever comes first. A font with no name at all is named "?".
        "/F1": _font_dict(pdf, "Twice", False),
        "/F2": _font_dict(pdf, "Twice", True),
        "/F3": _font_dict(pdf, "Once", True),
        "/F4": pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1)
        ),
    }
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(fonts))
    shows = b" ".join(f"/{key} 10 Tf (a) Tj".encode() for key in ["F1", "F2", "F3", "F1", "F4"])
    page.Contents = pdf.make_stream(b"BT 10 50 Td " + shows + b" ET")
    assert read_with_pdfium(_saved(pdf)).fonts == {"Twice": False, "Once": True, "?": False}


def test_pdfium_reads_the_trim_box_wherever_it_starts() -> None:
    pdf, page = _blank_page()
    page.TrimBox = [10, 20, 110, 70]
    page.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(F1=_font_dict(pdf, "Helvetica", False))
    )
    # Two lines inside the trim box, one below it.
    page.Contents = pdf.make_stream(
        b"BT /F1 10 Tf 20 50 Td (first) Tj 0 -12 Td (second) Tj 0 -30 Td (third) Tj ET"
    )
    reading = read_with_pdfium(_saved(pdf))
    assert reading.page_size == (100, 50)
    # Lines end with "\n" alone (PDFium writes "\r\n", as pypdf's reader does not).
    assert reading.visible_text == "first\nsecond"
    assert reading.all_text == "first\nsecond\nthird"


def test_pdfium_reads_an_empty_page_as_no_text_and_one_character_as_text() -> None:
    reading = read_with_pdfium(_hand_made(b""))
    assert (reading.visible_text, reading.all_text, reading.fonts) == ("", "", {})
    assert read_with_pdfium(_hand_made(b"BT /F1 10 Tf 10 50 Td (a) Tj ET")).visible_text == "a"


@pytest.mark.parametrize(
    ("failing", "reason"),
    [("FPDF_LoadPage", "Failed to load page."), ("FPDFText_LoadPage", "Failed to load text page.")],
)
def test_pdfium_says_which_part_of_the_page_it_could_not_load(
    failing: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factsheet.verify import pdfium

    # PDFium returns no handle for a page or its text it cannot load (a hostile page).
    monkeypatch.setattr(pdfium._library(), failing, lambda *args: None)
    reading = read_with_pdfium(_hand_made(b"BT /F1 10 Tf 10 50 Td (a) Tj ET"))
    assert reading == PageReading(1, problem=f"{reason} (PdfiumFailure)")


def test_pdfium_closes_every_handle_it_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.verify import pdfium

    raw = pdfium._library()
    opened: list[tuple[str, int | None]] = []
    closed: list[tuple[str, int | None]] = []

    def spy(name: str, into: list[tuple[str, int | None]], kind: str) -> None:
        real = getattr(raw, name)

        def call(*args: object) -> object:
            handle = real(*args)
            value = handle if kind == "open" else args[0]
            into.append(
                (name.split("_")[0], pdfium.ctypes.cast(value, pdfium.ctypes.c_void_p).value)
            )
            return handle

        monkeypatch.setattr(raw, name, call)

    for name in ("FPDF_LoadMemDocument64", "FPDF_LoadPage", "FPDFText_LoadPage"):
        spy(name, opened, "open")
    for name in ("FPDF_CloseDocument", "FPDF_ClosePage", "FPDFText_ClosePage"):
        spy(name, closed, "close")
    read_with_pdfium(_hand_made(b"BT /F1 10 Tf 10 50 Td (a) Tj ET"))
    assert len(opened) == 3 and all(handle for _, handle in opened)
    assert sorted(closed) == sorted(opened)


def test_pdfium_reads_broken_text_and_font_names_without_failing() -> None:
    # A hostile ToUnicode map gives "a" a lone surrogate, which no text can hold: it is dropped.
    # A font name in Latin-1 (0xE9), not UTF-8, keeps a replacement character in its place.
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        b"1 beginbfchar <61> <D800> endbfchar endcmap "
        b"CMapName currentdict /CMap defineresource pop end end"
    )
    pdf, page = _blank_page()
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name("/CafXE9"),  # made /Caf#E9 below, once the file is written
        ToUnicode=pdf.make_stream(cmap),
    )
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 10 Tf 20 50 Td (bab) Tj ET")
    written = _saved(pdf, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    reading = read_with_pdfium(written.replace(b"/CafXE9", b"/Caf#E9"))
    assert (reading.visible_text, reading.fonts, reading.problem) == (
        "bb",
        {"Caf\ufffd": False},
        "",
    )


def _shape(ctype: Any) -> tuple[str, int]:
    """What a C argument or result is, as far as the calling convention cares."""
    if ctype is None:
        return ("nothing", 0)
    pointer = isinstance(ctype, type) and issubclass(
        ctype, ctypes._Pointer | ctypes.c_void_p | ctypes.c_char_p
    )
    return ("pointer" if pointer else ctype.__name__, ctypes.sizeof(ctype))


def test_each_pdfium_declaration_matches_pypdfium2s() -> None:
    # verify declares the PDFium functions it calls; pypdfium2's bindings are generated from
    # PDFium's headers. Each of ours must take and return what pypdfium2's does (a pointer
    # of any kind is a pointer), and every constant must have PDFium's value.
    import pypdfium2_raw

    from factsheet.verify.pdfium_functions import CONSTANTS, SIGNATURES, library_file

    for name, (arguments, result) in SIGNATURES.items():
        theirs = getattr(pypdfium2_raw, name)
        assert [_shape(a) for a in arguments] == [_shape(a) for a in theirs.argtypes], name
        assert _shape(result) == _shape(theirs.restype), name
    for name, value in CONSTANTS.items():
        assert getattr(pypdfium2_raw, name) == value, name
    # The same library file pypdfium2 loads, not another PDFium found elsewhere.
    assert library_file() == Path(pypdfium2_raw.bindings._libs["pdfium"]._name)


def test_without_the_library_in_its_place_pypdfium2s_bindings_serve(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factsheet.verify import pdfium, pdfium_functions

    pdf = _hand_made(b"BT /F1 10 Tf 20 50 Td (first words) Tj 0 -12 Td (then more) Tj ET")
    ours = read_with_pdfium(pdf)
    monkeypatch.setattr(pdfium_functions, "library_file", lambda: None)
    functions = pdfium_functions.pdfium_functions()
    assert functions.__name__ == "pypdfium2_raw"
    # Handles are typed pointers there, plain addresses here: the reader takes either.
    monkeypatch.setattr(pdfium, "_library", lambda: functions)
    assert read_with_pdfium(pdf) == ours
    assert ours.visible_text == "first words\nthen more"


@pytest.mark.parametrize(
    ("platform", "name"),
    [
        ("win32", "pdfium.dll"),
        ("cygwin", "pdfium.dll"),
        ("msys", "pdfium.dll"),
        ("darwin", "libpdfium.dylib"),
        ("ios", "libpdfium.dylib"),
        ("linux", "libpdfium.so"),
        ("freebsd14", "libpdfium.so"),
    ],
)
def test_pdfiums_library_is_named_as_each_platform_names_libraries(
    platform: str, name: str
) -> None:
    from factsheet.verify.pdfium_functions import library_name

    assert library_name(platform) == name


def test_the_library_is_looked_for_only_where_pypdfium2_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.machinery
    import importlib.util

    from factsheet.verify import pdfium_functions

    assert pdfium_functions.library_file() is not None  # where pypdfium2 ships it
    assert not hasattr(pdfium_functions.pdfium_functions(), "__name__")  # ours, not a module

    def spec_in(folder: Path | None) -> Any:
        if folder is None:
            return None
        spec = importlib.machinery.ModuleSpec("pypdfium2_raw", None, is_package=True)
        spec.submodule_search_locations = [str(folder)]
        return spec

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec_in(None))
    assert pdfium_functions.library_file() is None  # pypdfium2 is not installed at all
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec_in(tmp_path))
    assert pdfium_functions.library_file() is None  # its folder holds no library
    (tmp_path / pdfium_functions.library_name(sys.platform)).write_bytes(b"")
    assert pdfium_functions.library_file() == tmp_path / pdfium_functions.library_name(sys.platform)


@pytest.mark.parametrize("bindings", ["ours", "pypdfium2"])
def test_pdfium_asks_each_font_once_and_only_other_objects_what_they_are(
    bindings: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factsheet.verify import pdfium, pdfium_functions

    pdf, page = _blank_page()
    fonts = {"/F1": _font_dict(pdf, "One", True), "/F2": _font_dict(pdf, "Two", False)}
    fonts["/F3"] = _font_dict(pdf, "Three", True)
    form = pdf.make_stream(b"BT /F3 10 Tf 10 20 Td (d) Tj ET BT /F1 10 Tf (e) Tj ET")
    form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 200, 100]
    form.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(fonts))
    page.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(fonts), XObject=pikepdf.Dictionary(Fm=form)
    )
    # A path, three texts in two fonts, and a form with two more texts (one font new).
    page.Contents = pdf.make_stream(
        b"0 0 10 10 re f BT /F1 10 Tf 10 50 Td (a) Tj ET BT /F2 10 Tf (b) Tj ET"
        b" BT /F1 10 Tf (c) Tj ET /Fm Do"
    )
    if bindings == "pypdfium2":
        monkeypatch.setattr(pdfium_functions, "library_file", lambda: None)
        raw = pdfium_functions.pdfium_functions()
        monkeypatch.setattr(pdfium, "_library", lambda: raw)
    else:
        raw = pdfium._library()
    asked: dict[str, int] = {"FPDFFont_GetBaseFontName": 0, "FPDFPageObj_GetType": 0}

    def counting(name: str) -> Any:
        real = getattr(raw, name)

        def counted(*args: Any) -> Any:
            asked[name] += 1
            return real(*args)

        return counted

    for name in asked:
        monkeypatch.setattr(raw, name, counting(name))
    reading = read_with_pdfium(_saved(pdf))
    assert reading.fonts == {"One": True, "Two": False, "Three": True}
    assert "".join(reading.visible_text.split()) == "abcde"
    # Each font's name is asked twice (its length, then its bytes), whatever uses it again;
    # only the path and the form are asked their kind (a text object is known by its font).
    assert asked == {"FPDFFont_GetBaseFontName": 6, "FPDFPageObj_GetType": 2}


def test_text_beyond_the_basic_plane_is_read_to_its_end() -> None:
    """A character beyond U+FFFF takes two UTF-16 units where PDFium copies the text: the text
    is still read to its end, where a figure may stand."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Example def "
        b"/CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange "
        b"2 beginbfchar <61> <D800DF00> <62> <D800DF01> endbfchar endcmap "
        b"CMapName currentdict /CMap defineresource pop end end"
    )
    pdf, page = _blank_page()
    page.Contents = pdf.make_stream(b"BT /F1 10 Tf 10 50 Td (ab 2031: 1,234) Tj ET")
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name.Helvetica,
        ToUnicode=pdf.make_stream(cmap),
    )
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    reading = read_with_pdfium(_saved(pdf))
    assert reading.visible_text == reading.all_text == "\U00010300\U00010301 2031: 1,234"

"""The first page of a PDF as PDFium reads it, through PDFium's C functions directly.

Verification needs a handful of PDFium calls. pypdfium2's layers around them (an object model,
and generated bindings for all of PDFium) take a cold build some 25 ms to load and add nothing
here, so this module calls the functions declared in pdfium_functions.py, with the care those
layers take: every buffer is sized by asking PDFium first, and every handle is closed.
"""

from __future__ import annotations

import ctypes
import functools
from typing import Any

from factsheet.verify.reading import PageReading, UnreadablePdf

# Deep enough for any real form nesting, shallow enough that a hostile file cannot recurse.
_MAX_FORM_DEPTH = 8

# Outside any page: text "anywhere" is the text inside this rectangle.
_EVERYWHERE = (-1.0e7, -1.0e7, 1.0e7, 1.0e7)

_US_LETTER = (0.0, 0.0, 612.0, 792.0)
"""PDF's default page size, where a page declares no media box."""


class PdfiumFailure(Exception):
    """PDFium could not read a part of the first page; the message says which."""


@functools.cache
def _library() -> Any:
    """PDFium's functions, the library initialised once per process (as pypdfium2 does; a
    second initialisation, by pypdfium2 in the same process, does nothing)."""
    from factsheet.verify.pdfium_functions import pdfium_functions

    raw = pdfium_functions()
    raw.FPDF_InitLibrary()
    return raw


def read_with_pdfium(pdf: bytes, *, all_text: bool = True) -> PageReading:
    """The first page of pdf as verify sees it; UnreadablePdf if PDFium cannot open it.

    all_text=False leaves the text outside the trim box unread (all_text ""): verify needs it
    only to say where a missing figure went, and asks again then.
    """
    raw = _library()
    # PDFium reads the caller's buffer in place: pdf must (and does) outlive the document.
    document = raw.FPDF_LoadMemDocument64(pdf, len(pdf), None)
    try:
        if not document:
            raise UnreadablePdf(f"Failed to load document (PDFium: {_last_error(raw)}).")
        pages = raw.FPDF_GetPageCount(document)
        if pages < 1:
            return PageReading(0)  # opened, but no page: verify says so, as for pypdf
        try:
            return _first_page(raw, document, pages, all_text)
        except Exception as error:  # a hostile file can break any reader in any way
            return PageReading(pages, problem=f"{error} ({type(error).__name__})")
    finally:
        if document:
            raw.FPDF_CloseDocument(document)


def _first_page(raw: Any, document: Any, pages: int, all_text: bool) -> PageReading:
    page = raw.FPDF_LoadPage(document, 0)
    if not page:
        raise PdfiumFailure("Failed to load page.")
    try:
        left, bottom, right, top = trim_box(raw, page)
        text_page = raw.FPDFText_LoadPage(page)
        if not text_page:
            raise PdfiumFailure("Failed to load text page.")
        try:
            visible = bounded_text(raw, text_page, (left, bottom, right, top))
            everywhere = bounded_text(raw, text_page, _EVERYWHERE) if all_text else ""
        finally:
            raw.FPDFText_ClosePage(text_page)
        fonts: dict[str, bool] = {}
        count = raw.FPDFPage_CountObjects(page)
        objects = [raw.FPDFPage_GetObject(page, i) for i in range(max(count, 0))]
        _fonts(raw, objects, fonts, 0, set())
    finally:
        raw.FPDF_ClosePage(page)
    return PageReading(
        pages, (right - left, top - bottom), _lines(visible), _lines(everywhere), fonts
    )


def trim_box(raw: Any, page: Any) -> tuple[float, float, float, float]:
    """The trim box (the finished page); PDFium's fallbacks: the crop box, then the media box."""
    for box_of in (raw.FPDFPage_GetTrimBox, raw.FPDFPage_GetCropBox, raw.FPDFPage_GetMediaBox):
        edges = [ctypes.c_float() for _ in range(4)]
        if box_of(page, *edges):
            left, bottom, right, top = (edge.value for edge in edges)
            return (left, bottom, right, top)
    return _US_LETTER


def bounded_text(raw: Any, text_page: Any, box: tuple[float, float, float, float]) -> str:
    """The text PDFium finds inside box (left, bottom, right, top), in reading order."""
    left, bottom, right, top = box
    length = raw.FPDFText_GetBoundedText(text_page, left, top, right, bottom, None, 0)
    if length <= 0:
        return ""
    buffer = (ctypes.c_ushort * length)()
    raw.FPDFText_GetBoundedText(text_page, left, top, right, bottom, buffer, length)
    return bytes(buffer).decode("utf-16-le", errors="ignore")


def _fonts(
    raw: Any, objects: list[Any], fonts: dict[str, bool], depth: int, seen: set[int | None]
) -> None:
    for handle in objects:
        # PDFium gives a font for a text object only: asking for it first spares a page of
        # texts one call each, and only the rest are asked what they are.
        font = raw.FPDFTextObj_GetFont(handle)
        kind = raw.FPDF_PAGEOBJ_TEXT if font else raw.FPDFPageObj_GetType(handle)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            address = _address(font)
            if address in seen:
                continue  # a page sets hundreds of texts in a few fonts: ask each font once
            seen.add(address)
            size = raw.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(max(size, 1))
            raw.FPDFFont_GetBaseFontName(font, buffer, size)
            name = buffer.value.decode("utf-8", "replace") or "?"
            fonts[name] = fonts.get(name, True) and bool(raw.FPDFFont_GetIsEmbedded(font))
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            count = raw.FPDFFormObj_CountObjects(handle)
            inner = [raw.FPDFFormObj_GetObject(handle, i) for i in range(max(count, 0))]
            _fonts(raw, inner, fonts, depth + 1, seen)


def _address(handle: Any) -> int | None:
    """A handle as a number: our declarations return one already (None for no handle);
    pypdfium2's own bindings, used where its library file is not found, return a pointer."""
    if handle is None or isinstance(handle, int):
        return handle
    return ctypes.cast(handle, ctypes.c_void_p).value


def _last_error(raw: Any) -> str:
    code = raw.FPDF_GetLastError()
    names = {
        raw.FPDF_ERR_SUCCESS: "Success",
        raw.FPDF_ERR_UNKNOWN: "Unknown error",
        raw.FPDF_ERR_FILE: "File access error",
        raw.FPDF_ERR_FORMAT: "Data format error",
        raw.FPDF_ERR_PASSWORD: "Incorrect password error",
        raw.FPDF_ERR_SECURITY: "Unsupported security scheme error",
        raw.FPDF_ERR_PAGE: "Page not found or content error",
    }
    return names.get(code, f"error {code}")


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n")

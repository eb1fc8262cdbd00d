"""What verify needs from a PDF, read by either of two readers that must agree.

pypdfium2 (PDFium, in C) reads a sheet in a few milliseconds and serves `build` and `batch`;
pypdf follows each text-showing operator in Python and serves `check`, whose other tests need
its object model. The tests read every example sheet with both and compare the answers.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Deep enough for any real form nesting, shallow enough that a hostile file cannot recurse.
_MAX_FORM_DEPTH = 8


class UnreadablePdf(Exception):
    """The bytes are not a PDF either reader can open; the message says why."""


@dataclass(frozen=True)
class PageReading:
    """The first page as verify sees it."""

    pages: int
    page_size: tuple[float, float] = (0.0, 0.0)
    visible_text: str = ""
    """Text drawn inside the trim box (the finished page), in drawing order."""
    all_text: str = ""
    """All text drawn on the page, inside the trim box or not."""
    fonts: dict[str, bool] = field(default_factory=dict)
    """Each font the page uses, and whether its program is embedded."""
    problem: str = ""
    """Why the page itself could not be read (a damaged or hostile file), or nothing."""


Reader = Callable[[bytes], PageReading]


def read_with_pdfium(pdf: bytes) -> PageReading:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as error:
        raise UnreadablePdf(str(error)) from None
    try:
        pages = len(document)
        if pages == 0:
            return PageReading(0)
        try:
            return _pdfium_page(document, pages)
        except Exception as error:  # a hostile file can break any reader in any way
            return PageReading(pages, problem=f"{error} ({type(error).__name__})")
    finally:
        document.close()


def _pdfium_page(document: Any, pages: int) -> PageReading:
    import pypdfium2.raw as raw

    page = document[0]
    # The trim box is the finished page; PDFium falls back to the crop box, then media box.
    left, bottom, right, top = page.get_trimbox()
    text_page = page.get_textpage()
    fonts: dict[str, bool] = {}
    page_handle = page.raw
    count = raw.FPDFPage_CountObjects(page_handle)
    _pdfium_fonts([raw.FPDFPage_GetObject(page_handle, i) for i in range(count)], fonts, 0, set())
    return PageReading(
        pages,
        (right - left, top - bottom),
        _lines(text_page.get_text_bounded(left, bottom, right, top)),
        _lines(text_page.get_text_range()),
        fonts,
    )


def _pdfium_fonts(
    objects: list[Any], fonts: dict[str, bool], depth: int, seen: set[int | None]
) -> None:
    import pypdfium2.raw as raw

    for handle in objects:
        kind = raw.FPDFPageObj_GetType(handle)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            font = raw.FPDFTextObj_GetFont(handle)
            address = ctypes.cast(font, ctypes.c_void_p).value
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
            _pdfium_fonts(inner, fonts, depth + 1, seen)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n")


def read_with_pypdf(pdf: bytes) -> PageReading:
    from factsheet.verify.opening import Unreadable, guarded, open_pdf

    try:
        reader = open_pdf(pdf)
    except Unreadable as error:
        raise UnreadablePdf(str(error)) from None
    pages = len(reader.pages)
    if pages == 0:
        return PageReading(0)
    return guarded(
        lambda: _pypdf_page(reader.pages[0], pages),
        lambda reason: PageReading(pages, problem=reason),
    )


def _pypdf_page(page: Any, pages: int) -> PageReading:
    from factsheet.verify.readback import join_runs, page_fonts, text_runs

    box = page.trimbox
    left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    runs = text_runs(page, colors=False)
    # Glyph widths are not read back: a run's end is a conservative estimate.
    visible = [
        run
        for run in runs
        if left <= run.x and run.estimated_end <= right + 0.5 and bottom <= run.y <= top
    ]
    return PageReading(
        pages,
        (right - left, top - bottom),
        join_runs(visible),
        join_runs(runs),
        {name.lstrip("/").split("+", 1)[-1]: ok for name, ok in page_fonts(page).items()},
    )

"""What verify needs from a PDF, read by either of two readers that must agree.

PDFium (in C, called through pypdfium2's raw bindings in verify/pdfium.py) reads a sheet in a
few milliseconds and serves `build` and `batch`; pypdf follows each text-showing operator in
Python and serves `check`, whose other tests need its object model. The tests read every
example sheet with both and compare the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msgspec import Struct, field


class UnreadablePdf(Exception):
    """The bytes are not a PDF either reader can open; the message says why."""


class PageReading(Struct, frozen=True):
    """The first page as verify sees it."""

    pages: int
    page_size: tuple[float, float] = (0.0, 0.0)
    visible_text: str = ""
    """Text drawn inside the trim box (the finished page), in drawing order."""
    all_text: str = ""
    """All text drawn on the page, inside the trim box or not (left "" by a reader of the
    visible text alone, read_visible_with_pdfium)."""
    fonts: dict[str, bool] = field(default_factory=dict)
    """Each font the page uses, and whether its program is embedded."""
    problem: str = ""
    """Why the page itself could not be read (a damaged or hostile file), or nothing."""


Reader = Callable[[bytes], PageReading]


def read_with_pdfium(pdf: bytes) -> PageReading:
    from factsheet.verify.pdfium import read_with_pdfium as read

    return read(pdf)


def read_visible_with_pdfium(pdf: bytes) -> PageReading:
    """read_with_pdfium without the text outside the trim box (all_text is left empty)."""
    from factsheet.verify.pdfium import read_with_pdfium as read

    return read(pdf, all_text=False)


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

"""PNG previews of a finished PDF's page, for emails, slides and posts (rendered by PDFium)."""

from __future__ import annotations

import io

from PIL import Image

from factsheet.errors import FactsheetError, Problem

DEFAULT_WIDTH = 1200
MAX_PIXELS = 12000
MIN_SIDE, MAX_SIDE = 3.0, 14400.0
"""What PDF allows for a page side, in points (1/24 in to 200 in)."""


def preview_png(
    pdf: bytes, *, width: int | None = None, dpi: float | None = None, quick: bool = False
) -> bytes:
    """The first page, trimmed to its TrimBox, as PNG bytes; width in pixels or a dpi.

    quick: full colour and light compression, several times faster, for a live preview.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as error:
        raise FactsheetError(Problem(f"not a readable PDF: {error}")) from None
    try:
        if len(document) == 0:
            raise FactsheetError(Problem("the PDF has no pages"))
        try:
            page = document[0]
        except pdfium.PdfiumError as error:
            raise FactsheetError(Problem(f"cannot read the first page: {error}")) from None
        media_left, media_bottom, media_right, media_top = page.get_mediabox()
        left, bottom, right, top = page.get_trimbox()
        # Crop marks and bleed are for the print shop; a preview shows the finished page.
        crop = (left - media_left, bottom - media_bottom, media_right - right, media_top - top)
        if not (MIN_SIDE <= right - left <= MAX_SIDE and MIN_SIDE <= top - bottom <= MAX_SIDE):
            raise FactsheetError(
                Problem(
                    f"the page's box is {right - left:g} x {top - bottom:g} pt, not a page size "
                    f"(each side must be {MIN_SIDE:g} to {MAX_SIDE:g} pt)",
                    hint="check the PDF's MediaBox and TrimBox",
                )
            )
        scale = dpi / 72 if dpi else (width or DEFAULT_WIDTH) / (right - left)
        if max(right - left, top - bottom) * scale > MAX_PIXELS:
            raise FactsheetError(Problem(f"preview would be over {MAX_PIXELS:,} pixels wide"))
        bitmap = page.render(scale=scale, crop=crop)
        image = bitmap.to_pil().convert("RGB")
        # PDFium wants its objects closed child first; left to the collector they warn.
        bitmap.close()
        page.close()
        if quick:
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=1)
            return buffer.getvalue()
        # A sheet is flat colour and text: 256 colours keep it sharp at a third of the bytes.
        palette = image.quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        buffer = io.BytesIO()
        palette.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()

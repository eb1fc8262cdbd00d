"""A picture of an overflow: the page as far as it fits, and below it, boxed in red, the rest.

Like the overset marker of a layout program: the user sees which paragraphs, tables or
sections did not fit, at the size they would print, instead of reading only a message.
Both parts are drawn as PDF by the same code as the sheet, then rendered by PDFium.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from PIL import Image
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from factsheet.layout.fit import PageOverflow
from factsheet.pdf.render import document_info, render_pdf

RED = "#D32F2F"
_PAD = 18.0
_LABEL = 22.0
_MAX_HEIGHT_PAGES = 2.0
_BACKDROP = (229, 229, 229)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def overflow_png(overflow: PageOverflow, *, width: int = 1200) -> bytes:
    """PNG bytes: the page at the smallest type, then what did not fit in a red box."""
    page = overflow.page
    info = document_info(overflow.sheet, overflow.theme, _EPOCH)
    page_pdf = render_pdf(page, info, overflow.theme, overflow.family)
    scale = width / page.width
    page_image = _image(page_pdf, scale)
    rest_image = _image(_leftover_pdf(overflow), scale)
    gap = round(_PAD * scale)
    canvas = Image.new(
        "RGB",
        (page_image.width + 2 * gap, page_image.height + rest_image.height + 3 * gap),
        _BACKDROP,
    )
    canvas.paste(page_image, (gap, gap))
    canvas.paste(rest_image, (gap, page_image.height + 2 * gap))
    palette = canvas.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _leftover_pdf(overflow: PageOverflow) -> bytes:
    """One page as wide as the sheet holding the leftover pieces in a red frame."""
    theme, page = overflow.theme, overflow.page
    width = overflow.column_width
    heights = []
    for piece in overflow.leftover:
        _, height = piece.flowable.wrap(width, 1e6)
        heights.append(height + piece.flowable.getSpaceBefore() + piece.flowable.getSpaceAfter())
    limit = page.height * _MAX_HEIGHT_PAGES
    shown = 0
    total = 0.0
    for height in heights:
        if total + height > limit and shown:
            break
        total += height
        shown += 1
    more = len(heights) - shown
    box_height = total + 2 * _PAD + _LABEL + (_LABEL if more else 0)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page.width, box_height + 2 * _PAD), invariant=1)
    canvas.setFillColor(HexColor("#FFFFFF"))
    canvas.rect(0, 0, page.width, box_height + 2 * _PAD, stroke=0, fill=1)
    left = theme.margins.left
    box_width = page.width - theme.margins.left - theme.margins.right
    canvas.setStrokeColor(HexColor(RED))
    canvas.setLineWidth(2)
    canvas.rect(left - 8, _PAD, box_width + 16, box_height, stroke=1, fill=0)
    canvas.setFillColor(HexColor(RED))
    canvas.setFont(overflow.family.bold, 11)
    top = _PAD + box_height
    canvas.drawString(left, top - _LABEL + 4, "Did not fit on the page:")
    y = top - _LABEL - _PAD / 2
    for piece, height in zip(overflow.leftover[:shown], heights[:shown], strict=True):
        y -= height
        piece.flowable.drawOn(canvas, left, y + piece.flowable.getSpaceAfter())
    if more:
        canvas.setFillColor(HexColor(RED))
        canvas.setFont(overflow.family.bold, 11)
        canvas.drawString(left, y - _LABEL + 4, f"... and {more} more piece(s) not shown here")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _image(pdf: bytes, scale: float) -> Image.Image:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=scale)
        image: Image.Image = bitmap.to_pil().convert("RGB")
        bitmap.close()
        page.close()
        return image
    finally:
        document.close()

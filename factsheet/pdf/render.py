"""Draw a PageLayout into PDF bytes: the only place that opens a ReportLab canvas."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from reportlab.lib.colors import CMYKColor, HexColor
from reportlab.lib.rl_accel import asciiBase85Decode
from reportlab.pdfbase.pdfdoc import PDFImageXObject, PDFZCompress
from reportlab.pdfgen.canvas import Canvas

from factsheet.layout.page import Box, PageLayout
from factsheet.layout.shows import Shows
from factsheet.pdf.canvas import SheetCanvas
from factsheet.pdf.color import CmykConverter
from factsheet.pdf.info import CREATOR, PRODUCER, DocumentInfo
from factsheet.pdf.info import document_info as document_info  # still importable from here
from factsheet.pdf.objstreams import use_object_streams
from factsheet.pdf.print_options import CROP_MARK_GAP, CROP_MARK_LENGTH, PLAIN, PrintOptions
from factsheet.pdf.tags.marks import Marker, TaggedCanvas
from factsheet.pdf.tags.pdfua import finish_page, write_structure
from factsheet.theme.fonts import FontFamily
from factsheet.theme.model import Theme


def render_pdf(
    page: PageLayout,
    info: DocumentInfo,
    theme: Theme,
    family: FontFamily,
    options: PrintOptions = PLAIN,
    marker: Marker | None = None,
) -> bytes:
    """One page of PDF; the same layout, info and options always give the same bytes.

    With a marker, every piece is drawn as marked content (or an Artifact), and the structure
    tree and PDF/UA metadata are written with the page: a tagged PDF/UA-1 file in one pass.
    """
    return _render(page, info, theme, family, options, marker)


def _render(
    page: PageLayout,
    info: DocumentInfo,
    theme: Theme,
    family: FontFamily,
    options: PrintOptions,
    marker: Marker | None,
) -> bytes:
    buffer = io.BytesIO()
    offset, bleed = options.offset, options.bleed
    media = (page.width + 2 * offset, page.height + 2 * offset)
    trim = (offset, offset, offset + page.width, offset + page.height)
    boxes: dict[str, Any] = {}
    if offset:
        boxes = {
            "trimBox": trim,
            "bleedBox": (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed),
        }
    if marker is not None:
        # PDF/UA-1 is built on PDF 1.7 (ISO 32000-1).
        boxes.update(marks=marker, pdfVersion=(1, 7))
    canvas = (TaggedCanvas if marker is not None else SheetCanvas)(
        buffer,
        pagesize=media,
        invariant=1,
        # Compressed by this document's default filter instead: see _flate_only.
        pageCompression=0,
        lang=info.lang,
        # Without this the canvas puts an unembedded Helvetica into every page's resources.
        initialFontName=family.regular,
        initialFontSize=page.body_size,
        enforceColorSpace=CmykConverter(theme.cmyk) if options.cmyk else None,
        **boxes,
    )
    _flate_only(canvas)
    use_object_streams(canvas._doc)
    _set_info(canvas, info)
    with _artifact(canvas, marker):
        if options.crop_marks:
            draw_crop_marks(canvas, trim, bleed)
    canvas.translate(offset, offset)
    with _artifact(canvas, marker):
        for box in page.boxes:
            x, y, width, height = _bled(box, page, bleed)
            canvas.setFillColor(HexColor(box.color))
            canvas.rect(x, y, width, height, stroke=0, fill=1)
        for rule in page.rules:
            canvas.setStrokeColor(HexColor(rule.color))
            canvas.setLineWidth(rule.thickness)
            x1 = rule.x1 - bleed if rule.x1 <= 0 else rule.x1
            x2 = rule.x2 + bleed if rule.x2 >= page.width else rule.x2
            canvas.line(x1, rule.y1, x2, rule.y2)
    for item in page.items:
        if getattr(item.flowable, "marks_itself", False):
            item.flowable.drawOn(canvas, item.x, item.y)
            continue
        with _marked(canvas, marker, item.shows):
            item.flowable.drawOn(canvas, item.x, item.y)
    _images_flate_only(canvas)
    if marker is not None:
        write_structure(canvas, marker, info)
    canvas.showPage()
    if marker is not None:
        finish_page(canvas)
    canvas.save()
    return buffer.getvalue()


# ReportLab wraps every compressed stream in ASCII85 by default: a quarter larger and slower to
# write, for 7-bit channels nobody uses today. Its switch for that (rl_config.useA85) is
# module-wide, so this document's own objects are set instead; ReportLab's setting stays as
# it is for any other user in the process, and renders in threads cannot disturb each other.
# (The canvas has no public handle on its document: _doc is the one way in.)


def _flate_only(canvas: Canvas) -> None:
    """Page, font and ToUnicode streams: with page compression off, ReportLab leaves their
    filters unset and each takes the document's default filter, Flate alone."""
    canvas._doc.defaultStreamFilters = [PDFZCompress]


def _images_flate_only(canvas: Canvas) -> None:
    """Raster images (and their soft masks) are encoded as they are drawn, by the module
    setting: take the ASCII85 layer off again, which leaves the Flate data as it was."""
    for found in canvas._doc.idToObject.values():
        if isinstance(found, PDFImageXObject) and found._filters[:1] == ("ASCII85Decode",):
            found.streamContent = asciiBase85Decode(found.streamContent)
            found._filters = found._filters[1:]


@contextmanager
def _artifact(canvas: Canvas, marker: Marker | None) -> Iterator[None]:
    if marker is None:
        yield
        return
    marker.begin_artifact(canvas)
    yield
    marker.end_artifact(canvas)


@contextmanager
def _marked(canvas: Canvas, marker: Marker | None, shows: Shows | None) -> Iterator[None]:
    if marker is None:
        yield
        return
    if shows is None:
        with _artifact(canvas, marker):
            yield
        return
    marker.begin(canvas, shows)
    yield
    marker.end(canvas)


def _bled(box: Box, page: PageLayout, bleed: float) -> tuple[float, float, float, float]:
    """The box, carried past every page edge it touches into the bleed."""
    left = box.x - bleed if box.x <= 0 else box.x
    bottom = box.y - bleed if box.y <= 0 else box.y
    right = box.x + box.width
    top = box.y + box.height
    right = right + bleed if right >= page.width else right
    top = top + bleed if top >= page.height else top
    return left, bottom, right - left, top - bottom


def draw_crop_marks(canvas: Canvas, trim: tuple[float, float, float, float], bleed: float) -> None:
    """Thin marks in line with each trim edge, starting outside the bleed."""
    left, bottom, right, top = trim
    start = bleed + CROP_MARK_GAP
    end = start + CROP_MARK_LENGTH
    canvas.saveState()
    canvas.setLineWidth(0.25)
    # Registration black prints on every plate, so the marks show on each separation.
    canvas.setStrokeColor(CMYKColor(1, 1, 1, 1))
    for x, y, dx, dy in (
        (left, bottom, -1, -1),
        (right, bottom, 1, -1),
        (left, top, -1, 1),
        (right, top, 1, 1),
    ):
        canvas.line(x + dx * start, y, x + dx * end, y)
        canvas.line(x, y + dy * start, x, y + dy * end)
    canvas.restoreState()


def _set_info(canvas: Canvas, info: DocumentInfo) -> None:
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setKeywords(", ".join(info.keywords))
    canvas.setCreator(CREATOR)
    canvas.setProducer(PRODUCER)
    # Viewers then show the title, not the file name, in their window bar.
    canvas.setViewerPreference("DisplayDocTitle", "true")
    # ReportLab stamps the creation date from the clock or the environment; the date is an
    # input here, so that the same content and date give the same bytes. Its date formatter
    # (public API) is the hook: the date it is handed is ignored for ours.
    stamp = "D:" + info.created.astimezone(UTC).strftime("%Y%m%d%H%M%S") + "+00'00'"
    canvas.setDateFormatter(lambda *_: stamp)


def creation_time(source_date_epoch: str | None) -> datetime:
    """SOURCE_DATE_EPOCH when given (reproducible builds), else now; always UTC."""
    if source_date_epoch:
        return datetime.fromtimestamp(int(source_date_epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)

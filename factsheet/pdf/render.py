"""Draw a PageLayout into PDF bytes: the only place that opens a ReportLab canvas."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, HexColor
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from factsheet import __version__
from factsheet.content.model import Sheet
from factsheet.layout.page import Box, PageLayout
from factsheet.layout.roles import CONTAINERS, Tag
from factsheet.pdf.color import CmykConverter
from factsheet.pdf.print_options import CROP_MARK_GAP, CROP_MARK_LENGTH, PLAIN, PrintOptions
from factsheet.pdf.tags.marks import Marker, TableMarks
from factsheet.theme.fonts import FontFamily
from factsheet.theme.logo import draw_logo
from factsheet.theme.model import Theme

CREATOR = f"factsheet {__version__}"
PRODUCER = f"factsheet {__version__} (ReportLab)"


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str
    created: datetime


def document_info(sheet: Sheet, theme: Theme, created: datetime) -> DocumentInfo:
    title = sheet.title.plain
    if sheet.subtitle:
        title = f"{title}: {sheet.subtitle.plain}"
    return DocumentInfo(
        title=title,
        author=sheet.organization or theme.organization or sheet.title.plain,
        subject=sheet.subtitle.plain if sheet.subtitle else sheet.title.plain,
        keywords=sheet.keywords,
        lang=sheet.lang,
        created=created,
    )


def render_pdf(
    page: PageLayout,
    info: DocumentInfo,
    theme: Theme,
    family: FontFamily,
    options: PrintOptions = PLAIN,
    marker: Marker | None = None,
) -> bytes:
    """One page of PDF; the same layout, info and options always give the same bytes.

    With a marker, every piece is drawn as marked content (or an Artifact) and logged in it.
    """
    with _binary_streams():
        return _render(page, info, theme, family, options, marker)


@contextmanager
def _binary_streams() -> Iterator[None]:
    # ReportLab wraps every compressed stream in ASCII85 by default (a setting of its own
    # module): a quarter larger and slower to write, for 7-bit channels nobody uses today.
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


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
    boxes = {}
    if offset:
        boxes = {
            "trimBox": trim,
            "bleedBox": (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed),
        }
    canvas = Canvas(
        buffer,
        pagesize=media,
        invariant=1,
        pageCompression=1,
        lang=info.lang,
        # Without this the canvas puts an unembedded Helvetica into every page's resources.
        initialFontName=family.regular,
        initialFontSize=page.body_size,
        enforceColorSpace=CmykConverter(theme.cmyk) if options.cmyk else None,
        **boxes,
    )
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
    if page.logo and theme.logo:
        logo_box = (page.logo.x, page.logo.y, page.logo.width, page.logo.height)
        with _marked(canvas, marker, Tag("Figure", "logo")):
            draw_logo(canvas, theme.logo, logo_box, family.regular)
    for item in page.items:
        if marker is not None and item.tag is not None:
            left, bottom = item.x + offset, item.y + offset
            marker.place(item.tag.key, (left, bottom, left + item.width, bottom + item.height))
        if item.tag is not None and item.tag.role in CONTAINERS:
            _lend_marker(item.flowable, marker)
            item.flowable.drawOn(canvas, item.x, item.y)
            continue
        with _marked(canvas, marker, item.tag):
            item.flowable.drawOn(canvas, item.x, item.y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@contextmanager
def _artifact(canvas: Canvas, marker: Marker | None) -> Iterator[None]:
    if marker is None:
        yield
        return
    marker.artifact(canvas)
    yield
    marker.end(canvas)


@contextmanager
def _marked(canvas: Canvas, marker: Marker | None, tag: Tag | None) -> Iterator[None]:
    if marker is None:
        yield
        return
    if tag is None:
        with _artifact(canvas, marker):
            yield
        return
    marker.begin(canvas, tag.role, tag.key)
    yield
    marker.end(canvas)


def _lend_marker(flowable: object, marker: Marker | None) -> None:
    """Tables and list items mark their own parts (cells; bullet and text)."""
    table_marks = getattr(flowable, "_renderCB", None)
    if isinstance(table_marks, TableMarks):
        table_marks.marker = marker
    elif hasattr(flowable, "marker"):
        flowable.marker = marker


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
    # input here, so that the same content and date give the same bytes.
    stamp = TimeStamp(invariant=1)
    stamp.t = info.created.timestamp()
    stamp.lt = time.gmtime(stamp.t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp


def creation_time(source_date_epoch: str | None) -> datetime:
    """SOURCE_DATE_EPOCH when given (reproducible builds), else now; always UTC."""
    if source_date_epoch:
        return datetime.fromtimestamp(int(source_date_epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)

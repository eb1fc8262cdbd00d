"""Draw a PageLayout into PDF bytes: the only place that opens a ReportLab canvas."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from factsheet import __version__
from factsheet.fonts import FontFamily
from factsheet.model import Sheet
from factsheet.page import PageLayout
from factsheet.theme import Theme


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


def render_pdf(page: PageLayout, info: DocumentInfo, theme: Theme, family: FontFamily) -> bytes:
    """One page of PDF; the same layout and info always give the same bytes."""
    with _binary_streams():
        return _render(page, info, theme, family)


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


def _render(page: PageLayout, info: DocumentInfo, theme: Theme, family: FontFamily) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(page.width, page.height),
        invariant=1,
        pageCompression=1,
        lang=info.lang,
        # Without this the canvas puts an unembedded Helvetica into every page's resources.
        initialFontName=family.regular,
        initialFontSize=page.body_size,
    )
    _set_info(canvas, info)
    for box in page.boxes:
        canvas.setFillColor(HexColor(box.color))
        canvas.rect(box.x, box.y, box.width, box.height, stroke=0, fill=1)
    for rule in page.rules:
        canvas.setStrokeColor(HexColor(rule.color))
        canvas.setLineWidth(rule.thickness)
        canvas.line(rule.x1, rule.y1, rule.x2, rule.y2)
    if page.logo and theme.logo:
        from factsheet.images import draw_logo

        logo_box = (page.logo.x, page.logo.y, page.logo.width, page.logo.height)
        draw_logo(canvas, theme.logo, logo_box, family.regular)
    for item in page.items:
        item.flowable.drawOn(canvas, item.x, item.y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _set_info(canvas: Canvas, info: DocumentInfo) -> None:
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setKeywords(", ".join(info.keywords))
    canvas.setCreator(f"factsheet {__version__}")
    canvas.setProducer(f"factsheet {__version__} (ReportLab)")
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

"""What the PDF says about itself: title, author, subject, keywords, language, date."""

from __future__ import annotations

from datetime import datetime

from msgspec import Struct

from factsheet.content.model import Sheet
from factsheet.theme.model import Theme
from factsheet.version import __version__

CREATOR = f"factsheet {__version__}"
PRODUCER = f"factsheet {__version__} (ReportLab)"


class DocumentInfo(Struct, frozen=True):
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
        author=sheet.organization or sheet.title.plain,
        subject=sheet.subtitle.plain if sheet.subtitle else sheet.title.plain,
        keywords=sheet.keywords,
        lang=sheet.lang,
        created=created,
    )

"""The stages wired in order: content -> theme -> layout -> render -> verify, all in memory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from factsheet.content import load_content
from factsheet.coverage import glyph_problems
from factsheet.errors import ContentError
from factsheet.fonts import register_family
from factsheet.layout import lay_out
from factsheet.model import Sheet
from factsheet.render import document_info, render_pdf
from factsheet.theme import Theme, load_theme
from factsheet.verify import Report, verify_pdf


@dataclass(frozen=True)
class Built:
    sheet: Sheet
    theme: Theme
    pdf: bytes
    body_size: float
    report: Report


def build_sheet(content_file: Path, *, created: datetime) -> Built:
    """Load, lay out, render and verify one sheet; raise FactsheetError on bad input."""
    sheet = load_content(content_file)
    theme = load_theme(sheet.theme)
    family = register_family(theme.fonts, theme.file)
    problems = glyph_problems(sheet, family)
    if problems:
        raise ContentError(problems)
    page = lay_out(sheet, theme, family)
    pdf = render_pdf(page, document_info(sheet, theme, created), theme, family)
    return Built(sheet, theme, pdf, page.body_size, verify_pdf(pdf, sheet))

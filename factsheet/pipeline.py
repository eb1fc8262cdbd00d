"""The stages wired in order: content -> theme -> layout -> render -> verify, all in memory."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from factsheet.content import ContentTemplate
from factsheet.coverage import glyph_problems
from factsheet.errors import ContentError
from factsheet.fonts import FontFamily, register_family
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


@dataclass(frozen=True)
class SheetBuilder:
    """What every sheet of one content file or template shares, loaded once."""

    template: ContentTemplate
    theme: Theme
    family: FontFamily

    @classmethod
    def load(cls, content_file: Path) -> SheetBuilder:
        template = ContentTemplate.read(content_file)
        theme = load_theme(template.theme)
        return cls(template, theme, register_family(theme.fonts, theme.file))

    def build(self, row: Mapping[str, Any] | None = None, *, created: datetime) -> Built:
        """Fill, lay out, render and verify one sheet; raise FactsheetError on bad input."""
        sheet = self.template.sheet(row)
        problems = glyph_problems(sheet, self.family)
        if problems:
            raise ContentError(problems)
        page = lay_out(sheet, self.theme, self.family)
        pdf = render_pdf(page, document_info(sheet, self.theme, created), self.theme, self.family)
        return Built(sheet, self.theme, pdf, page.body_size, verify_pdf(pdf, sheet))


def build_sheet(
    content_file: Path, *, created: datetime, row: Mapping[str, Any] | None = None
) -> Built:
    """Build one sheet from a content file (and a data row, for a template)."""
    return SheetBuilder.load(content_file).build(row, created=created)

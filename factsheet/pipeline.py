"""The stages wired in order: content -> theme -> layout -> render (+ tags) -> verify, in memory.

A sheet leaves here verified or not at all: a failed read-back raises VerificationError, so no
caller can write an unverified sheet.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from factsheet.content.loader import ContentTemplate
from factsheet.content.model import Sheet, ThemeRef
from factsheet.content.scripts import scripts_in
from factsheet.errors import ContentError, Problem, VerificationError
from factsheet.layout.fit import lay_out
from factsheet.layout.glyphtexts import GlyphTexts
from factsheet.layout.scriptruns import shaped_words
from factsheet.layout.wrapcache import WrapCache
from factsheet.pdf.info import document_info
from factsheet.pdf.print_options import PLAIN, PrintOptions, warnings
from factsheet.pdf.render import render_pdf
from factsheet.pdf.tags.marks import Marker
from factsheet.quality.measure import Quality
from factsheet.theme.contrast import failing_pairs
from factsheet.theme.fonts import (
    FontFamily,
    register_family,
    register_italics,
    settle_private_glyphs,
    with_script_fonts,
)
from factsheet.theme.glyphs import glyph_problems
from factsheet.theme.loader import load_theme, theme_sources
from factsheet.theme.model import Theme
from factsheet.verify.report import Report, verify_pdf


class Built(Struct, frozen=True):
    """A verified sheet: its PDF, the read-back report, and warnings worth telling the user."""

    sheet: Sheet
    theme: Theme
    pdf: bytes
    body_size: float
    report: Report
    warnings: list[Problem]
    quality: Quality | None = None
    """How the page measures: fill, column balance, broken words, ..."""
    trials: int = 0
    """Candidate layouts tried to choose this one."""


class SheetBuilder(Struct, frozen=True):
    """What every sheet of one content file or template shares, loaded once."""

    template: ContentTemplate
    theme: Theme
    family: FontFamily
    options: PrintOptions = PLAIN
    cache: WrapCache = field(default_factory=WrapCache)
    """Paragraph measurements shared by every sheet this builder makes."""

    @classmethod
    def load(
        cls,
        content_file: Path,
        options: PrintOptions = PLAIN,
        *,
        text: bytes | None = None,
        default_theme: ThemeRef | None = None,
    ) -> SheetBuilder:
        """Load the content file (or text, its unsaved copy), its theme and fonts.

        default_theme (a project's) serves a content file that names no theme.
        """
        template = ContentTemplate.read(content_file, text)
        named = "theme" in template.document.data
        ref = template.theme if named or default_theme is None else default_theme
        theme = options.apply(load_theme(ref))
        family = register_family(theme.fonts, theme.file, italics=False)
        return cls(template, theme, family, options)

    def build(self, row: Mapping[str, Any] | None = None, *, created: datetime) -> Built:
        """Fill, lay out, render and verify one sheet.

        Raises FactsheetError on bad input, VerificationError when the read-back fails.
        """
        sheet = self.template.sheet(row).with_defaults(
            organization=self.theme.organization, qr=self.theme.qr
        )
        family = self.fonts_for(sheet)
        problems = glyph_problems(sheet, family)
        if problems:
            raise ContentError(problems)
        # Shaping a word once before layout settles its glyphs' widths for every later use.
        glyphs = GlyphTexts()
        readings = shaped_words(self.texts_of(sheet), family, glyphs)
        settle_private_glyphs(set(readings.values()) and family.names())
        page = lay_out(sheet, self.theme, family, cache=self.cache)
        info = document_info(sheet, self.theme, created)
        marker = Marker() if self.options.tagged else None
        pdf = render_pdf(page, info, self.theme, family, self.options, marker)
        # Shaped scripts draw glyphs that do not read back as their text: say what they read.
        if readings:
            # pikepdf, slow to import, only for the sheets that need it.
            from factsheet.pdf.actualtext import add_actual_text

            pdf = add_actual_text(pdf, readings, glyphs.by_font())
        report = verify_pdf(pdf, sheet)
        if not report.ok:
            raise VerificationError(report.problems, report.summary())
        notes = warnings(self.theme, self.options)
        notes += [
            Problem(f"theme {self.theme.name}: {pair}", severity="warning")
            for pair in failing_pairs(self.theme.colors)
        ]
        if page.quality is not None:
            notes += [
                Problem(f"layout: {miss}", severity="warning") for miss in page.quality.misses()
            ]
        return Built(
            sheet, self.theme, pdf, page.body_size, report, notes, page.quality, page.trials
        )

    def texts_of(self, sheet: Sheet) -> list[str]:
        """Every text the page shows, the theme's included."""
        texts = [text.plain for text in sheet.texts()]
        return [*texts, sheet.organization or "", self.theme.organization, self.theme.footer]

    def fonts_for(self, sheet: Sheet) -> FontFamily:
        """The theme's fonts, with fallbacks for the scripts this sheet is written in."""
        scripts = scripts_in(" ".join(self.texts_of(sheet)))
        # Shaping tries a word in each of the four faces: script sheets need the italics too.
        if scripts or any(span.italic for text in sheet.texts() for span in text.spans):
            register_italics(self.theme.fonts, self.theme.file)
        if not scripts:
            return self.family
        return with_script_fonts(self.family, self.theme.fonts, scripts, self.theme.file)


def build_sheet(
    content_file: str | PathLike[str],
    *,
    created: datetime | None = None,
    row: Mapping[str, Any] | None = None,
    options: PrintOptions = PLAIN,
    text: bytes | None = None,
    default_theme: ThemeRef | None = None,
) -> Built:
    """Build and verify one sheet from a content file (and a data row, for a template).

    created is the date the PDF carries (default: now); pass a fixed one for the same bytes
    on every run. Raises a FactsheetError subclass for anything the user can fix.
    """
    when = created or datetime.now(UTC).replace(microsecond=0)
    builder = SheetBuilder.load(Path(content_file), options, text=text, default_theme=default_theme)
    return builder.build(row, created=when)


def sheet_inputs(content_file: Path, data_file: Path | None = None) -> set[Path]:
    """Every file a build of content_file reads, best effort: for rebuilding on change."""
    files = {content_file}
    if data_file is not None:
        files.add(data_file)
    try:
        template = ContentTemplate.read(content_file)
    except ContentError:
        return {file.resolve() for file in files}
    files.update(theme_sources(template.theme))
    return {file.resolve() for file in files}

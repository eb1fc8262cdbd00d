"""Refuse text the theme's fonts cannot draw: ReportLab would leave those characters blank."""

from __future__ import annotations

from factsheet.content.model import Sheet
from factsheet.errors import Problem
from factsheet.theme.fonts import FontFamily, missing_glyphs


def glyph_problems(sheet: Sheet, family: FontFamily) -> list[Problem]:
    problems: list[Problem] = []
    file = sheet.file
    for text in sheet.texts():
        missing: set[str] = set()
        for span in text.spans:
            # Headings, titles and figures print in bold whatever their markup says.
            for bold in (False, True):
                missing |= missing_glyphs(span.text, family.name(bold=bold, italic=span.italic))
        if missing:
            shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in sorted(missing))
            problems.append(
                Problem(
                    f"the theme's fonts have no glyph for {shown}; it would print blank",
                    file,
                    text.field,
                    text.line,
                    hint="replace the character, or use a theme whose fonts cover it",
                )
            )
    return problems

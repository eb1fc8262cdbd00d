"""Refuse text the theme's fonts cannot draw: ReportLab would leave those characters blank.

A script with no font installed at all is named once, with the command that installs one.
"""

from __future__ import annotations

from factsheet.content.model import Sheet
from factsheet.content.scripts import Script, script_of, shown
from factsheet.errors import Problem
from factsheet.theme.fontruns import missing_glyphs
from factsheet.theme.fonts import FontFamily, covers


def glyph_problems(sheet: Sheet, family: FontFamily) -> list[Problem]:
    if _all_in_own_fonts(sheet, family):
        return []
    problems: list[Problem] = []
    file = sheet.file
    named: set[str] = set()
    for text in sheet.texts():
        missing: set[str] = set()
        for span in text.spans:
            # Headings, titles and figures print in bold whatever their markup says.
            for bold in (False, True):
                own = family.name(bold=bold, italic=span.italic)
                missing |= missing_glyphs(span.text, family, own, bold=bold)
        if not missing:
            continue
        by_script: dict[str, list[str]] = {}
        scripts: dict[str, Script] = {}
        for char in missing:
            script = script_of(char)
            if script is not None and not family.chain(script.key):
                scripts[script.key] = script
                by_script.setdefault(script.key, []).append(char)
        for key, chars in by_script.items():
            missing -= set(chars)
            if key not in named:
                named.add(key)
                problems.append(_no_font(scripts[key], chars, sheet, text.field, text.line))
        if missing:
            problems.append(
                Problem(
                    f"the theme's fonts have no glyph for {shown(missing)}; it would print blank",
                    file,
                    text.field,
                    text.line,
                    hint="replace the character, or use a theme whose fonts cover it",
                )
            )
    return problems


def _all_in_own_fonts(sheet: Sheet, family: FontFamily) -> bool:
    """Whether the theme's own fonts have every glyph of the sheet, regular and bold: the
    usual sheet, then found with one look-up per font (a font covers a text when it covers
    each of its characters, so all the texts of a font can be asked about at once)."""
    texts: dict[bool, list[str]] = {}
    for text in sheet.texts():
        for span in text.spans:
            texts.setdefault(span.italic, []).append(span.text)
    return all(
        covers(family.name(bold=bold, italic=italic), "".join(parts))
        for italic, parts in texts.items()
        for bold in (False, True)
    )


def _no_font(
    script: Script, chars: list[str], sheet: Sheet, field: str, line: int | None
) -> Problem:
    return Problem(
        f"no font for {script.label} text is installed: {shown(chars, 6)}",
        sheet.file,
        field,
        line,
        hint=f"install one with: {script.install} "
        f"(or name a TrueType font file under fonts.scripts.{script.key} in the theme)",
    )

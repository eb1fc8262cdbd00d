"""The check that the theme's fonts can draw every character: one look-up per face for the
usual sheet, the full search (with the fields named) only when a glyph is missing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import example_sheet

from factsheet.content.loader import load_content
from factsheet.content.model import ThemeRef
from factsheet.theme import glyphs
from factsheet.theme.fonts import FontFamily, register_family
from factsheet.theme.loader import load_theme


def _family() -> FontFamily:
    theme = load_theme(ThemeRef("default", Path("sheet.yaml")))
    return register_family(theme.fonts, theme.file, italics=True)


def test_every_face_the_sheet_uses_is_asked_about_all_its_text(
    write_sheet: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = load_content(write_sheet(example_sheet(intro=["Plain, *leaning* and **bold**."])))
    family = _family()
    asked: dict[str, str] = {}

    def covers(font: str, text: str) -> bool:
        asked[font] = text
        return True

    monkeypatch.setattr(glyphs, "covers", covers)
    assert glyphs.glyph_problems(sheet, family) == []
    upright = [family.name(bold=b, italic=False) for b in (False, True)]
    leaning = [family.name(bold=b, italic=True) for b in (False, True)]
    assert set(asked) == {*upright, *leaning}
    for name in upright:
        assert "Example Outreach Network" in asked[name] and "Plain, " in asked[name]
        assert "leaning" not in asked[name]
    for name in leaning:
        assert asked[name] == "leaning"


def test_a_face_missing_a_glyph_leads_to_the_full_search(
    write_sheet: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = load_content(write_sheet(example_sheet(title="Example ก Network")))
    family = _family()
    bold = family.name(bold=True, italic=False)
    # Only the bold face is said to lack a glyph: that alone sends the sheet to the search.
    monkeypatch.setattr(glyphs, "covers", lambda font, text: font != bold)
    problems = glyphs.glyph_problems(sheet, family)
    assert [p.field for p in problems] == ["title"]
    assert "no glyph for 'ก' (U+0E01)" in problems[0].message

"""Hyphenation patterns: offered for words too long for their room, read only when needed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pyphen
import pytest
from conftest import COLORADO

from factsheet.layout import hyphenation
from factsheet.layout.hyphenation import OverlongOnly, hyphenator
from factsheet.pipeline import build_sheet
from factsheet.theme.fonts import FontFiles, bundled_fonts_dir, register_family


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The languages whose patterns get parsed, from a cold start."""
    languages: list[str] = []
    original = pyphen.Pyphen.__init__

    def spy(self: pyphen.Pyphen, *args: Any, **options: Any) -> None:
        languages.append(options.get("lang", ""))
        original(self, *args, **options)

    monkeypatch.setattr(pyphen.Pyphen, "__init__", spy)
    hyphenation.hyphenator.cache_clear()
    hyphenation._dictionary.cache_clear()
    yield languages
    hyphenation.hyphenator.cache_clear()
    hyphenation._dictionary.cache_clear()


def test_break_points_keep_three_letters_each_side() -> None:
    pairs = hyphenator("en-US")
    assert pairs is not None
    offered = list(pairs("representatives"))
    assert offered
    assert all(len(head) >= 3 and len(tail) >= 3 for head, tail in offered)
    assert all(head + tail == "representatives" for head, tail in offered)
    assert list(pairs("cases")) == []  # too short to hyphenate
    assert hyphenator("xx-nowhere") is None


def test_a_sheet_whose_words_fit_never_reads_the_patterns(parsed: list[str]) -> None:
    build_sheet(COLORADO, created=datetime(2031, 1, 1, tzinfo=UTC))
    assert parsed == []


def test_a_word_too_long_for_its_room_reads_them_once(parsed: list[str]) -> None:
    carlito = bundled_fonts_dir() / "carlito"
    family = register_family(
        FontFiles(
            carlito / "Carlito-Regular.ttf",
            carlito / "Carlito-Bold.ttf",
            carlito / "Carlito-Italic.ttf",
            carlito / "Carlito-BoldItalic.ttf",
        )
    )
    narrow = OverlongOnly("en-US", room=20.0, font=family.regular, size=9.0)
    assert list(narrow("representatives"))
    assert list(narrow("representatives"))
    assert parsed == ["en_US"]
    roomy = OverlongOnly("en-US", room=500.0, font=family.regular, size=9.0)
    assert list(roomy("representatives")) == []

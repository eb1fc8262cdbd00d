"""The one-pass lean subset is byte for byte ReportLab's subset passed through strip_hinting
and written again: on random subsets of every font we can find (composite glyphs included),
and on every subset Colorado and the example sheets embed."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import COLORADO, ROOT
from reportlab.lib.rl_accel import calcChecksum
from reportlab.pdfbase.ttfonts import TTFontFace, TTFontMaker

from factsheet.pipeline import build_sheet
from factsheet.theme import ttf
from factsheet.theme.fontprogram import read_tables, strip_hinting
from factsheet.theme.leansubset import FaceParts, checksum, lean_subset

CREATED = datetime(2024, 1, 1, tzinfo=UTC)
SYSTEM_FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf"),
    Path("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"),
    Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
]
EXAMPLES = [
    path
    for path in sorted((ROOT / "examples").glob("*.yaml"))
    if "factsheet" in yaml.safe_load(path.read_text(encoding="utf-8"))
]
FONTS = sorted((ROOT / "fonts" / "carlito").glob("*.ttf")) + [
    path for path in SYSTEM_FONTS if path.exists()
]


def two_pass_subset(face: Any, subset: list[int]) -> bytes:
    """The old way: ReportLab's subset, its tables read back, stripped, written again."""
    maker = TTFontMaker()
    for tag, data in strip_hinting(read_tables(TTFontFace.makeSubset(face, subset))).items():
        maker.add(tag.decode("latin-1"), data)
    program: bytes = maker.makeStream()
    return program


def test_checksum_is_reportlabs() -> None:
    generator = random.Random(13)
    lengths = [*range(0, 40), 255, 4096, 65537]
    for length in lengths:
        for _ in range(5):
            data = generator.randbytes(length)
            assert checksum(data) == calcChecksum(data), length
    assert checksum(b"\xff" * 4000) == calcChecksum(b"\xff" * 4000)


@pytest.mark.parametrize("path", FONTS, ids=lambda path: path.name)
def test_random_subsets_are_the_two_pass_subsets(path: Path) -> None:
    face = TTFontFace(str(path))
    parts = FaceParts(face)
    characters = sorted(face.charToGlyph)
    # Characters drawn from composite glyphs (accented letters) are the ones renumbered.
    composed = [
        char for char, glyph in face.charToGlyph.items() if parts.components_of(glyph)
    ] or characters
    generator = random.Random(path.name)
    for size in (0, 1, 2, 7, 40, 95, 150, 223):
        drawn = generator.sample(characters, min(size, len(characters)))
        drawn += generator.sample(composed, min(size // 3, len(composed)))
        # As a document's state hands codes out: 0-31 unused, space, then drawn order; and
        # a code for a character the font lacks (the missing glyph).
        subset = [0] * 32 + [32] + drawn[: 223 - 1] + [0x10FFFE]
        assert lean_subset(parts, subset) == two_pass_subset(face, subset), size
    # Glyphs remembered from earlier subsets give the same bytes as a fresh face.
    subset = [0] * 32 + [32, *characters[:60]]
    fresh = FaceParts(TTFontFace(str(path)))
    assert lean_subset(parts, subset) == lean_subset(fresh, subset)


def test_every_subset_of_the_example_sheets_is_the_two_pass_subset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked: list[int] = []
    lean_make_subset = ttf.LeanFace.makeSubset

    def compared(face: Any, subset: list[int]) -> bytes:
        ours: bytes = lean_make_subset(face, subset)
        assert ours == two_pass_subset(face, subset), face.filename
        checked.append(len(subset))
        return ours

    monkeypatch.setattr(ttf.LeanFace, "makeSubset", compared)
    for sheet in [COLORADO, *EXAMPLES]:
        build_sheet(sheet, created=CREATED)
    assert len(checked) >= 2 * len(EXAMPLES)

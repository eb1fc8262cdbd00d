"""The gallery: twelve fictional sheets unlike each other, each built once and measured from
its PDF against the layout targets (fill, balance, words, tables, cards, type size)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from factsheet.layout.fit import lay_out
from factsheet.pipeline import Built, build_sheet
from factsheet.quality.measure import BALANCE_TARGET, FILL_TARGET, SMALLEST_BODY
from factsheet.theme.fonts import register_family
from factsheet.verify.layout_quality import page_quality
from factsheet.verify.preflight import preflight

ROOT = Path(__file__).resolve().parent.parent
GALLERY = [
    "sparse-ranking",
    "labour-table",
    "german-statistics",
    "spanish-figures",
    "source-urls",
    "lists-only",
    "chart-and-table",
    "four-long-cards",
    "at-the-limit",
    "report-table",
    "a4-sheet",
    "logo-sheet",
]


@pytest.fixture(scope="module")
def gallery() -> dict[str, Built]:
    created = datetime(2031, 1, 1, tzinfo=UTC)
    return {
        name: build_sheet(ROOT / "examples" / f"{name}.yaml", created=created) for name in GALLERY
    }


def _reachable_fill(built: Built) -> bool:
    """Can this content fill the page at all? Only if one column at the largest type does."""
    theme = built.theme
    page = lay_out(built.sheet, theme, register_family(theme.fonts, theme.file), columns=1)
    assert page.quality is not None
    return page.quality.fill >= FILL_TARGET or page.body_size < theme.maximum_size


@pytest.mark.parametrize("name", GALLERY)
def test_gallery_sheet_meets_the_layout_targets(name: str, gallery: dict[str, Built]) -> None:
    built = gallery[name]
    assert built.report.failures == []
    assert built.report.pages == 1
    page = PdfReader(io.BytesIO(built.pdf)).pages[0]
    quality = page_quality(page, built.sheet)
    assert quality is not None
    assert quality.broken_words == 0
    assert quality.split_small_tables == 0
    assert quality.wrapped_card_values == 0
    assert quality.body_size >= SMALLEST_BODY
    assert quality.balance_lines <= BALANCE_TARGET
    if _reachable_fill(built):
        assert quality.fill >= FILL_TARGET
    # The search's own measure and the one read back from the PDF agree.
    assert built.quality is not None
    assert abs(built.quality.fill - quality.fill) < 0.06


def test_the_gallery_is_unlike_itself(gallery: dict[str, Built]) -> None:
    sizes = {built.theme.page_size_name for built in gallery.values()}
    assert sizes == {"letter", "a4"}
    assert {built.sheet.lang for built in gallery.values()} >= {"en-US", "de-DE", "es-ES"}
    assert any(built.theme.logo for built in gallery.values())
    assert {round(built.body_size) for built in gallery.values()} != {10}


@pytest.mark.parametrize("name", GALLERY)
def test_gallery_sheet_is_ready_to_send(name: str, gallery: dict[str, Built]) -> None:
    # factsheet check's own verdict: contrast included, where list bullets are held to the
    # 3:1 of non-text graphics (the default bullet colour is 3.0:1 on white).
    report = preflight(gallery[name].pdf, f"{name}.pdf", gallery[name].sheet)
    assert report.ok, report.as_text()

"""Fitting a sheet on one page: the type size, the columns and the spacing the search chooses.

Every expected size below is checked against its neighbour, not only written down: the chosen
size fits in the chosen columns, and one step (0.25 pt) larger does not, unless the chosen size
is already the theme's largest or the page is already full.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import COLORADO, ROOT, example_sheet

from factsheet.content.model import Sheet
from factsheet.errors import LayoutOverflowError
from factsheet.layout.fit import FILL_AIM, MAX_SPACING, SIZE_STEP, _attempt, lay_out
from factsheet.layout.page import PageLayout
from factsheet.layout.table_fit import TableTooWide
from factsheet.pipeline import SheetBuilder, build_sheet
from factsheet.quality.measure import FILL_TARGET
from factsheet.theme.fonts import FontFamily
from factsheet.theme.model import Theme

CREATED = datetime(2031, 1, 1, tzinfo=UTC)


@dataclass
class Loaded:
    sheet: Sheet
    theme: Theme
    family: FontFamily


_LOADED: dict[str, Loaded] = {}


def loaded(name: str) -> Loaded:
    """The sheet and theme as the builder resolves them (each example read once per run)."""
    if name not in _LOADED:
        path = COLORADO if name == "colorado" else ROOT / "examples" / f"{name}.yaml"
        builder = SheetBuilder.load(path)
        theme = builder.theme
        sheet = builder.template.sheet(None).with_defaults(
            organization=theme.organization, qr=theme.qr
        )
        _LOADED[name] = Loaded(sheet, theme, builder.fonts_for(sheet))
    return _LOADED[name]


def body_columns(page: PageLayout) -> int:
    """How many columns the body was poured into, from where its pieces were placed."""
    body = [item for item in page.items if item.origin.startswith(("intro", "sections"))]
    return len({round(item.x) for item in body})


def fits(found: Loaded, size: float, columns: int) -> bool:
    """Does the body fit at exactly this size in this many columns (normal spacing)?"""
    try:
        trial = _attempt(found.sheet, found.theme, found.family, size, 1.0, columns, None)
    except TableTooWide:
        return False
    return trial.flow.fits


# name, columns, body size (pt), how the search gets there.
CHOICES = [
    # The seed: its estimate starts at the answer and the page is full: one trial.
    ("colorado", 2, 9.0),
    # The estimate starts too large (11 pt does not fit): the search steps down to 10.25.
    ("at-the-limit", 2, 10.25),
    # The estimate starts too small (10.75 pt leaves the page empty): the search steps up.
    ("county-map", 1, 12.5),
    # Two columns cannot fill an A4 page even at 13 pt: one column, stepped up to 11.75.
    ("a4-sheet", 1, 11.75),
    # Up one step from the estimate, then 13 pt overflows.
    ("labour-table", 2, 12.75),
    # Short lists: two (or three) half-empty columns lose to one column at the largest type.
    ("lists-only", 1, 13.0),
    ("sparse-ranking", 1, 13.0),
]


@pytest.mark.parametrize(("name", "columns", "size"), CHOICES, ids=[c[0] for c in CHOICES])
def test_the_largest_type_that_fits_is_chosen(name: str, columns: int, size: float) -> None:
    found = loaded(name)
    page = lay_out(found.sheet, found.theme, found.family)
    assert (page.body_size, body_columns(page)) == (size, columns)
    assert page.quality is not None and page.quality.body_size == size
    assert fits(found, size, columns)
    larger = size + SIZE_STEP
    if larger <= found.theme.maximum_size and page.quality.fill < FILL_TARGET + 0.05:
        assert not fits(found, larger, columns)


def test_the_seed_needs_one_trial_and_fills_its_page() -> None:
    # The estimate lands on 9 pt and the body then reaches 99% down the page: no second trial.
    found = loaded("colorado")
    page = lay_out(found.sheet, found.theme, found.family)
    assert page.trials == 1
    assert page.quality is not None and page.quality.fill > 0.98
    # 9.25 pt is one step larger and overflows two columns: the 9 pt is not a search accident.
    assert not fits(found, 9.25, 2)


def test_a_search_tries_each_size_once() -> None:
    # at-the-limit: 11, 10.75, 10.5 overflow and 10.25 fits: four layouts, none repeated.
    found = loaded("at-the-limit")
    page = lay_out(found.sheet, found.theme, found.family)
    assert page.trials == 4


def test_columns_asked_for_are_used() -> None:
    found = loaded("colorado")
    three = lay_out(found.sheet, found.theme, found.family, columns=3)
    assert body_columns(three) == 3
    # Narrower columns waste less at line ends: one step larger than in two columns.
    assert three.body_size == 9.25
    # In one column the seed does not fit even at the smallest type, and says so.
    with pytest.raises(LayoutOverflowError, match="does not fit") as caught:
        lay_out(found.sheet, found.theme, found.family, columns=1)
    assert caught.value.problems[0].file == found.sheet.file


def spacing_fill(found: Loaded, page: PageLayout, columns: int, spacing: float) -> float:
    trial = _attempt(found.sheet, found.theme, found.family, page.body_size, spacing, columns, None)
    assert trial.flow.fits
    return trial.quality.fill


@pytest.mark.parametrize("name", ["lists-only", "source-urls"])
def test_spacing_grows_between_the_measurements(name: str) -> None:
    # At twice the spacing the page overflows or overfills, so the search aims between the
    # two and keeps the first spacing below that fits.
    found = loaded(name)
    page = lay_out(found.sheet, found.theme, found.family)
    assert page.quality is not None
    normal = spacing_fill(found, page, 1, 1.0)
    assert normal < FILL_TARGET
    assert normal + 0.05 < page.quality.fill <= 1.0
    assert page.quality.fill >= FILL_AIM


@pytest.mark.parametrize("name", ["four-long-cards", "logo-sheet", "sparse-ranking"])
def test_spacing_stops_at_its_largest(name: str) -> None:
    # Too little text for the page: the largest spacing is used, and no more.
    found = loaded(name)
    page = lay_out(found.sheet, found.theme, found.family)
    assert page.quality is not None
    widest = spacing_fill(found, page, 1, MAX_SPACING)
    assert page.quality.fill == pytest.approx(widest, abs=1e-9)
    assert spacing_fill(found, page, 1, 1.0) < widest


def test_a_full_page_keeps_the_normal_spacing() -> None:
    found = loaded("colorado")
    page = lay_out(found.sheet, found.theme, found.family)
    assert page.quality is not None
    assert page.quality.fill == pytest.approx(spacing_fill(found, page, 2, 1.0), abs=1e-9)


def test_a_table_too_wide_at_every_size_names_the_sheet(
    write_sheet: Callable[..., Path],
) -> None:
    # Forty columns of figures cannot be set even at the smallest type: the error is located
    # at the sheet's own file, so the user knows which file to fix.
    columns = [f"Column {i}" for i in range(40)]
    section = {
        "heading": "Example Programme",
        "body": [{"table": {"columns": columns, "rows": [[i * 1000 for i in range(40)]]}}],
    }
    path = write_sheet(example_sheet(sections=[section]))
    with pytest.raises(TableTooWide) as caught:
        build_sheet(path, created=CREATED)
    assert caught.value.problems
    assert {problem.file for problem in caught.value.problems} == {path}

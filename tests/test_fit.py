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


def fill_at(found: Loaded, page: PageLayout, columns: int, spacing: float) -> float:
    """The body's fill at the chosen size with this spacing between blocks."""
    trial = _attempt(found.sheet, found.theme, found.family, page.body_size, spacing, columns, None)
    assert trial.flow.fits
    return trial.quality.fill


# name, columns, body size (pt), layouts tried, spacing between blocks; and why.
CHOICES = [
    # The seed: the estimate starts at the answer and the body reaches 99% down the page: one
    # trial, normal spacing.
    ("colorado", 2, 9.0, 1, "normal"),
    # In two columns the estimate starts too large: 11, 10.75 and 10.5 pt overflow, 10.25
    # fits (four trials), but its six-row table, kept whole, leaves the first column ten lines
    # short. Three columns end level, at 11.5 pt where 11.75 overflows: one more trial.
    ("at-the-limit", 3, 11.5, 5, "normal"),
    # The estimate starts too small (10.75 pt leaves the page emptier): the search steps up to
    # 12.5, where 12.75 overflows; two more trials ask two columns at 13 pt, which cannot
    # fill the page.
    ("county-map", 1, 12.5, 10, "normal"),
    # Two columns cannot fill an A4 page even at 13 pt: one column, one step up to 11.75.
    ("a4-sheet", 1, 11.75, 4, "normal"),
    # One step up from the estimate, then 13 pt overflows: two trials.
    ("labour-table", 2, 12.75, 2, "normal"),
    # Short lists: two (or three) half-empty columns lose to one column at the largest type.
    # The largest spacing overfills the page, so the spacing is aimed between the two.
    ("lists-only", 1, 13.0, 7, "grown"),
    ("source-urls", 1, 13.0, 5, "grown"),
    # Too little text for the page: one column, and the largest spacing, no more.
    ("sparse-ranking", 1, 13.0, 6, "largest"),
    ("four-long-cards", 1, 13.0, 4, "largest"),
    ("logo-sheet", 1, 13.0, 4, "largest"),
]


@pytest.mark.parametrize(
    ("name", "columns", "size", "trials", "spacing"), CHOICES, ids=[c[0] for c in CHOICES]
)
def test_the_largest_type_that_fits_is_chosen(
    name: str, columns: int, size: float, trials: int, spacing: str
) -> None:
    found = loaded(name)
    page = lay_out(found.sheet, found.theme, found.family)
    quality = page.quality
    assert quality is not None
    assert (page.body_size, body_columns(page), quality.body_size) == (size, columns, size)
    # Each size is laid out once, and the search stops when it has the answer.
    assert page.trials == trials
    assert fits(found, size, columns)
    larger = size + SIZE_STEP
    if larger <= found.theme.maximum_size and quality.fill < FILL_TARGET + 0.05:
        assert not fits(found, larger, columns)
    normal = fill_at(found, page, columns, 1.0)
    if spacing == "normal":
        assert quality.fill == pytest.approx(normal, abs=1e-9)
    elif spacing == "largest":
        assert quality.fill == pytest.approx(fill_at(found, page, columns, MAX_SPACING), abs=1e-9)
        assert normal < quality.fill
    else:
        assert normal < FILL_TARGET
        assert normal + 0.05 < quality.fill <= 1.0
        assert quality.fill >= FILL_AIM


def test_the_seed_at_one_step_larger_overflows() -> None:
    # 9 pt is not a search accident: one step larger overflows two columns.
    assert not fits(loaded("colorado"), 9.25, 2)


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

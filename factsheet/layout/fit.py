"""Fit a sheet on one page: the largest type size at which everything fits, or a clear error."""

from __future__ import annotations

from dataclasses import replace

from factsheet.content.model import Sheet
from factsheet.errors import LayoutOverflowError, Problem
from factsheet.layout.blocks import Piece, section_pieces
from factsheet.layout.columns import Flow, Region, place_body
from factsheet.layout.estimate import cannot_fit, start_index
from factsheet.layout.flowables import WrapCache, paragraph
from factsheet.layout.frame import place_cards, place_footer, place_header
from factsheet.layout.page import PageLayout
from factsheet.layout.roles import Tag
from factsheet.layout.styles import Styles, make_styles
from factsheet.layout.table_fit import TableTooWide
from factsheet.theme.fonts import FontFamily
from factsheet.theme.model import Theme

SIZE_STEP = 0.25
GUTTER = 22.0


def lay_out(
    sheet: Sheet,
    theme: Theme,
    family: FontFamily,
    *,
    columns: int = 2,
    cache: WrapCache | None = None,
) -> PageLayout:
    """The largest type size, from the theme's body size down to its minimum, that fits."""
    hopeless = cannot_fit(sheet, theme)
    if hopeless is not None:
        raise LayoutOverflowError(hopeless)
    steps = round((theme.body_size - theme.minimum_size) / SIZE_STEP)
    sizes = [theme.body_size - i * SIZE_STEP for i in range(steps + 1)]
    attempts: dict[int, tuple[PageLayout, Flow]] = {}
    # The estimate needs the largest size's frame; the trial at that size reuses it.
    frames = {0: _frame(sheet, theme, family, sizes[0], columns, cache)}

    too_wide: dict[int, TableTooWide] = {}

    def fits(index: int) -> bool:
        if index in too_wide:
            return False
        if index not in attempts:
            frame = frames.pop(index, None) or _frame(
                sheet, theme, family, sizes[index], columns, cache
            )
            try:
                attempts[index] = _attempt(sheet, theme, *frame)
            except TableTooWide as error:  # smaller type may still fit the figures
                too_wide[index] = error
                return False
        return attempts[index][1].fits

    # Smaller type never needs more room. Start at an estimate and step to the largest size
    # that fits: usually two trials instead of one per size.
    _, region, styles = frames[0]
    index = start_index(sheet, styles, region, sizes)
    if fits(index):
        while index > 0 and fits(index - 1):
            index -= 1
        return _settled(attempts[index][0])
    while index + 1 < len(sizes):
        index += 1
        if fits(index):
            return _settled(attempts[index][0])
    if index in too_wide:
        raise TableTooWide([replace(p, file=sheet.file) for p in too_wide[index].problems])
    page, flow = attempts[index]
    raise _overflow(_rewrapped(page), flow, sheet, theme, family, sizes[index])


def _settled(page: PageLayout) -> PageLayout:
    """Wrap every placed flowable again at its own width, ready to draw.

    Trials share flowables, and a later trial may have split one (ReportLab then drops its
    lines) or wrapped it at another width; drawing uses whatever the last wrap left.
    """
    for item in page.items:
        _, height = item.flowable.wrap(item.width, page.height)
        if abs(height - item.height) > 0.01:
            raise AssertionError(f"{item.origin}: height changed from {item.height} to {height}")
    return page


def _rewrapped(page: PageLayout) -> PageLayout:
    """The attempt that did not fit, every flowable wrapped again at its width, ready to draw."""
    for item in page.items:
        item.flowable.wrap(item.width, page.height)
    return page


def _frame(
    sheet: Sheet,
    theme: Theme,
    family: FontFamily,
    size: float,
    columns: int,
    cache: WrapCache | None,
) -> tuple[PageLayout, Region, Styles]:
    """Header, cards and footer placed at this size, and the region left for the columns."""
    styles = make_styles(theme, family, size, cache)
    width, height = theme.page_size
    margins = theme.margins
    page = PageLayout(width, height, size)
    content_width = width - margins.left - margins.right

    y = place_header(page, sheet, theme, styles, content_width)
    if sheet.highlights:
        y = place_cards(page, sheet, theme, styles, content_width, y - 14) - 4
    footer_top = place_footer(page, sheet, theme, styles, content_width)
    region_top = y - 16
    column_width = (content_width - GUTTER * (columns - 1)) / columns
    region = Region(
        lefts=tuple(margins.left + i * (column_width + GUTTER) for i in range(columns)),
        width=column_width,
        top=region_top,
        height=region_top - footer_top - 10,
        min_after_heading=styles.body.leading * 3,
    )
    return page, region, styles


def _attempt(
    sheet: Sheet, theme: Theme, page: PageLayout, region: Region, styles: Styles
) -> tuple[PageLayout, Flow]:
    """The body poured into the frame's columns at the frame's type size."""
    column_width = region.width

    # The intro leads the first column: full-width lines would run past a comfortable measure.
    # Every pour of this trial reuses these flowables; _settled re-wraps the winners to draw.
    intro = [
        Piece(
            paragraph(p.text, styles.intro, theme, styles.cache),
            f"intro[{i}]",
            Tag("P", p.text.field),
        )
        for i, p in enumerate(sheet.intro)
    ]
    per_section = [
        section_pieces(section, styles, theme, column_width) for section in sheet.sections
    ]

    def sections(start: int = 0, stop: int | None = None) -> list[Piece]:
        return (intro if start == 0 else []) + [
            piece for pieces in per_section[start:stop] for piece in pieces
        ]

    flow = place_body(sections, len(sheet.sections), region)
    page.items += flow.placed
    return page, flow


class PageOverflow(LayoutOverflowError):
    """Too much content, with what was tried: the page at the smallest type and what was left.

    Enough to draw the page and, apart, what did not fit (pdf.overflow.overflow_png).
    """

    def __init__(
        self,
        problem: Problem,
        page: PageLayout,
        leftover: list[Piece],
        column_width: float,
        sheet: Sheet,
        theme: Theme,
        family: FontFamily,
    ) -> None:
        super().__init__(problem)
        self.page = page
        self.leftover = leftover
        self.column_width = column_width
        self.sheet = sheet
        self.theme = theme
        self.family = family


def _overflow(
    page: PageLayout, flow: Flow, sheet: Sheet, theme: Theme, family: FontFamily, size: float
) -> PageOverflow:
    excess = flow.overflow_height()
    origins = list(dict.fromkeys(piece.origin for piece in flow.leftover))
    hint = "shorten the text, or drop a block, section or highlight"
    if theme.minimum_size > 8:
        hint += f"; the theme's type.minimum ({theme.minimum_size:g} pt) could go down to 8"
    problem = Problem(
        f"content does not fit on one page: about {excess:.0f} pt ({excess / 72:.1f} in) "
        f"too long at the smallest type size ({size:g} pt); did not fit: " + "; ".join(origins),
        sheet.file,
        hint=hint,
    )
    return PageOverflow(problem, page, list(flow.leftover), flow.region.width, sheet, theme, family)

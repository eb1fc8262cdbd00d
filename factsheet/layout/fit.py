"""Fit a sheet on one page: candidate compositions, scored, the best one drawn; or a clear error.

Candidates vary the body type (theme type.minimum to type.maximum, headings and cards scaling
with it), the spacing between blocks, and the number of columns. Each is laid out and measured
with factsheet.quality (fill, column balance, broken words, split tables, wrapped card values,
type size); the one with the fewest demerits wins. The search starts from an estimate and
stops as soon as it has the answer, so a common sheet needs one or two trials per size.
"""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from factsheet.content.model import BulletList, Sheet
from factsheet.errors import LayoutOverflowError
from factsheet.layout.bands import place_in_bands, segments
from factsheet.layout.blocks import Piece, section_pieces
from factsheet.layout.columns import Flow, Region, place_body
from factsheet.layout.estimate import cannot_fit, start_index
from factsheet.layout.flowables import paragraph
from factsheet.layout.frame import place_cards, place_footer, place_header
from factsheet.layout.justify import level_columns
from factsheet.layout.overflow import PageOverflow as PageOverflow
from factsheet.layout.overflow import overflow_error, rewrapped
from factsheet.layout.page import PageLayout
from factsheet.layout.quality_facts import page_facts
from factsheet.layout.shows import Part, Shows
from factsheet.layout.styles import Styles, make_styles
from factsheet.layout.table_fit import TableTooWide
from factsheet.layout.wrapcache import WrapCache
from factsheet.quality.measure import BALANCE_TARGET, FILL_TARGET, Quality, badness, measure
from factsheet.theme.fonts import FontFamily
from factsheet.theme.model import Theme

SIZE_STEP = 0.25
GUTTER = 22.0
MAX_SPACING = 2.2
"""Spacing grows to fill the page up to this multiple of the normal space between blocks."""
FILL_AIM = 0.93


class Trial(Struct):
    page: PageLayout
    flow: Flow
    region: Region
    styles: Styles
    quality: Quality

    @property
    def fits(self) -> bool:
        return self.flow.fits

    @property
    def badness(self) -> float:
        return badness(self.quality)


class _Search:
    """Every trial of one sheet, memoised by (columns, size, spacing)."""

    def __init__(
        self, sheet: Sheet, theme: Theme, family: FontFamily, cache: WrapCache | None
    ) -> None:
        self.sheet, self.theme, self.family, self.cache = sheet, theme, family, cache
        steps = round((theme.maximum_size - theme.minimum_size) / SIZE_STEP)
        self.sizes = [theme.maximum_size - i * SIZE_STEP for i in range(steps + 1)]
        self.trials: dict[tuple[int, float, float], Trial | TableTooWide] = {}

    def trial(self, columns: int, index: int, spacing: float = 1.0) -> Trial:
        """The layout at this size and spacing; TableTooWide when a table cannot hold its
        figures at this size (a smaller one may)."""
        key = (columns, self.sizes[index], round(spacing, 3))
        if key not in self.trials:
            try:
                self.trials[key] = _attempt(
                    self.sheet,
                    self.theme,
                    self.family,
                    self.sizes[index],
                    spacing,
                    columns,
                    self.cache,
                )
            except TableTooWide as error:
                self.trials[key] = error
        found = self.trials[key]
        if isinstance(found, TableTooWide):
            raise found
        return found

    def fits(self, columns: int, index: int, spacing: float = 1.0) -> bool:
        try:
            return self.trial(columns, index, spacing).fits
        except TableTooWide:
            return False

    def best_for(self, columns: int) -> Trial | None:
        """The largest type that fits in this many columns, its spacing grown to fill.

        The estimate picks the first size to try. When that trial fits and already fills the
        page, a size one step larger could gain little, so it is taken: one trial.
        """
        _, region, styles = _frame(
            self.sheet, self.theme, self.family, self.sizes[0], 1.0, columns, self.cache
        )
        index = start_index(self.sheet, styles, region, self.sizes)
        if self.fits(columns, index):
            while (
                index > 0
                and self.trial(columns, index).quality.fill < FILL_TARGET + 0.05
                and self.fits(columns, index - 1)
            ):
                index -= 1
        else:
            while index + 1 < len(self.sizes) and not self.fits(columns, index):
                index += 1
            if not self.fits(columns, index):
                return None
        return self._filled(columns, index, self.trial(columns, index))

    def _filled(self, columns: int, index: int, trial: Trial) -> Trial:
        """More space between blocks, evenly, until the body reaches well down the page."""
        fill = trial.quality.fill
        if fill >= FILL_TARGET + 0.03 or fill <= 0:
            return trial
        try:
            wide = self.trial(columns, index, MAX_SPACING)
        except TableTooWide:
            return trial
        if wide.fits and wide.quality.fill <= FILL_AIM + 0.04:
            return wide if wide.badness <= trial.badness else trial
        # Fill grows about linearly with the spacing: aim between the two measurements.
        growth = (wide.quality.fill - fill) / (MAX_SPACING - 1.0)
        spacing = 1.0 + (FILL_AIM - fill) / growth if growth > 0 else 1.0
        spacing = min(MAX_SPACING, max(1.0, round(spacing, 2)))
        best = trial
        while spacing > 1.0:
            if self.fits(columns, index, spacing):
                grown = self.trial(columns, index, spacing)
                if grown.badness <= best.badness:
                    best = grown
                break
            spacing = round(spacing - 0.15, 2)
        return best


def lay_out(
    sheet: Sheet,
    theme: Theme,
    family: FontFamily,
    *,
    columns: int | None = None,
    cache: WrapCache | None = None,
) -> PageLayout:
    """The candidate with the fewest demerits that fits, ready to draw; deterministic."""
    hopeless = cannot_fit(sheet, theme)
    if hopeless is not None:
        raise LayoutOverflowError(hopeless)
    search = _Search(sheet, theme, family, cache)
    best = search.best_for(columns or 2)
    if columns is None:
        for count in _other_column_counts(sheet, best):
            other = search.best_for(count)
            if other is not None and (best is None or other.badness < best.badness):
                best = other
    if best is None:
        try:
            smallest = search.trial(columns or 2, len(search.sizes) - 1)
        except TableTooWide as error:
            raise TableTooWide([replace(p, file=sheet.file) for p in error.problems]) from None
        raise overflow_error(
            rewrapped(smallest.page), smallest.flow, sheet, theme, family, search.sizes[-1]
        )
    page = best.page
    page.quality = best.quality
    page.trials = len(search.trials)
    return _settled(page)


def _other_column_counts(sheet: Sheet, two: Trial | None) -> list[int]:
    """One column for a sparse sheet two columns cannot fill; three for a sheet of lists, or
    for one whose two columns cannot end level (a block kept whole, such as a short table,
    that leaves one column's foot empty: narrower columns move less at a time)."""
    counts = []
    if two is not None and two.quality.fill < FILL_TARGET:
        counts.append(1)
    blocks = [block for section in sheet.sections for block in section.body]
    lists_only = blocks and all(isinstance(block, BulletList) for block in blocks)
    # Only a page two columns fill can gain from three: a sparse one goes to one instead.
    uneven = (
        two is not None
        and two.quality.fill >= FILL_TARGET
        and two.quality.balance_lines > BALANCE_TARGET
    )
    if (lists_only and not sheet.intro) or uneven:
        counts.append(3)
    return counts


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


def _attempt(
    sheet: Sheet,
    theme: Theme,
    family: FontFamily,
    size: float,
    spacing: float,
    columns: int,
    cache: WrapCache | None,
) -> Trial:
    """Header, cards and footer at this size, and the body poured into the columns between."""
    page, region, styles = _frame(sheet, theme, family, size, spacing, columns, cache)
    margins = theme.margins
    content_width = page.width - margins.left - margins.right
    column_width = region.width
    # The intro leads the first column: full-width lines would run past a comfortable measure.
    intro = []
    for i, block in enumerate(sheet.intro):
        shows = Shows(Part.PARAGRAPH, block)
        made = paragraph(block.text, styles.intro, theme, styles.cache, shows)
        intro.append(Piece(made, f"intro[{i}]", shows))
    per_section = [
        section_pieces(section, styles, theme, column_width, content_width)
        for section in sheet.sections
    ]

    def sections(start: int = 0, stop: int | None = None) -> list[Piece]:
        return (intro if start == 0 else []) + [
            piece for pieces in per_section[start:stop] for piece in pieces
        ]

    runs = segments(sections(0, None), column_width)
    if any(run.full_width for run in runs):
        flow = place_in_bands(runs, region, margins.left, content_width, styles.body.spaceAfter)
    else:
        flow = place_body(sections, len(sheet.sections), region)
    flow = level_columns(flow, region.lefts, region.width, region.line)
    # Reading order: the body comes before the footer placed with the frame.
    page.items[page.body_index : page.body_index] = flow.placed
    quality = measure(page_facts(page, flow, styles, region))
    return Trial(page, flow, region, styles, quality)


def _frame(
    sheet: Sheet,
    theme: Theme,
    family: FontFamily,
    size: float,
    spacing: float,
    columns: int,
    cache: WrapCache | None,
) -> tuple[PageLayout, Region, Styles]:
    """Header, cards and footer placed at this size, and the region left for the columns."""
    styles = make_styles(theme, family, size, cache, lang=sheet.lang, spacing=spacing)
    width, height = theme.page_size
    margins = theme.margins
    page = PageLayout(width, height, size)
    content_width = width - margins.left - margins.right
    column_width = (content_width - GUTTER * (columns - 1)) / columns
    y = place_header(page, sheet, theme, styles, content_width)
    if sheet.highlights:
        y = place_cards(page, sheet, theme, styles, content_width, y - 14, column_width) - 4
    page.body_index = len(page.items)
    footer_top = place_footer(page, sheet, theme, styles, content_width)
    region_top = y - 16
    region = Region(
        lefts=tuple(margins.left + i * (column_width + GUTTER) for i in range(columns)),
        width=column_width,
        top=region_top,
        height=region_top - footer_top - 10,
        min_after_heading=styles.body.leading * 3,
        line=styles.body.leading,
    )
    return page, region, styles

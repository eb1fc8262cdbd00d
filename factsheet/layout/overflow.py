"""What a sheet too long for its page raises: the message naming the sections that did not
fit, and the page as far as it went (for the overflow picture)."""

from __future__ import annotations

from factsheet.content.model import Sheet
from factsheet.errors import LayoutOverflowError, Problem
from factsheet.layout.blocks import Piece
from factsheet.layout.columns import Flow
from factsheet.layout.page import PageLayout
from factsheet.theme.fonts import FontFamily
from factsheet.theme.model import Theme


def rewrapped(page: PageLayout) -> PageLayout:
    """The attempt that did not fit, every flowable wrapped again at its width, ready to draw."""
    for item in page.items:
        item.flowable.wrap(item.width, page.height)
    return page


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


def overflow_error(
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

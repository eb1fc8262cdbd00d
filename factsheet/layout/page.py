"""What layout produces: everything to draw on the one page, in drawing order."""

from __future__ import annotations

from msgspec import Struct, field
from reportlab.platypus import Flowable

from factsheet.layout.columns import Placed
from factsheet.quality.measure import Quality
from factsheet.theme.logo import draw_logo
from factsheet.theme.model import Logo as ThemeLogo


class Box(Struct, frozen=True):
    """A filled rectangle: decoration, not content."""

    x: float
    y: float
    width: float
    height: float
    color: str


class Rule(Struct, frozen=True):
    x1: float
    y1: float
    x2: float
    y2: float
    thickness: float
    color: str


class Logo(Struct, frozen=True):
    x: float
    y: float
    width: float
    height: float


class LogoFlowable(Flowable):  # type: ignore[misc]
    """The theme's logo, scaled into its box."""

    def __init__(self, logo: ThemeLogo, width: float, height: float, font_name: str) -> None:
        super().__init__()
        self.logo = logo
        self.width, self.height = width, height
        self.font_name = font_name

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_logo(self.canv, self.logo, (0, 0, self.width, self.height), self.font_name)


class PageLayout(Struct):
    """Everything to draw on the page, with the type size that fitted.

    `items` are in reading order, and drawn in that order (see layout/shows.py).
    """

    width: float
    height: float
    body_size: float
    boxes: list[Box] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    logo: Logo | None = None
    items: list[Placed] = field(default_factory=list)
    wrapped_card_values: int = 0
    """Card values that needed a second line (none, when the cards could be set right)."""
    trials: int = 0
    """How many candidate layouts the search laid out to choose this one."""
    quality: Quality | None = None
    """How the chosen layout measures (fill, balance, ...), set by the layout search."""
    body_index: int = 0
    """Where the body's items go among the frame's (after the cards, before the footer)."""

"""What layout produces: everything to draw on the one page, in drawing order."""

from __future__ import annotations

from dataclasses import dataclass, field

from factsheet.layout.columns import Placed
from factsheet.quality.measure import Quality


@dataclass(frozen=True)
class Box:
    """A filled rectangle: decoration, not content."""

    x: float
    y: float
    width: float
    height: float
    color: str


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    thickness: float
    color: str


@dataclass(frozen=True)
class Logo:
    x: float
    y: float
    width: float
    height: float


@dataclass
class PageLayout:
    """Everything to draw on the page, in drawing order, with the type size that fitted."""

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

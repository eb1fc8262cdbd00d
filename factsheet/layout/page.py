"""What layout produces: everything to draw on the one page, in drawing order."""

from __future__ import annotations

from dataclasses import dataclass, field

from factsheet.layout.columns import Placed


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

"""The theme as frozen data: what the loader produces and layout and render read."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from msgspec import Struct

from factsheet.theme.contrast import NON_TEXT_CONTRAST, WHITE, darkened_to

if TYPE_CHECKING:  # annotations only: the CLI reads PAGE_SIZES without loading ReportLab
    from factsheet.theme.fonts import FontFiles

STYLES = ("regular", "bold", "italic", "bold_italic")
"""The four faces of a font family, as a theme names them."""

PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
COLOR_NAMES = ("primary", "accent", "text", "muted", "tint", "on_primary")
LENGTH_PATTERN = r"^\s*(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)?\s*$"
_LENGTH = re.compile(LENGTH_PATTERN)
_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}


class Colors(Struct, frozen=True):
    primary: str
    accent: str
    text: str
    muted: str
    tint: str
    on_primary: str

    @property
    def marker(self) -> str:
        """Bullets and rules on white paper: the accent, darkened until it can be seen (3:1)."""
        return darkened_to(self.accent, WHITE, NON_TEXT_CONTRAST)


class Logo(Struct, frozen=True):
    file: Path
    alt: str


class Margins(Struct, frozen=True):
    top: float
    right: float
    bottom: float
    left: float


class Theme(Struct, frozen=True):
    """Everything about a sheet's look that is not content."""

    name: str
    page_size_name: str
    page_size: tuple[float, float]
    margins: Margins
    colors: Colors
    fonts: FontFiles
    body_size: float
    minimum_size: float
    organization: str
    footer: str
    logo: Logo | None
    file: Path
    qr: str | None = None
    maximum_size: float = 13.0
    """The largest body type the layout may choose to fill the page."""
    cmyk: dict[str, tuple[float, float, float, float]] = msgspec.field(default_factory=dict)
    """Exact CMYK (0..1) for some colours, keyed by their "#RRGGBB"; others follow a rule."""


def parse_length(value: float | str) -> float:
    """Points from a number (already points) or text such as '0.5in' or '12mm'."""
    if isinstance(value, int | float):
        return float(value)
    match = _LENGTH.match(value)
    if not match:
        raise ValueError(f"not a length: {value!r}")
    return float(match.group(1)) * _UNITS[match.group(2) or "pt"]

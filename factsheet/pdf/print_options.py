"""Print and output options, kept as data in one place: page size, bleed, marks, CMYK, tags."""

from __future__ import annotations

import msgspec.structs
from msgspec import Struct

from factsheet.errors import FactsheetError, Problem
from factsheet.theme.model import PAGE_SIZES, Theme, parse_length

# Room outside the bleed for crop marks: a 3 pt gap, then 12 pt of mark, then 3 pt of edge.
CROP_MARK_GAP = 3.0
CROP_MARK_LENGTH = 12.0
CROP_MARK_SPACE = CROP_MARK_GAP + CROP_MARK_LENGTH + 3.0
MAX_BLEED = 36.0


class PrintOptions(Struct, frozen=True):
    """How to print a sheet; the defaults give a plain page for screens and office printers."""

    page_size: str | None = None
    """letter or a4; None keeps the theme's."""
    bleed: float = 0.0
    """Points of art beyond the trim on every side, for print shops."""
    crop_marks: bool = False
    cmyk: bool = False
    tagged: bool = True
    """A tagged, PDF/UA-1 file (structure tree, marked content, XMP); off: a plain PDF."""

    @property
    def offset(self) -> float:
        """Where the trimmed page starts inside the PDF's MediaBox."""
        return self.bleed + (CROP_MARK_SPACE if self.crop_marks else 0.0)

    def apply(self, theme: Theme) -> Theme:
        """The theme with this page size, so that layout re-flows for it (never scales)."""
        if self.page_size is None or self.page_size == theme.page_size_name:
            return theme
        return msgspec.structs.replace(
            theme, page_size_name=self.page_size, page_size=PAGE_SIZES[self.page_size]
        )


PLAIN = PrintOptions()


def warnings(theme: Theme, options: PrintOptions) -> list[Problem]:
    """What the options cannot honour, for the user to know before sending the file out."""
    found = []
    if options.cmyk and theme.logo and theme.logo.file.suffix.lower() != ".svg":
        found.append(
            Problem(
                "the logo is a raster image and stays RGB under --cmyk",
                theme.logo.file,
                hint="use an SVG logo for an all-CMYK file",
                severity="warning",
            )
        )
    return found


def parse_bleed(text: str) -> float:
    """Points from '0.125in', '3mm', '9pt' or a bare number of points; at most half an inch."""
    try:
        points = parse_length(text)
    except ValueError:
        raise FactsheetError(
            Problem(f"--bleed: {text!r} is not a length", hint="write e.g. 0.125in, 3mm or 9pt")
        ) from None
    if points > MAX_BLEED:
        raise FactsheetError(
            Problem(f"--bleed: {text} is more than {MAX_BLEED / 72:g} in; print shops ask for 3 mm")
        )
    return points

"""The type scale: every paragraph style of a sheet, derived from one body size and the theme."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from factsheet.layout.flowables import WrapCache
from factsheet.layout.scriptruns import with_fonts
from factsheet.theme.fonts import FontFamily
from factsheet.theme.model import Theme


@dataclass(frozen=True)
class Styles:
    body_size: float
    body: ParagraphStyle
    intro: ParagraphStyle
    heading: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    number_cell: ParagraphStyle
    header_cell: ParagraphStyle
    bullet: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    organization: ParagraphStyle
    highlight_value: ParagraphStyle
    highlight_label: ParagraphStyle
    footer: ParagraphStyle
    footer_right: ParagraphStyle
    chart_label: ParagraphStyle
    chart_label_centered: ParagraphStyle
    cache: WrapCache | None = None
    """Measurements shared across trials and sheets (see flowables.WrapCache)."""


CARD_VALUE_SIZE = 23.0
CARD_LABEL_SIZE = 8.0


def make_styles(
    theme: Theme, family: FontFamily, body_size: float, cache: WrapCache | None = None
) -> Styles:
    """Styles for one trial body size; everything small is held at the theme's minimum."""
    colors = theme.colors
    minimum = theme.minimum_size
    small = max(minimum, body_size - 1)
    base = ParagraphStyle(
        "body",
        fontName=family.regular,
        fontSize=body_size,
        leading=body_size * 1.28,
        textColor=HexColor(colors.text),
        spaceAfter=body_size * 0.55,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    def line(name: str, font: str, size: float, color: str, **changes: object) -> ParagraphStyle:
        """A style for one tight block (a cell, a label, a title): no space after it."""
        settings: dict[str, object] = {
            "fontName": font,
            "fontSize": size,
            "leading": size * 1.22,
            "textColor": HexColor(color),
            "spaceAfter": 0,
        }
        return derive(name, **(settings | changes))

    heading_size = body_size * 1.3
    cell_size = max(minimum, body_size - 0.5)
    bold, regular = family.bold, family.regular
    styles = Styles(
        cache=cache,
        body_size=body_size,
        body=base,
        intro=derive("intro", fontSize=body_size + 0.5, leading=(body_size + 0.5) * 1.3),
        heading=derive(
            "heading",
            fontName=family.bold,
            fontSize=heading_size,
            leading=heading_size * 1.12,
            textColor=HexColor(colors.primary),
            spaceBefore=body_size * 0.9,
            spaceAfter=body_size * 0.4,
            keepWithNext=1,
        ),
        caption=derive("caption", spaceAfter=body_size * 0.35),
        cell=line("cell", regular, cell_size, colors.text),
        number_cell=line("number_cell", bold, cell_size, colors.primary, alignment=TA_RIGHT),
        header_cell=line("header_cell", bold, cell_size, colors.on_primary),
        bullet=derive(
            "bullet",
            leftIndent=body_size * 1.1,
            bulletIndent=body_size * 0.2,
            bulletFontName=family.bold,
            bulletColor=HexColor(colors.accent),
            spaceAfter=body_size * 0.25,
        ),
        title=line("title", bold, 15, colors.on_primary),
        subtitle=line("subtitle", bold, 30, colors.accent, leading=33),
        organization=line("organization", regular, small, colors.on_primary),
        # The cards belong to the page's frame, like the title: their type does not shrink
        # with the body's, so they read the same on every sheet of a series.
        highlight_value=line(
            "highlight_value",
            bold,
            CARD_VALUE_SIZE,
            colors.primary,
            leading=CARD_VALUE_SIZE * 1.08,
            spaceAfter=2,
        ),
        highlight_label=line(
            "highlight_label", regular, max(minimum, CARD_LABEL_SIZE), colors.text
        ),
        footer=line("footer", regular, minimum, colors.muted),
        footer_right=line("footer_right", regular, minimum, colors.muted, alignment=TA_RIGHT),
        chart_label=line("chart_label", regular, cell_size, colors.text),
        chart_label_centered=line(
            "chart_label_centered", regular, cell_size, colors.text, alignment=TA_CENTER
        ),
    )
    if family.fallbacks:
        for value in vars(styles).values():
            if isinstance(value, ParagraphStyle):
                with_fonts(value, family)
    return styles

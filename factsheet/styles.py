"""The type scale: every paragraph style of a sheet, derived from one body size and the theme."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from factsheet.fonts import FontFamily
from factsheet.theme import Theme


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


def make_styles(theme: Theme, family: FontFamily, body_size: float) -> Styles:
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

    heading_size = body_size * 1.3
    cell_size = max(minimum, body_size - 0.5)
    return Styles(
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
        cell=derive("cell", fontSize=cell_size, leading=cell_size * 1.2, spaceAfter=0),
        number_cell=derive(
            "number_cell",
            fontName=family.bold,
            fontSize=cell_size,
            leading=cell_size * 1.2,
            alignment=TA_RIGHT,
            textColor=HexColor(colors.primary),
            spaceAfter=0,
        ),
        header_cell=derive(
            "header_cell",
            fontName=family.bold,
            fontSize=cell_size,
            leading=cell_size * 1.2,
            textColor=HexColor(colors.on_primary),
            spaceAfter=0,
        ),
        bullet=derive(
            "bullet",
            leftIndent=body_size * 1.1,
            bulletIndent=body_size * 0.2,
            bulletFontName=family.bold,
            bulletColor=HexColor(colors.accent),
            spaceAfter=body_size * 0.25,
        ),
        title=derive(
            "title",
            fontName=family.bold,
            fontSize=15,
            leading=18,
            textColor=HexColor(colors.on_primary),
            spaceAfter=0,
        ),
        subtitle=derive(
            "subtitle",
            fontName=family.bold,
            fontSize=30,
            leading=33,
            textColor=HexColor(colors.accent),
            spaceAfter=0,
        ),
        organization=derive(
            "organization",
            fontSize=small,
            leading=small * 1.25,
            alignment=TA_RIGHT,
            textColor=HexColor(colors.on_primary),
            spaceAfter=0,
        ),
        highlight_value=derive(
            "highlight_value",
            fontName=family.bold,
            fontSize=body_size * 2.6,
            leading=body_size * 2.8,
            textColor=HexColor(colors.primary),
            spaceAfter=body_size * 0.2,
        ),
        highlight_label=derive(
            "highlight_label",
            fontSize=small,
            leading=small * 1.22,
            textColor=HexColor(colors.text),
            spaceAfter=0,
        ),
        footer=derive(
            "footer",
            fontSize=minimum,
            leading=minimum * 1.25,
            textColor=HexColor(colors.muted),
            alignment=TA_LEFT,
            spaceAfter=0,
        ),
        footer_right=derive(
            "footer_right",
            fontSize=minimum,
            leading=minimum * 1.25,
            textColor=HexColor(colors.muted),
            alignment=TA_RIGHT,
            spaceAfter=0,
        ),
    )

"""The type scale: every paragraph style of a sheet, derived from one body size and the theme."""

from __future__ import annotations

import msgspec.structs
from msgspec import Struct
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from factsheet.layout.hyphenation import hyphenator
from factsheet.layout.scriptruns import with_fonts
from factsheet.layout.wrapcache import WrapCache
from factsheet.theme.fonts import FontFamily
from factsheet.theme.model import Theme


class Styles(Struct, frozen=True):
    body_size: float
    body: ParagraphStyle
    intro: ParagraphStyle
    heading: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    number_cell: ParagraphStyle
    header_cell: ParagraphStyle
    header_number_cell: ParagraphStyle
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
    spacing: float = 1.0
    lang: str = "en-US"
    """The sheet's language: where words may be hyphenated."""
    """How much the space between blocks and sections is grown to fill the page."""


CARD_VALUE_SIZE = 23.0
CARD_LABEL_SIZE = 8.0


def card_value_size(body_size: float) -> float:
    """Card values scale with the body type, from 20 pt (small body) to 28 pt."""
    return min(28.0, max(20.0, CARD_VALUE_SIZE * body_size / 10))


def make_styles(
    theme: Theme,
    family: FontFamily,
    body_size: float,
    cache: WrapCache | None = None,
    *,
    lang: str = "en-US",
    spacing: float = 1.0,
) -> Styles:
    """Styles for one trial body size and spacing; small type is held at the theme's minimum.

    The same styles for the same arguments when a cache is given (nothing changes a style
    once made), so what is remembered by style holds across trials and sheets.
    """
    key = (id(theme), family, body_size, lang, spacing)
    known = cache.styles.get(key) if cache is not None else None
    if known is not None and known[0] is theme:
        made: Styles = known[1]
        return made
    styles = _made_styles(theme, family, body_size, cache, lang, spacing)
    if cache is not None:
        if len(cache.styles) >= 64:
            cache.styles.clear()
            cache.lasting.clear()
        cache.styles[key] = (theme, styles)
        for style in _paragraph_styles(styles):
            cache.lasting[id(style)] = style
    return styles


def _made_styles(
    theme: Theme,
    family: FontFamily,
    body_size: float,
    cache: WrapCache | None,
    lang: str,
    spacing: float,
) -> Styles:
    colors = theme.colors
    minimum = theme.minimum_size
    small = max(minimum, body_size - 1)
    gap = body_size * spacing
    base = ParagraphStyle(
        "body",
        fontName=family.regular,
        fontSize=body_size,
        leading=body_size * 1.28,
        textColor=HexColor(colors.text),
        spaceAfter=gap * 0.55,
        allowWidows=0,
        allowOrphans=0,
        # A web address splits after a slash rather than leave most of a line empty.
        uriWasteReduce=0.3,
    )
    # Narrow table cells and chart labels hyphenate by the sheet's language rather than cut
    # a word; running text in a column has room enough and stays unhyphenated.
    hyphenate = hyphenator(lang) or ""

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
        spacing=spacing,
        lang=lang,
        body_size=body_size,
        body=base,
        intro=derive("intro", fontSize=body_size + 0.5, leading=(body_size + 0.5) * 1.3),
        heading=derive(
            "heading",
            fontName=family.bold,
            fontSize=heading_size,
            leading=heading_size * 1.12,
            textColor=HexColor(colors.primary),
            spaceBefore=gap * 0.9,
            spaceAfter=body_size * 0.4,
            keepWithNext=1,
        ),
        caption=derive("caption", spaceAfter=body_size * 0.35),
        cell=line("cell", regular, cell_size, colors.text, hyphenationLang=hyphenate),
        # Figures in tables take the body weight: bold stays for what the author marks.
        number_cell=line("number_cell", regular, cell_size, colors.text, alignment=TA_RIGHT),
        header_cell=line(
            "header_cell", bold, cell_size, colors.on_primary, hyphenationLang=hyphenate
        ),
        header_number_cell=line(
            "header_number_cell", bold, cell_size, colors.on_primary, alignment=TA_RIGHT
        ),
        bullet=derive(
            "bullet",
            leftIndent=body_size * 1.1,
            bulletIndent=body_size * 0.2,
            bulletFontName=family.bold,
            bulletColor=HexColor(colors.marker),
            spaceAfter=gap * 0.25,
        ),
        title=line("title", bold, 15, colors.on_primary),
        subtitle=line("subtitle", bold, 30, colors.accent, leading=33),
        organization=line("organization", regular, small, colors.on_primary),
        # Card values scale with the body; a row whose values would wrap is set smaller
        # together (frame.place_cards).
        highlight_value=line(
            "highlight_value",
            bold,
            card_value_size(body_size),
            colors.primary,
            leading=card_value_size(body_size) * 1.08,
            spaceAfter=2,
        ),
        highlight_label=line(
            "highlight_label",
            regular,
            max(minimum, CARD_LABEL_SIZE * body_size / 10),
            colors.text,
        ),
        footer=line("footer", regular, minimum, colors.muted),
        footer_right=line("footer_right", regular, minimum, colors.muted, alignment=TA_RIGHT),
        chart_label=line("chart_label", regular, cell_size, colors.text, hyphenationLang=hyphenate),
        chart_label_centered=line(
            "chart_label_centered", regular, cell_size, colors.text, alignment=TA_CENTER
        ),
    )
    if family.fallbacks:
        for style in _paragraph_styles(styles):
            with_fonts(style, family)
    return styles


def _paragraph_styles(styles: Styles) -> list[ParagraphStyle]:
    return [v for v in msgspec.structs.astuple(styles) if isinstance(v, ParagraphStyle)]

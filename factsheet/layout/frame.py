"""The page's fixed parts around the columns: header band, highlight cards and footer."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from factsheet.content.model import Sheet
from factsheet.layout.columns import Placed
from factsheet.layout.flowables import SheetParagraph, paragraph
from factsheet.layout.hyphenation import bind_figures
from factsheet.layout.page import Box, Logo, PageLayout, Rule
from factsheet.layout.qr import qr_drawing, shown_address
from factsheet.layout.roles import Tag
from factsheet.layout.styles import Styles
from factsheet.theme.logo import logo_size
from factsheet.theme.model import Theme

CARD_GAP = 10.0
CARD_PADDING = 9.0
ACCENT_BAR = 3.0
LOGO_HEIGHT = 44.0
QR_SIZE = 54.0


def place_header(
    page: PageLayout, sheet: Sheet, theme: Theme, styles: Styles, width: float
) -> float:
    """Draw the band with title, subtitle and organisation; return the band's bottom."""
    margins = theme.margins
    logo_width = 0.0
    if theme.logo:
        logo_w, logo_h = logo_size(theme.logo)
        logo_width = LOGO_HEIGHT * logo_w / logo_h
    text_width = width - (logo_width + 16 if logo_width else 0)
    top = page.height - margins.top
    blocks: list[tuple[Flowable, float, Tag]] = [
        (
            paragraph(sheet.title, styles.title, theme, styles.cache),
            0.0,
            Tag("H1", sheet.title.field),
        )
    ]
    if sheet.subtitle:
        subtitle = paragraph(sheet.subtitle, styles.subtitle, theme, styles.cache)
        blocks.append((subtitle, 3.0, Tag("P", sheet.subtitle.field)))
    y = top
    for flowable, gap, tag in blocks:
        _, h = flowable.wrap(text_width, page.height)
        y -= gap + h
        page.items.append(Placed(flowable, margins.left, y, text_width, h, "title", tag))
    organization = sheet.organization or theme.organization
    if organization and organization != sheet.title.plain:
        org = SheetParagraph(escape(organization), styles.organization)
        _, h = org.wrap(text_width, page.height)
        y -= 4 + h
        page.items.append(
            Placed(org, margins.left, y, text_width, h, "organization", Tag("P", "organization"))
        )
    bottom = y - 16
    if theme.logo:
        page.logo = Logo(
            margins.left + width - logo_width, top - LOGO_HEIGHT, logo_width, LOGO_HEIGHT
        )
        bottom = min(bottom, top - LOGO_HEIGHT - 16)
    page.boxes.insert(0, Box(0, bottom, page.width, page.height - bottom, theme.colors.primary))
    page.rules.append(Rule(0, bottom, page.width, bottom, 3, theme.colors.accent))
    return bottom


SMALLEST_CARD_VALUE = 16.0


def place_cards(
    page: PageLayout,
    sheet: Sheet,
    theme: Theme,
    styles: Styles,
    width: float,
    top: float,
    column_width: float,
) -> float:
    """Lay the highlight cards in one row (or two rows of two); return the cards' bottom.

    Every value stays on one line: a row whose values would wrap is set smaller, all its
    values alike. Four cards that would have to shrink too far go two by two. A lone card is
    as wide as a column, not stretched across the page.
    """
    count = len(sheet.highlights)
    per_row = count
    card_width = column_width if count == 1 else (width - CARD_GAP * (count - 1)) / count
    value_style = styles.highlight_value
    values = [bind_figures(h.value.plain) for h in sheet.highlights]
    size = _value_size(values, value_style.fontName, value_style.fontSize, card_width)
    if count == 4 and size < SMALLEST_CARD_VALUE:
        per_row = 2
        card_width = (width - CARD_GAP) / 2
        size = _value_size(values, value_style.fontName, value_style.fontSize, card_width)
    size = max(size, SMALLEST_CARD_VALUE * 0.75)
    if size < value_style.fontSize:
        value_style = ParagraphStyle(
            "highlight_value_row", parent=value_style, fontSize=size, leading=size * 1.08
        )
    inner = card_width - 2 * CARD_PADDING
    bottom = top
    for first in range(0, count, per_row):
        row = list(range(first, min(first + per_row, count)))
        bottom = _card_row(page, sheet, theme, styles, value_style, row, card_width, inner, top)
        top = bottom - CARD_GAP
    return bottom


def _value_size(values: list[str], font: str, size: float, card_width: float) -> float:
    """The largest size (at most `size`) at which every value fits the card on one line."""
    inner = card_width - 2 * CARD_PADDING - 1
    widest = max(stringWidth(value, font, size) for value in values)
    return size if widest <= inner else size * inner / widest


def _card_row(
    page: PageLayout,
    sheet: Sheet,
    theme: Theme,
    styles: Styles,
    value_style: ParagraphStyle,
    row: list[int],
    card_width: float,
    inner: float,
    top: float,
) -> float:
    contents = []
    for index in row:
        highlight = sheet.highlights[index]
        value = paragraph(highlight.value, value_style, theme, styles.cache)
        label = paragraph(highlight.label, styles.highlight_label, theme, styles.cache)
        _, value_h = value.wrap(inner, page.height)
        _, label_h = label.wrap(inner, page.height)
        if value_h > value_style.leading * 1.5:
            page.wrapped_card_values += 1
        contents.append((index, value, value_h, label, label_h))
    card_height = (
        ACCENT_BAR
        + 2 * CARD_PADDING
        + max(v_h + value_style.spaceAfter + l_h for _, _, v_h, _, l_h in contents)
    )
    bottom: float = top - card_height
    for slot, (index, value, value_h, label, label_h) in enumerate(contents):
        x = theme.margins.left + slot * (card_width + CARD_GAP)
        page.boxes.append(Box(x, bottom, card_width, card_height, theme.colors.tint))
        page.boxes.append(Box(x, top - ACCENT_BAR, card_width, ACCENT_BAR, theme.colors.accent))
        value_y = top - ACCENT_BAR - CARD_PADDING - value_h
        origin = f"highlights[{index}]"
        highlight = sheet.highlights[index]
        page.items.append(
            Placed(
                value,
                x + CARD_PADDING,
                value_y,
                inner,
                value_h,
                origin,
                Tag("P", highlight.value.field),
            )
        )
        label_y = value_y - value_style.spaceAfter - label_h
        page.items.append(
            Placed(
                label,
                x + CARD_PADDING,
                label_y,
                inner,
                label_h,
                origin,
                Tag("P", highlight.label.field),
            )
        )
    return bottom


def place_footer(
    page: PageLayout, sheet: Sheet, theme: Theme, styles: Styles, width: float
) -> float:
    """Source (left), organisation line and QR code (right) at the foot; return the rule's y."""
    margins = theme.margins
    bottom = margins.bottom
    right_edge = margins.left + width
    tallest = 0.0
    address = sheet.qr or theme.qr
    if address:
        right_edge, tallest = _place_qr(page, address, theme, styles, right_edge, bottom)
    right_text = " \u00b7 ".join(
        t for t in (sheet.organization or theme.organization, theme.footer) if t
    )
    available = right_edge - margins.left
    right_width = 0.0
    if right_text:
        natural = stringWidth(
            right_text, styles.footer_right.fontName, styles.footer_right.fontSize
        )
        right_width = min(natural + 1, available * 0.45)
    left_width = available - right_width - (12 if right_text else 0)
    if sheet.source:
        source = paragraph(sheet.source, styles.footer, theme, styles.cache)
        _, h = source.wrap(left_width, page.height)
        page.items.append(
            Placed(
                source, margins.left, bottom, left_width, h, "source", Tag("P", sheet.source.field)
            )
        )
        tallest = max(tallest, h)
    if right_text:
        right = SheetParagraph(escape(right_text), styles.footer_right)
        _, h = right.wrap(right_width, page.height)
        page.items.append(
            Placed(
                right,
                right_edge - right_width,
                bottom,
                right_width,
                h,
                "footer",
                Tag("P", "footer"),
            )
        )
        tallest = max(tallest, h)
    if not tallest:
        return bottom
    rule_y = bottom + tallest + 6
    page.rules.append(
        Rule(margins.left, rule_y, margins.left + width, rule_y, 0.6, theme.colors.muted)
    )
    return rule_y


def _place_qr(
    page: PageLayout, address: str, theme: Theme, styles: Styles, right: float, bottom: float
) -> tuple[float, float]:
    """The code at the bottom right with its address under it; return the space left, and height."""
    shown = shown_address(address)
    label = SheetParagraph(escape(shown), styles.footer_right)
    label_width = stringWidth(shown, styles.footer_right.fontName, styles.footer_right.fontSize) + 1
    block_width = max(QR_SIZE, label_width)
    _, label_height = label.wrap(block_width, page.height)
    page.items.append(
        Placed(
            label,
            right - block_width,
            bottom,
            block_width,
            label_height,
            "qr",
            Tag("P", "qr.address"),
        )
    )
    code = qr_drawing(address, QR_SIZE, theme.colors.text, styles.footer.fontName)
    page.items.append(
        Placed(
            code,
            right - QR_SIZE,
            bottom + label_height + 2,
            QR_SIZE,
            QR_SIZE,
            "qr",
            Tag("Figure", "qr"),
        )
    )
    return right - block_width - 14, label_height + 2 + QR_SIZE

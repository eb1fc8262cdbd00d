"""The page's fixed parts around the columns: header band, highlight cards and footer."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from factsheet.content.markup import Span
from factsheet.content.model import Sheet, Text
from factsheet.layout.columns import Placed
from factsheet.layout.flowables import SheetParagraph, paragraph
from factsheet.layout.hyphenation import bind_figures
from factsheet.layout.page import Box, Logo, LogoFlowable, PageLayout, Rule
from factsheet.layout.qr import qr_drawing, shown_address
from factsheet.layout.shows import Part, Shows
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
    title = Shows(Part.TITLE, sheet.title)
    blocks: list[tuple[Flowable, float, Shows]] = [
        (paragraph(sheet.title, styles.title, theme, styles.cache, title), 0.0, title)
    ]
    if sheet.subtitle:
        shows = Shows(Part.SUBTITLE, sheet.subtitle)
        subtitle = paragraph(sheet.subtitle, styles.subtitle, theme, styles.cache, shows)
        blocks.append((subtitle, 3.0, shows))
    organization = sheet.organization
    if organization and organization != sheet.title.plain:
        shows = Shows(Part.ORGANIZATION, organization)
        blocks.append((_generated(organization, styles.organization, shows, theme), 4.0, shows))
    y = top
    for flowable, gap, shows in blocks:
        _, h = flowable.wrap(text_width, page.height)
        y -= gap + h
        page.items.append(Placed(flowable, margins.left, y, text_width, h, "title", shows))
    bottom = y - 16
    if theme.logo:
        page.logo = Logo(
            margins.left + width - logo_width, top - LOGO_HEIGHT, logo_width, LOGO_HEIGHT
        )
        drawn = LogoFlowable(theme.logo, logo_width, LOGO_HEIGHT, styles.body.fontName)
        page.items.append(
            Placed(
                drawn,
                page.logo.x,
                page.logo.y,
                logo_width,
                LOGO_HEIGHT,
                "logo",
                Shows(Part.LOGO, theme.logo),
            )
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
        card = Shows(Part.HIGHLIGHT, highlight)
        value_shows = Shows(Part.VALUE, highlight.value, card)
        label_shows = Shows(Part.LABEL, highlight.label, card)
        value = paragraph(highlight.value, value_style, theme, styles.cache, value_shows)
        label = paragraph(highlight.label, styles.highlight_label, theme, styles.cache, label_shows)
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
        page.items.append(
            Placed(
                value,
                x + CARD_PADDING,
                value_y,
                inner,
                value_h,
                origin,
                value.shows,
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
                label.shows,
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
    address = sheet.qr
    qr_items = len(page.items)
    if address:
        right_edge, tallest = _place_qr(page, address, theme, styles, right_edge, bottom)
    right_text = " \u00b7 ".join(t for t in (sheet.organization, theme.footer) if t)
    available = right_edge - margins.left
    right_width = 0.0
    if right_text:
        natural = stringWidth(
            right_text, styles.footer_right.fontName, styles.footer_right.fontSize
        )
        right_width = min(natural + 1, available * 0.45)
    left_width = available - right_width - (12 if right_text else 0)
    if sheet.source:
        shows = Shows(Part.SOURCE, sheet.source)
        source = paragraph(sheet.source, styles.footer, theme, styles.cache, shows)
        _, h = source.wrap(left_width, page.height)
        page.items.append(Placed(source, margins.left, bottom, left_width, h, "source", shows))
        tallest = max(tallest, h)
    if right_text:
        right = _generated(right_text, styles.footer_right, Shows(Part.FOOTER, right_text), theme)
        _, h = right.wrap(right_width, page.height)
        page.items.append(
            Placed(
                right,
                right_edge - right_width,
                bottom,
                right_width,
                h,
                "footer",
                right.shows,
            )
        )
        tallest = max(tallest, h)
    # Read the QR code after the footer's text: move it behind.
    page.items += page.items[qr_items : qr_items + (2 if address else 0)]
    del page.items[qr_items : qr_items + (2 if address else 0)]
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
    code_shows = Shows(Part.QR_CODE, address)
    label = _generated(shown, styles.footer_right, Shows(Part.QR_ADDRESS, shown), theme)
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
            label.shows,
        )
    )
    code = qr_drawing(address, QR_SIZE, theme.colors.text, styles.footer.fontName)
    page.items.insert(
        len(page.items) - 1,
        Placed(
            code,
            right - QR_SIZE,
            bottom + label_height + 2,
            QR_SIZE,
            QR_SIZE,
            "qr",
            code_shows,
        ),
    )
    return right - block_width - 14, label_height + 2 + QR_SIZE


def _generated(words: str, style: ParagraphStyle, shows: Shows, theme: Theme) -> SheetParagraph:
    """A line the sheet makes up (organisation, footer, address): literal text, no markup."""
    return paragraph(Text(words, (Span(words),), field=""), style, theme, None, shows)

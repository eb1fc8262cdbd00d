"""Place a sheet on one page: header band, highlight cards, intro, columns, footer; fit or fail."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as RLParagraph

from factsheet.blocks import Piece, paragraph, section_pieces
from factsheet.columns import Flow, Placed, Region, pour
from factsheet.errors import LayoutOverflowError, Problem
from factsheet.fonts import FontFamily
from factsheet.model import Sheet
from factsheet.styles import Styles, make_styles
from factsheet.theme import Theme

SIZE_STEP = 0.25
GUTTER = 22.0
CARD_GAP = 10.0
CARD_PADDING = 9.0
ACCENT_BAR = 3.0
LOGO_HEIGHT = 44.0
# How much deeper than level columns may be to keep every section whole in one column.
WHOLE_SECTION_TOLERANCE = 1.25


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


def lay_out(sheet: Sheet, theme: Theme, family: FontFamily, *, columns: int = 2) -> PageLayout:
    """The largest type size, from the theme's body size down to its minimum, that fits."""
    steps = round((theme.body_size - theme.minimum_size) / SIZE_STEP)
    sizes = [theme.body_size - i * SIZE_STEP for i in range(steps + 1)]
    attempts: dict[int, tuple[PageLayout, Flow]] = {}

    def fits(index: int) -> bool:
        if index not in attempts:
            attempts[index] = _attempt(sheet, theme, family, sizes[index], columns)
        return attempts[index][1].fits

    # Smaller type never needs more room. Guess the size from how much the largest overflows,
    # then step from the guess: two or three trials instead of one per size.
    index = 0 if fits(0) else _guess(attempts[0][1], sizes, 1)
    if fits(index):
        while index > 0 and fits(index - 1):
            index -= 1
        return _settled(attempts[index][0])
    while index + 1 < len(sizes):
        index += 1
        if fits(index):
            return _settled(attempts[index][0])
    raise _overflow(attempts[index][1], sheet, theme, sizes[index])


def _guess(flow: Flow, sizes: list[float], lowest: int) -> int:
    """The size index at which the content should just fit: its area grows with size squared."""
    capacity = flow.region.height * len(flow.region.lefts)
    needed = capacity + flow.overflow_height() * len(flow.region.lefts)
    size: float = sizes[0] * math.sqrt(capacity / needed)
    index = math.ceil((sizes[0] - size) / SIZE_STEP - 1e-9)
    return min(max(index, lowest), len(sizes) - 1)


def _settled(page: PageLayout) -> PageLayout:
    """Wrap every placed flowable again at its own width, ready to draw.

    Trials share flowables, and a later trial may have split one (ReportLab then drops its
    lines) or wrapped it at another width; drawing uses whatever the last wrap left.
    """
    for item in page.items:
        _, height = item.flowable.wrap(item.width, page.height)
        if abs(height - item.height) > 0.01:
            raise AssertionError(f"{item.origin}: height changed from {item.height} to {height}")
    return page


def _attempt(
    sheet: Sheet, theme: Theme, family: FontFamily, size: float, columns: int
) -> tuple[PageLayout, Flow]:
    styles = make_styles(theme, family, size)
    width, height = theme.page_size
    margins = theme.margins
    page = PageLayout(width, height, size)
    content_width = width - margins.left - margins.right

    y = _header(page, sheet, theme, styles, content_width)
    if sheet.highlights:
        y = _cards(page, sheet, theme, styles, content_width, y - 14) - 4
    footer_top = _footer(page, sheet, theme, styles, content_width)
    region_top = y - 16
    region_height = region_top - footer_top - 10
    column_width = (content_width - GUTTER * (columns - 1)) / columns
    region = Region(
        lefts=tuple(margins.left + i * (column_width + GUTTER) for i in range(columns)),
        width=column_width,
        top=region_top,
        height=region_height,
        min_after_heading=styles.body.leading * 3,
    )

    # The intro leads the first column: full-width lines would run past a comfortable measure.
    # Pouring only measures and never changes a flowable, so every trial reuses these.
    intro = [
        Piece(paragraph(p.text, styles.intro, theme), f"intro[{i}]")
        for i, p in enumerate(sheet.intro)
    ]
    per_section = [
        section_pieces(section, styles, theme, column_width) for section in sheet.sections
    ]

    def sections(start: int = 0, stop: int | None = None) -> list[Piece]:
        return (intro if start == 0 else []) + [
            piece for pieces in per_section[start:stop] for piece in pieces
        ]

    flow = _place_body(sections, len(sheet.sections), region)
    page.items += flow.placed
    return page, flow


SectionPieces = Callable[[int, int | None], list[Piece]]


def _place_body(sections: SectionPieces, count: int, region: Region) -> Flow:
    """Sections whole in each column when that balances well; else columns that end level."""
    flow = pour(sections(0, None), region)
    if not flow.fits or len(region.lefts) != 2:
        return flow
    whole = _whole_sections(sections, count, region)
    # No balance is shallower than half the content, so a whole-section split within the
    # tolerance of that bound is taken without searching for the balanced depth.
    level = sum(p.height for p in flow.placed) / len(region.lefts)
    if whole and whole.depth <= level * WHOLE_SECTION_TOLERANCE:
        return whole
    balanced = _balanced(sections, region, flow)
    if whole and whole.depth <= balanced.depth * WHOLE_SECTION_TOLERANCE:
        return whole
    return balanced


def _whole_sections(sections: SectionPieces, count: int, region: Region) -> Flow | None:
    """The best break between two sections, if both columns then fit and look even."""
    best: tuple[float, Flow] | None = None
    for split in range(1, count):
        left = pour(sections(0, split), region.column(0))
        right = pour(sections(split, None), region.column(1))
        if not (left.fits and right.fits):
            continue
        deeper, shallower = sorted((left.depth, right.depth), reverse=True)
        if shallower < deeper * 0.6:
            continue
        if best is None or deeper < best[0]:
            best = (deeper, Flow(left.placed + right.placed, [], region))
    return best[1] if best else None


def _balanced(sections: SectionPieces, region: Region, fitted: Flow) -> Flow:
    """The shortest column height that still holds everything, so columns end level."""
    low = sum(p.height for p in fitted.placed) / len(region.lefts)
    high = fitted.depth
    best = fitted
    while high - low > 2.0:
        middle = (low + high) / 2
        flow = pour(sections(0, None), region.with_height(middle))
        if flow.fits:
            best, high = flow, middle
        else:
            low = middle
    return best


def _header(page: PageLayout, sheet: Sheet, theme: Theme, styles: Styles, width: float) -> float:
    """Draw the band with title, subtitle and organisation; return the band's bottom."""
    margins = theme.margins
    logo_width = 0.0
    if theme.logo:
        from factsheet.images import logo_size

        logo_w, logo_h = logo_size(theme.logo)
        logo_width = LOGO_HEIGHT * logo_w / logo_h
    text_width = width - (logo_width + 16 if logo_width else 0)
    top = page.height - margins.top
    blocks: list[tuple[Flowable, float]] = [(paragraph(sheet.title, styles.title, theme), 0.0)]
    if sheet.subtitle:
        blocks.append((paragraph(sheet.subtitle, styles.subtitle, theme), 3.0))
    y = top
    for flowable, gap in blocks:
        _, h = flowable.wrap(text_width, page.height)
        y -= gap + h
        page.items.append(Placed(flowable, margins.left, y, text_width, h, "title"))
    organization = sheet.organization or theme.organization
    if organization and organization != sheet.title.plain:
        org = RLParagraph(escape(organization), styles.organization)
        _, h = org.wrap(text_width, page.height)
        y -= 4 + h
        page.items.append(Placed(org, margins.left, y, text_width, h, "organization"))
    bottom = y - 16
    if theme.logo:
        page.logo = Logo(
            margins.left + width - logo_width, top - LOGO_HEIGHT, logo_width, LOGO_HEIGHT
        )
        bottom = min(bottom, top - LOGO_HEIGHT - 16)
    page.boxes.insert(0, Box(0, bottom, page.width, page.height - bottom, theme.colors.primary))
    page.rules.append(Rule(0, bottom, page.width, bottom, 3, theme.colors.accent))
    return bottom


def _cards(
    page: PageLayout, sheet: Sheet, theme: Theme, styles: Styles, width: float, top: float
) -> float:
    """Lay the highlight cards in one row of equal height; return the row's bottom."""
    count = len(sheet.highlights)
    card_width = (width - CARD_GAP * (count - 1)) / count
    inner = card_width - 2 * CARD_PADDING
    contents = []
    for highlight in sheet.highlights:
        value = paragraph(highlight.value, styles.highlight_value, theme)
        label = paragraph(highlight.label, styles.highlight_label, theme)
        _, value_h = value.wrap(inner, page.height)
        _, label_h = label.wrap(inner, page.height)
        contents.append((value, value_h, label, label_h))
    card_height = (
        ACCENT_BAR
        + 2 * CARD_PADDING
        + max(v_h + styles.highlight_value.spaceAfter + l_h for _, v_h, _, l_h in contents)
    )
    bottom: float = top - card_height
    for index, (value, value_h, label, label_h) in enumerate(contents):
        x = theme.margins.left + index * (card_width + CARD_GAP)
        page.boxes.append(Box(x, bottom, card_width, card_height, theme.colors.tint))
        page.boxes.append(Box(x, top - ACCENT_BAR, card_width, ACCENT_BAR, theme.colors.accent))
        value_y = top - ACCENT_BAR - CARD_PADDING - value_h
        origin = f"highlights[{index}]"
        page.items.append(Placed(value, x + CARD_PADDING, value_y, inner, value_h, origin))
        label_y = value_y - styles.highlight_value.spaceAfter - label_h
        page.items.append(Placed(label, x + CARD_PADDING, label_y, inner, label_h, origin))
    return bottom


def _footer(page: PageLayout, sheet: Sheet, theme: Theme, styles: Styles, width: float) -> float:
    """Place source (left) and organisation line (right) at the foot; return the rule's height."""
    margins = theme.margins
    bottom = margins.bottom
    right_text = " \u00b7 ".join(
        t for t in (sheet.organization or theme.organization, theme.footer) if t
    )
    right_width = 0.0
    if right_text:
        natural = stringWidth(
            right_text, styles.footer_right.fontName, styles.footer_right.fontSize
        )
        right_width = min(natural + 1, width * 0.45)
    left_width = width - right_width - (12 if right_text else 0)
    tallest = 0.0
    if sheet.source:
        source = paragraph(sheet.source, styles.footer, theme)
        _, h = source.wrap(left_width, page.height)
        page.items.append(Placed(source, margins.left, bottom, left_width, h, "source"))
        tallest = h
    if right_text:
        right = RLParagraph(escape(right_text), styles.footer_right)
        _, h = right.wrap(right_width, page.height)
        page.items.append(
            Placed(right, margins.left + width - right_width, bottom, right_width, h, "footer")
        )
        tallest = max(tallest, h)
    if not tallest:
        return bottom
    rule_y = bottom + tallest + 6
    page.rules.append(
        Rule(margins.left, rule_y, margins.left + width, rule_y, 0.6, theme.colors.muted)
    )
    return rule_y


def _overflow(flow: Flow, sheet: Sheet, theme: Theme, size: float) -> LayoutOverflowError:
    excess = flow.overflow_height()
    origins = list(dict.fromkeys(piece.origin for piece in flow.leftover))
    hint = "shorten the text, or drop a block, section or highlight"
    if theme.minimum_size > 8:
        hint += f"; the theme's type.minimum ({theme.minimum_size:g} pt) could go down to 8"
    return LayoutOverflowError(
        Problem(
            f"content does not fit on one page: about {excess:.0f} pt ({excess / 72:.1f} in) "
            f"too long at the smallest type size ({size:g} pt); did not fit: " + "; ".join(origins),
            sheet.file,
            hint=hint,
        )
    )

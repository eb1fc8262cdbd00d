"""A cheap estimate of how tall the body will be, so the size search can start near the answer.

It only decides where fitting starts looking; every size is still checked by laying it out.
"""

from __future__ import annotations

import math

from reportlab.lib.styles import ParagraphStyle

from factsheet.content.model import BulletList, ChoroplethMap, Paragraph, Sheet, Text
from factsheet.errors import Problem
from factsheet.layout.charts import COLUMN_PLOT_HEIGHT
from factsheet.layout.columns import Region
from factsheet.layout.maps import MAX_ASPECT
from factsheet.layout.scriptruns import text_width
from factsheet.layout.styles import Styles
from factsheet.layout.tablewidths import CELL_PADDING
from factsheet.theme.model import Theme

# Share of a column that wrapped text really fills: lines end short, sections end mid-column.
_FILL = 0.94


_NARROWEST_EM = 0.3
"""Narrower than any face's average character (spaces included): capacity errs high."""


def cannot_fit(sheet: Sheet, theme: Theme) -> Problem | None:
    """Before any layout: is there more text than the whole page could hold at the smallest
    size, edge to edge? Then laying out megabytes to find out would only waste minutes."""
    characters = sum(len(text.plain) for text in sheet.texts())
    width, height = theme.page_size
    size = theme.minimum_size
    capacity = (width / (size * _NARROWEST_EM)) * (height / (size * 1.1))
    if characters <= capacity:
        return None
    return Problem(
        f"content does not fit on one page: {characters:,} characters of text, and a page "
        f"holds at most about {capacity:,.0f} at the smallest type size ({size:g} pt)",
        sheet.file,
        hint="shorten the text, or split it into several sheets",
    )


def start_index(sheet: Sheet, styles: Styles, region: Region, sizes: list[float]) -> int:
    """The index in sizes (largest first) at which the body should just fit."""
    needed = body_height(sheet, styles, region.width)
    capacity = region.height * len(region.lefts) * _FILL
    if needed <= capacity:
        return 0
    if capacity <= 0:  # the header and cards alone fill the page
        return len(sizes) - 1
    # Lines per paragraph and the height of each line both grow with the type size.
    size = sizes[0] * math.sqrt(capacity / needed)
    step = sizes[0] - sizes[1] if len(sizes) > 1 else 1.0
    index = math.ceil((sizes[0] - size) / step - 1e-9)
    return min(max(index, 0), len(sizes) - 1)


def body_height(sheet: Sheet, styles: Styles, width: float) -> float:
    """Roughly how tall the intro and sections are, set in one column of this width."""
    total = sum(_text_height(p.text, styles.intro, width) for p in sheet.intro)
    for section in sheet.sections:
        total += _text_height(section.heading, styles.heading, width)
        for block in section.body:
            if isinstance(block, Paragraph):
                total += _text_height(block.text, styles.body, width)
            elif isinstance(block, BulletList):
                total += sum(_text_height(item, styles.bullet, width) for item in block.items)
            elif isinstance(block, ChoroplethMap):
                total += width * MAX_ASPECT + 3 * styles.cell.leading + styles.body.spaceAfter
            else:
                if block.caption:
                    total += _text_height(block.caption, styles.caption, width)
                if block.chart == "bar":
                    total += len(block.rows) * (2 * styles.cell.leading + 6)
                elif block.chart == "column":
                    total += COLUMN_PLOT_HEIGHT + 4 * styles.cell.leading
                if block.show_table or not block.chart:
                    rows = len(block.rows) + (1 if block.columns else 0)
                    total += rows * (styles.cell.leading + 1.65 * CELL_PADDING)
                total += styles.body.spaceAfter
    return total


def _text_height(text: Text, style: ParagraphStyle, width: float) -> float:
    measure = width - style.leftIndent - style.rightIndent
    length = text_width(text.plain, style) * 1.04
    lines = max(1, math.ceil(length / measure))
    return float(lines * style.leading + style.spaceBefore + style.spaceAfter)

"""The facts factsheet.quality judges, taken from a laid-out page (the search's view of it)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from factsheet.layout.columns import Flow, Region
from factsheet.layout.page import PageLayout
from factsheet.layout.styles import Styles
from factsheet.quality.measure import PageFacts

_EPSILON = 0.5
AVERAGE_CHAR_EM = 0.5
"""A typical text face's average character is about half an em wide."""


def page_facts(page: PageLayout, flow: Flow, styles: Styles, region: Region) -> PageFacts:
    """The facts of a trial whose body area is `region` (the flow may hold a shorter one)."""
    top = region.top if flow.columns_top is None else flow.columns_top
    bottoms = []
    for left in region.lefts:
        column = [
            item.y
            for item in flow.placed
            if abs(item.x - left) < _EPSILON
            and abs(item.width - region.width) < _EPSILON
            and item.y + item.height <= top + _EPSILON
        ]
        bottoms.append(min(column, default=top))
    if flow.placed:
        lowest = min(item.y for item in flow.placed)
        if lowest < min(bottoms):  # the body ends in a full-width band
            bottoms = [lowest]
    return PageFacts(
        body_top=region.top,
        body_bottom=region.top - region.height,
        column_bottoms=tuple(bottoms),
        line_height=styles.body.leading,
        body_size=styles.body_size,
        broken_words=sum(broken_words(item.flowable) for item in page.items),
        split_small_tables=sum(bool(getattr(i.flowable, "split_small", False)) for i in page.items),
        wrapped_card_values=page.wrapped_card_values,
        measure_chars=region.width / (styles.body_size * AVERAGE_CHAR_EM),
    )


def broken_words(flowable: Flowable) -> int:
    """Words a placed flowable (a paragraph, list item, table or chart) cut without a hyphen."""
    count = int(getattr(flowable, "broken_words", 0))
    body = getattr(flowable, "body", None)
    if body is not None:
        count += broken_words(body)
    for row in getattr(flowable, "_cellvalues", ()):
        for cell in row:
            for part in cell if isinstance(cell, list | tuple) else (cell,):
                count += broken_words(part)
    for label in getattr(flowable, "labels", ()):
        count += broken_words(label)
    return count

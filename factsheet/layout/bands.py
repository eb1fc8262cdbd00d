"""Full-width bands between runs of columns, for blocks too wide for one column.

A block says how wide it needs to be (`min_width()`, e.g. a table's longest words side by
side); one wider than a column is set across the page, between the column runs before and
after it, in reading order. The heading and caption that lead into it go with it.

A run of columns whose columns cannot end level (a short section split across them, its
heading at the head of one column only) may set its leading heading across the page instead,
above both columns, as a newspaper heads a story set in columns.
"""

from __future__ import annotations

from msgspec import Struct
from reportlab.platypus import Flowable

from factsheet.layout.blocks import Piece
from factsheet.layout.columns import Flow, Placed, Region, balance, keeps_with_next, pour
from factsheet.quality.measure import BALANCE_TARGET


def min_width(flowable: Flowable) -> float:
    """The narrowest width a block reads well at; 0 for text that wraps anywhere."""
    measure = getattr(flowable, "min_width", None)
    return float(measure()) if callable(measure) else 0.0


def wants_band(flowable: Flowable, column_width: float) -> bool:
    return min_width(flowable) > column_width + 0.01


class Segment(Struct, frozen=True):
    full_width: bool
    pieces: list[Piece]


def segments(pieces: list[Piece], column_width: float) -> list[Segment]:
    """Runs of column pieces and full-width bands, in reading order."""
    found: list[Segment] = []
    current: list[Piece] = []
    for piece in pieces:
        if not wants_band(piece.flowable, column_width):
            current.append(piece)
            continue
        # A heading or caption leading into the band goes into the band with it.
        lead = len(current)
        while lead > 0 and keeps_with_next(current[lead - 1].flowable):
            lead -= 1
        band = [*current[lead:], piece]
        if current[:lead]:
            found.append(Segment(False, current[:lead]))
        if found and found[-1].full_width:
            found[-1].pieces.extend(band)
        else:
            found.append(Segment(True, band))
        current = []
    if current:
        found.append(Segment(False, current))
    return found


def place_in_bands(
    runs: list[Segment], region: Region, band_left: float, band_width: float, gap: float
) -> Flow:
    """Each run below the last: columns balanced to end level, bands across the page."""
    placed: list[Placed] = []
    top = region.top
    bottom = region.top - region.height
    columns_top = top
    for index, run in enumerate(runs):
        height = top - bottom
        if run.full_width:
            area = Region(
                (band_left,), band_width, top, height, region.min_after_heading, region.line
            )
            flow = pour(run.pieces, area)
        else:
            area = Region(
                region.lefts, region.width, top, height, region.min_after_heading, region.line
            )
            flow = _columns(run.pieces, area)
            columns_top = top
            if flow.fits and _apart(flow, area) > BALANCE_TARGET * region.line:
                spanned = _heading_across(run.pieces, area, band_left, band_width)
                if spanned is not None and _apart(spanned, area) < _apart(flow, area):
                    flow = spanned
                    columns_top = spanned.columns_top or top
        placed += flow.placed
        if not flow.fits:
            rest = [piece for later in runs[index + 1 :] for piece in later.pieces]
            return Flow(placed, flow.leftover + rest, region, columns_top)
        top -= flow.depth + gap
    if runs and runs[-1].full_width:
        columns_top = top + gap
    return Flow(placed, [], region, columns_top)


def _columns(pieces: list[Piece], area: Region) -> Flow:
    flow = pour(pieces, area)
    if flow.fits and len(area.lefts) > 1:
        flow = balance(pieces, area, flow)
    return flow


def _apart(flow: Flow, area: Region) -> float:
    """How far apart the foot of the run's columns are (an empty column ends at the top)."""
    bottoms = [
        min(
            (p.y for p in flow.placed if abs(p.x - left) < 0.5 and abs(p.width - area.width) < 0.5),
            default=area.top,
        )
        for left in area.lefts
    ]
    return max(bottoms) - min(bottoms)


def _heading_across(
    pieces: list[Piece], area: Region, band_left: float, band_width: float
) -> Flow | None:
    """The run's leading heading across the page, the rest in columns below it; None when
    the run does not start with a heading or does not fit so."""
    lead = 0
    while lead < len(pieces) - 1 and keeps_with_next(pieces[lead].flowable):
        lead += 1
    if lead == 0:
        return None
    head = pour(
        pieces[:lead],
        Region((band_left,), band_width, area.top, area.height, area.min_after_heading, area.line),
    )
    if not head.fits:
        return None
    below = area.top - head.depth - pieces[lead - 1].flowable.getSpaceAfter()
    columns = Region(
        area.lefts,
        area.width,
        below,
        area.height - (area.top - below),
        area.min_after_heading,
        area.line,
    )
    rest = _columns(pieces[lead:], columns)
    if not rest.fits:
        return None
    return Flow(head.placed + rest.placed, [], area, below)

"""Full-width bands between runs of columns, for blocks too wide for one column.

A block says how wide it needs to be (`min_width()`, e.g. a table's longest words side by
side); one wider than a column is set across the page, between the column runs before and
after it, in reading order. The heading and caption that lead into it go with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from factsheet.layout.blocks import Piece
from factsheet.layout.columns import Flow, Placed, Region, balance, keeps_with_next, pour


def min_width(flowable: Flowable) -> float:
    """The narrowest width a block reads well at; 0 for text that wraps anywhere."""
    measure = getattr(flowable, "min_width", None)
    return float(measure()) if callable(measure) else 0.0


def wants_band(flowable: Flowable, column_width: float) -> bool:
    return min_width(flowable) > column_width + 0.01


@dataclass(frozen=True)
class Segment:
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
            flow = pour(run.pieces, area)
            if flow.fits and len(area.lefts) > 1:
                flow = balance(run.pieces, area, flow)
            columns_top = top
        placed += flow.placed
        if not flow.fits:
            rest = [piece for later in runs[index + 1 :] for piece in later.pieces]
            return Flow(placed, flow.leftover + rest, region, columns_top)
        top -= flow.depth + gap
    if runs and runs[-1].full_width:
        columns_top = top + gap
    return Flow(placed, [], region, columns_top)

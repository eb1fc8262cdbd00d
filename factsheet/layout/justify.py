"""Columns that end level: a shorter column's gaps grow, evenly, until its foot meets the others.

Pouring cannot always end columns level: a chart or a short table moves whole, and a section
may not split well. Then the shorter columns take the difference in the space between their
blocks (before headings first, as a designer would), never more than a few lines per gap.
"""

from __future__ import annotations

from msgspec.structs import replace

from factsheet.layout.columns import Flow, Placed

_EPSILON = 0.5
MOST_PER_GAP = 2.5
"""Body lines a single gap may grow by; beyond that the columns stay as poured."""


def level_columns(flow: Flow, lefts: tuple[float, ...], width: float, line: float) -> Flow:
    """The flow with its last run of columns ending level, where gaps allow."""
    if len(lefts) < 2 or not flow.fits or line <= 0:
        return flow
    top = flow.region.top if flow.columns_top is None else flow.columns_top
    columns: dict[float, list[int]] = {left: [] for left in lefts}
    for index, item in enumerate(flow.placed):
        for left in lefts:
            if (
                abs(item.x - left) < _EPSILON
                and abs(item.width - width) < _EPSILON
                and item.y + item.height <= top + _EPSILON
            ):
                columns[left].append(index)
    filled = [members for members in columns.values() if members]
    if len(filled) < 2:
        return flow
    lowest = min(flow.placed[i].y for members in filled for i in members)
    placed = list(flow.placed)
    for members in filled:
        members.sort(key=lambda i: -flow.placed[i].y)
        short = flow.placed[members[-1]].y - lowest
        if short <= _EPSILON or len(members) < 2:
            continue
        _stretch(placed, members, short, line)
    return Flow(placed, flow.leftover, flow.region, flow.columns_top)


def _stretch(placed: list[Placed], members: list[int], short: float, line: float) -> None:
    """Move the column's pieces down so its foot drops by `short`, spread over its gaps.

    A gap before a heading takes twice the share of one between paragraphs; the gap after a
    heading or caption never grows, so each stays with what it introduces.
    """
    weights = {}
    for position in range(1, len(members)):
        if placed[members[position - 1]].flowable.getKeepWithNext():
            continue
        heading = placed[members[position]].flowable.getKeepWithNext()
        weights[position] = 2.0 if heading else 1.0
    total = sum(weights.values())
    if total and short / total * max(weights.values()) > MOST_PER_GAP * line:
        weights = dict.fromkeys(weights, 1.0)  # every gap alike rather than too much in one
        total = sum(weights.values())
    if not total or short / total > MOST_PER_GAP * line:
        return
    shift = 0.0
    for position, index in enumerate(members):
        shift += short * weights.get(position, 0.0) / total
        if shift:
            placed[index] = replace(placed[index], y=placed[index].y - shift)

"""Columns that end level: a shorter column's gaps grow, evenly, until its foot meets the others.

Pouring cannot always end columns level: a chart or a short table moves whole, and a section
may not split well. Then the shorter columns take the difference in the space between their
blocks (before headings first, as a designer would), never more than a few lines per gap.
"""

from __future__ import annotations

from dataclasses import replace

from factsheet.layout.columns import Flow, Placed

_EPSILON = 0.5
MOST_PER_GAP = 2.0
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
    """Move the column's pieces down so its foot drops by `short`, spread over its gaps."""
    gaps = list(range(1, len(members)))
    headings = [g for g in gaps if placed[members[g]].flowable.getKeepWithNext()]
    # Space goes before headings first; between every block only if headings cannot take it.
    chosen = headings if headings and short / len(headings) <= MOST_PER_GAP * line else gaps
    each = short / len(chosen)
    if each > MOST_PER_GAP * line:
        return
    shift = 0.0
    for position, index in enumerate(members):
        if position in chosen:
            shift += each
        if shift:
            placed[index] = replace(placed[index], y=placed[index].y - shift)

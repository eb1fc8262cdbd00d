"""Pour flowables into columns of a given height, splitting paragraphs and tables as needed."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from factsheet.blocks import Piece

_EPSILON = 1e-6


@dataclass(frozen=True)
class Placed:
    """A flowable at its final position (x, y of its bottom-left corner)."""

    flowable: Flowable
    x: float
    y: float
    width: float
    height: float
    origin: str


@dataclass(frozen=True)
class Flow:
    placed: list[Placed]
    leftover: list[Piece]
    """What did not fit, in order; empty when everything fitted."""

    @property
    def fits(self) -> bool:
        return not self.leftover


def pour(pieces: list[Piece], lefts: list[float], width: float, top: float, height: float,
         *, min_lines_after_heading: float = 0) -> Flow:
    """Fill each column (given by its left x) top to bottom, in order; never draws."""
    queue = list(pieces)
    placed: list[Placed] = []
    for left in lefts:
        y = top
        column_start = True
        while queue:
            piece = queue[0]
            flowable = piece.flowable
            space_before = 0.0 if column_start else flowable.getSpaceBefore()
            available = y - space_before - (top - height)
            if available <= _EPSILON:
                break
            _, needed = flowable.wrap(width, available)
            if needed <= available + _EPSILON and _room_after_heading(
                queue, width, available - needed - flowable.getSpaceAfter(), min_lines_after_heading
            ):
                queue.pop(0)
                y -= space_before + needed
                placed.append(Placed(flowable, left, y, width, needed, piece.origin))
                y -= flowable.getSpaceAfter()
                column_start = False
                continue
            parts = [] if getattr(flowable, "keepWithNext", 0) else flowable.split(width, available)
            if len(parts) < 2:
                break  # move the whole flowable to the next column
            queue[0:1] = [Piece(part, piece.origin) for part in parts]
        if not queue:
            break
    return Flow(placed, queue)


def _room_after_heading(queue: list[Piece], width: float, room: float, min_height: float) -> bool:
    """A heading (keepWithNext) may only go where the start of what follows fits too."""
    if not getattr(queue[0].flowable, "keepWithNext", 0) or len(queue) < 2:
        return True
    following = queue[1].flowable
    _, needed = following.wrap(width, max(room, 0))
    if needed <= room + _EPSILON:
        return True
    return room >= min_height and len(following.split(width, room)) >= 2

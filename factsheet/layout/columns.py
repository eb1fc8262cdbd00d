"""Pour flowables into columns of a given height, splitting paragraphs and tables as needed."""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct
from reportlab.platypus import Flowable

from factsheet.layout.blocks import Piece
from factsheet.layout.shows import Shows

_EPSILON = 1e-6


class Placed(Struct, frozen=True):
    """A flowable at its final position (x, y of its bottom-left corner)."""

    flowable: Flowable
    x: float
    y: float
    width: float
    height: float
    origin: str
    shows: Shows | None = None
    """What it shows (None: decoration, drawn as an Artifact)."""


class Region(Struct, frozen=True):
    """Equal columns side by side: their left edges, width, top and height."""

    lefts: tuple[float, ...]
    width: float
    top: float
    height: float
    min_after_heading: float = 0.0
    """A heading needs this much room below it for the start of what follows."""
    line: float = 0.0
    """One body line: columns count as level when they end within 1.5 of these."""

    def with_height(self, height: float) -> Region:
        return Region(self.lefts, self.width, self.top, height, self.min_after_heading, self.line)

    def column(self, index: int) -> Region:
        return Region(
            (self.lefts[index],),
            self.width,
            self.top,
            self.height,
            self.min_after_heading,
            self.line,
        )


class Flow(Struct, frozen=True):
    placed: list[Placed]
    leftover: list[Piece]
    """What did not fit, in order; empty when everything fitted."""

    @property
    def fits(self) -> bool:
        return not self.leftover

    region: Region
    """Where it was poured."""
    columns_top: float | None = None
    """Where the last run of columns starts (below the last full-width band), if not the top."""

    @property
    def depth(self) -> float:
        """How far below the region's top the lowest placed flowable ends."""
        return max((self.region.top - p.y for p in self.placed), default=0.0)

    def overflow_height(self) -> float:
        """Roughly how much taller each column would have to be to hold the leftover."""
        total = 0.0
        for piece in self.leftover:
            _, height = piece.flowable.wrap(self.region.width, 1e6)
            total += height + piece.flowable.getSpaceBefore() + piece.flowable.getSpaceAfter()
        return total / len(self.region.lefts)


def pour(pieces: list[Piece], region: Region) -> Flow:
    """Fill each column of the region top to bottom, in order; measures, never draws."""
    queue = list(pieces)
    placed: list[Placed] = []
    width, top, height = region.width, region.top, region.height
    for left in region.lefts:
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
                queue,
                width,
                available - needed - flowable.getSpaceAfter(),
                region.min_after_heading,
            ):
                queue.pop(0)
                y -= space_before + needed
                shows = None if getattr(flowable, "artifact", False) else piece.shows
                placed.append(Placed(flowable, left, y, width, needed, piece.origin, shows))
                y -= flowable.getSpaceAfter()
                column_start = False
                continue
            parts = (
                [] if _unsplittable(flowable, column_start) else flowable.split(width, available)
            )
            if len(parts) < 2:
                break  # move the whole flowable to the next column
            queue[0:1] = [Piece(part, piece.origin, piece.shows) for part in parts]
        if not queue:
            break
    return Flow(placed, queue, region)


def keeps_with_next(flowable: Flowable) -> bool:
    """A heading or caption: ReportLab paragraphs carry this in their style, not themselves."""
    return bool(flowable.getKeepWithNext())


def _unsplittable(flowable: Flowable, column_start: bool) -> bool:
    """Headings never split; short tables split only when a whole column cannot hold them."""
    if keeps_with_next(flowable):
        return True
    return bool(getattr(flowable, "keep_whole", False)) and not column_start


def _room_after_heading(queue: list[Piece], width: float, room: float, min_height: float) -> bool:
    """A piece kept with the next (a heading, a caption) goes only where what follows starts.

    Chains count: a heading, then a caption kept with its chart, then the whole chart.
    """
    index = 0
    while keeps_with_next(queue[index].flowable) and index + 1 < len(queue):
        index += 1
        following = queue[index].flowable
        room -= following.getSpaceBefore()
        _, needed = following.wrap(width, max(room, 0))
        if needed <= room + _EPSILON:
            room -= needed + following.getSpaceAfter()
            continue
        if keeps_with_next(following) or getattr(following, "keep_whole", False):
            return False
        return room >= min_height and len(following.split(width, room)) >= 2
    return True


# How much deeper than level columns may be to keep every section whole in one column.
WHOLE_SECTION_TOLERANCE = 1.25

SectionPieces = Callable[[int, int | None], list[Piece]]


def place_body(sections: SectionPieces, count: int, region: Region) -> Flow:
    """Sections whole in each column when that balances well; else columns that end level."""
    flow = pour(sections(0, None), region)
    if not flow.fits or len(region.lefts) == 1:
        return flow
    if len(region.lefts) > 2:
        return balance(sections(0, None), region, flow)
    whole = _whole_sections(sections, count, region)
    # No balance is shallower than half the content, so a whole-section split within the
    # tolerance of that bound is taken without searching for the balanced depth.
    level = sum(p.height for p in flow.placed) / len(region.lefts)
    if whole and whole.depth <= level * WHOLE_SECTION_TOLERANCE:
        return whole
    balanced = balance(sections(0, None), region, flow)
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
        if shallower < deeper * 0.6 or (region.line and deeper - shallower > 1.5 * region.line):
            continue
        if best is None or deeper < best[0]:
            best = (deeper, Flow(left.placed + right.placed, [], region))
    return best[1] if best else None


def balance(pieces: list[Piece], region: Region, fitted: Flow) -> Flow:
    """The shortest column height that still holds everything, so columns end level."""
    low = sum(p.height for p in fitted.placed) / len(region.lefts)
    high = fitted.depth
    best = fitted
    while high - low > 2.0:
        middle = (low + high) / 2
        flow = pour(pieces, region.with_height(middle))
        if flow.fits:
            best, high = flow, middle
        else:
            low = middle
    return best

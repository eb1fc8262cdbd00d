"""Pouring into columns: what keeps together stays together, and what cannot fit is left over."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from factsheet.layout.bands import Segment, place_in_bands
from factsheet.layout.blocks import Piece
from factsheet.layout.columns import Region, pour


class Block(Flowable):  # type: ignore[misc]
    """A fictional box of fixed height that cannot split."""

    def __init__(
        self, name: str, height: float, *, with_next: bool = False, whole: bool = False
    ) -> None:
        super().__init__()
        self.name = name
        self.fixed_height = height
        self.keepWithNext = int(with_next)
        self.keep_whole = whole

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.fixed_height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []


def columns_of(pieces: list[Block], height: float) -> dict[str, int]:
    region = Region((0.0, 300.0), 250.0, top=height, height=height)
    flow = pour([Piece(block, block.name) for block in pieces], region)
    assert flow.fits
    return {placed.flowable.name: int(placed.x // 300) for placed in flow.placed}


def test_a_heading_is_not_left_at_the_foot_of_a_column() -> None:
    found = columns_of(
        [Block("text", 70), Block("heading", 12, with_next=True), Block("table", 40, whole=True)],
        height=100,
    )
    assert found == {"text": 0, "heading": 1, "table": 1}


def test_heading_caption_and_table_move_together() -> None:
    found = columns_of(
        [
            Block("text", 60),
            Block("heading", 12, with_next=True),
            Block("caption", 12, with_next=True),
            Block("table", 40, whole=True),
        ],
        height=100,
    )
    assert found == {"text": 0, "heading": 1, "caption": 1, "table": 1}


def test_what_cannot_fit_is_left_over_not_dropped() -> None:
    region = Region((0.0, 300.0), 250.0, top=100, height=100)
    blocks = [Block("a", 90), Block("b", 90), Block("c", 90)]
    flow = pour([Piece(block, block.name) for block in blocks], region)
    assert [p.flowable.name for p in flow.placed] == ["a", "b"]
    assert [p.flowable.name for p in flow.leftover] == ["c"]
    assert flow.overflow_height() == 45  # 90 pt more, shared by two columns


def test_a_short_section_after_a_band_sets_its_heading_across_both_columns() -> None:
    # Six lines of text after a heading that wants three lines below it: under the heading in
    # one column they end two lines apart; with the heading across the page, level.
    style = ParagraphStyle("text", fontName="Helvetica", fontSize=10, leading=12)
    text = Paragraph(" ".join(["word"] * 60), style)
    heading = Block("heading", 24, with_next=True)
    runs = [
        Segment(True, [Piece(Block("table", 100), "table")]),
        Segment(False, [Piece(heading, "heading"), Piece(text, "text")]),
    ]
    region = Region((0.0, 300.0), 250.0, top=400, height=400, min_after_heading=36, line=12)
    flow = place_in_bands(runs, region, 0.0, 550.0, 6.0)
    assert flow.fits
    placed_heading = next(p for p in flow.placed if p.flowable is heading)
    assert placed_heading.width == 550.0
    parts = [p for p in flow.placed if p.origin == "text"]
    assert {p.x for p in parts} == {0.0, 300.0}
    assert all(p.y + p.height <= placed_heading.y + 0.01 for p in parts)
    bottoms = [p.y for p in parts]
    assert max(bottoms) - min(bottoms) <= 1.5 * 12

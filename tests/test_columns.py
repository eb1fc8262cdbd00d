"""Pouring into columns: what keeps together stays together, and what cannot fit is left over."""

from __future__ import annotations

from reportlab.platypus import Flowable

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

"""The paragraph flowable every text of a sheet is set in."""

from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as RLParagraph

from factsheet.markup import to_reportlab
from factsheet.model import Text
from factsheet.theme import Theme


class SheetParagraph(RLParagraph):  # type: ignore[misc]
    """A paragraph that remembers its last wrap: fitting measures each one many times."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Line breaks depend on the width only, and drawing uses the last wrap's lines,
        # so a repeat at the same width can return the same answer.
        if self._wrapped is not None and self._wrapped[0] == available_width:
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(available_width, available_height)
        self._wrapped = (available_width, size)
        return size

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # ReportLab drops the wrapped lines of a paragraph it splits; wrap afresh next time.
        parts: list[Flowable] = super().split(available_width, available_height)
        self._wrapped = None
        return parts


def paragraph(text: Text, style: object, theme: Theme) -> SheetParagraph:
    markup = to_reportlab(text.spans, link_color=theme.colors.primary)
    return SheetParagraph(markup, style)

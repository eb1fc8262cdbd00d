"""The paragraph flowable every text of a sheet is set in."""

from __future__ import annotations

from typing import Any

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


class ListItem(Flowable):  # type: ignore[misc]
    """A bulleted item whose bullet and text are drawn (and tagged) apart: Lbl and LBody."""

    def __init__(self, body: SheetParagraph, bullet: str, key: str, *, first: bool = True) -> None:
        super().__init__()
        self.body = body
        self.bullet = bullet
        self.key = key
        self.first = first
        self.marker: Any = None
        """Set by the renderer when the PDF is tagged."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.body.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self.body.split(available_width, available_height)
        if len(parts) < 2:
            return []
        head = ListItem(parts[0], self.bullet, self.key, first=self.first)
        return [head, ListItem(parts[1], self.bullet, self.key, first=False)]

    def getSpaceBefore(self) -> float:
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.body.getSpaceAfter())

    def draw(self) -> None:
        style = self.body.style
        if self.first:
            _begin(self.marker, self.canv, "Lbl", f"{self.key}.label")
            self.canv.setFont(style.bulletFontName, style.fontSize)
            self.canv.setFillColor(style.bulletColor)
            # ReportLab sets a paragraph's first baseline one font size below its top.
            self.canv.drawString(style.bulletIndent, self.height - style.fontSize, self.bullet)
            _end(self.marker, self.canv)
        _begin(self.marker, self.canv, "LBody", self.key)
        self.body.drawOn(self.canv, 0, 0)
        _end(self.marker, self.canv)


def _begin(marker: Any, canvas: Any, role: str, key: str) -> None:
    if marker is not None:
        marker.begin(canvas, role, key)


def _end(marker: Any, canvas: Any) -> None:
    if marker is not None:
        marker.end(canvas)

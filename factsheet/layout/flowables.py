"""The flowables a sheet is set in: measured-once paragraphs and list items tagged in parts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as RLParagraph

from factsheet.content.markup import to_reportlab
from factsheet.content.model import Text
from factsheet.layout.hyphenation import bind_figures
from factsheet.layout.scriptruns import ideographic_lines, split_frags
from factsheet.theme.model import Theme


class WrapCache:
    """Paragraph sizes already measured: the same text, style and width break the same way.

    One cache serves every sheet a builder makes, so text shared by a series (all but the
    figures, often) is measured once, not once per trial size per row.
    """

    LIMIT = 5_000
    # About 6 new entries a sheet: a series refills it every ~800 sheets, and its memory stays
    # flat instead of growing by ~3 KB a sheet for the first 16,000.

    def __init__(self) -> None:
        self.sizes: dict[tuple[object, ...], tuple[float, float, int]] = {}

    def get(self, key: tuple[object, ...]) -> tuple[float, float, int] | None:
        """Width, height and how many words the lines broke without a hyphen."""
        return self.sizes.get(key)

    def put(self, key: tuple[object, ...], size: tuple[float, float, int]) -> None:
        if len(self.sizes) >= self.LIMIT:
            self.sizes.clear()
        self.sizes[key] = size


class SheetParagraph(RLParagraph):  # type: ignore[misc]
    """A paragraph that measures cheaply: fitting asks each one its height many times.

    Only drawing and splitting need the broken lines; a measurement may come from memory.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None
    _lines_width: float | None = None
    """The width ReportLab's own wrap last broke the lines for (None: no lines kept)."""
    cache: WrapCache | None = None
    cache_key: tuple[object, ...] = ()
    broken_words = 0
    """Words the last wrap had to cut without a hyphen (too long for the width)."""

    def __init__(self, text: Any, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        # Text in other scripts goes to their fonts, and may change how lines break.
        frags: list[Any] = getattr(self, "frags", [])
        self.frags, self.style = split_frags(frags, style)

    def breakLinesCJK(self, max_widths: Any) -> Any:
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        widths = list(max_widths) if isinstance(max_widths, list | tuple) else [max_widths]
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return ideographic_lines(self.frags, widths, auto_leading not in ("", "off"))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Line breaks depend on the width only, so a repeat at the same width is free.
        if self._wrapped is not None and self._wrapped[0] == available_width:
            return self._wrapped[1]
        known = self.cache.get((*self.cache_key, available_width)) if self.cache else None
        if known is not None:
            self.width, self.height, self.broken_words = known
            self._wrapped = (available_width, (known[0], known[1]))
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(available_width, available_height)
        self.broken_words = int(getattr(self, "_splitLongWordCount", 0))
        self._wrapped = (available_width, size)
        self._lines_width = available_width
        if self.cache is not None:
            self.cache.put((*self.cache_key, available_width), (*size, self.broken_words))
        return size

    def _break_lines(self, available_width: float) -> None:
        if self._lines_width != available_width:
            super().wrap(available_width, 1e6)
            self._lines_width = available_width

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._break_lines(available_width)
        parts: list[Flowable] = super().split(available_width, available_height)
        # ReportLab drops the lines of a paragraph it splits: measure afresh next time.
        self._wrapped = None
        self._lines_width = None
        return parts

    def draw(self) -> None:
        if self._wrapped is not None:
            self._break_lines(self._wrapped[0])
        super().draw()


def paragraph(
    text: Text, style: ParagraphStyle, theme: Theme, cache: WrapCache | None = None
) -> SheetParagraph:
    spans = tuple(replace(span, text=bind_figures(span.text)) for span in text.spans)
    markup = to_reportlab(spans, link_color=theme.colors.primary)
    made = SheetParagraph(markup, style)
    if cache is not None:
        made.cache = cache
        made.cache_key = (
            markup,
            style.name,
            style.fontName,
            style.fontSize,
            style.leading,
            style.leftIndent,
            style.rightIndent,
            style.alignment,
            style.hyphenationLang,
        )
    return made


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

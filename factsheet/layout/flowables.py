"""The flowables a sheet is set in: measured-once paragraphs and list items marked in parts."""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as RLParagraph

from factsheet.content.markup import Span
from factsheet.content.model import Text
from factsheet.layout.fraglines import frag_lines
from factsheet.layout.hyphenation import bind_figures
from factsheet.layout.runs import (
    RUN_CALLBACK,
    RunText,
    line_ends,
    run_at_end,
    run_boundary,
    run_markup,
)
from factsheet.layout.scriptruns import ideographic_lines, split_frags
from factsheet.layout.shows import Part, Shows, marks_of
from factsheet.layout.wrapcache import WrapCache
from factsheet.theme.fonts import EMBOLDENED
from factsheet.theme.model import Theme


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
    shows: Shows | None = None
    """What the paragraph shows; None for text inside a figure (a chart's labels)."""
    runs: tuple[Shows, ...] = ()
    """Its runs (plain, bold, italic, link), in the order of the marks in its markup."""
    first_run = 0
    plain = ""
    """The text as it reads (to tell a line wrapped between words from one inside a word)."""
    continues = False
    """The first part of a split paragraph: its text goes on in the next part."""
    marks_itself = True

    def __init__(
        self,
        text: Any,
        style: ParagraphStyle,
        *args: Any,
        parses: WrapCache | None = None,
        **kwargs: Any,
    ) -> None:
        plain = not args and not kwargs
        known = parses.parse_of(text, style) if parses is not None else None
        shaped = None
        if known is None and parses is not None and plain:
            shaped = parses.shapes.frags_for(text, style)  # a row's own words, known tags
            if shaped is not None:
                parses.keep_parse(text, style, *shaped)  # met again: no shaping
        if known is not None:
            # Each paragraph gets its own frags: ReportLab may change them in place.
            super().__init__(text, style, frags=[frag.clone() for frag in known[1]])
            self.text = known[0]
        elif shaped is not None:
            super().__init__(text, style, frags=shaped[1])
            self.text = shaped[0]
        else:
            super().__init__(text, style, *args, **kwargs)
            unchanged = self.bulletText == getattr(style, "bulletText", None)
            if parses is not None and plain and unchanged:
                parses.keep_parse(text, style, self.text, getattr(self, "frags", []))
                parses.shapes.keep(style, self.text, getattr(self, "frags", []))
        # Text in other scripts goes to their fonts, and may change how lines break.
        frags: list[Any] = getattr(self, "frags", [])
        self.frags, self.style = split_frags(frags, style)

    def breakLines(self, width: Any) -> Any:
        # Most paragraphs are broken by our faster copy of ReportLab's loop; the rest by it.
        lines = frag_lines(self, width)
        return super().breakLines(width) if lines is None else lines

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
        for part in parts:
            part.shows, part.runs, part.first_run = self.shows, self.runs, self.first_run
            part.plain = self.plain
        if len(parts) == 2:
            parts[1].first_run = run_at_end(parts[0].frags, self.first_run)
            parts[0].continues, parts[1].continues = True, self.continues
        # ReportLab drops the lines of a paragraph it splits: measure afresh next time.
        self._wrapped = None
        self._lines_width = None
        return parts

    def _lines_to_draw(self, available_width: float) -> None:
        """The lines, broken now or, for text every row draws alike, remembered."""
        if self._lines_width == available_width:
            return
        if self.cache is None or not self.cache_key:
            self._break_lines(available_width)
            return
        markup = str(self.cache_key[0])
        known = self.cache.lines_of(markup, self.style, available_width)
        if known is not None:
            self.blPara, self.frags = known
            self.width = self._lines_width = available_width
            return
        self._break_lines(available_width)
        self.cache.keep_lines(markup, self.style, available_width, self.blPara, self.frags)

    def draw(self) -> None:
        if self._wrapped is not None:
            self._lines_to_draw(self._wrapped[0])
        canvas = self.canv
        canvas.setNamedCB(RUN_CALLBACK, run_boundary)
        # Emboldened glyphs change the stroke state: keep it to this paragraph's text.
        stroked = any(getattr(f, "fontName", "").endswith(EMBOLDENED) for f in self.frags)
        if stroked:
            canvas.saveState()
        start = len(canvas._code)
        super().draw()
        if stroked:
            canvas.restoreState()
        marks = marks_of(canvas) if self.shows else None
        if marks is not None:
            marks.decoration(canvas, start)

    def beginText(self, x: float, y: float) -> RunText:
        marks = marks_of(self.canv) if self.shows else None
        if self.blPara.kind == 0:
            lines = [" ".join(words) for _, words in self.blPara.lines]
        else:
            lines = [
                "".join(f.text for f in line.words if not hasattr(f, "cbDefn"))
                for line in self.blPara.lines
            ]
        ends = line_ends(lines, self.plain, self.continues)
        return RunText(self.canv, x, y, self.runs, self.first_run, ends, marks)


def paragraph(
    text: Text,
    style: ParagraphStyle,
    theme: Theme,
    cache: WrapCache | None = None,
    shows: Shows | None = None,
) -> SheetParagraph:
    """The text set in the style; with `shows`, it marks itself (and its runs) when tagged."""
    spans = tuple(_bound(span) for span in text.spans)
    markup, runs = run_markup(spans, shows, theme.colors.primary)
    made = SheetParagraph(markup, style, parses=cache)
    made.shows, made.runs, made.plain = shows, runs, text.plain
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


def _bound(span: Span) -> Span:
    bound = bind_figures(span.text)
    return span if bound == span.text else replace(span, text=bound)


class ListItem(Flowable):  # type: ignore[misc]
    """A bulleted item whose bullet and text are drawn (and tagged) apart: Lbl and LBody."""

    continues = False
    """The first part of a split paragraph: its text goes on in the next part."""
    marks_itself = True

    def __init__(
        self, body: SheetParagraph, bullet: str, item: Shows, *, first: bool = True
    ) -> None:
        super().__init__()
        self.body = body
        self.bullet = bullet
        self.shows = item
        """The LIST_ITEM; the body paragraph shows its LIST_BODY."""
        self.label = Shows(Part.LIST_LABEL, bullet, item)
        self.first = first

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.body.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self.body.split(available_width, available_height)
        if len(parts) < 2:
            return []
        head = ListItem(parts[0], self.bullet, self.shows, first=self.first)
        return [head, ListItem(parts[1], self.bullet, self.shows, first=False)]

    def getSpaceBefore(self) -> float:
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.body.getSpaceAfter())

    def draw(self) -> None:
        style = self.body.style
        marks = marks_of(self.canv)
        if self.first:
            if marks is not None:
                marks.begin(self.canv, self.label)
            self.canv.setFont(style.bulletFontName, style.fontSize)
            self.canv.setFillColor(style.bulletColor)
            # ReportLab sets a paragraph's first baseline one font size below its top.
            self.canv.drawString(style.bulletIndent, self.height - style.fontSize, self.bullet)
            if marks is not None:
                marks.end(self.canv)
        self.body.drawOn(self.canv, 0, 0)

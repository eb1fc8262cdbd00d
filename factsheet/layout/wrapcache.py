"""What measuring paragraphs taught a builder, kept for its later trials and sheets."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle

from factsheet.layout.markup_shapes import ShapeCache


class WrapCache:
    """Paragraph sizes already measured: the same text, style and width break the same way.

    One cache serves every sheet a builder makes, so text shared by a series (all but the
    figures, often) is measured once, not once per trial size per row.
    """

    LIMIT = 5_000
    # About 6 new entries a sheet: a series refills it every ~800 sheets, and its memory stays
    # flat instead of growing by ~3 KB a sheet for the first 16,000.

    PARSED_LIMIT = 128
    LINES_LIMIT = 128
    """A sheet draws some 15 texts every row shares: room for several templates' worth."""

    def __init__(self) -> None:
        self.sizes: dict[tuple[object, ...], tuple[float, float, int]] = {}
        self.styles: dict[tuple[object, ...], tuple[object, Any]] = {}
        """Each trial size's styles (make_styles), by the theme they are for."""
        self.parsed: dict[tuple[str, int], tuple[ParagraphStyle, str, list[Any]]] = {}
        """ReportLab's parse of a markup in a style (by the style's identity: styles are
        shared through `styles`): the text every row of a series shares is parsed once."""
        self.seen: set[tuple[str, int]] = set()
        self.lasting: dict[int, ParagraphStyle] = {}
        """The paragraph styles of `styles`, by identity: only parses in these are kept (a
        style made for one use dies, and its identity may return for another)."""
        self.shapes = ShapeCache(self.lasting)
        self.lines: dict[tuple[str, int, float], tuple[ParagraphStyle, Any, list[Any]]] = {}
        """ReportLab's broken lines (and the frag words they come from) of a text drawn in a
        lasting style at a width: the headings and shared paragraphs every row draws."""
        self.lines_seen: set[tuple[str, int, float]] = set()

    def get(self, key: tuple[object, ...]) -> tuple[float, float, int] | None:
        """Width, height and how many words the lines broke without a hyphen."""
        return self.sizes.get(key)

    def put(self, key: tuple[object, ...], size: tuple[float, float, int]) -> None:
        if len(self.sizes) >= self.LIMIT:
            self.sizes.clear()
        self.sizes[key] = size

    def parse_of(self, markup: str, style: ParagraphStyle) -> tuple[str, list[Any]] | None:
        """The cleaned text and frags ReportLab parsed from this markup in this style before."""
        found = self.parsed.get((markup, id(style)))
        return (found[1], found[2]) if found is not None and found[0] is style else None

    def keep_parse(self, markup: str, style: ParagraphStyle, text: str, frags: list[Any]) -> None:
        """Keep a parse the second time it is made: text met once (a row's own figures) is
        not worth the memory."""
        if self.lasting.get(id(style)) is not style:
            return
        key = (markup, id(style))
        if not self._met_before(self.seen, key):
            return
        if len(self.parsed) >= self.PARSED_LIMIT:
            self.parsed.clear()
        # Copies: ReportLab changes a paragraph's own frags when it splits the paragraph.
        self.parsed[key] = (style, text, [frag.clone() for frag in frags])

    def lines_of(self, markup: str, style: ParagraphStyle, width: float) -> tuple[Any, Any] | None:
        """The lines and frag words this markup broke into at this width before, to draw."""
        found = self.lines.get((markup, id(style), width))
        return (found[1], found[2]) if found is not None and found[0] is style else None

    def keep_lines(
        self, markup: str, style: ParagraphStyle, width: float, lines: Any, frags: list[Any]
    ) -> None:
        """Keep lines broken for drawing the second time they are broken. Shared, not copied:
        drawing only reads them, and nothing splits a paragraph once it is drawn."""
        if self.lasting.get(id(style)) is not style:
            return
        key = (markup, id(style), width)
        if not self._met_before(self.lines_seen, key):
            return
        if len(self.lines) >= self.LINES_LIMIT:
            self.lines.clear()
        self.lines[key] = (style, lines, frags)

    def _met_before(self, seen: set[Any], key: Any) -> bool:
        """Whether key was met before; if not, it is noted (in a bounded set)."""
        if key in seen:
            return True
        if len(seen) >= self.LIMIT:
            seen.clear()
        seen.add(key)
        return False

"""Paragraph text that marks itself: a mark at every change of run, the right join at line ends.

A paragraph's runs are its plain text, bold and italic stretches and links, each with its own
`Shows` under the paragraph's. Layout writes a zero-width ReportLab `<onDraw>` where the run
changes; while the text object is filled, the callback closes the run's mark and opens the next
one (through the canvas's marks, when the PDF is tagged). A line that wrapped between words
ends in a real space, so the text reads "made available", never "madeavailable"; a word cut at
a line end reads whole, and a hyphen the line break added is an Artifact, not part of the word.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.colors import black
from reportlab.pdfgen.textobject import PDFTextObject

from factsheet.content.markup import Span, to_reportlab
from factsheet.layout.linebreak import break_allowed
from factsheet.layout.shows import Link, Marks, Part, Shows
from factsheet.theme.fonts import EMBOLDENED

RUN_CALLBACK = "factsheet_run"
SPACE, JOIN, HYPHEN = "space", "join", "hyphen"
STROKE_PER_SIZE = 0.025
"""An emboldened font's stroke, per point of type: about the weight its bold would add."""
"""How a wrapped line meets the next: between words, inside a word, inside a word at an added
hyphen."""


def run_markup(
    spans: tuple[Span, ...], shows: Shows | None, link_color: str
) -> tuple[str, tuple[Shows, ...]]:
    """ReportLab markup for the spans with a mark at each change of run, and the runs' Shows."""
    if shows is None:
        return to_reportlab(spans, link_color=link_color), ()
    runs: list[Shows] = []
    markup: list[str] = []
    link: Shows | None = None
    strong: Shows | None = None
    emphasis: Shows | None = None
    for index, span in enumerate(spans):
        previous = spans[index - 1] if index else None
        if span.href is None:
            link = None
        elif link is None or previous is None or previous.href != span.href:
            link = Shows(Part.LINK, Link(span.href, _link_text(spans, index)), shows)
        container = link or shows
        if not span.bold:
            strong = None
        elif strong is None or strong.parent is not container:
            strong = Shows(Part.STRONG, span, container)
        container = strong or container
        if not span.italic:
            emphasis = None
        elif emphasis is None or emphasis.parent is not container:
            emphasis = Shows(Part.EMPHASIS, span, container)
        leaf = emphasis or container
        if not runs or runs[-1] is not leaf:
            if runs:
                markup.append(f'<onDraw name="{RUN_CALLBACK}" label="{len(runs)}"/>')
            runs.append(leaf)
        markup.append(to_reportlab((span,), link_color=link_color))
    return "".join(markup), tuple(runs) or (shows,)


def _link_text(spans: tuple[Span, ...], start: int) -> str:
    words = []
    for span in spans[start:]:
        if span.href != spans[start].href:
            break
        words.append(span.text)
    return "".join(words)


def run_at_end(frags: list[Any], first: int) -> int:
    """The run open after these fragments (for the second half of a split paragraph)."""
    for frag in reversed(frags):
        definition = getattr(frag, "cbDefn", None)
        if definition is not None and getattr(definition, "name", "") == RUN_CALLBACK:
            return int(definition.label)
    return first


def line_ends(lines: list[str], plain: str, continues: bool = False) -> list[tuple[str, str]]:
    """How each line meets the next, found by reading the lines against the paragraph's text.

    Each end is (SPACE, "") between words, or (JOIN or HYPHEN, rest): inside a word, whose
    `rest` is what the next line holds of it. `plain` may start before the first line (the
    second part of a split paragraph); where the lines do not match it, all ends are spaces.
    A paragraph that `continues` elsewhere (the first part of a split) has an end after its
    last line too.
    """
    between_words = [(SPACE, "")] * max(0, len(lines) - (0 if continues else 1))
    text = " ".join(plain.replace("\u00a0", " ").split())
    first = " ".join(lines[0].replace("\u00a0", " ").split()) if lines else ""
    position = text.find(first[: max(1, len(first) // 2)]) if first else 0
    if position < 0:
        return between_words
    ends: list[tuple[str, str]] = []
    for line in lines if continues else lines[:-1]:
        words = " ".join(line.replace("\u00a0", " ").split())
        added_hyphen = False
        if text.startswith(words, position):
            position += len(words)
        elif words.endswith("-") and text.startswith(words[:-1], position):
            position += len(words) - 1  # a hyphen the break added, not the text's own
            added_hyphen = True
        else:
            return between_words
        if position >= len(text) or text[position] == " ":
            position += 1
            ends.append((SPACE, ""))
        elif break_allowed(text[position - 1], text[position]):
            # Chinese and Japanese lines break between ideographs: each reads on its own.
            ends.append((JOIN, ""))
        else:
            rest = text[position:].split(" ", 1)[0]
            ends.append((HYPHEN if added_hyphen else JOIN, rest))
    return ends


class RunText(PDFTextObject):  # type: ignore[misc]
    """A paragraph's text object: joins wrapped lines as the text reads, marks each run.

    A word broken over two lines is read whole: its pieces (and a hyphen the break added) are
    replaced by the word itself (ActualText), so readers neither split it nor read the hyphen.
    """

    def __init__(
        self,
        canvas: Any,
        x: float,
        y: float,
        runs: tuple[Shows, ...],
        first: int,
        ends: list[tuple[str, str]],
        marks: Marks | None,
    ) -> None:
        super().__init__(canvas, x, y)
        self.runs = runs
        self.marks = marks
        self.ends = iter(ends)
        self.word_open = False
        self.word_left = 0
        """Characters of a broken word still to come inside its ActualText span."""
        self.stroked = False
        """Drawing an emboldened font's glyphs: filled and stroked."""
        if marks is not None:
            marks.begin(self, runs[first])

    def switch(self, run: int) -> None:
        if self.marks is not None:
            self._close_word()
            self.marks.end(self)
            self.marks.begin(self, self.runs[run])

    def _textOut(self, text: str, TStar: int = 0) -> None:
        if self.word_left:
            # The rest of a broken word opens this line.
            rest, text = text[: self.word_left], text[self.word_left :]
            self.word_left -= len(rest)
            super()._textOut(rest)
            if not self.word_left:
                self._close_word()
        end, rest = next(self.ends, (JOIN, "")) if TStar else (JOIN, "")
        if end == SPACE:
            text += " "
        elif rest and self.marks is not None and not self.word_left:
            head, space, tail = text.rpartition(" ")
            if head or space:
                super()._textOut(head + space)
            word = (tail[:-1] if end == HYPHEN and tail.endswith("-") else tail) + rest
            self._repeat_font()
            self._code.append(f"/Span <</ActualText {_text_string(word)}>> BDC")
            self.word_open = True
            self.word_left = len(rest)
            text = tail
        super()._textOut(text, TStar)

    def _setFont(self, psfontname: str, size: float) -> None:
        self._embolden(psfontname, size)
        super()._setFont(psfontname, size)

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        self._embolden(psfontname, size)
        super().setFont(psfontname, size, leading)

    def setFillColor(self, color: Any, alpha: Any = None) -> None:
        super().setFillColor(color, alpha)
        if self.stroked:
            self.setStrokeColor(color, alpha)

    def _embolden(self, font: str, size: float) -> None:
        """Stroke the glyphs of an emboldened font (theme/fonts.py) in the colour they fill.

        The paragraph that draws them saves and restores the graphics state around its text,
        so neither the render mode nor the line width reaches what is drawn after it.
        """
        stroked = font.endswith(EMBOLDENED)
        if stroked and not self.stroked:
            self._code.append(f"2 Tr {size * STROKE_PER_SIZE:.3f} w")
            self.stroked = True
            self.setStrokeColor(getattr(self, "_fillColorObj", None) or black)
        elif self.stroked and not stroked:
            self._code.append("0 Tr")
            self.stroked = False

    def _close_word(self) -> None:
        if self.word_open:
            self._repeat_font()
            self._code.append("EMC")
        self.word_open = False
        self.word_left = 0

    def _repeat_font(self) -> None:
        """Set the font again where a broken word's span opens or closes: text extractors
        (pypdf) hand on the text they gathered at a font change, so the words drawn before
        the span are not taken for the span's own, nor the span's for the words after it."""
        for code in reversed(self._code):
            found = _FONT.findall(code)
            if found:
                self._code.append(found[-1])
                return

    def getCode(self) -> str:
        if next(self.ends, (JOIN, ""))[0] == SPACE:
            # The paragraph goes on in another column: its last line ends between words.
            super()._textOut(" ")
        if self.marks is not None:
            self._close_word()
            self.marks.end(self)
            self.marks = None
        code: str = super().getCode()
        return code


_FONT = re.compile(r"/\S+ [\d.]+ Tf")


def _text_string(text: str) -> str:
    """A PDF text string for any characters (UTF-16BE with its byte-order mark)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def run_boundary(canvas: Any, kind: str, label: str) -> None:
    """ReportLab's onDraw callback, at a change of run inside a paragraph's text."""
    text = canvas._curr_tx_info["tx"]
    if isinstance(text, RunText):
        text.switch(int(label))

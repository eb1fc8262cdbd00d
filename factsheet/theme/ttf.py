"""ReportLab TrueType faces that embed lean subsets: through factsheet.theme.fontprogram,
which drops the hinting and the spare names from each subset; and only the characters a
document draws."""

from __future__ import annotations

from functools import cached_property
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from factsheet.theme.leansubset import FaceParts, lean_subset

_FIRST_CODE = 33
"""Codes are handed out from "!" up: printable ASCII bytes, written in the content stream as
they are (codes below 32 and from 127 would each take a four-byte octal escape)."""


class LeanFace(TTFontFace):  # type: ignore[misc]
    """A TrueType face whose embedded subsets carry no hinting: ReportLab's subset passed
    through `fontprogram.strip_hinting`, built in one pass (theme/leansubset.py)."""

    @cached_property
    def lean_parts(self) -> FaceParts:
        return FaceParts(self)

    def makeSubset(self, subset: list[int]) -> bytes:
        return lean_subset(self.lean_parts, subset)


class DrawnOnlyStates(WeakKeyDictionary[Any, Any]):
    """A TTFont's per-document subset states, each embedding only the characters drawn.

    ReportLab's default state reserves the codes of all printable ASCII for their own
    characters and embeds every one of their glyphs, drawn or not: a bold face used for a few
    figures and headings carried some 100 glyphs. Here codes go to characters in the order
    they are first drawn (space keeps code 32, for word spacing). ReportLab reads
    `font.state[doc]` wherever it needs the state, so this mapping makes it on first use.
    """

    def __init__(self, font: TTFont) -> None:
        super().__init__()
        self.font = font

    def __getitem__(self, document: Any) -> Any:
        try:
            return super().__getitem__(document)
        except KeyError:
            state = DrawnState(False, self.font)
            # Codes 1-31 stay unused (the notdef glyph, left out of the ToUnicode map).
            state.subsets = [[0] * 32 + [32]]
            state.nextCode = _FIRST_CODE
            self[document] = state
            return state


class DrawnState(TTFont.State):  # type: ignore[misc]
    """ReportLab's subset state for one document, able to encode known text in one pass.

    ReportLab's splitString looks every character up in Python. A character's code never
    changes once given, so text made only of characters with codes in the first subset is
    encoded by one str.translate, as ReportLab's loop would encode it.
    """

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.codes: dict[int, str] = {}
        self.coded: set[str] = set()
        self.assigned = 0

    def encoded(self, text: str) -> bytes | None:
        """The text's codes in the first subset; None if a character has no code there yet."""
        if self.assigned != len(self.assignments):
            # ReportLab only adds assignments, in order: read the ones added since last time.
            added = islice(self.assignments.items(), self.assigned, None)
            codes = {char: chr(code) for char, code in added if code < 256}
            if 32 in codes:
                codes[0xA0] = codes[32]  # ReportLab draws a no-break space as a space
            self.codes.update(codes)
            self.coded.update(map(chr, codes))
            self.assigned = len(self.assignments)
        if not self.coded.issuperset(text):
            return None
        return text.translate(self.codes).encode("latin-1")

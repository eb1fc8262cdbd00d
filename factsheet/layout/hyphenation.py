"""Where a line may break: hyphenation by the sheet's language, and figures kept whole.

`hyphenator(lang)` gives ReportLab's paragraph a function that offers the break points of a
word (pyphen's patterns for the language), so a narrow cell hyphenates instead of cutting a
word anywhere. `bind_figures(text)` joins a figure to its groups, unit, per cent sign and
scale word with no-break spaces, so `5 055`, `76 %` and `$789 million` never split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

import pyphen
from msgspec import Struct
from reportlab.pdfbase.pdfmetrics import stringWidth

Hyphenator = Callable[[str], Iterator[tuple[str, str]]]
"""word -> (head, tail) pairs, longest head first; the line gets "head-" and "tail"."""

NO_BREAK_SPACE = "\u00a0"
SHORTEST_HYPHENATED = 6
"""Shorter words are never hyphenated."""

_SCALE_WORDS = (
    "million|millions|billion|billions|thousand|trillion|"
    "Millionen|Million|Milliarden|Milliarde|Tausend|Mio\\.|Mrd\\.|"
    "millones|millón|mil|millions|milliards|milliard"
)
_UNITS = "%|‰|€|£|\\$|pt|pp|km|kg|m²|ha|h|Std\\.|USD|EUR"
# A space between digit groups ("5 055", "1 234 567"), between a number and its unit or scale
# word ("76 %", "36.2 million", "4,13 Millionen"), or after a currency sign ("€ 5").
_GROUP_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_UNIT_SPACE = re.compile(rf"(?<=\d) (?=(?:{_SCALE_WORDS}|{_UNITS})(?![\w]))")
_CURRENCY_SPACE = re.compile(r"(?<=[$€£]) (?=\d)")


@lru_cache(maxsize=2048)
def bind_figures(text: str) -> str:
    """The text with every space inside a figure made a no-break space (remembered: the rows
    of a series share most of their texts)."""
    if not any(c.isdigit() for c in text):
        return text
    for pattern in (_GROUP_SPACE, _UNIT_SPACE, _CURRENCY_SPACE):
        text = pattern.sub(NO_BREAK_SPACE, text)
    return text


def _pyphen_language(lang: str) -> str | None:
    """pyphen's dictionary for a BCP 47 tag: en-US -> en_US, de -> de_DE, else None."""
    tag = lang.replace("-", "_")
    for candidate in (tag, tag.split("_")[0]):
        found = pyphen.language_fallback(candidate)
        if found:
            return str(found)
    return None


@lru_cache(maxsize=16)
def hyphenator(lang: str) -> Hyphenator | None:
    """The break points of words in this language, or None when no patterns exist for it."""
    language = _pyphen_language(lang)
    if language is None:
        return None

    def pairs(word: str) -> Iterator[tuple[str, str]]:
        if len(word) < SHORTEST_HYPHENATED:
            return iter(())
        # Never leave fewer than three letters on either side of the hyphen.
        return (
            (head, tail)
            for head, tail in _dictionary(language).iterate(word)
            if len(head) >= 3 and len(tail) >= 3
        )

    return pairs


@lru_cache(maxsize=16)
def _dictionary(language: str) -> pyphen.Pyphen:
    # Read on the first word offered for hyphenation: parsing a language's patterns takes
    # longer than laying out a whole sheet, and most sheets hyphenate no word at all.
    return pyphen.Pyphen(lang=language)


class OverlongOnly(Struct, frozen=True):
    """Break points only for a word too long for the room (a narrow cell): a word that fits
    moves to the next line whole instead of being hyphenated at the end of this one."""

    lang: str
    room: float
    font: str
    size: float

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        pairs = hyphenator(self.lang)
        if pairs is None or stringWidth(word, self.font, self.size) <= self.room:
            return iter(())
        return pairs(word)

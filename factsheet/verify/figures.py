"""What counts as a figure: every number in the text, with its grouping, decimals, % and scale."""

from __future__ import annotations

import re
from collections import Counter

from msgspec import Struct

from factsheet.content.model import Sheet

# Group separators: comma, or the no-break spaces some languages use ("9 720");
# a plain space never joins groups, so "2023 120" stays two figures.
_SCALE = r"(?:\s(?:million|billion|thousand|trillion)\b)?"
_GROUPS = r"(?:(?:,|[\u00a0\u202f])\d{3})+(?:\.\d+)?[%\uff05]?" + _SCALE
"""What follows the 1 to 3 digits of a figure's first group."""
_UNGROUPED = r"(?:\.\d+)?[%\uff05]?" + _SCALE
"""What follows the digits of a figure without groups."""
_FIGURE_SOURCE = r"[$€£]?\d{1,3}" + _GROUPS + r"|[$€£]?\d+" + _UNGROUPED

# A figure may follow an ideograph or a Hangul syllable directly ("在2031年"), as those
# scripts write numbers without spaces; after any other letter or digit it is part of a word.
# Tested in Python, not as a regular expression: a character class of these ranges costs
# every build some 5 ms to compile.
_WRITTEN_WITHOUT_SPACES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))
_FROM_THE_FIRST_WRITTEN_WITHOUT_SPACES = re.compile("[^\x00-\u2e7f]")
"""Any character from the first of those scripts' up: searched in C, unlike max(text).
Written as "not below it": compiling the range up to U+10FFFF itself takes some 50 ms."""

# Below the first of those characters, "not after a word character" is the whole rule, and a
# look-behind on \w (which is str.isalnum() or "_", as _inside_a_word tests) says it at C speed.
# The same figures as _FIGURE_SOURCE, written to start with a character class so that the
# search skips to the next currency sign or digit in C: the first character is taken, checked
# not to follow a word character, and then the rest is read as the source would after it.
_FIGURE_AFTER_NO_WORD = re.compile(
    r"[$€£\d](?<!\w[$€£\d])"
    r"(?:(?<=[$€£])(?:\d{1,3}" + _GROUPS + r"|\d+" + _UNGROUPED + r")"
    r"|(?<=\d)(?:\d{0,2}" + _GROUPS + r"|\d*" + _UNGROUPED + r"))"
)


def _inside_a_word(text: str, start: int) -> bool:
    """Whether a figure starting at start would continue the word before it."""
    if start == 0:
        return False
    before = text[start - 1]
    # The regular expression meaning of a word character (\w): a letter, digit or "_".
    if not (before.isalnum() or before == "_"):
        return False
    code = ord(before)
    return not any(first <= code <= last for first, last in _WRITTEN_WITHOUT_SPACES)


class Figure(Struct, frozen=True):
    text: str
    field: str


def find_figures(text: str) -> list[str]:
    """Every figure in text, normalised so that line breaks inside one do not matter."""
    text = " ".join(text.split())
    if _FROM_THE_FIRST_WRITTEN_WITHOUT_SPACES.search(text) is None:
        # No character of those scripts: one pass at C speed finds the same figures. (After
        # the join a figure holds single spaces only, so it needs no normalising of its own.)
        return _FIGURE_AFTER_NO_WORD.findall(text)
    return _figures_among_scripts(text)


def _figures_among_scripts(text: str) -> list[str]:
    """find_figures for a text holding ideographs, Hangul or full-width forms."""
    figure = re.compile(_FIGURE_SOURCE)  # compiled once per process, by re's own cache
    found: list[str] = []
    position = 0
    while (match := figure.search(text, position)) is not None:
        if _inside_a_word(text, match.start()):
            # As a look-behind would: try again from the next character.
            position = match.start() + 1
            continue
        found.append(" ".join(match.group(0).split()))
        position = match.end()
    return found


def sheet_figures(sheet: Sheet) -> list[Figure]:
    """Every figure of the sheet, with the field it comes from, in reading order."""
    return [
        Figure(figure, text.field) for text in sheet.texts() for figure in find_figures(text.plain)
    ]


def missing_figures(expected: list[Figure], page_text: str) -> list[Figure]:
    """Expected figures the page shows fewer times than the content holds them."""
    shown = Counter(find_figures(page_text))
    missing: list[Figure] = []
    for figure in expected:
        if shown[figure.text] > 0:
            shown[figure.text] -= 1
        else:
            missing.append(figure)
    return missing

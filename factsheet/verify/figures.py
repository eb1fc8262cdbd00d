"""What counts as a figure: every number in the text, with its grouping, decimals, % and scale."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from factsheet.content.model import Sheet

# Group separators: comma, or the no-break spaces some languages use ("9 720");
# a plain space never joins groups, so "2023 120" stays two figures.
# A figure may follow an ideograph or a Hangul syllable directly ("在2031年"), as those
# scripts write numbers without spaces; after any other letter or digit it is part of a word.
_NOT_AFTER = r"(?<![^\W\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef.,])"
_FIGURE = re.compile(
    _NOT_AFTER + r"[$€£]?\d{1,3}(?:(?:,|[\u00a0\u202f])\d{3})+(?:\.\d+)?[%\uff05]?"
    r"(?:\s(?:million|billion|thousand|trillion)\b)?"
    r"|" + _NOT_AFTER + r"[$€£]?\d+(?:\.\d+)?[%\uff05]?"
    r"(?:\s(?:million|billion|thousand|trillion)\b)?"
)


@dataclass(frozen=True)
class Figure:
    text: str
    field: str


def find_figures(text: str) -> list[str]:
    """Every figure in text, normalised so that line breaks inside one do not matter."""
    return [" ".join(match.group(0).split()) for match in _FIGURE.finditer(" ".join(text.split()))]


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

"""What counts as a figure, and where one may start: verify's rule, held to its definition."""

from __future__ import annotations

import random
import re

import pytest

from factsheet.verify import figures
from factsheet.verify.figures import find_figures

# The rule as one regular expression, the way it was first written: a figure may not follow a
# letter, digit or "_" (a word character) unless that character is an ideograph, a Hangul
# syllable or a full-width form (scripts that write numbers without spaces). find_figures
# tests the preceding character in Python instead (cheaper to load); it must agree exactly.
_DEFINITION = re.compile(
    r"(?<![^\W\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef.,])"
    r"[$€£]?\d{1,3}(?:(?:,|[\u00a0\u202f])\d{3})+(?:\.\d+)?[%\uff05]?"
    r"(?:\s(?:million|billion|thousand|trillion)\b)?"
    r"|(?<![^\W\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef.,])"
    r"[$€£]?\d+(?:\.\d+)?[%\uff05]?"
    r"(?:\s(?:million|billion|thousand|trillion)\b)?"
)


def _by_definition(text: str) -> list[str]:
    joined = " ".join(text.split())
    return [" ".join(m.group(0).split()) for m in _DEFINITION.finditer(joined)]


# Characters chosen to sit on every edge of the rule: digits (ASCII, Arabic-Indic, full-width),
# group and decimal marks, no-break spaces, currency, per cent (and its full-width form),
# letters of several scripts, "_", a superscript two (a word character that is no digit),
# ideographs and Hangul at the ends of their ranges, and characters just outside them.
_ALPHABET = (
    "0123456789" * 3
    + ",.,. \u00a0\u202f\n$€£%\uff05_ab"
    + "\u0663\uff11\u00b2é\u0416\u05d0\u0915"
    + "\u2e80\u9fff\u4e00\uac00\ud7af\uf900\ufaff\uff00\uffef\u2e7f\ua000\ud7b0\ufff0"
)
_WORDS = (" million", " billion", " thousand", " trillion", "million")


@pytest.mark.parametrize("seed", range(4))
def test_figures_found_are_exactly_the_rules(seed: int) -> None:
    picker = random.Random(seed)
    for _ in range(5000):
        pieces = [
            picker.choice(_WORDS) if picker.random() < 0.08 else picker.choice(_ALPHABET)
            for _ in range(picker.randint(1, 14))
        ]
        text = "".join(pieces)
        assert find_figures(text) == _by_definition(text), repr(text)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # After a Latin letter or a digit a number is part of a word: a code, not a figure.
        ("A1 and B22", []),
        ("in 2031, 45%", ["2031", "45%"]),
        # After an ideograph or Hangul it is a figure: these scripts use no spaces.
        ("在2031年增长45%", ["2031", "45%"]),
        ("인원1,234명", ["1,234"]),
        # A figure may start right after a group or decimal mark that ends a word.
        ("x1,234", ["234"]),
        ("v2.5", ["5"]),
        # "_" is a word character; a full-width form is written without spaces.
        ("_12 \uff2112", ["12"]),
        ("$789 million and €5,055.5%", ["$789 million", "€5,055.5%"]),
    ],
)
def test_where_a_figure_may_start(text: str, figures: list[str]) -> None:
    assert find_figures(text) == figures
    assert _by_definition(text) == figures


def test_below_the_ideographs_a_word_character_is_a_letter_digit_or_underscore() -> None:
    # The look-behind of the one-pass search relies on it for every character it may see.
    first = figures._WRITTEN_WITHOUT_SPACES[0][0]
    assert first == min(low for low, _ in figures._WRITTEN_WITHOUT_SPACES)
    for code in range(first):
        char = chr(code)
        assert bool(re.match(r"\w", char)) == (char.isalnum() or char == "_"), hex(code)


_NO_IDEOGRAPHS = "".join(char for char in _ALPHABET if char < "\u2e80")


@pytest.mark.parametrize("seed", range(2))
def test_the_one_pass_search_finds_what_the_character_by_character_one_does(seed: int) -> None:
    picker = random.Random(seed)
    for _ in range(5000):
        pieces = [
            picker.choice(_WORDS) if picker.random() < 0.08 else picker.choice(_NO_IDEOGRAPHS)
            for _ in range(picker.randint(0, 16))
        ]
        text = "".join(pieces)
        joined = " ".join(text.split())
        expected = figures._figures_among_scripts(joined)
        assert figures._FIGURE_AFTER_NO_WORD.findall(joined) == expected, repr(text)
        assert find_figures(text) == expected == _by_definition(text), repr(text)


@pytest.mark.parametrize(
    ("text", "figures_found"),
    [
        # After an ideographic iteration mark (a letter, U+3005) a figure starts...
        ("\u30052031", ["2031"]),
        # ...but not after the letter just below the ideographs' ranges (U+2E2F).
        ("\u2e2f2031", []),
        ("\u2e2f2031 \u30052031", ["2031"]),
        ("", []),
        ("12", ["12"]),
    ],
)
def test_texts_with_ideographs_take_the_search_that_knows_them(
    text: str, figures_found: list[str]
) -> None:
    assert find_figures(text) == figures_found == _by_definition(text)

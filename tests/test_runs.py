"""Where wrapped lines meet: between words, inside a word, or at a hyphen the break added."""

from __future__ import annotations

import random

import pytest

from factsheet.layout.linebreak import break_allowed
from factsheet.layout.runs import HYPHEN, JOIN, SPACE, line_ends


@pytest.mark.parametrize(
    ("lines", "plain", "ends"),
    [
        (["made", "available to all"], "made available to all", [(SPACE, "")]),
        # A word too long for its cell, cut without a hyphen: read whole.
        (["Categorizatio", "n of cases"], "Categorization of cases", [(JOIN, "n")]),
        # A hyphen the line break added: not part of the word.
        (["Categoriza-", "tion"], "Categorization", [(HYPHEN, "tion")]),
        # A hyphen the text has: kept, and no space after it.
        (["well-", "known"], "well-known", [(JOIN, "known")]),
        # The second part of a split paragraph starts inside the text.
        (["second part", "of it"], "first part and second part of it", [(SPACE, "")]),
        # No-break spaces print as spaces.
        (["Total\u00a0:", "12"], "Total : 12", [(SPACE, "")]),
        # Lines that do not match the text: every line ends between words.
        (["something", "else"], "unrelated words", [(SPACE, "")]),
        # A word cut twice: each break knows the rest of the word.
        (
            ["Supercal", "ifragil", "istic"],
            "Supercalifragilistic",
            [(JOIN, "ifragilistic"), (JOIN, "istic")],
        ),
    ],
)
def test_line_ends(lines: list[str], plain: str, ends: list[tuple[str, str]]) -> None:
    assert line_ends(lines, plain) == ends


def _line_ends_char_by_char(lines: list[str], plain: str) -> list[tuple[str, str]] | None:
    """The reading line_ends does, one character at a time (as it once did), for comparison:
    None where the lines do not match the text."""
    text = " ".join(plain.replace("\u00a0", " ").split())
    first = " ".join(lines[0].replace("\u00a0", " ").split())
    position = text.find(first[: max(1, len(first) // 2)]) if first else 0  # where it starts
    if position < 0:
        return None
    ends: list[tuple[str, str]] = []
    for line in lines[:-1]:
        words = " ".join(line.replace("\u00a0", " ").split())
        added_hyphen = False
        for index, char in enumerate(words):
            if position < len(text) and text[position] == char:
                position += 1
            elif char == "-" and index == len(words) - 1:
                added_hyphen = True
            else:
                return None
        if position >= len(text) or text[position] == " ":
            position += 1
            ends.append((SPACE, ""))
        elif break_allowed(text[position - 1], text[position]):
            ends.append((JOIN, ""))
        else:
            rest = text[position:].split(" ", 1)[0]
            ends.append((HYPHEN if added_hyphen else JOIN, rest))
    return ends


def test_lines_are_read_against_the_text_as_one_character_at_a_time_would() -> None:
    rng = random.Random(2031)
    words = ["well-known", "fictional", "5\u00a0055", "rooms", "a", "co-op", "-", "x-"]
    for _ in range(3_000):
        plain = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        # Break the text at random places, sometimes adding a hyphen, sometimes a wrong letter.
        cuts = sorted(rng.sample(range(len(plain) + 1), k=min(len(plain), rng.randint(0, 3))))
        pieces = [plain[a:b] for a, b in zip([0, *cuts], [*cuts, len(plain)], strict=True)]
        lines = [p + ("-" if rng.random() < 0.3 else "") for p in pieces[:-1]] + pieces[-1:]
        if rng.random() < 0.1:
            lines[0] = "Q" + lines[0]
        expected = _line_ends_char_by_char(lines, plain)
        found = line_ends(lines, plain)
        if expected is None:
            assert found == [(SPACE, "")] * (len(lines) - 1)
        else:
            assert found == expected, (lines, plain)

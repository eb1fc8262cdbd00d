"""Where wrapped lines meet: between words, inside a word, or at a hyphen the break added."""

from __future__ import annotations

import pytest

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

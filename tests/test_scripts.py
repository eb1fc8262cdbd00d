"""Which scripts a text needs fonts for: the quick answer for most sheets is the full one."""

from __future__ import annotations

import random

import pytest

from factsheet.content import scripts
from factsheet.content.scripts import SCRIPTS, script_of, scripts_in


def _by_definition(text: str) -> list[str]:
    """Each character's script, in order of first appearance (what scripts_in promises)."""
    found = [script_of(char) for char in text]
    return list(dict.fromkeys(script.key for script in found if script is not None))


def test_the_quick_answer_starts_at_the_lowest_script_range() -> None:
    lowest = min(low for script in SCRIPTS for low, _ in script.ranges)
    assert scripts._FROM_THE_FIRST_SCRIPT.search(chr(lowest))
    assert scripts._FROM_THE_FIRST_SCRIPT.search(chr(0x10FFFF))
    assert scripts._FROM_THE_FIRST_SCRIPT.search("".join(map(chr, range(lowest)))) is None


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("", []),
        ("Example 1,234 caf\u00e9 \u08ff", []),
        ("\u0900", ["devanagari"]),
        ("a \uac00 b \u4e00 \u0915", ["hangul", "han", "devanagari"]),
        ("\U00020000", ["han"]),
    ],
)
def test_scripts_in_edges(text: str, keys: list[str]) -> None:
    assert [script.key for script in scripts_in(text)] == keys == _by_definition(text)


def test_scripts_in_agrees_with_each_characters_script() -> None:
    picker = random.Random(7)
    edges = [low for script in SCRIPTS for low, _ in script.ranges]
    edges += [high for script in SCRIPTS for _, high in script.ranges]
    alphabet = "ab 1\u00e9\u08ff" + "".join(
        chr(code) for edge in edges for code in (edge - 1, edge, edge + 1)
    )
    for _ in range(3000):
        text = "".join(picker.choice(alphabet) for _ in range(picker.randint(0, 6)))
        assert [script.key for script in scripts_in(text)] == _by_definition(text), repr(text)

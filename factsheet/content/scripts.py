"""Writing systems: which script a character belongs to, and how each script is set.

Unicode normalisation, the scripts factsheet sets beyond the Latin font, and the scripts it
refuses (right to left) live here, as data, so that the loader, the fonts and line breaking
read one description.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from msgspec import Struct


class Script(Struct, frozen=True):
    """A script that needs fonts of its own, and how to get one."""

    key: str
    """The name a theme uses under fonts.scripts."""
    label: str
    ranges: tuple[tuple[int, int], ...]
    install: str
    """The one command that installs an open-licensed TrueType font for it (Debian)."""
    ideographic: bool = False
    """Lines may break between any two characters (Chinese, Japanese), with kinsoku rules."""
    shaped: bool = False
    """Needs HarfBuzz shaping to draw correctly (conjuncts, reordered vowel signs)."""


SCRIPTS: tuple[Script, ...] = (
    Script(
        "han",
        "Chinese/Japanese (Han, kana)",
        (
            (0x2E80, 0x2FDF),  # CJK radicals
            (0x3000, 0x303F),  # CJK symbols and punctuation
            (0x3040, 0x30FF),  # hiragana, katakana
            (0x3100, 0x312F),  # bopomofo
            (0x31C0, 0x31FF),  # strokes, katakana extensions
            (0x3400, 0x4DBF),  # extension A
            (0x4E00, 0x9FFF),  # unified ideographs
            (0xF900, 0xFAFF),  # compatibility ideographs
            (0xFE30, 0xFE4F),  # vertical forms
            (0xFF00, 0xFFEF),  # full-width forms and punctuation
            (0x20000, 0x3134F),  # extensions B to G
        ),
        "sudo apt-get install fonts-droid-fallback",
        ideographic=True,
    ),
    Script(
        "hangul",
        "Korean (Hangul)",
        ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF)),
        "sudo apt-get install fonts-nanum",
    ),
    Script(
        "devanagari",
        "Hindi (Devanagari)",
        ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)),
        "sudo apt-get install fonts-lohit-deva",
        shaped=True,
    ),
)
BY_KEY = {script.key: script for script in SCRIPTS}

# Characters every script shares (spaces, digits, punctuation) follow their neighbours.
_RIGHT_TO_LEFT = {"R", "AL"}
_RTL_NAMES = (
    ("ARABIC", "Arabic"),
    ("HEBREW", "Hebrew"),
    ("SYRIAC", "Syriac"),
    ("THAANA", "Thaana"),
    ("NKO", "N'Ko"),
)


_FROM_THE_FIRST_SCRIPT = re.compile("[^\x00-\u08ff]")
"""Any character from the lowest of the scripts' ranges up: searched in C, unlike max(text).
Written as "not below it": compiling the range up to U+10FFFF itself takes some 25 ms."""


def script_of(char: str) -> Script | None:
    """The script needing its own fonts that char belongs to (None: the theme's main fonts)."""
    code = ord(char)
    if code < 0x0900:
        return None
    for script in SCRIPTS:
        for low, high in script.ranges:
            if low <= code <= high:
                return script
    return None


def scripts_in(text: str) -> list[Script]:
    """The scripts of text that need their own fonts, in the order they first appear."""
    if _FROM_THE_FIRST_SCRIPT.search(text) is None:
        return []  # every character is below the first script's (most sheets: at C speed)
    found: dict[str, Script] = {}
    for char in text:
        script = script_of(char)
        if script is not None:
            found.setdefault(script.key, script)
    return list(found.values())


def right_to_left(text: str) -> list[str]:
    """The right-to-left characters of text (Arabic, Hebrew, Persian, Urdu...)."""
    if text.isascii():  # no ASCII character is right-to-left
        return []
    return sorted({char for char in text if unicodedata.bidirectional(char) in _RIGHT_TO_LEFT})


def right_to_left_names(chars: list[str]) -> str:
    """Which right-to-left scripts the characters are in, for a message."""
    names: list[str] = []
    for char in chars:
        unicode_name = unicodedata.name(char, "")
        name = next((label for key, label in _RTL_NAMES if unicode_name.startswith(key)), "")
        name = name or "right-to-left"
        if name not in names:
            names.append(name)
    return ", ".join(names)


def right_to_left_refusal(text: str) -> tuple[str, str] | None:
    """The message and hint refusing text in a right-to-left script, if it holds any."""
    chars = right_to_left(text)
    if not chars:
        return None
    return (
        f"right-to-left scripts ({right_to_left_names(chars)}) are not supported yet: "
        f"{shown(chars, 4)}",
        "factsheet sets left-to-right scripts only for now (Arabic, Persian, Urdu and Hebrew "
        "are not); it refuses rather than risk a figure printed reversed",
    )


def nfc(value: Any) -> Any:
    """Every string in value (and in its lists and mappings) in Unicode normal form C.

    Decomposed text (a base letter and combining marks, as some editors and keyboards
    write Vietnamese) draws its marks misplaced and reads back unlike the content.
    """
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    return value


def shown(chars: list[str] | set[str], limit: int = 8) -> str:
    """Characters for a message: each with its code point, the first few only."""
    ordered = sorted(chars)
    text = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in ordered[:limit])
    return text + (f" and {len(ordered) - limit} more" if len(ordered) > limit else "")

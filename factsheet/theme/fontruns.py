"""Which font draws each character: the theme's own fonts, else the first font of the
character's script chain that has every glyph of its run."""

from __future__ import annotations

import unicodedata

from factsheet.content.scripts import BY_KEY, script_of
from factsheet.theme.fonts import FontFamily, covers

Run = tuple[str, str | None]
"""A piece of text and the font it is drawn in (None: the text's own font)."""


def font_runs(text: str, family: FontFamily, own_font: str, *, bold: bool = False) -> list[Run]:
    """Split text into runs, each drawn in one font; a text the own font covers stays whole."""
    if not family.fallbacks or covers(own_font, text):
        return [(text, None)]
    keys = _script_keys(text, own_font)
    runs: list[Run] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or keys[end] != keys[start]:
            runs += _runs_in(text[start:end], keys[start], family, own_font, bold)
            start = end
    return _merged(runs)


def _script_keys(text: str, own_font: str) -> list[str | None]:
    """Each character's script key; shared characters (digits, punctuation, spaces) stay in
    the own font when it has them, except inside a word of a shaped script, whose font
    must shape the whole word; combining marks always follow their base."""
    keys: list[str | None] = [_key(char) for char in text]
    for index, char in enumerate(text):
        if keys[index] is not None or not _shared(char):
            continue
        shaped = _shaped_word_key(text, keys, index)
        if shaped is not None:
            keys[index] = shaped
        elif unicodedata.category(char).startswith("M") and index > 0:
            keys[index] = keys[index - 1]
        elif not covers(own_font, char):
            keys[index] = _neighbour_key(keys, index)
    return keys


def _key(char: str) -> str | None:
    script = script_of(char)
    return script.key if script is not None else None


def _shared(char: str) -> bool:
    return not unicodedata.category(char).startswith("L")


def _shaped_word_key(text: str, keys: list[str | None], index: int) -> str | None:
    if text[index].isspace():
        return None
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(text) and not text[position].isspace():
            key = keys[position]
            if key is not None and BY_KEY[key].shaped:
                return key
            position += step
    return None


def _neighbour_key(keys: list[str | None], index: int) -> str | None:
    before = next((k for k in reversed(keys[:index]) if k is not None), None)
    return before or next((k for k in keys[index + 1 :] if k is not None), None)


def _runs_in(
    piece: str, key: str | None, family: FontFamily, own_font: str, bold: bool
) -> list[Run]:
    if key is None and covers(own_font, piece):
        return [(piece, None)]
    chain = family.chain(key) if key is not None else list(family.fallbacks)
    names = [fallback.bold if bold else fallback.regular for fallback in chain]
    whole = next((name for name in names if covers(name, piece)), None)
    if whole is not None:
        return [(piece, whole)]
    # No font has them all: each character in the first font that has it, else its own.
    runs: list[Run] = []
    for char in piece:
        if covers(own_font, char):
            runs.append((char, None))
            continue
        runs.append((char, next((name for name in names if covers(name, char)), None)))
    return runs


def _merged(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for text, font in runs:
        if merged and merged[-1][1] == font:
            merged[-1] = (merged[-1][0] + text, font)
        else:
            merged.append((text, font))
    return merged


def missing_glyphs(text: str, family: FontFamily, own_font: str, *, bold: bool) -> set[str]:
    """Characters of text that no font would draw (ReportLab would leave them blank)."""
    missing: set[str] = set()
    for piece, font in font_runs(text, family, own_font, bold=bold):
        name = font or own_font
        if covers(name, piece):  # the usual case, one look-up of the font for the whole run
            continue
        missing |= {char for char in piece if not char.isspace() and not covers(name, char)}
    return missing

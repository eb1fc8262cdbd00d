"""What each glyph that shaping added stands for, for readers that map glyphs to text.

ReportLab draws a shaped glyph that has no character of its own (a conjunct, a half form, a
vowel sign's variant) under a private-use code point (U+E000 on). Left so, copy-paste, search
and accessibility checkers that read the font's ToUnicode map get private-use characters.
Each such glyph stands for the characters of its HarfBuzz cluster that the cluster's other
glyphs do not already show: in स्त the half form of स stands for "स्". A glyph can stand for
different characters in different words (a vowel sign's variant drawn inside a conjunct's
cluster); the reading most words give it wins, ties going to the shortest, then the first in
code-point order, so the map is the same on every run.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from reportlab.pdfbase import pdfmetrics

_PRIVATE_FIRST, _PRIVATE_LAST = 0xE000, 0xF8FF


class GlyphTexts:
    """What the private-use glyphs of the words shaped for one sheet stand for, per font."""

    def __init__(self) -> None:
        self._seen: dict[str, defaultdict[str, Counter[str]]] = {}

    def note(self, word: str, shown: str, font: str) -> None:
        """Count what each private-use glyph of the word as shaped in font stands for."""
        readings = _glyph_readings(word, shown)
        if readings:
            face = pdfmetrics.getFont(font).face
            name = (face.name + face.subfontNameX).decode("latin-1")
            into = self._seen.setdefault(name, defaultdict(Counter))
            for char, text in readings:
                into[char][text] += 1

    def by_font(self) -> dict[str, dict[str, str]]:
        """For each font (by its PDF name, without the subset tag): each private-use character
        its shaped glyphs were drawn under, and the text that glyph stands for."""
        return {
            name: {char: _most_common(counts) for char, counts in chars.items()}
            for name, chars in self._seen.items()
        }


def _glyph_readings(word: str, shown: str) -> list[tuple[str, str]]:
    """Each private-use glyph of the shaped word and the characters of the word it shows."""
    data = getattr(shown, "__shapeData__", None)
    if not data:
        return []
    starts = sorted({piece.cluster for piece in data if piece.cluster <= len(word)})
    readings = []
    for index, (char, piece) in enumerate(zip(shown, data, strict=False)):
        if not _PRIVATE_FIRST <= ord(char) <= _PRIVATE_LAST:
            continue
        end = next((start for start in starts if start > piece.cluster), len(word))
        drawn_by_others = {
            shown[other]
            for other, neighbour in enumerate(data)
            if other != index and neighbour.cluster == piece.cluster
        }
        text = "".join(c for c in word[piece.cluster : end] if c not in drawn_by_others)
        if text:
            readings.append((char, text))
    return readings


def _most_common(counts: Counter[str]) -> str:
    return min(counts, key=lambda text: (-counts[text], len(text), text))

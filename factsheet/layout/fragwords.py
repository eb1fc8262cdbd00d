"""A paragraph's words for breaking, as ReportLab gathers them, each fragment's font found once."""

from __future__ import annotations

from string import whitespace
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.paragraph import _FK_APPEND, _FK_TEXT, _HSFrag, lstrip, split


def frag_words(frags: list[Any]) -> list[Any]:
    """ReportLab's _getFragWords for fragments of text and width-less callbacks: the words,
    each [width, (fragment, text), ...], an _HSFrag when a space follows it. Its steps, with
    each fragment's font looked up once rather than for every word."""
    words: list[Any] = []
    word: list[Any] = []
    width: Any = 0
    hanging_space = False
    strip_leading = True
    for frag in frags:
        text = frag.text
        if text != "":
            frag._fkind = _FK_TEXT
            if strip_leading:
                text = lstrip(text)
                if not text:
                    continue
                strip_leading = False
            parts = split(text)
            if text[0] in whitespace or not parts:
                if word:
                    words.append([width, *word])
                    after_space = hanging_space
                    word, width, hanging_space = [], 0, False
                else:
                    after_space = bool(words) and isinstance(words[-1], _HSFrag)
                if not after_space:
                    parts.insert(0, "")
                elif not parts:
                    continue
            measure = getFont(frag.fontName).stringWidth
            size = frag.fontSize
            for part in parts[:-1]:
                word.append((frag, part))
                width += measure(part, size)
                words.append(_HSFrag([width, *word]))
                word, width = [], 0
            hanging_space = False
            part = parts[-1]
            word.append((frag, part))
            width += measure(part, size)
            if text[-1] in whitespace:
                words.append(_HSFrag([width, *word]))
                word, width = [], 0
        elif "cbDefn" in frag.__dict__:  # without a width: images are left to ReportLab
            frag._fkind = _FK_APPEND
            if not word and words and isinstance(words[-1], _HSFrag):
                words[-1].append((frag, ""))
            else:
                word.append((frag, ""))
    if word:
        words.append([width, *word])
    if not words and frags:
        frags[0]._fkind = _FK_TEXT
        words = [[0, (frags[0], "")]]
    return words

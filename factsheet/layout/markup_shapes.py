"""Paragraph markup that differs from one seen before only in its words: fragments without a parse.

ReportLab turns a paragraph's markup into fragments with an HTML parser: one fragment for each
run of text between tags, for each entity and for each callback tag, styled by the tags around
it. In a series, a row's paragraph has the same tags as the last row's and other words (its
own figures and names), so its fragments are the last row's with their texts replaced. That
holds only where the parse shows it: a shape is kept only when each of its fragments carries
exactly the text of its place in the markup, and it is not used for a style that transforms
text (upper case, say), where a fragment's text depends on its neighbours.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

_TOKENS = re.compile(r"(<[^>]*>|&[#\w]+;)")

_TEXT = 1
"""Stands for a run of text in a shape; tags and entities stand for themselves."""

Shape = tuple[object, ...]


def shape_of(cleaned: str) -> tuple[Shape, list[str]]:
    """The markup's tags and entities with each run of text marked, and the runs' texts."""
    shape: list[object] = []
    texts: list[str] = []
    for index, token in enumerate(_TOKENS.split(cleaned)):
        if index % 2:
            shape.append(token)
        elif token:
            shape.append(_TEXT)
            texts.append(token)
    return tuple(shape), texts


def _expected_texts(shape: Shape, texts: list[str]) -> list[str] | None:
    """Each fragment's text, if ReportLab's parse gives one fragment per run, entity and
    callback; None for markup whose fragments this module cannot foresee."""
    expected: list[str] = []
    runs = iter(texts)
    for token in shape:
        if token == _TEXT:
            expected.append(next(runs))
        elif isinstance(token, str) and token.startswith("&"):
            expected.append(unescape(token))
        elif isinstance(token, str) and token.lower().startswith("<ondraw"):
            expected.append("")
        elif isinstance(token, str) and not token.startswith(("</", "<b>", "<i>", "<a ", "<font ")):
            return None  # a tag this module was not written for
    return expected


def template_of(shape: Shape, texts: list[str], frags: list[Any]) -> list[Any] | None:
    """Copies of a parse's fragments to make others of the same shape from, or None when the
    fragments are not one per run, entity and callback, each with its own text."""
    expected = _expected_texts(shape, texts)
    if expected is None or [frag.text for frag in frags] != expected:
        return None
    return [frag.clone() for frag in frags]


def frags_from(template: list[Any], shape: Shape, texts: list[str]) -> list[Any]:
    """Fragments for markup of the template's shape: its fragments with these runs' texts."""
    made = [frag.clone() for frag in template]
    runs = iter(texts)
    position = 0
    for token in shape:
        if token == _TEXT:
            made[position].text = next(runs)
        if token == _TEXT or _makes_a_fragment(token):
            position += 1
    return made


def _makes_a_fragment(token: object) -> bool:
    return isinstance(token, str) and (token.startswith("&") or token.lower().startswith("<ondraw"))


class ShapeCache:
    """A template for each shape of markup met in a lasting style (bounded: a series meets a
    few dozen shapes, a long one the same few again)."""

    LIMIT = 256

    def __init__(self, lasting: dict[int, Any]) -> None:
        self.lasting = lasting
        """The styles whose identity lasts (WrapCache.lasting): a template is kept by style."""
        self.templates: dict[tuple[Shape, int], tuple[Any, list[Any]]] = {}

    def frags_for(self, markup: str, style: Any) -> tuple[str, list[Any]] | None:
        """The cleaned text and fragments ReportLab's parse would give, when the shape is known."""
        from reportlab.platypus.paragraph import cleanBlockQuotedText

        if self.lasting.get(id(style)) is not style:
            return None  # no shape is kept for it: spare the cleaning and the split
        cleaned = cleanBlockQuotedText(markup)  # (keep stores no shape for a transforming style)
        shape, texts = shape_of(cleaned)
        found = self.templates.get((shape, id(style)))
        if found is None or found[0] is not style:
            return None
        return cleaned, frags_from(found[1], shape, texts)

    def keep(self, style: Any, cleaned: str, frags: list[Any]) -> None:
        """Keep what a parse in a lasting style shows about its shape."""
        if self.lasting.get(id(style)) is not style or getattr(style, "textTransform", None):
            return
        shape, texts = shape_of(cleaned)
        if (shape, id(style)) in self.templates:
            return
        template = template_of(shape, texts, frags)
        if template is not None:
            if len(self.templates) >= self.LIMIT:
                self.templates.clear()
            self.templates[(shape, id(style))] = (style, template)

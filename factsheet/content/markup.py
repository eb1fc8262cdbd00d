"""Inline markup: **bold**, *italic* and [text](url), parsed into spans; all else is literal.

A web or e-mail address written out in the text (https://..., www.example.org,
name@example.org) is a link to itself, as a reader of the printed address expects of the PDF.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from msgspec import Struct

ALLOWED_SCHEMES = ("http", "https", "mailto")

# [text](target): text may hold emphasis but no brackets; the target no spaces, and
# parentheses only in balanced pairs one deep, as in ".../Fact_(data)". Escaped brackets
# (\[, \]) never open or close a link.
_LINK = re.compile(r"(?<!\\)\[([^\[\]]+)(?<!\\)\]\(((?:[^()\s]|\([^()\s]*\))*)\)")

# An address written out: up to white space or ideographic punctuation, less the punctuation
# that ends the sentence around it (a closing parenthesis too, unless the address opened one).
_ADDRESS = re.compile(
    r"(?<![A-Za-z0-9_@/.])(?:https?://|www\.)[^\s<>\[\]\"\u3000-\u303f\uff00-\uffef]+"
    r"|(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    re.IGNORECASE,
)
_MAYBE_ADDRESS = re.compile(r"//|@|www\.", re.IGNORECASE)
"""What every match of _ADDRESS holds: most texts have none, and skip the full search."""
_TRAILING = ".,;:!?'\u2019\u201d"


class Span(Struct, frozen=True):
    """A run of literal text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


class MarkupError(ValueError):
    """The text's inline markup is malformed; the message says how."""


@lru_cache(maxsize=1024)
def parse(text: str) -> tuple[Span, ...]:
    """Split text into styled spans, refusing unbalanced emphasis and unsafe links.

    Remembered (the spans are immutable): the rows of a series share most of their texts.
    """
    spans: list[Span] = []
    position = 0
    for match in _LINK.finditer(text):
        spans += _parse_emphasis(text[position : match.start()], href=None)
        target = match.group(2)
        _check_link_target(target)
        spans += _parse_emphasis(match.group(1), href=target)
        position = match.end()
    spans += _parse_emphasis(text[position:], href=None)
    return tuple(_merge([piece for span in spans for piece in _link_addresses(span)]))


def _link_addresses(span: Span) -> list[Span]:
    """The span, with each address written out in it made a link to itself."""
    if span.href is not None:
        return [span]
    if not _MAYBE_ADDRESS.search(span.text):
        return [Span(span.text, span.bold, span.italic)] if span.text else []
    pieces: list[Span] = []
    position = 0
    for match in _ADDRESS.finditer(span.text):
        address = _trimmed(match.group(0))
        if "." not in address.split("//")[-1].strip("."):
            continue
        start = match.start()
        pieces.append(Span(span.text[position:start], span.bold, span.italic))
        pieces.append(Span(address, span.bold, span.italic, href=_target(address)))
        position = start + len(address)
    pieces.append(Span(span.text[position:], span.bold, span.italic))
    return [piece for piece in pieces if piece.text]


def _trimmed(address: str) -> str:
    while address and (
        address[-1] in _TRAILING or (address[-1] == ")" and address.count("(") < address.count(")"))
    ):
        address = address[:-1]
    return address


def _target(address: str) -> str:
    if "@" in address and "://" not in address:
        return f"mailto:{address}"
    return address if "://" in address else f"https://{address}"


def _check_link_target(target: str) -> None:
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = target if target else "(empty)"
        raise MarkupError(
            f"link target {shown!r} is not allowed; use an http, https or mailto address"
        )
    if scheme in ("http", "https") and not urlsplit(target).netloc:
        raise MarkupError(f"link target {target!r} has no host")


_SPECIAL = re.compile(r"[\\*]")
"""The characters emphasis parsing looks at; every other one is literal text."""


def _parse_emphasis(text: str, href: str | None) -> list[Span]:
    if "*" not in text and "\\" not in text:
        return [Span(text, href=href)] if text else []  # plain text: one span, no scan
    spans: list[Span] = []
    buffer: list[str] = []
    bold = italic = False
    bold_opened_at = italic_opened_at = -1

    def flush() -> None:
        if buffer:
            spans.append(Span("".join(buffer), bold=bold, italic=italic, href=href))
            buffer.clear()

    index = 0
    while index < len(text):
        # A run of ordinary characters is copied at once: only a backslash or a star can
        # change the style (figures and words of a series sheet differ in every row).
        special = _SPECIAL.search(text, index)
        stop = len(text) if special is None else special.start()
        if stop > index:
            buffer.append(text[index:stop])
            index = stop
            continue
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in "*[]\\":
            buffer.append(text[index + 1])
            index += 2
            continue
        if text.startswith("**", index):
            flush()
            bold = not bold
            bold_opened_at = index
            index += 2
            continue
        if char == "*" and _is_emphasis_star(text, index, closing=italic):
            flush()
            italic = not italic
            italic_opened_at = index
            index += 1
            continue
        buffer.append(char)
        index += 1
    flush()
    if bold:
        raise MarkupError(
            f"unbalanced '**' at character {bold_opened_at + 1}: bold text is opened "
            "but never closed (write \\* for a literal asterisk)"
        )
    if italic:
        raise MarkupError(
            f"unbalanced '*' at character {italic_opened_at + 1}: italic text is opened "
            "but never closed (write \\* for a literal asterisk)"
        )
    return spans


def _is_emphasis_star(text: str, index: int, *, closing: bool) -> bool:
    # As in Markdown, a star with a space after it cannot open emphasis and one with a
    # space before it cannot close it: "5 * 3" stays literal.
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if closing:
        return not before.isspace()
    return not after.isspace()


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and _same_style(merged[-1], span):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic, span.href)
        else:
            merged.append(span)
    return merged


def _same_style(a: Span, b: Span) -> bool:
    return (a.bold, a.italic, a.href) == (b.bold, b.italic, b.href)


# A space before closing punctuation becomes a no-break space, so that a line never starts
# with a stranded ":" or "?" (as in "(HHS-ORR) :").
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[:;!?\u00bb])")


def escape(text: str) -> str:
    """Text as literal characters in markup (xml.sax.saxutils would cost 20 ms of imports)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_reportlab(spans: tuple[Span, ...], *, link_color: str, emphasis_color: str = "") -> str:
    """ReportLab paragraph markup for the spans, with every user character escaped."""
    parts: list[str] = []
    for span in spans:
        piece = escape(_SPACE_BEFORE_PUNCTUATION.sub("\u00a0", span.text))
        if span.italic:
            piece = f"<i>{piece}</i>"
        if span.bold:
            piece = f"<b>{piece}</b>"
            if emphasis_color:
                piece = f'<font color="{emphasis_color}">{piece}</font>'
        if span.href:
            target = escape(span.href).replace('"', "&quot;")
            piece = f'<a href="{target}" color="{link_color}" underline="1">{piece}</a>'
        parts.append(piece)
    return "".join(parts)

"""Text that shaping made unreadable, made readable again: each run of shaped glyphs is
wrapped in a marked-content span whose ActualText is the text it stands for.

Shaped scripts (Devanagari) draw conjuncts as glyphs with no character of their own and
draw some vowel signs before the consonant they follow; read back glyph by glyph, the words
come out scrambled. Copy-paste, screen readers and factsheet's own verification read the
ActualText instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

import pikepdf

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_SHOW = ("Tj", "TJ")
_KEEP_GROUP = ("Ts",)
"""Operators that may sit inside one shaped word: a rise for a mark drawn above or below."""


def add_actual_text(
    pdf: bytes,
    words: Mapping[str, str],
    glyph_texts: Mapping[str, Mapping[str, str]] | None = None,
) -> bytes:
    """The PDF with every run of glyphs that reads back as a key of words wrapped in a span
    whose ActualText is the word it stands for.

    glyph_texts (layout/glyphtexts.py), by font name: what each private-use character stands
    for; the fonts' ToUnicode maps say that text instead of the private-use character.
    """
    if not words:
        return pdf
    with pikepdf.open(io.BytesIO(pdf)) as document:
        changed = False
        for page in document.pages:
            decoders = _decoders(page)
            operations = list(pikepdf.parse_content_stream(page))
            rewritten = _wrap(operations, decoders, words)
            if rewritten is not None:
                page.Contents = document.make_stream(pikepdf.unparse_content_stream(rewritten))
                changed = True
            changed = _name_private_glyphs(page, glyph_texts or {}) or changed
        if not changed:
            return pdf
        output = io.BytesIO()
        document.save(output, deterministic_id=True, min_version="1.7", fix_metadata_version=False)
        return output.getvalue()


def _decoders(page: Any) -> dict[str, dict[int, str]]:
    """Each font resource's codes and the characters its ToUnicode map gives them."""
    decoders: dict[str, dict[int, str]] = {}
    fonts = page.Resources.get("/Font") or {}
    for name, font in fonts.items():
        table: dict[int, str] = {}
        if "/ToUnicode" in font:
            for code, text in _BFCHAR.findall(font.ToUnicode.read_bytes()):
                raw = bytes.fromhex(text.decode())
                table[int(code, 16)] = raw.decode("utf-16-be", errors="replace")
        decoders[str(name)] = table
    return decoders


def _name_private_glyphs(page: Any, glyph_texts: Mapping[str, Mapping[str, str]]) -> bool:
    """Rewrite each font's ToUnicode entries that map to a private-use character it knows."""
    changed = False
    fonts = page.Resources.get("/Font") or {}
    for font in fonts.values():
        base = str(font.get("/BaseFont", ""))[1:]
        texts = glyph_texts.get(base.split("+", 1)[-1])
        if not texts or "/ToUnicode" not in font:
            continue
        stream = font.ToUnicode
        before = stream.read_bytes()

        def named(entry: re.Match[bytes], texts: Mapping[str, str] = texts) -> bytes:
            char = bytes.fromhex(entry.group(2).decode()).decode("utf-16-be", errors="replace")
            text = texts.get(char)
            if text is None:
                return entry.group(0)
            return (
                b"<"
                + entry.group(1)
                + b"> <"
                + text.encode("utf-16-be").hex().upper().encode()
                + b">"
            )

        after = _BFCHAR.sub(named, before)
        if after != before:
            stream.write(after)
            changed = True
    return changed


def _decode(operands: Any, table: dict[int, str]) -> str:
    pieces = operands[0] if isinstance(operands[0], pikepdf.Array) else operands
    text = []
    for piece in pieces:
        if isinstance(piece, pikepdf.String):
            text += [table.get(code, "\ufffd") for code in bytes(piece)]
    return "".join(text)


def _wrap(
    operations: list[Any], decoders: dict[str, dict[int, str]], words: Mapping[str, str]
) -> list[Any] | None:
    result: list[Any] = []
    group: list[Any] = []
    group_text = ""
    font = ""
    last_font: list[Any] = []
    wrapped = False

    def flush() -> None:
        nonlocal group, group_text, wrapped
        actual = words.get(group_text)
        if actual is not None and group:
            span = pikepdf.Dictionary(ActualText=pikepdf.String(actual))
            begin = [pikepdf.Name.Span, span]
            result.append(pikepdf.ContentStreamInstruction(begin, pikepdf.Operator("BDC")))
            result.extend(group)
            # The same font again: readers that gather text until the font changes (pypdf)
            # then take the word's glyphs while the span is still open.
            result.append(pikepdf.ContentStreamInstruction(last_font, pikepdf.Operator("Tf")))
            result.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
            wrapped = True
        else:
            result.extend(group)
        group, group_text = [], ""

    for instruction in operations:
        operator = str(instruction.operator)
        if operator == "Tf":
            name = str(instruction.operands[0])
            # Subsets of one font (/F1+0, /F1+1) may take turns inside one word.
            if name.split("+")[0] != font.split("+")[0]:
                flush()
            (group if group else result).append(instruction)
            font, last_font = name, list(instruction.operands)
            continue
        if operator in _SHOW:
            group.append(instruction)
            group_text += _decode(instruction.operands, decoders.get(font, {}))
            continue
        if operator in _KEEP_GROUP and group:
            group.append(instruction)
            continue
        flush()
        result.append(instruction)
    flush()
    return result if wrapped else None

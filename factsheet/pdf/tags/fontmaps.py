"""Embedded fonts with well-formed ToUnicode maps: the PDF's CMap syntax, and no text for
the codes a subset leaves unused.

ReportLab gives one bfchar block a count over 100 (a block holds at most 100; PDF 32000-1,
9.10.3) and maps unused codes to U+0000, which checkers read as text. For ReportLab's own
TrueType fonts the map is written right away from the subset; ReportLab's text, which it
would build first and this would then take apart, is the definition the tests compare with.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

_MAPPED = re.compile(r"<[0-9A-Fa-f]{2}> <(?!0+>)[0-9A-Fa-f]{4,}>")
"""An entry of the map, unless it maps its code to U+0000."""
_CODESPACE = re.compile(
    r"begincodespacerange\s*(<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>)\s*endcodespacerange"
)
_NAME = re.compile(r"/CMapName /(\S+) def")
_BEYOND_PLANE = re.compile(r"> <([0-9A-Fa-f]{5,6})>$")
"""An entry's character past U+FFFF, as ReportLab writes it (its code point in hex)."""


class WellFormedMaps:
    """A font's embedding (what ReportLab's `addObjects` makes), with well-formed maps."""

    def __init__(self, font: Any) -> None:
        self.font = font

    def addObjects(self, document: Any) -> None:
        if type(self.font).addObjects is TTFont.addObjects:
            _add_truetype_font(self.font, document)
            return
        before = set(document.idToObject)
        self.font.addObjects(document)
        for key in set(document.idToObject) - before:
            if str(key).startswith("toUnicodeCMap:"):
                stream = document.idToObject[key]
                stream.content = well_formed_cmap(stream.content)


def well_formed_cmap(cmap: str) -> str:
    name = _NAME.search(cmap)
    codespace = _CODESPACE.search(cmap)
    if name is None or codespace is None:
        return cmap
    lines = [_BEYOND_PLANE.sub(_as_utf16, line) for line in _MAPPED.findall(cmap)]
    return _cmap_text(name.group(1), codespace.group(1), lines)


def cmap_for(name: str, subset: list[int]) -> str:
    """What `well_formed_cmap(makeToUnicodeCMap(name, subset))` returns, made directly."""
    if not _NAME_CHARACTERS.fullmatch(name) or not 0 < len(subset) <= 256:
        # Names and subsets whose text the rewriting reads otherwise (codes past FF, say).
        return well_formed_cmap(makeToUnicodeCMap(name, subset))
    lines = [f"<{code:02X}> <{_utf16(text)}>" for code, text in enumerate(subset) if text]
    return _cmap_text(name, f"<00> <{len(subset) - 1:02X}>", lines)


def _utf16(text: int) -> str:
    """A character as the CMap writes it: UTF-16BE in hex, a surrogate pair beyond U+FFFF
    (ReportLab writes the code point's five or six digits, which readers misread)."""
    if text <= 0xFFFF:
        return f"{text:04X}"
    return chr(text).encode("utf-16-be").hex().upper() if text <= 0x10FFFF else f"{text:04X}"


def _as_utf16(match: re.Match[str]) -> str:
    return f"> <{_utf16(int(match.group(1), 16))}>"


def _cmap_text(name: str, codespace: str, lines: list[str]) -> str:
    """A ToUnicode CMap of these entries, at most 100 to a bfchar block."""
    blocks = "".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
        for chunk in (lines[i : i + 100] for i in range(0, len(lines), 100))
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        f"/CMapName /{name} def\n/CMapType 2 def\n"
        f"1 begincodespacerange\n{codespace}\nendcodespacerange\n{blocks}"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )


_NAME_CHARACTERS = re.compile(r"[!-~]+")
"""A name the map's own text would carry as it is (no space, nothing outside ASCII)."""


def _add_truetype_font(font: TTFont, document: Any) -> None:
    """ReportLab's TTFont.addObjects (reportlab 4.x-5.x), each ToUnicode map made well-formed
    from its subset rather than from ReportLab's text."""
    try:
        state = font.state[document]
    except KeyError:
        state = font.state[document] = TTFont.State(font._asciiReadable)
    state.frozen = 1
    for number, subset in enumerate(state.subsets):
        internal_name = font.getSubsetInternalName(number, document)[1:]
        base_name = b"".join((SUBSETN(number), b"+", font.face.name, font.face.subfontNameX))
        base_font_name = base_name.decode("pdfdoc")
        pdf_font = pdfdoc.PDFTrueTypeFont()
        pdf_font.__Comment__ = f"Font {font.fontName} subset {number}"
        pdf_font.Name = internal_name
        pdf_font.BaseFont = base_font_name
        pdf_font.FirstChar = 0
        pdf_font.LastChar = len(subset) - 1
        pdf_font.Widths = pdfdoc.PDFArray(list(map(font.face.getCharWidth, subset)))
        cmap = pdfdoc.PDFStream()
        cmap.content = cmap_for(base_font_name, subset)
        if document.compression:
            cmap.filters = [pdfdoc.PDFZCompress]
        pdf_font.ToUnicode = document.Reference(cmap, "toUnicodeCMap:" + base_font_name)
        pdf_font.FontDescriptor = font.face.addSubsetObjects(document, base_font_name, subset)
        document.Reference(pdf_font, internal_name)
        document.idToObject["BasicFonts"].dict[internal_name] = pdf_font
    del font.state[document]

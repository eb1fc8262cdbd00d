"""The words a screen reader gets from a sheet, and the words its content holds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pikepdf

from factsheet.content.model import Block, BulletList, ChoroplethMap, Paragraph, Table
from factsheet.layout.charts import chart_values
from factsheet.layout.qr import shown_address
from factsheet.pipeline import Built

INLINE = {"/Span", "/Strong", "/Em", "/Link"}
# Chinese and Japanese write no spaces between words, and lines break between any two
# characters: a line break (or a space) beside an ideograph does not separate words there.
_IDEOGRAPHIC = "[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
_BESIDE_IDEOGRAPH = re.compile(rf"(?<={_IDEOGRAPHIC})\s+|\s+(?={_IDEOGRAPHIC})")


def _words(text: str) -> list[str]:
    return _BESIDE_IDEOGRAPH.sub("", text.replace("\u00a0", " ")).split()


def reading_order_words(pdf: Path, *, space_at_new_lines: bool = False) -> list[str]:
    """The words a screen reader gets, element by element in tree order.

    Text comes from the page's marked content as written (ActualText replacing the glyphs it
    covers), with no space guessed from positions: a space must be in the text. Figures are
    read by their alt text, not their insides; bullets (Lbl) are announced, not read as words.
    Inline elements join their paragraph's text without a break.
    """
    with pikepdf.open(pdf) as document:
        text_of = _marked_text(document.pages[0], space_at_new_lines)
        parts: list[str] = []

        def walk(element: Any) -> None:
            role = str(element.S)
            if role in ("/Figure", "/Lbl"):
                parts.append(" ")
                return
            if role not in INLINE:
                parts.append(" ")
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int):
                    parts.append(text_of.get(kid, ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    walk(kid)
            if role not in INLINE:
                parts.append(" ")

        walk(document.Root.StructTreeRoot.K)
    return _words("".join(parts))


def _marked_text(page: Any, space_at_new_lines: bool) -> dict[int, str]:
    """The text each MCID of the page shows, decoded through the fonts' ToUnicode maps."""
    maps = {
        str(name): to_unicode(font.ToUnicode.read_bytes())
        for name, font in page.Resources.Font.items()
        if "/ToUnicode" in font
    }
    texts: dict[int, str] = {}
    stack: list[tuple[int | None, bool]] = []  # (MCID, inside an ActualText span)
    font: dict[int, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            properties = operands[1] if len(operands) > 1 else None
            mcid = (
                int(properties.MCID)
                if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                else None
            )
            actual = isinstance(properties, pikepdf.Dictionary) and "/ActualText" in properties
            owner = next((m for m, _ in reversed(stack) if m is not None), mcid)
            if actual and owner is not None:
                texts[owner] = texts.get(owner, "") + str(properties.ActualText)
            stack.append((mcid, actual))
        elif name == "EMC":
            stack.pop()
        elif name == "Tf":
            font = maps.get(str(operands[0]), {})
        elif name in ("T*", "Td", "TD") and space_at_new_lines:
            owner = next((m for m, _ in reversed(stack) if m is not None), None)
            if owner is not None and not any(actual for _, actual in stack):
                texts[owner] = texts.get(owner, "") + " "
        elif name in ("Tj", "TJ"):
            owner = next((m for m, _ in reversed(stack) if m is not None), None)
            if owner is None or any(actual for _, actual in stack):
                continue
            strings = operands[0] if name == "TJ" else [operands[0]]
            for string in strings:
                if isinstance(string, pikepdf.String):
                    decoded = "".join(font.get(code, "") for code in bytes(string))
                    texts[owner] = texts.get(owner, "") + decoded
    return texts


def to_unicode(cmap: bytes) -> dict[int, str]:
    blocks = b"".join(re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S))
    pairs = re.findall(rb"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4,})>", blocks)
    return {int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be") for code, text in pairs}


def content_words(built: Built) -> list[str]:
    """The words of the content, in reading order, with the lines the sheet adds itself."""
    sheet, theme = built.sheet, built.theme
    texts: list[str] = [sheet.title.plain]
    if sheet.subtitle:
        texts.append(sheet.subtitle.plain)
    organization = sheet.organization or theme.organization
    if organization and organization != sheet.title.plain:
        texts.append(organization)
    for highlight in sheet.highlights:
        texts += [highlight.value.plain, highlight.label.plain]
    texts += [p.text.plain for p in sheet.intro]
    for section in sheet.sections:
        texts.append(section.heading.plain)
        for block in section.body:
            texts += _block_words(block)
    if sheet.source:
        texts.append(sheet.source.plain)
    footer = " \u00b7 ".join(t for t in (organization, theme.footer) if t)
    if footer:
        texts.append(footer)
    address = sheet.qr or theme.qr
    if address:
        texts.append(shown_address(address))
    return _words(" ".join(texts))


def _block_words(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text.plain]
    if isinstance(block, BulletList):
        return [item.plain for item in block.items]
    if isinstance(block, ChoroplethMap):
        return [block.caption.plain] if block.caption else []
    texts = [block.caption.plain] if block.caption else []
    if isinstance(block, Table) and block.show_table:
        texts += [cell.plain for cell in block.columns]
        texts += [cell.plain for row in block.rows for cell in row]
    elif isinstance(block, Table) and block.chart:
        # A chart drawn alone is read as a table of its labels and values, after its Figure.
        label, value, _ = chart_values(block)
        texts += [text for row in block.rows for text in (row[label].plain, row[value].plain)]
    return texts

"""ReportLab's formatting of plain dictionaries and arrays, byte for byte, without its detours.

A tagged sheet writes some sixty small dictionaries (the structure tree, annotations, font
descriptors): ReportLab formats each key through `PDFName`, which escapes its name character
by character, and each value through a chain of type checks, which together cost more than
laying out a paragraph. Here names are escaped once each and the common value types go
straight to their bytes; any other object, and any setting that changes ReportLab's output
(multi-line dictionaries, comments), is left to ReportLab itself. ReportLab's own objects
(fonts, catalogs, pages, resources, strings) are taken apart in factsheet.pdf.rlobjects.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDate,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFObjectReference,
    PDFResourceDictionary,
    PDFStream,
    PDFString,
    PDFTrueTypeFont,
    PDFType1Font,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format

from factsheet.pdf import rlobjects
from factsheet.pdf.rlobjects import pdf_name

_REF_ONLY = "__RefOnly__"


def formatted(element: Any, document: Any) -> bytes:
    """What `pdf_format(element, document, toplevel=1)` returns."""
    kind = type(element)
    if kind is PDFDictionary and plain_settings():
        return _dictionary(element, document)
    if (kind is PDFTrueTypeFont or kind is PDFType1Font) and plain_settings():
        return _entries(rlobjects.font_entries(element), document)
    if kind is PDFInfo and plain_settings():
        return _entries(rlobjects.info_entries(element, document), document)
    if kind in rlobjects.CATALOGS and plain_settings():
        return _entries(rlobjects.catalog_entries(element, document), document)
    if kind is PDFStream and type(element.dictionary) is PDFDictionary and plain_settings():
        return _stream(element, document)
    result: bytes = pdf_format(element, document, toplevel=1)
    return result


def plain_settings() -> bool:
    """Whether ReportLab writes dictionaries on one line (every six entries) without comments,
    the only way this module writes them."""
    return not rl_config.pdfMultiLine and (rl_config.invariant or not rl_config.pdfComments)


def value(element: Any, document: Any) -> bytes:
    """What `pdf_format(element, document)` returns, for a value inside a dictionary."""
    kind = type(element)
    if kind is str:
        return _encoded(element)
    if kind is int and -_EXACT < element < _EXACT:
        # What fp_str writes for an integer that a float holds exactly: its digits.
        return b"%d" % element
    if kind is float or kind is int:
        return _number(element)
    if kind is PDFString and rlobjects.plain_string(element, document):
        return rlobjects.string(element.s)
    if kind is PDFDate:
        return value(PDFString(rlobjects.date_text(element)), document)
    if kind is PDFResourceDictionary and not hasattr(element, _REF_ONLY):
        return _entries(rlobjects.resource_entries(element), document)
    if kind is PDFObjectReference and element.name in document.idToObjectNumberAndVersion:
        return b"%d %d R" % document.idToObjectNumberAndVersion[element.name]
    if kind is PDFDictionary and not hasattr(element, _REF_ONLY):
        return _dictionary(element, document)
    if kind is PDFArray and element.multiline != "forced" and not hasattr(element, _REF_ONLY):
        items = [value(item, document) for item in element.sequence]
        # ReportLab breaks a long array's line every ten items.
        for index in reversed(range(10, len(items), 10)):
            items.insert(index, b"\n ")
        return b"[ " + b" ".join(items) + b" ]"
    result: bytes = pdf_format(element, document)
    return result


def _dictionary(element: PDFDictionary, document: Any) -> bytes:
    if element.multiline == "forced":
        result: bytes = element.format(document)
        return result
    return _entries(element.dict, document)


def _entries(entries: dict[str, Any], document: Any) -> bytes:
    """A dictionary's entries as ReportLab writes a PDFDictionary holding them."""
    keys = list(entries) if isinstance(entries, OrderedDict) else sorted(entries)
    items = [_name(key) + b" " + value(entries[key], document) for key in keys]
    # ReportLab breaks a long dictionary's line every six entries.
    for index in reversed(range(6, len(items), 6)):
        items.insert(index, b"\n ")
    return b"<<\n" + b" ".join(items) + b"\n>>"


def _stream(stream: PDFStream, document: Any) -> bytes:
    """What ReportLab's PDFStream.format writes: filters applied, then the dictionary."""
    entries = stream.dictionary.dict.copy()
    content = stream.content
    if content is None:
        raise ValueError("stream content not set")
    filters = document.defaultStreamFilters if stream.filters is None else stream.filters
    if filters is not None and "Filter" not in entries:
        names: list[str] = []
        for step in reversed(list(filters)):
            content = step.encode(content)
            names.insert(0, pdf_name(step.pdfname))
        entries["Filter"] = PDFArray(names)
    content = document.encrypt.encode(content)
    body: bytes = pdf_format(content, document)
    entries["Length"] = len(content)
    return _entries(entries, document) + b"\nstream\n" + body + b"endstream\n"


_EXACT = 2**53
"""Integers below this in size are exact as floats, so fp_str writes them digit for digit."""

# Remembered: the same keys, names and widths come back in every sheet. Each is a pure
# function of its argument, and bounded.


@lru_cache(maxsize=1024)
def _name(key: str) -> bytes:
    return pdfdoc.pdfdocEnc(PDFName(key))  # type: ignore[no-any-return]


@lru_cache(maxsize=1024)
def _encoded(text: str) -> bytes:
    return pdfdoc.pdfdocEnc(text)  # type: ignore[no-any-return]


@lru_cache(maxsize=4096, typed=True)
def _number(number: float) -> bytes:
    return pdfdoc.pdfdocEnc(pdfdoc.fp_str(number))  # type: ignore[no-any-return]

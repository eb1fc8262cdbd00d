"""ReportLab's formatting of plain dictionaries and arrays, byte for byte, without its detours.

A tagged sheet writes some sixty small dictionaries (the structure tree, annotations, font
descriptors): ReportLab formats each key through `PDFName`, which escapes its name character
by character, and each value through a chain of type checks, which together cost more than
laying out a paragraph. Here names are escaped once each and the common value types go
straight to their bytes; any other object, and any setting that changes ReportLab's output
(multi-line dictionaries, comments), is left to ReportLab itself.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference
from reportlab.pdfbase.pdfdoc import format as pdf_format

_REF_ONLY = "__RefOnly__"


def formatted(element: Any, document: Any) -> bytes:
    """What `pdf_format(element, document, toplevel=1)` returns."""
    if type(element) is PDFDictionary and _plain_settings():
        return _dictionary(element, document)
    result: bytes = pdf_format(element, document, toplevel=1)
    return result


def _plain_settings() -> bool:
    return not rl_config.pdfMultiLine and (rl_config.invariant or not rl_config.pdfComments)


def _value(element: Any, document: Any) -> bytes:
    """What `pdf_format(element, document)` returns, for a value inside a dictionary."""
    kind = type(element)
    if kind is str:
        return pdfdoc.pdfdocEnc(element)  # type: ignore[no-any-return]
    if kind is int or kind is float:
        return pdfdoc.pdfdocEnc(pdfdoc.fp_str(element))  # type: ignore[no-any-return]
    if kind is PDFObjectReference and element.name in document.idToObjectNumberAndVersion:
        return b"%d %d R" % document.idToObjectNumberAndVersion[element.name]
    if kind is PDFDictionary and not hasattr(element, _REF_ONLY):
        return _dictionary(element, document)
    if kind is PDFArray and element.multiline != "forced" and not hasattr(element, _REF_ONLY):
        items = [_value(item, document) for item in element.sequence]
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
    entries = element.dict
    keys = list(entries) if isinstance(entries, OrderedDict) else sorted(entries)
    items = [_name(key) + b" " + _value(entries[key], document) for key in keys]
    # ReportLab breaks a long dictionary's line every six entries.
    for index in reversed(range(6, len(items), 6)):
        items.insert(index, b"\n ")
    return b"<<\n" + b" ".join(items) + b"\n>>"


@lru_cache(maxsize=1024)
def _name(key: str) -> bytes:
    return pdfdoc.pdfdocEnc(PDFName(key))  # type: ignore[no-any-return]

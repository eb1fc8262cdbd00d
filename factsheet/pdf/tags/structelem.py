"""A structure element (StructElem) that writes its own dictionary: the same bytes as
ReportLab's PDFDictionary of its entries, without building one.

A sheet has some sixty elements; each made a PDFDictionary, a PDFArray for its kids and a
name object per entry, all sorted and dispatched again when written. An element's keys are
few and known, so they are written here in their sorted order directly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format

from factsheet.pdf.pdfsyntax import plain_settings, value
from factsheet.pdf.rlobjects import pdf_name

_STRUCT_ELEM, _TABLE = PDFName("StructElem"), PDFName("Table")


class StructElem(PDFObject):  # type: ignore[misc]
    """One element of the structure tree; kids are MCIDs, element references and OBJRs."""

    def __init__(self, role: str, parent: PDFObjectReference, page: PDFObjectReference) -> None:
        self.role = role
        self.parent = parent
        self.page = page
        self.kids: list[object] = []
        self.alt = ""
        self.lang = ""
        self.scope = ""
        """For TH: Column or Row."""

    def entries(self) -> dict[str, Any]:
        """The element's dictionary, as ReportLab objects."""
        kids = self.kids
        entries: dict[str, Any] = {
            "Type": _STRUCT_ELEM,
            "S": pdf_name(self.role),
            "P": self.parent,
            "Pg": self.page,
            "K": PDFArray(kids) if len(kids) != 1 else kids[0],
        }
        if self.alt:
            entries["Alt"] = PDFString(self.alt)
        if self.lang:
            entries["Lang"] = PDFString(self.lang)
        if self.scope:
            entries["A"] = _attributes(self.scope)
        return entries

    def format(self, document: Any) -> bytes:
        if not plain_settings():
            result: bytes = pdf_format(PDFDictionary(self.entries()), document)
            return result
        numbers = document.idToObjectNumberAndVersion
        kids = [_written(kid, numbers, document) for kid in self.kids]
        if len(kids) != 1:
            # ReportLab breaks a long array's line every ten items.
            for index in reversed(range(10, len(kids), 10)):
                kids.insert(index, b"\n ")
            kids = [b"[ " + b" ".join(kids) + b" ]"]
        # Entries in the sorted order ReportLab writes a dictionary's keys in.
        items = []
        if self.scope:
            items.append(b"/A " + value(_attributes(self.scope), document))
        if self.alt:
            items.append(b"/Alt " + value(PDFString(self.alt), document))
        items.append(b"/K " + kids[0])
        if self.lang:
            items.append(b"/Lang " + value(PDFString(self.lang), document))
        items += (
            b"/P " + _written(self.parent, numbers, document),
            b"/Pg " + _written(self.page, numbers, document),
            _role(self.role),
            b"/Type /StructElem",
        )
        if len(items) > 6:
            # ReportLab breaks a long dictionary's line every six entries.
            items.insert(6, b"\n ")
        return b"<<\n" + b" ".join(items) + b"\n>>"


def _written(item: Any, numbers: dict[str, tuple[int, int]], document: Any) -> bytes:
    """What `value` writes for an MCID, a reference or an OBJR; the first two directly."""
    if type(item) is int and 0 <= item < 2**31:
        return b"%d" % item
    if type(item) is PDFObjectReference and item.name in numbers:
        return b"%d %d R" % numbers[item.name]
    return value(item, document)


@lru_cache(maxsize=256)
def _role(role: str) -> bytes:
    # A name is written the same in every document.
    return b"/S " + value(pdf_name(role), None)


def _attributes(scope: str) -> PDFDictionary:
    return PDFDictionary({"O": _TABLE, "Scope": pdf_name(scope)})

"""The dictionaries of ReportLab's own PDF objects (fonts, catalogs, pages, resources, the
document information) as their format() methods build them, and its strings as it writes them:
for factsheet.pdf.pdfsyntax, which writes them without ReportLab's detours.

Each builder repeats what the ReportLab method does before it formats its dictionary; the
tests compare the written bytes with ReportLab's on real sheets and on the cases it treats
apart.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFArray,
    PDFCatalog,
    PDFDate,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFPage,
    PDFPages,
    PDFResourceDictionary,
    PDFString,
    PDFType1Font,
)


@lru_cache(maxsize=1024)
def pdf_name(name: str) -> str:
    """ReportLab's PDFName, which escapes a name a character at a time, remembered."""
    return PDFName(name)  # type: ignore[no-any-return]


def font_entries(font: PDFType1Font) -> dict[str, Any]:
    """The entries ReportLab's PDFType1Font.format puts in the font's dictionary."""
    entries = {
        name: pdf_name(getattr(font, name)) for name in font.name_attributes if hasattr(font, name)
    }
    for name in font.local_attributes:
        if hasattr(font, name):
            entries[name] = getattr(font, name)
    return entries


CATALOGS = frozenset({PDFCatalog, PDFPages, PDFPage})
"""ReportLab classes that write themselves with PDFCatalog.format (they differ only in
their entries and check_format)."""


def catalog_entries(catalog: PDFCatalog, document: Any) -> dict[str, Any]:
    """The entries ReportLab's PDFCatalog.format puts in the object's dictionary."""
    catalog.check_format(document)
    entries = {}
    for name, default in catalog.__Defaults__.items():
        value = getattr(catalog, name, default)
        if value is not None:
            entries[name] = value
    for name in catalog.__NoDefault__:
        value = getattr(catalog, name, None)
        if value is not None:
            entries[name] = value
    for name in catalog.__Refs__:
        if name in entries:
            entries[name] = document.Reference(entries[name])
    return entries


def resource_entries(resources: PDFResourceDictionary) -> dict[str, Any]:
    """The entries ReportLab's PDFResourceDictionary.format puts in the page's resources."""
    entries: dict[str, Any] = {}
    for name in resources.dict_attributes:
        found = getattr(resources, name)
        if not isinstance(found, dict):
            entries[name] = found
        elif found:
            entries[name] = PDFDictionary(found)
    procedures = resources.ProcSet
    if not isinstance(procedures, tuple | list):
        entries["ProcSet"] = procedures
    elif procedures:
        entries["ProcSet"] = PDFArray(procedures)
    return entries


def info_entries(info: PDFInfo, document: Any) -> dict[str, Any]:
    """The entries ReportLab's PDFInfo.format puts in the document information dictionary."""
    date = PDFDate(ts=document._timeStamp, dateFormatter=info._dateFormatter)
    return {
        "Title": PDFString(info.title),
        "Author": PDFString(info.author),
        "ModDate": date,
        "CreationDate": date,
        "Producer": PDFString(info.producer),
        "Creator": PDFString(info.creator),
        "Subject": PDFString(info.subject),
        "Keywords": PDFString(info.keywords),
        "Trapped": pdf_name(info.trapped),
    }


def date_text(date: PDFDate) -> str:
    """The text of ReportLab's PDFDate, which writes it as a PDFString."""
    if date.dateFormatter:
        return date.dateFormatter(*date.date)  # type: ignore[no-any-return]
    # ReportLab's own format: "%d", unlike a format spec, also takes a float.
    fields = (*date.date, date.dhh, date.dmm)
    return "D:%04d%02d%02d%02d%02d%02d%+03d'%02d'" % fields  # noqa: UP031


def plain_string(string: PDFString, document: Any) -> bool:
    """Whether ReportLab writes this string as text in its own encoding, escaped, in
    parentheses: unencrypted, with the default encoding choice and escaping."""
    return (
        type(string.s) is str
        and getattr(string, "enc", "auto") == "auto"
        and getattr(string, "escape", 1) == 1
        and isinstance(document.encrypt, NoEncryption)
    )


_ESCAPES = {
    bytes([code]): (f"\\{code:03o}" if code < 32 or code >= 127 else "\\" + chr(code)).encode()
    for code in [*range(32), *range(127, 256), *b"\\()"]
}
"""What ReportLab's escapePDF writes for a byte that a PDF string cannot hold as it is."""
_ESCAPED = re.compile(b"[%s]" % b"".join(re.escape(byte) for byte in _ESCAPES))


def string(text: str) -> bytes:
    """What ReportLab's PDFString.format writes for this text (see `plain_string`), with the
    bytes that need it escaped by one substitution instead of every byte one at a time."""
    # ReportLab's PDFDocEncoding codecs are written in Python, a few microseconds a string.
    # Printable ASCII they leave as it is, and so does any other "pdfdoc" codec registered
    # first (pikepdf's), which for other characters may differ: those are left to the codec.
    if text.isascii() and text.isprintable():
        data = text.encode("ascii")
    else:
        try:
            data = text.encode("pdfdoc")
        except UnicodeEncodeError:
            data = codecs.BOM_UTF16_BE + text.encode("utf_16_be")
    # Escaped, the string is printable ASCII, which PDFDocEncoding also leaves as it is.
    return b"(" + _ESCAPED.sub(_escape, data) + b")"


def _escape(byte: re.Match[bytes]) -> bytes:
    return _ESCAPES[byte.group()]

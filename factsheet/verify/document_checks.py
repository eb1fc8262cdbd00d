"""Checks of the document as a whole, for preflight: links and actions, and tagging."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pypdf import PdfReader

from factsheet.content.markup import ALLOWED_SCHEMES


@dataclass
class Check:
    """One line of the report: what was checked, whether it passed, and what was found."""

    id: str
    ok: bool
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


def links_check(reader: PdfReader, pages: list[Any]) -> Check:
    links, bad = [], []
    for number, page in enumerate(pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = (annotation.get("/A") or {}) if "/A" in annotation else {}
            action = action.get_object() if hasattr(action, "get_object") else action
            kind = str(action.get("/S", "")) if action else ""
            target = str(action.get("/URI", "")) if action else ""
            links.append({"page": number, "action": kind, "target": target})
            scheme = urlsplit(target).scheme.lower()
            if kind == "/URI" and scheme not in ALLOWED_SCHEMES:
                bad.append(f"{target or '(empty)'}")
            elif kind not in ("/URI", "/GoTo", ""):
                bad.append(f"{kind} action")
    if _has_document_javascript(reader):
        bad.append("document-level JavaScript")
    ok = not bad
    summary = (
        f"{len(links)} links, all http, https or mailto" if ok else "unsafe: " + ", ".join(bad)
    )
    return Check("links", ok, summary, {"links": links})


def _has_document_javascript(reader: PdfReader) -> bool:
    root: Any = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    action = root.get("/OpenAction")
    if action is not None and hasattr(action, "get_object"):
        action = action.get_object()
        return isinstance(action, dict) and action.get("/S") == "/JavaScript"
    return False


def tagged_check(reader: PdfReader) -> Check:
    """Untagged is reported, not failed; a file that is tagged must be tagged completely."""
    root: Any = reader.trailer["/Root"].get_object()
    mark_info = root.get("/MarkInfo")
    marked = bool(mark_info is not None and mark_info.get_object().get("/Marked"))
    details: dict[str, Any] = {
        "tagged": marked and "/StructTreeRoot" in root,
        "lang": str(root.get("/Lang", "")),
    }
    if not details["tagged"]:
        return Check("tagged", True, "not tagged (informational)", details)
    missing = []
    tree = root["/StructTreeRoot"].get_object()
    if "/ParentTree" not in tree:
        missing.append("a parent tree")
    if not details["lang"]:
        missing.append("/Lang")
    preferences = root.get("/ViewerPreferences")
    if not (preferences is not None and preferences.get_object().get("/DisplayDocTitle")):
        missing.append("/DisplayDocTitle")
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data() if metadata is not None else b""
    details["pdfua_part"] = b"pdfuaid:part>1<" in xmp or b'pdfuaid:part="1"' in xmp
    if not details["pdfua_part"]:
        missing.append("the PDF/UA identifier in XMP")
    for number, page in enumerate(reader.pages, start=1):
        if page.get("/Tabs") != "/S":
            missing.append(f"/Tabs /S on page {number}")
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if "/StructParent" not in annotation or not annotation.get("/Contents"):
                missing.append(f"a tagged, described link on page {number}")
                break
    details["missing"] = missing
    if missing:
        return Check("tagged", False, "tagged, but missing: " + ", ".join(missing), details)
    return Check("tagged", True, "tagged: structure tree, language, title, PDF/UA-1 id", details)

"""Checks of the document as a whole, for preflight: links and actions, and tagging."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field
from pypdf import PdfReader

from factsheet.verify.active_content import active_content
from factsheet.verify.opening import as_dict, as_list, resolve


class Check(Struct):
    """One line of the report: what was checked, whether it passed, and what was found."""

    id: str
    ok: bool
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


def links_check(reader: PdfReader, pages: list[Any]) -> Check:
    """Every link, and every action the document could run: only safe links pass."""
    links = []
    empty: dict[str, Any] = {}
    for number, page in enumerate(pages, start=1):
        for item in as_list((as_dict(page) or empty).get("/Annots")):
            annotation = as_dict(item)
            if annotation is None or resolve(annotation.get("/Subtype")) != "/Link":
                continue
            action: Any = as_dict(annotation.get("/A")) or empty
            kind = str(resolve(action.get("/S", "")) or "")
            target = str(resolve(action.get("/URI", "")) or "")
            links.append({"page": number, "action": kind, "target": target})
    unsafe = active_content(reader.trailer.get("/Root"), pages)
    ok = not unsafe
    summary = (
        f"{len(links)} links, all http, https or mailto; no scripts or other actions"
        if ok
        else "unsafe: "
        + "; ".join(unsafe[:5])
        + (f"; {len(unsafe) - 5} more" if unsafe[5:] else "")
    )
    return Check("links", ok, summary, {"links": links, "active_content": unsafe})


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

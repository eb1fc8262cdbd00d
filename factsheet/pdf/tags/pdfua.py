"""Make the sheet a tagged PDF/UA-1 file while ReportLab writes it: no second pass.

The renderer has marked every piece of content (MCIDs) or made it an Artifact; before the page
is closed this writes what ReportLab has no API for, as its own PDF objects: the structure tree
(from the marks), the parent tree, the role map, MarkInfo, the XMP with the PDF/UA id, the
page's /StructParents and /Tabs, and well-formed ToUnicode maps for the embedded fonts.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFStream,
)

from factsheet.content.markup import escape
from factsheet.pdf.info import CREATOR, PRODUCER, DocumentInfo
from factsheet.pdf.pdfsyntax import formatted
from factsheet.pdf.rlobjects import pdf_name
from factsheet.pdf.tags.fontmaps import WellFormedMaps
from factsheet.pdf.tags.marks import Marker
from factsheet.pdf.tags.roles import ROLE_MAP
from factsheet.pdf.tags.structelem import StructElem
from factsheet.pdf.tags.structure import Element, structure_tree


def write_structure(canvas: Any, marker: Marker, info: DocumentInfo) -> None:
    """Add the tree and the document-level entries; call after drawing, before showPage."""
    document = canvas._doc  # ReportLab's object model has no public handle
    writer = _TreeWriter(document, document.thisPageRef(), marker)
    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = document.Reference(tree_root)
    tree_root.dict["K"] = writer.element(structure_tree(marker, info.lang), root_ref)
    tree_root.dict["RoleMap"] = PDFDictionary({k: pdf_name(v) for k, v in ROLE_MAP.items()})
    nums: list[object] = [0, PDFArray(writer.by_mcid)]
    for number, element in enumerate(writer.by_annotation, start=1):
        nums += [number, element]
    tree_root.dict["ParentTree"] = document.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
    tree_root.dict["ParentTreeNextKey"] = len(writer.by_annotation) + 1
    catalog = document.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    metadata = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    catalog.Metadata = _PlainStream(metadata, _xmp(info).encode("utf-8"))
    document.delayedFonts[:] = [WellFormedMaps(font) for font in document.delayedFonts]


class _PlainStream(PDFStream):  # type: ignore[misc]
    """A stream written as is: XMP stays readable to any tool (ReportLab writes /Filter [])."""

    def format(self, document: Any) -> bytes:
        dictionary = PDFDictionary(dict(self.dictionary.dict, Length=len(self.content)))
        head = formatted(dictionary, document)
        content: bytes = self.content
        return head + b"\nstream\n" + content + b"\nendstream\n"


def finish_page(canvas: Any) -> None:
    """The page just shown: its marked content is in parent tree entry 0; Tab in tree order."""
    page = canvas._doc.Pages.pages[-1]
    # A page writes only the keys it lists; these two it does not know.
    page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
    page.StructParents = 0
    page.Tabs = PDFName("S")


_OBJR = PDFName("OBJR")


class _TreeWriter:
    """Turns Elements into StructElem objects that own their MCIDs and annotations."""

    def __init__(self, document: Any, page: PDFObjectReference, marker: Marker) -> None:
        self.document = document
        self.page = page
        self.annotations = marker.annotations
        self.by_mcid: list[object] = [PDFDictionary()] * len(marker.shown)
        self.by_annotation: list[object] = [PDFDictionary()] * len(marker.annotations)

    def element(self, node: Element, parent: PDFObjectReference) -> PDFObjectReference:
        element = StructElem(node.role, parent, self.page)
        # Registered before its kids, which point back at this reference.
        reference = self.document.Reference(element)
        kids = element.kids
        for kid in node.kids:
            if isinstance(kid, int):
                kids.append(kid)
                self.by_mcid[kid] = reference
            else:
                kids.append(self.element(kid, reference))
        for number in node.annotations:
            objr = {"Type": _OBJR, "Obj": self.annotations[number - 1], "Pg": self.page}
            kids.append(PDFDictionary(objr))
            self.by_annotation[number - 1] = reference
        element.alt, element.lang, element.scope = node.alt, node.lang, node.scope
        return reference


def _xmp(facts: DocumentInfo) -> str:
    stamp = facts.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt>{_default_language(facts.title)}</rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(facts.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>{_default_language(facts.subject)}</rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(facts.lang)}</rdf:li></rdf:Bag></dc:language>
   <dc:format>application/pdf</dc:format>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:CreatorTool>{escape(CREATOR)}</xmp:CreatorTool>
   <pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _default_language(text: str) -> str:
    return f'<rdf:li xml:lang="x-default">{escape(text)}</rdf:li>'

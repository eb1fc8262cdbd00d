"""Make a rendered sheet a tagged PDF/UA-1 file: structure tree, parent tree, link tags, XMP.

The renderer has already marked every piece of content (MCIDs) or made it an Artifact; this
stage writes the document-level objects ReportLab cannot, with pikepdf.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from factsheet.pdf.render import CREATOR, PRODUCER, DocumentInfo
from factsheet.pdf.tags.marks import Marker, MarkLog
from factsheet.pdf.tags.structure import Node


def make_accessible(
    pdf: bytes, root: Node, marker: Marker, link_labels: dict[str, str], info: DocumentInfo
) -> bytes:
    """The same sheet with its structure tree and PDF/UA metadata; same input, same bytes."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[0].obj
        builder = _TreeBuilder(document, page, marker.log)
        tree_root = document.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        top = builder.element(root, tree_root)
        tree_root.K = top
        _tag_links(page, builder, marker.boxes, link_labels)
        entries: list[object] = [0, Array(builder.by_mcid)]
        for key, element in builder.by_annotation:
            entries += [key, element]
        nums = Array(entries)
        tree_root.ParentTree = document.make_indirect(Dictionary(Nums=nums))
        tree_root.ParentTreeNextKey = len(builder.by_annotation) + 1
        document.Root.StructTreeRoot = tree_root
        document.Root.MarkInfo = Dictionary(Marked=True)
        document.Root.Metadata = document.make_stream(
            _xmp(info).encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML
        )
        page.StructParents = 0
        page.Tabs = Name.S
        _clean_to_unicode(document)
        output = io.BytesIO()
        # Our own XMP is complete, so pikepdf need not parse it to stamp the version.
        document.save(output, deterministic_id=True, min_version="1.7", fix_metadata_version=False)
    return output.getvalue()


class _TreeBuilder:
    """Turns Nodes into StructElem dictionaries that own the MCIDs the renderer logged."""

    def __init__(self, document: pikepdf.Pdf, page: pikepdf.Object, log: MarkLog) -> None:
        self.document = document
        self.page = page
        self.log = log
        self.by_mcid: list[pikepdf.Object] = [Dictionary()] * len(log.roles)
        self.by_annotation: list[tuple[int, pikepdf.Object]] = []
        self.by_key: dict[str, pikepdf.Object] = {}

    def element(self, node: Node, parent: pikepdf.Object) -> pikepdf.Object | None:
        mcids = [m for key in node.keys for m in self.log.by_key.get(key, [])]
        element = self.document.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent, Pg=self.page)
        )
        kids: list[object] = list(mcids)
        for child in node.children:
            made = self.element(child, element)
            if made is not None:
                kids.append(made)
        if not kids:
            return None  # nothing of it was drawn
        element.K = Array(kids) if len(kids) > 1 else kids[0]
        if node.alt:
            element.Alt = String(node.alt)
        if node.scope:
            element.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
        for mcid in mcids:
            self.by_mcid[mcid] = element
        for key in node.keys:
            self.by_key[key] = element
        return element

    def link(self, key: str, annotation: pikepdf.Object) -> None:
        parent = self.by_key.get(key)
        if parent is None:
            return
        number = len(self.by_annotation) + 1
        objr = Dictionary(Type=Name.OBJR, Obj=annotation, Pg=self.page)
        link = self.document.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Link, P=parent, Pg=self.page, K=objr)
        )
        kids = parent.K if isinstance(parent.K, Array) else Array([parent.K])
        kids.append(link)
        parent.K = kids
        annotation.StructParent = number
        self.by_annotation.append((number, link))


def _tag_links(
    page: pikepdf.Object,
    builder: _TreeBuilder,
    boxes: list[tuple[str, tuple[float, float, float, float]]],
    labels: dict[str, str],
) -> None:
    for annotation in page.get("/Annots", []):
        if annotation.get("/Subtype") != Name.Link:
            continue
        left, bottom, right, top = (float(v) for v in annotation.Rect)
        x, y = (left + right) / 2, (bottom + top) / 2
        action = annotation.get("/A")
        uri = str(action.get("/URI", "")) if action is not None else ""
        annotation.Contents = String(labels.get(uri, uri))
        for key, (box_left, box_bottom, box_right, box_top) in boxes:
            if box_left <= x <= box_right and box_bottom <= y <= box_top:
                builder.link(key, annotation)
                break


_UNMAPPED = re.compile(rb"<[0-9A-Fa-f]+> <0000>\n")
_BFCHAR_COUNT = re.compile(rb"\d+ beginbfchar")


def _clean_to_unicode(document: pikepdf.Pdf) -> None:
    """Drop codes ReportLab maps to U+0000: unused slots, but a checker reads them as text."""
    for font in document.pages[0].Resources.get("/Font", {}).values():
        cmap = font.get("/ToUnicode")
        if cmap is None:
            continue
        data = cmap.read_bytes()
        cleaned = _UNMAPPED.sub(b"", data)
        if cleaned == data:
            continue
        head, _, rest = cleaned.partition(b"beginbfchar\n")
        entries, _, tail = rest.partition(b"endbfchar")
        lines = [line for line in entries.split(b"\n") if line]
        # A bfchar block may hold at most 100 mappings.
        blocks = b"".join(
            b"%d beginbfchar\n%s\nendbfchar\n" % (len(chunk), b"\n".join(chunk))
            for chunk in (lines[i : i + 100] for i in range(0, len(lines), 100))
        )
        head = _BFCHAR_COUNT.sub(b"", head)
        cmap.write(head + blocks + tail.lstrip(b"\n"))


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

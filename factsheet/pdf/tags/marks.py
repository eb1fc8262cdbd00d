"""Marked content while drawing: each part of the sheet gets an MCID, decoration an Artifact.

The Marker implements layout's `Marks`: the renderer and the self-marking flowables announce
what they draw as `Shows`, and the Marker writes BDC/EMC operators and logs which `Shows` each
MCID holds, in drawing (= reading) order. That log, and the link annotations' owners, are all
the structure tree is built from.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFString

from factsheet.layout.qr import shown_address
from factsheet.layout.shows import Link, Part, Shows
from factsheet.pdf.canvas import SheetCanvas
from factsheet.pdf.tags.roles import role_of

# An operator that paints (text, paths, images, shadings): what makes a mark non-empty.
_PAINTS = re.compile(r"(?:^|\s)(?:Tj|TJ|'|\"|Do|f\*?|F|B\*?|b\*?|S|s|sh)(?:\s|$)")
_PRINT = 4
"""The annotation flag that keeps a link's annotation in print and for readers."""


def paints(operators: list[str]) -> bool:
    """Whether any of these content-stream operators paints."""
    # One search over them joined by a white-space character: a painting operator (a token
    # without spaces, between spaces or ends) is found in the whole exactly when it is found
    # in one of them.
    return _PAINTS.search("\n".join(operators)) is not None


class Marker:
    """Writes marked-content operators into a ReportLab canvas or text object."""

    def __init__(self) -> None:
        self.shown: list[Shows] = []
        """What each MCID shows: MCID n shows shown[n]."""
        self.links: list[Shows] = []
        """The LINK each link annotation belongs to, in the order the annotations were made."""
        self.annotations: list[Any] = []
        """A reference to each of those annotations (StructParent n is annotations[n - 1])."""
        self._open: list[int | None] = []
        """For each open mark, where its BDC is in its code (None: inside an Artifact)."""
        self._artifacts = 0
        self._recent_links: dict[str, Shows] = {}

    def begin(self, target: Any, shows: Shows) -> None:
        code: list[str] = target._code  # ReportLab has no marked-content API
        if self._artifacts:
            self._open.append(None)
            return
        mcid = len(self.shown)
        self.shown.append(shows)
        code.append(f"/{role_of(shows)} <</MCID {mcid}>> BDC")
        self._open.append(len(code) - 1)
        link: Shows | None = shows
        while link is not None and link.part is not Part.LINK:
            link = link.parent
        if link is not None and isinstance(link.model, Link):
            self._recent_links[link.model.href] = link

    def end(self, target: Any) -> None:
        index = self._open.pop()
        if index is None:
            return
        code: list[str] = target._code
        last = code[index].endswith(f"<</MCID {len(self.shown) - 1}>> BDC")
        if last and not paints(code[index + 1 :]):
            # A run that drew nothing (a paragraph that opens with bold): no empty element.
            del code[index]
            self.shown.pop()
            return
        code.append("EMC")

    def begin_artifact(self, target: Any) -> None:
        if not self._artifacts:
            target._code.append("/Artifact BMC")
        self._artifacts += 1

    def end_artifact(self, target: Any) -> None:
        self._artifacts -= 1
        if not self._artifacts:
            target._code.append("EMC")

    def decoration(self, canvas: Any, start: int) -> None:
        if self._artifacts:
            return
        code: list[str] = canvas._code
        for index in range(start, len(code)):
            op = code[index]
            if not op.startswith("BT") and _PAINTS.search(op):
                code[index] = f"/Artifact BMC {op} EMC"

    def link_for(self, url: str) -> Shows | None:
        """The link whose text was drawn last with this target."""
        return self._recent_links.get(url)


class TaggedCanvas(SheetCanvas):
    """A canvas that carries the Marker (layout finds it with marks_of) and names its links."""

    def __init__(self, *args: Any, marks: Marker, **options: Any) -> None:
        super().__init__(*args, **options)
        self.marks = marks

    def linkURL(self, url: str, rect: Any, relative: int = 0, *args: Any, **options: Any) -> None:
        link = self.marks.link_for(url)
        if link is None or not isinstance(link.model, Link):
            super().linkURL(url, rect, relative, *args, **options)
            return
        self.marks.links.append(link)
        options["StructParent"] = len(self.marks.links)
        options["Contents"] = PDFString(f"{link.model.text} ({shown_address(url)})")
        options["F"] = _PRINT
        super().linkURL(url, rect, relative, *args, **options)
        # ReportLab names each annotation after its count on the canvas.
        name = f"NUMBER{self._annotationCount}"
        self.marks.annotations.append(self._doc.refAnnotation(name))

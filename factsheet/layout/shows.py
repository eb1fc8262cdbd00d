"""What each placed piece shows: the part of the sheet it draws, and the part that holds it.

This is the one description of the page's structure. Layout makes a `Shows` for every thing it
places (a heading, a highlight's value, a table cell, a bold run inside a paragraph), pointing
at the model object it draws and at the `Shows` of its container (a section, a table row, a
paragraph). Nothing else describes the structure: pdf/tags derives each element's role and the
whole tree from the marks drawn for these objects, in the order they are drawn.

Rules for code that places pieces (any layout engine, any new block):
- Place pieces in reading order: the page is drawn, and the tree built, in that order.
- Give every piece of content a `Shows`; decoration (rules, tints, bars) has none and becomes an
  Artifact. Make each container's `Shows` once and pass it as the `parent` of all its parts.
- A `Shows` is compared by identity: pieces of one element (a paragraph split across columns,
  a table split in two) carry the same object.
- A flowable that draws several parts itself (`marks_itself = True`: paragraphs with emphasis or
  links, tables, list items) announces each part while drawing through `marks_of(canvas)`.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Protocol

from msgspec import Struct


class Part(Enum):
    """What a piece is, in the sheet's own terms; pdf/tags maps each to a structure role."""

    # Containers: their Shows is the parent of the pieces inside them.
    SECTION = "section"
    HIGHLIGHT = "highlight"
    LIST = "list"
    LIST_ITEM = "list item"
    TABLE = "table"
    TABLE_HEAD = "table head"
    TABLE_BODY = "table body"
    TABLE_ROW = "table row"
    # Pieces drawn on the page.
    TITLE = "title"
    SUBTITLE = "subtitle"
    ORGANIZATION = "organization"
    LOGO = "logo"
    VALUE = "highlight value"
    LABEL = "highlight label"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_LABEL = "bullet"
    LIST_BODY = "list item text"
    CAPTION = "caption"
    CHART = "chart"
    MAP = "map"
    COLUMN_HEADER = "column header cell"
    ROW_HEADER = "row header cell"
    CELL = "cell"
    SOURCE = "source"
    FOOTER = "footer"
    QR_CODE = "QR code"
    QR_ADDRESS = "QR code address"
    # Runs inside a paragraph.
    STRONG = "bold"
    EMPHASIS = "italic"
    LINK = "link"


class Shows(Struct, frozen=True, eq=False):
    """One part of the sheet as drawn: what it is, the model object it shows, its container."""

    part: Part
    model: object = None
    """The content it draws: a Text, Section, Table, Highlight, BulletList, Link, the logo,
    or the generated string (organisation line, footer, QR address)."""
    parent: Shows | None = None


class Link(Struct, frozen=True):
    """The model of a LINK run: where it leads and the words it shows."""

    href: str
    text: str


class Marks(Protocol):
    """What a canvas offers when the PDF is tagged (see marks_of); pdf/tags implements it.

    `target` is where the operators go: the canvas, or a text object being filled.
    """

    def begin(self, target: Any, shows: Shows) -> None: ...

    def end(self, target: Any) -> None: ...

    def begin_artifact(self, target: Any) -> None: ...

    def end_artifact(self, target: Any) -> None: ...

    def decoration(self, canvas: Any, start: int) -> None:
        """What the canvas drew from `start` beside text objects (underlines) is decoration."""


def marks_of(canvas: Any) -> Marks | None:
    """The canvas's marks when the PDF is tagged, else None (draw without marks)."""
    marks: Marks | None = getattr(canvas, "marks", None)
    return marks

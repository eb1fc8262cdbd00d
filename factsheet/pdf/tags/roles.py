"""The structure role of each part of the sheet (PDF 1.7 standard types, and two mapped ones)."""

from __future__ import annotations

from factsheet.layout.shows import Part, Shows

ROLES = {
    Part.SECTION: "Sect",
    Part.HIGHLIGHT: "Div",
    Part.LIST: "L",
    Part.LIST_ITEM: "LI",
    Part.TABLE: "Table",
    Part.TABLE_HEAD: "THead",
    Part.TABLE_BODY: "TBody",
    Part.TABLE_ROW: "TR",
    Part.TITLE: "H1",
    Part.SUBTITLE: "P",
    Part.ORGANIZATION: "P",
    Part.LOGO: "Figure",
    Part.VALUE: "P",
    Part.LABEL: "P",
    Part.HEADING: "H2",
    Part.PARAGRAPH: "P",
    Part.LIST_LABEL: "Lbl",
    Part.LIST_BODY: "LBody",
    Part.CAPTION: "Caption",
    Part.CHART: "Figure",
    Part.MAP: "Figure",
    Part.COLUMN_HEADER: "TH",
    Part.ROW_HEADER: "TH",
    Part.CELL: "TD",
    Part.SOURCE: "P",
    Part.FOOTER: "P",
    Part.QR_CODE: "Figure",
    Part.QR_ADDRESS: "P",
    Part.STRONG: "Strong",
    Part.EMPHASIS: "Em",
    Part.LINK: "Link",
}

ROLE_MAP = {"Strong": "Span", "Em": "Span"}
"""PDF 1.7 has no Strong or Em: readers that do not know them read them as Span."""

SCOPES = {Part.COLUMN_HEADER: "Column", Part.ROW_HEADER: "Row"}


def role_of(shows: Shows) -> str:
    return ROLES[shows.part]

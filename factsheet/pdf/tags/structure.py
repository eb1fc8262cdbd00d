"""The sheet's logical structure, in the content file's reading order, for the tagged PDF.

Nodes name the content fields whose marked content they hold; what was not drawn (an
organisation equal to the title, say) simply has no marks and is left out of the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factsheet.content.model import (
    Block,
    BulletList,
    ChoroplethMap,
    Paragraph,
    Section,
    Sheet,
    Table,
)
from factsheet.layout.charts import chart_values
from factsheet.layout.qr import shown_address
from factsheet.theme.model import Theme


@dataclass
class Node:
    role: str
    keys: list[str] = field(default_factory=list)
    """Content fields whose marked content belongs directly to this element, in order."""
    children: list[Node] = field(default_factory=list)
    alt: str = ""
    scope: str = ""
    """For TH: Column or Row."""


def sheet_structure(sheet: Sheet, theme: Theme) -> Node:
    document = Node("Document")
    add = document.children.append
    add(Node("H1", [sheet.title.field]))
    if sheet.subtitle:
        add(Node("P", [sheet.subtitle.field]))
    add(Node("P", ["organization"]))
    if theme.logo:
        add(Node("Figure", ["logo"], alt=theme.logo.alt))
    if sheet.highlights:
        cards = [Node("P", [h.value.field, h.label.field]) for h in sheet.highlights]
        add(Node("Div", children=cards))
    for paragraph in sheet.intro:
        add(Node("P", [paragraph.text.field]))
    for section in sheet.sections:
        add(_section(section))
    if sheet.source:
        add(Node("P", [sheet.source.field]))
    add(Node("P", ["footer"]))
    address = sheet.qr or theme.qr
    if address:
        add(Node("Figure", ["qr"], alt=f"QR code linking to {address}"))
        add(Node("P", ["qr.address"]))
    return document


def _section(section: Section) -> Node:
    node = Node("Sect", children=[Node("H2", [section.heading.field])])
    for block in section.body:
        node.children += _block(block)
    return node


def _block(block: Block) -> list[Node]:
    if isinstance(block, Paragraph):
        return [Node("P", [block.text.field])]
    if isinstance(block, ChoroplethMap):
        caption = [Node("P", [block.caption.field])] if block.caption else []
        return [*caption, Node("Figure", [block.field], alt=block.alt)]
    if isinstance(block, BulletList):
        items = [
            Node(
                "LI",
                children=[Node("Lbl", [f"{item.field}.label"]), Node("LBody", [item.field])],
            )
            for item in block.items
        ]
        return [Node("L", children=items)]
    return _table(block)


def _table(table: Table) -> list[Node]:
    nodes: list[Node] = []
    chart = Node("Figure", [f"{table.field}.chart"], alt=chart_alt(table)) if table.chart else None
    if not table.show_table:
        if table.caption:
            nodes.append(Node("P", [table.caption.field]))
        return [*nodes, *([chart] if chart else [])]
    parts: list[Node] = []
    if table.caption:
        parts.append(Node("Caption", [table.caption.field]))
    if table.columns:
        header = [Node("TH", [cell.field], scope="Column") for cell in table.columns]
        parts.append(Node("THead", children=[Node("TR", children=header)]))
    rows = [Node("TR", children=[Node("TD", [cell.field]) for cell in row]) for row in table.rows]
    parts.append(Node("TBody", children=rows))
    nodes.append(Node("Table", children=parts))
    if chart:
        nodes.append(chart)
    return nodes


def chart_alt(table: Table) -> str:
    """What the chart shows, from its own data, unless the content describes it."""
    if table.alt:
        return table.alt
    label_column, value_column, _ = chart_values(table)
    kind = "Bar chart" if table.chart == "bar" else "Column chart"
    about = f" of {table.caption.plain.rstrip(':. ')}" if table.caption else ""
    points = "; ".join(
        f"{row[label_column].plain.rstrip(' :')}: {row[value_column].plain}" for row in table.rows
    )
    return f"{kind}{about}. {points}."


def link_labels(sheet: Sheet) -> dict[str, str]:
    """The text of each link target, for its annotation's description."""
    labels: dict[str, str] = {}
    for text in sheet.texts():
        for span in text.spans:
            if span.href:
                labels.setdefault(span.href, f"{span.text} ({shown_address(span.href)})")
    return labels

"""Content blocks -> ReportLab flowables, each with its structure tag and section name."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as RLTable

from factsheet.content.model import Block, BulletList, ChoroplethMap, Paragraph, Section, Table
from factsheet.layout.charts import BarChart, Chart, ColumnChart
from factsheet.layout.flowables import ListItem, paragraph
from factsheet.layout.maps import ChoroplethFlowable
from factsheet.layout.roles import Tag
from factsheet.layout.scriptruns import text_width
from factsheet.layout.styles import Styles
from factsheet.layout.table_fit import check_table_width
from factsheet.pdf.tags.marks import TableMarks
from factsheet.theme.model import Theme

CELL_PADDING = 4.0
KEEP_WHOLE_ROWS = 8


@dataclass(frozen=True)
class Piece:
    """A flowable and the content element it shows, for messages about what did not fit."""

    flowable: Flowable
    origin: str
    tag: Tag | None = None


def section_pieces(section: Section, styles: Styles, theme: Theme, width: float) -> list[Piece]:
    name = f"{section.field} ({section.heading.plain!r})"
    heading = paragraph(section.heading, styles.heading, theme, styles.cache)
    pieces = [Piece(heading, name, Tag("H2", section.heading.field))]
    for block in section.body:
        pieces += [Piece(f, name, tag) for f, tag in block_flowables(block, styles, theme, width)]
    return pieces


def block_flowables(
    block: Block, styles: Styles, theme: Theme, width: float
) -> list[tuple[Flowable, Tag]]:
    if isinstance(block, Paragraph):
        return [
            (paragraph(block.text, styles.body, theme, styles.cache), Tag("P", block.text.field))
        ]
    if isinstance(block, BulletList):
        return [
            (
                ListItem(paragraph(item, styles.bullet, theme, styles.cache), "\u2022", item.field),
                Tag("LI", item.field),
            )
            for item in block.items
        ]
    if isinstance(block, ChoroplethMap):
        return map_flowables(block, styles, theme)
    return table_flowables(block, styles, theme, width)


def map_flowables(block: ChoroplethMap, styles: Styles, theme: Theme) -> list[tuple[Flowable, Tag]]:
    flowables: list[tuple[Flowable, Tag]] = []
    if block.caption:
        caption = paragraph(block.caption, styles.caption, theme, styles.cache)
        caption.keepWithNext = 1
        flowables.append((caption, Tag("P", block.caption.field)))
    figure = ChoroplethFlowable(
        block,
        styles.chart_label,
        styles.chart_label,
        theme.colors.tint,
        theme.colors.primary,
        theme.colors.muted,
    )
    figure.spaceAfter = styles.body.spaceAfter * 1.4
    flowables.append((figure, Tag("Figure", block.field)))
    return flowables


def table_flowables(
    table: Table, styles: Styles, theme: Theme, width: float
) -> list[tuple[Flowable, Tag]]:
    flowables: list[tuple[Flowable, Tag]] = []
    if table.caption:
        caption = paragraph(table.caption, styles.caption, theme, styles.cache)
        caption.keepWithNext = 1
        flowables.append((caption, Tag("Caption", table.caption.field)))
    if table.chart:
        flowables.append((_chart(table, styles, theme), Tag("Figure", f"{table.field}.chart")))
        if not table.show_table:
            return flowables
    data: list[list[Flowable]] = []
    cell_keys: dict[int, str] = {}
    header_cells: set[int] = set()
    if table.columns:
        data.append(
            [paragraph(cell, styles.header_cell, theme, styles.cache) for cell in table.columns]
        )
        header_cells = {id(cell) for cell in data[0]}
    for row in table.rows:
        style = [
            styles.number_cell if c in table.numeric_columns else styles.cell
            for c in range(len(row))
        ]
        data.append([paragraph(cell, style[c], theme, styles.cache) for c, cell in enumerate(row)])
    texts = [*([list(table.columns)] if table.columns else []), *[list(r) for r in table.rows]]
    for flowables_row, texts_row in zip(data, texts, strict=True):
        for flowable, text in zip(flowables_row, texts_row, strict=True):
            cell_keys[id(flowable)] = text.field
    widths = _column_widths(table, styles, width)
    check_table_width(
        table, widths, (styles.header_cell, styles.cell, styles.number_cell), CELL_PADDING
    )
    rl_table = RLTable(
        data,
        colWidths=widths,
        repeatRows=1 if table.columns else 0,
        hAlign="LEFT",
        renderCB=TableMarks(cell_keys, frozenset(header_cells)),
    )
    rl_table.setStyle(_table_style(table, theme, styles, len(data)))
    rl_table.spaceAfter = styles.body.spaceAfter * 1.4
    # A table of a few rows reads badly split across columns; long ones must split.
    rl_table.keep_whole = len(data) <= KEEP_WHOLE_ROWS
    flowables.append((rl_table, Tag("Table", table.field)))
    return flowables


def _chart(table: Table, styles: Styles, theme: Theme) -> Chart:
    kind = BarChart if table.chart == "bar" else ColumnChart
    label_style = styles.chart_label if table.chart == "bar" else styles.chart_label_centered
    chart = kind(
        table,
        label_style,
        styles.number_cell.fontName,
        styles.number_cell.fontSize,
        theme.colors.primary,
    )
    chart.spaceAfter = styles.body.spaceAfter * 1.4
    return chart


def _column_widths(table: Table, styles: Styles, width: float) -> list[float]:
    """Numeric columns take what their widest figure needs; text columns share the rest."""
    count = len(table.rows[0])
    natural = []
    for c in range(count):
        cells = [row[c] for row in table.rows if c < len(row)]
        if c < len(table.columns):
            cells.append(table.columns[c])
        style = styles.number_cell if c in table.numeric_columns else styles.cell
        widest = max(text_width(cell.plain, style) for cell in cells)
        natural.append(widest + 2 * CELL_PADDING + 1)
    fixed = {c: natural[c] for c in table.numeric_columns}
    flexible = [c for c in range(count) if c not in fixed]
    if not flexible or sum(fixed.values()) > width * 0.6:
        return [width / count] * count
    left = width - sum(fixed.values())
    total_natural = sum(natural[c] for c in flexible)
    return [fixed[c] if c in fixed else left * natural[c] / total_natural for c in range(count)]


def _table_style(table: Table, theme: Theme, styles: Styles, row_count: int) -> TableStyle:
    colors = theme.colors
    first_body = 1 if table.columns else 0
    commands: list[tuple[object, ...]] = [
        # Cells are paragraphs with their own fonts, but the table still selects a font for
        # each cell, and its default is the unembedded Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), styles.cell.fontName),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING * 0.75),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING * 0.9),
        ("LINEBELOW", (0, -1), (-1, -1), 1, HexColor(colors.accent)),
    ]
    if table.columns:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(colors.primary)))
    for row in range(first_body, row_count):
        if (row - first_body) % 2 == 0:
            commands.append(("BACKGROUND", (0, row), (-1, row), HexColor(colors.tint)))
    return TableStyle(commands)

"""Content blocks -> ReportLab flowables, each with its structure tag and section name."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from factsheet.content.model import Block, BulletList, ChoroplethMap, Paragraph, Section, Table
from factsheet.layout.charts import BarChart, Chart, ColumnChart
from factsheet.layout.flowables import ListItem, paragraph
from factsheet.layout.hyphenation import OverlongOnly
from factsheet.layout.maps import ChoroplethFlowable
from factsheet.layout.roles import Tag
from factsheet.layout.styles import Styles
from factsheet.layout.table_fit import check_table_width
from factsheet.layout.tablewidths import (
    CELL_PADDING,
    ColumnFonts,
    column_needs,
    column_widths,
    numeric_columns,
)
from factsheet.pdf.tags.marks import TableMarks
from factsheet.quality.measure import SMALL_TABLE_ROWS
from factsheet.theme.model import Theme


@dataclass(frozen=True)
class Piece:
    """A flowable and the content element it shows, for messages about what did not fit."""

    flowable: Flowable
    origin: str
    tag: Tag | None = None


def section_pieces(
    section: Section, styles: Styles, theme: Theme, width: float, band_width: float = 0.0
) -> list[Piece]:
    """A section's flowables set for a column of `width`; a table too wide for it is set for
    a full-width band of `band_width` instead."""
    name = f"{section.field} ({section.heading.plain!r})"
    heading = paragraph(section.heading, styles.heading, theme, styles.cache)
    pieces = [Piece(heading, name, Tag("H2", section.heading.field))]
    for block in section.body:
        made = block_flowables(block, styles, theme, width, band_width)
        pieces += [Piece(f, name, tag) for f, tag in made]
    return pieces


def block_flowables(
    block: Block, styles: Styles, theme: Theme, width: float, band_width: float = 0.0
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
    return table_flowables(block, styles, theme, width, band_width)


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
    table: Table, styles: Styles, theme: Theme, width: float, band_width: float = 0.0
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
    numeric = numeric_columns(table)
    fonts = ColumnFonts(styles.cell.fontName, styles.header_cell.fontName, styles.cell.fontSize)
    needs = column_needs(table, fonts)
    if needs.minimum > width and band_width > width:
        width = band_width  # the layout sets it across the page (see bands.py)
    label = next((c for c in range(len(needs.natural)) if c not in numeric), 0)
    widths = column_widths(needs, numeric, width, label)
    check_table_width(
        table, widths, (styles.header_cell, styles.cell, styles.number_cell), CELL_PADDING
    )

    def cell_style(style: ParagraphStyle, column: int) -> ParagraphStyle:
        # Only a word too long for its cell is hyphenated; others move to the next line whole.
        room = widths[column] - 2 * CELL_PADDING
        hyphenate = OverlongOnly(styles.lang, room, style.fontName, style.fontSize)
        return ParagraphStyle(style.name, parent=style, hyphenationLang=hyphenate)

    data: list[list[Flowable]] = []
    cell_keys: dict[int, str] = {}
    header_cells: set[int] = set()
    if table.columns:
        header = [
            cell_style(styles.header_number_cell if c in numeric else styles.header_cell, c)
            for c in range(len(table.columns))
        ]
        data.append(
            [
                paragraph(cell, header[c], theme, styles.cache)
                for c, cell in enumerate(table.columns)
            ]
        )
        header_cells = {id(cell) for cell in data[0]}
    body = [
        cell_style(styles.number_cell if c in numeric else styles.cell, c)
        for c in range(len(widths))
    ]
    for row in table.rows:
        data.append([paragraph(cell, body[c], theme, styles.cache) for c, cell in enumerate(row)])
    texts = [*([list(table.columns)] if table.columns else []), *[list(r) for r in table.rows]]
    for flowables_row, texts_row in zip(data, texts, strict=True):
        for flowable, text in zip(flowables_row, texts_row, strict=True):
            cell_keys[id(flowable)] = text.field
    rl_table = SheetTable(
        data,
        colWidths=widths,
        repeatRows=1 if table.columns else 0,
        hAlign="LEFT",
        renderCB=TableMarks(cell_keys, frozenset(header_cells)),
    )
    rl_table.setStyle(_table_style(table, theme, styles, len(data)))
    rl_table.spaceAfter = styles.body.spaceAfter * 1.4
    rl_table.narrowest = needs.minimum
    # A short table reads badly split across columns; long ones split, marked "(continued)".
    rl_table.keep_whole = len(table.rows) <= SMALL_TABLE_ROWS
    rl_table.continued_style = styles.caption
    flowables.append((rl_table, Tag("Table", table.field)))
    return flowables


class SheetTable(RLTable):  # type: ignore[misc]
    """A table that knows the narrowest width its words fit, and marks where it continues."""

    narrowest = 0.0
    keep_whole = False
    continued_style: ParagraphStyle | None = None

    def min_width(self) -> float:
        return self.narrowest

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(available_width, available_height)
        if len(parts) != 2 or self.continued_style is None:
            return parts
        if self.keep_whole:
            parts[0].split_small = True  # counted against the layout's quality
        label = RLParagraph("(continued)", self.continued_style)
        label.keepWithNext = 1
        label.artifact = True  # a repeated label, not content: no structure tag
        return [parts[0], label, parts[1]]


def _chart(table: Table, styles: Styles, theme: Theme) -> Chart:
    kind = BarChart if table.chart == "bar" else ColumnChart
    label_style = styles.chart_label if table.chart == "bar" else styles.chart_label_centered
    chart = kind(
        table,
        label_style,
        styles.header_number_cell.fontName,
        styles.number_cell.fontSize,
        theme.colors.primary,
    )
    chart.spaceAfter = styles.body.spaceAfter * 1.4
    return chart


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
        ("LINEBELOW", (0, -1), (-1, -1), 1, HexColor(colors.marker)),
    ]
    if table.columns:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(colors.primary)))
    for row in range(first_body, row_count):
        if (row - first_body) % 2 == 0:
            commands.append(("BACKGROUND", (0, row), (-1, row), HexColor(colors.tint)))
    return TableStyle(commands)

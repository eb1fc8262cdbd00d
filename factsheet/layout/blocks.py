"""Content blocks -> ReportLab flowables, each with what it shows and its section's name."""

from __future__ import annotations

from typing import Any

from msgspec import Struct
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from factsheet.content.markup import escape
from factsheet.content.model import Block, BulletList, ChoroplethMap, Paragraph, Section, Table
from factsheet.content.words import words_for
from factsheet.layout.charts import BarChart, Chart, ColumnChart
from factsheet.layout.flowables import ListItem, paragraph
from factsheet.layout.hyphenation import OverlongOnly
from factsheet.layout.maps import ChoroplethFlowable
from factsheet.layout.shows import Part, Shows, marks_of
from factsheet.layout.styles import Styles
from factsheet.layout.table_fit import check_table_width
from factsheet.layout.tablewidths import (
    CELL_PADDING,
    CellStyles,
    column_needs,
    column_widths,
    numeric_columns,
)
from factsheet.quality.measure import SMALL_TABLE_ROWS
from factsheet.theme.model import Theme


class Piece(Struct, frozen=True):
    """A flowable, what it shows, and the section it belongs to (for overflow messages)."""

    flowable: Flowable
    origin: str
    shows: Shows | None = None


def section_pieces(
    section: Section, styles: Styles, theme: Theme, width: float, band_width: float = 0.0
) -> list[Piece]:
    """A section's flowables set for a column of `width`; a table too wide for it is set for
    a full-width band of `band_width` instead."""
    name = f"{section.field} ({section.heading.plain!r})"
    sect = Shows(Part.SECTION, section)
    heading_shows = Shows(Part.HEADING, section.heading, sect)
    heading = paragraph(section.heading, styles.heading, theme, styles.cache, heading_shows)
    pieces = [Piece(heading, name, heading_shows)]
    for block in section.body:
        made = block_flowables(block, styles, theme, width, sect, band_width)
        pieces += [Piece(f, name, shows) for f, shows in made]
    return pieces


def block_flowables(
    block: Block,
    styles: Styles,
    theme: Theme,
    width: float,
    section: Shows,
    band_width: float = 0.0,
) -> list[tuple[Flowable, Shows]]:
    if isinstance(block, Paragraph):
        shows = Shows(Part.PARAGRAPH, block, section)
        return [(paragraph(block.text, styles.body, theme, styles.cache, shows), shows)]
    if isinstance(block, BulletList):
        bullets = Shows(Part.LIST, block, section)
        items = []
        for item in block.items:
            shows = Shows(Part.LIST_ITEM, item, bullets)
            body = paragraph(
                item, styles.bullet, theme, styles.cache, Shows(Part.LIST_BODY, item, shows)
            )
            items.append((ListItem(body, "\u2022", shows), shows))
        return items
    if isinstance(block, ChoroplethMap):
        return map_flowables(block, styles, theme, section)
    return table_flowables(block, styles, theme, width, section, band_width)


def map_flowables(
    block: ChoroplethMap, styles: Styles, theme: Theme, section: Shows
) -> list[tuple[Flowable, Shows]]:
    flowables: list[tuple[Flowable, Shows]] = []
    if block.caption:
        shows = Shows(Part.PARAGRAPH, block.caption, section)
        caption = paragraph(block.caption, styles.caption, theme, styles.cache, shows)
        caption.keepWithNext = 1
        flowables.append((caption, shows))
    figure = ChoroplethFlowable(
        block,
        styles.chart_label,
        styles.chart_label,
        theme.colors.tint,
        theme.colors.primary,
        theme.colors.muted,
    )
    figure.spaceAfter = styles.body.spaceAfter * 1.4
    flowables.append((figure, Shows(Part.MAP, block, section)))
    return flowables


def table_flowables(
    table: Table,
    styles: Styles,
    theme: Theme,
    width: float,
    section: Shows,
    band_width: float = 0.0,
) -> list[tuple[Flowable, Shows]]:
    flowables: list[tuple[Flowable, Shows]] = []
    whole = Shows(Part.TABLE, table, section)
    if table.caption:
        # A chart's caption heads the chart and the table both: a paragraph before them.
        shows = (
            Shows(Part.PARAGRAPH, table.caption, section)
            if table.chart
            else Shows(Part.CAPTION, table.caption, whole)
        )
        caption = paragraph(table.caption, styles.caption, theme, styles.cache, shows)
        caption.keepWithNext = 1
        flowables.append((caption, shows))
    if table.chart:
        chart = Shows(Part.CHART, table, section)
        read_as = None if table.show_table else whole
        flowables.append((_chart(table, styles, theme, chart, read_as), chart))
        if not table.show_table:
            return flowables
    numeric = numeric_columns(table)
    needs = column_needs(table, CellStyles(styles.cell, styles.header_cell))
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
    if table.columns:
        header = [
            cell_style(styles.header_number_cell if c in numeric else styles.header_cell, c)
            for c in range(len(table.columns))
        ]
        row = Shows(Part.TABLE_ROW, table.columns, Shows(Part.TABLE_HEAD, table, whole))
        data.append(
            [
                paragraph(
                    cell, header[c], theme, styles.cache, Shows(Part.COLUMN_HEADER, cell, row)
                )
                for c, cell in enumerate(table.columns)
            ]
        )
    body_styles = [
        cell_style(styles.number_cell if c in numeric else styles.cell, c)
        for c in range(len(widths))
    ]
    body = Shows(Part.TABLE_BODY, table, whole)
    row_header = Part.ROW_HEADER if _first_column_heads_rows(table) else Part.CELL
    for cells in table.rows:
        row = Shows(Part.TABLE_ROW, cells, body)
        data.append(
            [
                paragraph(
                    cell,
                    body_styles[c],
                    theme,
                    styles.cache,
                    Shows(row_header if c == 0 else Part.CELL, cell, row),
                )
                for c, cell in enumerate(cells)
            ]
        )
    rl_table = SheetTable(
        data,
        colWidths=widths,
        repeatRows=1 if table.columns else 0,
        hAlign="LEFT",
        renderCB=_table_events,
    )
    rl_table.setStyle(_table_style(table, theme, styles, len(data)))
    rl_table.spaceAfter = styles.body.spaceAfter * 1.4
    rl_table.narrowest = needs.minimum
    # A short table reads badly split across columns; long ones split, marked "(continued)".
    rl_table.keep_whole = len(table.rows) <= SMALL_TABLE_ROWS
    rl_table.continued_style = styles.caption
    rl_table.continued_words = words_for(styles.lang).continued
    flowables.append((rl_table, whole))
    return flowables


def _first_column_heads_rows(table: Table) -> bool:
    """Whether the first column's cells are row headers: it names each row.

    Always for a table without a header row (its only headers); with a header row, only while
    header cells do not outnumber data cells, which readers take for a header row shredded
    into pieces (a two-column table's header row already names both columns).
    """
    if not table.columns:
        return True
    headers = len(table.columns) + len(table.rows)
    return headers <= len(table.rows) * (len(table.columns) - 1)


class SheetTable(RLTable):  # type: ignore[misc]
    """A table that knows the narrowest width its words fit, and marks where it continues.

    Its cells mark themselves; a header row repeated after a split is an Artifact.
    """

    marks_itself = True
    narrowest = 0.0
    keep_whole = False
    continued_style: ParagraphStyle | None = None
    continued_words = "(continued)"
    continued = False
    """True for the part of a split table after the first: its header rows are repeats."""

    def min_width(self) -> float:
        return self.narrowest

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(available_width, available_height)
        if len(parts) != 2:
            return parts
        parts[0].continued = self.continued
        parts[1].continued = True
        if self.continued_style is None:
            return parts
        if self.keep_whole:
            parts[0].split_small = True  # counted against the layout's quality
        label = RLParagraph(escape(self.continued_words), self.continued_style)
        label.keepWithNext = 1
        label.artifact = True  # a repeated label, not content: no structure tag
        return [parts[0], label, parts[1]]


def _table_events(table: SheetTable, event: str, *args: Any) -> None:
    """ReportLab's table drawing callback: tints, rules and repeated headers are Artifacts."""
    marks = marks_of(table.canv)
    if marks is None:
        return
    if event in ("startBG", "startLines"):
        marks.begin_artifact(table.canv)
    elif event in ("endBG", "endLines"):
        marks.end_artifact(table.canv)
    elif event == "startRow" and table.continued and table.repeatRows:
        # Rows come in order: the repeats first, then the first row of this part's own.
        if args[0] == 0:
            marks.begin_artifact(table.canv)
        elif args[0] == table.repeatRows:
            marks.end_artifact(table.canv)


def _chart(table: Table, styles: Styles, theme: Theme, figure: Shows, data: Shows | None) -> Chart:
    kind = BarChart if table.chart == "bar" else ColumnChart
    label_style = styles.chart_label if table.chart == "bar" else styles.chart_label_centered
    value_font, value_size = styles.header_number_cell.fontName, styles.number_cell.fontSize
    chart = kind(table, label_style, value_font, value_size, theme.colors.primary, figure, data)
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

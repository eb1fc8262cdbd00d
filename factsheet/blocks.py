"""Content blocks -> ReportLab flowables, each tagged with the section it belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from factsheet.markup import to_reportlab
from factsheet.model import Block, BulletList, Paragraph, Section, Table, Text
from factsheet.styles import Styles
from factsheet.theme import Theme

CELL_PADDING = 4.0
KEEP_WHOLE_ROWS = 8


@dataclass(frozen=True)
class Piece:
    """A flowable and the content element it shows, for messages about what did not fit."""

    flowable: Flowable
    origin: str


class SheetParagraph(RLParagraph):  # type: ignore[misc]
    """A paragraph that remembers its last wrap: fitting measures each one many times."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Line breaks depend on the width only, and drawing uses the last wrap's lines,
        # so a repeat at the same width can return the same answer.
        if self._wrapped is not None and self._wrapped[0] == available_width:
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(available_width, available_height)
        self._wrapped = (available_width, size)
        return size

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # ReportLab drops the wrapped lines of a paragraph it splits; wrap afresh next time.
        parts: list[Flowable] = super().split(available_width, available_height)
        self._wrapped = None
        return parts


def paragraph(text: Text, style: object, theme: Theme) -> SheetParagraph:
    markup = to_reportlab(text.spans, link_color=theme.colors.primary)
    return SheetParagraph(markup, style)


def section_pieces(section: Section, styles: Styles, theme: Theme, width: float) -> list[Piece]:
    name = f"{section.field} ({section.heading.plain!r})"
    pieces = [Piece(paragraph(section.heading, styles.heading, theme), name)]
    for block in section.body:
        pieces += [Piece(f, name) for f in block_flowables(block, styles, theme, width)]
    return pieces


def block_flowables(block: Block, styles: Styles, theme: Theme, width: float) -> list[Flowable]:
    if isinstance(block, Paragraph):
        return [paragraph(block.text, styles.body, theme)]
    if isinstance(block, BulletList):
        return [
            SheetParagraph(
                to_reportlab(item.spans, link_color=theme.colors.primary),
                styles.bullet,
                bulletText="\u2022",
            )
            for item in block.items
        ]
    return table_flowables(block, styles, theme, width)


def table_flowables(table: Table, styles: Styles, theme: Theme, width: float) -> list[Flowable]:
    flowables: list[Flowable] = []
    if table.caption:
        caption = paragraph(table.caption, styles.caption, theme)
        caption.keepWithNext = 1
        flowables.append(caption)
    data: list[list[Flowable]] = []
    if table.columns:
        data.append([paragraph(cell, styles.header_cell, theme) for cell in table.columns])
    for row in table.rows:
        data.append(
            [
                paragraph(
                    cell, styles.number_cell if c in table.numeric_columns else styles.cell, theme
                )
                for c, cell in enumerate(row)
            ]
        )
    widths = _column_widths(table, styles, width)
    rl_table = RLTable(data, colWidths=widths, repeatRows=1 if table.columns else 0, hAlign="LEFT")
    rl_table.setStyle(_table_style(table, theme, styles, len(data)))
    rl_table.spaceAfter = styles.body.spaceAfter * 1.4
    # A table of a few rows reads badly split across columns; long ones must split.
    rl_table.keep_whole = len(data) <= KEEP_WHOLE_ROWS
    flowables.append(rl_table)
    return flowables


def _column_widths(table: Table, styles: Styles, width: float) -> list[float]:
    """Numeric columns take what their widest figure needs; text columns share the rest."""
    count = len(table.rows[0])
    natural = []
    for c in range(count):
        cells = [row[c] for row in table.rows if c < len(row)]
        if c < len(table.columns):
            cells.append(table.columns[c])
        style = styles.number_cell if c in table.numeric_columns else styles.cell
        widest = max(stringWidth(cell.plain, style.fontName, style.fontSize) for cell in cells)
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

"""Will a table's figures fit their columns? Said before drawing, as a clear error.

A figure wider than its cell would wrap mid-number ("1,821," / "917"), and verification
would then report it missing: a user must hear instead which column needs how much room.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from factsheet.content.model import Table, Text
from factsheet.errors import LayoutOverflowError, Problem
from factsheet.layout.scriptruns import text_width


class TableTooWide(LayoutOverflowError):
    """A table's columns cannot hold its figures at this type size."""


def check_table_width(
    table: Table,
    widths: list[float],
    styles: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle],
    padding: float,
) -> None:
    """Raise TableTooWide naming the first column whose widest figure (or, for a column
    narrower than its padding, anything) cannot fit; styles: header, text and number cells."""
    header, text, number = styles
    for index, width in enumerate(widths):
        room = width - 2 * padding
        cells: list[tuple[Text, ParagraphStyle]] = [
            (row[index], number if index in table.numeric_columns else text)
            for row in table.rows
            if index < len(row)
        ]
        if index < len(table.columns):
            cells.append((table.columns[index], header))
        needed = max((_widest_figure(cell, style) for cell, style in cells), default=0.0)
        smallest = stringWidth("0", text.fontName, text.fontSize)
        if room < smallest or needed > room + 0.01:
            needed = max(needed, smallest)
            raise TableTooWide(
                Problem(
                    f"table too wide: column {index + 1} needs {needed:.0f} pt for its figures, "
                    f"has {max(room, 0):.0f} pt",
                    field=table.field,
                    line=next((cell.line for cell, _ in cells if cell.line), None),
                    hint="use fewer columns, shorter figures (1.8 million instead of 1,821,917), "
                    "or split the table in two",
                )
            )


def _widest_figure(cell: Text, style: ParagraphStyle) -> float:
    """The widest word holding a digit: a figure, which must not break across lines."""
    figures = [word for word in cell.plain.split() if any(c.isdigit() for c in word)]
    return max((text_width(word, style) for word in figures), default=0.0)

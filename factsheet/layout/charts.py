"""Bar and column charts drawn from a table's numbers, as vector shapes with text labels.

Every label and value is real text in the sheet's fonts, so it verifies like any figure (and
reads aloud); values print exactly as the table cells do.

Tagged, a chart is a Figure (described in words by pdf/tags). A chart drawn without its table
also gives its labels and values to the structure as a table (a row header and a cell per bar),
so a listener can step through every value; a chart drawn beside its table leaves that to the
table. The bars are drawn first and the text after, so the Figure reads before its values.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from msgspec.structs import replace
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from factsheet.content.model import Table
from factsheet.layout.flowables import SheetParagraph
from factsheet.layout.hyphenation import bind_figures
from factsheet.layout.runs import run_markup
from factsheet.layout.shows import Part, Shows, marks_of

BAR_GAP = 3.0
COLUMN_PLOT_HEIGHT = 84.0


def chart_values(table: Table) -> tuple[int, int, list[float]]:
    """The label column, the value column and each row's value (zero or more)."""
    value_column = min(table.numeric_columns)
    label_column = next(c for c in range(len(table.rows[0])) if c not in table.numeric_columns)
    values = [_value(row[value_column].plain, table.decimal) for row in table.rows]
    return label_column, value_column, values


def _value(text: str, decimal: str) -> float:
    """A cell's number: group separators dropped, the sheet's decimal mark read as one."""
    kept = "".join(char for char in text if char.isdigit() or char in (decimal, "-"))
    return float(kept.replace(decimal, ".") or 0)


@contextmanager
def _marked(canvas: Any, shows: Shows | None) -> Iterator[None]:
    marks = marks_of(canvas) if shows is not None else None
    if marks is None or shows is None:
        yield
        return
    marks.begin(canvas, shows)
    yield
    marks.end(canvas)


class Chart(Flowable):  # type: ignore[misc]
    """Shared parts: one label paragraph and one value text per row."""

    keep_whole = True
    marks_itself = True

    def __init__(
        self,
        table: Table,
        label_style: ParagraphStyle,
        value_font: str,
        value_size: float,
        color: str,
        figure: Shows | None = None,
        data: Shows | None = None,
    ) -> None:
        """`figure` shows the chart; `data`, the table its values are read as (when hidden)."""
        super().__init__()
        label_column, value_column, self.values = chart_values(table)
        self.figure = figure
        self.label_shows: list[Shows | None] = [None] * len(table.rows)
        self.value_shows: list[Shows | None] = [None] * len(table.rows)
        if data is not None:
            body = Shows(Part.TABLE_BODY, table, data)
            for index, row in enumerate(table.rows):
                row_shows = Shows(Part.TABLE_ROW, row, body)
                self.label_shows[index] = Shows(Part.ROW_HEADER, row[label_column], row_shows)
                self.value_shows[index] = Shows(Part.CELL, row[value_column], row_shows)
        self.labels = []
        for row, shows in zip(table.rows, self.label_shows, strict=True):
            spans = tuple(replace(s, text=bind_figures(s.text)) for s in row[label_column].spans)
            markup, runs = run_markup(spans, shows, color)
            label = SheetParagraph(markup, label_style)
            label.shows, label.runs, label.plain = shows, runs, row[label_column].plain
            self.labels.append(label)
        self.value_texts = [row[value_column].plain for row in table.rows]
        self.value_font = value_font
        self.value_size = value_size
        self.color = HexColor(color)
        self.largest = max(self.values) or 1.0
        self.width = 0.0  # not measured yet
        self.height = 0.0

    @property
    def data_as_table(self) -> bool:
        return self.label_shows[0] is not None

    def marked(self, shows: Shows | None, canvas: Any = None) -> AbstractContextManager[None]:
        """Draw inside a mark for `shows`, when tagged."""
        return _marked(self.canv if canvas is None else canvas, shows)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # Beside its table, the whole chart (text included) is the Figure.
        with self.marked(None if self.data_as_table else self.figure, canvas):
            super().drawOn(canvas, x, y, _sW)

    def value_width(self, text: str) -> float:
        return float(stringWidth(text, self.value_font, self.value_size))

    def draw_value(self, index: int, x: float, y: float) -> None:
        with self.marked(self.value_shows[index]):
            self.canv.setFillColor(self.color)
            self.canv.setFont(self.value_font, self.value_size)
            self.canv.drawString(x, y, self.value_texts[index])

    def draw_shapes(self) -> AbstractContextManager[None]:
        """The bars and axis: in the Figure's own mark when the text is read as a table."""
        return self.marked(self.figure if self.data_as_table else None)


class BarChart(Chart):
    """Horizontal bars: each label above its bar, the value just past the bar's end."""

    def min_width(self) -> float:
        return 140.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.width == available_width:
            return float(self.width), float(self.height)  # fitting asks again and again
        self.width = available_width
        self.bar_height = self.value_size * 1.1
        self.label_heights = [label.wrap(available_width, 1e6)[1] for label in self.labels]
        self.height = sum(h + self.bar_height + 2 * BAR_GAP for h in self.label_heights)
        return self.width, self.height

    def draw(self) -> None:
        widest_value = max(self.value_width(t) for t in self.value_texts)
        room = self.width - widest_value - 4
        places = []
        y = self.height
        for label_height, value in zip(self.label_heights, self.values, strict=True):
            y -= label_height
            label_y = y
            y -= BAR_GAP + self.bar_height
            places.append((label_y, y, room * value / self.largest))
            y -= BAR_GAP
        with self.draw_shapes():
            self.canv.setFillColor(self.color)
            for _, bar_y, length in places:
                self.canv.rect(0, bar_y, length, self.bar_height, stroke=0, fill=1)
        for index, (label_y, bar_y, length) in enumerate(places):
            self.labels[index].drawOn(self.canv, 0, label_y)
            self.draw_value(index, length + 4, bar_y + self.bar_height * 0.22)


class ColumnChart(Chart):
    """Vertical columns over a baseline: values on top, labels underneath."""

    def min_width(self) -> float:
        # Each column's slot holds its value and the longest word of its label.
        widest = max(self.value_width(text) for text in self.value_texts)
        words = [w for label in self.labels for w in label.text.split()]
        longest = max((self.value_width(w) for w in words), default=0.0)
        return len(self.labels) * (max(widest, longest) + 8)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.width == available_width:
            return float(self.width), float(self.height)
        self.width = available_width
        self.slot = available_width / len(self.labels)
        self.label_height = max(label.wrap(self.slot - 4, 1e6)[1] for label in self.labels)
        self.height = self.label_height + 4 + COLUMN_PLOT_HEIGHT + self.value_size * 1.4
        return self.width, self.height

    def draw(self) -> None:
        base = self.label_height + 4
        bar_width = self.slot * 0.6
        heights = [COLUMN_PLOT_HEIGHT * value / self.largest for value in self.values]
        with self.draw_shapes():
            self.canv.setStrokeColor(self.color)
            self.canv.setLineWidth(0.6)
            self.canv.line(0, base, self.width, base)
            self.canv.setFillColor(self.color)
            for index, column_height in enumerate(heights):
                left = index * self.slot + (self.slot - bar_width) / 2
                self.canv.rect(left, base, bar_width, column_height, stroke=0, fill=1)
        for index, (label, text) in enumerate(zip(self.labels, self.value_texts, strict=True)):
            left = index * self.slot
            _, height = label.wrap(self.slot - 4, 1e6)
            label.drawOn(self.canv, left + 2, base - 4 - height)
            text_x = left + (self.slot - self.value_width(text)) / 2
            self.draw_value(index, text_x, base + heights[index] + self.value_size * 0.35)

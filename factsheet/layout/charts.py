"""Bar and column charts drawn from a table's numbers, as vector shapes with text labels.

Every label and value is real text in the sheet's fonts, so it verifies like any figure (and
reads aloud); values print exactly as the table cells do.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from factsheet.content.markup import to_reportlab
from factsheet.content.model import Table
from factsheet.layout.flowables import SheetParagraph

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


class Chart(Flowable):  # type: ignore[misc]
    """Shared parts: one label paragraph and one value text per row."""

    keep_whole = True

    def __init__(
        self,
        table: Table,
        label_style: ParagraphStyle,
        value_font: str,
        value_size: float,
        color: str,
    ) -> None:
        super().__init__()
        label_column, value_column, self.values = chart_values(table)
        link = color
        self.labels = [
            SheetParagraph(to_reportlab(row[label_column].spans, link_color=link), label_style)
            for row in table.rows
        ]
        self.value_texts = [row[value_column].plain for row in table.rows]
        self.value_font = value_font
        self.value_size = value_size
        self.color = HexColor(color)
        self.largest = max(self.values) or 1.0
        self.width = 0.0  # not measured yet
        self.height = 0.0

    def value_width(self, text: str) -> float:
        return float(stringWidth(text, self.value_font, self.value_size))

    def draw_value(self, text: str, x: float, y: float) -> None:
        self.canv.setFillColor(self.color)
        self.canv.setFont(self.value_font, self.value_size)
        self.canv.drawString(x, y, text)


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
        y = self.height
        for label, label_height, value, text in zip(
            self.labels, self.label_heights, self.values, self.value_texts, strict=True
        ):
            y -= label_height
            label.drawOn(self.canv, 0, y)
            y -= BAR_GAP + self.bar_height
            length = room * value / self.largest
            self.canv.setFillColor(self.color)
            self.canv.rect(0, y, length, self.bar_height, stroke=0, fill=1)
            self.draw_value(text, length + 4, y + self.bar_height * 0.22)
            y -= BAR_GAP


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
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, base, self.width, base)
        for index, (label, value, text) in enumerate(
            zip(self.labels, self.values, self.value_texts, strict=True)
        ):
            left = index * self.slot
            _, height = label.wrap(self.slot - 4, 1e6)
            label.drawOn(self.canv, left + 2, base - 4 - height)
            column_height = COLUMN_PLOT_HEIGHT * value / self.largest
            bar_width = self.slot * 0.6
            self.canv.setFillColor(self.color)
            self.canv.rect(
                left + (self.slot - bar_width) / 2, base, bar_width, column_height, stroke=0, fill=1
            )
            text_x = left + (self.slot - self.value_width(text)) / 2
            self.draw_value(text, text_x, base + column_height + self.value_size * 0.35)

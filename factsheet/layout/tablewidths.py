"""Table columns sized by their content, and which columns read as numbers.

No column is narrower than its longest word or figure; number columns take their widest
figure; the label column takes the slack. Text is measured as the cells set it: each script
in the font that draws it, and Chinese or Japanese words counted as the pieces a line may
break between. A table whose words cannot fit the width says so
(`narrowest`), so the layout can give it a full-width band instead of breaking words.
"""

from __future__ import annotations

import re

from msgspec import Struct
from reportlab.lib.styles import ParagraphStyle

from factsheet.content.model import Table, Text
from factsheet.layout.hyphenation import bind_figures
from factsheet.layout.linebreak import break_allowed, has_ideographs
from factsheet.layout.scriptruns import text_width

CELL_PADDING = 4.0

# A figure with optional sign, currency, grouping, decimals, per cent and scale word, or a
# placeholder for a missing value.
_NUMERIC = re.compile(
    r"^\s*(?:[-\u2013\u2014]|n/?a|\.\.|\u2026|"
    r"[(+\-\u2212]?[$€£]?\s?\d[\d,.\u00a0\u202f ]*(?:\s?%|\s?‰)?\)?"
    r"(?:\s(?:million|billion|thousand|trillion|Millionen|Milliarden|Mio\.|Mrd\.|millones|mil))?"
    r"(?:\s?[$€£])?)\s*$",
    re.IGNORECASE,
)
# Where a cell's line may break: any space but the no-break ones that bind a figure together.
_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_PLACEHOLDER = re.compile(r"^\s*(?:[-\u2013\u2014]|n/?a|\.\.|\u2026)\s*$", re.IGNORECASE)


def looks_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text))


def numeric_columns(table: Table) -> frozenset[int]:
    """Columns whose every body cell reads as a number (placeholders allowed, not all)."""
    count = len(table.rows[0])
    found = set(table.numeric_columns)
    for c in range(count):
        cells = [row[c].plain for row in table.rows]
        if all(looks_numeric(cell) for cell in cells) and not all(
            _PLACEHOLDER.match(cell) for cell in cells
        ):
            found.add(c)
    return frozenset(found)


class CellStyles(Struct, frozen=True):
    """The styles cells are set in: body text (its bold for what the author marks) and header."""

    text: ParagraphStyle
    header: ParagraphStyle

    def font(self, text: Text, header: bool) -> str:
        if header or any(span.bold for span in text.spans):
            return str(self.header.fontName)
        return str(self.text.fontName)

    def width(self, text: str, font: str) -> float:
        """As wide as the cell draws it: each script's run in the font that draws it."""
        return text_width(text, self.text, font, self.text.fontSize)


def _words(text: Text) -> list[str]:
    """The pieces a cell's lines never break inside: words (figures kept whole with their
    unit), and in Chinese or Japanese the runs between allowed breaks."""
    pieces = []
    for word in _SPACES.split(bind_figures(text.plain).strip()):
        if not has_ideographs(word):
            pieces.append(word)
            continue
        start = 0
        for end in range(1, len(word)):
            if break_allowed(word[end - 1], word[end]):
                pieces.append(word[start:end])
                start = end
        pieces.append(word[start:])
    return pieces


class ColumnNeeds(Struct, frozen=True):
    narrowest: list[float]
    """Each column's longest word or figure, with padding."""
    natural: list[float]
    """Each column's longest cell on one line, with padding."""

    @property
    def minimum(self) -> float:
        return sum(self.narrowest)


def column_needs(table: Table, styles: CellStyles) -> ColumnNeeds:
    count = len(table.rows[0])
    narrowest, natural = [], []
    extra = 2 * CELL_PADDING + 1
    for c in range(count):
        cells = [(row[c], False) for row in table.rows]
        if c < len(table.columns):
            cells.append((table.columns[c], True))
        word = line = 0.0
        for text, header in cells:
            font = styles.font(text, header)
            line = max(line, styles.width(text.plain, font))
            for piece in _words(text):
                word = max(word, styles.width(piece, font))
        narrowest.append(word + extra)
        natural.append(line + extra)
    return ColumnNeeds(narrowest, natural)


def column_widths(
    needs: ColumnNeeds, numeric: frozenset[int], width: float, label: int = 0
) -> list[float]:
    """Widths summing to `width` (or less, for a small table): content first, slack to labels."""
    count = len(needs.natural)
    if sum(needs.natural) <= width:
        widths = list(needs.natural)
        widths[label] += width - sum(widths)
        return widths
    if needs.minimum >= width:
        # Too narrow even for the longest words: shrink alike (words will be hyphenated).
        return [width * n / needs.minimum for n in needs.narrowest]
    widths = list(needs.narrowest)
    room = width - needs.minimum
    # Numbers first (a figure on one line), then text in proportion to what it still wants.
    for c in sorted(range(count), key=lambda c: c not in numeric):
        want = needs.natural[c] - widths[c]
        if c in numeric:
            give = min(want, room)
            widths[c] += give
            room -= give
    wants = {c: needs.natural[c] - widths[c] for c in range(count) if c not in numeric}
    total = sum(wants.values())
    if total > 0:
        for c, want in wants.items():
            widths[c] += room * want / total
    else:
        widths[label] += room
    return widths

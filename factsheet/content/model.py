"""The content of a fact sheet as frozen data: what the loader produces and every stage reads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import msgspec.structs
from msgspec import Struct, field

from factsheet.content.markup import Span

if TYPE_CHECKING:  # a map's geometry is loaded only for a sheet with a map
    from factsheet.geo.atlas import Atlas

Cell = str | int
"""A table cell as written: strings print verbatim, integers with thousands separators."""


class Text(Struct, frozen=True):
    """A text field: its inline markup parsed into spans, and where it came from."""

    source: str
    spans: tuple[Span, ...]
    field: str
    line: int | None = None

    @property
    def plain(self) -> str:
        """The text as it reads on the page, without markup."""
        return "".join(span.text for span in self.spans)


class Highlight(Struct, frozen=True):
    value: Text
    label: Text


class Paragraph(Struct, frozen=True):
    text: Text


class BulletList(Struct, frozen=True):
    items: tuple[Text, ...]
    field: str = ""


class Table(Struct, frozen=True):
    rows: tuple[tuple[Text, ...], ...]
    columns: tuple[Text, ...] = ()
    caption: Text | None = None
    numeric_columns: frozenset[int] = frozenset()
    """Columns whose every body cell is a number; they are right-aligned."""
    chart: str | None = None
    """bar or column: draw the first numeric column against the first text column."""
    show_table: bool = True
    field: str = ""
    alt: str | None = None
    """The chart's description for people who cannot see it (generated when absent)."""
    decimal: str = "."
    """The sheet's decimal mark: in 7.890 (Vietnamese) the dot groups thousands."""


class MapValue(Struct, frozen=True):
    fips: str
    """The place's FIPS code: 2 digits for a state, 5 for a county."""
    name: str
    """The place's name as the map knows it."""
    value: float
    shown: str
    """The value as printed (in the sheet's number format)."""


class ChoroplethMap(Struct, frozen=True):
    """Places of one area shaded by class; the legend's ranges are text, so they verify."""

    area: str
    """A state's postal code, or "US"."""
    area_name: str
    level: str
    """county or state."""
    values: tuple[MapValue, ...]
    breaks: tuple[float, ...]
    """Class boundaries, ascending: class i holds values from breaks[i-1] up to breaks[i]."""
    legend: tuple[Text, ...]
    """One range label per class, lowest first."""
    missing: Text | None
    """The legend's label for places without a value (None when every place has one)."""
    missing_count: int
    top: Text | None
    """The highest places named with their values, when the author asked for labels."""
    caption: Text | None
    alt: str
    """The map's description: the author's, or one made from the data."""
    words_lang: str
    """The language of the generated words (the sheet's, or en where none are written)."""
    field: str
    atlas: Atlas | None = None
    """The places drawn, read once when the content was loaded (layout tries many sizes)."""

    def class_of(self, value: float) -> int:
        return sum(value >= b for b in self.breaks)


Block = Paragraph | BulletList | Table | ChoroplethMap


class Section(Struct, frozen=True):
    heading: Text
    body: tuple[Block, ...]
    field: str


class ThemeRef(Struct, frozen=True):
    """The content's theme: a built-in name or a file path, and where it was asked for."""

    name: str
    content_file: Path
    line: int | None = None

    @property
    def path(self) -> Path | None:
        """The theme file this names, or None for a built-in theme name."""
        return theme_file(self.name, self.content_file)


def theme_file(name: str, referrer: Path) -> Path | None:
    """The one rule for naming a theme: a path (relative to the file that names it) when it has
    a folder separator or a .yaml/.yml suffix, else None for a built-in theme's name.

    Used for a content file's `theme:` and a theme's `extends:` alike.
    """
    if "/" in name or "\\" in name or name.endswith((".yaml", ".yml")):
        return (referrer.parent / name).resolve()
    return None


class Sheet(Struct, frozen=True):
    """One fact sheet, as the content file describes it."""

    file: Path
    title: Text
    subtitle: Text | None
    lang: str
    theme: ThemeRef
    intro: tuple[Paragraph, ...]
    highlights: tuple[Highlight, ...]
    sections: tuple[Section, ...]
    source: Text | None
    organization: str | None
    """Who publishes the sheet: the content's, or the theme's once with_defaults has run."""
    keywords: tuple[str, ...] = field(default=())
    qr: str | None = None
    """An address to print as a QR code: the content's, or the theme's after with_defaults."""

    def with_defaults(self, *, organization: str | None, qr: str | None) -> Sheet:
        """The sheet with the theme's organisation and QR address where the content has none.

        The one place these defaults are decided; every later stage reads the sheet alone.
        """
        return msgspec.structs.replace(
            self, organization=self.organization or organization, qr=self.qr or qr
        )

    def texts(self) -> list[Text]:
        """Every text field in reading order: what verification must find on the page."""
        found: list[Text] = [self.title]
        if self.subtitle:
            found.append(self.subtitle)
        for highlight in self.highlights:
            found += [highlight.value, highlight.label]
        found += [p.text for p in self.intro]
        for section in self.sections:
            found.append(section.heading)
            for block in section.body:
                found += block_texts(block)
        if self.source:
            found.append(self.source)
        return found


def block_texts(block: Block) -> list[Text]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, ChoroplethMap):
        # What the map writes out: its caption, legend and named places (shading is not text).
        texts = [block.caption] if block.caption else []
        texts += list(block.legend)
        texts += [t for t in (block.missing, block.top) if t]
        return texts
    texts = [block.caption] if block.caption else []
    texts += list(block.columns)
    for row in block.rows:
        texts += list(row)
    return texts

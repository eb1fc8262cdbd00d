"""A choropleth map as vector paths: places shaded by class, white borders, a text legend.

The ramp runs from the theme's tint to its primary colour in CIELAB lightness, so neighbouring
classes differ by the same step on screen, for colour-blind readers and in greyscale print.
Places without a value are hatched, which reads as "no data" in any of those too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from factsheet.content.model import ChoroplethMap
from factsheet.layout.flowables import SheetParagraph

if TYPE_CHECKING:  # the atlas is read only for a sheet with a map
    from factsheet.geo.atlas import Atlas

MAX_ASPECT = 0.8
"""A map is at most this tall for its width: a tall state gets narrower, not taller."""
MAX_MAP_HEIGHT = 250.0
"""Points: a map across the page stops growing here and takes its legend beside it."""
BAND_WIDTH = 340.0
MANY_PLACES = 100
"""A state with more counties than this (Texas has 254) wants a band, as the US map does."""
SIDE_GAP = 14.0
SIDE_LEGEND_MIN = 110.0
SWATCH_GAP = 3.0
ENTRY_GAP = 9.0
BORDER = 0.35
HATCH_STEP = 2.4
LIGHTEST = 90.0
"""CIELAB lightness of the lightest class (paper is 100)."""


def atlas_for(choropleth: ChoroplethMap) -> Atlas:
    if choropleth.atlas is not None:
        return choropleth.atlas
    from factsheet.geo.atlas import load_counties, load_states

    return load_states() if choropleth.level == "state" else load_counties(choropleth.area)


def ramp(light: str, dark: str, steps: int) -> list[Color]:
    """steps colours from light to dark, evenly spaced in CIELAB."""
    start, end = _lab(HexColor(light)), _lab(HexColor(dark))
    # The lightest shade must still read as ink on white paper.
    start = (min(start[0], LIGHTEST), start[1], start[2])
    if steps == 1:
        return [_rgb(end)]
    return [
        _rgb(tuple(a + (b - a) * i / (steps - 1) for a, b in zip(start, end, strict=True)))
        for i in range(steps)
    ]


class ChoroplethFlowable(Flowable):  # type: ignore[misc]
    """The map, its legend (swatch + range text per class) and the named highest places."""

    keep_whole = True

    def __init__(
        self,
        choropleth: ChoroplethMap,
        legend_style: ParagraphStyle,
        top_style: ParagraphStyle,
        light: str,
        dark: str,
        muted: str,
    ) -> None:
        super().__init__()
        self.choropleth = choropleth
        self.atlas = atlas_for(choropleth)
        self.font, self.size = legend_style.fontName, legend_style.fontSize
        self.text_color = legend_style.textColor
        self.colors = ramp(light, dark, len(choropleth.legend))
        self.muted = HexColor(muted)
        self.top = (
            SheetParagraph(
                choropleth.top.plain.replace("&", "&amp;").replace("<", "&lt;"),
                # Place names are never hyphenated: a reader looks for "Columbia", whole.
                ParagraphStyle(f"{top_style.name}-unhyphenated", top_style, hyphenationLang=""),
            )
            if choropleth.top
            else None
        )
        self.width = self.height = 0.0

    def _entries(self) -> list[tuple[str, Color | None]]:
        entries: list[tuple[str, Color | None]] = [
            (text.plain, color)
            for text, color in zip(self.choropleth.legend, self.colors, strict=True)
        ]
        if self.choropleth.missing:
            entries.append((self.choropleth.missing.plain, None))
        return entries

    def _legend_rows(self, width: float) -> list[list[tuple[str, Color | None, float]]]:
        rows: list[list[tuple[str, Color | None, float]]] = [[]]
        used = 0.0
        for text, color in self._entries():
            entry = self.size + SWATCH_GAP + stringWidth(text, self.font, self.size)
            if rows[-1] and used + ENTRY_GAP + entry > width:
                rows.append([])
                used = 0.0
            used += (ENTRY_GAP if rows[-1] else 0) + entry
            rows[-1].append((text, color, entry))
        return rows

    def min_width(self) -> float:
        """The US, or a state of many counties, reads well only wider than a column."""
        wide = self.atlas.level == "state" or len(self.atlas.places) > MANY_PLACES
        return BAND_WIDTH if wide else 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.width == available_width:
            return self.width, self.height
        grid_width, grid_height = self.atlas.size
        aspect = grid_height / grid_width
        self.map_width = min(
            available_width, available_width * MAX_ASPECT / aspect, MAX_MAP_HEIGHT / aspect
        )
        self.map_height = self.map_width * aspect
        side = available_width - self.map_width - SIDE_GAP
        self.beside = side >= SIDE_LEGEND_MIN
        # Beside the map when it leaves room (a full-width band), else under it.
        legend_width = side if self.beside else available_width
        self.rows = self._legend_rows(0.0 if self.beside else legend_width)
        self.legend_height = len(self.rows) * self.size * 1.5
        self.top_height = self.top.wrap(legend_width, 1e6)[1] if self.top else 0.0
        self.legend_x = self.map_width + SIDE_GAP if self.beside else 0.0
        self.width = available_width
        if self.beside:
            self.height = max(self.map_height, self.legend_height + self.top_height)
            self.legend_top = self.height
        else:
            self.legend_top = self.height = self.size * 0.8 + self.legend_height + self.top_height
            self.height += self.map_height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        scale = self.map_width / self.atlas.size[0]
        left = 0.0
        bottom = self.height - self.map_height
        values = {v.fips: v.value for v in self.choropleth.values}
        canvas.saveState()
        # Grid units in, points out: integer coordinates keep the paths small in the file.
        canvas.translate(left, bottom)
        canvas.scale(scale, scale)
        canvas.setStrokeColor(white)
        canvas.setLineWidth(BORDER / scale)
        canvas.setLineJoin(1)
        for place in self.atlas.places:
            outline = _path_operators(place.rings)
            if place.fips in values:
                canvas.setFillColor(self.colors[self.choropleth.class_of(values[place.fips])])
                canvas.addLiteral(outline + " B")  # fill, then the white border on top
            else:
                self._hatch(outline, place.rings, scale)
        canvas.restoreState()
        self._draw_legend()

    def _hatch(
        self, outline: str, rings: tuple[tuple[tuple[int, int], ...], ...], scale: float
    ) -> None:
        """White with thin diagonal lines: "no data" in colour and in greyscale alike."""
        canvas = self.canv
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        bottom, top = min(ys), max(ys)
        step = max(1, round(HATCH_STEP / scale))
        low = min(xs) - (top - bottom)
        lines = " ".join(
            f"{x} {bottom} m {x + top - bottom} {top} l"
            for x in range(low - low % step, max(xs) + 1, step)
        )
        canvas.saveState()
        canvas.setFillColor(white)
        canvas.addLiteral(outline + " f")
        canvas.addLiteral(outline + " W n")  # clip the hatching to the place
        canvas.setStrokeColor(self.muted)
        canvas.setLineWidth(0.4 / scale)
        canvas.addLiteral(lines + " S")
        canvas.restoreState()
        canvas.setStrokeColor(white)
        canvas.addLiteral(outline + " S")

    def _draw_legend(self) -> None:
        canvas = self.canv
        y = self.legend_top - self.size * (1.1 if self.beside else 1.9)
        for row in self.rows:
            x = self.legend_x
            for text, color, entry in row:
                swatch_y = y - self.size * 0.15
                if color is None:
                    canvas.setFillColor(white)
                    canvas.setStrokeColor(self.muted)
                    canvas.setLineWidth(0.5)
                    canvas.rect(x, swatch_y, self.size, self.size, stroke=1, fill=1)
                    canvas.line(x, swatch_y, x + self.size, swatch_y + self.size)
                else:
                    canvas.setFillColor(color)
                    canvas.setStrokeColor(self.muted)
                    canvas.setLineWidth(0.3)
                    canvas.rect(x, swatch_y, self.size, self.size, stroke=1, fill=1)
                canvas.setFillColor(self.text_color)
                canvas.setFont(self.font, self.size)
                canvas.drawString(x + self.size + SWATCH_GAP, y, text)
                x += entry + ENTRY_GAP
            y -= self.size * 1.5
        if self.top:
            self.top.drawOn(canvas, self.legend_x, y + self.size * 1.1 - self.top_height)


def _path_operators(rings: tuple[tuple[tuple[int, int], ...], ...]) -> str:
    """A place's outline as PDF path operators on the integer grid (written directly: a
    county map has thousands of points, and ReportLab's path object formats each one slowly)."""
    parts = []
    for ring in rings:
        parts.append(f"{ring[0][0]} {ring[0][1]} m")
        parts.extend(f"{x} {y} l" for x, y in ring[1:])
        parts.append("h")
    return " ".join(parts)


def _lab(color: Color) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (color.red, color.green, color.blue))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _rgb(lab: tuple[float, ...]) -> Color:
    lightness, a, b = lab
    fy = (lightness + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def inverse(t: float) -> float:
        return t**3 if t**3 > 0.008856 else (t - 16 / 116) / 7.787

    x, y, z = inverse(fx) * 0.95047, inverse(fy), inverse(fz) * 1.08883
    r = 3.2406 * x - 1.5372 * y - 0.4986 * z
    g = -0.9689 * x + 1.8758 * y + 0.0415 * z
    blue = 0.0557 * x - 0.2040 * y + 1.0570 * z

    def gamma(c: float) -> float:
        c = min(1.0, max(0.0, c))
        return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055

    return Color(gamma(r), gamma(g), gamma(blue))

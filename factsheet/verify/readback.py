"""Reading a PDF page back: where each run of text is drawn, in which font, colour and over what.

Shared by verify (our own sheets) and check (any PDF); it only reads.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct
from pypdf.generic import ArrayObject, NullObject

from factsheet.verify.opening import as_dict, as_list, resolve

RGB = tuple[float, float, float]
WHITE: RGB = (1.0, 1.0, 1.0)
Matrix = list[float]
Rect = tuple[float, float, float, float]
"""left, bottom, right, top in page space."""
# Narrower than any text face's average glyph, so an estimated end errs on the short side.
_MIN_EM_PER_CHAR = 0.3
# Half a point of play at the right edge: a run's end is an estimate from its length.
_END_SLACK = 0.5


class TextRun(Struct, frozen=True):
    """One text-showing operation, in page space."""

    text: str
    x: float
    y: float
    size: float
    font: str = ""
    color: RGB = (0.0, 0.0, 0.0)
    background: RGB = WHITE

    @property
    def estimated_end(self) -> float:
        """A conservative guess at where the run ends: glyph widths are not read back."""
        return self.x + _MIN_EM_PER_CHAR * self.size * len(self.text.rstrip())

    def inside(self, rect: Rect, margin: float = 0.0) -> bool:
        """Drawn within rect, at least margin from each edge: the one inside-the-page test."""
        left, bottom, right, top = rect
        return (
            left + margin <= self.x
            and self.estimated_end <= right - margin + _END_SLACK
            and bottom + margin <= self.y <= top - margin
        )

    @property
    def bold(self) -> bool:
        return "bold" in self.font.lower() or "black" in self.font.lower()


class _Fill(Struct, frozen=True):
    left: float
    bottom: float
    right: float
    top: float
    color: RGB


class _PageWalker:
    """Follows fill colours, filled rectangles and text through a page's content stream."""

    def __init__(self) -> None:
        self.color: RGB = (0.0, 0.0, 0.0)
        self.saved: list[RGB] = []
        self.path: list[tuple[float, float, float, float]] = []
        self.fills: list[_Fill] = []
        self.runs: list[TextRun] = []
        self.marked: list[list[Any]] = []
        """Open marked-content sequences: [ActualText or None, whether it was read yet]."""

    def operator(self, operator: bytes, operands: list[Any], cm: Matrix, tm: Matrix) -> None:
        name = operator.decode("latin-1") if isinstance(operator, bytes) else str(operator)
        if name in ("BDC", "BMC"):
            properties: Any = operands[1] if name == "BDC" and len(operands) > 1 else {}
            actual = properties.get("/ActualText") if hasattr(properties, "get") else None
            self.marked.append([str(actual) if actual is not None else None, False])
        elif name == "EMC" and self.marked:
            self.marked.pop()
        elif name == "q":
            self.saved.append(self.color)
        elif name == "Q" and self.saved:
            self.color = self.saved.pop()
        elif name in ("rg", "g", "k", "sc", "scn"):
            self.color = _to_rgb([float(v) for v in operands if _is_number(v)], self.color)
        elif name == "re" and len(operands) == 4:
            x, y, w, h = (float(v) for v in operands)
            self.path.append(_transform_box(x, y, w, h, cm))
        elif name in ("f", "f*", "F", "B", "B*", "b", "b*"):
            self.fills += [_Fill(*box, self.color) for box in self.path]
            self.path = []
        elif name in ("n", "S", "s"):
            self.path = []

    def text(self, text: str, cm: Matrix, tm: Matrix, font: Any, size: float) -> None:
        span = next((entry for entry in reversed(self.marked) if entry[0] is not None), None)
        if span is not None:
            # Glyphs standing for an ActualText read as that text, once.
            text, span[1] = ("" if span[1] else span[0]), True
        if not text:
            return
        # Text space -> page space: the text matrix, then the current transformation matrix.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        name = str(font.get("/BaseFont", "")) if font is not None else ""
        self.runs.append(
            TextRun(text, x, y, size * scale, name, self.color, self._background(x, y))
        )

    def _background(self, x: float, y: float) -> RGB:
        # The last filled rectangle drawn under the point is what the text sits on.
        for fill in reversed(self.fills):
            if fill.left <= x <= fill.right and fill.bottom <= y <= fill.top:
                return fill.color
        return WHITE


def text_runs(page: Any, *, colors: bool = True) -> list[TextRun]:
    """Every text-showing operation on the page: position, size, font and (with colors) the
    colour it is drawn in and over; following the colours costs a visit to every operator."""
    walker = _PageWalker()
    if colors or _has_actual_text(page):
        page.extract_text(visitor_operand_before=walker.operator, visitor_text=walker.text)
    else:
        page.extract_text(visitor_text=walker.text)
    return walker.runs


def _has_actual_text(page: Any) -> bool:
    """Whether the page's text says what some glyphs read as (cheap: a look at the bytes)."""
    try:
        return b"/ActualText" in page.get_contents().get_data()
    except (AttributeError, ValueError):
        return False


def trim_box(page: Any) -> Rect:
    """The finished page: the trim box, which defaults to the crop box, then the media box."""
    box = page.trimbox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


def filled_rectangles(page: Any) -> list[tuple[float, float, float, float]]:
    """Every filled rectangle on the page, as (left, bottom, right, top) in page space."""
    walker = _PageWalker()
    page.extract_text(visitor_operand_before=walker.operator)
    return [(f.left, f.bottom, f.right, f.top) for f in walker.fills]


def join_runs(runs: list[TextRun]) -> str:
    """Runs in drawing order; a new line wherever the baseline moves."""
    parts: list[str] = []
    last_y: float | None = None
    for run in runs:
        if last_y is not None and abs(run.y - last_y) > 0.5:
            parts.append("\n")
        parts.append(run.text)
        last_y = run.y
    return "".join(parts)


def page_fonts(page: Any, damaged: list[str] | None = None) -> dict[str, bool]:
    """Each font the page or its forms use, and whether its program is embedded.

    A font resource that is not a font dictionary (text drawn in it cannot be shown) is
    described in damaged, when given.
    """
    fonts: dict[str, bool] = {}
    _collect_fonts(page.get("/Resources"), fonts, depth=0, damaged=damaged)
    return fonts


def _collect_fonts(
    resources: Any, fonts: dict[str, bool], depth: int, damaged: list[str] | None = None
) -> None:
    damaged = [] if damaged is None else damaged
    resources = as_dict(resources)
    if resources is None or depth > 8:
        return
    table = resources.get("/Font")
    if table is not None and as_dict(table) is None:
        damaged.append(f"/Font resources are {_kind(table)}, not a dictionary of fonts")
    for key, font_ref in (as_dict(table) or {}).items():
        font = as_dict(font_ref)
        if font is None:
            damaged.append(f"font {key} is {_kind(font_ref)}, not a font dictionary")
            continue
        name = str(resolve(font.get("/BaseFont", font.get("/Name", "?"))))
        if resolve(font.get("/Subtype")) == "/Type3":
            fonts[name] = True  # its glyphs are drawings inside the file
            continue
        descriptor = as_dict(font.get("/FontDescriptor"))
        descendants = as_list(font.get("/DescendantFonts"))
        if descriptor is None and descendants:
            first = as_dict(descendants[0])
            descriptor = as_dict(first.get("/FontDescriptor")) if first is not None else None
        fonts[name] = descriptor is not None and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
    for xobject in (as_dict(resources.get("/XObject")) or {}).values():
        form = as_dict(xobject)
        if form is not None and resolve(form.get("/Subtype")) == "/Form":
            _collect_fonts(form.get("/Resources"), fonts, depth + 1, damaged)


def _kind(value: Any) -> str:
    value = resolve(value)
    if isinstance(value, ArrayObject):
        return "an array"
    if value is None or isinstance(value, NullObject):
        return "null"
    if _is_number(value):
        return f"a number ({value})"
    return f"a {type(value).__name__.removesuffix('Object').lower()}"


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _to_rgb(values: list[float], current: RGB) -> RGB:
    if len(values) == 3:
        return values[0], values[1], values[2]
    if len(values) == 1:
        return values[0], values[0], values[0]
    if len(values) == 4:
        cyan, magenta, yellow, black = values
        return (
            (1 - cyan) * (1 - black),
            (1 - magenta) * (1 - black),
            (1 - yellow) * (1 - black),
        )
    return current


def _transform_box(
    x: float, y: float, width: float, height: float, cm: Matrix
) -> tuple[float, float, float, float]:
    corners = [(x, y), (x + width, y), (x, y + height), (x + width, y + height)]
    points = [
        (px * cm[0] + py * cm[2] + cm[4], px * cm[1] + py * cm[3] + cm[5]) for px, py in corners
    ]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)

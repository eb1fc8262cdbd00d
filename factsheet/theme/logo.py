"""The theme's logo: its natural size and how to draw it (PNG or JPEG as images, SVG as vectors)."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.errors import Problem, ThemeError

# ReportLab's graphics (and svglib) load only for a theme that has a logo.
if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen.canvas import Canvas

    from factsheet.theme.model import Logo


MAX_BYTES = 5 * 1024 * 1024
"""A logo file's size: a bitmap is copied into every sheet whole."""
MAX_PIXELS = 16_000_000
"""4,000 x 4,000: sharp at 300 dpi across a whole US Letter page, and 64 MB to decode."""
_DOWNSCALE = "downscale it to at most 2,000 pixels wide (sharp at 300 dpi up to 6.7 in)"


def logo_size(logo: Logo) -> tuple[float, float]:
    """Width and height of the logo in its own units, for keeping its aspect ratio.

    The whole file is read and checked here, before layout, so drawing it cannot fail."""
    if _is_svg(logo.file):
        drawing = _svg(logo.file)
        return float(drawing.width), float(drawing.height)
    return _bitmap_size(logo.file)


def _bitmap_size(path: Path) -> tuple[float, float]:
    from PIL import Image

    try:
        size = path.stat().st_size
    except OSError as error:
        raise _bad_logo(path, error.strerror or "cannot read it") from None
    if size > MAX_BYTES:
        raise _bad_logo(path, f"the file is {size / 2**20:.1f} MB; the limit is 5 MB", _DOWNSCALE)
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _bad_logo(
                    path,
                    f"it is {width:,} x {height:,} pixels; the limit is {MAX_PIXELS:,} pixels",
                    _DOWNSCALE,
                )
            image.load()  # a truncated or corrupt file fails here, not while drawing
    except ThemeError:
        raise
    except Exception as error:  # Pillow raises many kinds for a damaged image
        raise _bad_logo(path, _plain(error), "save the image again, as PNG or JPEG") from None
    if not (width and height):
        raise _bad_logo(path, "the image has no pixels")
    return float(width), float(height)


def draw_logo(
    canvas: Canvas, logo: Logo, box: tuple[float, float, float, float], font_name: str
) -> None:
    """Draw the logo into box (x, y, width, height); font_name is the canvas's own font."""
    x, y, width, height = box
    if not _is_svg(logo.file):
        canvas.drawImage(str(logo.file), x, y, width, height, mask="auto")
        return
    from reportlab.graphics import renderPDF

    drawing = _svg(logo.file)
    # The drawing would otherwise select the standard Helvetica, leaving it unembedded.
    drawing.initialFontName = font_name
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width / drawing.width, height / drawing.height)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.restoreState()


def _is_svg(path: Path) -> bool:
    return path.suffix.lower() == ".svg"


def _svg(path: Path) -> Drawing:
    from svglib.svglib import svg2rlg

    try:
        source = path.read_bytes()
    except OSError as error:
        raise _bad_logo(path, error.strerror or "cannot read it") from None
    if len(source) > MAX_BYTES:
        raise _bad_logo(path, f"the file is {len(source) / 2**20:.1f} MB; the limit is 5 MB")
    if _EMBEDDED_IMAGE.search(source):
        # svglib would read the bitmap (even from outside the logo's folder) and ReportLab
        # cannot draw what it makes of it: a mixed logo is refused before either happens.
        raise _bad_logo(
            path,
            "it holds a bitmap image (<image>)",
            "use the bitmap itself (PNG or JPEG) as the logo, or an SVG of shapes only",
        )
    try:
        drawing = svg2rlg(str(path))
    except Exception as error:  # svglib passes on XML and CSS parser errors of every kind.
        raise _bad_logo(path, _plain(error)) from None
    if drawing is None:
        raise _bad_logo(path, "not a drawable SVG with a width and height")
    width, height = (_number(drawing.width), _number(drawing.height))
    if not (0 < width <= _MAX_SIDE and 0 < height <= _MAX_SIDE):
        raise _bad_logo(
            path,
            f"its width and height ({drawing.width!s:.20}, {drawing.height!s:.20}) are not sizes",
            'give the <svg> element a width and height, e.g. width="120" height="60"',
        )
    if _has_text(drawing):
        # SVG text would be set in an unembedded standard font, which print shops reject.
        raise _bad_logo(path, "it contains text; convert the text to outlines (paths)")
    return drawing


_EMBEDDED_IMAGE = re.compile(rb"<\s*(?:[\w.-]+:)?(?:image|feImage)\b", re.IGNORECASE)
_MAX_SIDE = 1e6


def _number(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return number if math.isfinite(number) else math.nan


def _plain(error: BaseException) -> str:
    """An error's message without the object reprs some libraries put in it."""
    text = re.sub(r"identity=\[[^\]]*\]\s*", "", str(error))
    text = re.sub(r"<[^<>]* (?:at|object at) 0x[0-9a-fA-F]+>", "", text)
    text = " ".join(text.split())
    return text[:200] or type(error).__name__


def _has_text(node: Any) -> bool:
    from reportlab.graphics.shapes import Drawing, Group, String

    if isinstance(node, String):
        return True
    if isinstance(node, Group | Drawing):
        return any(_has_text(child) for child in node.contents)
    return False


def _bad_logo(path: Path, reason: str, hint: str = "") -> ThemeError:
    return ThemeError(
        Problem(f"cannot use logo {path.name}: {reason}", path, "logo.file", hint=hint)
    )

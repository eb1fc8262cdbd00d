"""The theme's logo: its natural size and how to draw it (PNG or JPEG as images, SVG as vectors)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.utils import ImageReader

from factsheet.errors import Problem, ThemeError

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from factsheet.theme.model import Logo


def logo_size(logo: Logo) -> tuple[float, float]:
    """Width and height of the logo in its own units, for keeping its aspect ratio."""
    if _is_svg(logo.file):
        drawing = _svg(logo.file)
        return float(drawing.width), float(drawing.height)
    try:
        width, height = ImageReader(str(logo.file)).getSize()
    except Exception as error:  # ReportLab and Pillow raise many kinds for a bad image.
        raise _bad_logo(logo.file, str(error)) from None
    return float(width), float(height)


def draw_logo(
    canvas: Canvas, logo: Logo, box: tuple[float, float, float, float], font_name: str
) -> None:
    """Draw the logo into box (x, y, width, height); font_name is the canvas's own font."""
    x, y, width, height = box
    if not _is_svg(logo.file):
        canvas.drawImage(str(logo.file), x, y, width, height, mask="auto")
        return
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
        drawing = svg2rlg(str(path))
    except Exception as error:  # svglib passes on XML and CSS parser errors of every kind.
        raise _bad_logo(path, str(error)) from None
    if drawing is None or not drawing.width or not drawing.height:
        raise _bad_logo(path, "not a drawable SVG with a width and height")
    if _has_text(drawing):
        # SVG text would be set in an unembedded standard font, which print shops reject.
        raise _bad_logo(path, "it contains text; convert the text to outlines (paths)")
    return drawing


def _has_text(node: Any) -> bool:
    if isinstance(node, String):
        return True
    if isinstance(node, Group | Drawing):
        return any(_has_text(child) for child in node.contents)
    return False


def _bad_logo(path: Path, reason: str) -> ThemeError:
    return ThemeError(Problem(f"cannot use logo {path.name}: {reason}", path, "logo.file"))

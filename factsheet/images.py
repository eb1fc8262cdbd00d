"""The theme's logo: its natural size and how to draw it (PNG or JPEG; SVG as vectors)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader

from factsheet.errors import Problem, ThemeError

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from factsheet.theme import Logo


def logo_size(logo: Logo) -> tuple[float, float]:
    """Width and height of the logo in its own units, for keeping its aspect ratio."""
    try:
        width, height = ImageReader(str(logo.file)).getSize()
    except Exception as error:  # ReportLab and Pillow raise many kinds for a bad image.
        raise ThemeError(
            Problem(f"cannot read logo {logo.file.name}: {error}", field="logo.file")
        ) from None
    return float(width), float(height)


def draw_logo(canvas: Canvas, logo: Logo, x: float, y: float, width: float, height: float) -> None:
    canvas.drawImage(str(logo.file), x, y, width, height, mask="auto")

"""A QR code as vector graphics (ReportLab's own widget), so a printed sheet leads online."""

from __future__ import annotations

from typing import TYPE_CHECKING

# The QR widget and ReportLab's graphics load only for a sheet that has a QR code.
if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


def qr_drawing(address: str, size: float, color: str, font_name: str) -> Drawing:
    """A square drawing of the address's QR code, size points wide, with its quiet zone."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import HexColor

    widget = QrCodeWidget(address, barLevel="M", barBorder=4)
    widget.barFillColor = HexColor(color)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    # The drawing would otherwise select the standard Helvetica, leaving it unembedded.
    drawing.initialFontName = font_name
    return drawing


def shown_address(address: str) -> str:
    """The address as printed under the code: without the scheme, which readers need not type."""
    for scheme in ("https://", "http://"):
        if address.startswith(scheme):
            return address[len(scheme) :].rstrip("/")
    return address

"""The canvas a sheet is drawn on: ReportLab's, escaping the text it writes in one pass."""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfgen.canvas import Canvas


@cache
def _escapes() -> dict[int, str]:
    """ReportLab's escape of each byte, as a table str.translate applies in C."""
    return {code: escapePDF(bytes([code])) for code in range(256)}


class SheetCanvas(Canvas):  # type: ignore[misc]
    """A ReportLab canvas whose text escaping gives ReportLab's result without its loop.

    Every string a sheet shows is escaped on its way into the page, and ReportLab looks each
    byte up in Python: a few thousand bytes a sheet.
    """

    def _escape(self, text: Any) -> str:
        if isinstance(text, bytes):
            return text.decode("latin-1").translate(_escapes())
        escaped: str = escapePDF(text)
        return escaped

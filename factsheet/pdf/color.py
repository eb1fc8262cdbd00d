"""Colour for print: every colour of the page as CMYK, from the theme's values or a fixed rule."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor, Color, toColor


def rgb_to_cmyk(red: float, green: float, blue: float) -> tuple[float, float, float, float]:
    """The naive, device-independent rule (all channels 0..1): K from the brightest channel.

    K = 1 - max(R, G, B); C = (1 - R - K) / (1 - K), and likewise M from G and Y from B.
    A print shop's ICC profile does better; themes can give exact values instead.
    """
    black = 1 - max(red, green, blue)
    if black >= 1:
        return 0.0, 0.0, 0.0, 1.0
    return (
        (1 - red - black) / (1 - black),
        (1 - green - black) / (1 - black),
        (1 - blue - black) / (1 - black),
        black,
    )


class CmykConverter:
    """Maps every colour the canvas is given to CMYK; passed to ReportLab's canvas."""

    def __init__(self, exact: dict[str, tuple[float, float, float, float]]) -> None:
        # Keyed by "#RRGGBB" in upper case; values are 0..1 fractions.
        self.exact = {key.upper(): value for key, value in exact.items()}

    def __call__(self, color: object) -> CMYKColor:
        parsed = toColor(color)
        if isinstance(parsed, CMYKColor):
            return parsed
        assert isinstance(parsed, Color)
        key = parsed.hexval().replace("0x", "#").upper()
        cyan, magenta, yellow, black = self.exact.get(key) or rgb_to_cmyk(
            parsed.red, parsed.green, parsed.blue
        )
        return CMYKColor(cyan, magenta, yellow, black, alpha=parsed.alpha)

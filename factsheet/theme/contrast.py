"""Colour contrast (WCAG 2): ratios, derived colours that pass, and a theme's failing pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factsheet.theme.model import Colors

TEXT_CONTRAST = 4.5
LARGE_TEXT_CONTRAST = 3.0
NON_TEXT_CONTRAST = 3.0
"""Bullets and rules: graphical objects a reader must see (WCAG 1.4.11)."""
WHITE = "#FFFFFF"


def _channels(color: str) -> tuple[float, float, float]:
    value = color.lstrip("#")
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def _hex(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in channels)


def luminance(color: str) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(color: str, other: str, share: float) -> str:
    """color with `share` (0..1) of other mixed in."""
    a, b = _channels(color), _channels(other)
    return _hex(
        (
            a[0] + (b[0] - a[0]) * share,
            a[1] + (b[1] - a[1]) * share,
            a[2] + (b[2] - a[2]) * share,
        )
    )


def tint_of(primary: str) -> str:
    """A pale wash of the primary colour for cards and table stripes."""
    return mix(WHITE, primary, 0.07)


def darkened_to(color: str, background: str, ratio: float) -> str:
    """The colour, darkened in its own hue just enough to reach the ratio on the background."""
    if contrast(color, background) >= ratio:
        return color
    for step in range(1, 101):
        darker = mix(color, "#000000", step / 100)
        if contrast(darker, background) >= ratio:
            return darker
    return "#000000"


def failing_pairs(colors: Colors) -> list[str]:
    """Each colour pair the sheet draws that misses WCAG AA, as a sentence naming the pair."""
    pairs = [
        ("text", colors.text, "white paper", WHITE, TEXT_CONTRAST),
        ("text", colors.text, "tint", colors.tint, TEXT_CONTRAST),
        ("muted", colors.muted, "white paper", WHITE, TEXT_CONTRAST),
        ("primary", colors.primary, "white paper", WHITE, TEXT_CONTRAST),
        ("primary", colors.primary, "tint", colors.tint, LARGE_TEXT_CONTRAST),
        ("on_primary", colors.on_primary, "primary", colors.primary, TEXT_CONTRAST),
        ("accent", colors.accent, "primary", colors.primary, LARGE_TEXT_CONTRAST),
    ]
    return [
        f"colors.{name} {fg} on {where} {bg} is {contrast(fg, bg):.1f}:1, below {need:g}:1"
        for name, fg, where, bg, need in pairs
        if contrast(fg, bg) < need
    ]

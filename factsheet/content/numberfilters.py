"""The number and percent filters of placeholders, in the sheet's language, and bounded."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from factsheet.content.numbers import parse_number

if TYPE_CHECKING:
    from babel import Locale

MOST_DECIMALS = 20
"""More decimal places than any figure needs. Unbounded, `number(100000000)` (or a data value
passed as the places) built a pattern of that many zeros and hung the build."""


def _locale(lang: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_US")


def number_filters(lang: str) -> dict[str, Callable[..., str]]:
    """`number` (grouped digits, optional decimal places) and `percent` (the same, and "%")."""
    from babel.numbers import format_decimal

    locale = _locale(lang)

    def number(value: object, decimals: int | None = None) -> str:
        amount = parse_number(value)
        if decimals is None:
            return format_decimal(amount, locale=locale, decimal_quantization=False)
        if not isinstance(decimals, int) or not 0 <= decimals <= MOST_DECIMALS:
            raise ValueError(
                f"refused: number() takes 0 to {MOST_DECIMALS} decimal places, not {decimals!r}"
            )
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(amount, format=pattern, locale=locale)

    def percent(value: object, decimals: int = 0) -> str:
        # The value is a percentage (19 -> 19%), as data tables usually hold it.
        return number(value, decimals) + "%"

    return {"number": number, "percent": percent}

"""Numerals as a sheet's language writes them: 9,720.5 in English, 9.720,5 in Vietnamese."""

from __future__ import annotations

import re
from functools import cache

ENGLISH = {"en", "en-us", "en-gb"}
"""Languages that group with "," and write "." before decimals (as CLDR has it): answered
without loading Babel, which costs a plain build more than the rest of its content stage."""


@cache
def _symbols(lang: str) -> tuple[str, str]:
    """The language's group separator and decimal mark."""
    if lang.replace("_", "-").lower() in ENGLISH:
        return ",", "."
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_US")
    return str(get_group_symbol(locale)), str(get_decimal_symbol(locale))


def format_integer(value: int, lang: str) -> str:
    """An integer cell with the language's group separator (9,720; 9.720; 9 720).

    Groups of three whatever the language (no Indian lakh grouping), so that figures read the
    same way everywhere; any size of integer, where number formatting libraries stop.
    """
    return f"{value:,}".replace(",", _symbols(lang)[0])


def decimal_mark(lang: str) -> str:
    """The character the language writes between whole and fractional parts."""
    return _symbols(lang)[1]


_NUMBER = re.compile(r"^[-+]?[$€£]?\d[\d,.\s]*%?$")


def is_number_cell(value: str | int) -> bool:
    """Whether a table cell is a figure (a numeric column is right-aligned and chartable)."""
    return isinstance(value, int) or bool(_NUMBER.match(value.strip()))

"""Numerals as a sheet's language writes them: 9,720.5 in English, 9.720,5 in Vietnamese."""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_US")


def format_integer(value: int, lang: str) -> str:
    """An integer cell with the language's group separator (9,720; 9.720; 9 720).

    Groups of three whatever the language (no Indian lakh grouping), so that figures read the
    same way everywhere; any size of integer, where number formatting libraries stop.
    """
    return f"{value:,}".replace(",", str(get_group_symbol(_locale(lang))))


def decimal_mark(lang: str) -> str:
    """The character the language writes between whole and fractional parts."""
    return str(get_decimal_symbol(_locale(lang)))


_NUMBER = re.compile(r"^[-+]?[$€£]?\d[\d,.\s]*%?$")


def is_number_cell(value: str | int) -> bool:
    """Whether a table cell is a figure (a numeric column is right-aligned and chartable)."""
    return isinstance(value, int) or bool(_NUMBER.match(value.strip()))

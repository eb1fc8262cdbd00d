"""Numerals in the sheet's language; English answered without Babel, as Babel answers."""

from __future__ import annotations

import pytest
from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from factsheet.content import numerals
from factsheet.content.numerals import decimal_mark, format_integer


@pytest.mark.parametrize("lang", sorted(numerals.ENGLISH))
def test_the_english_shortcut_agrees_with_babel(lang: str) -> None:
    locale = Locale.parse(lang.replace("-", "_"))
    assert format_integer(9720, lang) == f"9{get_group_symbol(locale)}720"
    assert decimal_mark(lang) == get_decimal_symbol(locale)


@pytest.mark.parametrize(
    ("lang", "integer", "mark"),
    [("EN-us", "1,234,567", "."), ("vi", "1.234.567", ","), ("de-DE", "1.234.567", ",")],
)
def test_each_language_groups_and_marks_decimals_its_own_way(
    lang: str, integer: str, mark: str
) -> None:
    assert format_integer(1234567, lang) == integer
    assert decimal_mark(lang) == mark


def test_an_unknown_language_writes_as_english() -> None:
    assert format_integer(1234, "xx-nowhere") == "1,234"
    assert decimal_mark("xx-nowhere") == "."

"""Numbers as spreadsheets export them, read for the `number` and `percent` filters.

Accepted: `1234`, `1,234`, `-1,234.5`, `(1,234)` (accounting negative), `23%`, with spaces or
no-break spaces around. Refused, with a hint: currency signs and suffixes such as `$1.2M`,
because the filter cannot know how the sheet should spell them.
"""

from __future__ import annotations

import re
from decimal import Decimal

_PLAIN = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_CURRENCY = "$€£¥₹"
MAX_EXPONENT = 30
"""Figures stay within 10^-30 .. 10^30: beyond that a value is a data error, not a count."""


class NotANumber(ValueError):
    """A value the number filters refuse; the message names the cell when it is known."""


def parse_number(value: object) -> Decimal:
    """The number a spreadsheet cell means; NotANumber saying which cell and why."""
    where = getattr(value, "where", "")
    prefix = f"{where}: " if where else ""
    if isinstance(value, bool) or value is None:
        raise NotANumber(f"{prefix}{value!r} is not a number")
    if isinstance(value, int | Decimal | float):
        return _printable(Decimal(repr(value) if isinstance(value, float) else value), prefix)
    text = str(value).replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not text:
        raise NotANumber(f"{prefix}the cell is empty, so there is no number to show")
    negative = text.startswith("(") and text.endswith(")")
    core = text[1:-1].strip() if negative else text
    core = core.removesuffix("%").strip()
    if _PLAIN.match(core) and any(c.isdigit() for c in core):
        amount = _printable(Decimal(core.replace(",", "")), prefix)
        return -amount if negative else amount
    raise NotANumber(prefix + _why(text))


def _printable(amount: Decimal, prefix: str) -> Decimal:
    """Refuse what no sheet should print: NaN, infinities, and magnitudes past 10^30."""
    if not amount.is_finite():
        raise NotANumber(f"{prefix}{str(amount)!r} is not a finite number")
    if amount and not -MAX_EXPONENT <= amount.adjusted() <= MAX_EXPONENT:
        shown = str(amount) if len(str(amount)) <= 40 else str(amount)[:39] + "\u2026"
        raise NotANumber(f"{prefix}{shown!r} is too large or too small to print as a figure")
    return amount


def _why(text: str) -> str:
    shown = repr(text)
    if any(sign in text for sign in _CURRENCY) or re.search(r"\d\s*[kKmMbB]n?\b", text):
        return (
            f"{shown} is not a plain number (a currency sign or a k/M/B suffix); put the plain "
            "number in the data (1200000) and the sign in the template: "
            "${{ amount | number }}, or leave out `| number` to print the text as written"
        )
    if re.fullmatch(r"[-+]?\d+(\.\d{3})+(,\d+)?", text) or re.fullmatch(r"[-+]?\d+,\d{1,2}", text):
        return (
            f"{shown} uses a comma as the decimal mark; write it with a point (1234.5) in the "
            "data, and the filter prints it the sheet's way"
        )
    return f"{shown} is not a number"

"""File names made from text: what a series names each sheet after."""

from __future__ import annotations

import re
import unicodedata


def slug(value: object) -> str:
    """File-name-safe lower case: "Nuevo México Data" -> "nuevo-mexico-data".

    Latin letters lose their accents; letters of other scripts are kept as they are
    ("Київ" -> "київ"), so that sheets for places written in Greek or Cyrillic get names of
    their own.
    """
    kept = "".join(map(_plain_latin, unicodedata.normalize("NFC", str(value).lower())))
    words = re.split(r"[^\w]+|_", kept)
    return "-".join(word for word in words if word)[:120].strip("-") or "sheet"


def _plain_latin(character: str) -> str:
    base = "".join(
        c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c)
    )
    return base if base.isascii() else character

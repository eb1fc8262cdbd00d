"""Places a map can show, read from the geometry shipped in factsheet/geo/data/.

Coordinates are integers on a grid (y up), delta-encoded per ring in the files; here they come
back as absolute points. Nothing is cached globally: a map reads its one small file when built.
"""

from __future__ import annotations

import functools
import gzip
import json
import unicodedata
from pathlib import Path
from typing import Any

from msgspec import Struct

DATA = Path(__file__).parent / "data"
UNITED_STATES = "United States"
_US_NAMES = {"united states", "us", "usa", "u.s.", "u.s.a.", "united states of america"}
_COUNTY_WORDS = (" county", " parish", " borough", " census area", " city and borough")

Ring = tuple[tuple[int, int], ...]


class Place(Struct, frozen=True):
    fips: str
    name: str
    rings: tuple[Ring, ...]
    label_at: tuple[int, int]
    code: str = ""
    """A state's postal code; empty for a county."""


class Atlas(Struct, frozen=True, dict=True):
    """The places of one map (a state's counties, or the states), on one grid."""

    area: str
    level: str
    size: tuple[int, int]
    places: tuple[Place, ...]
    source: str
    area_name: str = UNITED_STATES

    def __repr__(self) -> str:
        # Short: a sheet's repr names its map's atlas, not every ring of every place.
        return f"Atlas({self.area!r}, {self.level!r}, {len(self.places)} places)"

    def find(self, text: str) -> Place | None:
        """A place by name (any case, with or without "County"), postal code or FIPS code."""
        return self._index.get(match_key(text))

    @functools.cached_property
    def _index(self) -> dict[str, Place]:
        index: dict[str, Place] = {}
        for place in self.places:
            keys = [match_key(place.name), place.fips, place.code.lower()]
            if self.level == "county":
                keys.append(place.fips[2:])
            for key in keys:
                index.setdefault(key, place)
        index.pop("", None)
        return index


def match_key(text: str) -> str:
    """Lower case, accents off, county words off: what two spellings of a place share."""
    folded = unicodedata.normalize("NFKD", text.strip().lower())
    key = "".join(c for c in folded if not unicodedata.combining(c))
    key = " ".join(key.replace(".", ". ").split()).replace(". ", ".").rstrip(".")
    for word in _COUNTY_WORDS:
        if key.endswith(word) and key != word.strip():
            return key[: -len(word)]
    return key


def state_names() -> dict[str, str]:
    """Postal code -> name of every state and the District of Columbia."""
    return {p.code: p.name for p in load_states().places}


def find_state(text: str) -> Place | None:
    """A state by name or code (its outline is not read: only a map draws outlines)."""
    return _read(DATA / "us-states.json.gz", UNITED_STATES, "state", outlines=False).find(text)


def is_united_states(text: str) -> bool:
    return match_key(text) in _US_NAMES


def load_states() -> Atlas:
    return _read(DATA / "us-states.json.gz", UNITED_STATES, "state")


def load_counties(state_code: str) -> Atlas:
    return _read(DATA / "counties" / f"{state_code.upper()}.json.gz", state_code, "county")


def _read(path: Path, area: str, level: str, outlines: bool = True) -> Atlas:
    document: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()))
    places = tuple(
        Place(
            fips=raw["fips"],
            name=raw["name"],
            rings=tuple(_decode(ring) for ring in raw["rings"]) if outlines else (),
            label_at=(raw["label_at"][0], raw["label_at"][1]),
            code=raw.get("code", ""),
        )
        for raw in document["places"]
    )
    width, height = document["size"]
    return Atlas(area, level, (width, height), places, document["source"])


def _decode(deltas: list[int]) -> Ring:
    points: list[tuple[int, int]] = []
    x = y = 0
    for index in range(0, len(deltas) - 1, 2):
        x += deltas[index]
        y += deltas[index + 1]
        points.append((x, y))
    return tuple(points)

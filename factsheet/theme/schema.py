"""The JSON Schema of a theme file: what the loader accepts before it builds a Theme."""

from __future__ import annotations

from typing import Any

from factsheet.content.scripts import SCRIPTS
from factsheet.theme.model import COLOR_NAMES, LENGTH_PATTERN, PAGE_SIZES, STYLES

_LENGTH_SCHEMA: dict[str, Any] = {
    "type": ["number", "string"],
    "pattern": LENGTH_PATTERN,
    "description": "A length: a number of points, or text like 0.5in, 12mm, 36pt.",
}
_COLOR_SCHEMA: dict[str, Any] = {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}

THEME_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    # A stable name, not an address: editors find the schema by the path in a file's first line.
    "$id": "urn:factsheet:schema:theme:1",
    "title": "factsheet theme",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "extends": {"type": "string", "minLength": 1},
        "organization": {"type": "string"},
        "footer": {"type": "string"},
        "qr": {"type": "string", "pattern": "^https?://[^\\s]+$"},
        "page": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "size": {"enum": sorted(PAGE_SIZES)},
                "margins": {
                    "oneOf": [
                        _LENGTH_SCHEMA,
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                side: _LENGTH_SCHEMA for side in ("top", "right", "bottom", "left")
                            },
                        },
                    ]
                },
            },
        },
        "colors": {
            "type": "object",
            "additionalProperties": False,
            "properties": {name: _COLOR_SCHEMA for name in COLOR_NAMES},
        },
        "fonts": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                **{style: {"type": "string", "minLength": 1} for style in STYLES},
                "scripts": {
                    "type": "object",
                    "additionalProperties": False,
                    "description": "Fallback fonts per script, first choice first: a font file "
                    "(.ttf, .ttc) or an installed font's family name (found through fontconfig).",
                    "properties": {
                        script.key: {
                            "type": "array",
                            "items": {"type": "string", "minLength": 1},
                            "minItems": 1,
                        }
                        for script in SCRIPTS
                    },
                },
            },
        },
        "type": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "body": {"type": "number", "minimum": 8, "maximum": 14},
                "minimum": {"type": "number", "minimum": 8, "maximum": 14},
                "maximum": {"type": "number", "minimum": 8, "maximum": 16},
            },
        },
        "cmyk": {
            "type": "object",
            "additionalProperties": False,
            "description": "Exact CMYK values (percent) for --cmyk, per colour name.",
            "properties": {
                name: {
                    "type": "array",
                    "items": {"type": "number", "minimum": 0, "maximum": 100},
                    "minItems": 4,
                    "maxItems": 4,
                }
                for name in COLOR_NAMES
            },
        },
        "logo": {
            "type": "object",
            "additionalProperties": False,
            "required": ["file", "alt"],
            "properties": {
                "file": {"type": "string", "minLength": 1},
                "alt": {"type": "string", "minLength": 1},
            },
        },
    },
}

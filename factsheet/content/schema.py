"""The JSON Schema of content format v1: the public contract of a content file."""

from __future__ import annotations

from typing import Any

FORMAT_VERSION = 1
MAX_HIGHLIGHTS = 4

_TEXT: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "description": "Text with inline markup: **bold**, *italic*, [text](https://...).",
}

_CELL: dict[str, Any] = {
    "type": ["string", "integer"],
    "description": "Strings print exactly as written; integers with thousands separators.",
}

_TABLE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["rows"],
    "properties": {
        "caption": _TEXT,
        "columns": {
            "type": "array",
            "items": _TEXT,
            "minItems": 1,
            "description": "Optional header row; every row then has this many cells.",
        },
        "rows": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "array", "items": _CELL, "minItems": 1},
        },
        "chart": {
            "enum": ["bar", "column"],
            "description": "Draw the table's first numeric column as horizontal bars or columns.",
        },
        "show_table": {
            "type": "boolean",
            "default": True,
            "description": "With chart: also show the table (false: the chart replaces it).",
        },
        "alt": {
            "type": "string",
            "minLength": 1,
            "description": "With chart: what the chart shows, for screen readers (generated "
            "from the data when absent).",
        },
    },
}

_LIST: dict[str, Any] = {
    "type": "array",
    "items": _TEXT,
    "minItems": 1,
    "description": "A bulleted list; each item is a text.",
}

_MAP: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["area", "values"],
    "description": "A choropleth: places shaded by their value, with a legend of the ranges.",
    "properties": {
        "area": {
            "type": "string",
            "minLength": 1,
            "description": 'A state name or postal code ("Colorado", "CO"), or "United States".',
        },
        "level": {
            "enum": ["county", "state"],
            "description": "county: a state's counties (default for a state); state: the US "
            "states (default for the United States).",
        },
        "caption": _TEXT,
        "values": {
            "type": "array",
            "minItems": 1,
            "description": "Rows of [place, value]: a place by name or FIPS code, and a number.",
            "items": {
                "type": "array",
                "prefixItems": [
                    {"type": "string", "minLength": 1},
                    {"type": ["number", "string"]},
                ],
                "minItems": 2,
                "maxItems": 2,
            },
        },
        "classes": {
            "oneOf": [
                {"type": "integer", "minimum": 2, "maximum": 7},
                {
                    "type": "array",
                    "items": {"type": "number"},
                    "minItems": 1,
                    "maxItems": 6,
                    "description": "Explicit class breaks, ascending.",
                },
            ],
            "default": 5,
            "description": "How many shades (2 to 7, split at quantiles), or explicit breaks.",
        },
        "missing": {
            "type": "string",
            "minLength": 1,
            "default": "No data",
            "description": "Legend label for places without a value.",
        },
        "labels": {
            "type": "integer",
            "minimum": 0,
            "maximum": 5,
            "default": 0,
            "description": "Name this many places with the highest values under the map.",
        },
        "alt": {
            "type": "string",
            "minLength": 1,
            "description": "What the map shows, for screen readers (generated when absent).",
        },
    },
}

_WHEN: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "description": "Templates: a Jinja2 expression; the item is left out when it is false.",
}

_BLOCK: dict[str, Any] = {
    "description": "A paragraph (plain string), or a mapping holding exactly one of "
    "paragraph, table, list, map (and optionally when).",
    "type": ["string", "object"],
    "minLength": 1,
    "additionalProperties": False,
    "properties": {"paragraph": _TEXT, "table": _TABLE, "list": _LIST, "map": _MAP, "when": _WHEN},
    "oneOf": [
        {"type": "string"},
        {"type": "object", "required": ["paragraph"]},
        {"type": "object", "required": ["table"]},
        {"type": "object", "required": ["list"]},
        {"type": "object", "required": ["map"]},
    ],
}

_SECTION: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["heading", "body"],
    "properties": {
        "heading": _TEXT,
        "body": {"type": "array", "items": _BLOCK, "minItems": 1},
        "when": _WHEN,
    },
}

_HIGHLIGHT: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["value", "label"],
    "properties": {
        "value": {
            "type": ["string", "integer"],
            "description": 'The big number, e.g. "9,720" or "19%"; integers get separators.',
        },
        "label": _TEXT,
        "when": _WHEN,
    },
}

CONTENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    # A stable name, not an address: editors find the schema by the path in a file's first line.
    "$id": "urn:factsheet:schema:content:1",
    "title": "factsheet content file, format 1",
    "type": "object",
    "additionalProperties": False,
    "required": ["factsheet", "title", "sections"],
    "properties": {
        "factsheet": {"const": FORMAT_VERSION, "description": "Content format version."},
        "title": _TEXT,
        "subtitle": _TEXT,
        "lang": {
            "type": "string",
            "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
            "default": "en-US",
            "description": "BCP 47 language tag, written to the PDF.",
        },
        "theme": {
            "type": "string",
            "minLength": 1,
            "default": "default",
            "description": "Built-in theme name, or a theme file path relative to this file.",
        },
        "organization": {
            "type": "string",
            "minLength": 1,
            "description": "Publisher shown on the sheet and written as the PDF author; "
            "overrides the theme's.",
        },
        "keywords": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "intro": {"type": "array", "items": _TEXT},
        "highlights": {"type": "array", "items": _HIGHLIGHT, "maxItems": MAX_HIGHLIGHTS},
        "sections": {"type": "array", "items": _SECTION, "minItems": 1},
        "source": _TEXT,
        "qr": {
            "type": "string",
            "pattern": "^https?://[^\\s]+$",
            "description": "An http(s) address printed as a QR code with the address under it.",
        },
    },
}

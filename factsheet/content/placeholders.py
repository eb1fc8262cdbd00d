"""Where a content document holds placeholders: found without loading Jinja2, so that a
file with none never loads it."""

from __future__ import annotations

from typing import Any

from factsheet.content.yamlsource import FieldPath


def collect_placeholders(value: Any, path: FieldPath, found: list[tuple[FieldPath, str]]) -> None:
    """Every `when` condition and every string holding a placeholder, with its field path."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "when" and isinstance(item, str):
                found.append(((*path, key), item))
            else:
                collect_placeholders(item, (*path, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            collect_placeholders(item, (*path, index), found)
    elif isinstance(value, str) and ("{{" in value or "{%" in value or "{#" in value):
        found.append((path, value))

"""Data rows for templates: a CSV file, or a YAML or JSON list of mappings."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.content.yamlsource import YamlProblem, read_document
from factsheet.errors import ContentError, Problem


@dataclass(frozen=True)
class Row:
    """One data row: its number as the user counts it (first data row is 1) and its values."""

    number: int
    values: dict[str, Any]
    line: int | None = None


def read_rows(file: Path) -> list[Row]:
    """Every row of a data file; raise ContentError (file, line) when the file itself is bad."""
    if file.suffix.lower() == ".csv":
        return _csv_rows(file)
    if file.suffix.lower() in (".yaml", ".yml", ".json"):
        return _mapping_rows(file)
    raise ContentError(Problem("data must be a .csv, .yaml, .yml or .json file", file))


def _csv_rows(file: Path) -> list[Row]:
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ContentError(Problem("file not found", file)) from None
    except OSError as error:
        raise ContentError(Problem(f"cannot read file: {error.strerror}", file)) from None
    except UnicodeDecodeError as error:
        raise ContentError(
            Problem(f"not valid UTF-8 (offset {error.start})", file, hint="save it as UTF-8 CSV")
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((reader.line_num, record))
    except csv.Error as error:
        raise ContentError(Problem(f"malformed CSV: {error}", file, line=reader.line_num)) from None
    if not records:
        raise ContentError(Problem("file is empty: expected a header row and data rows", file))
    header = [name.strip() for name in records[0][1]]
    _check_header(header, file)
    rows = []
    for number, (line, record) in enumerate(records[1:], start=1):
        if len(record) != len(header):
            raise ContentError(
                Problem(
                    f"row {number} has {len(record)} values but the header has {len(header)}",
                    file,
                    line=line,
                    hint="quote values that contain commas",
                )
            )
        values = dict(zip(header, (v.strip() for v in record), strict=True))
        rows.append(Row(number, values, line))
    if not rows:
        raise ContentError(Problem("no data rows under the header", file))
    return rows


def _check_header(header: list[str], file: Path) -> None:
    blank = [i + 1 for i, name in enumerate(header) if not name]
    if blank:
        raise ContentError(Problem(f"header column {blank[0]} has no name", file, line=1))
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise ContentError(
            Problem(f"column {duplicates[0]!r} appears twice in the header", file, line=1)
        )
    bad = [name for name in header if not name.isidentifier()]
    if bad:
        raise ContentError(
            Problem(
                f"column name {bad[0]!r} cannot be used in a template",
                file,
                line=1,
                hint="use letters, digits and underscores, starting with a letter",
            )
        )


def _mapping_rows(file: Path) -> list[Row]:
    try:
        # JSON is YAML, so one safe reader with positions serves both.
        document = read_document(file)
    except YamlProblem as error:
        raise ContentError(error.problem) from None
    if not isinstance(document.data, list) or not document.data:
        raise ContentError(document.problem((), "expected a list of rows (field: value mappings)"))
    rows = []
    for index, item in enumerate(document.data):
        if not isinstance(item, dict):
            raise ContentError(document.problem((index,), "each row must be a mapping of columns"))
        line, _ = document.locate((index,))
        rows.append(Row(index + 1, item, line))
    return rows

"""Data rows for templates: CSV (any common dialect), .xlsx, or a YAML or JSON list of mappings.

Each text value is a Cell that knows where it came from (file, row, column), so a filter that
refuses it can say which cell to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from msgspec import Struct

from factsheet.content.spreadsheet import Record, csv_records, decode, xlsx_records
from factsheet.content.yamlsource import YamlProblem, read_document
from factsheet.errors import ContentError, Problem

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
SUFFIXES = (*CSV_SUFFIXES, ".xlsx", ".yaml", ".yml", ".json")
_SEPARATORS = re.compile("[\x1c-\x1f\ue000-\uf8ff]")


class Cell(str):
    """A data value as text, with where it came from: `data.csv row 3 (line 4), column 'x'`."""

    where: str

    def __new__(cls, value: str, where: str) -> Cell:
        cell = super().__new__(cls, value)
        cell.where = where
        return cell

    def __reduce__(self) -> tuple[Any, ...]:
        # Rows travel to worker processes; keep the location on the way.
        return (Cell, (str(self), self.where))


class Row(Struct, frozen=True):
    """One data row: its number as the user counts it (first data row is 1) and its values."""

    number: int
    values: Mapping[str, Any]
    line: int | None = None


class _Table(Struct, frozen=True):
    """What the rows of one table share: the header and how to say where a cell is."""

    header: tuple[str, ...]
    file_name: str
    counted: str
    separator: str
    """A character no cell holds: a row's cells are kept as one text joined by it."""


class TableRow(Mapping[str, Cell]):
    """A table row's values, held as bare text: each Cell, with where it came from, is made
    when it is read. A series of 20,000 rows keeps 20,000 short texts, not 120,000 Cells
    each with its own description."""

    __slots__ = ("_cells", "_line", "_number", "_table")

    def __init__(self, table: _Table, number: int, line: int, cells: str) -> None:
        self._table, self._number, self._line, self._cells = table, number, line, cells

    def __getitem__(self, column: str) -> Cell:
        table = self._table
        try:
            value = self._cells.split(table.separator)[table.header.index(column)]
        except ValueError:
            raise KeyError(column) from None
        where = f"{table.file_name} row {self._number} ({table.counted} {self._line})"
        return Cell(value, f"{where}, column {column!r}")

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.header)

    def __len__(self) -> int:
        return len(self._table.header)

    def __reduce__(self) -> tuple[Any, ...]:
        return (TableRow, (self._table, self._number, self._line, self._cells))


def read_rows(
    file: Path, *, sheet: str | None = None, warnings: list[Problem] | None = None
) -> list[Row]:
    """Every row of a data file; raise ContentError (file, line) when the file itself is bad.

    Doubts that do not stop the build (a guessed encoding) are added to warnings.
    """
    suffix = file.suffix.lower()
    noted: list[Problem] = [] if warnings is None else warnings
    if sheet is not None and suffix != ".xlsx":
        raise ContentError(Problem("--sheet is for .xlsx workbooks", file))
    if suffix in CSV_SUFFIXES:
        return _table_rows(csv_records(decode(_read(file), file, noted), file), file, "line")
    if suffix == ".xlsx":
        return _table_rows(xlsx_records(file, sheet, noted), file, "sheet row")
    if suffix in (".yaml", ".yml", ".json"):
        return _mapping_rows(file)
    raise ContentError(
        Problem(
            "data must be a .csv, .tsv, .xlsx, .yaml, .yml or .json file",
            file,
            hint="from Excel or LibreOffice, save as .xlsx or as CSV",
        )
    )


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise ContentError(Problem("file not found", file)) from None
    except OSError as error:
        raise ContentError(Problem(f"cannot read file: {error.strerror}", file)) from None


def _table_rows(records: list[Record], file: Path, counted: str) -> list[Row]:
    if not records:
        raise ContentError(Problem("file is empty: expected a header row and data rows", file))
    header_line, header_cells = records[0]
    header = [name.strip() for name in header_cells]
    # Spreadsheets often carry empty columns past the data: drop them from the end.
    while header and not header[-1]:
        last = len(header) - 1
        if any(len(record) > last and record[last].strip() for _, record in records[1:]):
            break
        header.pop()
    _check_header(header, file, header_line)
    table = _Table(tuple(header), file.name, counted, _separator(records[1:]))
    rows = []
    for number, (line, record) in enumerate(records[1:], start=1):
        record = [cell.strip() for cell in record]
        while len(record) > len(header) and not record[-1]:
            record.pop()
        if len(record) > len(header):
            raise ContentError(
                Problem(
                    f"row {number} has {len(record)} values but the header has {len(header)}",
                    file,
                    line=line,
                    hint="quote values that contain the separator, or add a name for the "
                    "extra column to the header",
                )
            )
        record += [""] * (len(header) - len(record))
        cells = table.separator.join(record)
        rows.append(Row(number, TableRow(table, number, line, cells), line))
    if not rows:
        raise ContentError(Problem("no data rows under the header", file))
    return rows


def _separator(records: list[Record]) -> str:
    """The first of the ASCII separators (then private-use characters) that no cell holds."""
    used = set(_SEPARATORS.findall("".join(cell for _, record in records for cell in record)))
    candidates = ("\x1f", "\x1e", "\x1d", "\x1c", *map(chr, range(0xE000, 0xF900)))
    return next(c for c in candidates if c not in used)


def _check_header(header: list[str], file: Path, line: int) -> None:
    blank = [i + 1 for i, name in enumerate(header) if not name]
    if blank:
        raise ContentError(Problem(f"header column {blank[0]} has no name", file, line=line))
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise ContentError(
            Problem(f"column {duplicates[0]!r} appears twice in the header", file, line=line)
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
        values = {
            key: Cell(value, f"{file.name} row {index + 1} (line {line}), column {key!r}")
            if isinstance(value, str)
            else value
            for key, value in item.items()
        }
        rows.append(Row(index + 1, values, line))
    return rows

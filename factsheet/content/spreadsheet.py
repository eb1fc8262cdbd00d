"""Tables as spreadsheets save them: CSV in any common dialect and encoding, and .xlsx.

Excel writes `;` where the decimal mark is a comma, tab-separated UTF-16 for "Unicode text",
and cp1252 for plain "CSV"; each is recognised without a flag.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from factsheet.errors import ContentError, Problem

MAX_BYTES = 20_000_000
MAX_UNPACKED = 200_000_000
MAX_CELLS = 500_000
DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}

Record = tuple[int, list[str]]
"""A line (or spreadsheet row) number and its cells."""


def decode(raw: bytes, file: Path, warnings: list[Problem]) -> str:
    """The text of a CSV file: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252 with a warning."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ContentError(
                Problem("not valid UTF-16 text", file, hint="save it again as CSV UTF-8")
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ContentError(
            Problem("not UTF-8 or Windows text", file, line=line, hint="save it as CSV UTF-8")
        ) from None
    warnings.append(
        Problem(
            "not UTF-8: read as Windows-1252 (Western European); check accented letters",
            file,
            line=line,
            hint="in Excel, save as 'CSV UTF-8' to avoid any doubt",
        )
    )
    return text


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, equally wide, columns."""
    sample = "\n".join(text.splitlines()[:20])
    best, best_width = ",", 1
    for delimiter in DELIMITERS:
        try:
            widths = {
                len(record)
                for record in csv.reader(io.StringIO(sample), delimiter=delimiter)
                if any(cell.strip() for cell in record)
            }
        except csv.Error:
            continue
        width = min(widths, default=1)
        if len(widths) == 1 and width > best_width:
            best, best_width = delimiter, width
    if best_width == 1:
        # Rows of uneven width: take the delimiter the header uses most.
        header = text.splitlines()[0] if text.strip() else ""
        counts = {d: header.count(d) for d in DELIMITERS}
        top = max(counts, key=lambda d: counts[d])
        best = top if counts[top] else ","
    return best


def csv_records(text: str, file: Path) -> list[Record]:
    """Non-blank records with their line numbers, in the delimiter the file uses."""
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[Record] = []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((reader.line_num, record))
    except csv.Error as error:
        raise ContentError(
            Problem(
                f"malformed CSV ({_DELIMITER_NAMES[delimiter]}-separated): {error}",
                file,
                line=reader.line_num,
                hint='a value with a quote in it must be quoted, with the quote doubled: "a ""b"""',
            )
        ) from None
    return records


def xlsx_records(file: Path, sheet: str | None, warnings: list[Problem]) -> list[Record]:
    """The cells of one worksheet as text, as the spreadsheet shows them, by row number."""
    _check_archive(file)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ContentError(
            Problem(f"cannot read this spreadsheet: {type(error).__name__}", file)
        ) from None
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise ContentError(
                Problem(
                    f"no sheet named {sheet!r}",
                    file,
                    hint="the sheets are: " + ", ".join(repr(n) for n in names),
                )
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        records: list[Record] = []
        cells = 0
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            cells += len(row)
            if cells > MAX_CELLS:
                raise ContentError(Problem(f"more than {MAX_CELLS:,} cells", file))
            values = [_shown(cell.value, getattr(cell, "number_format", "")) for cell in row]
            if any(value.strip() for value in values):
                records.append((number, values))
        return records
    finally:
        workbook.close()


def _check_archive(file: Path) -> None:
    """Refuse what is not a small, sane zip before any XML is parsed."""
    try:
        if file.stat().st_size > MAX_BYTES:
            raise ContentError(Problem(f"file is over {MAX_BYTES:,} bytes", file))
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except FileNotFoundError:
        raise ContentError(Problem("file not found", file)) from None
    except OSError as error:
        raise ContentError(Problem(f"cannot read file: {error.strerror}", file)) from None
    except zipfile.BadZipFile:
        raise ContentError(
            Problem("not an .xlsx workbook", file, hint="save it from the spreadsheet as .xlsx")
        ) from None
    if unpacked > MAX_UNPACKED:
        raise ContentError(Problem(f"unpacks to over {MAX_UNPACKED:,} bytes", file))


def _shown(value: object, number_format: str) -> str:
    """A cell's value as text, close to what the spreadsheet displays."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, int | float):
        if "%" in number_format:
            return _plain(value * 100) + "%"
        return _plain(value)
    return str(value).strip()


def _plain(number: float) -> str:
    """1234.0 -> "1234", 0.1 + 0.2 -> "0.3": the digits a person typed, not float noise."""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.12g}"

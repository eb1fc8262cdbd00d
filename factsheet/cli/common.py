"""What several commands share: row and print options, reading inputs, the build date."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from factsheet.errors import FactsheetError, Problem
from factsheet.theme.model import PAGE_SIZES

EXIT_OK, EXIT_UNVERIFIED, EXIT_BAD_INPUT = 0, 1, 2


def add_row_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--data",
        type=Path,
        metavar="FILE",
        help="for a template: the data file (CSV, .xlsx, YAML or JSON) to take a row from",
    )
    add_sheet_option(command)
    command.add_argument(
        "--row", type=int, metavar="N", help="with --data: the row (1 = the first data row)"
    )


def add_sheet_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--sheet", metavar="NAME", help="for .xlsx data: the worksheet (default: the first)"
    )


def data_rows(args: argparse.Namespace) -> list[Any]:
    """The rows of args.data (and --sheet), printing any warning about how it was read."""
    import sys

    from factsheet.cli.diagnostics import render
    from factsheet.content.rows import read_rows

    warnings: list[Problem] = []
    rows = read_rows(args.data, sheet=args.sheet, warnings=warnings)
    for warning in warnings:
        print(render(warning, "warning"), file=sys.stderr)
    return rows


def add_print_options(command: argparse.ArgumentParser) -> None:
    group = command.add_argument_group("print options")
    group.add_argument(
        "--page-size", choices=sorted(PAGE_SIZES), help="page size (default: the theme's)"
    )
    group.add_argument(
        "--bleed",
        metavar="LENGTH",
        help="extend edge-to-edge art past the trim, e.g. 0.125in or 3mm (adds Trim and Bleed "
        "boxes)",
    )
    group.add_argument(
        "--crop-marks", action="store_true", help="draw crop marks outside the bleed"
    )
    group.add_argument("--cmyk", action="store_true", help="write every colour as CMYK")
    group.add_argument(
        "--no-tags",
        action="store_true",
        help="write a plain PDF without the structure tree that makes it accessible (PDF/UA-1)",
    )


def print_options(args: argparse.Namespace) -> Any:
    from factsheet.pdf.print_options import PrintOptions, parse_bleed

    return PrintOptions(
        page_size=args.page_size,
        bleed=parse_bleed(args.bleed) if args.bleed else 0.0,
        crop_marks=args.crop_marks,
        cmyk=args.cmyk,
        tagged=not args.no_tags,
    )


def chosen_row(args: argparse.Namespace) -> dict[str, Any] | None:
    if args.data is None:
        if args.row is not None:
            raise FactsheetError(Problem("--row needs --data"))
        return None
    rows = data_rows(args)
    number = 1 if args.row is None and len(rows) == 1 else args.row
    if number is None or not 1 <= number <= len(rows):
        raise FactsheetError(
            Problem(f"--row must be a row number from 1 to {len(rows)}", args.data)
        )
    values: dict[str, Any] = rows[number - 1].values
    return values


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FactsheetError(Problem(f"cannot read: {error.strerror}", path)) from None


def source_date_epoch() -> str | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value and not value.isdigit():
        raise FactsheetError(
            Problem(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {value!r}")
        )
    return value or None


def created(args: argparse.Namespace) -> Any:
    """The build date: now, or SOURCE_DATE_EPOCH for reproducible builds."""
    from factsheet.pdf.render import creation_time

    return creation_time(source_date_epoch())

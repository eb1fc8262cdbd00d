"""What several commands share: row and print options, reading inputs, the build date."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from factsheet.errors import FactsheetError, Problem
from factsheet.theme.model import PAGE_SIZES

EXIT_OK, EXIT_UNVERIFIED, EXIT_BAD_INPUT = 0, 1, 2
LATEST_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC


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
        "--crop-marks",
        action=argparse.BooleanOptionalAction,
        help="draw crop marks outside the bleed",
    )
    group.add_argument(
        "--cmyk", action=argparse.BooleanOptionalAction, help="write every colour as CMYK"
    )
    command.set_defaults(uses_project=True)
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
        crop_marks=bool(args.crop_marks),
        cmyk=bool(args.cmyk),
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
    return dict(rows[number - 1].values)


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FactsheetError(Problem(f"cannot read: {error.strerror}", path)) from None


STDOUT = Path("-")


def check_output(output: Path, inputs: list[Path | None]) -> None:
    """Refuse, before any work, an output that is one of the inputs or not a regular file
    (`-`, standard output, is allowed by design)."""
    from factsheet.pdf.atomic import refuse_special

    if output == STDOUT:
        return
    refuse_special(output)
    for source in inputs:
        if source is not None and _same_file(output, source):
            raise FactsheetError(
                Problem(
                    f"is also an input ({source}); refusing to overwrite it",
                    output,
                    hint="give -o a different file name",
                )
            )


def write_output(output: Path, data: bytes) -> None:
    """Write atomically, or to standard output for `-`."""
    from factsheet.pdf.atomic import write_atomic

    if output == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)


def theme_files(theme: Any) -> list[Path | None]:
    """The files a built sheet read besides its content: theme, fonts and logo."""
    logo = theme.logo.file if theme.logo is not None else None
    return [theme.file, logo, *theme.fonts.by_style().values()]


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # either does not exist (yet)
        return first.resolve() == second.resolve()


def source_date_epoch() -> str | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value and not (value.isascii() and value.isdigit()):
        raise FactsheetError(
            Problem(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {value[:40]!r}")
        )
    if value and int(value[:20]) > LATEST_EPOCH:
        raise FactsheetError(
            Problem(
                f"SOURCE_DATE_EPOCH {value[:40]} is after the year 9999",
                hint="give seconds since 1970, not milliseconds (e.g. date +%s)",
            )
        )
    return value or None


def created(args: argparse.Namespace) -> Any:
    """The build date: now, or SOURCE_DATE_EPOCH for reproducible builds."""
    from factsheet.pdf.render import creation_time

    return creation_time(source_date_epoch())


def output_dir(args: argparse.Namespace) -> Path:
    """The folder outputs go to by default: the project file's `output`, else ./output."""
    project = getattr(args, "project", None)
    return project.output_dir() if project is not None else Path("output")


def project_theme(args: argparse.Namespace) -> Any:
    """The project file's theme, for content files that name none (or None)."""
    project = getattr(args, "project", None)
    if project is None:
        return None
    from factsheet.cli.project import default_theme

    return default_theme(project)

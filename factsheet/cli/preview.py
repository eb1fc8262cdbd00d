"""`factsheet preview`: a PNG of a PDF, or of a content file built in memory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from factsheet.cli.common import (
    EXIT_OK,
    EXIT_UNVERIFIED,
    STDOUT,
    add_row_options,
    check_output,
    chosen_row,
    created,
    output_dir,
    project_theme,
    read_input,
    theme_files,
    write_output,
)
from factsheet.errors import FactsheetError, Problem, VerificationError

MAX_PDF_BYTES = 50_000_000


def add(commands: Any) -> None:
    preview = commands.add_parser(
        "preview",
        help="write a PNG of a sheet for emails, slides and posts",
        description="Render INPUT (a PDF, or a content file built first, in memory) to PNG.",
    )
    preview.add_argument(
        "input",
        type=Path,
        metavar="INPUT",
        help="a .pdf, a content .yaml, or - for a PDF on standard input",
    )
    preview.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.png",
        help="where to write the PNG, - for standard output (default: beside a PDF; for a "
        "content file, output/<name>.png)",
    )
    size = preview.add_mutually_exclusive_group()
    size.add_argument("--width", type=int, metavar="PX", help="width in pixels (default: 1200)")
    size.add_argument("--dpi", type=float, metavar="N", help="resolution instead of a width")
    add_row_options(preview)
    preview.set_defaults(run=run, uses_project=True)


def run(args: argparse.Namespace) -> int:
    from factsheet.pdf.preview import preview_png

    if (args.width is not None and args.width < 16) or (args.dpi is not None and args.dpi <= 0):
        raise FactsheetError(Problem("--width must be at least 16 pixels and --dpi above 0"))
    if args.input == STDOUT:
        return _from_standard_input(args)
    from_pdf = args.input.suffix.lower() == ".pdf"
    # A PDF's picture goes beside it; a content file's, where its PDF would go.
    folder = args.input.parent if from_pdf else output_dir(args)
    output: Path = args.output or folder / f"{args.input.stem}.png"
    check_output(output, [args.input, args.data])
    if from_pdf:
        pdf = read_input(args.input)
    else:
        from factsheet.pipeline import build_sheet

        try:
            built = build_sheet(
                args.input,
                created=created(args),
                row=chosen_row(args),
                default_theme=project_theme(args),
            )
        except VerificationError as error:
            print(error.summary, file=sys.stderr)
            return EXIT_UNVERIFIED
        pdf = built.pdf
        check_output(output, theme_files(built.theme))
    png = preview_png(pdf, width=args.width, dpi=args.dpi)
    write_output(output, png)
    message = f"wrote {output}: {len(png) / 1024:.0f} KiB"
    print(message, file=sys.stderr if output == STDOUT else sys.stdout)
    return EXIT_OK


def _from_standard_input(args: argparse.Namespace) -> int:
    """`factsheet build - -o - < sheet.yaml | factsheet preview - -o sheet.png`: a PDF piped in."""
    from factsheet.pdf.preview import preview_png

    if args.output is None:
        raise FactsheetError(
            Problem(
                "a PDF from standard input needs -o",
                hint="give -o OUT.png, or -o - to write the PNG to standard output",
            )
        )
    pdf = sys.stdin.buffer.read(MAX_PDF_BYTES + 1)
    if len(pdf) > MAX_PDF_BYTES:
        raise FactsheetError(Problem(f"standard input is over {MAX_PDF_BYTES:,} bytes"))
    check_output(args.output, [])
    png = preview_png(pdf, width=args.width, dpi=args.dpi)
    write_output(args.output, png)
    message = f"wrote {args.output}: {len(png) / 1024:.0f} KiB"
    print(message, file=sys.stderr if args.output == STDOUT else sys.stdout)
    return EXIT_OK

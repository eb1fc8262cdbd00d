"""`factsheet build`: lay out, verify, then write one sheet."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from factsheet.cli.common import (
    EXIT_OK,
    EXIT_UNVERIFIED,
    STDOUT,
    add_print_options,
    add_row_options,
    check_output,
    chosen_row,
    created,
    output_dir,
    print_options,
    project_theme,
    theme_files,
    write_output,
)
from factsheet.errors import FactsheetError, Problem, VerificationError


def add(commands: Any) -> None:
    build = commands.add_parser(
        "build",
        help="build a PDF from a content file and verify it",
        description="Lay out CONTENT on one page, verify every figure is on it, then write it.",
    )
    build.add_argument(
        "content",
        type=Path,
        metavar="CONTENT.yaml",
        help="the content file, or - to read it "
        "from standard input (relative theme paths then start from this folder)",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.pdf",
        help="where to write the PDF, - for standard output (default: output/<content name>.pdf)",
    )
    build.add_argument(
        "--show-overflow",
        action="store_true",
        help="when the content does not fit, write a PNG beside the output: the page as far as "
        "it fits and, in a red box, what did not (OUT-overflow.png)",
    )
    add_row_options(build)
    add_print_options(build)
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from factsheet.pipeline import build_sheet

    started = time.perf_counter()
    text = _standard_input(args)
    stem = "stdin" if text is not None else args.content.stem
    output: Path = args.output or output_dir(args) / f"{stem}.pdf"
    if output.exists() and output.is_dir():
        raise FactsheetError(Problem("is a directory; give a file name ending in .pdf", output))
    check_output(output, [args.content, args.data])
    from factsheet.layout.fit import PageOverflow

    try:
        built = build_sheet(
            args.content,
            created=created(args),
            row=chosen_row(args),
            options=print_options(args),
            text=text,
            default_theme=project_theme(args),
        )
    except PageOverflow as overflow:
        beside = output_dir(args) / f"{stem}.pdf" if output == STDOUT else output
        return _overflowed(overflow, beside, args.show_overflow)
    except VerificationError as error:
        print(error.summary, file=sys.stderr)
        print(f"error: {output} was not written", file=sys.stderr)
        return EXIT_UNVERIFIED
    for warning in built.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    check_output(output, theme_files(built.theme))
    write_output(output, built.pdf)
    elapsed = time.perf_counter() - started
    report = built.report
    # With the PDF on standard output, every message goes to standard error.
    messages = sys.stderr if output == STDOUT else sys.stdout
    print(
        f"wrote {output}: 1 page, {report.figures_found}/{report.figures_expected} figures "
        f"verified, body type {built.body_size:g} pt, {len(built.pdf) / 1024:.0f} KiB, "
        f"{elapsed:.2f} s",
        file=messages,
    )
    if built.quality is not None:
        print(f"layout: {built.quality.summary()}", file=messages)
    return EXIT_OK


def _overflowed(overflow: Any, output: Path, show: bool) -> int:
    """Report an overflow; with --show-overflow, also write the picture of it."""
    from factsheet.cli.diagnostics import render

    for problem in overflow.problems:
        print(render(problem), file=sys.stderr)
    if not show:
        print("  hint: add --show-overflow to see the page and what did not fit", file=sys.stderr)
        return int(overflow.exit_code)
    from factsheet.pdf.atomic import write_atomic
    from factsheet.pdf.overflow import overflow_png

    picture = output.with_name(f"{output.stem}-overflow.png")
    write_atomic(picture, overflow_png(overflow))
    print(
        f"wrote {picture}: the page as far as it fits and, in a red box, what did not",
        file=sys.stderr,
    )
    return int(overflow.exit_code)


def _standard_input(args: argparse.Namespace) -> bytes | None:
    """The content from standard input when CONTENT is `-` (then -o is required)."""
    if args.content != STDOUT:
        return None
    if args.output is None:
        raise FactsheetError(
            Problem(
                "content from standard input needs -o",
                hint="give -o OUT.pdf, or -o - to write the PDF to standard output",
            )
        )
    from factsheet.content.yamlsource import MAX_BYTES

    return sys.stdin.buffer.read(MAX_BYTES + 1)

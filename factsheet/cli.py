"""Command line: parse arguments, run the pipeline, print results, return an exit code."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from factsheet import __version__
from factsheet.content import load_content
from factsheet.errors import FactsheetError, Problem
from factsheet.output import write_atomic
from factsheet.pipeline import build_sheet
from factsheet.render import creation_time
from factsheet.schema import CONTENT_SCHEMA
from factsheet.verify import verify_pdf

EXIT_OK, EXIT_UNVERIFIED, EXIT_BAD_INPUT = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except FactsheetError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factsheet",
        description="Turn a YAML content file into a branded, verified, one-page PDF fact sheet.",
        epilog="Exit codes: 0 ok, 1 verification failed, 2 bad input.",
    )
    parser.add_argument("--version", action="version", version=f"factsheet {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="build a PDF from a content file and verify it",
        description="Lay out CONTENT on one page, verify every figure is on it, then write it.",
    )
    build.add_argument("content", type=Path, metavar="CONTENT.yaml")
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.pdf",
        help="where to write the PDF (default: output/<content name>.pdf)",
    )
    build.set_defaults(run=_build)

    verify = commands.add_parser(
        "verify",
        help="check an existing PDF against its content file",
        description="Read PDF back: one page, every figure of CONTENT present and on the page.",
    )
    verify.add_argument("content", type=Path, metavar="CONTENT.yaml")
    verify.add_argument("pdf", type=Path, metavar="PDF")
    verify.set_defaults(run=_verify)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the content format",
        description="Print the JSON Schema of content files, for editors to validate and complete.",
    )
    schema.set_defaults(run=_schema)
    return parser


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    output: Path = args.output or Path("output") / f"{args.content.stem}.pdf"
    if output.exists() and output.is_dir():
        raise FactsheetError(Problem("is a directory; give a file name ending in .pdf", output))
    built = build_sheet(args.content, created=creation_time(_source_date_epoch()))
    if not built.report.ok:
        print(built.report.summary(), file=sys.stderr)
        print(f"error: {output} was not written", file=sys.stderr)
        return EXIT_UNVERIFIED
    write_atomic(output, built.pdf)
    elapsed = time.perf_counter() - started
    report = built.report
    print(
        f"wrote {output}: 1 page, {report.figures_found}/{report.figures_expected} figures "
        f"verified, body type {built.body_size:g} pt, {len(built.pdf) / 1024:.0f} KiB, "
        f"{elapsed:.2f} s"
    )
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    sheet = load_content(args.content)
    try:
        pdf = args.pdf.read_bytes()
    except OSError as error:
        raise FactsheetError(Problem(f"cannot read: {error.strerror}", args.pdf)) from None
    report = verify_pdf(pdf, sheet)
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_UNVERIFIED


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(CONTENT_SCHEMA, indent=2, ensure_ascii=False))
    return EXIT_OK


def _source_date_epoch() -> str | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value and not value.isdigit():
        raise FactsheetError(
            Problem(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {value!r}")
        )
    return value or None

"""Command line: parse arguments, run the pipeline, print results, return an exit code."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factsheet import __version__, batch
from factsheet.batch import DEFAULT_NAME
from factsheet.content import ContentTemplate, load_content
from factsheet.data import read_rows
from factsheet.errors import FactsheetError, Problem
from factsheet.output import write_atomic
from factsheet.pipeline import build_sheet
from factsheet.preflight import preflight
from factsheet.preview import preview_png
from factsheet.printing import PrintOptions, parse_bleed
from factsheet.progress import Progress
from factsheet.render import creation_time
from factsheet.schema import CONTENT_SCHEMA
from factsheet.theme import PAGE_SIZES
from factsheet.verify import verify_pdf

EXIT_OK, EXIT_UNVERIFIED, EXIT_BAD_INPUT = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    # pypdf logs what it repairs in damaged files; our reports already say what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
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
    _add_build(commands)
    _add_batch(commands)
    _add_verify(commands)
    _add_preview(commands)
    _add_check(commands)
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the content format",
        description="Print the JSON Schema of content files, for editors to validate and complete.",
    )
    schema.set_defaults(run=_schema)
    return parser


def _add_build(commands: Any) -> None:
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
    _add_row_options(build)
    _add_print_options(build)
    build.set_defaults(run=_build)


def _add_batch(commands: Any) -> None:
    batch_command = commands.add_parser(
        "batch",
        help="build one verified sheet per data row from a template",
        description="Fill TEMPLATE with each row of DATA (CSV, or a YAML/JSON list of "
        "mappings); build, verify and write one sheet per row. A bad row fails alone.",
        epilog="Exit codes: 0 every sheet built, 1 some rows failed, 2 bad template or data.",
    )
    batch_command.add_argument("template", type=Path, metavar="TEMPLATE.yaml")
    batch_command.add_argument("data", type=Path, metavar="DATA")
    batch_command.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("output"),
        metavar="DIR",
        help="folder for the sheets (default: output)",
    )
    batch_command.add_argument(
        "--name",
        default=DEFAULT_NAME,
        metavar="PATTERN",
        help="Jinja2 pattern for each file name, from the row's columns, title, subtitle and "
        "row number (default: %(default)s)",
    )
    batch_command.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: the number of CPUs, %(default)s here)",
    )
    batch_command.add_argument(
        "--key",
        metavar="COLUMN",
        help="column that names a row in the summary (default: the first column)",
    )
    batch_command.add_argument("--quiet", action="store_true", help="print only the summary")
    _add_print_options(batch_command)
    batch_command.set_defaults(run=_batch)


def _add_preview(commands: Any) -> None:
    preview = commands.add_parser(
        "preview",
        help="write a PNG of a sheet for emails, slides and posts",
        description="Render INPUT (a PDF, or a content file built first, in memory) to PNG.",
    )
    preview.add_argument("input", type=Path, metavar="INPUT", help="a .pdf or a content .yaml")
    preview.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.png",
        help="where to write the PNG (default: output/<input name>.png)",
    )
    size = preview.add_mutually_exclusive_group()
    size.add_argument("--width", type=int, metavar="PX", help="width in pixels (default: 1200)")
    size.add_argument("--dpi", type=float, metavar="N", help="resolution instead of a width")
    _add_row_options(preview)
    preview.set_defaults(run=_preview)


def _add_check(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="preflight a PDF before it goes to print or to a legislator's office",
        description="Report pages, size and boxes, fonts, text inside the trim, smallest text, "
        "colour contrast, links and file size of any PDF; with --content, the figure check too.",
        epilog="Exit codes: 0 every check passed, 1 some check failed, 2 bad input.",
    )
    check.add_argument("pdf", type=Path, metavar="PDF")
    check.add_argument(
        "--content",
        type=Path,
        metavar="CONTENT.yaml",
        help="also check that every figure of this content file is on the page",
    )
    _add_row_options(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(run=_check)


def _add_row_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--data",
        type=Path,
        metavar="FILE",
        help="for a template: the data file (CSV, YAML or JSON) to take a row from",
    )
    command.add_argument(
        "--row", type=int, metavar="N", help="with --data: the row (1 = the first data row)"
    )


def _add_print_options(command: argparse.ArgumentParser) -> None:
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


def _print_options(args: argparse.Namespace) -> PrintOptions:
    return PrintOptions(
        page_size=args.page_size,
        bleed=parse_bleed(args.bleed) if args.bleed else 0.0,
        crop_marks=args.crop_marks,
        cmyk=args.cmyk,
        tagged=not args.no_tags,
    )


def _add_verify(commands: Any) -> None:
    verify = commands.add_parser(
        "verify",
        help="check an existing PDF against its content file",
        description="Read PDF back: one page, every figure of CONTENT present and on the page.",
    )
    verify.add_argument("content", type=Path, metavar="CONTENT.yaml")
    verify.add_argument("pdf", type=Path, metavar="PDF")
    _add_row_options(verify)
    verify.set_defaults(run=_verify)


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    output: Path = args.output or Path("output") / f"{args.content.stem}.pdf"
    if output.exists() and output.is_dir():
        raise FactsheetError(Problem("is a directory; give a file name ending in .pdf", output))
    row = _chosen_row(args)
    options = _print_options(args)
    built = build_sheet(
        args.content, created=creation_time(_source_date_epoch()), row=row, options=options
    )
    for warning in built.warnings:
        print(f"warning: {warning}", file=sys.stderr)
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


def _chosen_row(args: argparse.Namespace) -> dict[str, Any] | None:
    if args.data is None:
        if args.row is not None:
            raise FactsheetError(Problem("--row needs --data"))
        return None
    rows = read_rows(args.data)
    number = 1 if args.row is None and len(rows) == 1 else args.row
    if number is None or not 1 <= number <= len(rows):
        raise FactsheetError(
            Problem(f"--row must be a row number from 1 to {len(rows)}", args.data)
        )
    return rows[number - 1].values


def _batch(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.jobs < 1:
        raise FactsheetError(Problem("--jobs must be at least 1"))
    template = ContentTemplate.read(args.template)
    rows = read_rows(args.data)
    key = args.key or next(iter(rows[0].values), "")
    if args.key and any(args.key not in row.values for row in rows):
        raise FactsheetError(Problem(f"--key: no column {args.key!r}", args.data))
    jobs, failed = batch.plan(template, rows, args.output, args.name, args.data)
    progress = Progress(len(rows), enabled=sys.stderr.isatty() and not args.quiet)
    for outcome in failed:
        progress.update(outcome)
    outcomes = batch.run(
        args.template,
        jobs,
        workers=min(args.jobs, max(1, len(jobs))),
        created=creation_time(_source_date_epoch()),
        options=_print_options(args),
        on_outcome=progress.update,
    )
    progress.close()
    elapsed = time.perf_counter() - started
    failures = sorted(failed + [o for o in outcomes if not o.ok], key=lambda o: o.row.number)
    built = len(outcomes) - sum(not o.ok for o in outcomes)
    print(
        f"built {built} of {len(rows)} sheets into {args.output}/ in {elapsed:.1f} s "
        f"({built / elapsed:.1f} verified sheets/s, {args.jobs} job(s))"
    )
    for outcome in failures:
        name = f"{key}={outcome.row.values.get(key, '?')}" if key else ""
        where = f"{args.data}:{outcome.row.line}" if outcome.row.line else str(args.data)
        print(
            f"FAILED row {outcome.row.number} ({name}) [{where}]: {outcome.reason}",
            file=sys.stderr,
        )
    return EXIT_UNVERIFIED if failures else EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    if (args.width is not None and args.width < 16) or (args.dpi is not None and args.dpi <= 0):
        raise FactsheetError(Problem("--width must be at least 16 pixels and --dpi above 0"))
    output: Path = args.output or Path("output") / f"{args.input.stem}.png"
    if args.input.suffix.lower() == ".pdf":
        pdf = _read(args.input)
    else:
        built = build_sheet(
            args.input, created=creation_time(_source_date_epoch()), row=_chosen_row(args)
        )
        if not built.report.ok:
            print(built.report.summary(), file=sys.stderr)
            return EXIT_UNVERIFIED
        pdf = built.pdf
    png = preview_png(pdf, width=args.width, dpi=args.dpi)
    write_atomic(output, png)
    print(f"wrote {output}: {len(png) / 1024:.0f} KiB")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    pdf = _read(args.pdf)
    sheet = load_content(args.content, _chosen_row(args)) if args.content else None
    report = preflight(pdf, str(args.pdf), sheet)
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(report.as_text())
    return EXIT_OK if report.ok else EXIT_UNVERIFIED


def _verify(args: argparse.Namespace) -> int:
    sheet = load_content(args.content, _chosen_row(args))
    pdf = _read(args.pdf)
    report = verify_pdf(pdf, sheet)
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_UNVERIFIED


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(CONTENT_SCHEMA, indent=2, ensure_ascii=False))
    return EXIT_OK


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FactsheetError(Problem(f"cannot read: {error.strerror}", path)) from None


def _source_date_epoch() -> str | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value and not value.isdigit():
        raise FactsheetError(
            Problem(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {value!r}")
        )
    return value or None

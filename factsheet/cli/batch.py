"""`factsheet batch`: one verified sheet per data row of a template."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from factsheet.batch import DEFAULT_NAME
from factsheet.cli.common import (
    EXIT_OK,
    EXIT_UNVERIFIED,
    add_print_options,
    add_sheet_option,
    created,
    data_rows,
    output_dir,
    print_options,
    project_theme,
)
from factsheet.errors import FactsheetError, Problem


def add(commands: Any) -> None:
    batch_command = commands.add_parser(
        "batch",
        help="build one verified sheet per data row from a template",
        description="Fill TEMPLATE with each row of DATA (CSV with commas, semicolons or "
        "tabs; an .xlsx workbook; or a YAML/JSON list of mappings); build, verify and write "
        "one sheet per row. A bad row fails alone.",
        epilog="Exit codes: 0 every sheet built, 1 some rows failed, 2 bad template or data.",
    )
    batch_command.add_argument("template", type=Path, metavar="TEMPLATE.yaml")
    batch_command.add_argument("data", type=Path, metavar="DATA")
    batch_command.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="folder for the sheets (default: output, or the project file's output)",
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
    batch_command.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="build the rows on the Dask cluster whose scheduler is at ADDRESS "
        '(e.g. tcp://10.0.0.5:8786; needs pip install "factsheet[dask]"); sheets are written '
        "here",
    )
    batch_command.add_argument("--quiet", action="store_true", help="print only the summary")
    add_sheet_option(batch_command)
    add_print_options(batch_command)
    batch_command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from factsheet.batch import series
    from factsheet.cli.progress import Progress
    from factsheet.content.loader import ContentTemplate

    started = time.perf_counter()
    if args.jobs < 1:
        raise FactsheetError(Problem("--jobs must be at least 1"))
    if args.output is None:
        args.output = output_dir(args)
    template = ContentTemplate.read(args.template)
    rows = data_rows(args)
    key = args.key or next(iter(rows[0].values), "")
    if args.key and any(args.key not in row.values for row in rows):
        raise FactsheetError(Problem(f"--key: no column {args.key!r}", args.data))
    jobs, failed = series.plan(template, rows, args.output, args.name, args.data)
    progress = Progress(len(rows), enabled=sys.stderr.isatty() and not args.quiet)
    for outcome in failed:
        progress.update(outcome)
    failures = series.run(
        args.template,
        jobs,
        workers=min(args.jobs, max(1, len(jobs))),
        created=created(args),
        options=print_options(args),
        on_outcome=progress.update,
        default_theme=project_theme(args),
        dask=args.dask,
    )
    progress.close()
    elapsed = time.perf_counter() - started
    built = len(jobs) - len(failures)
    failures = sorted(failed + failures, key=lambda o: o.row.number)
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

"""`factsheet check`: a preflight report for any PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from factsheet.cli.common import EXIT_OK, EXIT_UNVERIFIED, add_row_options, chosen_row, read_input


def add(commands: Any) -> None:
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
    add_row_options(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import logging

    from factsheet.content.loader import load_content
    from factsheet.verify.preflight import preflight

    # pypdf logs what it repairs in damaged files; our reports already say what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    pdf = read_input(args.pdf)
    sheet = load_content(args.content, chosen_row(args)) if args.content else None
    report = preflight(pdf, str(args.pdf), sheet)
    if args.json:
        import json

        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(report.as_text())
    return EXIT_OK if report.ok else EXIT_UNVERIFIED

"""`factsheet verify`: check an existing PDF against its content file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from factsheet.cli.common import EXIT_OK, EXIT_UNVERIFIED, add_row_options, chosen_row, read_input


def add(commands: Any) -> None:
    verify = commands.add_parser(
        "verify",
        help="check an existing PDF against its content file",
        description="Read PDF back: one page, every figure of CONTENT present and on the page.",
    )
    verify.add_argument("content", type=Path, metavar="CONTENT.yaml")
    verify.add_argument("pdf", type=Path, metavar="PDF")
    add_row_options(verify)
    verify.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from factsheet.content.loader import load_content
    from factsheet.verify.report import verify_pdf

    sheet = load_content(args.content, chosen_row(args))
    pdf = read_input(args.pdf)
    report = verify_pdf(pdf, sheet)
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_UNVERIFIED

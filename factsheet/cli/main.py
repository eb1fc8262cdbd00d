"""Command line: parse arguments, run one command, print problems, return an exit code."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from factsheet import __version__
from factsheet.cli import batch, build, check, preview, schema, serve, verify, watch
from factsheet.errors import FactsheetError

COMMANDS = (build, watch, serve, batch, verify, preview, check, schema)


def main(argv: Sequence[str] | None = None) -> int:
    # pypdf logs what it repairs in damaged files; our reports already say what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except FactsheetError as error:
        from factsheet.cli.diagnostics import render

        for problem in error.problems:
            print(render(problem), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="factsheet",
        description="Turn a YAML content file into a branded, verified, one-page PDF fact sheet.",
        epilog="Exit codes: 0 ok, 1 verification failed, 2 bad input.",
    )
    root.add_argument("--version", action="version", version=f"factsheet {__version__}")
    commands = root.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add(commands)
    return root

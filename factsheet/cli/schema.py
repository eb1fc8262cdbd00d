"""`factsheet schema`: print the content format's JSON Schema."""

from __future__ import annotations

import argparse
import json
from typing import Any

from factsheet.cli.common import EXIT_OK


def add(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the content format",
        description="Print the JSON Schema of content files, for editors to validate and complete.",
    )
    schema.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from factsheet.content.schema import CONTENT_SCHEMA

    print(json.dumps(CONTENT_SCHEMA, indent=2, ensure_ascii=False))
    return EXIT_OK

"""`factsheet schema`: the JSON Schema of content files or of themes, for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from factsheet.cli.common import EXIT_OK

KINDS = ("content", "theme")


def add(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help="print or write the JSON Schema of content files or themes",
        description="Print the JSON Schema of content files (or of themes), for editors to "
        "validate and complete. Point a YAML file at it with a first line like "
        "'# yaml-language-server: $schema=schema/content.json'.",
    )
    schema.add_argument(
        "kind", nargs="?", choices=KINDS, default="content", help="which schema (default: content)"
    )
    schema.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write it to FILE instead of printing"
    )
    schema.set_defaults(run=run)


def schema_text(kind: str) -> str:
    """The schema as published: indented JSON with a final newline."""
    import json

    if kind == "theme":
        from factsheet.theme.schema import THEME_SCHEMA as schema
    else:
        from factsheet.content.schema import CONTENT_SCHEMA as schema
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    text = schema_text(args.kind)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from factsheet.pdf.atomic import write_atomic

    write_atomic(args.output, text.encode("utf-8"))
    print(f"wrote {args.output}: the {args.kind} schema")
    return EXIT_OK

"""`factsheet init`: a starter folder with a sheet, a theme, a series and editor schemas, built."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from factsheet.cli.common import EXIT_OK
from factsheet.errors import FactsheetError, Problem

STARTER = Path(__file__).parent / "starter"
STARTER_FILES = (
    "sheet.yaml",
    "theme.yaml",
    "series/template.yaml",
    "series/data.csv",
    "factsheet.toml",
    "README.md",
)
DEFAULT_ORGANIZATION = "Example Community Network"
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\S*\n", re.MULTILINE)
_MARKUP = re.compile(r"([\\*\[\]])")


def add(commands: Any) -> None:
    from factsheet.theme.model import PAGE_SIZES

    init = commands.add_parser(
        "init",
        help="start a folder of fact sheets: a sheet, a theme, a series, then build it",
        description="Write a starter project into DIR (default: this folder) and build its "
        "sheet: sheet.yaml with every kind of block, theme.yaml, a series template with its "
        "data, factsheet.toml, editor schemas and a README. Asks nothing; never overwrites.",
    )
    init.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR")
    init.add_argument(
        "--organization",
        metavar="NAME",
        help=f"your organisation (default: {DEFAULT_ORGANIZATION})",
    )
    init.add_argument("--primary", metavar="#RRGGBB", help="main colour: header band, headings")
    init.add_argument("--accent", metavar="#RRGGBB", help="second colour: rules, subtitle")
    init.add_argument("--page-size", choices=sorted(PAGE_SIZES), default="letter")
    init.add_argument("--lang", default="en-US", metavar="TAG", help="language tag, e.g. fr-FR")
    init.add_argument(
        "--example", metavar="NAME", help="start sheet.yaml from a gallery example instead"
    )
    init.add_argument("--no-build", action="store_true", help="write the files only")
    init.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    values = _values(args)
    directory: Path = args.directory
    files = {
        name: _fill((STARTER / name).read_text(encoding="utf-8"), values) for name in STARTER_FILES
    }
    if args.example:
        files["sheet.yaml"] = _example(args.example)
    from factsheet.cli.schema import schema_text

    files["schema/content.json"] = schema_text("content")
    files["schema/theme.json"] = schema_text("theme")
    _refuse_existing(directory, files)
    for name, text in files.items():
        target = directory / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        except OSError as error:
            raise FactsheetError(Problem(f"cannot write: {error.strerror}", target)) from None
    print(f"created {directory}/: " + ", ".join(sorted(n for n in files if "/" not in n)))
    print("  and series/ (a template and its data), schema/ (for editors)")
    if not args.no_build:
        _build(directory)
    step = "" if directory == Path(".") else f"cd {directory} && "
    print(f"next: {step}factsheet build sheet.yaml   (after editing sheet.yaml)")
    return EXIT_OK


def _values(args: argparse.Namespace) -> dict[str, str]:
    from factsheet.content.schema import CONTENT_SCHEMA

    organization = (args.organization or DEFAULT_ORGANIZATION).strip()
    if not organization or any(not c.isprintable() for c in organization):
        raise FactsheetError(
            Problem("--organization must be a name on one line", hint='e.g. "Example Network"')
        )
    for option in ("primary", "accent"):
        color = getattr(args, option)
        if color is not None and not _COLOR.match(color):
            raise FactsheetError(
                Problem(
                    f"--{option}: {color!r} is not a colour",
                    hint="write it as # and six hex digits, e.g. #17365D (quote it in a shell: "
                    "'#17365D')",
                )
            )
    lang_pattern = CONTENT_SCHEMA["properties"]["lang"]["pattern"]
    if not re.match(lang_pattern, args.lang):
        raise FactsheetError(
            Problem(f"--lang: {args.lang!r} is not a language tag", hint="e.g. en-US or fr-FR")
        )
    import json  # for YAML-safe quoting; loaded by `init` only

    text = _MARKUP.sub(r"\\\1", organization)
    return {
        "ORG_TEXT_YAML": json.dumps(text, ensure_ascii=False),
        "ORG_TEXT_IN_QUOTES": json.dumps(text, ensure_ascii=False)[1:-1],
        "ORG_YAML": json.dumps(organization, ensure_ascii=False),
        "ORG_IN_QUOTES": json.dumps(organization, ensure_ascii=False)[1:-1],
        "ORG": organization,
        "LANG": args.lang,
        "PAGE_SIZE": args.page_size,
        "PRIMARY": args.primary or "#17365D",
        "ACCENT": args.accent or "#F2A541",
    }


def _fill(text: str, values: dict[str, str]) -> str:
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], text)


def examples_dir() -> Path:
    """Gallery sheets: inside an installed package, or the repository's examples/."""
    package = Path(__file__).parent.parent / "examples"
    return package if package.is_dir() else Path(__file__).parent.parent.parent / "examples"


def _example(name: str) -> str:
    gallery = examples_dir()
    # Sheets only: the gallery also holds the themes some sheets use.
    available = sorted(
        p.stem
        for p in (gallery.glob("*.yaml") if gallery.is_dir() else [])
        if re.search(r"^factsheet:", p.read_text(encoding="utf-8"), re.MULTILINE)
    )
    stem = name.removesuffix(".yaml")
    if stem not in available:
        raise FactsheetError(
            Problem(
                f"--example: no gallery sheet named {name!r}",
                hint="the gallery has: " + (", ".join(available) or "nothing in this install"),
            )
        )
    text = (gallery / f"{stem}.yaml").read_text(encoding="utf-8")
    text = _SCHEMA_LINE.sub("", text, count=1)
    if re.search(r"^theme:\s*(default\s*)?(#.*)?$", text, re.MULTILINE):
        text = re.sub(r"^theme:.*$", "theme: theme.yaml", text, count=1, flags=re.MULTILINE)
    elif not re.search(r"^theme:", text, re.MULTILINE):
        text = re.sub(r"^(factsheet:.*)$", r"\1\ntheme: theme.yaml", text, count=1, flags=re.M)
    header = f"# yaml-language-server: $schema=schema/content.json\n# From the gallery: {stem}\n"
    return header + text


def _refuse_existing(directory: Path, files: dict[str, str]) -> None:
    if directory.exists() and not directory.is_dir():
        raise FactsheetError(Problem("is a file, not a folder", directory))
    clashes = [name for name in files if (directory / name).exists()]
    if clashes:
        raise FactsheetError(
            Problem(
                "already holds " + ", ".join(clashes) + "; nothing was written",
                directory,
                hint="choose a new folder: factsheet init my-sheets",
            )
        )


def _build(directory: Path) -> None:
    import time

    from factsheet.cli.common import created
    from factsheet.pdf.atomic import write_atomic
    from factsheet.pipeline import build_sheet

    started = time.perf_counter()
    content = directory / "sheet.yaml"
    built = build_sheet(content, created=created(argparse.Namespace()))  # raises if unverified
    output = directory / "output" / "sheet.pdf"
    write_atomic(output, built.pdf)
    report = built.report
    print(
        f"wrote {output}: 1 page, {report.figures_found}/{report.figures_expected} figures "
        f"verified, {time.perf_counter() - started:.1f} s"
    )

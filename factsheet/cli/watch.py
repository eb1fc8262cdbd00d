"""`factsheet watch`: build, then rebuild whenever the content or anything it uses changes."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from factsheet.cli.common import (
    EXIT_OK,
    STDOUT,
    add_print_options,
    add_row_options,
    check_output,
    chosen_row,
    created,
    print_options,
)
from factsheet.errors import FactsheetError, Problem

# How long a burst of file events may last before we build: editors write a file in several
# steps (truncate, write, rename), and one save should make one build.
DEBOUNCE_MS = 40
# How often the watcher wakes without an event, to compare the files' stamps.
WAKE_MS = 500


def add(commands: Any) -> None:
    watch = commands.add_parser(
        "watch",
        help="build a PDF, then rebuild it every time the content or its theme changes",
        description="Build CONTENT, then rebuild on every save of the content, its theme (and "
        "every theme it extends), fonts, logo or data file. A failed rebuild prints the "
        "problems and leaves the last good PDF as it was. Stop with Ctrl+C.",
    )
    watch.add_argument("content", type=Path, metavar="CONTENT.yaml")
    watch.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.pdf",
        help="where to write the PDF (default: output/<content name>.pdf)",
    )
    watch.add_argument(
        "--open", action="store_true", help="open the PDF in the system's viewer once built"
    )
    add_row_options(watch)
    add_print_options(watch)
    watch.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import watchfiles

    from factsheet.pipeline import sheet_inputs

    output: Path = args.output or Path("output") / f"{args.content.stem}.pdf"
    if output.exists() and output.is_dir():
        raise FactsheetError(Problem("is a directory; give a file name ending in .pdf", output))
    if not args.content.is_file():
        raise FactsheetError(Problem("file not found", args.content))
    if output == STDOUT:
        raise FactsheetError(Problem("watch writes a file each time; give -o a file name"))
    check_output(output, [args.content, args.data])
    say(f"watching {args.content} and the files it uses; press Ctrl+C to stop")
    opened = False
    inputs = sheet_inputs(args.content, args.data)
    built_from: dict[Path, tuple[int, int] | None] = {}

    def build() -> None:
        nonlocal opened, built_from
        built_from = stamps(inputs)
        if rebuild(args, output) and args.open and not opened:
            open_in_viewer(output)
            opened = True
        # The theme may now extend another file: follow it (in place, for the filter).
        now = sheet_inputs(args.content, args.data)
        inputs.clear()
        inputs.update(now)

    build()
    # One watcher runs while we build, so a save made during a build is not missed. It watches
    # folders, not files: editors often save by writing a new file and renaming it over the old.
    # A save made before the watcher started is found by the files' stamps when it first wakes.
    try:
        while True:
            folders = {file.parent for file in inputs if file.parent.is_dir()}
            changes = watchfiles.watch(
                *sorted(folders),
                watch_filter=lambda _change, path: Path(path) in inputs,
                debounce=DEBOUNCE_MS,
                step=10,
                rust_timeout=WAKE_MS,
                yield_on_timeout=True,
                recursive=False,
            )
            for changed in changes:
                if changed or stamps(inputs) != built_from:
                    build()
                if {file.parent for file in inputs if file.parent.is_dir()} != folders:
                    break
    except KeyboardInterrupt:
        say("stopped watching")
    return EXIT_OK


def stamps(files: set[Path]) -> dict[Path, tuple[int, int] | None]:
    """Each file's modification time and size (None when missing), to tell a change."""
    found: dict[Path, tuple[int, int] | None] = {}
    for file in files:
        try:
            status = file.stat()
            found[file] = (status.st_mtime_ns, status.st_size)
        except OSError:
            found[file] = None
    return found


def rebuild(args: argparse.Namespace, output: Path) -> bool:
    """Build and write the sheet, or print why not; True when a new PDF was written."""
    from factsheet.pdf.atomic import write_atomic
    from factsheet.pipeline import build_sheet, sheet_inputs

    started = time.perf_counter()
    stamp = time.strftime("%H:%M:%S")
    try:
        check_output(output, [*sheet_inputs(args.content, args.data)])
        built = build_sheet(
            args.content, created=created(args), row=chosen_row(args), options=print_options(args)
        )
        write_atomic(output, built.pdf)  # verified: build raises VerificationError otherwise
        failures: list[Problem] = []
    except FactsheetError as error:
        failures = error.problems
    if failures:
        from factsheet.cli.diagnostics import render

        for failure in failures:
            print(f"{stamp} {render(failure)}", file=sys.stderr, flush=True)
        kept = "kept the last good PDF" if output.exists() else "no PDF written yet"
        say(f"{stamp} build failed ({len(failures)} problem{'s'[: len(failures) - 1]}); {kept}")
        return False
    report = built.report
    say(
        f"{stamp} built {output}: {report.figures_found}/{report.figures_expected} figures "
        f"verified, {report.pages} page, body type {built.body_size:g} pt, "
        f"{time.perf_counter() - started:.2f} s"
    )
    return True


def say(line: str) -> None:
    print(line, flush=True)


def open_in_viewer(path: Path) -> None:
    """Open the PDF with whatever the system uses for PDFs; a warning if there is none."""
    try:
        if sys.platform == "win32":
            os.startfile(path)
            return
        command = "open" if sys.platform == "darwin" else "xdg-open"
        import subprocess  # only to open the viewer

        subprocess.Popen([command, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        print(f"warning: could not open {path}: no PDF viewer found", file=sys.stderr)

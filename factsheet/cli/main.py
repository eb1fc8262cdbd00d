"""Command line: parse arguments, run one command, print problems, return an exit code."""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

from factsheet.errors import FactsheetError
from factsheet.version import __version__

COMMANDS = (
    "init",
    "build",
    "watch",
    "serve",
    "batch",
    "verify",
    "preview",
    "check",
    "schema",
    "completion",
)
"""Every command, in the order help lists them: each is the module factsheet.cli.<command>,
with add(commands) to declare its options and run(args) to run it."""
KEEP_RUNNING = ("batch", "watch", "serve")
"""Commands that make many sheets in one process: their garbage is collected."""


class Interrupted(KeyboardInterrupt):
    """A termination signal, raised like Ctrl-C so that temporary files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def run() -> NoReturn:
    """The `factsheet` program: main(), then an immediate exit once output is flushed.

    Start-up allocates hundreds of thousands of long-lived objects (modules, fonts, the
    layout), and the collector's default threshold runs it over a hundred times on them
    for nothing. A command that makes one sheet and ends does not run it at all (reference
    counting frees nearly everything; the few cycles left go with the process, some 0.5 MiB);
    one that keeps running (batch, watch, serve) runs it less often. At the end, an orderly
    interpreter shutdown frees every module one by one, which costs more than a cold build's
    verification; every file is already written and closed by then, so the process just ends.
    """
    if _command_named(sys.argv[1:]) in KEEP_RUNNING:
        gc.set_threshold(10_000, 10, 10)
    else:
        gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser(_command_named(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    previous = _catch_termination()
    try:
        if getattr(args, "uses_project", False):
            from factsheet.cli.project import apply_project

            apply_project(args)
        code: int = args.run(args)
        sys.stdout.flush()
        return code
    except FactsheetError as error:
        from factsheet.cli.diagnostics import render

        for problem in error.problems:
            print(render(problem), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt as interruption:
        signum = interruption.signum if isinstance(interruption, Interrupted) else signal.SIGINT
        print(f"interrupted ({signal.Signals(signum).name}); no partial file left", file=sys.stderr)
        return 128 + signum
    except BrokenPipeError:
        # The reader went away (`check --json | head -1`): nothing more to say to it.
        _silence_stdout()
        return 128 + signal.SIGPIPE
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _catch_termination() -> dict[int, Any]:
    """SIGTERM and SIGHUP end the command like Ctrl-C: cleanly, with temporaries removed."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {signum: signal.signal(signum, _interrupt) for signum in (signal.SIGTERM, signal.SIGHUP)}


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with only (a command), the other commands are named but not loaded.

    A run needs the options of the command it runs only: loading every command's module and
    building its options (argparse measures the terminal for each option it adds) would cost
    a cold start some 15 ms.
    """
    root = argparse.ArgumentParser(
        prog="factsheet",
        description="Turn a YAML content file into a branded, verified, one-page PDF fact sheet.",
        epilog="Exit codes: 0 ok, 1 verification failed, 2 bad input.",
    )
    root.add_argument("--version", action="version", version=f"factsheet {__version__}")
    commands = root.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if only not in COMMANDS or only == name:
            command_module(name).add(commands)
        else:
            commands.add_parser(name)  # a name to choose, for "invalid choice" messages
    return root


def command_module(name: str) -> ModuleType:
    """The module of a command in COMMANDS."""
    return importlib.import_module(f"factsheet.cli.{name}")


def _command_named(argv: Sequence[str]) -> str | None:
    """The command argv runs (the program's own options take no values), if any."""
    return next((arg for arg in argv if not arg.startswith("-")), None)

"""`factsheet serve`: a local web editor with a live preview of the page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from factsheet.cli.common import EXIT_OK


def add(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="edit a content file in your browser beside a live preview of the page",
        description="Start a local web editor for CONTENT (one file, or every content file in a "
        "folder): the YAML on the left, the verified page on the right, problems beside their "
        "line. Only this computer can reach it (127.0.0.1). Stop with Ctrl+C.",
    )
    serve.add_argument(
        "target",
        type=Path,
        nargs="?",
        default=Path("content"),
        metavar="CONTENT.yaml|FOLDER",
        help="a content file, or a folder of them (default: content)",
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="the port to listen on (default: 8000; 0: any)"
    )
    serve.add_argument(
        "--open", action="store_true", help="open the editor in the web browser once started"
    )
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from factsheet.errors import FactsheetError
    from factsheet.serve.server import serve

    if not 0 <= args.port <= 65535:
        raise FactsheetError("--port must be a number from 0 to 65535")
    server = serve(args.target, args.port, on_refused=lambda why: print(why, file=sys.stderr))
    print(f"editing {args.target} at {server.url}", flush=True)
    print("only this computer can open it; press Ctrl+C to stop", flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", flush=True)
    finally:
        server.server_close()
    return EXIT_OK

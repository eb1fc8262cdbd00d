"""A series on a Dask cluster: rows go to the cluster's workers, sheets come back to be written.

Each worker process prepares one builder per template (reading the template, theme and fonts
once) and keeps it for every row it is given; a worker builds one sheet at a time, whatever
its thread count, because ReportLab's font registry and PDFium are not thread-safe. Sheets
return as bytes and are written here, exactly as a local run's workers' sheets are, so a
cluster's output folder is the same as a local one's. The template, its theme and fonts must
be at the same paths on every worker (a shared folder, or the same image).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from factsheet.batch.series import Job, Outcome, Worker
from factsheet.content.model import ThemeRef
from factsheet.errors import FactsheetError, Problem
from factsheet.pdf.print_options import PrintOptions

ROWS_PER_TASK = 16
"""Enough rows per task that scheduling costs little next to building them."""
CONNECT_SECONDS = 20


def made(
    address: str,
    content_file: Path,
    jobs: Sequence[Job],
    created: datetime,
    options: PrintOptions,
    default_theme: ThemeRef | None = None,
) -> Iterator[tuple[Outcome, bytes | None]]:
    """Build every job on the cluster at address: each outcome, with its PDF when it passed."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise FactsheetError(
            Problem(
                "--dask needs Dask's distributed scheduler",
                hint='install it with: pip install "factsheet[dask]"',
            )
        ) from None
    try:
        client = Client(address, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise FactsheetError(
            Problem(
                f"--dask: cannot reach a Dask scheduler at {address}: {error}",
                hint="give the scheduler's address, e.g. tcp://10.0.0.5:8786",
            )
        ) from None
    content = content_file.resolve()
    with client:
        chunks = [list(jobs[i : i + ROWS_PER_TASK]) for i in range(0, len(jobs), ROWS_PER_TASK)]
        futures = [
            client.submit(build_rows, chunk, content, created, options, default_theme, pure=False)
            for chunk in chunks
        ]
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield from future.result()


# On a cluster worker: one builder per template and settings, kept for the process's life,
# and one sheet at a time.
_builders: dict[tuple[Path, datetime, PrintOptions, ThemeRef | None], Worker] = {}
_one_at_a_time = threading.Lock()


def build_rows(
    jobs: list[Job],
    content_file: Path,
    created: datetime,
    options: PrintOptions,
    default_theme: ThemeRef | None = None,
) -> list[tuple[Outcome, bytes | None]]:
    """Runs on a worker: each row's outcome, and its PDF when it was built and verified."""
    with _one_at_a_time:
        key = (content_file, created, options, default_theme)
        worker = _builders.get(key)
        if worker is None:
            worker = _builders[key] = Worker(content_file, created, options, default_theme)
        return [worker.make(job) for job in jobs]


def worker_builders() -> dict[Any, Worker]:
    """The builders this process holds (for tests: one per template, however many rows)."""
    return dict(_builders)

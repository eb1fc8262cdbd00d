"""A series: one template and a table of rows -> one verified sheet per row, in parallel."""

from __future__ import annotations

import multiprocessing
import os
import signal
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from datetime import datetime
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError
from msgspec import Struct

from factsheet.content.loader import ContentTemplate
from factsheet.content.model import ThemeRef
from factsheet.content.naming import slug
from factsheet.content.rows import Row
from factsheet.content.sandbox import LimitedSandbox, render_limited
from factsheet.content.template import ROW, provided_names
from factsheet.errors import ContentError, FactsheetError, Problem
from factsheet.pdf.atomic import remove_stale_temporaries, write_atomic
from factsheet.pdf.print_options import PrintOptions
from factsheet.pipeline import SheetBuilder


class Job(Struct, frozen=True):
    """One row to build, and where its sheet goes."""

    row: Row
    output: Path


class Outcome(Struct, frozen=True):
    """What happened to one row; reason says why it failed, in the user's terms."""

    row: Row
    output: Path
    ok: bool
    reason: str = ""
    figures: int = 0


def plan(
    template: ContentTemplate,
    rows: Sequence[Row],
    directory: Path,
    name_pattern: str,
    data_file: Path,
) -> tuple[list[Job], list[Outcome]]:
    """Every row's output path; rows whose names cannot be made fail here, collisions stop all."""
    columns: set[str] = set().union(*(row.values for row in rows))
    provided = provided_names(columns) | {f"{ROW}[{column!r}]" for column in columns}
    missing = sorted(template.variables - provided)
    if missing:
        raise ContentError(
            Problem(
                f"the template uses {', '.join(_shown(m) for m in missing)}, which no row has",
                data_file,
                hint="add the column(s) to the data, or fix the placeholder's name",
            )
        )
    environment = LimitedSandbox(autoescape=False)
    environment.filters["slug"] = slug
    try:
        name_template = environment.from_string(name_pattern)
    except TemplateSyntaxError as error:
        raise FactsheetError(Problem(f"--name: template syntax error: {error.message}")) from None
    jobs: list[Job] = []
    failed: list[Outcome] = []
    claimed: dict[Path, Row] = {}
    for row in rows:
        try:
            title = template.plain_text("title", row.values)
            subtitle = template.plain_text("subtitle", row.values) or title
            names = {**row.values, "title": title, "subtitle": subtitle, "row": row.number}
            name = render_limited(name_template, names).strip()
            output = directory / _safe_name(name)
        except FactsheetError as error:
            # A bad value makes a bad name for its own row only: the others still build.
            failed.append(Outcome(row, directory, False, reason(error)))
            continue
        except TemplateError as error:
            raise FactsheetError(Problem(f"--name: {error}")) from None
        if output in claimed:
            raise FactsheetError(
                Problem(
                    f"rows {claimed[output].number} and {row.number} would both be written to "
                    f"{output}",
                    data_file,
                    hint="give --name a pattern that differs for every row, e.g. "
                    "'{{ subtitle | slug }}-{{ row }}.pdf'",
                )
            )
        claimed[output] = row
        jobs.append(Job(row, output))
    return jobs, failed


def _shown(name: str) -> str:
    return name if name.startswith(f"{ROW}[") else repr(name)


def _safe_name(name: str) -> str:
    shown = repr(name if len(name) <= 80 else name[:79] + "\u2026")
    if not name.lower().endswith(".pdf"):
        raise FactsheetError(Problem(f"--name must give a file name ending in .pdf, got {shown}"))
    if "/" in name or "\\" in name or name.startswith("."):
        raise FactsheetError(Problem(f"--name must give a plain file name, got {shown}"))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in name):
        raise FactsheetError(
            Problem(
                f"the file name would hold a control character: {shown}",
                hint="use '| slug' in --name, e.g. '{{ subtitle | slug }}.pdf'",
            )
        )
    if len(name.encode("utf-8", "replace")) > 240:
        raise FactsheetError(Problem(f"the file name would be too long: {shown}"))
    return name


def run(
    content_file: Path,
    jobs: Sequence[Job],
    *,
    workers: int,
    created: datetime,
    options: PrintOptions,
    on_outcome: Callable[[Outcome], None],
    default_theme: ThemeRef | None = None,
    dask: str | None = None,
) -> list[Outcome]:
    """Build every job (in worker processes when workers > 1, or on the Dask cluster at the
    address dask); report each as it ends. Returns the failures, in row order: the sheets
    built are len(jobs) - len(failures), and a long series keeps nothing of them."""
    _sweep(jobs)
    if dask is not None:
        from factsheet.batch import cluster

        made = cluster.made(dask, content_file, jobs, created, options, default_theme)
    else:
        made = _made(content_file, jobs, workers, created, options, default_theme)
    failures = []
    for outcome in _written(made):
        on_outcome(outcome)
        if not outcome.ok:
            failures.append(outcome)
    return sorted(failures, key=lambda o: o.row.number)


WRITERS = 4


def _written(made: Iterator[tuple[Outcome, bytes | None]]) -> Iterator[Outcome]:
    """Each outcome once its sheet is safely on disk.

    Sheets are written here, by a few threads, while the workers build the next ones: every
    file is flushed to the disk before it is renamed into place, and that wait overlaps
    building instead of stalling it, sheet after sheet.
    """
    with ThreadPoolExecutor(WRITERS, thread_name_prefix="write") as writers:
        pending: set[Future[Outcome]] = set()
        for outcome, pdf in made:
            if pdf is None:
                yield outcome
                continue
            pending.add(writers.submit(_write, outcome, pdf))
            finished = {future for future in pending if future.done()}
            pending -= finished
            yield from (future.result() for future in finished)
        yield from (future.result() for future in as_completed(pending))


def _sweep(jobs: Sequence[Job]) -> None:
    """Remove stale temporaries of every sheet of the batch: one listing per folder."""
    folders: dict[Path, set[str]] = {}
    for job in jobs:
        folders.setdefault(job.output.parent, set()).add(job.output.name)
    for folder, names in folders.items():
        remove_stale_temporaries(folder, names)


def _write(outcome: Outcome, pdf: bytes) -> Outcome:
    try:
        write_atomic(outcome.output, pdf, swept=True)
    except FactsheetError as error:
        return Outcome(outcome.row, outcome.output, False, reason(error))
    return outcome


def _made(
    content_file: Path,
    jobs: Sequence[Job],
    workers: int,
    created: datetime,
    options: PrintOptions,
    default_theme: ThemeRef | None = None,
) -> Iterator[tuple[Outcome, bytes | None]]:
    if not jobs:
        return
    # The parent builds the first sheet itself: that loads the template and theme, parses the
    # faces the sheets use and fills the measurement cache. Workers forked after it inherit
    # all of that, so none of them reads or parses anything again.
    worker = Worker(content_file, created, options, default_theme)
    first = worker.make(jobs[0])
    rest = jobs[1:]
    if workers <= 1 or len(rest) <= 1:
        yield first
        yield from (worker.make(job) for job in rest)
        return
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(8, len(rest) // (workers * 4)))
    # Workers are born ignoring Ctrl-C (the parent alone reports it and ends them), so a
    # Ctrl-C while they start cannot print their tracebacks.
    parent_handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # A forked worker gets the initializer's arguments as they are in the parent's memory:
        # the prepared builder reaches each worker without being pickled or read again.
        pool = context.Pool(workers, initializer=_start_worker, initargs=(worker,))
    finally:
        signal.signal(signal.SIGINT, parent_handler)
    # Close and join once every row is done: terminating a pool whose workers are idle on
    # its queue can leave one waiting for ever. Terminate only when the batch is abandoned.
    try:
        # The pool forked its workers above, before the first sheet is handed on and so
        # before any writer thread exists: a fork copies only the thread that calls it.
        yield first
        yield from pool.imap_unordered(_make_in_worker, rest, chunksize=chunk)
        pool.close()
    except BaseException:
        pool.terminate()
        pool.join()
        # Terminated workers cannot unwind: their temporaries go now that they are dead.
        _sweep(jobs)
        raise
    finally:
        pool.join()


class Worker:
    """Everything one process needs to build sheets of one template."""

    def __init__(
        self,
        content_file: Path,
        created: datetime,
        options: PrintOptions,
        default_theme: ThemeRef | None = None,
    ) -> None:
        self.builder = SheetBuilder.load(content_file, options, default_theme=default_theme)
        self.created = created

    def make(self, job: Job) -> tuple[Outcome, bytes | None]:
        """Build and verify one sheet; its PDF only when it passed."""
        try:
            built = self.builder.build(job.row.values, created=self.created)
        except FactsheetError as error:
            return Outcome(job.row, job.output, False, reason(error)), None
        except Exception as error:  # a bug must fail its row, not hang or stop the batch
            why = f"internal error, please report it: {type(error).__name__}: {error}"
            return Outcome(job.row, job.output, False, why), None
        return Outcome(job.row, job.output, True, figures=built.report.figures_found), built.pdf


class _ThisProcess:
    """The worker of this pool process, set once by the pool's initializer in the process
    itself: the parent never holds one, so batches in one program cannot see each other's.
    (A pool's tasks name a function, and a function reaches per-process state only through
    its module.)"""

    worker: Worker | None = None


def _start_worker(worker: Worker) -> None:
    # Ctrl-C reaches the whole process group: the parent alone reports it, and ends the
    # workers with SIGTERM, which unwinds a write in progress so its temporary is removed.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_quietly)
    _ThisProcess.worker = worker


def _exit_quietly(signum: int, frame: object) -> None:
    # Not an exception: libraries would catch it mid-row and print it.
    os._exit(128 + signum)


def _make_in_worker(job: Job) -> tuple[Outcome, bytes | None]:
    worker = _ThisProcess.worker
    assert worker is not None, "a pool task outside a pool process started by _made"
    return worker.make(job)


def reason(error: FactsheetError) -> str:
    return "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in error.problems)

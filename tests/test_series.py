"""The batch series from Python: names, plans, per-row failures, writing, the worker set-up
that pool processes run, and the pool itself (same sheets; abandoned cleanly)."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import DATA

from factsheet.batch import series
from factsheet.batch.series import Job, Outcome, Worker
from factsheet.content.loader import ContentTemplate
from factsheet.content.model import ThemeRef
from factsheet.content.rows import Row
from factsheet.errors import ContentError, FactsheetError, Problem
from factsheet.pdf.print_options import PLAIN, PrintOptions
from factsheet.pipeline import SheetBuilder

EXAMPLE = DATA / "templates" / "example.yaml"
CREATED = datetime(2031, 1, 1, tzinfo=UTC)
VALUES = {"region": "Example North", "calls": 9720, "share": 19, "shelters": 3, "phone": 9000}


def row(number: int, **changes: object) -> Row:
    return Row(number, {**VALUES, "text": 720, **changes}, line=number + 1)


def plan(rows: list[Row], name: str, tmp_path: Path) -> tuple[list[Job], list[Outcome]]:
    template = ContentTemplate.read(EXAMPLE)
    return series.plan(template, rows, tmp_path / "out", name, tmp_path / "rows.csv")


def refusal(name: str) -> str:
    with pytest.raises(FactsheetError) as caught:
        series._safe_name(name)
    (problem,) = caught.value.problems
    return problem.message + (f" | {problem.hint}" if problem.hint else "")


def test_names_that_are_plain_pdf_file_names_pass() -> None:
    for name in ("north.pdf", "NORTH.PDF", "a.b.pdf", "é" * 118 + ".pdf"):
        assert series._safe_name(name) == name
    assert len(("é" * 118 + ".pdf").encode()) == 240  # the longest allowed, in bytes


def test_name_patterns_see_title_subtitle_row_and_plain_values(tmp_path: Path) -> None:
    rows = [row(1, region="Example & Co")]
    jobs, _ = plan(rows, "{{ title | slug }}-{{ row }}-{{ region }}.pdf", tmp_path)
    # Not HTML: an ampersand stays an ampersand in a file name.
    assert jobs[0].output.name == "example-outreach-network-1-Example & Co.pdf"
    jobs, _ = plan(rows, "{{ subtitle }}.pdf", tmp_path)
    assert jobs[0].output.name == "Example & Co Data.pdf"


def test_names_that_could_escape_or_hide_are_refused() -> None:
    assert refusal("north.txt") == "--name must give a file name ending in .pdf, got 'north.txt'"
    for name in ("a/b.pdf", "a\\b.pdf", ".hidden.pdf", "../x.pdf"):
        assert refusal(name) == f"--name must give a plain file name, got {name!r}"
    assert refusal("a\nb.pdf") == (
        "the file name would hold a control character: 'a\\nb.pdf' | use '| slug' in --name, "
        "e.g. '{{ subtitle | slug }}.pdf'"
    )
    # Format, surrogate, line and paragraph separators: as invisible as a control character.
    for odd in ("\u200b", "\ud800", "\u2028", "\u2029"):
        assert refusal(f"a{odd}b.pdf").startswith("the file name would hold a control character")
    # Shown whole up to 80 characters, then cut to 79 and an ellipsis.
    eighty = "n" * 76 + ".txt"
    assert refusal(eighty).endswith(f"got {eighty!r}")
    assert refusal("n" + eighty).endswith(f"got {'n' * 77 + '.t' + chr(0x2026)!r}")
    assert refusal("é" * 118 + "a.pdf").startswith("the file name would be too long")  # 241 bytes
    long = "é" * 119 + ".pdf"  # 242 bytes
    # Shown cut to 80 characters: 79 and an ellipsis.
    assert refusal(long) == f"the file name would be too long: {'é' * 79 + chr(0x2026)!r}"


def test_plan_names_every_row(tmp_path: Path) -> None:
    rows = [row(1), row(2, region="Example South")]
    jobs, failed = plan(rows, "{{ region | slug }}-{{ row }}.pdf", tmp_path)
    assert failed == []
    assert [(job.row.number, job.output) for job in jobs] == [
        (1, tmp_path / "out" / "example-north-1.pdf"),
        (2, tmp_path / "out" / "example-south-2.pdf"),
    ]


def test_a_row_whose_name_is_bad_fails_alone(tmp_path: Path) -> None:
    rows = [row(1), row(2, region="../up"), row(3, region="Example East")]
    jobs, failed = plan(rows, "{{ region }}.pdf", tmp_path)
    assert [job.row.number for job in jobs] == [1, 3]
    (bad,) = failed
    assert (bad.row.number, bad.output, bad.ok) == (2, tmp_path / "out", False)
    assert bad.reason == "--name must give a plain file name, got '../up.pdf'"


def test_two_rows_with_one_name_stop_the_plan(tmp_path: Path) -> None:
    with pytest.raises(FactsheetError) as caught:
        plan([row(1), row(2), row(3)], "sheet.pdf", tmp_path)
    (problem,) = caught.value.problems
    assert problem.message == f"rows 1 and 2 would both be written to {tmp_path / 'out'}/sheet.pdf"
    assert problem.file == tmp_path / "rows.csv"
    assert problem.hint == (
        "give --name a pattern that differs for every row, e.g. "
        "'{{ subtitle | slug }}-{{ row }}.pdf'"
    )


def test_a_bad_name_pattern_stops_the_plan(tmp_path: Path) -> None:
    with pytest.raises(FactsheetError, match=r"^--name: template syntax error: ") as syntax:
        plan([row(1)], "{{ region", tmp_path)
    assert syntax.value.problems[0].file is None
    with pytest.raises(FactsheetError, match=r"^--name: ") as failing:
        plan([row(1)], "{{ region.nothing.deeper }}.pdf", tmp_path)
    assert "syntax" not in failing.value.problems[0].message


def test_a_column_the_template_needs_is_named(tmp_path: Path) -> None:
    values = dict(VALUES)
    del values["phone"]
    with pytest.raises(ContentError) as caught:
        plan([Row(1, values)], "{{ row }}.pdf", tmp_path)
    (problem,) = caught.value.problems
    assert problem.message == "the template uses 'phone', 'text', which no row has"
    assert problem.file == tmp_path / "rows.csv"
    assert problem.hint == "add the column(s) to the data, or fix the placeholder's name"


def test_a_column_named_through_row_is_shown_as_written(tmp_path: Path) -> None:
    template = tmp_path / "template.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    template.write_text(text.replace("{{ region }} Data", "{{ row['Example area'] }} Data"))
    with pytest.raises(ContentError) as caught:
        series.plan(
            ContentTemplate.read(template), [row(1)], tmp_path, "{{ row }}.pdf", tmp_path / "d.csv"
        )
    assert caught.value.problems[0].message == (
        "the template uses row['Example area'], which no row has"
    )


def test_reason_joins_every_problem_with_its_field() -> None:
    error = FactsheetError([Problem("too big", field="title"), Problem("no font")])
    assert series.reason(error) == "title: too big; no font"


@pytest.fixture(scope="module")
def worker() -> Worker:
    return Worker(EXAMPLE, CREATED, PLAIN)


def test_a_worker_builds_and_verifies_a_row(worker: Worker, tmp_path: Path) -> None:
    outcome, pdf = worker.make(Job(row(1), tmp_path / "a.pdf"))
    assert outcome == Outcome(row(1), tmp_path / "a.pdf", True, figures=outcome.figures)
    # Calls, share, shelters and the two table counts, at least once each.
    assert outcome.figures >= 5
    assert pdf is not None and pdf.startswith(b"%PDF-")


def test_a_worker_fails_a_bad_row_with_its_reason(worker: Worker, tmp_path: Path) -> None:
    job = Job(row(4, calls="many"), tmp_path / "b.pdf")
    outcome, pdf = worker.make(job)
    assert (outcome.ok, pdf, outcome.row, outcome.output) == (False, None, job.row, job.output)
    # The two places the template prints calls as a number, each located.
    assert outcome.reason == (
        "highlights[0].value: 'many' is not a number; sections[0].body[0]: 'many' is not a number"
    )


def test_a_bug_fails_its_row_and_says_to_report_it(
    worker: Worker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **options: object) -> None:
        raise ValueError("example bug")

    monkeypatch.setattr(SheetBuilder, "build", broken)
    job = Job(row(5), tmp_path / "c.pdf")
    outcome, pdf = worker.make(job)
    assert (outcome.ok, pdf, outcome.row, outcome.output) == (False, None, job.row, job.output)
    assert outcome.reason == "internal error, please report it: ValueError: example bug"


@pytest.fixture
def restored_signals() -> Iterator[None]:
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def test_a_pool_process_ignores_ctrl_c_and_uses_the_worker_it_was_given(
    worker: Worker, tmp_path: Path, restored_signals: None
) -> None:
    series._start_worker(worker)
    try:
        # Ctrl-C is the parent's to report; SIGTERM ends the process at once.
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is series._exit_quietly
        outcome, pdf = series._make_in_worker(Job(row(1), tmp_path / "d.pdf"))
        assert outcome.ok and pdf is not None
    finally:
        series._ThisProcess.worker = None


def test_a_terminated_pool_process_exits_at_once_with_the_signals_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # os._exit, not an exception that a library could catch mid-row and print.
    codes: list[int] = []
    monkeypatch.setattr(series.os, "_exit", codes.append)
    series._exit_quietly(signal.SIGTERM, None)
    assert codes == [128 + signal.SIGTERM]


def test_a_dask_address_hands_the_rows_to_the_cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factsheet.batch import cluster

    jobs, _ = plan([row(2, region="Example South"), row(1)], "{{ region | slug }}.pdf", tmp_path)
    handed: list[tuple[object, ...]] = []

    def made(*args: object) -> Iterator[tuple[Outcome, bytes | None]]:
        handed.append(args)
        return iter([(Outcome(job.row, job.output, False, "not built"), None) for job in jobs])

    monkeypatch.setattr(cluster, "made", made)
    theme = ThemeRef("default", EXAMPLE)
    outcomes = series.run(
        EXAMPLE,
        jobs,
        workers=3,
        created=CREATED,
        options=PLAIN,
        on_outcome=lambda outcome: None,
        default_theme=theme,
        dask="tcp://192.0.2.1:8786",
    )
    assert handed == [("tcp://192.0.2.1:8786", EXAMPLE, jobs, CREATED, PLAIN, theme)]
    assert [o.row.number for o in outcomes] == [1, 2]


def test_a_projects_theme_serves_a_template_that_names_none(tmp_path: Path) -> None:
    # The example template names no theme: the brand theme given as the default is used, and
    # its PNG logo (with its soft mask) is drawn.
    jobs, _ = plan([row(1)], "{{ row }}.pdf", tmp_path)
    brand = ThemeRef(str(DATA / "themes" / "brand.yaml"), EXAMPLE)
    done: list[Outcome] = []
    failures = series.run(
        EXAMPLE,
        jobs,
        workers=1,
        created=CREATED,
        options=PLAIN,
        on_outcome=done.append,
        default_theme=brand,
    )
    assert failures == [] and [outcome.ok for outcome in done] == [True]
    assert jobs[0].output.read_bytes().count(b"/Subtype /Image") == 2


def test_rows_come_back_in_order_each_reported_once_written(tmp_path: Path) -> None:
    rows = [row(1), row(2, region="Example South"), row(3, region="Example East", calls="many")]
    jobs, _ = plan(rows, "{{ region | slug }}.pdf", tmp_path)
    # The second row's file name is taken by a folder: its write fails, and says so.
    (tmp_path / "out" / "example-south.pdf").mkdir(parents=True)
    seen: list[int] = []
    failures = series.run(
        EXAMPLE,
        jobs,
        workers=1,
        created=CREATED,
        options=PLAIN,
        on_outcome=lambda outcome: seen.append(outcome.row.number),
    )
    assert sorted(seen) == [1, 2, 3]
    # Only the failures come back (a long series keeps nothing of the sheets built), in order.
    assert [(o.row.number, o.ok) for o in failures] == [(2, False), (3, False)]
    assert (tmp_path / "out" / "example-north.pdf").read_bytes().startswith(b"%PDF-")
    assert failures[0].reason and failures[0].output == jobs[1].output
    assert "many" in failures[1].reason
    assert (
        series.run(EXAMPLE, [], workers=2, created=CREATED, options=PLAIN, on_outcome=print) == []
    )


def test_pool_processes_build_the_same_sheets_and_restore_ctrl_c(tmp_path: Path) -> None:
    rows = [row(1), row(2, region="Example South"), row(3, region="Example East", calls="many")]
    made: dict[int, list[Outcome]] = {}
    for workers in (1, 2):
        jobs, _ = plan(rows, f"{{{{ region | slug }}}}-{workers}.pdf", tmp_path)
        handler = signal.getsignal(signal.SIGINT)
        done: list[Outcome] = []
        failures = series.run(
            EXAMPLE,
            jobs,
            workers=workers,
            created=CREATED,
            options=PLAIN,
            on_outcome=done.append,
        )
        assert [(o.row.number, o.reason) for o in failures] == [
            (o.row.number, o.reason) for o in sorted(done, key=lambda o: o.row.number) if not o.ok
        ]
        made[workers] = sorted(done, key=lambda o: o.row.number)
        # Ctrl-C is ignored only while the pool starts its processes.
        assert signal.getsignal(signal.SIGINT) == handler
    one, two = made[1], made[2]
    assert [(o.row.number, o.ok, o.reason, o.figures) for o in two] == [
        (o.row.number, o.ok, o.reason, o.figures) for o in one
    ]
    for first, second in zip(one[:2], two[:2], strict=True):
        assert first.output.read_bytes() == second.output.read_bytes()
    assert multiprocessing.active_children() == []


def test_an_abandoned_batch_ends_its_processes_and_leaves_no_temporary(tmp_path: Path) -> None:
    rows = [row(n, region=f"Example {n}") for n in range(1, 6)]
    jobs, _ = plan(rows, "{{ row }}.pdf", tmp_path)
    out = tmp_path / "out"
    gone = subprocess.Popen(["true"])
    gone.wait()

    def stop(outcome: Outcome) -> None:
        # As a terminated worker leaves it: the temporary of a writer that no longer runs.
        (out / f".5.pdf.{gone.pid}.abcd.tmp").write_bytes(b"partial")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        series.run(EXAMPLE, jobs, workers=2, created=CREATED, options=PLAIN, on_outcome=stop)
    assert multiprocessing.active_children() == []
    assert [p.name for p in out.iterdir() if p.suffix == ".tmp"] == []


def test_stale_temporaries_of_the_batchs_sheets_go_before_it_starts(tmp_path: Path) -> None:
    jobs, _ = plan([row(1)], "{{ row }}.pdf", tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = out / f".1.pdf.{gone.pid}.abcd.tmp"
    other = out / f".other.pdf.{gone.pid}.abcd.tmp"  # not this batch's: left alone
    stale.write_bytes(b"partial")
    other.write_bytes(b"partial")
    series.run(EXAMPLE, jobs, workers=1, created=CREATED, options=PLAIN, on_outcome=print)
    assert not stale.exists() and other.exists()


def test_print_options_reach_the_workers(tmp_path: Path) -> None:
    jobs, _ = plan([row(1)], "{{ row }}.pdf", tmp_path)
    plain = PrintOptions(tagged=False)
    failures = series.run(
        EXAMPLE, jobs, workers=1, created=CREATED, options=plain, on_outcome=print
    )
    assert failures == [] and b"/StructTreeRoot" not in jobs[0].output.read_bytes()


STATE_TEMPLATE = Path(__file__).parent.parent / "content" / "templates" / "ncmec-state.yaml"
FICTIONAL_STATE = {
    "state": "Example State 1",
    "cybertipline_reports": 35840,
    "cvip_submissions": 280,
    "missing_cases": 8211,
    "missing_social_services": 7869,
    "missing_other": 291,
    "missing_refugee_resettlement": 51,
    "trafficking_engagements": 420,
    "team_hope_families": 1377,
    "mental_health_referrals": 421,
    "connect_new_users": 458,
}


def test_a_builder_makes_each_sheet_as_a_fresh_one_would() -> None:
    """What a builder remembers from one row (measurements, parsed texts, styles) changes no
    byte of the next: each sheet of a series equals the same row built on its own. The rows
    lay out at two body sizes (a row without trafficking engagements has one card less)."""
    four_cards = FICTIONAL_STATE
    three_cards = {**FICTIONAL_STATE, "state": "Example State 2", "trafficking_engagements": 0}
    shared = SheetBuilder.load(STATE_TEMPLATE)
    sizes = set()
    for values in (four_cards, three_cards, four_cards, three_cards, four_cards):
        made = shared.build(values, created=CREATED)
        fresh = SheetBuilder.load(STATE_TEMPLATE).build(values, created=CREATED)
        assert made.pdf == fresh.pdf, values["state"]
        sizes.add(made.body_size)
    assert len(sizes) == 2
    # Texts every row shares were met often enough to be parsed once and reused (and their
    # lines broken once to draw), and the shapes of a row's own texts were learnt from the
    # first row.
    assert shared.cache.parsed
    assert shared.cache.lines
    assert shared.cache.shapes.templates

"""Options shared by the commands, read back from what they make: the build date from
SOURCE_DATE_EPOCH, and which row of a data file --row picks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, Run, page_text
from pypdf import PdfReader

TEMPLATE = DATA / "templates" / "example.yaml"
ROWS = DATA / "templates" / "rows.csv"  # 3 rows: "Example State, North", "Nuevo México", ...
SHEET = DATA.parent.parent / "examples" / "lists-only.yaml"


def creation_date(pdf: Path) -> str:
    metadata = PdfReader(pdf).metadata
    assert metadata is not None
    return str(metadata["/CreationDate"])


@pytest.mark.parametrize(
    ("epoch", "date"),
    [
        # 253,402,300,799 s after 1970 is the last second of 9999, the latest date a PDF holds.
        ("253402300799", "D:99991231235959+00'00'"),
        # Spaces around the number (a shell script's `echo`) are not part of it; 0 is 1970.
        (" 0 ", "D:19700101000000+00'00'"),
    ],
)
def test_source_date_epoch_sets_the_build_date(
    epoch: str,
    date: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Callable[..., Run],
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert run_cli("build", SHEET, "-o", tmp_path / "out.pdf").code == 0
    assert creation_date(tmp_path / "out.pdf") == date


@pytest.mark.parametrize(
    ("epoch", "message"),
    [
        # One second after 9999 ends; the usual cause is a time in milliseconds.
        (
            "253402300800",
            "error: SOURCE_DATE_EPOCH 253402300800 is after the year 9999\n"
            "  hint: give seconds since 1970, not milliseconds (e.g. date +%s)",
        ),
        # A value is quoted up to 40 characters: enough to recognise, never a screenful.
        (
            "9" * 50,
            f"error: SOURCE_DATE_EPOCH {'9' * 40} is after the year 9999\n"
            "  hint: give seconds since 1970, not milliseconds (e.g. date +%s)",
        ),
        (
            "x" * 50,
            f"error: SOURCE_DATE_EPOCH must be a whole number of seconds, got '{'x' * 40}'",
        ),
        # Digits of another script are digits to Python, not to a PDF date.
        (
            "\u0661\u0662",
            "error: SOURCE_DATE_EPOCH must be a whole number of seconds, got '\u0661\u0662'",
        ),
        ("-5", "error: SOURCE_DATE_EPOCH must be a whole number of seconds, got '-5'"),
    ],
)
def test_a_bad_source_date_epoch_is_refused_before_any_work(
    epoch: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Callable[..., Run],
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run_cli("build", SHEET, "-o", tmp_path / "out.pdf")
    assert (result.code, result.err.strip()) == (2, message)
    assert not (tmp_path / "out.pdf").exists()


def test_row_choice(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    # A data file of one row needs no --row.
    one = tmp_path / "one.csv"
    one.write_text(
        ROWS.read_text(encoding="utf-8-sig").splitlines()[0] + "\n" + "Example One,5,5,0,3,2\n",
        encoding="utf-8",
    )
    assert run_cli("build", TEMPLATE, "--data", one, "-o", tmp_path / "one.pdf").code == 0
    assert "Example One" in page_text(tmp_path / "one.pdf")
    # Of several rows none is guessed; rows are counted from 1, as a spreadsheet shows them.
    for row in ((), ("--row", "0"), ("--row", "4")):
        result = run_cli("build", TEMPLATE, "--data", ROWS, *row, "-o", tmp_path / "x.pdf")
        assert (result.code, result.err.strip()) == (
            2,
            f"error: {ROWS}: --row must be a row number from 1 to 3",
        ), row
    assert (
        run_cli("build", TEMPLATE, "--data", ROWS, "--row", "3", "-o", tmp_path / "3.pdf").code == 0
    )
    assert "Example Island" in page_text(tmp_path / "3.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_without_source_date_epoch_the_build_date_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    from datetime import UTC, datetime

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.now(UTC).strftime("D:%Y%m%d%H%M%S")
    assert run_cli("build", SHEET, "-o", tmp_path / "out.pdf").code == 0
    after = datetime.now(UTC).strftime("D:%Y%m%d%H%M%S")
    # PDF dates of the same form compare as text: the date lies between the two readings.
    assert before <= creation_date(tmp_path / "out.pdf")[:16] <= after


def test_standard_input_is_read_only_up_to_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    import io

    # A content file may be 2,000,000 bytes: one byte more is read, to know it is too big.
    piped = b"title: Example\n" + b"#" * 2_000_000
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped)))
    result = run_cli("build", "-", "-o", tmp_path / "out.pdf")
    assert (result.code, result.err.strip()) == (
        2,
        "error: <stdin>: file is 2,000,001 bytes; the limit is 2,000,000",
    )


def test_an_output_that_is_a_folder_is_named(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("build", SHEET, "-o", tmp_path)
    assert (result.code, result.err.strip()) == (
        2,
        f"error: {tmp_path}: is a directory; give a file name ending in .pdf",
    )

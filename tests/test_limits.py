"""Limits with clear errors: no input may cost minutes or gigabytes to refuse."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, example_sheet


@pytest.mark.parametrize(
    ("placeholder", "message"),
    [
        ("{{ 'a' * 200000000 }}", "over 20,000 long"),
        ("{{ [1] * 200000000 }}", "over 20,000 long"),
        ("{{ 9999999999999999999999 ** 99999 }}", "a power above 100"),
        ("{{ " + " * ".join(["10 ** 100"] * 11) + " }}", "more than 1,000 digits"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
         "a range of more than 1,000"),
        ("{% for i in range(999) %}{{ 'Example text, thirty characters' }}{% endfor %}",
         "filled-in text is over"),
    ],
)  # fmt: skip
def test_template_arithmetic_and_output_are_bounded(
    placeholder: str,
    message: str,
    tmp_path: Path,
    write_sheet: Callable[..., Path],
    run_cli: Callable[..., Run],
) -> None:
    content = write_sheet(example_sheet(subtitle=placeholder))
    data = tmp_path / "rows.csv"
    data.write_text("x\n12\n", encoding="utf-8")
    started = time.perf_counter()
    result = run_cli("build", content, "--data", data, "-o", tmp_path / "sheet.pdf")
    assert time.perf_counter() - started < 10
    assert result.code == 2, result.err
    assert "subtitle" in result.err and message in result.err


def test_a_long_paragraph_is_refused_at_once(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    # 1.95 MB took 41 s to refuse; 195 KB keeps the test fast (YAML parsing is linear).
    content = write_sheet(example_sheet(intro=["Example words. " * 13_000]))
    started = time.perf_counter()
    result = run_cli("build", content, "-o", content.with_suffix(".pdf"))
    assert time.perf_counter() - started < 10
    assert result.code == 2
    assert "intro[0]: is 195,000 characters long; one text may have 20,000" in result.err


def test_more_text_than_a_page_holds_is_refused_before_layout(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    paragraphs = ["Example text of a fictional programme, repeated. " * 300] * 60
    content = write_sheet(example_sheet(intro=paragraphs))
    started = time.perf_counter()
    result = run_cli("build", content, "-o", content.with_suffix(".pdf"))
    assert time.perf_counter() - started < 10
    assert result.code == 2
    assert "does not fit on one page" in result.err and "characters of text" in result.err


def test_a_content_file_over_the_size_limit_is_refused(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    content = write_sheet("# " + "x" * 2_100_000 + "\n")
    result = run_cli("build", content, "-o", content.with_suffix(".pdf"))
    assert result.code == 2 and "the limit is 2,000,000" in result.err

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
        # A billion turns that print nothing, and two billion macro calls.
        ("{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
         "{% endfor %}{% endfor %}{% endfor %}", "more than 50,000 steps"),
        ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
         "{{ f(30) }}", "refused: the template"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "macros call each other too deeply"),
        # One step that would make hundreds of megabytes.
        ("{{ 'x' | center(200000000) }}", "over 20,000 long"),
        ("{{ 'x'.ljust(200000000) }}", "over 20,000 long"),
        ("{{ '{:>200000000}'.format(1) }}", "a format's width"),
        ("{{ '%200000000d' | format(1) }}", "a % format's width"),
        ("{{ ('x' * 20000).replace('x', 'x' * 20000) }}", "over 20,000 long"),
        ("{{ ('x' * 20000) | list | join('y' * 20000) }}", "over 20,000 long"),
        ("{{ [('x' * 20000)] * 20000 }}", "over 20,000 long"),
        ("{{ range(10) | slice(100000000) | list }}", "more than 1,000 parts"),
        ("{% set l = [1] %}{% for i in range(60) %}{{ l.extend(l) }}{% endfor %}", "unsafe"),
        # Decimal places, written in the template or taken from the data.
        ("{{ x | number(100000000) }}", "number() takes 0 to 20 decimal places"),
        ("{{ x | percent(x | int * 10000000) }}", "number() takes 0 to 20 decimal places"),
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
    assert (
        "hint: placeholders read" in result.err
        if message == "unsafe"
        else ("hint: a placeholder fills in one short text" in result.err)
    )
    assert "Traceback" not in result.err and not (tmp_path / "sheet.pdf").exists()


def test_an_ordinary_template_stays_within_the_limits() -> None:
    from factsheet.content.sandbox import render_limited
    from factsheet.content.template import make_environment

    source = (
        "{{ '{:,}'.format(1234567) }} | {{ 'a,b'.split(',') | join(' / ') }} | "
        "{{ 'Example' | center(11) }} | {{ '%.1f' % 3.14159 }} | {{ [1, 2, 3] | sum }} | "
        "{% for x in range(3) %}{{ loop.index }}/{{ loop.length }} {% endfor %}| "
        "{{ 'Example' | replace('E', 'e') | indent(2) | wordwrap(40) }}"
    )
    text = render_limited(make_environment("en-US").from_string(source), {})
    assert text == "1,234,567 | a / b |   Example   | 3.1 | 6 | 1/3 2/3 3/3 | example"


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

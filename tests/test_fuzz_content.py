"""Fuzz the content model with hostile values: a Sheet or a FactsheetError, nothing else.

Values go where a user's would (every field of a sheet, template placeholders, data rows) and
are drawn from what hurts: lone surrogates, NaN and infinities, long numbers (the 4,400-digit
case has its own test: it is slow to parse), markup and Jinja syntax, control characters, wrong
types and nesting. Reading runs 1,000 examples per run (`--slow`: 10,000); a smaller share goes
through the whole build.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet.content.loader import ContentTemplate
from factsheet.errors import FactsheetError
from factsheet.pipeline import build_sheet
from tests.conftest import example_sheet

SLOW = bool(os.environ.get("FACTSHEET_SLOW_TESTS"))
HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\udc80",
            "a\ud800b",
            "NaN",
            "Infinity",
            "-inf",
            "1e999999999",
            "9" * 40,
            "**",
            "*a**b*",
            "[x](javascript:alert(1))",
            "[x](https://example.org)",
            "<b>",
            "&amp;",
            "AT&T",
            "\x00",
            "\x1b[31m",
            "\u202e",
            "{{ x }}",
            "{{ x | number }}",
            "{{ x | percent }}",
            "{% for i in range(3) %}{{ i }}{% endfor %}",
            "{{ 'a' * 99999999 }}",
            "{{ 99 ** 99999 }}",
            "{{ x.__class__ }}",
            "{{ undefined_column }}",
            "{%",
            "}}",
            "\n" * 50,
            "\u00a0",
            "١٢٣",
        ]
    ),
)
LEAF = st.one_of(
    HOSTILE_TEXT,
    st.integers(),
    st.just(10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
VALUE = st.recursive(
    LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(HOSTILE_TEXT, inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = [
    "title",
    "subtitle",
    "organization",
    "keywords",
    "intro",
    "highlights",
    "sections",
    "source",
    "qr",
    "lang",
    "theme",
    "factsheet",
]


def _sheet(changes: dict[str, Any], deep_change: tuple[int, Any]) -> dict[str, Any]:
    """The example sheet with one value deep inside replaced, then some fields replaced."""
    sheet = example_sheet()
    where, value = deep_change
    body = sheet["sections"][0]["body"]
    table = body[1]["table"]
    places = [
        lambda: sheet["highlights"][0].__setitem__("value", value),
        lambda: sheet["highlights"][1].__setitem__("label", value),
        lambda: table["rows"][0].__setitem__(1, value),
        lambda: table.__setitem__("columns", value),
        lambda: table.update(chart="bar", alt=value),
        lambda: body.__setitem__(0, value),
        lambda: body[2].__setitem__("list", value),
        lambda: sheet["sections"][0].__setitem__("heading", value),
    ]
    places[where % len(places)]()
    sheet.update(changes)
    return sheet


SHEETS = st.builds(
    _sheet,
    st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=3),
    st.tuples(st.integers(0, 100), VALUE),
)
ROWS = st.dictionaries(st.sampled_from(["x", "region", "calls"]), HOSTILE_TEXT, max_size=3)


def _yaml(sheet: dict[str, Any]) -> bytes:
    # As a hostile file would hold them: surrogates as \u escapes, NaN as .nan.
    try:  # the C emitter is fast, but cannot write a lone surrogate even as an escape
        text = yaml.dump(sheet, Dumper=yaml.CSafeDumper, allow_unicode=False, sort_keys=False)
    except (UnicodeEncodeError, AttributeError):
        text = yaml.safe_dump(sheet, allow_unicode=False, sort_keys=False)
    return text.encode()


@settings(
    max_examples=10_000 if SLOW else 1000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(sheet=SHEETS, row=ROWS)
def test_reading_gives_a_sheet_or_a_located_error(
    sheet: dict[str, Any], row: dict[str, Any]
) -> None:
    try:
        template = ContentTemplate.read(Path("fuzzed.yaml"), _yaml(sheet))
        template.sheet(row if template.variables else None)
    except FactsheetError as error:
        assert error.problems and all(str(p) for p in error.problems)


@settings(max_examples=300 if SLOW else 20, deadline=None, suppress_health_check=list(HealthCheck))
@given(sheet=SHEETS)
def test_building_gives_a_verified_page_or_a_clear_error(sheet: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "fuzzed.yaml"
        content.write_bytes(_yaml(sheet))
        try:
            built = build_sheet(content, created=datetime(2031, 1, 1, tzinfo=UTC))
        except FactsheetError as error:
            assert error.problems
            return
        assert built.pdf.startswith(b"%PDF-")

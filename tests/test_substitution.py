"""Placeholders filled without Jinja2 fill exactly as the sandbox would, and only those."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest

from factsheet.content.growth import MAX_OUTPUT
from factsheet.content.rows import Cell
from factsheet.content.template import TemplateStrings

# Pieces of generated templates: text (with markup characters, whitespace and line ends),
# names with and without our filters, and everything a Substitution must leave to Jinja2.
_TEXT = ["Example ", "text", " * ", "[", "]", "\\", "\n", "  ", "{{ '{{' }}", "%", "é", ""]
_PLAIN = [
    "{{ state }}",
    "{{state}}",
    "{{- state -}}",
    "{{ count | number }}",
    "{{ count|number(2) }}",
    "{{ count | number(0) }}",
    "{{ share | percent }}",
    "{{ share | percent(1) }}",
    "{{ state | slug }}",
    "{{ row }}",
    "{{ absent }}",
    "{{ absent | number }}",
    "{{ range }}",
    "{{ count | number(decimals=1) }}",
    "{{ count | number(none) }}",
    "{# a comment #}",
]
_NOT_PLAIN = [
    "{{ state | upper }}",
    "{{ count | number | upper }}",
    "{{ row['Median income'] }}",
    "{{ state.upper() }}",
    "{{ state ~ '!' }}",
    "{{ count * 2 }}",
    "{{ 'ab' }}",
    "{{ absent | default('none') }}",
    "{% if state %}yes{% endif %}",
    "{% for c in [1, 2] %}{{ c }}{% endfor %}",
    "{{ count | number([1][0]) }}",
]
_VALUES: list[Any] = [
    "Example State",
    "*bold* [link](x) \\",
    "1,234",
    "-1,234.5",
    "(12)",
    "19%",
    "12.5",
    "",
    "  ",
    "not a number",
    "$1.2M",
    0,
    -7,
    123456789,
    2.5,
    Decimal("1E+40"),
    None,
    True,
]
# Rarely (they are slow to fill): values that take a text, alone or twice, past the limit.
_LONG = ["x" * (MAX_OUTPUT + 1), "x" * (MAX_OUTPUT // 2 + 1)]


def _row(picker: random.Random) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in ("state", "count", "share", "Median income"):
        if picker.random() < 0.9:
            value = picker.choice(_LONG if picker.random() < 0.03 else _VALUES)
            as_cell = isinstance(value, str) and picker.random() < 0.5
            row[column] = Cell(value, f"example.csv row 1, column {column!r}") if as_cell else value
    return row


def _templates(picker: random.Random, count: int) -> dict[str, str]:
    templates: dict[str, str] = {}
    for index in range(count):
        plain_only = picker.random() < 0.7
        pieces = [
            picker.choice(_TEXT)
            if picker.random() < 0.5
            else picker.choice(_PLAIN if plain_only or picker.random() < 0.7 else _NOT_PLAIN)
            for _ in range(picker.randint(1, 6))
        ]
        templates[f"t{index}"] = "".join(pieces) + "{{ state }}"  # every one a template
    return templates


@pytest.mark.parametrize("seed", range(2))
def test_filling_without_jinja_gives_what_the_sandbox_gives(seed: int) -> None:
    picker = random.Random(seed)
    data: dict[str, Any] = _templates(picker, 150)
    fast = TemplateStrings(data, "en-US")
    slow = TemplateStrings(data, "en-US")
    slow.substitutions.clear()
    assert 50 < len(fast.substitutions) < len(fast.compiled)  # both ways are exercised
    for _ in range(30):
        row = _row(picker)
        assert fast.fill(data, row) == slow.fill(data, row), row


@pytest.mark.parametrize("lang", ["de-DE", "fr-FR", "hi-IN"])
def test_numbers_follow_the_language_either_way(lang: str) -> None:
    data = {"a": "{{ count | number }} / {{ count | number(2) }} / {{ share | percent(1) }}"}
    fast, slow = TemplateStrings(data, lang), TemplateStrings(data, lang)
    slow.substitutions.clear()
    assert list(fast.substitutions) == [("a",)]
    for count in ("1234567.891", "-12", "(3,400)", 1234567):
        row = {"count": count, "share": "19.25"}
        assert fast.fill(data, row) == slow.fill(data, row)


@pytest.mark.parametrize("source", _NOT_PLAIN)
def test_anything_beyond_text_and_values_is_left_to_the_sandbox(source: str) -> None:
    strings = TemplateStrings({"a": source + "{{ state }}"}, "en-US")
    assert strings.substitutions == {}


def test_what_goes_wrong_is_the_sandboxs_message() -> None:
    data = {"a": "{{ absent }}", "b": "{{ count | number }}", "c": "{{ state }}"}
    strings = TemplateStrings(data, "en-US")
    assert set(strings.substitutions) == {("a",), ("b",), ("c",)}
    where = "example.csv row 1, column 'count'"
    row = {"count": Cell("1.2M", where), "state": "x" * (MAX_OUTPUT + 1)}
    filled, problems = strings.fill(data, row)
    assert filled == data  # nothing filled where something went wrong
    assert problems[0] == (("a",), "no value for 'absent' (missing data column?)")
    assert problems[1][0] == ("b",) and problems[1][1].startswith(where + ": '1.2M' is not")
    assert problems[2] == (
        ("c",),
        f"refused: the filled-in text is over {MAX_OUTPUT:,} characters long",
    )


def test_a_private_attribute_is_refused_before_any_filling() -> None:
    from factsheet.content.template import TemplateProblem

    with pytest.raises(TemplateProblem, match="private attributes"):
        TemplateStrings({"a": "{{ state.__class__ }}"}, "en-US")


def test_every_placeholder_of_the_state_template_is_filled_without_jinja() -> None:
    from conftest import ROOT

    from factsheet.content.loader import ContentTemplate

    strings = ContentTemplate.read(ROOT / "content" / "templates" / "ncmec-state.yaml").strings
    assert len(strings.compiled) > 15
    assert set(strings.substitutions) == set(strings.compiled)

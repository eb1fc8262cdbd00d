"""The fast schema check answers exactly as jsonschema does, on thousands of generated files.

Documents start from real, valid content and theme files and are mutated at random paths
(values of every JSON type, the edge of each limit, removed and unknown fields), so that
nearly every keyword is exercised on both sides of its boundary.
"""

from __future__ import annotations

import copy
import math
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import COLORADO, ROOT, example_sheet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet.content.conformance import compile_schema
from factsheet.content.schema import CONTENT_SCHEMA
from factsheet.content.validation import strict_validator
from factsheet.theme.schema import THEME_SCHEMA

_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    4,
    5,
    7,
    8,
    14,
    15,
    100,
    1.0,
    8.0,
    14.5,
    0.5,
    -0.0,
    math.nan,
    math.inf,
    "",
    " ",
    "x",
    "Example",
    "0",
    "1",
    "12pt",
    "0.5in",
    "3 mm",
    "12px",
    "#17365D",
    "#17365",
    "red",
    "bar",
    "column",
    "pie",
    "en-US",
    "fr",
    "e",
    "english",
    "https://example.org",
    "http://x",
    "ftp://example.org",
    "https://has space.org",
    "letter",
    "a4",
    "A4",
    "{{ x }}",
    [],
    [1],
    ["x"],
    ["x", "y"],
    [[1]],
    [["a", 1]],
    [[]],
    [{}],
    [None],
    [0, 0, 0, 0],
    [0, 0, 0, 101],
    [0, 0, 0],
    {},
    {"x": 1},
    {"paragraph": "x"},
    {"list": ["x"]},
    {"table": {"rows": [["a", 1]]}},
    {"paragraph": "x", "list": ["y"]},
    {"paragraph": "x", "when": "y"},
    {"rows": [["a"]]},
    {"file": "x.png", "alt": "x"},
    {"value": 1, "label": "x"},
    {"heading": "x", "body": ["y"]},
]
_KEYS = ["when", "colour", "paragraph", "table", "list", "rows", "alt", "file", "top", "x"]


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


_CONTENT_SEEDS = [
    _load(COLORADO),
    _load(ROOT / "content" / "templates" / "ncmec-state.yaml"),
    example_sheet(),
    *[
        data
        for data in (_load(p) for p in sorted((ROOT / "examples").glob("*.yaml")))
        if isinstance(data, dict) and "factsheet" in data  # themes live there too
    ],
]
_THEME_SEEDS = [
    _load(ROOT / "factsheet" / "theme" / "builtin" / "default.yaml"),
    {
        "extends": "default",
        "page": {"size": "a4", "margins": {"top": "12mm", "left": 30}},
        "type": {"body": 9.5, "minimum": 8},
        "cmyk": {"primary": [100, 60, 0, 40]},
        "logo": {"file": "logo.svg", "alt": "Example logo"},
        "qr": "https://example.org",
    },
]


def _containers(value: Any, found: list[Any]) -> list[Any]:
    if isinstance(value, dict | list):
        found.append(value)
        for item in value.values() if isinstance(value, dict) else value:
            _containers(item, found)
    return found


def _mutate(document: Any, rng: random.Random) -> Any:
    document = copy.deepcopy(document)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        target = rng.choice(_containers(document, []))
        action = rng.random()
        if isinstance(target, dict):
            keys = list(target)
            if action < 0.6 and keys:
                target[rng.choice(keys)] = copy.deepcopy(rng.choice(_VALUES))
            elif action < 0.8 and keys:
                del target[rng.choice(keys)]
            else:
                target[rng.choice(_KEYS)] = copy.deepcopy(rng.choice(_VALUES))
        elif target:
            index = rng.randrange(len(target))
            if action < 0.6:
                target[index] = copy.deepcopy(rng.choice(_VALUES))
            elif action < 0.8:
                del target[index]
            else:
                target.append(copy.deepcopy(target[index]))
        else:
            target.append(copy.deepcopy(rng.choice(_VALUES)))
    return document


def _agree(schema: dict[str, Any], seeds: list[Any], rng: random.Random) -> bool:
    document = _mutate(rng.choice(seeds), rng)
    fast = compile_schema(schema)(document)
    assert fast == strict_validator(schema).is_valid(document), document
    return fast


def _compare(schema: dict[str, Any], seeds: list[Any], examples: int) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.randoms(use_true_random=False))
    def compare(rng: random.Random) -> None:
        _agree(schema, seeds, rng)

    compare()


@pytest.mark.parametrize(
    ("schema", "seeds"), [(CONTENT_SCHEMA, _CONTENT_SEEDS), (THEME_SCHEMA, _THEME_SEEDS)]
)
def test_generated_files_get_jsonschema_s_answer(schema: dict[str, Any], seeds: list[Any]) -> None:
    _compare(schema, seeds, 400)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("schema", "seeds"), [(CONTENT_SCHEMA, _CONTENT_SEEDS), (THEME_SCHEMA, _THEME_SEEDS)]
)
def test_thousands_of_generated_files_get_jsonschema_s_answer(
    schema: dict[str, Any], seeds: list[Any]
) -> None:
    _compare(schema, seeds, 5000)


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=12,
    )
)
def test_any_json_value_gets_jsonschema_s_answer(value: Any) -> None:
    for schema in (CONTENT_SCHEMA, THEME_SCHEMA):
        assert compile_schema(schema)(value) == strict_validator(schema).is_valid(value)


def test_the_mutations_reach_both_answers() -> None:
    rng = random.Random(7)
    answers = {_agree(CONTENT_SCHEMA, _CONTENT_SEEDS, rng) for _ in range(200)}
    assert answers == {True, False}


def test_the_seeds_are_valid() -> None:
    for schema, seeds in ((CONTENT_SCHEMA, _CONTENT_SEEDS), (THEME_SCHEMA, _THEME_SEEDS)):
        assert all(compile_schema(schema)(seed) for seed in seeds)


def test_a_keyword_it_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="patternProperties"):
        compile_schema({"type": "object", "patternProperties": {}})

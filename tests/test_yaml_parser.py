"""YAML is parsed by libyaml when PyYAML has it, with the same values, lines and columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from factsheet.content import yamlsource
from factsheet.content.yamlsource import YamlProblem, read_document

pytestmark = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml"
)

DOCUMENT = """\
factsheet: 1
title: "Réseau d'exemple «fictif»"   # a comment
subtitle: Example 日本語 Data
highlights:
  - value: 1,234
    label: >
      fictional calls,
      folded
  - {value: "56%", label: 'of fictional callers'}
sections: &shared
  - heading: Ünïcödé
    body: [Text one., "Text two.", {table: {columns: [A, B], rows: [[x, 1.5], [y, null]]}}]
again: *shared
"""


def _read(text: str, tmp_path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as patch:
        if not fast:
            patch.delattr(yaml, "CSafeLoader")
        try:
            document = read_document(tmp_path / "sheet.yaml", text.encode("utf-8"))
        except YamlProblem as error:
            return error.problem
        return document.data, document.positions


def test_libyaml_gives_the_same_values_lines_and_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _read(DOCUMENT, tmp_path, True, monkeypatch)
    assert fast == _read(DOCUMENT, tmp_path, False, monkeypatch)
    data, positions = fast
    assert data["highlights"][0]["label"] == "fictional calls, folded\n"
    assert positions[("sections", 0, "heading")] == (11, 14)
    body = DOCUMENT.splitlines()[11]
    assert positions[("again", 0, "body", 2, "table", "rows", 1, 1)] == (12, body.index("null") + 1)


@pytest.mark.parametrize(
    "text",
    [
        "title: [not closed\n",
        "title: one\ntitle: two\n",
        "title:\tExample\n",  # libyaml takes this tab; PyYAML, whose hints we give, does not
        "title: Example\x07\n",
        "a: b: c\n",
    ],
)
def test_a_bad_file_gets_the_same_problem_either_way(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _read(text, tmp_path, True, monkeypatch)
    assert isinstance(fast, yamlsource.Problem)
    assert fast == _read(text, tmp_path, False, monkeypatch)


def test_a_question_mark_inside_brackets_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Valid YAML that PyYAML's own parser refuses ("expected ',' or ']'").
    data, _ = _read("rows: [[Why?, 12]]\n", tmp_path, True, monkeypatch)
    assert data == {"rows": [["Why?", 12]]}


def test_a_file_is_composed_once_by_libyaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaders: list[type] = []
    compose = yaml.compose

    def spy(text: str, Loader: type) -> Any:
        loaders.append(Loader)
        return compose(text, Loader=Loader)

    monkeypatch.setattr(yamlsource.yaml, "compose", spy)
    read_document(tmp_path / "sheet.yaml", DOCUMENT.encode("utf-8"))
    assert loaders == [yaml.CSafeLoader]

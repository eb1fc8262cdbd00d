"""Batch output names from hostile values: a bad name fails its row alone, and names it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run

TEMPLATES = Path(__file__).parent / "data" / "templates"
EXAMPLE = TEMPLATES / "example.yaml"
COLUMNS = ["region", "calls", "share", "shelters", "phone", "text"]


def _rows(tmp_path: Path, regions: list[str]) -> Path:
    # JSON carries any character a spreadsheet cell could: NUL, newlines, other scripts.
    rows = [dict(zip(COLUMNS, [r, 9720, 19, 0, 9000, 720], strict=True)) for r in regions]
    data = tmp_path / "rows.json"
    data.write_text(json.dumps(rows), encoding="utf-8")
    return data


def test_a_bad_name_fails_only_its_row_and_says_which(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    data = _rows(tmp_path, ["Example North", "../../escape", "Nul\x00Byte", "New\nLine"])
    output = tmp_path / "out"
    result = run_cli("batch", EXAMPLE, data, "-o", output, "--name", "{{ region }}.pdf")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert "built 1 of 4" in result.out
    assert "FAILED row 2 (region=../../escape)" in result.err and "plain file name" in result.err
    assert "FAILED row 3" in result.err and "control character" in result.err
    assert "FAILED row 4" in result.err
    assert sorted(p.name for p in output.iterdir()) == ["Example North.pdf"]
    assert not (tmp_path / "escape.pdf").exists()


def test_greek_and_cyrillic_names_stay_apart(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    data = _rows(tmp_path, ["Αθήνα", "Москва", "Київ", "Nuevo México"])
    output = tmp_path / "out"
    result = run_cli("batch", EXAMPLE, data, "-o", output, "--jobs", "1")
    assert result.code == 0, result.err
    assert sorted(p.name for p in output.iterdir()) == sorted(
        ["αθήνα-data.pdf", "москва-data.pdf", "київ-data.pdf", "nuevo-mexico-data.pdf"]
    )


def test_loop_variables_and_globals_are_not_data_columns(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    template = tmp_path / "loops.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'subtitle: "{{ region }} Data"',
        'subtitle: "{% set place = region %}{% for word in place.split()[:1] %}{{ word }}'
        '{{ loop.index }}{% endfor %} {{ range(2) | list | length }} Data"',
    )
    assert text != EXAMPLE.read_text(encoding="utf-8")
    template.write_text(text, encoding="utf-8")
    data = _rows(tmp_path, ["Example North"])
    result = run_cli("batch", template, data, "-o", tmp_path / "out")
    assert "no row has" not in result.err
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "example1-2-data.pdf").exists()

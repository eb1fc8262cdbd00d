"""Hostile or unlucky values are clean refusals (exit 2, field named), never a wrong figure."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import COLORADO, ROOT, Run, example_sheet

TEMPLATE = Path(__file__).parent / "data" / "templates" / "example.yaml"
HEADER = "region,calls,share,shelters,phone,text\n"


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", "sNaN", "1e999999999", "1e-99"])
def test_number_filters_refuse_values_that_are_not_printable_figures(
    value: str, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    data = tmp_path / "rows.csv"
    data.write_text(HEADER + f"Example,{value},19,3,9000,720\n", encoding="utf-8")
    output = tmp_path / "sheet.pdf"
    result = run_cli("build", TEMPLATE, "--data", data, "-o", output)
    assert result.code == 2, result.err
    assert "highlights[0].value" in result.err and repr(value) in result.err
    assert "Traceback" not in result.err and "class" not in result.err
    assert not output.exists()


_SURROGATE = "Example \udc80 text"


@pytest.mark.parametrize(
    "overrides",
    [
        {"keywords": [_SURROGATE]},
        {"organization": _SURROGATE},
        {"qr": "https://example.org/\ud800"},
        {"title": _SURROGATE},
    ],
    ids=["keywords", "organization", "qr", "title"],
)
def test_lone_surrogates_anywhere_are_refused_with_their_field(
    overrides: dict[str, object],
    write_sheet: Callable[..., Path],
    run_cli: Callable[..., Run],
) -> None:
    field = next(iter(overrides))
    # PyYAML writes a lone surrogate as a \u escape, as a hostile file would hold it.
    content = write_sheet(yaml.safe_dump(example_sheet(**overrides), allow_unicode=False))
    result = run_cli("build", content, "-o", content.with_suffix(".pdf"))
    assert result.code == 2, result.err
    assert f"{field}" in result.err and "lone surrogate" in result.err
    assert not content.with_suffix(".pdf").exists()


def test_a_lone_surrogate_in_a_chart_alt_and_a_theme_is_refused(
    tmp_path: Path, write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    sheet = example_sheet()
    table = sheet["sections"][0]["body"][1]["table"]
    table.update(chart="bar", alt=_SURROGATE)
    content = write_sheet(yaml.safe_dump(sheet, allow_unicode=False))
    result = run_cli("build", content, "-o", tmp_path / "a.pdf")
    assert result.code == 2 and "alt" in result.err and "surrogate" in result.err
    theme = tmp_path / "theme.yaml"
    theme.write_text('extends: default\norganization: "Example \\udc80"\n', encoding="utf-8")
    content = write_sheet(example_sheet(theme=str(theme)), "themed.yaml")
    result = run_cli("build", content, "-o", tmp_path / "b.pdf")
    assert result.code == 2 and "theme.yaml" in result.err and "organization" in result.err


def test_a_4400_digit_integer_is_refused_while_reading(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    sheet = example_sheet()
    text = yaml.safe_dump(sheet, sort_keys=False).replace("- 7890", "- " + "9" * 4400)
    content = write_sheet(text)
    result = run_cli("build", content, "-o", content.with_suffix(".pdf"))
    assert result.code == 2
    assert "table.rows[0][1]: a number of 4,400 digits is too long" in result.err


@pytest.mark.parametrize("epoch", ["1700000000000", "99999999999999999999999", "1.7e9", "٣"])
def test_source_date_epoch_out_of_range_is_a_clear_error(
    epoch: str,
    monkeypatch: pytest.MonkeyPatch,
    write_sheet: Callable[..., Path],
    run_cli: Callable[..., Run],
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    content = write_sheet(example_sheet())
    result = run_cli("build", content, "-o", content.with_suffix(".pdf"))
    assert result.code == 2 and "SOURCE_DATE_EPOCH" in result.err
    if epoch == "1700000000000":
        assert "not milliseconds" in result.err


def test_a_reader_that_goes_away_is_not_a_traceback(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    subprocess.run(
        [sys.executable, "-m", "factsheet", "build", str(COLORADO), "-o", str(pdf)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    # `check --json | head -c 1`: the reader has closed its end before anything is written.
    process = subprocess.Popen(
        [sys.executable, "-m", "factsheet", "check", str(pdf), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    with process.stderr:
        errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert errors == ""

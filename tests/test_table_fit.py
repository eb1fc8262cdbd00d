"""What cannot fit a table's columns is a clear exit 2, never a verification failure."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run, example_sheet


def _table_sheet(columns: list[str], row: list[object]) -> dict[str, object]:
    section = {
        "heading": "Example Programme",
        "body": [{"table": {"columns": columns, "rows": [row]}}],
    }
    return example_sheet(sections=[section])


def test_forty_columns_are_too_wide_not_a_crash(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    sheet = _table_sheet([f"Column {i}" for i in range(40)], [i * 1000 for i in range(40)])
    content = write_sheet(sheet)
    result = run_cli("build", content, "-o", content.with_suffix(".pdf"))
    assert result.code == 2, result.err
    assert "Traceback" not in result.err and "availWidth" not in result.err
    assert re.search(r"table: table too wide: column \d+ needs \d+ pt", result.err)
    assert not content.with_suffix(".pdf").exists()


def test_figures_wider_than_their_cells_name_the_column(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    # Too wide even for a band across the whole page.
    figure = "1,821,917,123,456,789,012"
    sheet = _table_sheet(
        ["Kind of fictional thing counted", "A", "B", "C", "D", "E", "F"],
        ["Calls", *[figure] * 6],
    )
    content = write_sheet(sheet)
    result = run_cli("build", content, "-o", content.with_suffix(".pdf"))
    assert result.code == 2, result.err
    assert "not found" not in result.err
    match = re.search(
        r"table too wide: column (\d) needs (\d+) pt for its figures, has (\d+) pt", result.err
    )
    assert match and int(match.group(2)) > int(match.group(3))

"""A long series holds little per row: table rows as bare text, and only failures kept.

The peak memory of a whole batch at 500 and 5,000 rows is measured by bench/series_memory.py;
this checks, quickly, the part that grows with the number of rows.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from factsheet.content.rows import Row, read_rows


def _write_rows(path: Path, count: int) -> None:
    lines = ["region,calls,share,shelters,phone,text"]
    lines += [f"Example State {n},{1000 + n},{n % 100},{n % 4},{900 + n},99" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _held(data: Path) -> tuple[int, list[Row]]:
    tracemalloc.start()
    try:
        rows = read_rows(data)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return held, rows


def test_a_table_row_costs_a_few_hundred_bytes(tmp_path: Path) -> None:
    few, many = tmp_path / "few.csv", tmp_path / "many.csv"
    _write_rows(few, 500)
    _write_rows(many, 2500)
    held_few, _ = _held(few)
    held_many, rows = _held(many)
    # Six values a row: as Cells each with its own description they took 3.8 KB a row.
    per_row = (held_many - held_few) / 2000
    assert per_row < 600, f"{per_row:.0f} bytes a row"
    # Each value still says where it came from, when it is read.
    assert rows[41].values["calls"].where == "many.csv row 42 (line 43), column 'calls'"
    assert dict(rows[41].values) == {
        "region": "Example State 41",
        "calls": "1041",
        "share": "41",
        "shelters": "1",
        "phone": "941",
        "text": "99",
    }
    assert list(rows[0].values) == ["region", "calls", "share", "shelters", "phone", "text"]


def test_cells_holding_separator_characters_keep_them(tmp_path: Path) -> None:
    data = tmp_path / "rows.csv"
    odd = "Example\x1f\x1e\x1d\x1c\ue000 text"
    data.write_text(f"region,calls\n{odd},12\n,7\n", encoding="utf-8")
    rows = read_rows(data)
    assert dict(rows[0].values) == {"region": odd, "calls": "12"}
    assert dict(rows[1].values) == {"region": "", "calls": "7"}

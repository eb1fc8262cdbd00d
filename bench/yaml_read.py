"""How long does reading a content or data file near the 2 MB limit take?

    python bench/yaml_read.py [--rows 5000]

Writes a YAML list of clearly fictional rows (about 2 MB at 5,000 rows) and reads it with
factsheet's reader twice in this run: with libyaml (what users get when PyYAML has it) and
with PyYAML's pure-Python parser (the baseline). Both keep every value's line and column.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml

from factsheet.content.yamlsource import read_document


def write_rows(path: Path, count: int) -> None:
    note = "Example note: fictional text, " * 11
    rows = [
        {"region": f"Example Region {n}", "calls": 1000 + n, "share": n % 100, "note": note}
        for n in range(count)
    ]
    path.write_text(yaml.safe_dump(rows, sort_keys=False, width=1000), encoding="utf-8")


def seconds(path: Path) -> float:
    """The best of two reads (the machine may be busy)."""
    times = []
    for _ in range(2):
        start = time.perf_counter()
        read_document(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "rows.yaml"
        write_rows(data, args.rows)
        fast = seconds(data)
        libyaml = getattr(yaml, "CSafeLoader", None)
        if libyaml is not None:
            del yaml.CSafeLoader  # the reader falls back to PyYAML's own parser
        try:
            slow = seconds(data)
        finally:
            if libyaml is not None:
                yaml.CSafeLoader = libyaml
        size = data.stat().st_size
    print(f"{size:,} bytes: libyaml {fast:.2f} s, pure-Python PyYAML {slow:.2f} s")
    print(f"ratio pure-Python / libyaml: {slow / fast:.1f}")


if __name__ == "__main__":
    main()

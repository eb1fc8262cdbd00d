"""What a map costs: build time and bytes of each example map sheet against the same sheet
with the map replaced by one sentence, measured in one process, interleaved.

    python bench/map_block.py [--runs N]

Every figure is the median of N paired runs (default 15). The whole build is timed (load,
layout, render, tag, verify), so the difference is everything the map adds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from factsheet.pipeline import build_sheet

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "county-map.yaml", ROOT / "examples" / "us-states-map.yaml"]
CREATED = datetime(2024, 1, 1, tzinfo=UTC)


def without_map(data: dict[str, Any]) -> dict[str, Any]:
    for section in data["sections"]:
        section["body"] = [
            "A map stood here." if isinstance(b, dict) and "map" in b else b
            for b in section["body"]
        ]
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    print(f"{'sheet':<16} {'with map':>10} {'without':>10} {'map adds':>10} {'bytes added':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for example in EXAMPLES:
            plain = Path(folder) / f"{example.stem}-plain.yaml"
            data = without_map(yaml.safe_load(example.read_text(encoding="utf-8")))
            plain.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
            times: dict[Path, list[float]] = {example: [], plain: []}
            sizes: dict[Path, int] = {}
            for _ in range(runs):
                for source in (example, plain):
                    start = time.perf_counter()
                    built = build_sheet(source, created=CREATED)
                    times[source].append(time.perf_counter() - start)
                    sizes[source] = len(built.pdf)
            with_ms = statistics.median(times[example]) * 1000
            without_ms = statistics.median(times[plain]) * 1000
            print(
                f"{example.stem:<16} {with_ms:>8.1f}ms {without_ms:>8.1f}ms "
                f"{with_ms - without_ms:>8.1f}ms {sizes[example] - sizes[plain]:>12,}"
            )


if __name__ == "__main__":
    main()

"""Does a long series keep its memory flat? Peak RSS of `factsheet batch` at two sizes.

    python bench/series_memory.py [--rows 500 5000] [--jobs 1]

Makes N clearly fictional rows for tests/data/templates/example.yaml, runs the real command
once per N in a fresh process, and prints each run's peak resident memory (the largest
process) and the ratio of the largest N to the smallest. Flat means a ratio near 1.0.
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time  # noqa: F401 - used by the probe's text
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tests" / "data" / "templates" / "example.yaml"


def write_rows(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["region", "calls", "share", "shelters", "phone", "text"])
        for number in range(1, count + 1):
            calls = 1000 + number * 7
            writer.writerow(
                [f"Example State {number}", calls, number % 100, number % 4, calls - 99, 99]
            )


def peak_rss_mib(rows: int, jobs: int) -> tuple[float, float]:
    """(peak RSS in MiB of the largest process, wall seconds) for one batch of rows."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "rows.csv"
        write_rows(data, rows)
        command = [sys.executable, "-m", "factsheet", "batch", str(TEMPLATE), str(data)]
        command += ["-o", str(Path(folder) / "out"), "--jobs", str(jobs), "--quiet"]
        # A fresh interpreter per size, so that one run's peak cannot hide in another's.
        probe = (
            "import resource, subprocess, sys, time\n"
            "start = time.perf_counter()\n"
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(peak, time.perf_counter() - start)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", probe, *command],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
        )
        peak_kib, seconds = result.stdout.split()
        return int(peak_kib) / 1024, float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    assert resource.RUSAGE_CHILDREN  # Linux and macOS
    peaks = {}
    for rows in args.rows:
        peaks[rows], seconds = peak_rss_mib(rows, args.jobs)
        print(
            f"{rows:>6} rows, {args.jobs} job(s): peak RSS {peaks[rows]:.1f} MiB, {seconds:.0f} s"
        )
    smallest, largest = min(peaks), max(peaks)
    print(f"ratio {largest} / {smallest} rows: {peaks[largest] / peaks[smallest]:.3f}")


if __name__ == "__main__":
    main()

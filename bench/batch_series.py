"""Throughput of `factsheet batch` on a series of fictional rows, and where each sheet's time goes.

    python bench/batch_series.py [--rows 500] [--jobs 1 2]

Makes N clearly fictional rows ("Example State 1", ...) for the NCMEC state template, then:
1. per-sheet stage times in one process (fill template, layout, render, verify), next to a
   bare ReportLab platypus rendering of the same sheet's text (the floor), same run;
2. the real command, `factsheet batch ... --jobs N --quiet`, for each N: wall time, verified
   sheets per second, and peak memory of the largest process.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from factsheet.content.markup import to_reportlab
from factsheet.content.rows import read_rows
from factsheet.layout.fit import lay_out
from factsheet.pdf.render import document_info, render_pdf
from factsheet.pdf.tags.marks import Marker
from factsheet.pipeline import SheetBuilder
from factsheet.verify.report import verify_pdf

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "content" / "templates" / "ncmec-state.yaml"
CREATED = datetime(2024, 1, 1, tzinfo=UTC)
COLUMNS = [
    "state",
    "cybertipline_reports",
    "cvip_submissions",
    "missing_cases",
    "missing_social_services",
    "missing_other",
    "missing_refugee_resettlement",
    "trafficking_engagements",
    "team_hope_families",
    "mental_health_referrals",
    "connect_new_users",
]
# Runs the batch in a child and reports the peak resident memory of every process it started.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "seconds": elapsed, "peak_kib": peak_kib,
                  "out": done.stdout, "err": done.stderr}))
"""


def fictional_rows(count: int, path: Path) -> None:
    rng = random.Random(2031)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for n in range(1, count + 1):
            social, other, refugee = rng.randint(0, 9000), rng.randint(0, 900), rng.randint(0, 90)
            writer.writerow(
                [
                    f"Example State {n}",
                    rng.randint(100, 400_000),
                    rng.randint(0, 500),
                    social + other + refugee,
                    social,
                    other,
                    refugee,
                    rng.choice([0, rng.randint(1, 900)]),
                    rng.randint(0, 2000),
                    rng.randint(0, 900),
                    rng.randint(0, 5000),
                ]
            )


def stage_times(data: Path, sample: int) -> dict[str, float]:
    builder = SheetBuilder.load(TEMPLATE)
    rows = read_rows(data)[:sample]
    stages = ("fill", "layout", "render", "tag", "verify", "floor")
    times: dict[str, list[float]] = {k: [] for k in stages}
    style = ParagraphStyle("plain", fontName=builder.family.regular, fontSize=9, leading=11.5)
    for row in rows:
        start = time.perf_counter()
        sheet = builder.template.sheet(row.values)
        filled = time.perf_counter()
        page = lay_out(sheet, builder.theme, builder.family, cache=builder.cache)
        laid = time.perf_counter()
        info = document_info(sheet, builder.theme, CREATED)
        render_pdf(page, info, builder.theme, builder.family)
        rendered = time.perf_counter()
        # The tagged render writes the structure tree in the same pass: "tag" is its extra.
        pdf = render_pdf(page, info, builder.theme, builder.family, marker=Marker())
        tagged = time.perf_counter()
        times["tag"].append((tagged - rendered) - (rendered - laid))
        verify_pdf(pdf, sheet)
        verified = time.perf_counter()
        markups = [to_reportlab(t.spans, link_color="#000000") for t in sheet.texts()]
        floor_start = time.perf_counter()
        SimpleDocTemplate(io.BytesIO(), pagesize=letter, invariant=1).build(
            [Paragraph(m, style) for m in markups]
        )
        floor_end = time.perf_counter()
        times["fill"].append(filled - start)
        times["layout"].append(laid - filled)
        times["render"].append(rendered - laid)
        times["verify"].append(verified - tagged)
        times["floor"].append(floor_end - floor_start)
    return {name: statistics.mean(values) * 1000 for name, values in times.items()}


def batch_command(data: Path, output: Path, jobs: int) -> list[str]:
    """`factsheet batch` of the state template over data, quietly, in a fresh interpreter."""
    command = ["-m", "factsheet", "batch", str(TEMPLATE), str(data), "-o", str(output)]
    return [sys.executable, *command, "--jobs", str(jobs), "--quiet"]


def run_batch(data: Path, output: Path, jobs: int) -> dict[str, float]:
    command = batch_command(data, output, jobs)
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    result = json.loads(measured.stdout)
    if result["code"] != 0:
        raise SystemExit(f"batch failed: {result['err']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sample", type=int, default=60, help="rows timed stage by stage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "rows.csv"
        fictional_rows(args.rows, data)
        stages = stage_times(data, args.sample)
        floor = stages.pop("floor")
        total = sum(stages.values())
        print(f"per sheet, mean of {args.sample} rows (one process):")
        print(f"  {'bare ReportLab (floor)':24} {floor:6.1f} ms  1.00x")
        for name, ms in stages.items():
            print(f"  {name:24} {ms:6.1f} ms  {ms / floor:4.2f}x")
        print(f"  {'all stages':24} {total:6.1f} ms  {total / floor:4.2f}x")
        print(f"{args.rows} rows with `factsheet batch`:")
        base_rate = None
        for jobs in args.jobs:
            result = run_batch(data, Path(folder) / f"out-{jobs}", jobs)
            rate = args.rows / result["seconds"]
            base_rate = base_rate or rate
            print(
                f"  --jobs {jobs}: {result['seconds']:5.1f} s, {rate:5.1f} verified sheets/s "
                f"({rate / base_rate:.2f}x --jobs {args.jobs[0]}), "
                f"peak memory {result['peak_kib'] / 1024:.0f} MiB per process"
            )


if __name__ == "__main__":
    main()

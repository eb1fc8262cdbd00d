"""One run, every figure against its anchor: cold build, file size, memory, and a series.

    python bench/compare.py [--runs 15] [--rows 600] [--memory-rows 500 5000]

Anchors, measured in this same run (the machine is shared, so only ratios are quoted):
- the floor: bench/floor.py, a cold ReportLab script setting the same sheet's texts;
- Typst (the `typst` Python binding) setting the same texts, cold and in a series;
- WeasyPrint, where installed.
Cold runs are paired and interleaved (floor, build, Typst, then the next round), and each
ratio is the median of the per-round ratios. Peak memory is each process's own maximum RSS.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from batch_series import TEMPLATE, batch_command, fictional_rows

from factsheet.content.loader import load_content
from factsheet.content.markup import to_reportlab
from factsheet.content.model import BulletList, Paragraph, Sheet, Table
from factsheet.content.rows import read_rows
from factsheet.pipeline import SheetBuilder
from factsheet.theme.loader import load_theme

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
COLORADO = ROOT / "content" / "ncmec-colorado-2023.yaml"
TYPST_SOURCE = BENCH / "typst" / "sheet.typ"
SIZE_TARGET = 24_000
CREATED = datetime(2024, 1, 1, tzinfo=UTC)

TYPST_ONE = """
import sys, typst
typst.compile(sys.argv[1], output=sys.argv[3], font_paths=[sys.argv[4]],
              sys_inputs={"sheet": open(sys.argv[2], encoding="utf-8").read()})
"""
TYPST_SERIES = """
import json, multiprocessing, sys, typst
source, sheets_file, folder, fonts, jobs = sys.argv[1:6]
def one(item):
    n, sheet = item
    typst.compile(source, output=f"{folder}/{n}.pdf", font_paths=[fonts],
                  sys_inputs={"sheet": sheet})
sheets = json.load(open(sheets_file, encoding="utf-8"))
with multiprocessing.get_context("fork").Pool(int(jobs)) as pool:
    pool.map(one, list(enumerate(sheets)), chunksize=8)
"""


def run_measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the largest process the command started."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors}")
    return elapsed, usage.ru_maxrss / 1024


def peak_of_tree(command: list[str]) -> tuple[float, float, float]:
    """Like run_measured, but the peak over the command and every process it started; and
    the CPU seconds (user + system) of all of them, steadier than wall time on a shared
    machine."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); done = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "e = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stderr.write(done.stderr.decode()); sys.exit(done.returncode) if done.returncode "
        "else print(e, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    seconds, mib, cpu = done.stdout.split()
    return float(seconds), float(mib), float(cpu)


def _plain(text: Any) -> str:
    return "".join(span.text for span in text.spans)


def typst_sheet(sheet: Sheet, organization: str) -> str:
    blocks_of = []
    for section in sheet.sections:
        blocks: list[dict[str, Any]] = []
        for block in section.body:
            if isinstance(block, Paragraph):
                blocks.append({"kind": "paragraph", "text": _plain(block.text)})
            elif isinstance(block, BulletList):
                blocks.append({"kind": "list", "items": [_plain(t) for t in block.items]})
            elif isinstance(block, Table):
                width = len(block.columns) or len(block.rows[0])
                blocks.append(
                    {
                        "kind": "table",
                        "width": width,
                        "caption": _plain(block.caption) if block.caption else None,
                        "columns": [_plain(c) for c in block.columns],
                        "rows": [[_plain(c) for c in row] for row in block.rows],
                    }
                )
        blocks_of.append({"heading": _plain(section.heading), "blocks": blocks})
    return json.dumps(
        {
            "organization": organization,
            "title": _plain(sheet.title) + (f" {_plain(sheet.subtitle)}" if sheet.subtitle else ""),
            "highlights": [
                {"value": _plain(h.value), "label": _plain(h.label)} for h in sheet.highlights
            ],
            "intro": [_plain(p.text) for p in sheet.intro],
            "sections": blocks_of,
            "source": _plain(sheet.source) if sheet.source else "",
        }
    )


def floor_sheet(sheet: Sheet, fonts: dict[str, str]) -> str:
    headings = {id(s.heading) for s in sheet.sections} | {id(sheet.title)}
    paragraphs = [
        ("heading" if id(t) in headings else "body", to_reportlab(t.spans, link_color="#000000"))
        for t in sheet.texts()
    ]
    return json.dumps({"fonts": fonts, "paragraphs": paragraphs})


Row = tuple[str, float, str, str, float]
"""A figure, its value, its unit, its anchor's name and the anchor's value."""


def print_rows(title: str, rows: list[Row]) -> None:
    print(title)
    for name, value, unit, anchor_name, anchor in rows:
        print(
            f"  {name:36} {value:9.1f} {unit:4} {anchor_name:24} {anchor:9.1f} {unit:4}"
            f" {value / anchor:6.2f}x"
        )


def cold(work: Path, runs: int) -> dict[str, Any]:
    sheet = load_content(COLORADO)
    theme = load_theme(sheet.theme)
    fonts = {"regular": str(theme.fonts.regular), "bold": str(theme.fonts.bold)}
    floor_json, typst_json = work / "floor.json", work / "typst.json"
    floor_json.write_text(floor_sheet(sheet, fonts), encoding="utf-8")
    typst_json.write_text(typst_sheet(sheet, "Example organisation"), encoding="utf-8")
    font_dir = str(theme.fonts.regular.parent)
    commands = {
        "floor": [sys.executable, str(BENCH / "floor.py"), str(floor_json), str(work / "f.pdf")],
        "build": [
            sys.executable,
            "-m",
            "factsheet",
            "build",
            str(COLORADO),
            "-o",
            str(work / "colorado.pdf"),
        ],
        "typst": [
            sys.executable,
            "-c",
            TYPST_ONE,
            str(TYPST_SOURCE),
            str(typst_json),
            str(work / "t.pdf"),
            font_dir,
        ],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, list[float]] = {k: [] for k in commands}
    order = list(commands)
    # Cold means a new process, not an uncompiled program: an installed package has its
    # bytecode written at install (pip compiles it), and a working tree run with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every run.
    compileall.compile_dir(ROOT / "factsheet", quiet=1)
    for name in order:  # one untimed round: files into the page cache, as for any later run
        run_measured(commands[name])
    for round_number in range(runs):
        # Rotate the order each round, so no command always runs first or last.
        shift = round_number % len(order)
        for name in order[shift:] + order[:shift]:
            seconds, mib = run_measured(commands[name])
            times[name].append(seconds)
            rss[name].append(mib)
    pairs = [b / f for b, f in zip(times["build"], times["floor"], strict=True)]
    typst_pairs = [t / f for t, f in zip(times["typst"], times["floor"], strict=True)]
    return {
        "ms": {k: statistics.median(v) * 1000 for k, v in times.items()},
        "rss": {k: statistics.median(v) for k, v in rss.items()},
        "build_ratio": statistics.median(pairs),
        "typst_ratio": statistics.median(typst_pairs),
        "bytes": (work / "colorado.pdf").stat().st_size,
        "typst_bytes": (work / "t.pdf").stat().st_size,
    }


def series(work: Path, rows: int, rounds: int) -> dict[str, Any]:
    data = work / f"rows-{rows}.csv"
    fictional_rows(rows, data)
    builder = SheetBuilder.load(TEMPLATE)
    sheets = [
        typst_sheet(builder.template.sheet(r.values), "Example organisation")
        for r in read_rows(data)
    ]
    sheets_file = work / "typst-sheets.json"
    sheets_file.write_text(json.dumps(sheets), encoding="utf-8")
    font_dir = str(builder.theme.fonts.regular.parent)
    ours, theirs, our_rss, our_cpu, their_cpu = [], [], [], [], []
    for n in range(rounds):
        out, typst_out = work / f"series-{n}", work / f"typst-{n}"
        typst_out.mkdir()
        seconds, mib, cpu = peak_of_tree(batch_command(data, out, 2))
        ours.append(rows / seconds)
        our_rss.append(mib)
        our_cpu.append(cpu * 1000 / rows)
        seconds, _, cpu = peak_of_tree(
            [
                sys.executable,
                "-c",
                TYPST_SERIES,
                str(TYPST_SOURCE),
                str(sheets_file),
                str(typst_out),
                font_dir,
                "2",
            ]
        )
        theirs.append(rows / seconds)
        their_cpu.append(cpu * 1000 / rows)
    pairs = [o / t for o, t in zip(ours, theirs, strict=True)]
    cpu_pairs = [t / o for o, t in zip(our_cpu, their_cpu, strict=True)]
    return {
        "ours": statistics.median(ours),
        "typst": statistics.median(theirs),
        "ratio": statistics.median(pairs),
        "rss": max(our_rss),
        "cpu": statistics.median(our_cpu),
        "typst_cpu": statistics.median(their_cpu),
        "cpu_ratio": statistics.median(cpu_pairs),
    }


def memory(work: Path, row_counts: list[int]) -> dict[int, float]:
    peaks = {}
    for rows in row_counts:
        data = work / f"memory-{rows}.csv"
        fictional_rows(rows, data)
        _, peaks[rows], _ = peak_of_tree(batch_command(data, work / f"memory-{rows}", 2))
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="paired cold rounds (default 15)")
    parser.add_argument("--rows", type=int, default=600, help="rows in the series (default 600)")
    parser.add_argument("--series-rounds", type=int, default=2)
    parser.add_argument("--memory-rows", type=int, nargs="*", default=[500, 5000])
    args = parser.parse_args()
    try:
        import weasyprint  # noqa: F401

        weasy = "installed, not yet measured here"
    except ImportError:
        weasy = "not installed: no WeasyPrint anchor in this run"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        c = cold(work, args.runs)
        floor = "floor (bare ReportLab)"
        print_rows(
            f"cold build of the Colorado sheet, medians of {args.runs} interleaved rounds:",
            [
                ("factsheet build, wall", c["ms"]["build"], "ms", floor, c["ms"]["floor"]),
                ("Typst, same texts, wall", c["ms"]["typst"], "ms", floor, c["ms"]["floor"]),
                ("factsheet build, peak RSS", c["rss"]["build"], "MiB", floor, c["rss"]["floor"]),
                ("factsheet build, peak RSS", c["rss"]["build"], "MiB", "target", 50.0),
                ("Colorado PDF", c["bytes"] / 1000, "kB", "target", SIZE_TARGET / 1000),
                ("Typst's PDF of the same texts", c["typst_bytes"] / 1000, "kB", "target", 24.0),
            ],
        )
        print(
            f"  build / floor, median of per-round ratios: {c['build_ratio']:.2f}x (target 1.30x)"
        )
        print(f"  WeasyPrint: {weasy}")
        if args.rows:
            s = series(work, args.rows, args.series_rounds)
            print_rows(
                f"series of {args.rows} rows, 2 processes each, medians of {args.series_rounds}:",
                [
                    (
                        "factsheet batch, verified sheets/s",
                        s["ours"],
                        "/s",
                        "Typst, unverified",
                        s["typst"],
                    ),
                ],
            )
            print(f"  per-round ratio, median: {s['ratio']:.2f}x (target >= 1.00x)")
            print(
                f"  CPU per sheet, every process: {s['cpu']:.1f} ms, Typst {s['typst_cpu']:.1f} ms;"
                f" sheets per CPU-second against Typst's, per-round median {s['cpu_ratio']:.2f}x"
            )
            print(f"  factsheet batch, peak RSS of the largest process: {s['rss']:.1f} MiB")
        if args.memory_rows:
            peaks = memory(work, args.memory_rows)
            base = args.memory_rows[0]
            print_rows(
                "batch peak RSS (largest process) by series length (target <= 1.10x):",
                [
                    (f"{rows} rows", mib, "MiB", f"{base} rows", peaks[base])
                    for rows, mib in peaks.items()
                ],
            )


if __name__ == "__main__":
    main()

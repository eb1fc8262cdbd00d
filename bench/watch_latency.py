"""How long from saving a content file to a new PDF under `factsheet watch`.

Runs the real command on a copy of the example sheet, saves an edit SAVES times (pausing between
saves, as a person would), and times each save until the PDF is replaced. Baselines from the same
run: a cold `factsheet build` (what a user ran by hand before) and a build in memory alone.

    .venv/bin/python bench/watch_latency.py [SAVES]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "ncmec-colorado-2023.yaml"
sys.path.insert(0, str(ROOT))


def main(saves: int = 12) -> None:
    work = Path(tempfile.mkdtemp(prefix="watch-bench-"))
    content, output = work / "sheet.yaml", work / "sheet.pdf"
    shutil.copy(EXAMPLE, content)
    original = content.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "factsheet"]
    watcher = subprocess.Popen(
        [*command, "watch", str(content), "-o", str(output)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    built = threading.Event()
    reported: list[float] = []

    def read() -> None:
        assert watcher.stdout is not None
        for line in watcher.stdout:
            if " built " in line:
                reported.append(float(line.rsplit(", ", 1)[1].removesuffix(" s\n")))
                built.set()
            elif "error" in line:
                print(line, end="", file=sys.stderr)

    threading.Thread(target=read, daemon=True).start()
    if not built.wait(60):
        raise SystemExit("watch did not build the sheet")
    latencies = []
    try:
        for number in range(saves):
            time.sleep(0.5)  # a person pauses between saves
            before = os.stat(output).st_mtime_ns, os.stat(output).st_ino
            edited = original.replace("subtitle: Colorado", f"subtitle: Colorado {number}")
            started = time.perf_counter()
            content.write_text(edited, encoding="utf-8")
            while (os.stat(output).st_mtime_ns, os.stat(output).st_ino) == before:
                time.sleep(0.002)
                if time.perf_counter() - started > 30:
                    raise SystemExit("no new PDF within 30 s of a save")
            latencies.append(time.perf_counter() - started)
    finally:
        watcher.terminate()
        watcher.wait()

    cold = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [*command, "build", str(content), "-o", str(work / "cold.pdf")],
            check=True,
            capture_output=True,
            env=env,
        )
        cold.append(time.perf_counter() - started)
    from factsheet.pdf.render import creation_time
    from factsheet.pipeline import build_sheet

    memory = []
    for _ in range(5):
        started = time.perf_counter()
        build_sheet(content, created=creation_time(None))
        memory.append(time.perf_counter() - started)
    shutil.rmtree(work)

    median = statistics.median(latencies)
    print(f"saves: {len(latencies)}")
    print(
        f"save -> new PDF: median {median:.3f} s, min {min(latencies):.3f} s, "
        f"max {max(latencies):.3f} s"
    )
    print(f"  each: {' '.join(f'{value:.3f}' for value in latencies)}")
    print(f"build time watch reported: median {statistics.median(reported[1:]):.3f} s")
    print(f"baseline, cold `factsheet build`: median {statistics.median(cold):.3f} s")
    print(f"baseline, build in memory (warm): median {statistics.median(memory):.3f} s")
    print(f"watch vs cold build: {median / statistics.median(cold):.2f}x the time")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)

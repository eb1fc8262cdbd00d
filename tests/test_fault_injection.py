"""Kill builds and batches at random moments: each output is the old file or a complete new
one, and no temporary file is left once the next run has written.

Runs a few seeded kills per test (`--slow`: many more). SIGKILL cannot be caught, so its
temporaries stay until the next write of the same file removes them; Ctrl-C and SIGTERM
unwind at once, with one line and no traceback.
"""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from pypdf import PdfReader

from tests.conftest import ROOT, example_sheet

KILLS = 12 if os.environ.get("FACTSHEET_SLOW_TESTS") else 3
TEMPLATES = Path(__file__).parent / "data" / "templates"


def _start(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "factsheet", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: batch workers die with it
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    # A run started in the background inherits Ctrl-C as ignored, and Python then never
    # raises KeyboardInterrupt: give the child the default, as a terminal would.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _complete(pdf: bytes, expected: str) -> bool:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages) == 1 and expected in reader.pages[0].extract_text()


def test_a_killed_build_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    rng = random.Random(12)
    output = tmp_path / "sheet.pdf"
    old = tmp_path / "old.yaml"
    old.write_text(yaml.safe_dump(example_sheet(subtitle="Example Old Data")), encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(example_sheet(subtitle="Example New Data")), encoding="utf-8")
    assert (
        subprocess.run(
            [sys.executable, "-m", "factsheet", "build", str(old), "-o", str(output)],
            cwd=ROOT,
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    before = output.read_bytes()
    for _ in range(KILLS):
        process = _start("build", new, "-o", output)
        time.sleep(rng.uniform(0.3, 1.5))
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        now = output.read_bytes()
        assert now == before or _complete(now, "Example New Data")
        before = now
    # The next run's write removes what the killed ones left.
    process = _start("build", new, "-o", output)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    assert _complete(output.read_bytes(), "Example New Data")
    assert _temporaries(tmp_path) == []


def test_a_killed_batch_leaves_old_or_complete_sheets(tmp_path: Path) -> None:
    rng = random.Random(7)
    output = tmp_path / "out"
    data = TEMPLATES / "rows.csv"
    for _ in range(max(1, KILLS // 2)):
        process = _start("batch", TEMPLATES / "example.yaml", data, "-o", output, "--jobs", "2")
        time.sleep(rng.uniform(0.5, 3.0))
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        for sheet in output.glob("*.pdf") if output.exists() else []:
            assert _complete(sheet.read_bytes(), "Data")
    process = _start("batch", TEMPLATES / "example.yaml", data, "-o", output, "--jobs", "2")
    _, err = process.communicate(timeout=180)
    assert process.returncode == 0, err.decode()
    assert _temporaries(output) == []


def test_an_interrupted_batch_says_one_line_and_leaves_no_temporary(tmp_path: Path) -> None:
    signum = signal.SIGINT
    output = tmp_path / "out"
    rows = tmp_path / "rows.csv"
    lines = (TEMPLATES / "rows.csv").read_text(encoding="utf-8-sig").splitlines()
    # Enough rows that the batch is still running when it is interrupted, on any machine.
    numbered = [lines[0]] + [lines[1].replace("North", f"North {n}") for n in range(400)]
    rows.write_text("\n".join(numbered) + "\n", encoding="utf-8")
    process = _start("batch", TEMPLATES / "example.yaml", rows, "-o", output, "--jobs", "2")
    deadline = time.monotonic() + 60
    while not (output.exists() and any(output.glob("*.pdf"))) and time.monotonic() < deadline:
        time.sleep(0.05)  # interrupt while sheets are being written, not before or after
    assert process.poll() is None, "the batch ended before it could be interrupted"
    os.killpg(process.pid, signum)  # Ctrl-C reaches the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err.decode()
    assert "Traceback" not in err.decode()
    assert err.decode().strip().splitlines()[-1].startswith("interrupted (")
    assert len(err.decode().strip().splitlines()) == 1
    if output.exists():
        assert _temporaries(output) == []

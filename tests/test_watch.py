"""`factsheet watch`: rebuilds on every change to the content or its theme chain, and a failed
rebuild never touches the last good PDF. Runs the real command in a child process."""

from __future__ import annotations

import io
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import Run, example_sheet


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watcher:
    def __init__(self, *args: str | Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "factsheet", "watch", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            # A test run started in the background inherits SIGINT ignored; Ctrl-C is the test.
            preexec_fn=_interruptible,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    # Generous limits: a loaded CI machine may take seconds to start Python and build; a
    # passing run never waits for them.
    def expect(self, text: str, timeout: float = 45) -> list[str]:
        """The lines up to and including the first that contains text."""
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"no line with {text!r} in {timeout} s; saw {seen}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


@pytest.fixture
def watcher() -> Iterator[list[Watcher]]:
    started: list[Watcher] = []
    yield started
    for watch in started:
        if watch.process.poll() is None:
            watch.process.kill()
        watch.process.wait()
        assert watch.process.stdout is not None
        watch.process.stdout.close()


def write(path: Path, data: object) -> None:
    """Save in one step, so that a busy machine never builds a half-written file."""
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def text_of(pdf: Path) -> str:
    return PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()


def test_rebuilds_on_save_and_keeps_the_last_good_pdf(
    tmp_path: Path, watcher: list[Watcher]
) -> None:
    content, output = tmp_path / "sheet.yaml", tmp_path / "out" / "sheet.pdf"
    write(content, example_sheet())
    watch = Watcher(content, "-o", output)
    watcher.append(watch)
    first = watch.expect("built")[-1]
    assert "figures verified" in first and "1 page" in first, first
    assert "1,234" in text_of(output)

    write(content, example_sheet(highlights=[{"value": "4,321", "label": "fictional visits"}]))
    watch.expect("built")
    assert "4,321" in text_of(output)

    good = output.read_bytes()
    write(content, "title: [unclosed\n")
    seen = watch.expect("build failed")
    assert any(f"{content}:2:1: malformed YAML" in line for line in seen), seen
    assert "kept the last good PDF" in seen[-1]
    assert output.read_bytes() == good

    write(content, example_sheet(title="Example Network Renamed"))
    watch.expect("built")
    assert "Example Network Renamed" in text_of(output)
    assert watch.stop() == 0
    assert "stopped watching" in watch.expect("stopped")[-1]


def test_rebuilds_when_a_theme_it_extends_changes(tmp_path: Path, watcher: list[Watcher]) -> None:
    themes = tmp_path / "themes"
    themes.mkdir()
    write(themes / "base.yaml", {"extends": "default", "footer": "Example footer one"})
    write(themes / "brand.yaml", {"extends": "base.yaml"})
    content, output = tmp_path / "sheet.yaml", tmp_path / "sheet.pdf"
    write(content, example_sheet(theme="themes/brand.yaml"))
    watch = Watcher(content, "-o", output)
    watcher.append(watch)
    watch.expect("built")
    assert "Example footer one" in text_of(output)

    # Saved as many editors save: a new file renamed over the old one.
    write(themes / "base.yaml", {"extends": "default", "footer": "Example footer two"})
    watch.expect("built")
    assert "Example footer two" in text_of(output)
    assert watch.stop() == 0


def test_refuses_to_write_over_its_input(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    content = tmp_path / "sheet.yaml"
    write(content, example_sheet())
    before = content.read_bytes()
    result = run_cli("watch", content, "-o", content)
    assert result.code == 2 and "is also an input" in result.err
    assert content.read_bytes() == before
    assert run_cli("watch", content, "-o", "-").code == 2

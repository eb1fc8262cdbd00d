"""A one-line progress bar for batch builds, drawn on a terminal only."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from factsheet.batch.series import Outcome

_WIDTH = 28


class Progress:
    def __init__(self, total: int, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.done = 0
        self.failed = 0
        self.started = time.perf_counter()
        self.last_drawn = 0.0

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.failed += not outcome.ok
        now = time.perf_counter()
        # Redraw at most 20 times a second; a terminal is slower than the builds.
        if self.enabled and (now - self.last_drawn > 0.05 or self.done == self.total):
            self.last_drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        filled = int(_WIDTH * self.done / max(self.total, 1))
        rate = self.done / max(now - self.started, 1e-9)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self.stream.write(
            f"\r[{bar}] {self.done}/{self.total} sheets, {self.failed} failed, {rate:.1f}/s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()

"""Marked content while drawing: each tagged piece gets an MCID; decoration becomes Artifact.

The renderer calls begin/end around what it draws; the log it keeps (which MCIDs show which
content field, and where) is what the structure tree is then built from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


@dataclass
class MarkLog:
    """Marked content written so far: MCIDs per content field, with each one's role."""

    roles: list[str] = field(default_factory=list)
    """Role of each MCID, in order: MCID n has roles[n]."""
    keys: list[str] = field(default_factory=list)
    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


class Marker:
    """Writes BDC/EMC and BMC/EMC operators into a ReportLab canvas's page content."""

    def __init__(self) -> None:
        self.log = MarkLog()
        self.depth = 0
        self.boxes: list[tuple[str, tuple[float, float, float, float]]] = []
        """Where each tagged piece was drawn (left, bottom, right, top, in page space)."""

    def place(self, key: str, box: tuple[float, float, float, float]) -> None:
        self.boxes.append((key, box))

    def begin(self, canvas: Any, role: str, key: str) -> None:
        mcid = len(self.log.roles)
        self.log.roles.append(role)
        self.log.keys.append(key)
        self.log.by_key[key].append(mcid)
        # ReportLab has no marked-content API; its page content is this list of operator lines.
        canvas._code.append(f"/{role} <</MCID {mcid}>> BDC")
        self.depth += 1

    def artifact(self, canvas: Any) -> None:
        canvas._code.append("/Artifact BMC")
        self.depth += 1

    def end(self, canvas: Any) -> None:
        canvas._code.append("EMC")
        self.depth -= 1


class TableMarks:
    """ReportLab's table render callback: each cell is marked TH or TD, the rest Artifact."""

    def __init__(self, cell_keys: dict[int, str], header_cells: frozenset[int]) -> None:
        self.cell_keys = cell_keys
        """Content field of each cell, by the id of the cell's flowable (kept across splits)."""
        self.header_cells = header_cells
        self.marker: Marker | None = None
        """Set by the renderer when the PDF is tagged."""

    def __call__(self, table: Any, event: str, *args: Any) -> None:
        marker = self.marker
        if marker is None:
            return
        canvas = table.canv
        if event in ("startBG", "startLines"):
            marker.artifact(canvas)
        elif event == "startCell":
            # ReportLab hands over the cell's contents wrapped in a tuple.
            contents = args[2]
            cell = id(contents[0] if isinstance(contents, tuple | list) and contents else contents)
            marker.begin(canvas, "TH" if cell in self.header_cells else "TD", self.cell_keys[cell])
        elif event in ("endBG", "endLines", "endCell"):
            marker.end(canvas)

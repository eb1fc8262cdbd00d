"""What the editor may open and save: one content file, or the content files under one folder.

Every name a browser sends is checked against that list; nothing else on disk is reachable.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from msgspec import Struct

from factsheet.content.yamlsource import MAX_BYTES
from factsheet.errors import FactsheetError, Problem

# Folders that never hold a user's sheets and can be huge.
SKIP_FOLDERS = {".git", ".venv", "venv", "node_modules", "__pycache__", "output", "site-packages"}
MAX_FILES = 500
_CONTENT_MARK = re.compile(rb"^factsheet\s*:", re.MULTILINE)


class NotAllowed(Exception):
    """A name outside the workspace, or one that is not a content file in it."""


class Workspace(Struct, frozen=True):
    root: Path
    """The folder served (resolved); for one file, the folder it is in."""
    single: Path | None = None
    """The one file served, when a file was given rather than a folder."""

    @classmethod
    def open(cls, target: Path) -> Workspace:
        if target.is_file():
            resolved = target.resolve()
            return cls(resolved.parent, resolved)
        if target.is_dir():
            return cls(target.resolve())
        raise FactsheetError(
            Problem("no such file or folder", target, hint="give a content .yaml file or a folder")
        )

    def names(self) -> list[str]:
        """The content files on offer, as paths relative to the root with / separators."""
        if self.single is not None:
            return [self.single.name]
        found: list[str] = []
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = sorted(
                name for name in subfolders if name not in SKIP_FOLDERS and not name.startswith(".")
            )
            for name in sorted(files):
                path = Path(folder) / name
                if path.suffix.lower() in (".yaml", ".yml") and _is_content(path):
                    found.append(path.relative_to(self.root).as_posix())
                    if len(found) >= MAX_FILES:
                        return found
        return found

    def resolve(self, name: object) -> Path:
        """The file for a name from the browser, or NotAllowed; never a path outside the root."""
        if not isinstance(name, str) or not name or "\0" in name or "\\" in name:
            raise NotAllowed("not a file name")
        if name.startswith("/") or ".." in name.split("/"):
            raise NotAllowed("only files inside the folder being edited")
        if name not in self.names():
            raise NotAllowed("not one of the content files being edited")
        path = (self.root / name).resolve()
        # A link inside the folder may point outside it.
        if not path.is_relative_to(self.root) or not path.is_file():
            raise NotAllowed("only files inside the folder being edited")
        return path


def _is_content(path: Path) -> bool:
    """A content file says `factsheet: 1` at its top level; themes and data files do not."""
    try:
        if path.is_symlink() or path.stat().st_size > MAX_BYTES:
            return False
        return _CONTENT_MARK.search(path.read_bytes()) is not None
    except OSError:
        return False

"""Write files atomically: a reader sees the old file or the new one, never half of either.

The temporary file sits beside the target as `.NAME.PID.XXXX.tmp`: it is removed on any error
or interruption that Python can see, and one left by a killed process (its PID no longer
running) is removed by the next write to the same name.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from factsheet.errors import FactsheetError, Problem


def write_atomic(path: Path, data: bytes) -> None:
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise FactsheetError(Problem(f"cannot write: {blocking} is a file, not a folder", path))
    refuse_special(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise FactsheetError(Problem(f"cannot write: {error.strerror}", path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:  # also an interruption: never leave the temporary behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise FactsheetError(Problem(f"cannot write: {error.strerror}", path)) from None
        raise


def refuse_special(path: Path) -> None:
    """Only a regular file (or nothing) may be replaced: never a device, pipe or folder,
    even through a symbolic link."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        raise FactsheetError(Problem("is a folder; give a file name", path))
    if not stat.S_ISREG(mode):
        raise FactsheetError(
            Problem(
                "is a device, pipe or socket, not a file; refusing to replace it",
                path,
                hint="give the path of a regular file",
            )
        )


def remove_stale_temporaries(path: Path) -> None:
    """Remove temporaries of path whose writing process no longer runs."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid = entry.name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not _running(int(pid)) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True

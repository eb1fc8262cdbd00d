"""Write files atomically: a reader sees the old file or the new one, never half of either.

The temporary file sits beside the target as `.NAME.PID.XXXX.tmp`: it is removed on any error
or interruption that Python can see, and one left by a killed process (its PID no longer
running) is removed by the next write to the same name. A batch looks for those once for all
its names, not once per sheet: a folder of 20,000 sheets is listed once, not 20,000 times.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Collection
from pathlib import Path

from factsheet.errors import FactsheetError, Problem


def write_atomic(path: Path, data: bytes, *, swept: bool = False) -> None:
    """Replace path with data, atomically; swept: the caller has already removed the stale
    temporaries of this name (see remove_stale_temporaries)."""
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise FactsheetError(Problem(f"cannot write: {blocking} is a file, not a folder", path))
    refuse_special(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not swept:
            remove_stale_temporaries(path.parent, {path.name})
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


def remove_stale_temporaries(folder: Path, names: Collection[str]) -> None:
    """Remove the temporaries of the files names in folder whose writing process no longer
    runs, listing the folder once however many names there are."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            owner = _temporary_of(entry.name)
            if owner is None or owner[0] not in names or _running(owner[1]):
                continue
            if entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _temporary_of(name: str) -> tuple[str, int] | None:
    """(file name, writer's PID) of one of our `.NAME.PID.XXXX.tmp` temporaries, else None."""
    if not (name.startswith(".") and name.endswith(".tmp")):
        return None
    parts = name[1 : -len(".tmp")].rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True

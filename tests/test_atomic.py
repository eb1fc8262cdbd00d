"""The atomic write's promises, called directly: where the temporary goes, what it is named,
the mode of the result, and the located error for each way a path cannot be written."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.pdf import atomic
from factsheet.pdf.atomic import write_atomic


def test_missing_folders_are_made_and_the_file_is_world_readable(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "sheet.pdf"
    write_atomic(target, b"%PDF-example")
    assert target.read_bytes() == b"%PDF-example"
    # 0o644: the owner writes, everyone reads, whatever the umask made of the temporary.
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["sheet.pdf"]


def test_the_temporary_sits_beside_the_target_named_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    replace = os.replace

    def spy(source: str, target: Path) -> None:
        seen.append(source)
        replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", spy)
    write_atomic(tmp_path / "sheet.pdf", b"x")
    temporary = Path(seen[0])
    assert temporary.parent == tmp_path
    assert re.fullmatch(rf"\.sheet\.pdf\.{os.getpid()}\.[^/]+\.tmp", temporary.name)


def _refusal(path: Path) -> tuple[str, Path | None, str]:
    with pytest.raises(FactsheetError) as raised:
        write_atomic(path, b"x")
    problem = raised.value.problems[0]
    return problem.message, problem.file, problem.hint


def test_each_refusal_is_located(tmp_path: Path) -> None:
    blocking = tmp_path / "file"
    blocking.write_bytes(b"")
    under = blocking / "sheet.pdf"
    assert _refusal(under) == (f"cannot write: {blocking} is a file, not a folder", under, "")
    assert _refusal(tmp_path) == ("is a folder; give a file name", tmp_path, "")
    device = Path("/dev/null")
    assert _refusal(device) == (
        "is a device, pipe or socket, not a file; refusing to replace it",
        device,
        "give the path of a regular file",
    )
    cannot = Path("/proc/example-folder/sheet.pdf")  # /proc takes no new folders
    message, file, _ = _refusal(cannot)
    assert message.startswith("cannot write: ") and file == cannot


def test_temporaries_of_running_or_unknowable_writers_are_kept(tmp_path: Path) -> None:
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        alive = tmp_path / f".sheet.pdf.{sleeper.pid}.abc.tmp"
        huge = tmp_path / ".sheet.pdf.99999999999999999999.abc.tmp"  # no such pid can exist
        link = tmp_path / ".sheet.pdf.999999.abc.tmp"  # a link is never followed or removed
        alive.write_bytes(b"")
        huge.write_bytes(b"")
        link.symlink_to(alive)
        write_atomic(tmp_path / "sheet.pdf", b"x")
        assert alive.exists() and huge.exists() and link.is_symlink()
        assert sleeper.poll() is None  # asking whether it runs sent it no signal
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_failed_replace_names_the_file_and_the_reason_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def full_disk(source: str, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    target = tmp_path / "sheet.pdf"
    with pytest.raises(FactsheetError) as raised:
        write_atomic(target, b"x")
    [problem] = raised.value.problems
    assert (problem.message, problem.file) == ("cannot write: No space left on device", target)
    assert list(tmp_path.iterdir()) == []


def test_a_temporary_already_gone_when_cleaning_up_is_no_second_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def vanish_then_fail(source: str, target: Path) -> None:
        os.unlink(source)  # another cleaner got there first
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", vanish_then_fail)
    with pytest.raises(FactsheetError, match="cannot write: Input/output error"):
        write_atomic(tmp_path / "sheet.pdf", b"x")


@pytest.mark.parametrize(
    "name",
    [
        ".sheet.pdf.99999999.keep",  # a dead writer's number, but not a .tmp of ours
        ".sheet.pdf.notapid.x1y2.tmp",  # a .tmp, but no process number where ours has one
        "sheet.pdf.99999999.x1y2.tmp",  # not hidden: ours always start with a dot
    ],
)
def test_files_that_only_look_like_our_temporaries_are_left_alone(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / name).write_bytes(b"the user's")
    write_atomic(tmp_path / "sheet.pdf", b"x")
    assert (tmp_path / name).read_bytes() == b"the user's"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "sheet.pdf"])


def test_a_stale_temporary_that_cannot_be_removed_does_not_stop_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / ".sheet.pdf.99999999.x1y2.tmp"
    stale.write_bytes(b"half")

    def refuse(path: str) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "unlink", refuse)
    write_atomic(tmp_path / "sheet.pdf", b"x")
    assert (tmp_path / "sheet.pdf").read_bytes() == b"x"

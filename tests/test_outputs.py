"""Outputs never destroy a user's file: not an input, not a device, no temporary left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.pdf import atomic
from factsheet.pdf.atomic import write_atomic
from tests.conftest import COLORADO, ROOT, Run, example_sheet

TEMPLATES = Path(__file__).parent / "data" / "templates"
THEMES = Path(__file__).parent / "data" / "themes"


def test_build_refuses_to_write_over_its_content_file(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    content = write_sheet(example_sheet())
    before = content.read_bytes()
    result = run_cli("build", content, "-o", content)
    assert result.code == 2
    assert "is also an input" in result.err and "Traceback" not in result.err
    assert content.read_bytes() == before


def test_build_refuses_to_write_over_its_data_or_theme(
    tmp_path: Path, write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    data = tmp_path / "rows.csv"
    data.write_bytes((TEMPLATES / "rows.csv").read_bytes())
    result = run_cli("build", TEMPLATES / "example.yaml", "--data", data, "--row", "1", "-o", data)
    assert result.code == 2 and "is also an input" in result.err, result.err
    assert data.read_bytes() == (TEMPLATES / "rows.csv").read_bytes()
    theme = tmp_path / "brand.yaml"
    theme.write_bytes((THEMES / "brand.yaml").read_bytes())
    for asset in THEMES.glob("example-logo.*"):
        (tmp_path / asset.name).write_bytes(asset.read_bytes())
    content = write_sheet(example_sheet(theme=str(theme)))
    result = run_cli("build", content, "-o", theme)
    assert result.code == 2 and "is also an input" in result.err, result.err
    assert theme.read_bytes() == (THEMES / "brand.yaml").read_bytes()


def test_preview_refuses_to_replace_the_pdf_it_reads(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    pdf = tmp_path / "sheet.pdf"
    assert run_cli("build", COLORADO, "-o", pdf).code == 0
    before = pdf.read_bytes()
    result = run_cli("preview", pdf, "-o", pdf)
    assert result.code == 2 and "is also an input" in result.err
    assert pdf.read_bytes() == before


def test_devices_pipes_and_links_to_them_are_never_replaced(
    tmp_path: Path, write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    content = write_sheet(example_sheet())
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    targets = [fifo]
    # A private null device, never the system's /dev/null: if this guard were broken (as a
    # mutation test makes it), only this copy would be replaced.
    device = tmp_path / "null-device"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError:
        device = None  # not root: the FIFO and its link still test the guard
    link = tmp_path / "link.pdf"
    link.symlink_to(device or fifo)
    targets += [link] + ([device] if device else [])
    for target in targets:
        result = run_cli("build", content, "-o", target)
        assert result.code == 2, target
        assert "device, pipe or socket" in result.err
    assert fifo.is_fifo() and link.is_symlink()
    assert device is None or device.is_char_device()
    with pytest.raises(Exception, match="device, pipe or socket"):
        write_atomic(link, b"%PDF-")  # batch writes through the same guard


def test_dash_writes_the_pdf_to_standard_output(write_sheet: Callable[..., Path]) -> None:
    content = write_sheet(example_sheet())
    result = subprocess.run(
        [sys.executable, "-m", "factsheet", "build", str(content), "-o", "-"],
        capture_output=True,
        cwd=content.parent,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-") and b"wrote -" in result.stderr
    assert not (content.parent / "-").exists()


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_a_stale_temporary_of_a_dead_process_is_removed_by_the_next_write(
    tmp_path: Path,
) -> None:
    target = tmp_path / "sheet.pdf"
    dead = tmp_path / ".sheet.pdf.999999999.k3j2.tmp"  # no such process can run
    alive = tmp_path / f".sheet.pdf.{os.getpid()}.a1b2.tmp"  # a write still in progress
    other = tmp_path / ".other.pdf.999999999.k3j2.tmp"  # not this file's
    for path in (dead, alive, other):
        path.write_bytes(b"partial")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert not dead.exists() and alive.exists() and other.exists()


def test_a_batch_lists_its_folder_once_and_still_removes_stale_temporaries(
    tmp_path: Path, run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "series"
    folder.mkdir()
    stale = folder / ".nuevo-mexico-data.pdf.999999999.k3j2abcd.tmp"  # a killed run's
    alive = folder / f".example-island-data.pdf.{os.getpid()}.a1b2c3d4.tmp"  # still writing
    for path in (stale, alive):
        path.write_bytes(b"partial")
    listed: list[Path] = []
    scandir = os.scandir

    def counting(path: str | Path) -> object:
        listed.append(Path(path))
        return scandir(path)

    monkeypatch.setattr(atomic.os, "scandir", counting)
    result = run_cli("batch", TEMPLATES / "example.yaml", TEMPLATES / "rows.csv", "-o", folder)
    assert result.code == 0, result.err
    # Three sheets, one listing of their folder: a 20,000-row batch lists it once too.
    assert listed.count(folder) == 1
    assert not stale.exists() and alive.exists()
    assert len(list(folder.glob("*.pdf"))) == 3


def test_sigterm_during_a_write_ends_with_one_line_and_no_temporary(tmp_path: Path) -> None:
    # The signal arrives while the temporary file is being written.
    script = (
        "import os, signal, sys\n"
        "from factsheet.cli.main import main\n"
        "from factsheet.pdf import atomic\n"
        "atomic.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)\n"
        f"sys.exit(main(['build', {str(COLORADO)!r}, '-o', {str(tmp_path / 'out.pdf')!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 143, result.stderr
    assert result.stderr.strip() == "interrupted (SIGTERM); no partial file left"
    assert list(tmp_path.iterdir()) == []

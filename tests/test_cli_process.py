"""The program around the commands, in process: the exit code handed to the system, output
flushed before the quick exit, a signal ending a command like Ctrl-C, a reader that went away."""

from __future__ import annotations

import gc
import io
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA

import factsheet.cli.main as cli_main


class _Exited(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Recording(io.StringIO):
    """A standard stream that remembers whether it was flushed, or fails to flush."""

    def __init__(self, fails: bool = False) -> None:
        super().__init__()
        self.fails = fails
        self.flushed = False

    def flush(self) -> None:
        if self.fails:
            raise OSError("the terminal is gone")
        self.flushed = True


def _exit(code: int) -> None:
    raise _Exited(code)


@pytest.fixture
def collector() -> Any:
    """The garbage collector's settings, given back after the test changed them."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    if enabled:
        gc.enable()


def test_run_hands_the_exit_code_to_the_system_after_flushing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector: None
) -> None:
    out, err = _Recording(), _Recording()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(
        "sys.argv", ["factsheet", "build", str(DATA / "bad" / "missing-title.yaml")]
    )
    monkeypatch.setattr(cli_main.os, "_exit", _exit)  # the real one would end the test run
    with pytest.raises(_Exited) as exited:
        cli_main.run()
    assert exited.value.code == 2  # a content error is bad input
    assert err.getvalue().startswith("error: ") and err.flushed and out.flushed
    # A command that makes one sheet and ends runs without the cyclic collector (run's
    # docstring says why).
    assert not gc.isenabled()


def test_commands_that_keep_running_collect_less_often(
    monkeypatch: pytest.MonkeyPatch, collector: None
) -> None:
    monkeypatch.setattr("sys.argv", ["factsheet", "batch", "none.yaml", "none.csv"])
    monkeypatch.setattr(cli_main.os, "_exit", _exit)
    gc.set_threshold(700, 10, 10)  # Python's defaults
    with pytest.raises(_Exited) as exited:
        cli_main.run()
    assert exited.value.code == 2  # no such template
    # batch, watch and serve collect: a first collection after 10,000 new objects instead of
    # Python's 700; the older generations as by default.
    assert gc.isenabled() and gc.get_threshold() == (10_000, 10, 10)


def test_run_exits_even_when_a_stream_cannot_be_flushed(
    monkeypatch: pytest.MonkeyPatch, collector: None
) -> None:
    monkeypatch.setattr("sys.stdout", _Recording(fails=True))
    err = _Recording()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(
        "sys.argv", ["factsheet", "build", str(DATA / "bad" / "missing-title.yaml")]
    )
    monkeypatch.setattr(cli_main.os, "_exit", _exit)
    with pytest.raises(_Exited) as exited:
        cli_main.run()
    assert exited.value.code == 2 and err.flushed  # standard error is still flushed after it


def test_a_termination_signal_ends_a_command_like_ctrl_c(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def terminated(args: object) -> int:
        signal.raise_signal(signal.SIGTERM)  # as `kill` would, in the middle of the command
        return 0

    monkeypatch.setattr("factsheet.cli.schema.run", terminated)
    before = signal.getsignal(signal.SIGTERM)
    code = cli_main.main(["schema"])
    assert code == 128 + signal.SIGTERM  # the shell's convention: 128 + the signal's number
    assert capsys.readouterr().err == "interrupted (SIGTERM); no partial file left\n"
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is given back


def test_ctrl_c_is_reported_with_the_shells_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("factsheet.cli.schema.run", interrupted)
    assert cli_main.main(["schema"]) == 128 + signal.SIGINT
    assert capsys.readouterr().err == "interrupted (SIGINT); no partial file left\n"


class _ClosedPipe(io.StringIO):
    """Standard output whose reader went away (`factsheet check --json | head -1`); its
    descriptor is what `fileno` gives (or raises, for one that cannot be replaced)."""

    def __init__(self, fileno: Callable[[], int]) -> None:
        super().__init__()
        self._fileno = fileno

    def write(self, text: str) -> int:
        raise BrokenPipeError

    def fileno(self) -> int:
        return int(self._fileno())


def test_a_reader_that_went_away_ends_the_command_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "stdout"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT)
    try:
        monkeypatch.setattr("sys.stdout", _ClosedPipe(lambda: fd))
        code = cli_main.main(["schema"])
        # Whatever is still written at exit goes nowhere instead of raising again.
        os.write(fd, b"late output")
    finally:
        os.close(fd)
    assert code == 128 + signal.SIGPIPE  # as if the pipe's signal had ended the program
    assert target.read_bytes() == b""  # the descriptor now leads to /dev/null
    assert capsys.readouterr().err == ""  # no traceback, no message: nobody is reading


class _Closed(io.StringIO):
    """A standard stream already closed when the program ends (flush raises ValueError)."""

    def flush(self) -> None:
        raise ValueError("I/O operation on closed file")


def test_run_exits_when_a_stream_is_already_closed(
    monkeypatch: pytest.MonkeyPatch, collector: None
) -> None:
    monkeypatch.setattr("sys.stdout", _Closed())
    monkeypatch.setattr("sys.stderr", _Closed())
    monkeypatch.setattr(
        "sys.argv", ["factsheet", "build", str(DATA / "bad" / "missing-title.yaml")]
    )
    monkeypatch.setattr(cli_main.os, "_exit", _exit)
    with pytest.raises(_Exited) as exited:
        cli_main.run()
    assert exited.value.code == 2


def _closed_descriptor() -> int:
    raise ValueError("I/O operation on closed file")


@pytest.mark.parametrize(
    "fileno",
    [lambda: 1_000_000, _closed_descriptor],  # not an open descriptor (OSError); closed
    ids=["bad-descriptor", "closed"],
)
def test_a_reader_gone_with_an_unusable_descriptor_still_ends_quietly(
    fileno: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdout", _ClosedPipe(fileno))
    assert cli_main.main(["schema"]) == 128 + signal.SIGPIPE
    assert capsys.readouterr().err == ""

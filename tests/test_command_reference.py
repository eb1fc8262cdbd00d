"""docs/command-line.md is what the commands print: every option, help line, default and
exit-code note a user reads in `--help` is reviewed there, and a change to one is seen."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType

import pytest
from conftest import ROOT

from factsheet.cli.main import COMMANDS


def _generator() -> ModuleType:
    path = ROOT / "docs" / "make_command_reference.py"
    spec = importlib.util.spec_from_file_location("make_command_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped(generator: ModuleType) -> str:
    shipped = str(generator.REFERENCE.read_text(encoding="utf-8"))
    made_with = re.search(r"with Python (\d+)\.(\d+);", shipped)
    assert made_with is not None, "the page names the Python version it was generated with"
    if tuple(map(int, made_with.groups())) != sys.version_info[:2]:
        pytest.skip("argparse lays help out differently on this Python version")
    return shipped


def test_the_shipped_command_reference_is_current() -> None:
    generator = _generator()
    shipped = _shipped(generator)
    assert generator.reference() == shipped, "run: python docs/make_command_reference.py"


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_each_commands_help_is_as_shipped(command: str) -> None:
    # One command at a time: a failure names the command whose help changed.
    generator = _generator()
    printed = generator.command_help(*([command] if command else []))
    assert f"```text\n{printed}```" in _shipped(generator), command or "factsheet"

"""The code's shape is a promise: stages import one way, modules stay small, tests see the tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import factsheet

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "factsheet"


def test_tests_import_the_working_tree() -> None:
    # An installed copy would hide every change made since it was installed.
    assert Path(factsheet.__file__).resolve().parent == PACKAGE


def test_import_contracts_hold() -> None:
    # The contracts live in pyproject.toml ([tool.importlinter]).
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


def test_every_stage_is_a_package() -> None:
    stages = {"content", "theme", "layout", "pdf", "verify", "batch", "cli"}
    assert stages <= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert (PACKAGE / "pdf" / "tags" / "__init__.py").is_file()
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    # Only the package root (the public API), its version, the entry point, the shared error
    # family and the wiring stay loose.
    assert loose <= {"__init__", "__main__", "version", "errors", "pipeline"}


def test_no_module_is_over_300_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert long == {}

"""Schemas for editors, and a start that does not load the PDF machinery it does not need."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Run
from jsonschema import Draft202012Validator


@pytest.mark.parametrize("kind", ["content", "theme"])
def test_published_schemas_are_current_and_named_stably(
    kind: str, run_cli: Callable[..., Run]
) -> None:
    printed = run_cli("schema", kind).out
    schema = json.loads(printed)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"urn:factsheet:schema:{kind}:1"
    assert (ROOT / "docs" / f"{kind}-schema.json").read_text(encoding="utf-8") == printed


def test_theme_schema_accepts_the_built_in_theme(run_cli: Callable[..., Run]) -> None:
    schema = json.loads(run_cli("schema", "theme").out)
    default = yaml.safe_load(
        (ROOT / "factsheet" / "theme" / "builtin" / "default.yaml").read_text("utf-8")
    )
    assert list(Draft202012Validator(schema).iter_errors(default)) == []


def test_schema_output_file(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    target = tmp_path / "schema" / "theme.json"
    result = run_cli("schema", "theme", "-o", target)
    assert result.code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "factsheet theme"


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["schema"],
        ["schema", "theme"],
        ["build", "--help"],
        ["init", "--help"],
        ["completion", "bash"],
    ],
)
def test_quick_commands_do_not_load_reportlab_or_pdf_readers(argv: list[str]) -> None:
    probe = (
        "import sys\nfrom factsheet.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('reportlab', 'pypdf', 'pikepdf', 'pypdfium2', 'jinja2', 'PIL')"
        " if m in sys.modules]\nprint('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv], capture_output=True, text=True, cwd=ROOT
    )
    assert "HEAVY []" in done.stderr, done.stderr

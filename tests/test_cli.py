"""The command line: help, version, schema, default output path and the build summary."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import COLORADO, ROOT, Run, example_sheet
from jsonschema import Draft202012Validator

from factsheet import __version__
from factsheet.cli.main import COMMANDS, main, parser


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"factsheet {__version__}"


@pytest.mark.parametrize("command", [[], ["build"], ["verify"], ["schema"]])
def test_help_everywhere(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: factsheet" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["bild"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def _option_strings(command_parser: argparse.ArgumentParser) -> set[str]:
    return {s for action in command_parser._actions for s in action.option_strings}


def test_a_run_builds_the_options_of_its_own_command_only() -> None:
    full = parser()
    subcommands = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    names = list(subcommands.choices)
    # Every command of the program, in its order.
    assert names == list(COMMANDS)
    for name in names:
        only = parser(name)
        chosen = next(a for a in only._actions if isinstance(a, argparse._SubParsersAction))
        # Still every command by name (for "invalid choice" and help), in the same order...
        assert list(chosen.choices) == names
        for other, command_parser in chosen.choices.items():
            built = _option_strings(command_parser)
            if other == name:
                # ...the one run exactly as in the full parser...
                assert built == _option_strings(subcommands.choices[other])
            else:
                # ...and the others named only: argparse's own --help and nothing else.
                assert built == {"-h", "--help"}


@pytest.mark.parametrize("command", [["build", "--help"], ["--help"]])
def test_help_shows_what_its_command_takes(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(command)
    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    if command[0] == "build":
        assert "--output" in shown and "--page-size" in shown  # the options of build itself
    else:
        # Each command starts a line indented by four spaces; wrapped help is indented more.
        listed = re.findall(r"^    (\w+)", shown, flags=re.MULTILINE)
        assert listed == list(COMMANDS)


def test_schema_is_valid_json_schema_and_accepts_the_example(run_cli: Callable[..., Run]) -> None:
    import yaml

    result = run_cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    Draft202012Validator.check_schema(schema)
    example = yaml.safe_load(COLORADO.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(example)) == []


def test_shipped_schema_copy_is_current(run_cli: Callable[..., Run]) -> None:
    shipped = (ROOT / "docs" / "content-schema.json").read_text(encoding="utf-8")
    assert shipped == run_cli("schema").out


def test_build_defaults_to_output_dir(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Callable[..., Run],
    write_sheet: Callable[..., Path],
) -> None:
    content = write_sheet(example_sheet(), name="example-state.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_cli("build", content)
    assert result.code == 0, result.err
    output = tmp_path / "output" / "example-state.pdf"
    assert output.read_bytes().startswith(b"%PDF-")
    assert result.out.startswith(f"wrote {Path('output') / 'example-state.pdf'}: 1 page, ")
    assert "9/9 figures verified" in result.out


def test_output_that_is_a_directory(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("build", COLORADO, "-o", tmp_path)
    assert result.code == 2
    assert "is a directory" in result.err


def test_console_script_and_module_entry_points(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    script = Path(sys.executable).parent / "factsheet"
    commands = [[sys.executable, "-m", "factsheet"]]
    if script.exists():
        commands.append([str(script)])
    outputs = []
    for index, command in enumerate(commands):
        output = tmp_path / f"{index}.pdf"
        done = subprocess.run(
            [*command, "build", str(COLORADO), "-o", str(output)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(output.read_bytes())
    assert all(o == outputs[0] for o in outputs)


_GC_PROBE = """
import gc, sys
from factsheet.cli import main as cli
def probe(argv=None):
    print(gc.isenabled(), gc.get_threshold()[0])
    return 0
cli.main = probe
sys.argv = ["factsheet", *sys.argv[1:]]
cli.run()
"""


@pytest.mark.parametrize(
    ("command", "collected"),
    [
        (["build", "sheet.yaml"], False),
        (["check", "sheet.pdf"], False),
        (["verify", "sheet.yaml", "sheet.pdf"], False),
        (["preview", "sheet.yaml"], False),
        (["batch", "t.yaml", "rows.csv"], True),
        (["watch", "sheet.yaml"], True),
        (["serve", "sheet.yaml"], True),
    ],
)
def test_garbage_is_collected_only_by_commands_that_keep_running(
    command: list[str], collected: bool
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _GC_PROBE, *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    enabled, threshold = done.stdout.split()
    # One-shot commands end within a second: no collector; the others collect, less often
    # than Python's default of every 700 allocations (10,000).
    assert enabled == str(collected)
    if collected:
        assert threshold == "10000"

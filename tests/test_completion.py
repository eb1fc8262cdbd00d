"""Shell completion: made from the commands' own options, so it never falls behind them."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from factsheet.cli.main import COMMANDS


def complete_in_bash(script: Path, *words: str) -> list[str]:
    line = " ".join(f"'{w}'" for w in words)
    probe = (
        f"source {script}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; "
        f'cd {script.parent}; _factsheet; printf "%s\\n" "${{COMPREPLY[@]}}"'
    )
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_options_and_choices(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    script = tmp_path / "factsheet.bash"
    result = run_cli("completion", "bash")
    assert result.code == 0
    script.write_text(result.out, encoding="utf-8")
    assert complete_in_bash(script, "factsheet", "") == list(COMMANDS)
    assert complete_in_bash(script, "factsheet", "bu") == ["build"]
    assert complete_in_bash(script, "factsheet", "build", "--page-size", "") == ["a4", "letter"]
    assert "--show-overflow" in complete_in_bash(script, "factsheet", "build", "--sh")
    (tmp_path / "sheet.yaml").write_text("", encoding="utf-8")
    assert complete_in_bash(script, "factsheet", "build", "sh") == ["sheet.yaml"]
    assert complete_in_bash(script, "factsheet", "schema", "") == ["content", "theme"]
    assert "--sheet" in complete_in_bash(script, "factsheet", "batch", "--")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command(
    shell: str, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    result = run_cli("completion", shell)
    assert result.code == 0
    for command in COMMANDS:
        assert command in result.out
    if shutil.which(shell):
        script = tmp_path / f"factsheet.{shell}"
        script.write_text(result.out, encoding="utf-8")
        subprocess.run([shell, "-n", str(script)], check=True)

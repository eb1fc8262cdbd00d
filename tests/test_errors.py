"""Bad input: exit 2, one clear line naming file, line and field; no traceback, no output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import COLORADO, DATA, Run, example_sheet

BAD = sorted((DATA / "bad").glob("*.yaml"))
THEMES = DATA / "themes"


def expected_message(fixture: Path) -> str:
    first = fixture.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), fixture
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_bad_content_fails_clearly(
    fixture: Path, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    content = tmp_path / fixture.name
    shutil.copy(fixture, content)
    output = tmp_path / "out.pdf"
    result = run_cli("build", content, "-o", output)
    assert result.code == 2, result.err
    assert expected_message(fixture) in result.err
    assert result.err.startswith(f"error: {content}")
    assert "Traceback" not in result.err
    assert not output.exists()


def test_bad_input_leaves_existing_output_untouched(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    output = tmp_path / "out.pdf"
    output.write_bytes(b"previous sheet")
    result = run_cli("build", DATA / "bad" / "unbalanced-bold.yaml", "-o", output)
    assert result.code == 2
    assert output.read_bytes() == b"previous sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "file is empty"),
        (b"   \n# only a comment\n", "file is empty"),
        (b"factsheet: 1\ntitle: Caf\xe9\n", ":2: not valid UTF-8 (byte 0xe9"),
    ],
    ids=["empty", "comment-only", "latin-1"],
)
def test_unreadable_files(
    raw: bytes, message: str, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    content = tmp_path / "sheet.yaml"
    content.write_bytes(raw)
    result = run_cli("build", content, "-o", tmp_path / "out.pdf")
    assert result.code == 2
    assert message in result.err


def test_missing_content_file(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("build", tmp_path / "nowhere.yaml")
    assert result.code == 2
    assert result.err == f"error: {tmp_path / 'nowhere.yaml'}: file not found\n"


def test_several_problems_are_reported_together(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    sheet = example_sheet(subtitel="typo", highlights=[{"value": "1", "label": "a"}] * 5)
    result = run_cli("build", write_sheet(sheet), "-o", tmp_path / "out.pdf")
    assert result.code == 2
    assert "unknown field 'subtitel'" in result.err
    assert "at most 4 highlights allowed, got 5" in result.err


@pytest.mark.parametrize(
    ("theme", "message"),
    [
        ("missing-font.yaml", "fonts.bold: font file not found: fonts/NoSuchFont-Bold.ttf"),
        ("missing-logo.yaml", "logo.file: logo file not found: no-such-logo.png"),
        ("loop-a.yaml", "themes extend each other in a loop"),
        ("bad-color.yaml", "colors.primary"),
        ("not-a-font.yaml", "cannot use not-a-font.ttf as a font"),
        ("incomplete.yaml", "theme is incomplete: missing colors.accent"),
    ],
)
def test_bad_themes(
    theme: str,
    message: str,
    write_sheet: Callable[..., Path],
    run_cli: Callable[..., Run],
    tmp_path: Path,
) -> None:
    content = write_sheet(example_sheet(theme=str(THEMES / theme)))
    result = run_cli("build", content, "-o", tmp_path / "out.pdf")
    assert result.code == 2, result.err
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out.pdf").exists()


def test_overflow_names_what_did_not_fit(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    words = "Example State residents made fictional calls about many topics " * 12
    sections = [
        {"heading": f"Example section {n}", "body": [f"{words} In 2031 there were {n},000."] * 3}
        for n in range(1, 9)
    ]
    output = tmp_path / "out.pdf"
    output.write_bytes(b"previous sheet")
    result = run_cli("build", write_sheet(example_sheet(sections=sections)), "-o", output)
    assert result.code == 2
    assert "content does not fit on one page" in result.err
    assert "at the smallest type size (8 pt)" in result.err
    assert "sections[7] ('Example section 8')" in result.err
    assert output.read_bytes() == b"previous sheet"


def test_bad_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli("build", COLORADO, "-o", tmp_path / "out.pdf")
    assert result.code == 2
    assert "SOURCE_DATE_EPOCH must be a whole number" in result.err


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("factsheet: 1\ntitle: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "factsheet", "build", str(bad), "-o", str(tmp_path / "o.pdf")],
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {bad}:")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_output_under_a_file_is_refused(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = run_cli("build", COLORADO, "-o", blocker / "sheet.pdf")
    assert result.code == 2
    assert f"cannot write: {blocker} is a file, not a folder" in result.err
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"

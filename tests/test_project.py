"""Conventions: a project file for defaults (flags win), outputs beside inputs, stdin and stdout."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Run, example_sheet, page_text
from pypdf import PdfReader


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "brand.yaml").write_text("extends: default\npage:\n  size: a4\n", "utf-8")
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "one.yaml").write_text(
        yaml.safe_dump(example_sheet(), sort_keys=False), "utf-8"
    )
    monkeypatch.chdir(tmp_path / "sheets")
    return tmp_path


def width_of(pdf: Path) -> int:
    return round(float(PdfReader(pdf).pages[0].mediabox.width))


def test_project_file_sets_output_theme_and_print_options(
    project: Path, run_cli: Callable[..., Run]
) -> None:
    (project / "factsheet.toml").write_text(
        'output = "pdf"\ntheme = "brand.yaml"\ncrop-marks = true\nbleed = "3mm"\n', "utf-8"
    )
    result = run_cli("build", "one.yaml")
    assert result.code == 0, result.err
    pdf = project / "pdf" / "one.pdf"  # relative to the project file, not the current folder
    reader = PdfReader(pdf)
    trim = reader.pages[0].trimbox
    assert round(float(trim.width)) == 595  # the project's theme: A4
    assert float(reader.pages[0].mediabox.width) > float(trim.width)  # bleed and marks


def test_flags_win_over_the_project_file(project: Path, run_cli: Callable[..., Run]) -> None:
    (project / "factsheet.toml").write_text(
        'output = "pdf"\npage-size = "a4"\ncrop-marks = true\n', "utf-8"
    )
    out = project / "here.pdf"
    result = run_cli("build", "one.yaml", "-o", out, "--page-size", "letter", "--no-crop-marks")
    assert result.code == 0, result.err
    page = PdfReader(out).pages[0]
    assert round(float(page.mediabox.width)) == 612
    assert "/TrimBox" not in page


def test_tool_table_in_pyproject(project: Path, run_cli: Callable[..., Run]) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.factsheet]\noutput = "site/pdf"\n', "utf-8"
    )
    assert run_cli("build", "one.yaml").code == 0
    assert (project / "site" / "pdf" / "one.pdf").is_file()


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            'outptu = "pdf"\n',
            "factsheet.toml:1: unknown setting 'outptu'",
            "did you mean 'output'?",
        ),
        ("cmyk = yes\n", "factsheet.toml:1:8: not valid TOML", "key = value"),
        ('cmyk = "true"\n', "factsheet.toml:1: cmyk: 'cmyk' must be true or false", ""),
        ('page-size = "a3"\n', "page-size 'a3' is not one of: a4, letter", ""),
        ('bleed = "lots"\n', "factsheet.toml:1: bleed: 'lots' is not a length", "3mm"),
    ],
)
def test_a_bad_project_file_is_located(
    text: str, message: str, hint: str, project: Path, run_cli: Callable[..., Run]
) -> None:
    (project / "factsheet.toml").write_text(text, "utf-8")
    result = run_cli("build", "one.yaml")
    assert result.code == 2
    assert message in result.err
    assert hint in result.err
    assert not (project / "output").exists() and not (project / "sheets" / "output").exists()


def test_preview_of_a_pdf_goes_beside_it(project: Path, run_cli: Callable[..., Run]) -> None:
    nested = project / "sheets" / "output" / "counties" / "one.pdf"
    assert run_cli("build", "one.yaml", "-o", nested).code == 0
    result = run_cli("preview", nested)
    assert result.code == 0, result.err
    assert (nested.parent / "one.png").is_file()


def test_content_from_stdin_and_pdf_to_stdout(project: Path) -> None:
    content = (project / "sheets" / "one.yaml").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "factsheet", "build", "-", "-o", "-"],
        input=content,
        capture_output=True,
        cwd=project / "sheets",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-")
    assert "Example Outreach Network" in page_text(done.stdout)
    assert b"wrote -" in done.stderr
    picture = subprocess.run(
        [sys.executable, "-m", "factsheet", "preview", "-", "-o", "-", "--width", "300"],
        input=done.stdout,
        capture_output=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert picture.returncode == 0, picture.stderr
    assert picture.stdout.startswith(b"\x89PNG")


def test_stdin_needs_an_output(project: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("build", "-")
    assert result.code == 2
    assert "content from standard input needs -o" in result.err

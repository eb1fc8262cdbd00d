"""The public API: what `import factsheet` offers, that it is cheap, and that nothing unverified
leaves build_sheet (so neither the CLI nor a batch can write it)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import COLORADO, ROOT, Run, example_sheet

import factsheet
from factsheet import pipeline
from factsheet.content.loader import load_content
from factsheet.verify.report import Report, verify_pdf

HEAVY = ("reportlab", "pypdf", "pikepdf", "pypdfium2", "jinja2", "jsonschema", "yaml")


def test_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use from Python") :]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None
    (tmp_path / "content").symlink_to(ROOT / "content")
    (tmp_path / "output").mkdir()
    monkeypatch.chdir(tmp_path)
    exec(compile(code.group(1), "README.md", "exec"), {})
    pdf = (tmp_path / "output" / "colorado.pdf").read_bytes()
    # 41: the figures of the seed, the number `factsheet build` reports for this sheet.
    report = verify_pdf(pdf, load_content(COLORADO))
    assert (report.ok, report.pages, report.figures_found) == (True, 1, 41)


def test_public_names_are_the_stage_functions() -> None:
    from factsheet import errors
    from factsheet.content import loader
    from factsheet.theme import loader as theme_loader
    from factsheet.verify import report

    assert factsheet.build_sheet is pipeline.build_sheet
    assert factsheet.load_content is loader.load_content
    assert factsheet.load_theme is theme_loader.load_theme
    assert factsheet.verify_pdf is report.verify_pdf
    for name in ("FactsheetError", "ContentError", "ThemeError", "LayoutOverflowError"):
        assert getattr(factsheet, name) is getattr(errors, name)
    assert issubclass(factsheet.VerificationError, factsheet.FactsheetError)
    assert set(factsheet.__all__) <= set(dir(factsheet))
    with pytest.raises(AttributeError, match="no attribute 'render'"):
        _ = factsheet.render  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "code",
    [
        "import factsheet",
        "from factsheet.cli.main import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n"
        "    pass",
    ],
    ids=["import", "version"],
)
def test_import_and_version_stay_cheap(code: str) -> None:
    probe = f"{code}\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}}))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = result.stdout.strip().splitlines()[-1]
    assert [name for name in HEAVY if f"'{name}'" in loaded] == []


def test_load_theme_takes_the_sheets_reference() -> None:
    theme = factsheet.load_theme(factsheet.load_content(COLORADO).theme)
    assert theme.page_size == (612.0, 792.0)  # US Letter in points: 8.5 x 11 in at 72 pt/in


@pytest.fixture
def verify_against_more(monkeypatch: pytest.MonkeyPatch, write_sheet: Callable[..., Path]) -> None:
    """The read-back is real, but checks the PDF against a sheet with one figure more
    (4,321, which no fixture prints): what a layout that lost a figure would produce."""
    more = load_content(
        write_sheet(example_sheet(intro=["An extra 4,321 fictional calls."]), "more.yaml")
    )

    def verify(pdf: bytes, sheet: Any) -> Report:
        return verify_pdf(pdf, more)

    monkeypatch.setattr(pipeline, "verify_pdf", verify)


@pytest.mark.usefixtures("verify_against_more")
def test_build_sheet_raises_instead_of_returning_an_unverified_sheet(
    write_sheet: Callable[..., Path],
) -> None:
    with pytest.raises(factsheet.VerificationError) as raised:
        factsheet.build_sheet(write_sheet(example_sheet()))
    assert raised.value.exit_code == 1
    # The figure is missing, and so is the sentence that holds it: two problems, one field.
    located = {(p.field, p.message) for p in raised.value.problems}
    assert ("intro[0]", "figure '4,321' not found on the page") in located
    assert ("intro[0]", "text not found on the page: 'An extra 4,321 fictional calls.'") in located
    problem = next(p for p in raised.value.problems if p.message.startswith("figure '4,321'"))
    assert (problem.severity, problem.field) == ("error", "intro[0]")
    assert problem.file is not None and problem.file.name == "more.yaml"
    # yaml.safe_dump writes factsheet, title, subtitle, highlights (2 x 2 lines), then intro:
    # the intro's first item is on line 10.
    assert problem.line == 10
    assert "figures: " in raised.value.summary and "verification FAILED" in raised.value.summary


@pytest.mark.usefixtures("verify_against_more")
def test_cli_writes_nothing_unverified(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    content = write_sheet(example_sheet())
    output = tmp_path / "sheet.pdf"
    output.write_bytes(b"the previous sheet")
    built = run_cli("build", content, "-o", output)
    assert built.code == 1
    assert "figure '4,321' not found on the page" in built.err
    assert f"error: {output} was not written" in built.err
    assert output.read_bytes() == b"the previous sheet"
    preview = run_cli("preview", content, "-o", tmp_path / "sheet.png")
    assert preview.code == 1
    assert "verification FAILED" in preview.err
    assert not (tmp_path / "sheet.png").exists()


@pytest.mark.usefixtures("verify_against_more")
def test_a_batch_row_that_fails_verification_is_not_written(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    template = ROOT / "tests" / "data" / "templates" / "example.yaml"
    rows = ROOT / "tests" / "data" / "templates" / "rows.csv"
    result = run_cli("batch", template, rows, "-o", tmp_path, "--jobs", "1")
    assert result.code == 1
    assert result.out.startswith("built 0 of 3 sheets")
    assert result.err.count("figure '4,321' not found on the page") == 3
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_verified_build_has_no_problems_and_carries_warnings_as_problems(
    write_sheet: Callable[..., Path],
) -> None:
    built = factsheet.build_sheet(write_sheet(example_sheet()))
    assert built.report.ok and built.report.problems == []
    # A small sheet may leave the page part empty: worth a warning, never an error.
    assert all(w.severity == "warning" for w in built.warnings)


def test_theme_defaults_resolved_once_into_the_sheet(write_sheet: Callable[..., Path]) -> None:
    theme = write_sheet(
        "extends: default\norganization: Example Theme Org\nqr: https://example.org/theme\n",
        "org-theme.yaml",
    )
    from_theme = factsheet.build_sheet(write_sheet(example_sheet(theme=str(theme))))
    assert from_theme.sheet.organization == "Example Theme Org"
    assert from_theme.sheet.qr == "https://example.org/theme"
    own = example_sheet(
        theme=str(theme), organization="Example Own Org", qr="https://example.org/own"
    )
    from_content = factsheet.build_sheet(write_sheet(own, "own.yaml"))
    assert from_content.sheet.organization == "Example Own Org"
    assert from_content.sheet.qr == "https://example.org/own"


def test_a_file_may_be_named_by_a_string(tmp_path: Path) -> None:
    # Python callers often hold a file name as text; both entry points take it as a path.
    sheet = factsheet.load_content(str(COLORADO))
    assert sheet.subtitle is not None and sheet.subtitle.plain == "Colorado Data"
    built = factsheet.build_sheet(str(COLORADO), created=datetime(2024, 1, 1, tzinfo=UTC))
    assert built.report.figures_found == built.report.figures_expected == 41

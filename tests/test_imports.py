"""A command loads only what it needs: start-up time is most of a single build's time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import COLORADO, ROOT

# Runs the command in a fresh interpreter and prints every module it ended up importing.
_PROBE = """
import json, sys
from factsheet.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

# Only to explain an invalid file, only for templates, only for check, only when used.
NOT_FOR_A_PLAIN_BUILD = (
    "jsonschema",
    "referencing",
    "jinja2",
    "pypdf",
    "multiprocessing",
    "xml.sax",
    "urllib.request",
    "email",
    "ssl",
    "svglib",
    "reportlab.graphics.barcode",
    "reportlab.graphics.renderPDF",
    "factsheet.batch.series",
    "factsheet.verify.preflight",
    "pikepdf",  # only to add ActualText for shaped scripts
    "babel",  # only for templates and languages other than English
    "difflib",  # only to suggest a name for a misspelt one
    "factsheet.geo",  # map geometry, only for a sheet with a map
    "factsheet.content.maps",
    "gzip",
    "factsheet.cli.watch",  # the other commands are named, not loaded
    "factsheet.cli.serve",
    "factsheet.cli.init",
    # Its object layer and generated bindings: verify declares the PDFium functions it calls
    # and loads the library pypdfium2 ships.
    "pypdfium2",
    "pypdfium2_raw",
    # Records are msgspec structs: a dataclass compiles its generated methods with exec at
    # every start, about 1.3 ms per class (51 classes were 66 ms of a 550 ms build).
    "dataclasses",
)


def _imported(*args: str | Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(modules)


def _loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


def test_a_plain_build_imports_only_what_it_uses(tmp_path: Path) -> None:
    modules = _imported("build", COLORADO, "-o", tmp_path / "sheet.pdf", "--no-tags")
    assert (tmp_path / "sheet.pdf").exists()
    assert [p for p in NOT_FOR_A_PLAIN_BUILD if _loaded(modules, p)] == []
    assert _loaded(modules, "factsheet.verify.pdfium_functions")  # the read-back (PDFium)


def test_a_tagged_build_imports_only_what_it_uses(tmp_path: Path) -> None:
    # The tags are written as ReportLab writes the file: no second pass, no pikepdf.
    modules = _imported("build", COLORADO, "-o", tmp_path / "sheet.pdf")
    assert (tmp_path / "sheet.pdf").exists()
    assert [p for p in NOT_FOR_A_PLAIN_BUILD if _loaded(modules, p)] == []


def test_version_imports_no_pdf_or_content_library() -> None:
    modules = _imported("--version")
    heavy = ("reportlab", "yaml", "pypdfium2", "pikepdf", "pypdf", "jsonschema", "jinja2", "PIL")
    assert [p for p in heavy if _loaded(modules, p)] == []


def test_an_invalid_file_still_gets_jsonschema_s_explanation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("factsheet: 1\ntitle: Example\nsections: []\ncolour: red\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "factsheet", "build", str(bad), "-o", str(tmp_path / "x.pdf")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "unknown field 'colour'" in done.stderr
    assert "needs at least 1 item(s), got 0" in done.stderr

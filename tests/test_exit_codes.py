"""Exit codes are a promise to scripts: 0 done, 1 a check failed (nothing unverified written),
2 bad input. One table, every command, each code it can give."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import COLORADO, DATA, Run, example_sheet
from reportlab.pdfgen.canvas import Canvas

from factsheet.cli.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNVERIFIED

TEMPLATE = DATA / "templates" / "example.yaml"
ROWS = DATA / "templates" / "rows.csv"


@pytest.fixture(scope="module")
def colorado_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from datetime import UTC, datetime

    from factsheet.pipeline import build_sheet

    pdf = tmp_path_factory.mktemp("built") / "colorado.pdf"
    pdf.write_bytes(build_sheet(COLORADO, created=datetime(2031, 1, 1, tzinfo=UTC)).pdf)
    return pdf


def two_page_pdf(path: Path) -> Path:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792))
    canvas.showPage()
    canvas.showPage()
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path


def test_the_codes_are_0_1_2() -> None:
    # The values scripts rely on, as `factsheet --help` states them.
    assert (EXIT_OK, EXIT_UNVERIFIED, EXIT_BAD_INPUT) == (0, 1, 2)


def test_build(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    good = run_cli("build", write_sheet(example_sheet()), "-o", tmp_path / "ok.pdf")
    assert good.code == 0
    assert "error" not in good.err  # warnings (e.g. a half-empty page) do not change the code
    assert good.out.startswith(f"wrote {tmp_path / 'ok.pdf'}: 1 page, 9/9 figures verified")
    bad = run_cli("build", DATA / "bad" / "missing-title.yaml", "-o", tmp_path / "bad.pdf")
    assert bad.code == 2 and bad.err.startswith("error: ")
    assert not (tmp_path / "bad.pdf").exists()
    no_data = run_cli("build", write_sheet(example_sheet()), "--row", "1")
    assert (no_data.code, no_data.err.strip()) == (2, "error: --row needs --data")


def test_verify(
    colorado_pdf: Path,
    tmp_path: Path,
    run_cli: Callable[..., Run],
    write_sheet: Callable[..., Path],
) -> None:
    assert run_cli("verify", COLORADO, colorado_pdf).code == 0
    other = run_cli("verify", write_sheet(example_sheet()), colorado_pdf)
    assert other.code == 1 and other.out == ""
    assert other.err.splitlines()[-1] == "verification FAILED"
    assert run_cli("verify", COLORADO, tmp_path / "none.pdf").code == 2


def test_check(colorado_pdf: Path, tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    passed = run_cli("check", colorado_pdf)
    assert passed.code == 0 and passed.out.splitlines()[-1] == "ready to send"
    failed = run_cli("check", two_page_pdf(tmp_path / "two.pdf"))
    assert failed.code == 1 and "FAIL  pages: 2 pages" in failed.out
    assert run_cli("check", tmp_path / "none.pdf").code == 2


def test_preview(colorado_pdf: Path, tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    png = tmp_path / "colorado.png"
    made = run_cli("preview", colorado_pdf, "-o", png, "--width", "100")
    assert made.code == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    too_small = run_cli("preview", colorado_pdf, "-o", tmp_path / "x.png", "--width", "15")
    assert too_small.code == 2  # 16 pixels is the smallest width offered
    assert run_cli("preview", colorado_pdf, "-o", tmp_path / "x.png", "--width", "16").code == 0
    assert run_cli("preview", colorado_pdf, "-o", tmp_path / "y.png", "--dpi", "0").code == 2


def test_batch(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    everything = run_cli("batch", TEMPLATE, ROWS, "-o", tmp_path / "all", "--jobs", "1")
    assert everything.code == 0
    assert everything.out.startswith("built 3 of 3 sheets")
    # rows.yaml's row 2 has no 'text' value: it fails alone, exit 1, the other row written.
    some = run_cli("batch", TEMPLATE, DATA / "templates" / "rows.yaml", "-o", tmp_path / "some")
    assert some.code == 1
    assert some.out.startswith("built 1 of 2 sheets")
    assert "FAILED row 2" in some.err
    assert run_cli("batch", TEMPLATE, ROWS, "--jobs", "0").code == 2


def test_schema_and_usage(run_cli: Callable[..., Run]) -> None:
    assert run_cli("schema").code == 0
    with pytest.raises(SystemExit) as usage:
        run_cli("no-such-command")
    assert usage.value.code == 2

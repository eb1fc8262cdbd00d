"""Each command's less travelled paths, run in process: what it prints, where, the exit code,
and which files it writes or leaves alone (overflow, standard input and output, default
output folders, a row of a template, the project file's theme, the batch summary)."""

from __future__ import annotations

import io
import json
import logging
import re
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import DATA, Run, example_sheet, page_text
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from factsheet.cli.main import main

TEMPLATE = DATA / "templates" / "example.yaml"
ROWS = DATA / "templates" / "rows.csv"  # row 1 "Example State, North", row 2 "Nuevo México"
NO_FIT_HINT = "  hint: add --show-overflow to see the page and what did not fit"


def overflowing_sheet() -> dict[str, object]:
    # Eight sections of three long paragraphs: more than a page even at the smallest type.
    words = "Example State residents made fictional calls about many topics " * 12
    sections = [
        {"heading": f"Example section {n}", "body": [f"{words} In 2031 there were {n},000."] * 3}
        for n in range(1, 9)
    ]
    return example_sheet(sections=sections)


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    return width, height


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_overflow_is_located_with_a_hint_and_writes_nothing(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    output = tmp_path / "out.pdf"
    output.write_bytes(b"previous sheet")
    result = run_cli("build", write_sheet(overflowing_sheet()), "-o", output)
    assert result.code == 2  # bad input: the content is too long for one page
    lines = result.err.splitlines()
    assert lines[0].startswith(f"error: {tmp_path / 'sheet.yaml'}: content does not fit")
    assert lines[-1] == NO_FIT_HINT
    assert output.read_bytes() == b"previous sheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "sheet.yaml"]


def test_show_overflow_writes_the_picture_beside_the_output(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    result = run_cli(
        "build", write_sheet(overflowing_sheet()), "-o", tmp_path / "out.pdf", "--show-overflow"
    )
    assert result.code == 2  # still a failure: the picture shows it, it does not fix it
    picture = tmp_path / "out-overflow.png"
    assert result.err.splitlines()[-1] == (
        f"wrote {picture}: the page as far as it fits and, in a red box, what did not"
    )
    assert NO_FIT_HINT not in result.err
    assert png_size(picture.read_bytes())[0] > 100
    assert not (tmp_path / "out.pdf").exists()


def test_pdf_to_standard_output_keeps_messages_off_it(
    tmp_path: Path,
    write_sheet: Callable[..., Path],
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["build", str(write_sheet(example_sheet())), "-o", "-"]) == 0
    captured = capsysbinary.readouterr()
    # Standard output is the PDF and nothing else: it ends with the PDF's end-of-file marker.
    assert captured.out.startswith(b"%PDF-") and captured.out.rstrip().endswith(b"%%EOF")
    assert len(PdfReader(io.BytesIO(captured.out)).pages) == 1
    # The summary and the layout line go to standard error.
    assert "\nwrote -: 1 page, 9/9 figures verified" in captured.err.decode()
    assert "\nlayout: fill " in captured.err.decode()


def test_content_from_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    needs_output = run_cli("build", "-")
    assert (needs_output.code, needs_output.err.splitlines()) == (
        2,
        [
            "error: content from standard input needs -o",
            "  hint: give -o OUT.pdf, or -o - to write the PDF to standard output",
        ],
    )
    # A YAML mistake on line 2 of what was piped in is located in "<stdin>".
    stdin_of(monkeypatch, b"factsheet: 1\ntitle: [\n")
    bad = run_cli("build", "-", "-o", tmp_path / "out.pdf")
    assert bad.code == 2 and bad.err.startswith("error: <stdin>:")
    assert not (tmp_path / "out.pdf").exists()
    stdin_of(monkeypatch, yaml.safe_dump(example_sheet()).encode())
    good = run_cli("build", "-", "-o", tmp_path / "out.pdf")
    assert good.code == 0 and "Example Outreach Network" in page_text(tmp_path / "out.pdf")


def test_default_output_folder_is_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)  # no factsheet.toml here or above: ./output is the default
    (tmp_path / "one.yaml").write_text(yaml.safe_dump(example_sheet()), "utf-8")
    built = run_cli("build", "one.yaml")
    assert built.code == 0 and built.out.startswith("wrote output/one.pdf: 1 page")
    previewed = run_cli("preview", "one.yaml", "--width", "64")
    assert previewed.code == 0
    assert png_size((tmp_path / "output" / "one.png").read_bytes())[0] == 64
    size = (tmp_path / "output" / "one.png").stat().st_size
    assert previewed.out == f"wrote output/one.png: {size / 1024:.0f} KiB\n"  # KiB of 1,024 bytes
    batch = run_cli("batch", TEMPLATE, ROWS, "--jobs", "1", "--quiet")
    assert batch.code == 0 and batch.out.startswith("built 3 of 3 sheets into output/ in ")
    assert len(list((tmp_path / "output").glob("*data.pdf"))) == 3  # "{{ subtitle | slug }}"


def test_a_row_of_a_template_is_built_verified_checked_and_previewed(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    row2 = tmp_path / "row2.pdf"
    assert run_cli("build", TEMPLATE, "--data", ROWS, "--row", "2", "-o", row2).code == 0
    assert "Nuevo México" in page_text(row2)
    # Row 2's PDF holds row 2's figures, not row 1's: verify and check say so by exit code.
    assert run_cli("verify", TEMPLATE, row2, "--data", ROWS, "--row", "2").code == 0
    assert run_cli("verify", TEMPLATE, row2, "--data", ROWS, "--row", "1").code == 1
    checked = run_cli("check", row2, "--content", TEMPLATE, "--data", ROWS, "--row", "2")
    assert checked.code == 0 and "PASS  figures: 7 of 7 figures" in checked.out
    wrong = run_cli("check", row2, "--content", TEMPLATE, "--data", ROWS, "--row", "1")
    assert wrong.code == 1 and "FAIL  figures:" in wrong.out
    # 3 data rows: 4 is refused, located at the data file.
    beyond = run_cli("build", TEMPLATE, "--data", ROWS, "--row", "4", "-o", tmp_path / "x.pdf")
    assert (beyond.code, beyond.err.strip()) == (
        2,
        f"error: {ROWS}: --row must be a row number from 1 to 3",
    )
    # The preview of the content with --row 2 is the picture of row 2's PDF.
    assert run_cli("preview", row2, "-o", tmp_path / "a.png", "--width", "80").code == 0
    from_content = ("preview", TEMPLATE, "--data", ROWS, "--row", "2", "--width", "80")
    assert run_cli(*from_content, "-o", tmp_path / "b.png").code == 0
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_check_json_is_indented_and_keeps_names_readable(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    pdf = tmp_path / "fiche-été.pdf"
    assert run_cli("build", TEMPLATE, "--data", ROWS, "--row", "2", "-o", pdf).code == 0
    result = run_cli("check", pdf, "--json")
    assert result.code == 0
    report = json.loads(result.out)
    assert report["file"] == str(pdf) and report["ok"] is True
    # Two-space indentation, and "é" written as itself, not as \u00e9, for people reading it.
    assert result.out.startswith(f'{{\n  "version": 1,\n  "file": "{pdf}",\n  "ok": true,\n')


def test_check_keeps_pypdf_repair_notes_out_of_the_report(
    tmp_path: Path, run_cli: Callable[..., Run], caplog: pytest.LogCaptureFixture
) -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792))
    canvas.drawString(72, 700, "Example text")
    canvas.save()
    root_level = logging.getLogger().level
    # A wrong cross-reference offset: pypdf repairs it and logs a warning about it.
    damaged = re.sub(rb"startxref\s+\d+", b"startxref\n999", buffer.getvalue())
    (tmp_path / "damaged.pdf").write_bytes(damaged)
    result = run_cli("check", tmp_path / "damaged.pdf")
    assert result.code == 1 and "FAIL  fonts: not embedded: /Helvetica" in result.out
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []
    assert logging.getLogger("pypdf").getEffectiveLevel() == logging.ERROR
    # Only pypdf's notes are silenced: other libraries' warnings still reach the user.
    assert logging.getLogger().level == root_level


@pytest.fixture
def letter_pdf(tmp_path: Path) -> Path:
    """Row 1 of the template, built: a US Letter page (8.5 x 11 in)."""
    from datetime import UTC, datetime

    from factsheet.content.rows import read_rows
    from factsheet.pipeline import build_sheet

    row = dict(read_rows(ROWS)[0].values)
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(build_sheet(TEMPLATE, created=datetime(2031, 1, 1, tzinfo=UTC), row=row).pdf)
    return pdf


def test_preview_sizes_and_messages(
    tmp_path: Path, letter_pdf: Path, run_cli: Callable[..., Run]
) -> None:
    pdf = letter_pdf
    refused = run_cli("preview", pdf, "--dpi", "-1")
    assert refused.err.strip() == "error: --width must be at least 16 pixels and --dpi above 0"
    # Any resolution above 0 is taken: 1 dpi draws the 8.5 x 11 in page in 9 x 11 pixels.
    assert run_cli("preview", pdf, "--dpi", "1", "-o", tmp_path / "dpi.png").code == 0
    assert png_size((tmp_path / "dpi.png").read_bytes()) == (9, 11)
    # Without -o, a PDF's picture goes beside it, with the message on standard output.
    beside = run_cli("preview", pdf, "--width", "40")
    assert beside.out.startswith(f"wrote {tmp_path / 'sheet.png'}: ")
    assert png_size((tmp_path / "sheet.png").read_bytes())[0] == 40
    # A PDF piped in needs -o; with -o - the PNG goes out and the message to standard error.
    needs_output = run_cli("preview", "-")
    assert needs_output.code == 2 and needs_output.err.splitlines() == [
        "error: a PDF from standard input needs -o",
        "  hint: give -o OUT.png, or -o - to write the PNG to standard output",
    ]


def test_preview_of_a_pdf_from_standard_input(
    tmp_path: Path,
    letter_pdf: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    pdf = letter_pdf
    stdin_of(monkeypatch, pdf.read_bytes())
    assert main(["preview", "-", "-o", "-", "--width", "30"]) == 0
    captured = capsysbinary.readouterr()
    assert png_size(captured.out) == (30, 39)  # Letter's 11/8.5 ratio: 30 x 38.8 pixels
    assert captured.out.endswith(b"IEND\xaeB`\x82")  # the PNG's end chunk, nothing after it
    assert re.fullmatch(rb"wrote -: \d+ KiB\n", captured.err)
    stdin_of(monkeypatch, pdf.read_bytes())
    piped = tmp_path / "piped.png"
    assert main(["preview", "-", "-o", str(piped), "--width", "1200"]) == 0
    assert png_size(piped.read_bytes())[0] == 1200
    # The size said is the file's, in KiB (1,024 bytes), rounded.
    size = f"{piped.stat().st_size / 1024:.0f}"
    assert capsysbinary.readouterr().out == f"wrote {piped}: {size} KiB\n".encode()
    monkeypatch.setattr("factsheet.cli.preview.MAX_PDF_BYTES", 10)
    stdin_of(monkeypatch, pdf.read_bytes())
    assert main(["preview", "-", "-o", str(tmp_path / "big.png")]) == 2
    assert capsysbinary.readouterr().err == b"error: standard input is over 10 bytes\n"
    # Exactly the limit is not over it: these 10 bytes are refused for what they are.
    stdin_of(monkeypatch, b"%PDF-1.7\n\n")
    assert main(["preview", "-", "-o", str(tmp_path / "small.png")]) == 2
    assert b"over 10 bytes" not in capsysbinary.readouterr().err


def test_project_theme_reaches_preview_and_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    # The project's theme is A4 (595 x 842 pt); the content files name no theme (Letter).
    (tmp_path / "brand.yaml").write_text("extends: default\npage:\n  size: a4\n", "utf-8")
    (tmp_path / "factsheet.toml").write_text('theme = "brand.yaml"\n', "utf-8")
    (tmp_path / "one.yaml").write_text(yaml.safe_dump(example_sheet()), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("preview", "one.yaml", "--width", "595").code == 0
    assert png_size((tmp_path / "output" / "one.png").read_bytes()) == (595, 842)
    assert run_cli("batch", TEMPLATE, ROWS, "--jobs", "1", "-o", "series").code == 0
    for pdf in (tmp_path / "series").glob("*.pdf"):
        assert round(float(PdfReader(pdf).pages[0].mediabox.width)) == 595


def test_batch_summary_and_failures(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    rows = DATA / "templates" / "rows.yaml"  # row 2 has no 'text' value: it fails alone
    result = run_cli("batch", TEMPLATE, rows, "-o", tmp_path, "--jobs", "1")
    assert result.code == 1
    summary = re.fullmatch(
        rf"built 1 of 2 sheets into {tmp_path}/ in (\d+\.\d) s "
        r"\((\d+\.\d) verified sheets/s, 1 job\(s\)\)\n",
        result.out,
    )
    assert summary is not None, result.out
    elapsed, rate = map(float, summary.groups())
    assert elapsed < 60  # two small sheets; seconds, not the clock's reading since boot
    # 1 sheet / elapsed, each printed to 0.1: the rate agrees within that rounding.
    assert 1 / (elapsed + 0.05) - 0.05 <= rate <= 1 / max(elapsed - 0.05, 0.01) + 0.05
    # A failure names the row by its first column's value (the default --key) and by line.
    assert result.err.splitlines() == [
        f"FAILED row 2 (region=Example Island) [{rows}:2]: sections[0].body[1].table.rows[1][1]: "
        "no value for 'text' (missing data column?)"
    ]
    keyed = run_cli("batch", TEMPLATE, rows, "-o", tmp_path / "k", "--jobs", "1", "--key", "calls")
    assert keyed.err.startswith(f"FAILED row 2 (calls=250) [{rows}:2]: ")


def test_batch_refusals_are_located(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    jobs = run_cli("batch", TEMPLATE, ROWS, "-o", tmp_path, "--jobs", "0")
    assert (jobs.code, jobs.err.strip()) == (2, "error: --jobs must be at least 1")
    key = run_cli("batch", TEMPLATE, ROWS, "-o", tmp_path, "--key", "nope")
    assert (key.code, key.err.strip()) == (2, f"error: {ROWS}: --key: no column 'nope'")
    # One name for every row: refused before any sheet is built, located at the data file.
    same = run_cli("batch", TEMPLATE, ROWS, "-o", tmp_path, "--name", "same.pdf", "--jobs", "1")
    assert same.code == 2
    assert same.err.startswith(f"error: {ROWS}: rows 1 and 2 would both be written to ")
    assert list(tmp_path.iterdir()) == []


def test_batch_progress_only_on_a_terminal_and_not_with_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    shown = run_cli("batch", TEMPLATE, ROWS, "-o", tmp_path / "a", "--jobs", "1")
    # The bar is redrawn in place and ends with the total: 3 sheets, none failed.
    assert "] 3/3 sheets, 0 failed, " in shown.err and shown.err.endswith("\n")
    quiet = run_cli("batch", TEMPLATE, ROWS, "-o", tmp_path / "b", "--jobs", "1", "--quiet")
    assert quiet.err == ""


def test_an_output_that_is_the_themes_logo_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    examples = DATA.parent.parent / "examples"
    for name in ("logo-sheet.yaml", "green-brand.yaml", "example-logo.svg"):
        (tmp_path / name).write_bytes((examples / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    logo = (tmp_path / "example-logo.svg").read_bytes()
    # The theme's logo is only known once the sheet is read: still refused, nothing written.
    for command in ("build", "preview"):
        result = run_cli(command, "logo-sheet.yaml", "-o", "example-logo.svg")
        assert result.code == 2, command
        refusal = result.err.splitlines()[-2:]  # after the layout's warnings, if any
        assert refusal[0].startswith("error: example-logo.svg: is also an input (")
        assert refusal[0].endswith("example-logo.svg); refusing to overwrite it")
        assert refusal[1] == "  hint: give -o a different file name"
        assert (tmp_path / "example-logo.svg").read_bytes() == logo


def test_data_read_with_a_guessed_encoding_is_warned_about(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    # "é" saved by an old Excel as Windows-1252 (byte E9), on line 2 of the file.
    data = tmp_path / "rows.csv"
    data.write_bytes(
        "region,calls,share,shelters,phone,text\nRégion Example,10,5,0,6,4\n".encode("cp1252")
    )
    result = run_cli("batch", TEMPLATE, data, "-o", tmp_path / "out", "--jobs", "1")
    assert result.code == 0  # a doubt, not an error: the sheet is built
    lines = result.err.splitlines()
    assert lines[0] == (
        f"warning: {data}:2: not UTF-8: read as Windows-1252 (Western European); "
        "check accented letters"
    )
    assert lines[-1] == "  hint: in Excel, save as 'CSV UTF-8' to avoid any doubt"


def test_a_worksheet_is_chosen_by_name(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    from openpyxl import Workbook

    header = ["region", "calls", "share", "shelters", "phone", "text"]
    workbook = Workbook()
    workbook.active.title = "First"
    workbook.active.append(header)
    workbook.active.append(["Example North", 10, 5, 0, 6, 4])
    second = workbook.create_sheet("Second")
    second.append(header)
    second.append(["Example South", 20, 5, 0, 16, 4])
    workbook.save(tmp_path / "book.xlsx")
    output = tmp_path / "south.pdf"
    row = ("--data", tmp_path / "book.xlsx", "--row", "1")
    assert run_cli("build", TEMPLATE, *row, "--sheet", "Second", "-o", output).code == 0
    assert "Example South" in page_text(output) and "Example North" not in page_text(output)


def test_batch_writes_into_the_project_files_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    (tmp_path / "factsheet.toml").write_text('output = "sheets"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("batch", TEMPLATE, ROWS, "--jobs", "1", "--quiet")
    assert result.code == 0 and result.out.startswith(
        f"built 3 of 3 sheets into {tmp_path}/sheets/"
    )
    assert (
        len(list((tmp_path / "sheets").glob("*.pdf"))) == 3 and not (tmp_path / "output").exists()
    )


def test_an_overflow_piped_in_and_out_is_pictured_under_the_name_stdin(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    # The project file's output folder is where the PDF would have gone: the picture goes there.
    (tmp_path / "factsheet.toml").write_text('output = "sheets"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    stdin_of(monkeypatch, yaml.safe_dump(overflowing_sheet()).encode())
    assert main(["build", "-", "-o", "-", "--show-overflow"]) == 2
    # Standard output gets no PDF; the picture is named after "stdin", as the PDF would be.
    picture = Path("sheets") / "stdin-overflow.png"
    assert capsysbinary.readouterr().out == b""
    assert png_size((tmp_path / picture).read_bytes())[0] > 100


def test_preview_of_content_goes_to_the_project_files_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Run]
) -> None:
    (tmp_path / "factsheet.toml").write_text('output = "sheets"\n', "utf-8")
    (tmp_path / "one.yaml").write_text(yaml.safe_dump(example_sheet()), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("preview", "one.yaml", "--width", "32").code == 0
    assert png_size((tmp_path / "sheets" / "one.png").read_bytes())[0] == 32


def test_batch_jobs_default_to_the_cpu_count(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from factsheet.cli.main import parser

    def jobs() -> int:
        return int(parser("batch").parse_args(["batch", "t.yaml", "d.csv"]).jobs)

    assert jobs() == os.cpu_count()
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # a system that cannot tell
    assert jobs() == 1

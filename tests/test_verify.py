"""Verification reads PDFs back and catches what a build must never let through."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
from conftest import COLORADO, Run, example_sheet
from reportlab.pdfgen.canvas import Canvas

from factsheet.content.loader import load_content
from factsheet.content.model import Sheet
from factsheet.theme.fonts import register_family
from factsheet.theme.loader import load_theme
from factsheet.verify import report as report_module
from factsheet.verify.reading import PageReading, Reader, read_with_pdfium, read_with_pypdf
from factsheet.verify.report import verify_pdf

# Every crafted case holds for both readers, PDFium (build, batch) and pypdf (check), and for
# verify's own choice (None): PDFium, reading the text outside the trim box only when needed.
READERS = pytest.mark.parametrize(
    "reader", [read_with_pdfium, read_with_pypdf, None], ids=["pdfium", "pypdf", "default"]
)


@pytest.fixture
def sheet(write_sheet: Callable[..., Path]) -> Sheet:
    return load_content(write_sheet(example_sheet()))


def crafted_pdf(
    sheet: Sheet, *, pages: int = 1, offset: float = 0.0, drop: str = "", embedded: bool = True
) -> bytes:
    """Every text of the sheet, one per line, optionally shifted, dropped or unembedded."""
    font = register_family(load_theme(sheet.theme).fonts).regular if embedded else "Helvetica"
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792), initialFontName=font)
    for _ in range(pages):
        canvas.setFont(font, 9)
        y = 760.0
        for text in sheet.texts():
            line = text.plain.replace(drop, "") if drop else text.plain
            x = 40 + offset if "7,890" in line else 40
            canvas.drawString(x, y, line)
            y -= 12
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@READERS
def test_a_faithful_pdf_passes(sheet: Sheet, reader: Reader | None) -> None:
    report = verify_pdf(crafted_pdf(sheet), sheet, reader=reader)
    assert report.failures == []
    assert report.figures_found == report.figures_expected >= 9


@READERS
def test_two_pages_fail(sheet: Sheet, reader: Reader | None) -> None:
    report = verify_pdf(crafted_pdf(sheet, pages=2), sheet, reader=reader)
    assert "expected exactly 1 page, found 2" in report.failures


@READERS
def test_text_drawn_off_the_page_fails_although_it_extracts(
    sheet: Sheet, reader: Reader | None
) -> None:
    report = verify_pdf(crafted_pdf(sheet, offset=700), sheet, reader=reader)
    assert any("'7,890' drawn outside the visible page" in f for f in report.failures)


@READERS
def test_text_drawn_left_of_the_page_fails(sheet: Sheet, reader: Reader | None) -> None:
    report = verify_pdf(crafted_pdf(sheet, offset=-900), sheet, reader=reader)
    assert any("'7,890' drawn outside the visible page" in f for f in report.failures)


@READERS
def test_a_missing_figure_is_named_with_its_field(sheet: Sheet, reader: Reader | None) -> None:
    report = verify_pdf(crafted_pdf(sheet, drop="412"), sheet, reader=reader)
    assert "sections[0].body[0]: figure '412' not found on the page" in report.failures


@READERS
def test_a_figure_shown_fewer_times_than_written_fails(
    write_sheet: Callable[..., Path], reader: Reader | None
) -> None:
    sheet = load_content(write_sheet(example_sheet(intro=["Calls: 7,890. Again: 7,890."])))
    pdf = crafted_pdf(sheet)
    assert verify_pdf(pdf, sheet, reader=reader).ok
    shown_once = crafted_pdf(sheet, drop="Again: 7,890.")
    assert any("figure '7,890'" in f for f in verify_pdf(shown_once, sheet, reader=reader).failures)


@READERS
def test_unembedded_font_fails(sheet: Sheet, reader: Reader | None) -> None:
    report = verify_pdf(crafted_pdf(sheet, embedded=False), sheet, reader=reader)
    assert "font not embedded: Helvetica" in report.failures


@READERS
def test_not_a_pdf(sheet: Sheet, reader: Reader | None) -> None:
    report = verify_pdf(b"%PDF-1.4 garbage", sheet, reader=reader)
    assert not report.ok
    assert report.failures[0].startswith("not a readable PDF")


def test_verify_command(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    pdf = tmp_path / "colorado.pdf"
    assert run_cli("build", COLORADO, "-o", pdf).code == 0
    passed = run_cli("verify", COLORADO, pdf)
    assert passed.code == 0
    assert "figures: 41 of 41 found on the page" in passed.out
    assert "verification passed" in passed.out
    other = write_sheet(example_sheet())
    failed = run_cli("verify", other, pdf)
    assert failed.code == 1
    assert "figure '1,234' not found on the page" in failed.err
    assert "verification FAILED" in failed.err


def test_verify_command_with_a_missing_pdf(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("verify", COLORADO, tmp_path / "none.pdf")
    assert result.code == 2
    assert "none.pdf: cannot read: No such file or directory" in result.err


def test_a_page_that_cannot_be_read_fails_with_the_readers_reason(sheet: Sheet) -> None:
    report = verify_pdf(b"%PDF", sheet, reader=lambda pdf: PageReading(1, problem="example"))
    assert report.failures == ["the page could not be read: example"]


def test_without_shaped_words_verify_reads_with_pdfium_alone(
    sheet: Sheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pypdf is the slower reader, needed only for ActualText (shaped scripts such as Hindi).
    def not_wanted(pdf: bytes) -> PageReading:
        raise AssertionError("pypdf read a sheet PDFium reads alike")

    monkeypatch.setattr(report_module, "read_with_pypdf", not_wanted)
    assert verify_pdf(crafted_pdf(sheet), sheet).failures == []


def test_every_problem_is_kept_when_figures_are_missing_too(sheet: Sheet) -> None:
    report = verify_pdf(crafted_pdf(sheet, pages=2, drop="7,890"), sheet)
    assert report.failures[0] == "expected exactly 1 page, found 2"
    assert any("7,890" in failure for failure in report.failures[1:])


def test_a_shaped_script_in_any_text_sends_the_sheet_to_the_reader_of_actual_text(
    sheet: Sheet,
) -> None:
    from factsheet.content.markup import Span
    from factsheet.content.model import Text

    assert not report_module.needs_actual_text(sheet)
    hindi = "\u0915\u093f\u0924\u093e\u092c"  # Devanagari: drawn shaped, read by ActualText
    last = Text(hindi, (Span("Example "), Span(hindi)), "source")
    assert report_module.needs_actual_text(msgspec.structs.replace(sheet, source=last))
    korean = Text("\uac00", (Span("\uac00"),), "source")  # a script of its own, not shaped
    assert not report_module.needs_actual_text(msgspec.structs.replace(sheet, source=korean))


def test_verify_reads_the_text_outside_the_page_only_to_place_a_missing_figure(
    sheet: Sheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factsheet.verify import pdfium

    calls: list[bool] = []
    real = pdfium.read_with_pdfium

    def counted(pdf: bytes, *, all_text: bool = True) -> PageReading:
        calls.append(all_text)
        return real(pdf, all_text=all_text)

    monkeypatch.setattr(pdfium, "read_with_pdfium", counted)
    faithful = crafted_pdf(sheet)
    assert verify_pdf(faithful, sheet) == verify_pdf(faithful, sheet, reader=read_with_pdfium)
    assert calls == [False, True]  # a passing sheet: one reading, without the outside text
    calls.clear()
    for pdf in (crafted_pdf(sheet, offset=700), crafted_pdf(sheet, drop="412")):
        assert verify_pdf(pdf, sheet) == verify_pdf(pdf, sheet, reader=read_with_pdfium)
    assert calls == [False, True, True, False, True, True]  # read again, in full
    outside = real(crafted_pdf(sheet, offset=700))
    assert "7,890" in outside.all_text and "7,890" not in outside.visible_text
    assert real(crafted_pdf(sheet, offset=700), all_text=False) == msgspec.structs.replace(
        outside, all_text=""
    )

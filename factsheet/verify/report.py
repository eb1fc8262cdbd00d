"""Read a PDF back and prove the sheet made it: one page, every figure and text visibly drawn."""

from __future__ import annotations

from msgspec import Struct, field

from factsheet.content.model import Sheet, Text
from factsheet.content.scripts import scripts_in
from factsheet.errors import Problem
from factsheet.verify.figures import Figure, find_figures, missing_figures, sheet_figures
from factsheet.verify.reading import (
    Reader,
    UnreadablePdf,
    read_visible_with_pdfium,
    read_with_pdfium,
    read_with_pypdf,
)


class Report(Struct):
    """What the read-back found; ok only when no problem was found."""

    pages: int = 0
    page_size: tuple[float, float] = (0.0, 0.0)
    figures_expected: int = 0
    figures_found: int = 0
    fonts: dict[str, bool] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Each failure, located at the content field (file, line) it comes from."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def failures(self) -> list[str]:
        """Each failure as one line: the field, then what is wrong."""
        return [f"{p.field}: {p.message}" if p.field else p.message for p in self.problems]

    def summary(self) -> str:
        width, height = self.page_size
        lines = [
            f"pages: {self.pages}",
            f"page size: {width:.0f} x {height:.0f} pt ({width / 72:.2f} x {height / 72:.2f} in)",
            f"figures: {self.figures_found} of {self.figures_expected} found on the page",
            f"fonts: {len(self.fonts)}, embedded: {sum(self.fonts.values())}",
        ]
        lines += [f"FAIL: {failure}" for failure in self.failures]
        lines.append("verification passed" if self.ok else "verification FAILED")
        return "\n".join(lines)


def verify_pdf(pdf: bytes, sheet: Sheet, *, reader: Reader | None = None) -> Report:
    """Check the bytes against the sheet: one page, every figure and text inside the trim box,
    every font embedded; never raises, every failure is a located problem. Either reader
    gives the same report (the tests hold them to it)."""
    if reader is None:
        if needs_actual_text(sheet):
            reader = read_with_pypdf
        else:
            # The text outside the trim box serves only to say where a missing figure went:
            # read it (reading the page again) only when a figure is missing.
            report = _verify(pdf, sheet, read_visible_with_pdfium)
            if report.figures_found == report.figures_expected:
                return report
            reader = read_with_pdfium
    return _verify(pdf, sheet, reader)


def _verify(pdf: bytes, sheet: Sheet, reader: Reader) -> Report:
    report = Report()
    try:
        reading = reader(pdf)
    except UnreadablePdf as error:
        report.problems.append(Problem(f"not a readable PDF: {error}"))
        return report
    report.pages = reading.pages
    if report.pages != 1:
        report.problems.append(Problem(f"expected exactly 1 page, found {report.pages}"))
    if report.pages == 0:
        return report
    if reading.problem:
        report.problems.append(Problem(f"the page could not be read: {reading.problem}"))
        return report
    report.page_size = reading.page_size
    page_text = reading.visible_text
    lines = {text.field: text.line for text in sheet.texts()}
    expected = sheet_figures(sheet)
    missing = missing_figures(expected, page_text)
    report.figures_expected = len(expected)
    report.figures_found = len(expected) - len(missing)
    if missing:
        drawn_anywhere = find_figures(reading.all_text)
        report.problems += [_missing(figure, drawn_anywhere, sheet, lines) for figure in missing]
    # Hyphens are left out of the comparison: a narrow cell may hyphenate a word ("Employ-"
    # / "ment"), which the figure check above still holds to every digit.
    compact_page = "".join(page_text.split()).replace("-", "")
    for text in sheet.texts():
        if "".join(text.plain.split()).replace("-", "") not in compact_page:
            report.problems.append(_lost_text(text, sheet))
    report.fonts = reading.fonts
    report.problems += [
        Problem(f"font not embedded: {name}", hint="use TrueType fonts in the theme")
        for name, embedded in report.fonts.items()
        if not embedded
    ]
    return report


def needs_actual_text(sheet: Sheet) -> bool:
    """Shaped words (Devanagari) read back only through their ActualText, which PDFium's
    text extraction does not apply; the pypdf reader does."""
    # The scripts of the whole text are those of its parts: one pass over all of it.
    return any(script.shaped for script in scripts_in("".join(t.plain for t in sheet.texts())))


def _missing(
    figure: Figure, drawn_anywhere: list[str], sheet: Sheet, lines: dict[str, int | None]
) -> Problem:
    off_page = figure.text in drawn_anywhere
    where = "drawn outside the visible page" if off_page else "not found on the page"
    return Problem(
        f"figure {figure.text!r} {where}", sheet.file, figure.field, lines.get(figure.field)
    )


def _lost_text(text: Text, sheet: Sheet) -> Problem:
    return Problem(
        f"text not found on the page: {_clip(text.plain)}", sheet.file, text.field, text.line
    )


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")

"""Read a PDF back and prove the sheet made it: one page, every figure and text visibly drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factsheet.content.model import Sheet
from factsheet.verify.figures import Figure, missing_figures, sheet_figures
from factsheet.verify.opening import Unreadable, guarded, open_pdf
from factsheet.verify.readback import TextRun, join_runs, page_fonts, text_runs


@dataclass
class Report:
    """What the read-back found; ok only when there is nothing in failures."""

    pages: int = 0
    page_size: tuple[float, float] = (0.0, 0.0)
    figures_expected: int = 0
    figures_found: int = 0
    fonts: dict[str, bool] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

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


def verify_pdf(pdf: bytes, sheet: Sheet) -> Report:
    report = Report()
    try:
        reader = open_pdf(pdf)
        report.pages = len(reader.pages)
    except Unreadable as error:
        report.failures.append(f"not a readable PDF: {error}")
        return report
    if report.pages != 1:
        report.failures.append(f"expected exactly 1 page, found {report.pages}")
    if report.pages == 0:
        return report
    guarded(
        lambda: _read_page(report, reader.pages[0], sheet),
        lambda reason: report.failures.append(f"the page could not be read: {reason}"),
    )
    return report


def _read_page(report: Report, page: Any, sheet: Sheet) -> None:
    # The trim box is the finished page; without one it is the crop box, then the media box.
    box = page.trimbox
    left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    report.page_size = (right - left, top - bottom)
    runs = text_runs(page, colors=False)
    visible: list[TextRun] = []
    hidden: list[TextRun] = []
    for run in runs:
        end = run.estimated_end
        inside = left <= run.x and end <= right + 0.5 and bottom <= run.y <= top
        (visible if inside else hidden).append(run)
    page_text = join_runs(visible)
    expected = sheet_figures(sheet)
    missing = missing_figures(expected, page_text)
    report.figures_expected = len(expected)
    report.figures_found = len(expected) - len(missing)
    report.failures += [_describe_missing(figure, hidden) for figure in missing]
    # Hyphens are left out of the comparison: a narrow cell may hyphenate a word ("Employ-"
    # / "ment"), which the figure check above still holds to every digit.
    compact_page = "".join(page_text.split()).replace("-", "")
    for text in sheet.texts():
        if "".join(text.plain.split()).replace("-", "") not in compact_page:
            report.failures.append(f"{text.field}: text not found on the page: {_clip(text.plain)}")
    report.fonts = page_fonts(page)
    report.failures += [f"font not embedded: {name}" for name, ok in report.fonts.items() if not ok]


def _describe_missing(figure: Figure, hidden: list[TextRun]) -> str:
    off_page = any(figure.text in run.text for run in hidden)
    where = "drawn outside the visible page" if off_page else "not found on the page"
    return f"{figure.field}: figure {figure.text!r} {where}"


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")

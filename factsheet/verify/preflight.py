"""Preflight: is a PDF ready to print or send? Works on any PDF, reporting what it can read."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from msgspec import Struct, field
from msgspec.structs import asdict

from factsheet.content.model import Sheet
from factsheet.verify.document_checks import Check, links_check, tagged_check
from factsheet.verify.layout_quality import layout_check
from factsheet.verify.opening import Unreadable, guarded, open_pdf
from factsheet.verify.readback import RGB, TextRun, page_fonts, text_runs, trim_box
from factsheet.verify.reading import read_with_pypdf
from factsheet.verify.report import verify_pdf

SAFE_MARGIN = 9.0
"""Points text keeps from the trim edge: what print shops ask for (1/8 in)."""
SMALLEST_READABLE = 6.0
LARGEST_SIZE_BYTES = 10 * 1024 * 1024
"""Above this many mail systems refuse the attachment."""
REPORT_VERSION = 1
_PAGE_NAMES = {(612, 792): "US Letter", (595, 842): "A4"}


class PreflightReport(Struct):
    file: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def as_json(self) -> dict[str, Any]:
        return {
            "version": REPORT_VERSION,
            "file": self.file,
            "ok": self.ok,
            "checks": [asdict(check) for check in self.checks],
        }

    def as_text(self) -> str:
        lines = [f"{'PASS' if c.ok else 'FAIL'}  {c.id}: {c.summary}" for c in self.checks]
        verdict = "ready to send" if self.ok else "NOT ready: fix the FAIL lines above"
        return "\n".join([*lines, verdict])


def preflight(pdf: bytes, name: str, sheet: Sheet | None = None) -> PreflightReport:
    """Every check that can be made on the bytes; never raises for a damaged or odd PDF."""
    report = PreflightReport(name)
    try:
        reader = open_pdf(pdf)
        pages = guarded(lambda: list(reader.pages), _no_pages)
    except Unreadable as error:
        report.checks.append(Check("readable", False, f"not a readable PDF: {error}"))
        return report
    report.checks.append(_pages(pages))
    report.checks.append(_file_size(len(pdf)))
    if not pages:
        return report
    runs_by_page = [_safe_runs(page) for page in pages]
    runs = [run for page_runs in runs_by_page for run in page_runs]
    checks: list[tuple[str, Callable[[], Check]]] = [
        ("page_size", lambda: _boxes(pages[0])),
        ("fonts", lambda: _fonts(pages)),
        ("text_inside_trim", lambda: _inside_trim(pages, runs_by_page)),
        ("smallest_text", lambda: _smallest_text(runs)),
        ("contrast", lambda: _contrast(runs)),
        ("links", lambda: links_check(reader, pages)),
        ("tagged", lambda: tagged_check(reader)),
        ("layout", lambda: layout_check(pages[0], sheet)),
    ]
    for check_id, check in checks:
        report.checks.append(guarded(check, partial(_unreadable, check_id)))
    if sheet is not None:
        verified = verify_pdf(pdf, sheet, reader=read_with_pypdf)
        report.checks.append(
            Check(
                "figures",
                verified.ok,
                f"{verified.figures_found} of {verified.figures_expected} figures of the content "
                "found on the page"
                + ("" if verified.ok else f"; {len(verified.failures)} problems"),
                {"failures": verified.failures},
            )
        )
    return report


def _no_pages(reason: str) -> list[Any]:
    raise Unreadable(reason)


def _unreadable(check_id: str, reason: str) -> Check:
    """A damaged part of the file fails its own check, located, and the others still run."""
    return Check(check_id, False, f"could not be read: {reason}", {"error": reason})


def _safe_runs(page: Any) -> list[TextRun]:
    try:
        return text_runs(page)
    except Exception:  # a content stream pypdf cannot follow: report no text rather than crash
        return []


def _pages(pages: list[Any]) -> Check:
    count = len(pages)
    return Check("pages", count == 1, f"{count} page{'s' if count != 1 else ''}", {"count": count})


def _file_size(size: int) -> Check:
    ok = size <= LARGEST_SIZE_BYTES
    summary = f"{size / 1024:,.0f} KiB" + ("" if ok else " (over 10 MiB: too big to email)")
    return Check("file_size", ok, summary, {"bytes": size})


def _box(page: Any, name: str) -> list[float]:
    box = getattr(page, name)
    return [round(float(v), 2) for v in (box.left, box.bottom, box.right, box.top)]


def _boxes(page: Any) -> Check:
    trim = _box(page, "trimbox")
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    size = _PAGE_NAMES.get((round(width), round(height)), "custom size")
    details = {name: _box(page, name) for name in ("mediabox", "cropbox", "trimbox", "bleedbox")}
    has_bleed = details["bleedbox"] != details["trimbox"]
    summary = f"{size}, {width / 72:.2f} x {height / 72:.2f} in" + (
        f", bleed {(details['trimbox'][0] - details['bleedbox'][0]) / 72 * 25.4:.1f} mm"
        if has_bleed
        else ", no bleed"
    )
    return Check("page_size", True, summary, details)


def _fonts(pages: list[Any]) -> Check:
    fonts: dict[str, bool] = {}
    damaged: list[str] = []
    for number, page in enumerate(pages, start=1):
        found: list[str] = []
        fonts.update(page_fonts(page, found))
        damaged += (f"page {number}: {problem}" for problem in found)
    missing = sorted(name for name, embedded in fonts.items() if not embedded)
    summary = (
        f"{len(fonts)} fonts, all embedded"
        if not missing
        else ("not embedded: " + ", ".join(missing))
    )
    if damaged:
        # Text drawn in such a font cannot be shown: no viewer or printer knows its glyphs.
        summary = "; ".join(damaged[:3]) + (f" (and {len(damaged) - 3} more)" * (len(damaged) > 3))
    details = {"fonts": fonts, "damaged": damaged}
    return Check("fonts", not missing and not damaged, summary, details)


def _inside_trim(pages: list[Any], runs_by_page: list[list[TextRun]]) -> Check:
    outside = []
    for number, (page, runs) in enumerate(zip(pages, runs_by_page, strict=True), start=1):
        box = trim_box(page)
        outside += [
            {"page": number, "text": run.text.strip()[:40], "x": round(run.x), "y": round(run.y)}
            for run in runs
            if not run.inside(box, SAFE_MARGIN)
        ]
    ok = not outside
    summary = (
        f"all text at least {SAFE_MARGIN / 72:.3g} in inside the trim"
        if ok
        else f"{len(outside)} runs of text outside the safe area, e.g. {outside[0]['text']!r}"
    )
    return Check("text_inside_trim", ok, summary, {"outside": outside[:50]})


def _smallest_text(runs: list[TextRun]) -> Check:
    if not runs:
        return Check("smallest_text", True, "no text found", {"points": None})
    smallest = min(run.size for run in runs)
    ok = smallest >= SMALLEST_READABLE - 0.01
    summary = f"{smallest:.1f} pt" + ("" if ok else f" (below {SMALLEST_READABLE:g} pt)")
    return Check("smallest_text", ok, summary, {"points": round(smallest, 2)})


def contrast_ratio(foreground: RGB, background: RGB) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (channels 0..1)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: RGB) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in color)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


# List bullets and markers: graphics that carry no words, held to WCAG's 3:1 for non-text
# (1.4.11), like large text, rather than 4.5:1.
_MARKERS = frozenset("\u2022\u25e6\u25aa\u25ab\u2023\u2043\u00b7\u25a0\u25a1\u25cf\u25cb")


def _contrast(runs: list[TextRun]) -> Check:
    pairs: dict[tuple[str, str, bool], float] = {}
    failing = []
    for run in runs:
        if not run.text.strip():
            continue
        marker = set(run.text.strip()) <= _MARKERS
        large = run.size >= 18 or (run.size >= 14 and run.bold) or marker
        key = (_hex(run.color), _hex(run.background), large)
        if key in pairs:
            continue
        ratio = contrast_ratio(run.color, run.background)
        pairs[key] = ratio
        if ratio < (3.0 if large else 4.5):
            failing.append(f"{key[0]} on {key[1]} ({ratio:.1f}:1): {run.text.strip()[:30]!r}")
    details = {
        "pairs": [
            {"text": fg, "background": bg, "large": large, "ratio": round(ratio, 2)}
            for (fg, bg, large), ratio in sorted(pairs.items())
        ]
    }
    if failing:
        return Check("contrast", False, "below WCAG AA: " + "; ".join(failing[:3]), details)
    lowest = min(pairs.values(), default=21.0)
    return Check("contrast", True, f"WCAG AA met; lowest {lowest:.1f}:1", details)


def _hex(color: RGB) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in color)

"""Preflight: is a PDF ready to print or send? Works on any PDF, reporting what it can read."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pypdf import PdfReader

from factsheet.markup import ALLOWED_SCHEMES
from factsheet.model import Sheet
from factsheet.pdfread import RGB, TextRun, page_fonts, text_runs
from factsheet.verify import verify_pdf

SAFE_MARGIN = 9.0
"""Points text keeps from the trim edge: what print shops ask for (1/8 in)."""
SMALLEST_READABLE = 6.0
LARGEST_SIZE_BYTES = 10 * 1024 * 1024
"""Above this many mail systems refuse the attachment."""
REPORT_VERSION = 1
_PAGE_NAMES = {(612, 792): "US Letter", (595, 842): "A4"}


@dataclass
class Check:
    """One line of the report: what was checked, whether it passed, and what was found."""

    id: str
    ok: bool
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class PreflightReport:
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
        reader = PdfReader(io.BytesIO(pdf))
        pages = list(reader.pages)
    except Exception as error:  # pypdf raises many kinds for a damaged file
        report.checks.append(Check("readable", False, f"not a readable PDF: {error}"))
        return report
    report.checks.append(_pages(pages))
    report.checks.append(_file_size(len(pdf)))
    if not pages:
        return report
    runs_by_page = [_safe_runs(page) for page in pages]
    runs = [run for page_runs in runs_by_page for run in page_runs]
    report.checks += [
        _boxes(pages[0]),
        _fonts(pages),
        _inside_trim(pages, runs_by_page),
        _smallest_text(runs),
        _contrast(runs),
        _links(reader, pages),
        _tagged(reader),
    ]
    if sheet is not None:
        verified = verify_pdf(pdf, sheet)
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
    for page in pages:
        fonts.update(page_fonts(page))
    missing = sorted(name for name, embedded in fonts.items() if not embedded)
    summary = (
        f"{len(fonts)} fonts, all embedded"
        if not missing
        else ("not embedded: " + ", ".join(missing))
    )
    return Check("fonts", not missing, summary, {"fonts": fonts})


def _inside_trim(pages: list[Any], runs_by_page: list[list[TextRun]]) -> Check:
    outside = []
    for number, (page, runs) in enumerate(zip(pages, runs_by_page, strict=True), start=1):
        left, bottom, right, top = _box(page, "trimbox")
        for run in runs:
            end = run.estimated_end
            if not (
                left + SAFE_MARGIN <= run.x
                and end <= right - SAFE_MARGIN
                and bottom + SAFE_MARGIN <= run.y <= top - SAFE_MARGIN
            ):
                outside.append(
                    {
                        "page": number,
                        "text": run.text.strip()[:40],
                        "x": round(run.x),
                        "y": round(run.y),
                    }
                )
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


def _contrast(runs: list[TextRun]) -> Check:
    pairs: dict[tuple[str, str, bool], float] = {}
    failing = []
    for run in runs:
        if not run.text.strip():
            continue
        large = run.size >= 18 or (run.size >= 14 and run.bold)
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


def _links(reader: PdfReader, pages: list[Any]) -> Check:
    links, bad = [], []
    for number, page in enumerate(pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = (annotation.get("/A") or {}) if "/A" in annotation else {}
            action = action.get_object() if hasattr(action, "get_object") else action
            kind = str(action.get("/S", "")) if action else ""
            target = str(action.get("/URI", "")) if action else ""
            links.append({"page": number, "action": kind, "target": target})
            scheme = urlsplit(target).scheme.lower()
            if kind == "/URI" and scheme not in ALLOWED_SCHEMES:
                bad.append(f"{target or '(empty)'}")
            elif kind not in ("/URI", "/GoTo", ""):
                bad.append(f"{kind} action")
    if _has_document_javascript(reader):
        bad.append("document-level JavaScript")
    ok = not bad
    summary = (
        f"{len(links)} links, all http, https or mailto" if ok else "unsafe: " + ", ".join(bad)
    )
    return Check("links", ok, summary, {"links": links})


def _has_document_javascript(reader: PdfReader) -> bool:
    root: Any = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    action = root.get("/OpenAction")
    if action is not None and hasattr(action, "get_object"):
        action = action.get_object()
        return isinstance(action, dict) and action.get("/S") == "/JavaScript"
    return False


def _tagged(reader: PdfReader) -> Check:
    """Untagged is reported, not failed; a file that is tagged must be tagged completely."""
    root: Any = reader.trailer["/Root"].get_object()
    mark_info = root.get("/MarkInfo")
    marked = bool(mark_info is not None and mark_info.get_object().get("/Marked"))
    details: dict[str, Any] = {
        "tagged": marked and "/StructTreeRoot" in root,
        "lang": str(root.get("/Lang", "")),
    }
    if not details["tagged"]:
        return Check("tagged", True, "not tagged (informational)", details)
    missing = []
    tree = root["/StructTreeRoot"].get_object()
    if "/ParentTree" not in tree:
        missing.append("a parent tree")
    if not details["lang"]:
        missing.append("/Lang")
    preferences = root.get("/ViewerPreferences")
    if not (preferences is not None and preferences.get_object().get("/DisplayDocTitle")):
        missing.append("/DisplayDocTitle")
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data() if metadata is not None else b""
    details["pdfua_part"] = b"pdfuaid:part>1<" in xmp or b'pdfuaid:part="1"' in xmp
    if not details["pdfua_part"]:
        missing.append("the PDF/UA identifier in XMP")
    for number, page in enumerate(reader.pages, start=1):
        if page.get("/Tabs") != "/S":
            missing.append(f"/Tabs /S on page {number}")
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if "/StructParent" not in annotation or not annotation.get("/Contents"):
                missing.append(f"a tagged, described link on page {number}")
                break
    details["missing"] = missing
    if missing:
        return Check("tagged", False, "tagged, but missing: " + ", ".join(missing), details)
    return Check("tagged", True, "tagged: structure tree, language, title, PDF/UA-1 id", details)

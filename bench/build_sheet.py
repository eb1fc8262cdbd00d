"""Time one sheet's build, stage by stage, against bare ReportLab rendering of the same text.

    python bench/build_sheet.py [CONTENT.yaml] [--runs N]

The baseline ("floor") is ReportLab's SimpleDocTemplate setting every text of the sheet as
plain paragraphs in the same fonts, with no fitting and no verification: what any ReportLab
script pays. Every figure is the median of N runs, measured in this one process.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from factsheet.content.loader import load_content
from factsheet.content.markup import to_reportlab
from factsheet.content.model import Sheet
from factsheet.layout.fit import lay_out
from factsheet.layout.page import PageLayout
from factsheet.pdf.render import document_info, render_pdf
from factsheet.pdf.tags.marks import Marker
from factsheet.pipeline import build_sheet
from factsheet.theme.fonts import FontFamily, register_family
from factsheet.theme.loader import load_theme
from factsheet.theme.model import Theme
from factsheet.verify.report import verify_pdf

ROOT = Path(__file__).resolve().parent.parent
CREATED = datetime(2024, 1, 1, tzinfo=UTC)


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def tagged(sheet: Sheet, theme: Theme, family: FontFamily, page: PageLayout) -> bytes:
    """Rendering with marked content and the structure tree: the cost of accessibility."""
    return render_pdf(page, document_info(sheet, theme, CREATED), theme, family, marker=Marker())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "content", nargs="?", type=Path, default=ROOT / "content" / "ncmec-colorado-2023.yaml"
    )
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    sheet = load_content(args.content)
    theme = load_theme(sheet.theme)
    family = register_family(theme.fonts, theme.file)
    page = lay_out(sheet, theme, family)
    pdf = render_pdf(page, document_info(sheet, theme, CREATED), theme, family)
    style = ParagraphStyle("plain", fontName=family.regular, fontSize=9, leading=11.5)
    markups = [to_reportlab(t.spans, link_color="#000000") for t in sheet.texts()]

    def bare_reportlab() -> bytes:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(buffer, pagesize=letter, invariant=1)
        document.build([Paragraph(m, style) for m in markups])
        return buffer.getvalue()

    floor = median_ms(bare_reportlab, args.runs)
    rows = [
        ("load + validate content", median_ms(lambda: load_content(args.content), args.runs)),
        ("load theme", median_ms(lambda: load_theme(sheet.theme), args.runs)),
        ("layout (fit to one page)", median_ms(lambda: lay_out(sheet, theme, family), args.runs)),
        (
            "render PDF",
            median_ms(
                lambda: render_pdf(page, document_info(sheet, theme, CREATED), theme, family),
                args.runs,
            ),
        ),
        (
            "render + tag (PDF/UA-1)",
            median_ms(lambda: tagged(sheet, theme, family, page), args.runs),
        ),
        ("verify (read back)", median_ms(lambda: verify_pdf(pdf, sheet), args.runs)),
        ("whole build", median_ms(lambda: build_sheet(args.content, created=CREATED), args.runs)),
    ]
    print(
        f"{args.content.name}: {len(tagged(sheet, theme, family, page)):,} bytes tagged "
        f"({len(pdf):,} plain), body type {page.body_size:g} pt, "
        f"median of {args.runs} runs"
    )
    print(f"{'bare ReportLab (floor)':28} {floor:8.1f} ms   1.00x")
    for name, ms in rows:
        print(f"{name:28} {ms:8.1f} ms  {ms / floor:5.2f}x")


if __name__ == "__main__":
    main()

"""Refresh docs/gallery/*.png and the figures in docs/gallery.md from fresh builds.

Run from the repository root: python docs/make_gallery.py
Each gallery sheet under examples/ is built (and verified) in memory, rendered at 90 dpi, and
its layout quality, measured from the PDF, is written to the table in docs/gallery.md.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from factsheet.pdf.preview import preview_png
from factsheet.pipeline import build_sheet
from factsheet.verify.layout_quality import page_quality

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "docs" / "gallery"
PAGE = ROOT / "docs" / "gallery.md"
SHEETS = [
    ("sparse-ranking", "A sparse state ranking: one card, two short lists"),
    ("labour-table", "A 7-column, 20-row labour table with long row labels"),
    ("german-statistics", "German: long compound words, decimal commas"),
    ("spanish-figures", "Spanish: figures grouped with spaces, `76 %`"),
    ("source-urls", "A census release with eight long web addresses"),
    ("lists-only", "Lists only"),
    ("chart-and-table", "A column chart and a table"),
    ("four-long-cards", "Four cards with long values (`$1.2 billion`)"),
    ("at-the-limit", "Content at the very limit of one page"),
    ("report-table", "A 4-column report table with long header words"),
    ("a4-sheet", "An A4 sheet from a European theme"),
    ("logo-sheet", "A green brand with a logo"),
]


def main() -> None:
    GALLERY.mkdir(exist_ok=True)
    created = datetime(2031, 1, 1, tzinfo=UTC)
    rows = []
    for name, what in SHEETS:
        built = build_sheet(ROOT / "examples" / f"{name}.yaml", created=created)
        assert built.report.ok, built.report.summary()
        (GALLERY / f"{name}.png").write_bytes(preview_png(built.pdf, dpi=90))
        quality = page_quality(PdfReader(io.BytesIO(built.pdf)).pages[0], built.sheet)
        assert quality is not None
        rows.append(
            f"| [{name}](gallery/{name}.png) | {what} | {quality.body_size:g} pt | "
            f"{quality.fill:.0%} | {quality.balance_lines:.1f} | {quality.broken_words} | "
            f"{quality.split_small_tables} | {quality.wrapped_card_values} |"
        )
    table = "\n".join(
        [
            "| sheet | what it tries | body | fill | columns apart (lines) | broken words "
            "| split short tables | wrapped card values |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
        ]
    )
    text = PAGE.read_text(encoding="utf-8")
    text = re.sub(
        r"<!-- figures -->.*<!-- /figures -->",
        lambda _: f"<!-- figures -->\n{table}\n<!-- /figures -->",
        text,
        flags=re.S,
    )
    PAGE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

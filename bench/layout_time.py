"""Layout time per sheet: the candidate search alone, on one core, median of N runs.

    python bench/layout_time.py [CONTENT.yaml ...] [--runs N]

Default sheets: the Colorado sheet and every gallery sheet under examples/. Each run lays the
sheet out from scratch with a fresh measurement cache (what a one-off `build` pays). Prints
per sheet: median ms, trials, body size and the layout-quality figures, then the median
sheet. Budget: the median sheet under 150 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from factsheet.layout.fit import lay_out
from factsheet.layout.wrapcache import WrapCache
from factsheet.pipeline import SheetBuilder

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 150.0


def default_sheets() -> list[Path]:
    examples = sorted(p for p in (ROOT / "examples").glob("*.yaml") if "brand" not in p.stem)
    return [ROOT / "content" / "ncmec-colorado-2023.yaml", *examples]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    medians = []
    print(f"{'sheet':28} {'ms':>7} {'trials':>6} {'body':>5}  quality")
    for path in args.content or default_sheets():
        # The sheet, theme and fonts (with the fallbacks for its scripts) as a build has them.
        builder = SheetBuilder.load(path)
        theme = builder.theme
        sheet = builder.template.sheet(None).with_defaults(
            organization=theme.organization, qr=theme.qr
        )
        family = builder.fonts_for(sheet)
        lay_out(sheet, theme, family, cache=WrapCache())  # fonts and imports warm
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            page = lay_out(sheet, theme, family, cache=WrapCache())
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        medians.append(median)
        quality = getattr(page, "quality", None)
        summary = quality.summary() if quality is not None else "-"
        trials = getattr(page, "trials", "-")
        print(f"{path.stem:28} {median:7.1f} {trials!s:>6} {page.body_size:5g}  {summary}")
    overall = statistics.median(medians)
    verdict = "within" if overall <= BUDGET_MS else "OVER"
    print(f"median sheet: {overall:.1f} ms ({verdict} the {BUDGET_MS:g} ms budget)")


if __name__ == "__main__":
    main()

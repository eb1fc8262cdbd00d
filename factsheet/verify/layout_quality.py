"""Layout quality read back from a finished PDF: fill, balance, broken words, split tables,
wrapped card values and body size, as factsheet.quality judges them during layout.

It reads what any reviewer could see on the page: the header band and cards (filled
rectangles), the rule above the footer (a stroked line), and where every text run is drawn.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from typing import Any

from factsheet.content.model import Sheet, Table
from factsheet.content.scripts import script_of
from factsheet.quality.measure import SMALL_TABLE_ROWS, PageFacts, Quality, measure
from factsheet.verify.document_checks import Check
from factsheet.verify.readback import Matrix, TextRun, _PageWalker

GUTTER = 22.0
"""The space between columns on a factsheet page."""
BODY_GAP_BELOW_CARDS = 20.0
BODY_GAP_ABOVE_RULE = 10.0
CARD_VALUE_SMALLEST = 14.0
_WORD_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


class _LineWalker(_PageWalker):
    """Also follows stroked straight lines (rules), in page space."""

    def __init__(self) -> None:
        super().__init__()
        self.start: tuple[float, float] | None = None
        self.segments: list[tuple[float, float, float, float]] = []
        self.pending: list[tuple[float, float, float, float]] = []

    def operator(self, operator: bytes, operands: list[Any], cm: Matrix, tm: Matrix) -> None:
        super().operator(operator, operands, cm, tm)
        name = operator.decode("latin-1") if isinstance(operator, bytes) else str(operator)
        if name in ("m", "l") and len(operands) == 2:
            x, y = (float(v) for v in operands)
            point = (x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5])
            if name == "l" and self.start is not None:
                self.pending.append((*self.start, *point))
            self.start = point
        elif name in ("S", "s"):
            self.segments += self.pending
            self.pending = []
        elif name in ("n", "f", "F", "f*", "B", "b"):
            self.pending = []


def page_quality(page: Any, sheet: Sheet | None = None) -> Quality | None:
    """The quality of a factsheet page, or None when the page has no factsheet frame."""
    walker = _LineWalker()
    page.extract_text(visitor_operand_before=walker.operator, visitor_text=walker.text)
    facts = _facts(walker, float(page.mediabox.width), float(page.mediabox.top), sheet)
    return measure(facts) if facts is not None else None


def _facts(walker: _LineWalker, width: float, top: float, sheet: Sheet | None) -> PageFacts | None:
    runs = [run for run in walker.runs if run.text.strip()]
    bands = [f for f in walker.fills if f.right - f.left >= 0.9 * width and f.top >= top - 2]
    rules = [
        s for s in walker.segments if abs(s[1] - s[3]) < 0.5 and abs(s[2] - s[0]) >= 0.6 * width
    ]
    if not bands or not rules or not runs:
        return None
    band_bottom = min(f.bottom for f in bands)
    cards = [
        f
        for f in walker.fills
        if f.right - f.left < 0.9 * width and band_bottom - 60 <= f.top <= band_bottom
    ]
    cards_bottom = min((f.bottom for f in cards), default=None)
    body_top = (cards_bottom if cards_bottom is not None else band_bottom) - BODY_GAP_BELOW_CARDS
    rule = min(rules, key=lambda s: s[1])
    left, right = min(rule[0], rule[2]), max(rule[0], rule[2])
    body_bottom = rule[1] + BODY_GAP_ABOVE_RULE
    body = [r for r in runs if rule[1] + 1 < r.y < body_top]
    if not body:
        return None
    lefts, column_width = _columns(body, left, right)
    crossing = [r for r in body if _in_gutter(r.x, lefts, column_width)]
    floor = min((r.y for r in crossing), default=body_top)
    last_run = [r for r in body if r.y < floor] or body
    bottoms = []
    for column_left in lefts:
        ys = [
            r.y - 0.25 * r.size
            for r in last_run
            if column_left - 1 <= r.x < column_left + column_width
        ]
        if ys:
            bottoms.append(min(ys))
    lowest = min(r.y - 0.25 * r.size for r in body)
    if not bottoms or lowest < min(bottoms) - 1:
        bottoms = [lowest]
    sizes = Counter[float]()
    for run in body:
        sizes[round(run.size, 2)] += len(run.text.strip())
    body_size = sizes.most_common(1)[0][0]
    return PageFacts(
        body_top=body_top,
        body_bottom=body_bottom,
        column_bottoms=tuple(bottoms),
        line_height=body_size * 1.28,
        body_size=body_size,
        broken_words=_broken_words(body, lefts, column_width, sheet),
        split_small_tables=_split_small_tables(body, sheet),
        wrapped_card_values=_wrapped_card_values(runs, cards),
        measure_chars=column_width / (body_size * 0.5),
    )


def _columns(body: list[TextRun], left: float, right: float) -> tuple[list[float], float]:
    """The column grid the body is set on: three or two columns when lines start at each
    column's left edge, else one."""
    for count in (3, 2):
        width = (right - left - GUTTER * (count - 1)) / count
        lefts = [left + i * (width + GUTTER) for i in range(count)]
        starts = [sum(1 for r in body if x - 1 <= r.x <= x + 3) for x in lefts]
        # Lines of a wider measure run across where the gutters would be.
        across = sum(
            1
            for r in body
            for a in lefts[:-1]
            if r.x < a + width and r.estimated_end > a + width + GUTTER
        )
        if min(starts) >= 3 and across <= 0.1 * len(body):
            return lefts, width
    return [left], right - left


def _in_gutter(x: float, lefts: list[float], width: float) -> bool:
    return any(a + width + 1 < x < b - 1 for a, b in pairwise(lefts))


def _lines(body: list[TextRun], lefts: list[float], width: float) -> list[list[str]]:
    """Each column's lines, top to bottom, as the text of their runs left to right."""
    columns: list[list[str]] = []
    for column_left in lefts:
        rows: dict[float, list[TextRun]] = {}
        for run in body:
            if column_left - 1 <= run.x < column_left + width:
                rows.setdefault(round(run.y, 1), []).append(run)
        columns.append(
            [
                "".join(r.text for r in sorted(rows[y], key=lambda r: r.x)).strip()
                for y in sorted(rows, reverse=True)
            ]
        )
    return columns


def _broken_words(
    body: list[TextRun], lefts: list[float], width: float, sheet: Sheet | None
) -> int:
    """Line ends where a word goes on in the next line with no hyphen: "Employ" / "ment"."""
    lines = _lines(body, lefts, width)
    if sheet is not None:
        text = " ".join(t.plain for t in sheet.texts())
    else:
        text = " ".join(line for column in lines for line in column)
    words = {_WORD_EDGE.sub("", w).lower() for w in text.split()}
    broken = 0
    for column in lines:
        for this, following in pairwise(column):
            if not this or not following or not this[-1].isalpha():
                continue
            head = _WORD_EDGE.sub("", this.split()[-1]).lower()
            tail = _WORD_EDGE.sub("", following.split()[0]).lower()
            if head and tail and (_ideographic(head[-1]) or _ideographic(tail[0])):
                continue  # Chinese and Japanese lines break between ideographs
            if head and tail and head + tail in words and head not in words:
                broken += 1
    return broken


def _ideographic(char: str) -> bool:
    script = script_of(char)
    return script is not None and script.ideographic


def _split_small_tables(body: list[TextRun], sheet: Sheet | None) -> int:
    """Tables continued across columns, less those too long to keep whole."""
    continued = sum(1 for run in body if run.text.strip() == "(continued)")
    if sheet is None:
        return 0
    long_tables = sum(
        1
        for section in sheet.sections
        for block in section.body
        if isinstance(block, Table) and len(block.rows) > SMALL_TABLE_ROWS
    )
    return max(0, continued - long_tables)


def _wrapped_card_values(runs: list[TextRun], cards: list[Any]) -> int:
    wrapped = 0
    for card in cards:
        baselines = {
            round(r.y)
            for r in runs
            if r.size >= CARD_VALUE_SMALLEST
            and card.left <= r.x <= card.right
            and card.bottom <= r.y <= card.top
        }
        wrapped += len(baselines) > 1
    return wrapped


def layout_check(page: Any, sheet: Sheet | None) -> Check:
    """The layout figures of a factsheet page, for `check`; informational, never a failure."""
    try:
        quality = page_quality(page, sheet)
    except Exception:  # a content stream pypdf cannot follow: no figures rather than a crash
        quality = None
    if quality is None:
        return Check("layout", True, "not a factsheet page: no layout figures", {})
    misses = quality.misses()
    summary = quality.summary() + (f"; targets missed: {'; '.join(misses)}" if misses else "")
    return Check("layout", True, summary, {**quality.as_json(), "missed": misses})

"""Layout quality: one measure of a laid-out page, shared by the layout search, check and tests.

The facts come from wherever the page is known (the layout while it chooses, the PDF when it is
read back); the judgement is this one function, so the three cannot drift apart.
"""

from __future__ import annotations

from msgspec import Struct

FILL_TARGET = 0.85
"""Body text should reach this share of the body area's height (when content allows)."""
BALANCE_TARGET = 1.5
"""Column bottoms within this many body lines of each other."""
SMALLEST_BODY = 9.0
"""Body type below this reads as small print in front of a legislator."""
SMALL_TABLE_ROWS = 12
"""Tables of this many rows or fewer are never split."""


class PageFacts(Struct, frozen=True):
    """What a reviewer would measure on the page's body area."""

    body_top: float
    body_bottom: float
    column_bottoms: tuple[float, ...]
    """The lowest point of body content in each column (page space, y up)."""
    line_height: float
    """One body line (the body leading), to express balance in lines."""
    body_size: float
    broken_words: int = 0
    """Words broken across lines without a hyphen."""
    split_small_tables: int = 0
    wrapped_card_values: int = 0
    measure_chars: float = 60.0
    """About how many characters a body line holds."""


class Quality(Struct, frozen=True):
    fill: float
    """How far down the body area the deepest column reaches, 0..1."""
    balance_lines: float
    """How far apart the column bottoms are, in body lines."""
    broken_words: int
    split_small_tables: int
    wrapped_card_values: int
    body_size: float
    measure_chars: float

    def misses(self) -> list[str]:
        """Each target the page misses, in words a designer would use."""
        found = []
        if self.fill < FILL_TARGET:
            found.append(f"body fills {self.fill:.0%} of the page (target {FILL_TARGET:.0%})")
        if self.balance_lines > BALANCE_TARGET:
            found.append(f"columns end {self.balance_lines:.1f} lines apart")
        if self.broken_words:
            found.append(f"{self.broken_words} words broken without a hyphen")
        if self.split_small_tables:
            found.append(f"{self.split_small_tables} short tables split")
        if self.wrapped_card_values:
            found.append(f"{self.wrapped_card_values} card values wrapped")
        if self.body_size < SMALLEST_BODY - 0.01:
            found.append(f"body type {self.body_size:g} pt (below {SMALLEST_BODY:g} pt)")
        return found

    def summary(self) -> str:
        return (
            f"fill {self.fill:.0%}, columns within {self.balance_lines:.1f} lines, "
            f"{self.broken_words} broken words, {self.split_small_tables} split short tables, "
            f"{self.wrapped_card_values} wrapped card values, body {self.body_size:g} pt"
        )

    def as_json(self) -> dict[str, float | int]:
        return {
            "fill": round(self.fill, 3),
            "balance_lines": round(self.balance_lines, 2),
            "broken_words": self.broken_words,
            "split_small_tables": self.split_small_tables,
            "wrapped_card_values": self.wrapped_card_values,
            "body_size": round(self.body_size, 2),
        }


def measure(facts: PageFacts) -> Quality:
    """The page's quality figures from its facts."""
    height = facts.body_top - facts.body_bottom
    bottoms = facts.column_bottoms or (facts.body_top,)
    fill = (facts.body_top - min(bottoms)) / height if height > 0 else 0.0
    spread = max(bottoms) - min(bottoms)
    return Quality(
        fill=max(0.0, min(fill, 1.0)),
        balance_lines=spread / facts.line_height if facts.line_height > 0 else 0.0,
        broken_words=facts.broken_words,
        split_small_tables=facts.split_small_tables,
        wrapped_card_values=facts.wrapped_card_values,
        body_size=facts.body_size,
        measure_chars=facts.measure_chars,
    )


def badness(quality: Quality) -> float:
    """Demerits for choosing among candidates: lower is better.

    A broken word, a split short table or a wrapped card value outweighs any amount of fill
    or type size; then unfilled paper, uneven columns, small type and an uncomfortable measure.
    """
    demerits = 1000.0 * (
        quality.broken_words + quality.split_small_tables + quality.wrapped_card_values
    )
    demerits += 200.0 * max(0.0, FILL_TARGET - quality.fill)
    demerits += 10.0 * max(0.0, 0.97 - quality.fill)
    demerits += 8.0 * max(0.0, quality.balance_lines - BALANCE_TARGET)
    demerits += 40.0 * max(0.0, SMALLEST_BODY - quality.body_size)
    demerits += 2.0 * max(0.0, 13.0 - quality.body_size)
    # Lines of 40 to 80 characters read comfortably; longer or shorter cost a little.
    demerits += 0.4 * max(0.0, quality.measure_chars - 80) + 0.4 * max(
        0.0, 38 - quality.measure_chars
    )
    return demerits

"""Our breaking of paragraphs in several styles gives ReportLab's lines exactly: compared
attribute by attribute with ReportLab's own breakLines on thousands of generated paragraphs,
and left to ReportLab wherever it would split a word."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines

from factsheet.content.markup import Span, to_reportlab
from factsheet.layout.fraglines import frag_lines
from factsheet.layout.runs import RUN_CALLBACK

WORDS = [
    "Example",
    "region",
    "reports",
    "a",
    "of",
    "5\u00a0055",
    "36.2\u00a0million",
    "12\u00a0%",
    "R&D",
    "2,031",
    "(fictional)",
    "é",
]
RARE_WORDS = [
    "Exampleorganisationwithaverylongname",  # wider than a narrow column
    "example.org/reports/2031",  # an address ReportLab may split at a line's end
    "https://example.org/a/b/c/d",
]
LOGO = Path(__file__).parent / "data" / "themes" / "example-logo.png"
FONTS = [("Helvetica", 9), ("Times-Roman", 8.75), ("Courier", 10)]


def _spans(rng: random.Random) -> tuple[Span, ...]:
    spans = []
    for _ in range(rng.randint(1, 6)):
        words = [
            rng.choice(RARE_WORDS if rng.random() < 0.02 else WORDS)
            for _ in range(rng.randint(1, 14))
        ]
        text = rng.choice([" ", "  ", ""]) + " ".join(words) + rng.choice([" ", "", ", ", ". "])
        href = rng.choice([None, None, None, "https://example.org/a?b=1&c=2"])
        spans.append(Span(text, bold=rng.random() < 0.35, italic=rng.random() < 0.2, href=href))
    return tuple(spans)


def _markup(rng: random.Random) -> str:
    """Spans with run marks between some of them, as run_markup writes them."""
    parts = []
    for index, span in enumerate(_spans(rng)):
        if index and rng.random() < 0.7:
            parts.append(f'<onDraw name="{RUN_CALLBACK}" label="{index}"/>')
        if rng.random() < 0.05:
            parts.append(rng.choice(["<b></b>", "<i> </i>", "<b>\u00a0</b>"]))
        parts.append(to_reportlab((span,), link_color="#123456", emphasis_color="#654321"))
    return "".join(parts)


def _style(rng: random.Random) -> ParagraphStyle:
    font, size = rng.choice(FONTS)
    return ParagraphStyle(
        "example",
        fontName=font,
        fontSize=size,
        leading=size * 1.2,
        alignment=rng.choice([TA_LEFT, TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY]),
        spaceShrinkage=rng.choice([0, 0.05, 0.05, 0.2]),
        uriWasteReduce=rng.choice([0, 0.3, 0.3, 0.5]),
        splitLongWords=rng.choice([0, 1, 1]),
    )


def _widths(rng: random.Random) -> Any:
    width = rng.choice([40.0, 80.0, 109.5, 179.3125, 259.0, 540.0, rng.uniform(30, 300)])
    return rng.choice([width, [width, width], [width - 12.0, width], (width,)])


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return [_value(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_value(item) for item in value)
    if hasattr(value, "__dict__"):
        return (type(value).__name__, {k: _value(v) for k, v in sorted(vars(value).items())})
    return (type(value).__name__, repr(value))


def _state(paragraph: Paragraph, lines: ParaLines) -> Any:
    """Everything breaking leaves behind: the lines, the frag words, the widest line."""
    return _value(
        (
            lines,
            paragraph.frags,
            paragraph._width_max,
            paragraph.height,
            paragraph._splitLongWordCount,
            paragraph._hyphenations,
        )
    )


def _both(markup: str, style: ParagraphStyle, widths: Any) -> tuple[Any, Any] | None:
    """(ReportLab's, ours), or None when ours leaves the paragraph to ReportLab."""
    theirs = Paragraph(markup, style)
    expected = _state(theirs, theirs.breakLines(_copy(widths)))
    ours = Paragraph(markup, style)
    lines = frag_lines(ours, _copy(widths))
    if lines is None:
        return None
    return expected, _state(ours, lines)


def _copy(widths: Any) -> Any:
    return list(widths) if isinstance(widths, list) else widths


def test_lines_equal_reportlabs_on_generated_paragraphs() -> None:
    rng = random.Random(20311)
    handled = left = 0
    for _ in range(400):
        markup, style, widths = _markup(rng), _style(rng), _widths(rng)
        both = _both(markup, style, widths)
        if both is None:
            left += 1
            continue
        handled += 1
        expected, actual = both
        assert actual == expected, (markup, widths)
    # Most paragraphs are ours; the ones ReportLab splits a word in are its own.
    assert handled > 250 and left > 20, (handled, left)


@pytest.mark.parametrize(
    "markup",
    [
        "one plain fragment",  # ReportLab's single-fragment path
        "a<br/>break",
        "soft\u00adhyphen <b>here</b>",
        f'<img src="{LOGO}" width="10" height="10"/> and <b>text</b>',
    ],
)
def test_what_reportlab_breaks_otherwise_is_left_to_it(markup: str) -> None:
    style = ParagraphStyle("example", fontName="Helvetica", fontSize=9)
    paragraph = Paragraph(markup, style)
    frags = paragraph.frags
    assert frag_lines(paragraph, [100.0]) is None
    assert paragraph.frags is frags


@pytest.mark.parametrize(
    "setting",
    [
        {"hyphenationLang": "en_US"},
        {"embeddedHyphenation": 1},
        {"wordWrap": "RTL"},
        {"shaping": 1},
    ],
)
def test_styles_with_reportlabs_rarer_turns_are_left_to_it(setting: dict[str, Any]) -> None:
    style = ParagraphStyle("example", fontName="Helvetica", fontSize=9, **setting)
    paragraph = Paragraph("some <b>bold</b> words", style)
    assert frag_lines(paragraph, [100.0]) is None


def test_a_bulleted_paragraph_is_left_to_reportlab() -> None:
    style = ParagraphStyle("example", fontName="Helvetica", fontSize=9)
    paragraph = Paragraph("some <b>bold</b> words", style, bulletText="•")
    assert frag_lines(paragraph, [100.0]) is None


def test_a_word_reportlab_would_split_leaves_the_paragraph_to_it() -> None:
    style = ParagraphStyle("example", fontName="Helvetica", fontSize=9, uriWasteReduce=0)
    long_word = "Exampleorganisationwithaverylongname"
    paragraph = Paragraph(f"a <b>{long_word}</b> word", style)
    assert frag_lines(paragraph, [60.0]) is None
    unsplit = ParagraphStyle("unsplit", parent=style, splitLongWords=0)
    both = _both(f"a <b>{long_word}</b> word", unsplit, [60.0])
    assert both is not None and both[0] == both[1]  # too long, but left whole: ours

"""A paragraph made from a known shape of markup gets exactly the fragments ReportLab's parse
would give it: compared attribute for attribute on thousands of generated pairs."""

from __future__ import annotations

import random
from typing import Any

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from factsheet.content.markup import Span, escape, to_reportlab
from factsheet.layout.markup_shapes import ShapeCache, shape_of, template_of
from factsheet.layout.runs import RUN_CALLBACK

STYLE = ParagraphStyle("example", fontName="Helvetica", fontSize=9, leading=11)
# Words with the characters markup escapes, no-break spaces and figures, as rows hold them.
WORDS = ["Example", "region", "5\u00a0055", "12\u00a0%", "R&D", "a<b", "x>y", "2,031", "  ", "é"]


def _spans(rng: random.Random) -> tuple[Span, ...]:
    spans = []
    for _ in range(rng.randint(1, 5)):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
        href = rng.choice([None, None, "https://example.org/a?b=1&c=2"])
        spans.append(Span(text, bold=rng.random() < 0.3, italic=rng.random() < 0.2, href=href))
    return tuple(spans)


def _markup(spans: tuple[Span, ...], callbacks: list[int]) -> str:
    # Callbacks between spans, as run_markup places them at each change of run.
    parts = []
    for index, span in enumerate(spans):
        if index in callbacks:
            parts.append(f'<onDraw name="{RUN_CALLBACK}" label="{index}"/>')
        parts.append(to_reportlab((span,), link_color="#123456", emphasis_color="#654321"))
    return "".join(parts)


PLAIN = [w for w in WORDS if not set(w) & set("&<>")]


def _reworded(spans: tuple[Span, ...], rng: random.Random) -> tuple[Span, ...]:
    """The same spans with other words where no character is escaped: a later row."""

    def other(word: str) -> str:
        return rng.choice(PLAIN) if word in PLAIN else word

    return tuple(
        Span(" ".join(other(w) for w in s.text.split(" ")), s.bold, s.italic, s.href) for s in spans
    )


def _described(frags: list[Any]) -> list[dict[str, Any]]:
    return [{k: repr(v) for k, v in vars(frag).items()} for frag in frags]


def _taught(markup: str) -> ShapeCache:
    cache = ShapeCache({id(STYLE): STYLE})
    parsed = Paragraph(markup, STYLE)
    cache.keep(STYLE, parsed.text, parsed.frags)
    return cache


def test_fragments_from_a_shape_equal_reportlabs_parse() -> None:
    rng = random.Random(2031)
    made = 0
    for _ in range(2_000):
        spans = _spans(rng)
        callbacks = [i for i in range(1, len(spans)) if rng.random() < 0.5]
        first, second = _markup(spans, callbacks), _markup(_reworded(spans, rng), callbacks)
        if shape_of(cleanBlockQuotedText(first))[0] != shape_of(cleanBlockQuotedText(second))[0]:
            continue  # a word list that cleans to no text changes the shape: not a pair
        found = _taught(first).frags_for(second, STYLE)
        assert found is not None, first
        parsed = Paragraph(second, STYLE)
        assert found[0] == parsed.text
        assert _described(found[1]) == _described(parsed.frags), second
        made += 1
    assert made > 1_500  # most pairs share their shape, as a series' rows do


def test_a_shape_is_kept_only_in_a_lasting_style_and_used_only_for_it() -> None:
    markup = "In <b>2031</b>, 5\u00a0055 rooms"
    other = ParagraphStyle("other", parent=STYLE)
    cache = ShapeCache({id(STYLE): STYLE})
    parsed = Paragraph(markup, other)
    cache.keep(other, parsed.text, parsed.frags)  # a style made for one use: not kept
    assert cache.templates == {}
    cache.keep(STYLE, parsed.text, Paragraph(markup, STYLE).frags)
    assert cache.frags_for("In <b>2032</b>, 7\u00a0320 rooms", other) is None
    assert cache.frags_for("In <b>2032</b>, 7\u00a0320 rooms", STYLE) is not None
    assert cache.frags_for("In 2032, 7\u00a0320 <b>rooms</b>", STYLE) is None  # another shape


@pytest.mark.parametrize(
    "markup",
    [
        "first<br/>second",  # a tag whose fragments this module does not foresee
        "x &nbsp; y",  # an entity ReportLab reads otherwise than the standard does
    ],
)
def test_markup_this_module_cannot_foresee_is_left_to_reportlab(markup: str) -> None:
    parsed = Paragraph(markup, STYLE)
    shape, texts = shape_of(parsed.text)
    if markup.startswith("first"):
        assert template_of(shape, texts, parsed.frags) is None
    else:
        template = template_of(shape, texts, parsed.frags)
        expected = [frag.text for frag in parsed.frags]
        assert template is None or [frag.text for frag in template] == expected


@pytest.mark.parametrize("transform", ["uppercase", "lowercase"])
def test_a_style_that_transforms_text_is_always_parsed(transform: str) -> None:
    # Lower case on lower-case words changes nothing the parse shows, and is refused too: a
    # later row's words may have capitals.
    style = ParagraphStyle(transform, parent=STYLE, textTransform=transform)
    cache = ShapeCache({id(style): style})
    parsed = Paragraph("one <b>two</b>", style)
    cache.keep(style, parsed.text, parsed.frags)
    assert cache.templates == {}
    assert cache.frags_for("Three <b>Four</b>", style) is None


def test_fragments_whose_texts_are_not_the_markups_make_no_template() -> None:
    upper = ParagraphStyle("upper", parent=STYLE, textTransform="uppercase")
    parsed = Paragraph("one <b>two</b>", upper)
    assert [frag.text for frag in parsed.frags] == ["ONE ", "TWO"]
    assert template_of(*shape_of(parsed.text), parsed.frags) is None
    plain = Paragraph("one <b>two</b>", STYLE)
    assert template_of(*shape_of(plain.text), plain.frags) is not None


def test_the_cache_is_bounded() -> None:
    cache = ShapeCache({id(STYLE): STYLE})
    for n in range(ShapeCache.LIMIT + 1):
        markup = "x" + "<b>y</b>" * (n + 1)  # each a shape of its own
        parsed = Paragraph(markup, STYLE)
        cache.keep(STYLE, parsed.text, parsed.frags)
    assert len(cache.templates) == 1  # cleared when full, then the newest kept


def test_escaped_words_keep_their_characters() -> None:
    cache = _taught(escape("R&D at 5\u00a0055"))
    found = cache.frags_for(escape("S&P at 7\u00a0320"), STYLE)
    assert found is not None
    assert "".join(frag.text for frag in found[1]) == "S&P at 7\u00a0320"

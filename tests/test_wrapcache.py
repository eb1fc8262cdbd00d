"""What a builder remembers between sheets: broken lines of the texts every row draws alike."""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from factsheet.layout.flowables import SheetParagraph
from factsheet.layout.wrapcache import WrapCache

STYLE = ParagraphStyle("example", fontName="Helvetica", fontSize=9, leading=11)
MARKUP = "Every <b>example</b> row draws this same paragraph, " * 6
WIDTH = 150.0


def _lasting(cache: WrapCache, style: ParagraphStyle = STYLE) -> WrapCache:
    cache.lasting[id(style)] = style
    return cache


def _drawn(cache: WrapCache, markup: str = MARKUP) -> tuple[SheetParagraph, bytes]:
    """A paragraph measured through the cache, then drawn: the operators it wrote."""
    made = SheetParagraph(markup, STYLE, parses=cache)
    made.cache, made.cache_key = cache, (markup, STYLE.name)
    made.wrap(WIDTH, 1e6)
    canvas = Canvas(io.BytesIO())
    made.drawOn(canvas, 10, 10)
    return made, "\n".join(canvas._code).encode()


def test_lines_are_kept_the_second_time_they_are_broken_to_draw_and_drawn_alike() -> None:
    cache = _lasting(WrapCache())
    _, drawn = _drawn(cache)  # broken to measure: drawn with those lines
    second, _ = _drawn(cache)  # measured from memory, so broken to draw: noted
    assert cache.lines == {} and cache.lines_seen == {(MARKUP, id(STYLE), WIDTH)}
    third, again = _drawn(cache)  # broken to draw a second time: kept
    assert list(cache.lines) == [(MARKUP, id(STYLE), WIDTH)]
    fourth, remembered = _drawn(cache)
    assert fourth.blPara is third.blPara  # drawn from the kept lines, not broken again
    assert second.blPara is not third.blPara
    assert drawn == again == remembered
    assert len(fourth.blPara.lines) > 3


def test_lines_are_kept_only_in_a_lasting_style() -> None:
    cache = WrapCache()  # STYLE is not one of the cache's styles
    for _ in range(3):
        _drawn(cache)
    assert cache.lines == {} and cache.lines_seen == set()


def test_kept_lines_serve_only_their_markup_width_and_style() -> None:
    cache = _lasting(WrapCache())
    made = SheetParagraph(MARKUP, STYLE)
    made.wrap(WIDTH, 1e6)
    for _ in range(2):
        cache.keep_lines(MARKUP, STYLE, WIDTH, made.blPara, made.frags)
    assert cache.lines_of(MARKUP, STYLE, WIDTH) == (made.blPara, made.frags)
    assert cache.lines_of(MARKUP, STYLE, WIDTH + 1) is None
    assert cache.lines_of(MARKUP + " ", STYLE, WIDTH) is None
    other = ParagraphStyle("other", parent=STYLE)
    assert cache.lines_of(MARKUP, other, WIDTH) is None
    # A style made later may reuse a dead one's identity: its lines are not the dead one's.
    cache.lines[(MARKUP, id(other), WIDTH)] = cache.lines[(MARKUP, id(STYLE), WIDTH)]
    assert cache.lines_of(MARKUP, other, WIDTH) is None


def test_remembered_lines_are_bounded() -> None:
    cache = _lasting(WrapCache())
    made = SheetParagraph(MARKUP, STYLE)
    made.wrap(WIDTH, 1e6)
    for n in range(WrapCache.LINES_LIMIT + 1):
        for _ in range(2):
            cache.keep_lines(f"text {n}", STYLE, WIDTH, made.blPara, made.frags)
    assert len(cache.lines) == 1  # cleared when full, then the newest kept
    assert cache.lines_of(f"text {WrapCache.LINES_LIMIT}", STYLE, WIDTH) is not None
    cache = _lasting(WrapCache())
    for n in range(WrapCache.LIMIT + 1):
        cache.keep_lines(f"once {n}", STYLE, WIDTH, made.blPara, made.frags)
    assert cache.lines_seen == {(f"once {WrapCache.LIMIT}", id(STYLE), WIDTH)}

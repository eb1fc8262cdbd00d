"""Reading a page back, operator by operator: colours, fills and fonts are what verify and check
judge by, so each operator the walker follows is pinned here on a hand-made content stream."""

from __future__ import annotations

from typing import Any

import pytest
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from factsheet.verify.readback import (
    _collect_fonts,
    _is_number,
    _PageWalker,
    _to_rgb,
    page_fonts,
)

IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def walk(*operations: tuple[str | bytes, list[Any]]) -> _PageWalker:
    walker = _PageWalker()
    for operator, operands in operations:
        walker.operator(operator, operands, IDENTITY, IDENTITY)
    return walker


SQUARE = ("re", [0, 0, 10, 10])


@pytest.mark.parametrize("fill", ["f", "f*", "F", "B", "B*", "b", "b*"])
def test_every_fill_operator_fills_the_path(fill: str) -> None:
    walker = walk(("rg", [1, 0, 0]), SQUARE, (fill, []))
    assert [(f.left, f.bottom, f.right, f.top, f.color) for f in walker.fills] == [
        (0, 0, 10, 10, (1, 0, 0))
    ]
    assert walker.path == []


@pytest.mark.parametrize("end", ["n", "S", "s"])
def test_a_path_ended_without_filling_is_no_background(end: str) -> None:
    walker = walk(SQUARE, (end, []), ("f", []), SQUARE, ("f", []))
    assert len(walker.fills) == 1  # only the second square, filled after its own `re`


def test_fills_accumulate_and_a_short_re_is_ignored() -> None:
    walker = walk(SQUARE, ("f", []), ("re", [0, 0, 5]), ("re", [20, 20, 5, 5]), ("f", []))
    assert [(f.left, f.top) for f in walker.fills] == [(0, 10), (20, 25)]


@pytest.mark.parametrize(
    ("operator", "operands", "color"),
    [
        ("rg", [0.1, 0.2, 0.3], (0.1, 0.2, 0.3)),
        ("g", [0.5], (0.5, 0.5, 0.5)),
        # CMYK to RGB: each channel is (1 - ink) x (1 - black).
        ("k", [0.1, 0.2, 0.3, 0.4], (0.9 * 0.6, 0.8 * 0.6, 0.7 * 0.6)),
        ("sc", [0.0, 1.0, 0.0], (0.0, 1.0, 0.0)),
        ("scn", [0.0, 0.0, 1.0], (0.0, 0.0, 1.0)),
        (b"rg", [0.3, 0.2, 0.1], (0.3, 0.2, 0.1)),  # pypdf hands operators over as bytes
        ("scn", ["/P0"], (0.25, 0.25, 0.25)),  # a pattern: keep the colour before it
        ("RG", [1, 0, 0], (0.25, 0.25, 0.25)),  # a stroke colour does not colour text
        ("G", [1], (0.25, 0.25, 0.25)),
        ("SCN", [1, 0, 0], (0.25, 0.25, 0.25)),
    ],
)
def test_fill_colour_operators(operator: str | bytes, operands: list[Any], color: Any) -> None:
    walker = walk(("g", [0.25]), (operator, operands))
    assert walker.color == pytest.approx(color)


def test_save_and_restore_bring_the_colour_back() -> None:
    walker = walk(("rg", [1, 0, 0]), ("q", []), ("g", [0.5]), ("Q", []))
    assert walker.color == (1, 0, 0)
    walker = walk(("Q", []), ("rg", [0, 1, 0]))  # a stray Q changes nothing
    assert walker.color == (0, 1, 0)
    walker = walk(("q", []), ("g", [0.5]), ("q", []), ("g", [0.1]), ("Q", []))
    assert walker.color == (0.5, 0.5, 0.5)


def test_text_takes_the_last_fill_under_it() -> None:
    walker = walk(("g", [0.5]), SQUARE, ("f", []), ("rg", [1, 1, 1]))
    walker.text("on grey", IDENTITY, [1, 0, 0, 1, 5, 5], None, 9)
    walker.text("on white", IDENTITY, [1, 0, 0, 1, 50, 50], None, 9)
    on_grey, on_white = walker.runs
    assert (on_grey.color, on_grey.background) == ((1, 1, 1), (0.5, 0.5, 0.5))
    assert on_white.background == (1, 1, 1)
    assert on_grey.font == ""  # no font object: no name


def test_colour_conversion_keeps_channels_in_order() -> None:
    assert _to_rgb([0.1, 0.2, 0.3], (0, 0, 0)) == (0.1, 0.2, 0.3)
    assert _to_rgb([0.4], (0, 0, 0)) == (0.4, 0.4, 0.4)
    assert _to_rgb([0.1, 0.2], (0.7, 0.8, 0.9)) == (0.7, 0.8, 0.9)  # two numbers: no colour
    assert _to_rgb([], (0.7, 0.8, 0.9)) == (0.7, 0.8, 0.9)


def test_is_number() -> None:
    assert _is_number(1) and _is_number("0.5")
    assert not _is_number("/P0") and not _is_number(None)


def _font(**entries: Any) -> DictionaryObject:
    return DictionaryObject({NameObject(k): v for k, v in entries.items()})


def _resources(fonts: dict[str, DictionaryObject], **more: Any) -> DictionaryObject:
    resources = {
        NameObject("/Font"): DictionaryObject({NameObject(k): v for k, v in fonts.items()})
    }
    resources.update({NameObject(k): v for k, v in more.items()})
    return DictionaryObject(resources)


def _descriptor(embedded: bool) -> DictionaryObject:
    return _font(**({"/FontFile2": StreamObject()} if embedded else {"/Flags": NameObject("/x")}))


def test_fonts_embedded_or_not_by_kind() -> None:
    fonts = {
        "/F1": _font(**{"/BaseFont": NameObject("/Simple"), "/FontDescriptor": _descriptor(True)}),
        "/F2": _font(**{"/BaseFont": NameObject("/Bare"), "/FontDescriptor": _descriptor(False)}),
        "/F3": _font(**{"/BaseFont": NameObject("/Drawn"), "/Subtype": NameObject("/Type3")}),
        "/F4": _font(
            **{
                "/BaseFont": NameObject("/Composite"),
                "/Subtype": NameObject("/Type0"),
                "/DescendantFonts": ArrayObject([_font(**{"/FontDescriptor": _descriptor(True)})]),
            }
        ),
        "/F5": _font(**{"/Name": NameObject("/OnlyNamed")}),
        "/F6": _font(),
    }
    found: dict[str, bool] = {}
    _collect_fonts(_resources(fonts), found, depth=0)
    assert found == {
        "/Simple": True,
        "/Bare": False,
        "/Drawn": True,  # Type 3 glyphs are drawings inside the file
        "/Composite": True,  # through its descendant's descriptor
        "/OnlyNamed": False,
        "?": False,
    }


def test_fonts_are_followed_into_forms_eight_deep() -> None:
    # A form inside a form ... : fonts at depth 8 still count, at 9 the walk stops (a loop guard).
    def nested(depth: int) -> DictionaryObject:
        name = f"/Depth{depth}"
        descriptor = _descriptor(True)
        fonts = {"/F": _font(**{"/BaseFont": NameObject(name), "/FontDescriptor": descriptor})}
        if depth == 9:
            return _resources(fonts)
        form = _font(**{"/Subtype": NameObject("/Form"), "/Resources": nested(depth + 1)})
        image = _font(**{"/Subtype": NameObject("/Image"), "/Resources": _resources({})})
        return _resources(fonts, **{"/XObject": _font(**{"/Fm": form, "/Im": image})})

    page = _font(**{"/Resources": nested(0)})
    assert sorted(page_fonts(page)) == sorted(f"/Depth{d}" for d in range(9))
    assert page_fonts(_font()) == {}


def test_text_position_and_size_go_through_both_matrices() -> None:
    # Matrices chosen so that no two entries are equal and no entry is 0 or 1, so that any
    # swapped index or operator changes the result.
    cm = [2.0, 3.0, -4.0, 2.0, 100.0, 50.0]
    tm = [3.0, 4.0, 5.0, 3.0, 10.0, 20.0]
    walker = _PageWalker()
    walker.text("x", cm, tm, _font(**{"/BaseFont": NameObject("/Example")}), 9)
    run = walker.runs[0]
    # x = 10 * 2 + 20 * -4 + 100; y = 10 * 3 + 20 * 2 + 50
    assert (run.x, run.y) == (40.0, 120.0)
    # size = 9 pt x |(3, 4)| = 5 x |(2, 3)| = sqrt(13)
    assert run.size == pytest.approx(9 * 5 * 13**0.5)
    assert run.font == "/Example"
    walker.text("", cm, tm, None, 9)  # an empty show adds no run
    assert len(walker.runs) == 1


def test_rectangles_turn_with_the_matrix() -> None:
    walker = _PageWalker()
    turned = [0.0, 1.0, -1.0, 0.0, 100.0, 0.0]  # a quarter turn, then 100 pt to the right
    walker.operator("re", [0, 0, 10, 5], turned, IDENTITY)
    walker.operator("f", [], turned, IDENTITY)
    fill = walker.fills[0]
    # Corners (0,0) (10,0) (0,5) (10,5) land on (100,0) (100,10) (95,0) (95,10).
    assert (fill.left, fill.bottom, fill.right, fill.top) == (95, 0, 100, 10)


@pytest.mark.parametrize(("x", "y"), [(0, 5), (10, 5), (5, 0), (5, 10)])
def test_text_on_the_edge_of_a_fill_is_on_it(x: float, y: float) -> None:
    walker = walk(("g", [0.5]), SQUARE, ("f", []))
    walker.text("x", IDENTITY, [1, 0, 0, 1, x, y], None, 9)
    assert walker.runs[0].background == (0.5, 0.5, 0.5)


def test_a_page_starts_black_with_no_path() -> None:
    walker = _PageWalker()
    assert (walker.color, walker.path, walker.fills, walker.saved) == ((0, 0, 0), [], [], [])
    walker.text("x", IDENTITY, IDENTITY, None, 9)
    assert walker.runs[0].color == (0, 0, 0)


@pytest.mark.parametrize("program", ["/FontFile", "/FontFile2", "/FontFile3"])
def test_each_kind_of_font_program_counts_as_embedded(program: str) -> None:
    # Type 1, TrueType and CFF/OpenType programs, each in its own descriptor key.
    descriptor = _font(**{program: StreamObject()})
    fonts = {"/F": _font(**{"/BaseFont": NameObject("/Example"), "/FontDescriptor": descriptor})}
    found: dict[str, bool] = {}
    _collect_fonts(_resources(fonts), found, depth=0)
    assert found == {"/Example": True}


def test_a_run_in_a_font_without_a_name_has_an_empty_font_name() -> None:
    walker = _PageWalker()
    walker.text("x", IDENTITY, IDENTITY, _font(), 9)
    assert walker.runs[0].font == ""


def _actual_text(text: str) -> DictionaryObject:
    return _font(**{"/ActualText": TextStringObject(text)})


def _read(walker: _PageWalker, *shown: str) -> None:
    for text in shown:
        walker.text(text, IDENTITY, IDENTITY, None, 9)


def test_glyphs_under_actual_text_read_as_it_once_through_a_nested_sequence() -> None:
    # A shaped ligature: its glyphs read as "fi" once. A BMC inside the span (an artifact mark)
    # is its own sequence: its EMC must not close the span around it.
    walker = walk(("BDC", [NameObject("/Span"), _actual_text("fi")]), ("BMC", [NameObject("/X")]))
    _read(walker, "\ue000")
    walker.operator("EMC", [], IDENTITY, IDENTITY)
    _read(walker, "\ue001")  # still inside the span, which was read already
    walker.operator("EMC", [], IDENTITY, IDENTITY)
    _read(walker, "c")
    assert [run.text for run in walker.runs] == ["fi", "c"]
    assert walker.marked == []


def test_marked_content_without_properties_reads_as_drawn() -> None:
    # A BDC missing its property list (damaged) opens a sequence that says nothing; a BMC never
    # has properties, so a second operand given to one is not read as an ActualText.
    walker = walk(
        ("BDC", [NameObject("/Span")]), ("BMC", [NameObject("/Span"), _actual_text("no")])
    )
    _read(walker, "a")
    assert [run.text for run in walker.runs] == ["a"]
    assert walker.marked == [[None, False], [None, False]]


@pytest.mark.parametrize(
    ("table", "kind"),
    [
        # Each kind named as a reader of the message would call it.
        (ArrayObject(), "an array"),
        (NullObject(), "null"),
        (NumberObject(7), "a number (7)"),
        (FloatObject(1.5), "a number (1.5)"),
        (NameObject("/Fonts"), "a name"),
        (BooleanObject(True), "a boolean"),
        (TextStringObject("fonts"), "a textstring"),
    ],
)
def test_a_font_table_of_another_kind_is_named_in_the_damage(table: Any, kind: str) -> None:
    damaged: list[str] = []
    page = _font(**{"/Resources": _font(**{"/Font": table})})
    assert page_fonts(page, damaged) == {}
    assert damaged == [f"/Font resources are {kind}, not a dictionary of fonts"]


def test_properties_named_by_a_resource_are_not_read_as_a_dictionary() -> None:
    # "/Span /MC0 BDC": the properties are a name (looked up in the page's resources), not an
    # inline dictionary; the sequence opens without an ActualText, and nothing breaks.
    walker = walk(("BDC", [NameObject("/Span"), NameObject("/MC0")]))
    _read(walker, "a")
    assert [run.text for run in walker.runs] == ["a"]


def test_damaged_fonts_are_passed_over_and_the_rest_still_read() -> None:
    fonts = {
        "/F1": NumberObject(5),  # not a font: passed over, the next one still read
        "/F2": _font(**{"/BaseFont": NameObject("/Kept"), "/FontDescriptor": _descriptor(True)}),
        # A composite font whose descendant is not a dictionary: no program found.
        "/F3": _font(
            **{"/BaseFont": NameObject("/Composite"), "/DescendantFonts": ArrayObject([5])}
        ),
    }
    xobjects = {
        "/Im": NumberObject(7),  # not a dictionary: skipped
        "/Fm": _font(
            **{
                "/Subtype": NameObject("/Form"),
                "/Resources": _font(**{"/Font": ArrayObject()}),  # damaged inside a form
            }
        ),
    }
    page = _font(**{"/Resources": _resources(fonts, **{"/XObject": _font(**xobjects)})})
    assert page_fonts(page) == {"/Kept": True, "/Composite": False}  # no list: no complaint
    damaged: list[str] = []
    page_fonts(page, damaged)
    assert damaged == [
        "font /F1 is a number (5), not a font dictionary",
        "/Font resources are an array, not a dictionary of fonts",
    ]

"""Preflight on odd and damaged files: each damaged part fails its own check, located, and the
others still run; box and font details as the report gives them; the edges of the limits."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pikepdf
import pytest
from conftest import PREFLIGHT_CHECK_IDS
from pikepdf import Array, Dictionary, Name, String

from factsheet.verify import preflight as pf
from factsheet.verify.document_checks import Check, tagged_check
from factsheet.verify.readback import TextRun

IDS = PREFLIGHT_CHECK_IDS


def blank(change: Callable[[pikepdf.Pdf], None] = lambda pdf: None, pages: int = 1) -> bytes:
    """US Letter pages (612 x 792 pt) with nothing on them, then `change` applied."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(612, 792))
    change(pdf)
    buffer = io.BytesIO()
    pdf.save(buffer, fix_metadata_version=False)  # keep the XMP exactly as written
    return buffer.getvalue()


def checks(pdf: bytes) -> dict[str, Check]:
    return {check.id: check for check in pf.preflight(pdf, "example.pdf").checks}


# Where each check's work is done: the module-level function preflight calls for it.
WORKERS = {
    "page_size": "_boxes",
    "fonts": "_fonts",
    "text_inside_trim": "_inside_trim",
    "smallest_text": "_smallest_text",
    "contrast": "_contrast",
    "links": "links_check",
    "tagged": "tagged_check",
    "layout": "layout_check",
}


@pytest.mark.parametrize("check_id", sorted(WORKERS))
def test_a_check_that_cannot_read_its_part_fails_alone(
    check_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(*args: object) -> Check:
        raise ValueError("example damage")  # as a hostile file's broken object would

    monkeypatch.setattr(pf, WORKERS[check_id], damaged)
    report = pf.preflight(blank(), "example.pdf")
    assert [check.id for check in report.checks] == IDS  # every check still reported, in order
    failed = [check for check in report.checks if not check.ok]
    assert failed == [
        Check(
            check_id,
            False,
            "could not be read: example damage (ValueError)",
            {"error": "example damage (ValueError)"},
        )
    ]


def test_a_real_damaged_structure_tree_fails_the_tag_check_only() -> None:
    def damaged(pdf: pikepdf.Pdf) -> None:
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.StructTreeRoot = 5  # a number where the tree's dictionary must be

    found = checks(blank(damaged))
    assert [check_id for check_id, check in found.items() if not check.ok] == ["tagged"]
    assert found["tagged"].summary.startswith("could not be read: ")


def test_a_page_tree_that_cannot_be_read_is_one_failed_check() -> None:
    report = pf.preflight(blank(lambda pdf: setattr(pdf.Root, "Pages", 5)), "example.pdf")
    assert report.as_json()["checks"] == [
        {
            "id": "readable",
            "ok": False,
            "summary": "not a readable PDF: Invalid object in /Pages (PdfReadError)",
            "details": {},
        }
    ]


def test_boxes_are_named_and_measured_from_the_right_edges() -> None:
    def boxes(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0].obj
        # Left and bottom differ in every box, so no edge can stand in for another; the
        # media box's right edge has a third decimal, which the report rounds to two.
        page.MediaBox = Array([0, 0, 636.333, 812])
        page.BleedBox = Array([3, 2, 633, 810])
        page.TrimBox = Array([12, 10, 624, 802])

    check = checks(blank(boxes))["page_size"]
    # The trim box is 612 x 792 pt: US Letter; its left edge is 12 - 3 = 9 pt inside the
    # bleed box's: 9 / 72 in = 3.175 mm, shown to one decimal.
    assert check.summary == "US Letter, 8.50 x 11.00 in, bleed 3.2 mm"
    assert check.details == {
        "mediabox": [0.0, 0.0, 636.33, 812.0],
        "cropbox": [0.0, 0.0, 636.33, 812.0],  # no crop box: the media box
        "trimbox": [12.0, 10.0, 624.0, 802.0],
        "bleedbox": [3.0, 2.0, 633.0, 810.0],
    }


def test_damaged_fonts_are_listed_by_page_and_the_summary_names_three() -> None:
    def fonts(pdf: pikepdf.Pdf) -> None:
        for page in pdf.pages:
            table = Dictionary(F1=5, F2=String("x"), F3=Array([]), F4=Name.Helvetica)
            page.obj.Resources = Dictionary(Font=table)

    check = checks(blank(fonts, pages=2))["fonts"]
    kinds = ["a number (5)", "a textstring", "an array", "a name"]
    damaged = [
        f"page {page}: font /F{n} is {kind}, not a font dictionary"
        for page in (1, 2)
        for n, kind in enumerate(kinds, start=1)
    ]
    assert (check.ok, check.details) == (False, {"fonts": {}, "damaged": damaged})
    # Eight in all: the first three, then how many more.
    assert check.summary == "; ".join(damaged[:3]) + " (and 5 more)"


def test_four_damaged_fonts_are_three_and_one_more() -> None:
    def fonts(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.Resources = Dictionary(Font=Dictionary(F1=5, F2=6, F3=7, F4=8))

    assert checks(blank(fonts))["fonts"].summary.endswith(
        "font /F3 is a number (7), not a font dictionary (and 1 more)"
    )


def test_three_damaged_fonts_are_named_without_a_count() -> None:
    def fonts(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.Resources = Dictionary(Font=Dictionary(F1=5, F2=6, F3=7))

    summary = checks(blank(fonts))["fonts"].summary
    assert summary == "; ".join(
        f"page 1: font /F{n} is a number ({n + 4}), not a font dictionary" for n in (1, 2, 3)
    )


def _runs(*runs: TextRun) -> Callable[[object], list[TextRun]]:
    """Page text as given (one list for every page), in place of reading it from the page."""
    return lambda page: list(runs)


def test_text_outside_the_trim_on_every_page_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    # 30 runs per page left of the page (x = -50), each 50 characters long, on two pages.
    long_text = "Example text that is fifty characters long, really"
    assert len(long_text) == 50
    outside = [TextRun(long_text, -50, 100 + 10 * n, 10) for n in range(30)]
    monkeypatch.setattr(pf, "text_runs", _runs(*outside))
    check = checks(blank(pages=2))["text_inside_trim"]
    assert check.summary == f"60 runs of text outside the safe area, e.g. {long_text[:40]!r}"
    listed = check.details["outside"]
    assert len(listed) == 50  # at most 50 listed; the summary counts them all
    assert listed[0] == {"page": 1, "text": long_text[:40], "x": -50, "y": 100}
    assert listed[30] == {"page": 2, "text": long_text[:40], "x": -50, "y": 100}


@pytest.mark.parametrize(
    ("size", "ok", "points"),
    [
        (5.99, True, 5.99),  # 6 pt less a hundredth: rounding in the file, still 6 pt
        (5.98, False, 5.98),
        (6.125, True, 6.12),  # the smallest size is reported to two decimals
    ],
)
def test_smallest_text_edges(
    size: float, ok: bool, points: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pf, "text_runs", _runs(TextRun("Example", 72, 400, size)))
    check = checks(blank())["smallest_text"]
    assert (check.ok, check.details) == (ok, {"points": points})


GREY = (0.5, 0.5, 0.5)
"""Mid grey (#808080: 0.5 x 255 = 127.5, rounded to 128) on white: 4.0:1, below the 4.5:1
normal text needs and above the 3:1 of large text."""


def test_contrast_edges() -> None:
    ratio = pf.contrast_ratio(GREY, (1.0, 1.0, 1.0))
    assert 3.0 < ratio < 4.5

    def contrast(*runs: TextRun) -> Check:
        return pf._contrast(list(runs))

    # 14 pt bold is large text (WCAG); 14 pt regular and 13.9 pt bold are not.
    assert contrast(TextRun("Example", 72, 400, 14, "Carlito-Bold", GREY)).ok
    assert not contrast(TextRun("Example", 72, 400, 14, "Carlito", GREY)).ok
    assert not contrast(TextRun("Example", 72, 400, 13.9, "Carlito-Bold", GREY)).ok
    # Blank runs are skipped, and a repeated colour pair is judged once: neither hides the
    # runs after them.
    blank_first = contrast(
        TextRun("   ", 72, 500, 10),
        TextRun("Black", 72, 450, 10),
        TextRun("Black again", 72, 430, 10),
        TextRun("Example grey text that is longer than thirty characters", 72, 400, 10, "", GREY),
    )
    assert blank_first.summary == (
        "below WCAG AA: #808080 on #FFFFFF (4.0:1): 'Example grey text that is long'"
    )  # the text clipped to 30 characters
    # No text at all: nothing to judge, the best possible ratio (21:1) is reported.
    assert contrast().summary == "WCAG AA met; lowest 21.0:1"
    # Out-of-range colour values are clamped to 0..1 before they are named.
    odd = contrast(TextRun("Example", 72, 400, 10, "", (1.5, -0.5, 0.0), (1.0, 0.0, 0.0)))
    assert odd.details["pairs"][0]["text"] == "#FF0000"


def test_four_failing_pairs_name_three() -> None:
    greys = [(0.5, 0.5, 0.5), (0.55, 0.55, 0.55), (0.6, 0.6, 0.6), (0.65, 0.65, 0.65)]
    check = pf._contrast([TextRun("Example", 72, 400, 10, "", grey) for grey in greys])
    assert not check.ok
    named = check.summary.removeprefix("below WCAG AA: ").split("; ")
    assert len(named) == 3  # the first three of four
    for pair in named:
        assert re.fullmatch(r"#([0-9A-F]{2})\1\1 on #FFFFFF \(\d\.\d:1\): 'Example'", pair), pair
    assert len(check.details["pairs"]) == 4


def _link(pdf: pikepdf.Pdf, **entries: object) -> Dictionary:
    return pdf.make_indirect(
        Dictionary(Subtype=Name.Link, Rect=Array([72, 72, 144, 96]), **entries)
    )


def test_links_without_an_action_and_after_other_annotations_are_listed() -> None:
    def annotations(pdf: pikepdf.Pdf) -> None:
        note = pdf.make_indirect(Dictionary(Subtype=Name.Text, Rect=Array([0, 0, 9, 9])))
        to_page = _link(pdf, Dest=Array([pdf.pages[0].obj, Name.Fit]))  # no /A: a destination
        no_address = _link(pdf, A=Dictionary(S=Name.URI))  # a URI action without its /URI
        pdf.pages[0].obj.Annots = Array([note, to_page, no_address])

    check = checks(blank(annotations))["links"]
    assert check.details["links"] == [
        {"page": 1, "action": "", "target": ""},
        {"page": 1, "action": "/URI", "target": ""},
    ]
    assert check.details["active_content"] == ["page 1 link: (empty) address"]


@pytest.mark.parametrize(("count", "suffix"), [(5, ""), (6, "; 1 more")])
def test_unsafe_links_beyond_five_are_counted(count: int, suffix: str) -> None:
    def unsafe(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.Annots = Array(
            [_link(pdf, A=Dictionary(S=Name.URI, URI=String(f"file:///{n}"))) for n in range(count)]
        )

    summary = checks(blank(unsafe))["links"].summary
    named = "; ".join(f"page 1 link: file:///{n}" for n in range(5))
    assert summary == f"unsafe: {named}{suffix}"


def _tagged(pdf: pikepdf.Pdf, metadata: bytes | None) -> None:
    """The pieces a tagged file needs, with the XMP metadata given (or none)."""
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.StructTreeRoot = pdf.make_indirect(Dictionary(ParentTree=Dictionary(Nums=Array())))
    pdf.Root.Lang = String("en-US")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.pages[0].obj.Tabs = Name.S
    if metadata is not None:
        pdf.Root.Metadata = pdf.make_stream(metadata)


def _tag_check(metadata: bytes | None, change: Callable[[pikepdf.Pdf], None] = print) -> Check:
    def build(pdf: pikepdf.Pdf) -> None:
        _tagged(pdf, metadata)
        if change is not print:
            change(pdf)

    from pypdf import PdfReader

    return tagged_check(PdfReader(io.BytesIO(blank(build))))


def test_the_pdfua_identifier_in_either_xmp_form() -> None:
    # XMP may write a property as an element or as an attribute: both say PDF/UA-1.
    element = _tag_check(b"<rdf:Description><pdfuaid:part>1</pdfuaid:part></rdf:Description>")
    attribute = _tag_check(b'<rdf:Description pdfuaid:part="1"/>')
    for check in (element, attribute):
        assert (check.id, check.ok, check.details["pdfua_part"]) == ("tagged", True, True)
    missing = _tag_check(None)  # no XMP at all
    assert (missing.id, missing.ok) == ("tagged", False)
    assert missing.summary == "tagged, but missing: the PDF/UA identifier in XMP"


def test_several_missing_pieces_are_listed_together() -> None:
    def strip(pdf: pikepdf.Pdf) -> None:
        del pdf.Root["/Lang"]
        del pdf.pages[0].obj["/Tabs"]

    check = _tag_check(b'<rdf:Description pdfuaid:part="1"/>', strip)
    assert (check.id, check.ok) == ("tagged", False)
    assert check.summary == "tagged, but missing: /Lang, /Tabs /S on page 1"
    untagged = tagged_check(__import__("pypdf").PdfReader(io.BytesIO(blank())))
    assert (untagged.id, untagged.ok, untagged.summary) == (
        "tagged",
        True,
        "not tagged (informational)",
    )

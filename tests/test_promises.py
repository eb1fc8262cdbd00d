"""The read-back's promises, each pinned at its edge: a check that is loosened, dropped or
reworded fails here. Every PDF is made with ReportLab directly, never by factsheet, so that
the checks are tested against files whose every property is chosen."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from factsheet.content.loader import load_content
from factsheet.content.model import Sheet, ThemeRef
from factsheet.errors import Problem
from factsheet.theme.fonts import register_family
from factsheet.theme.loader import load_theme
from factsheet.verify import preflight as pf
from factsheet.verify.document_checks import Check, tagged_check
from factsheet.verify.readback import TextRun, filled_rectangles, join_runs, text_runs
from factsheet.verify.reading import read_with_pypdf
from factsheet.verify.report import Report, verify_pdf

LETTER = (612.0, 792.0)  # US Letter in points (8.5 x 11 in at 72 pt per inch)
SECTION = "factsheet: 1\nsections:\n  - heading: Example\n    body: [Example]\n"


def _font() -> str:
    return register_family(load_theme(ThemeRef("default", Path("sheet.yaml"))).fonts).regular


def pdf_with(
    draw: Callable[[Canvas, str], None], size: tuple[float, float] = LETTER, **boxes: Any
) -> bytes:
    font = _font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, initialFontName=font, **boxes)
    draw(canvas, font)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def text_at(x: float, y: float, text: str = "Example 1,234", size: float = 10) -> bytes:
    def draw(canvas: Canvas, font: str) -> None:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)

    return pdf_with(draw)


def checks(pdf: bytes, sheet: Sheet | None = None) -> dict[str, Check]:
    return {c.id: c for c in pf.preflight(pdf, "example.pdf", sheet).checks}


# --- verify: the inside-the-page test -------------------------------------------------------


@pytest.fixture
def one_figure(write_sheet: Callable[..., Path]) -> Sheet:
    # One figure, 1,234; the other texts are parts of the line text_at draws.
    return load_content(write_sheet(f"title: Example 1,234\n{SECTION}", "one.yaml"))


@pytest.mark.parametrize(
    ("x", "y", "inside"),
    [
        (0, 400, True),  # on the left edge
        (-1, 400, False),  # a point left of it
        (300, 0, True),  # on the bottom edge
        (300, -1, False),
        (300, 792, True),  # on the top edge
        (300, 793, False),
    ],
)
def test_a_figure_counts_only_inside_the_page(
    one_figure: Sheet, x: float, y: float, inside: bool
) -> None:
    report = verify_pdf(text_at(x, y), one_figure, reader=read_with_pypdf)
    assert report.ok is inside
    assert report.figures_found == (1 if inside else 0)
    if not inside:
        assert "title: figure '1,234' drawn outside the visible page" in report.failures


def test_the_right_edge_uses_the_runs_estimated_end() -> None:
    # 13 characters at 10 pt: estimated end = x + 0.3 em x 10 pt x 13 = x + 39 pt.
    run = TextRun("Example 1,234", 573.0, 400, 10)
    assert run.estimated_end == pytest.approx(612.0)
    box = (0.0, 0.0, 612.0, 792.0)
    assert run.inside(box)
    assert TextRun("Example 1,234", 573.5, 400, 10).inside(box)  # half a point of play
    assert not TextRun("Example 1,234", 573.6, 400, 10).inside(box)
    # With a margin, every edge moves in by it.
    assert TextRun("x", 9, 9, 10).inside(box, 9)
    assert not TextRun("x", 8.9, 100, 10).inside(box, 9)
    assert not TextRun("x", 100, 8.9, 10).inside(box, 9)
    assert not TextRun("x", 100, 783.1, 10).inside(box, 9)
    assert TextRun("x", 100, 783, 10).inside(box, 9)


def test_verify_reads_the_trim_box_not_the_media_box(one_figure: Sheet) -> None:
    # A 612 x 792 trim inside an 18 pt bleed: text in the bleed is not on the finished page.
    def draw(canvas: Canvas, font: str) -> None:
        canvas.setFont(font, 10)
        canvas.drawString(5, 400, "Example 1,234")

    bled = pdf_with(draw, (648, 828), trimBox=(18, 18, 630, 810), bleedBox=(0, 0, 648, 828))
    report = verify_pdf(bled, one_figure, reader=read_with_pypdf)
    assert report.page_size == (612.0, 792.0)
    # The one line is off the finished page: its figure and each text of the sheet are missing.
    assert report.failures[0] == "title: figure '1,234' drawn outside the visible page"
    assert "title: text not found on the page: 'Example 1,234'" in report.failures


def test_report_summary_says_everything(one_figure: Sheet) -> None:
    report = verify_pdf(text_at(72, 700), one_figure, reader=read_with_pypdf)
    assert report.summary() == "\n".join(
        [
            "pages: 1",
            "page size: 612 x 792 pt (8.50 x 11.00 in)",
            "figures: 1 of 1 found on the page",
            "fonts: 1, embedded: 1",  # the theme's regular face only
            "verification passed",
        ]
    )
    failed = Report(pages=2, problems=[Problem("expected exactly 1 page, found 2")])
    assert failed.summary().splitlines()[-2:] == [
        "FAIL: expected exactly 1 page, found 2",
        "verification FAILED",
    ]


def test_a_lost_text_is_named_clipped_and_located(write_sheet: Callable[..., Path]) -> None:
    long = "An example sentence that runs on well past sixty characters, so it is clipped."
    sheet = load_content(write_sheet(f"title: Example\nintro:\n  - {long}\n{SECTION}"))
    report = verify_pdf(text_at(72, 700, "Example"), sheet, reader=read_with_pypdf)
    problem = report.problems[0]
    # 59 characters of the text and an ellipsis: the first 60 characters' worth.
    assert problem.message == f"text not found on the page: {long[:59] + chr(0x2026)!r}"
    assert (problem.field, problem.line, problem.file) == ("intro[0]", 3, sheet.file)
    short = load_content(write_sheet(f"title: Example\nintro:\n  - Brief.\n{SECTION}"))
    assert verify_pdf(text_at(72, 700, "Example"), short, reader=read_with_pypdf).failures == [
        "intro[0]: text not found on the page: 'Brief.'"
    ]


# --- readback ----------------------------------------------------------------------------


def test_runs_colours_and_backgrounds_are_read_back() -> None:
    def draw(canvas: Canvas, font: str) -> None:
        canvas.setFillColorRGB(0.2, 0.4, 0.6)
        canvas.rect(100, 100, 200, 100, stroke=0, fill=1)
        canvas.saveState()
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(font, 12)
        canvas.drawString(110, 150, "on blue")
        canvas.restoreState()
        canvas.setFillColorCMYK(0, 0, 0, 1)
        canvas.setFont(font, 8)
        canvas.drawString(110, 300, "on white")

    page = PdfReader(io.BytesIO(pdf_with(draw))).pages[0]
    on_blue, on_white = [run for run in text_runs(page) if run.text.strip()]
    assert (on_blue.x, on_blue.y, on_blue.size) == (110, 150, 12)
    assert on_blue.color == (1, 1, 1)
    assert on_blue.background == pytest.approx((0.2, 0.4, 0.6))
    assert on_white.color == (0, 0, 0)  # CMYK 0,0,0,1 is black
    assert on_white.background == (1, 1, 1)
    assert filled_rectangles(page) == [(100, 100, 300, 200)]
    # Without colours the runs are the same, only black on white.
    plain = [run for run in text_runs(page, colors=False) if run.text.strip()]
    assert [(r.text.strip(), r.x, r.y) for r in plain] == [
        ("on blue", 110, 150),
        ("on white", 110, 300),
    ]


def test_runs_join_into_lines_where_the_baseline_moves() -> None:
    runs = [TextRun("a", 0, 10, 9), TextRun("b", 5, 10.5, 9), TextRun("c", 0, 11.1, 9)]
    # Within half a point the baseline is the same line; 0.6 pt further is a new one.
    assert join_runs(runs) == "ab\nc"


def test_rectangles_follow_the_transformation() -> None:
    def draw(canvas: Canvas, font: str) -> None:
        canvas.translate(50, 60)
        canvas.scale(2, 3)
        canvas.rect(10, 10, 20, 5, stroke=0, fill=1)

    page = PdfReader(io.BytesIO(pdf_with(draw))).pages[0]
    # (10, 10)-(30, 15) scaled by 2 x 3 and moved by (50, 60): (70, 90)-(110, 105).
    assert filled_rectangles(page) == [(70, 90, 110, 105)]


# --- preflight thresholds ----------------------------------------------------------------


@pytest.mark.parametrize(("x", "ok"), [(72, True), (9, True), (8, False)])
def test_text_keeps_nine_points_from_the_trim(x: float, ok: bool) -> None:
    check = checks(text_at(x, 400))["text_inside_trim"]
    assert check.ok is ok
    if ok:
        assert check.summary == "all text at least 0.125 in inside the trim"
    else:
        assert check.summary == "1 runs of text outside the safe area, e.g. 'Example 1,234'"
        assert check.details["outside"] == [{"page": 1, "text": "Example 1,234", "x": 8, "y": 400}]


@pytest.mark.parametrize(("size", "ok"), [(6.0, True), (5.9, False)])
def test_six_points_is_the_smallest_readable_text(size: float, ok: bool) -> None:
    check = checks(text_at(72, 400, size=size))["smallest_text"]
    assert check.ok is ok
    assert check.details == {"points": size}
    assert check.summary == f"{size:.1f} pt" + ("" if ok else " (below 6 pt)")


def test_no_text_is_not_a_failure() -> None:
    check = checks(pdf_with(lambda canvas, font: None))["smallest_text"]
    assert (check.ok, check.summary, check.details) == (True, "no text found", {"points": None})


def test_file_size_limit_is_ten_mebibytes() -> None:
    at_limit = pf._file_size(10 * 1024 * 1024)
    over = pf._file_size(10 * 1024 * 1024 + 1)
    assert (at_limit.ok, at_limit.summary) == (True, "10,240 KiB")
    assert (over.ok, over.summary) == (False, "10,240 KiB (over 10 MiB: too big to email)")
    assert over.details == {"bytes": 10 * 1024 * 1024 + 1}


# #767676 on white is 4.54:1, just above AA's 4.5 for body text; #777777 is 4.48:1, below it.
# Large text (18 pt, or 14 pt bold) needs only 3:1, which both pass.
@pytest.mark.parametrize(
    ("grey", "size", "ok"),
    [(0x76, 10, True), (0x77, 10, False), (0x77, 18, True), (0x77, 17.9, False)],
)
def test_contrast_thresholds(grey: int, size: float, ok: bool) -> None:
    def draw(canvas: Canvas, font: str) -> None:
        canvas.setFillColorRGB(grey / 255, grey / 255, grey / 255)
        canvas.setFont(font, size)
        canvas.drawString(72, 400, "Example")

    check = checks(pdf_with(draw))["contrast"]
    assert check.ok is ok
    ratio = pf.contrast_ratio((grey / 255,) * 3, (1, 1, 1))
    pair = {"text": "#" + f"{grey:02X}" * 3, "background": "#FFFFFF", "large": size >= 18}
    assert check.details["pairs"] == [{**pair, "ratio": round(ratio, 2)}]
    if ok:
        assert check.summary == f"WCAG AA met; lowest {ratio:.1f}:1"
    else:
        assert check.summary == f"below WCAG AA: #{grey:02X}{grey:02X}{grey:02X} on #FFFFFF " + (
            f"({ratio:.1f}:1): 'Example'"
        )


def test_contrast_ratio_is_symmetric_and_uses_the_srgb_curve() -> None:
    # sRGB channel 0.04045 is the knee of the curve: 0.04045 / 12.92 = 0.003131 linear.
    dark = (0.04045, 0.04045, 0.04045)
    assert pf.contrast_ratio(dark, (0, 0, 0)) == pytest.approx((0.003131 + 0.05) / 0.05, rel=1e-3)
    assert pf.contrast_ratio((1, 1, 1), dark) == pf.contrast_ratio(dark, (1, 1, 1))
    # Pure red, green and blue weigh 0.2126, 0.7152 and 0.0722 of white's luminance.
    assert pf.contrast_ratio((1, 0, 0), (0, 0, 0)) == pytest.approx(5.252)
    assert pf.contrast_ratio((0, 1, 0), (0, 0, 0)) == pytest.approx(15.304)
    assert pf.contrast_ratio((0, 0, 1), (0, 0, 0)) == pytest.approx(2.444)


def test_page_sizes_and_bleed_are_named() -> None:
    letter = checks(text_at(72, 400))["page_size"]
    assert letter.summary == "US Letter, 8.50 x 11.00 in, no bleed"
    assert letter.details["trimbox"] == [0, 0, 612, 792]

    def draw(canvas: Canvas, font: str) -> None:
        canvas.setFont(font, 10)
        canvas.drawString(72, 400, "Example")

    # A4 (595 x 842 pt) with 3 mm (8.5 pt) of bleed on every side.
    bleed = 8.5
    a4 = pdf_with(
        draw,
        (595 + 2 * bleed, 842 + 2 * bleed),
        trimBox=(bleed, bleed, 595 + bleed, 842 + bleed),
        bleedBox=(0, 0, 595 + 2 * bleed, 842 + 2 * bleed),
    )
    check = checks(a4)["page_size"]
    assert check.summary == "A4, 8.26 x 11.69 in, bleed 3.0 mm"
    assert check.ok
    odd = checks(pdf_with(draw, (500, 500)))["page_size"]
    assert odd.summary == "custom size, 6.94 x 6.94 in, no bleed"


def test_pages_and_report_text() -> None:
    two = io.BytesIO()
    canvas = Canvas(two, pagesize=LETTER, initialFontName=_font())
    canvas.showPage()
    canvas.showPage()
    canvas.save()
    report = pf.preflight(two.getvalue(), "two.pdf")
    pages = report.checks[0]
    assert (pages.id, pages.ok, pages.summary, pages.details) == (
        "pages",
        False,
        "2 pages",
        {"count": 2},
    )
    one = pf.preflight(text_at(72, 400), "one.pdf")
    assert one.checks[0].summary == "1 page"
    assert one.ok
    assert one.as_text().splitlines()[0] == "PASS  pages: 1 page"
    assert one.as_text().splitlines()[-1] == "ready to send"
    assert report.as_text().splitlines()[0] == "FAIL  pages: 2 pages"
    assert report.as_text().splitlines()[-1] == "NOT ready: fix the FAIL lines above"
    as_json = report.as_json()
    assert (as_json["version"], as_json["file"], as_json["ok"]) == (1, "two.pdf", False)


def test_an_empty_page_list_stops_after_the_count() -> None:
    with pikepdf.new() as document:
        out = io.BytesIO()
        document.save(out)
    report = pf.preflight(out.getvalue(), "empty.pdf")
    assert [c.id for c in report.checks] == ["pages", "file_size"]
    assert report.checks[0].summary == "0 pages"


def test_fonts_check_names_each_unembedded_font() -> None:
    def draw(canvas: Canvas, font: str) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 400, "Example")
        canvas.setFont("Courier", 10)
        canvas.drawString(72, 380, "Example")

    check = checks(pdf_with(draw))["fonts"]
    assert not check.ok
    assert check.summary == "not embedded: /Courier, /Helvetica"
    embedded = checks(text_at(72, 400))["fonts"]
    assert (embedded.ok, embedded.summary) == (True, "1 fonts, all embedded")


def test_figures_check_joins_verify(one_figure: Sheet) -> None:
    found = checks(text_at(72, 400), one_figure)["figures"]
    assert (found.ok, found.summary) == (True, "1 of 1 figures of the content found on the page")
    lost = checks(text_at(72, 400, "Example"), one_figure)["figures"]
    assert not lost.ok
    assert lost.summary == "0 of 1 figures of the content found on the page; 2 problems"
    assert lost.details["failures"][0] == "title: figure '1,234' not found on the page"


# --- tagging -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tagged_pdf() -> bytes:
    from datetime import UTC, datetime

    from factsheet.pipeline import build_sheet

    colorado = Path(__file__).resolve().parent.parent / "content" / "ncmec-colorado-2023.yaml"
    return build_sheet(colorado, created=datetime(2031, 1, 1, tzinfo=UTC)).pdf


def _tagged(pdf: bytes, change: Callable[[pikepdf.Pdf], None]) -> PdfReader:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        change(document)
        out = io.BytesIO()
        document.save(out)
    return PdfReader(io.BytesIO(out.getvalue()))


def test_our_tagged_sheet_passes_the_tag_check(tagged_pdf: bytes) -> None:
    check = tagged_check(PdfReader(io.BytesIO(tagged_pdf)))
    assert check.ok
    assert check.summary == "tagged: structure tree, language, title, PDF/UA-1 id"
    assert check.details == {"tagged": True, "lang": "en-US", "pdfua_part": True, "missing": []}


def _drop_root(key: str) -> Callable[[pikepdf.Pdf], None]:
    return lambda document: document.Root.__delitem__(key)


def _drop_tabs(document: pikepdf.Pdf) -> None:
    del document.pages[0].obj["/Tabs"]


def _drop_title_preference(document: pikepdf.Pdf) -> None:
    del document.Root.ViewerPreferences["/DisplayDocTitle"]


def _drop_parent_tree(document: pikepdf.Pdf) -> None:
    del document.Root.StructTreeRoot["/ParentTree"]


def _blank_xmp(document: pikepdf.Pdf) -> None:
    document.Root.Metadata = document.make_stream(b"<x:xmpmeta/>")


def _undescribed_link(document: pikepdf.Pdf) -> None:
    for annotation in document.pages[0].obj.Annots:
        del annotation["/Contents"]


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        (_drop_root("/Lang"), "/Lang"),
        (_drop_tabs, "/Tabs /S on page 1"),
        (_drop_title_preference, "/DisplayDocTitle"),
        (_drop_parent_tree, "a parent tree"),
        (_blank_xmp, "the PDF/UA identifier in XMP"),
        (_undescribed_link, "a tagged, described link on page 1"),
    ],
    ids=["lang", "tabs", "title", "parent-tree", "xmp", "link"],
)
def test_each_missing_piece_of_tagging_is_named(
    tagged_pdf: bytes, change: Callable[[pikepdf.Pdf], None], missing: str
) -> None:
    check = tagged_check(_tagged(tagged_pdf, change))
    assert not check.ok
    assert check.details["missing"] == [missing]
    assert check.summary == f"tagged, but missing: {missing}"


@pytest.mark.parametrize("key", ["/MarkInfo", "/StructTreeRoot"])
def test_untagged_is_informational(tagged_pdf: bytes, key: str) -> None:
    check = tagged_check(_tagged(tagged_pdf, _drop_root(key)))
    assert (check.ok, check.summary, check.details["tagged"]) == (
        True,
        "not tagged (informational)",
        False,
    )


def test_page_size_is_the_trim_boxs_width_and_height(one_figure: Sheet) -> None:
    # A trim box whose left (18) and bottom (10) differ, so width and height cannot mix them up.
    def draw(canvas: Canvas, font: str) -> None:
        canvas.setFont(font, 10)
        canvas.drawString(72, 400, "Example 1,234")

    pdf = pdf_with(draw, (648, 812), trimBox=(18, 10, 630, 802), bleedBox=(0, 0, 648, 812))
    assert verify_pdf(pdf, one_figure, reader=read_with_pypdf).page_size == (612.0, 792.0)


def test_an_unembedded_font_says_how_to_fix_it(one_figure: Sheet) -> None:
    def draw(canvas: Canvas, font: str) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 400, "Example 1,234")

    problem = verify_pdf(pdf_with(draw), one_figure, reader=read_with_pypdf).problems[-1]
    assert problem.message == "font not embedded: Helvetica"
    assert problem.hint == "use TrueType fonts in the theme"


def test_a_text_of_sixty_characters_is_shown_whole(write_sheet: Callable[..., Path]) -> None:
    sixty = "An example sentence of exactly sixty characters, no more. Ok"
    assert len(sixty) == 60
    sheet = load_content(write_sheet(f"title: Example\nintro:\n  - {sixty}\n{SECTION}"))
    assert (
        f"intro[0]: text not found on the page: {sixty!r}"
        in verify_pdf(text_at(72, 700, "Example"), sheet, reader=read_with_pypdf).failures
    )


def test_a_figure_broken_over_lines_is_one_figure() -> None:
    from factsheet.verify.figures import find_figures

    assert find_figures("about 3.5\nmillion items and 1,234\n%") == ["3.5 million", "1,234"]


def test_the_right_margin_counts_too() -> None:
    box = (0.0, 0.0, 612.0, 792.0)
    # "x" at 10 pt ends 3 pt after its start: inside a 9 pt margin up to x = 612 - 9 + 0.5 - 3.
    assert TextRun("x", 600.5, 400, 10).inside(box, 9)
    assert not TextRun("x", 600.6, 400, 10).inside(box, 9)


def test_links_are_listed_with_page_action_and_target() -> None:
    def draw(canvas: Canvas, font: str) -> None:
        canvas.linkURL("https://example.org/data", (72, 650, 200, 670))
        canvas.linkURL("mailto:info@example.org", (72, 600, 200, 620))

    pdf = pdf_with(draw)
    with pikepdf.open(io.BytesIO(pdf)) as document:  # a note annotation is not a link
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[0, 0, 9, 9]
        )
        document.pages[0].obj.Annots.append(document.make_indirect(note))
        out = io.BytesIO()
        document.save(out)
    check = checks(out.getvalue())["links"]
    assert check.ok
    assert check.summary == "2 links, all http, https or mailto; no scripts or other actions"
    assert check.details == {
        "links": [
            {"page": 1, "action": "/URI", "target": "https://example.org/data"},
            {"page": 1, "action": "/URI", "target": "mailto:info@example.org"},
        ],
        "active_content": [],
    }


def test_more_than_five_unsafe_links_are_counted() -> None:
    def draw(canvas: Canvas, font: str) -> None:
        for number in range(7):
            canvas.linkURL(
                f"file:///example/{number}", (72, 600 - 30 * number, 200, 620 - 30 * number)
            )

    check = checks(pdf_with(draw))["links"]
    assert not check.ok
    assert check.summary.startswith("unsafe: page 1 link: file:///example/0; ")
    assert check.summary.count("file:///example/") == 5
    assert check.summary.endswith("; 2 more")  # seven unsafe, five named
    assert len(check.details["active_content"]) == 7

"""factsheet check: a preflight report that passes our sheets and names what is wrong in others."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from conftest import COLORADO, PREFLIGHT_CHECK_IDS, Run, example_sheet
from reportlab.pdfgen.canvas import Canvas

from factsheet.content.model import ThemeRef
from factsheet.theme.fonts import register_family
from factsheet.theme.loader import load_theme
from factsheet.verify.preflight import contrast_ratio


def crafted(
    path: Path,
    *,
    font: str = "",
    color: tuple[float, float, float] = (0, 0, 0),
    x: float = 72,
    pages: int = 1,
    link: str = "",
) -> Path:
    """A small fictional PDF made without factsheet, with one chosen defect."""
    if not font:
        theme = load_theme(ThemeRef("default", Path("sheet.yaml")))
        font = register_family(theme.fonts).regular
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792), initialFontName=font)
    for _ in range(pages):
        canvas.setFont(font, 11)
        canvas.setFillColorRGB(*color)
        canvas.drawString(x, 700, "Example State answered 1,234 fictional calls in 2031.")
        if link:
            canvas.linkURL(link, (72, 650, 200, 670))
        canvas.showPage()
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path


def test_our_sheet_passes_with_its_content(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    pdf = tmp_path / "colorado.pdf"
    assert run_cli("build", COLORADO, "-o", pdf).code == 0
    result = run_cli("check", pdf, "--content", COLORADO)
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1] == "ready to send"
    assert "PASS  figures: 41 of 41 figures of the content found on the page" in result.out
    assert "PASS  fonts: 2 fonts, all embedded" in result.out


def test_json_report_is_stable(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    pdf = tmp_path / "colorado.pdf"
    assert run_cli("build", COLORADO, "-o", pdf).code == 0
    report = json.loads(run_cli("check", pdf, "--json").out)
    assert report["version"] == 1
    assert report["ok"] is True
    ids = [check["id"] for check in report["checks"]]
    assert ids == PREFLIGHT_CHECK_IDS
    layout = next(c for c in report["checks"] if c["id"] == "layout")["details"]
    assert layout["broken_words"] == 0 and layout["wrapped_card_values"] == 0
    assert layout["body_size"] >= 9 and 0.85 <= layout["fill"] <= 1
    assert all(set(check) == {"id", "ok", "summary", "details"} for check in report["checks"])
    sizes = next(c for c in report["checks"] if c["id"] == "page_size")["details"]
    assert sizes["mediabox"] == [0, 0, 612, 792]


@pytest.mark.parametrize(
    ("defect", "check_id", "reason"),
    [
        ({"font": "Helvetica"}, "fonts", "not embedded: /Helvetica"),
        ({"x": 700}, "text_inside_trim", "runs of text outside the safe area"),
        ({"pages": 2}, "pages", "2 pages"),
        ({"color": (0.8, 0.8, 0.8)}, "contrast", "below WCAG AA: #CCCCCC on #FFFFFF (1.6:1)"),
        ({"link": "javascript:alert(1)"}, "links", "unsafe: page 1 link: javascript:alert(1)"),
    ],
    ids=["unembedded-font", "text-off-page", "two-pages", "low-contrast", "javascript-link"],
)
def test_crafted_bad_pdfs_fail_for_the_right_reason(
    defect: dict[str, object],
    check_id: str,
    reason: str,
    tmp_path: Path,
    run_cli: Callable[..., Run],
) -> None:
    pdf = crafted(tmp_path / "bad.pdf", **defect)  # type: ignore[arg-type]
    result = run_cli("check", pdf, "--json")
    assert result.code == 1
    report = json.loads(result.out)
    failed = {c["id"]: c["summary"] for c in report["checks"] if not c["ok"]}
    assert list(failed) == [check_id]
    assert reason in failed[check_id]


def test_a_clean_foreign_pdf_passes(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("check", crafted(tmp_path / "good.pdf"))
    assert result.code == 0, result.out


def test_document_javascript_fails(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    pdf = crafted(tmp_path / "good.pdf")
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        document.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
        document.save(pdf)
    result = run_cli("check", pdf)
    assert result.code == 1
    assert "FAIL  links: unsafe: document open action: JavaScript" in result.out


def test_figures_of_other_content_are_missing(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    pdf = tmp_path / "colorado.pdf"
    assert run_cli("build", COLORADO, "-o", pdf).code == 0
    result = run_cli("check", pdf, "--content", write_sheet(example_sheet()))
    assert result.code == 1
    assert "FAIL  figures: 0 of 9 figures of the content found on the page" in result.out


def test_not_a_pdf_is_reported_not_crashed(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a PDF at all")
    result = run_cli("check", junk)
    assert result.code == 1
    assert "FAIL  readable: not a readable PDF" in result.out
    missing = run_cli("check", tmp_path / "missing.pdf")
    assert missing.code == 2


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21)
    assert contrast_ratio((1, 1, 1), (1, 1, 1)) == pytest.approx(1)
    grey = 0x76 / 255  # #767676 is the lightest grey with 4.5:1 on white
    assert contrast_ratio((grey, grey, grey), (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


def test_list_bullets_are_held_to_the_non_text_contrast() -> None:
    from factsheet.verify.preflight import _contrast
    from factsheet.verify.readback import TextRun

    # WCAG 1.4.11: a bullet is a graphic (3:1); the words beside it are text (4.5:1).
    amber = (0xC6 / 255, 0x87 / 255, 0x35 / 255)  # 3.0:1 on white
    assert _contrast([TextRun("\u2022", 0, 0, 10, color=amber)]).ok
    assert not _contrast([TextRun("Example words", 0, 0, 10, color=amber)]).ok
    pale = (0.8, 0.8, 0.8)  # 1.6:1: too faint even for a bullet
    assert not _contrast([TextRun("\u2022", 0, 0, 10, color=pale)]).ok

"""Print and share: page sizes, bleed and crop marks, CMYK, previews, charts and QR codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from conftest import COLORADO, DATA, Run, example_sheet, page_text
from PIL import Image
from pypdf import PdfReader

from factsheet.verify.readback import filled_rectangles, text_runs

THEMES = DATA / "themes"


def image_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def boxes(pdf: Path) -> dict[str, list[float]]:
    page = PdfReader(pdf).pages[0]
    return {
        name: [round(float(v), 2) for v in getattr(page, name)]
        for name in ("mediabox", "trimbox", "bleedbox")
    }


@pytest.mark.parametrize(("size", "points"), [("letter", [612, 792]), ("a4", [595.28, 841.89])])
def test_page_size_reflows(
    size: str, points: list[float], tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    output = tmp_path / f"{size}.pdf"
    result = run_cli("build", COLORADO, "--page-size", size, "-o", output)
    assert result.code == 0, result.err
    assert boxes(output)["mediabox"] == [0, 0, *points]
    runs = text_runs(PdfReader(output).pages[0])
    title = next(r for r in runs if r.text.startswith("The National Center"))
    assert title.size == pytest.approx(15)  # re-flowed, not scaled
    assert all(36 - 0.1 <= r.x <= points[0] - 36 for r in runs)


def test_bleed_and_crop_marks(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    output = tmp_path / "print.pdf"
    result = run_cli(
        "build", COLORADO, "--page-size", "a4", "--bleed", "3mm", "--crop-marks", "-o", output
    )
    assert result.code == 0, result.err
    found = boxes(output)
    bleed = 3 / 25.4 * 72
    left, bottom, right, top = found["trimbox"]
    assert (right - left, top - bottom) == pytest.approx((595.28, 841.89), abs=0.02)
    assert found["bleedbox"] == pytest.approx(
        [left - bleed, bottom - bleed, right + bleed, top + bleed], abs=0.02
    )
    media = found["mediabox"]
    assert media[0] < found["bleedbox"][0] and media[2] > found["bleedbox"][2]  # room for marks
    # The header band runs past the trim to the bleed edge, on three sides.
    band = [r for r in filled_rectangles(PdfReader(output).pages[0]) if r[3] >= top + bleed - 0.01]
    assert any(r[0] <= left - bleed + 0.01 and r[2] >= right + bleed - 0.01 for r in band)
    # Crop marks: short strokes outside the bleed in registration black.
    with pikepdf.open(output) as pdf:
        content = pdf.pages[0].Contents.read_bytes()
    assert b"1 1 1 1 K" in content
    # Text stays inside the trim with the safe margin.
    assert run_cli("check", output).code == 0


@pytest.mark.parametrize(
    ("value", "message"), [("2in", "more than 0.5 in"), ("lots", "not a length")]
)
def test_bad_bleed(value: str, message: str, tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("build", COLORADO, "--bleed", value, "-o", tmp_path / "x.pdf")
    assert result.code == 2
    assert message in result.err


def test_cmyk_leaves_no_rgb_operator(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    output = tmp_path / "cmyk.pdf"
    result = run_cli("build", COLORADO, "--cmyk", "-o", output)
    assert result.code == 0, result.err
    with pikepdf.open(output) as pdf:
        operators = {str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])}
    assert not operators & {"rg", "RG", "sc", "scn", "SC", "SCN"}
    assert {"k", "K"} & operators


def test_cmyk_uses_the_theme_values_and_warns_about_raster_logos(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    theme = tmp_path / "cmyk-theme.yaml"
    theme.write_text(
        f"extends: {THEMES / 'brand.yaml'}\ncmyk:\n  primary: [80, 20, 75, 60]\n",
        encoding="utf-8",
    )
    output = tmp_path / "cmyk.pdf"
    result = run_cli("build", write_sheet(example_sheet(theme=str(theme))), "--cmyk", "-o", output)
    assert result.code == 0, result.err
    # A warning is a located problem: the logo file, what is wrong, and the fix.
    assert "example-logo.png: the logo is a raster image and stays RGB under --cmyk" in result.err
    assert "warning: " in result.err
    assert "hint: use an SVG logo for an all-CMYK file" in result.err
    with pikepdf.open(output) as pdf:
        fills = [
            [float(v) for v in operands]
            for operands, op in pikepdf.parse_content_stream(pdf.pages[0])
            if str(op) == "k"
        ]
    assert [0.8, 0.2, 0.75, 0.6] in [[round(v, 2) for v in f] for f in fills]


def test_preview_of_a_pdf_and_of_content(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    pdf = tmp_path / "print.pdf"
    assert run_cli("build", COLORADO, "--bleed", "0.125in", "--crop-marks", "-o", pdf).code == 0
    default = tmp_path / "default.png"
    assert run_cli("preview", pdf, "-o", default).code == 0
    with Image.open(default) as image:
        assert image.size == (1200, 1553)  # the trimmed Letter page, not the marks around it
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 20  # not blank
    assert min(sum(rgb) for _, rgb in colours) < 150  # dark text is there
    small = tmp_path / "small.png"
    assert run_cli("preview", COLORADO, "--dpi", "50", "-o", small).code == 0
    assert image_size(small) == (425, 550)
    assert run_cli("preview", COLORADO, "--width", "600", "-o", small).code == 0
    assert image_size(small)[0] == 600


def test_chart_values_are_text_and_replace_the_table(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    output = tmp_path / "colorado.pdf"
    assert run_cli("build", COLORADO, "-o", output).code == 0
    runs = text_runs(PdfReader(output).pages[0])
    for value in ("327", "120", "20"):
        assert any(r.text.strip() == value and r.bold for r in runs), value
    bars = [r for r in filled_rectangles(PdfReader(output).pages[0]) if 5 < r[3] - r[1] < 12]
    widths = sorted(round(r[2] - r[0]) for r in bars if r[0] == pytest.approx(36, abs=0.5))
    assert len(widths) >= 3
    assert widths[-1] / widths[-3] == pytest.approx(327 / 20, rel=0.05)


@pytest.mark.parametrize("kind", ["bar", "column"])
def test_chart_beside_its_table(
    kind: str, tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    table = {
        "columns": ["Kind", "Calls"],
        "chart": kind,
        "rows": [["Phone", 7890], ["Text", "1,234"], ["Visits", 56]],
    }
    sheet = example_sheet(sections=[{"heading": "Example", "body": [{"table": table}]}])
    output = tmp_path / "chart.pdf"
    assert run_cli("build", write_sheet(sheet), "-o", output).code == 0
    text = page_text(output)
    assert text.count("7,890") == 2 and text.count("1,234") == 3  # chart, table (+ a highlight)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Phone", "Text"]], "a chart needs one column of numbers and one column of labels"),
        ([["Phone", "-5"]], "a chart shows zero or positive numbers"),
    ],
)
def test_bad_charts(
    rows: list[list[str]],
    message: str,
    tmp_path: Path,
    run_cli: Callable[..., Run],
    write_sheet: Callable[..., Path],
) -> None:
    table = {"chart": "bar", "rows": rows}
    sheet = example_sheet(sections=[{"heading": "Example", "body": [{"table": table}]}])
    result = run_cli("build", write_sheet(sheet), "-o", tmp_path / "x.pdf")
    assert result.code == 2
    assert f"sections[0].body[0].table.chart: {message}" in result.err


def test_qr_code_decodes_to_the_address(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    import zxingcpp

    address = "https://example.org/fictional/2031"
    output = tmp_path / "qr.pdf"
    assert run_cli("build", write_sheet(example_sheet(qr=address)), "-o", output).code == 0
    assert "example.org/fictional/2031" in page_text(output)
    png = tmp_path / "qr.png"
    assert run_cli("preview", output, "--width", "1600", "-o", png).code == 0
    with Image.open(png) as image:
        codes = zxingcpp.read_barcodes(image.convert("L"))
    assert [code.text for code in codes] == [address]


def test_qr_address_must_be_a_web_address(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    result = run_cli("build", write_sheet(example_sheet(qr="javascript:alert(1)")))
    assert result.code == 2
    assert "qr: 'javascript:alert(1)' is not an http or https address" in result.err


def test_content_stream_has_no_rgb_after_cmyk_even_for_svg_logo(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    output = tmp_path / "svg-cmyk.pdf"
    content = write_sheet(example_sheet(theme=str(THEMES / "brand-svg.yaml")))
    result = run_cli("build", content, "--cmyk", "-o", output)
    assert result.code == 0, result.err
    # A tiny test sheet may leave the page half empty (a layout warning); nothing about colour.
    assert [line for line in result.err.splitlines() if "layout:" not in line] == []
    with pikepdf.open(output) as pdf:
        raw = pdf.pages[0].Contents.read_bytes()
    assert not re.search(rb"\brg\b|\bRG\b", raw)

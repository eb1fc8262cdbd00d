"""Themes: extends merges field by field, page sizes, margins, logos drawn into the PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from conftest import DATA, Run, example_sheet
from pypdf import PdfReader

from factsheet.content.model import ThemeRef
from factsheet.theme.loader import load_theme, parse_length

THEMES = DATA / "themes"


def test_default_theme() -> None:
    theme = load_theme(ThemeRef("default", Path("sheet.yaml")))
    assert theme.page_size == (612.0, 792.0)
    assert theme.minimum_size >= 8
    assert all(path.is_file() for path in theme.fonts.by_style().values())


def test_extends_overrides_only_what_it_gives() -> None:
    default = load_theme(ThemeRef("default", Path("sheet.yaml")))
    brand = load_theme(ThemeRef(str(THEMES / "brand.yaml"), Path("sheet.yaml")))
    assert brand.colors.primary == "#2B4A3A"
    assert brand.colors.text == default.colors.text
    assert brand.fonts == default.fonts
    assert brand.organization == "Example Outreach Network"
    assert brand.logo is not None and brand.logo.file.name == "example-logo.png"


def test_extends_chain_of_files() -> None:
    theme = load_theme(ThemeRef(str(THEMES / "brand-svg.yaml"), Path("sheet.yaml")))
    assert theme.page_size_name == "a4"
    assert theme.colors.primary == "#2B4A3A"
    assert theme.logo is not None and theme.logo.file.suffix == ".svg"


@pytest.mark.parametrize(
    ("text", "points"), [(36, 36.0), ("0.5in", 36.0), ("25.4mm", 72.0), ("1cm", 72 / 2.54)]
)
def test_lengths(text: float | str, points: float) -> None:
    assert parse_length(text) == pytest.approx(points)


@pytest.mark.parametrize(
    ("theme", "size"), [("brand.yaml", (612, 792)), ("brand-svg.yaml", (595, 842))]
)
def test_branded_sheet_has_logo_and_page_size(
    theme: str,
    size: tuple[int, int],
    tmp_path: Path,
    run_cli: Callable[..., Run],
    write_sheet: Callable[..., Path],
) -> None:
    output = tmp_path / "branded.pdf"
    content = write_sheet(example_sheet(theme=str(THEMES / theme)))
    result = run_cli("build", content, "-o", output)
    assert result.code == 0, result.err
    page = PdfReader(output).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size
    with pikepdf.open(output) as pdf:
        xobjects = pdf.pages[0].Resources.get("/XObject", {})
        images = [x for x in xobjects.values() if x.get("/Subtype") == "/Image"]
        curves = pdf.pages[0].Contents.read_bytes().count(b" c\n")
    # A PNG logo is an image; the SVG logo is vector paths (its circle and rounded corners
    # are the only curves on the page).
    if theme == "brand.yaml":
        assert (len(images), curves) == (1, 0)
    else:
        assert len(images) == 0
        assert curves >= 4
    assert "Example Outreach Network \u00b7 example.org" in page.extract_text()


def test_svg_logo_with_text_is_refused(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    content = write_sheet(example_sheet(theme=str(THEMES / "text-logo.yaml")))
    result = run_cli("build", content, "-o", tmp_path / "out.pdf")
    assert result.code == 2
    assert "contains text; convert the text to outlines" in result.err


@pytest.mark.parametrize(
    ("name", "is_path"),
    [
        ("default", False),
        ("brand.yaml", True),
        ("brand.yml", True),
        ("themes/brand", True),
        ("themes\\brand", True),
    ],
)
def test_one_rule_names_a_theme_for_content_and_extends(name: str, is_path: bool) -> None:
    from factsheet.content.model import ThemeRef, theme_file
    from factsheet.theme.loader import BUILTIN_DIR, _parent_path

    content = Path("/example/content/sheet.yaml")
    expected = (content.parent / name).resolve() if is_path else None
    assert ThemeRef(name, content).path == expected
    assert theme_file(name, content) == expected
    # A theme's `extends:` follows the same rule, falling back to the built-in of that name.
    assert _parent_path(name, content) == (expected or BUILTIN_DIR / f"{name}.yaml")

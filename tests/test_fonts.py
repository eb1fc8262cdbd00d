"""Embedded fonts: each subset without hinting, licence kept,
outlines unchanged, and the page rendered as it was with the hinted subsets."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from conftest import COLORADO, ROOT, Run, example_sheet
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageFilter, ImageStat
from pypdf import PdfReader
from reading_order import to_unicode
from reportlab.pdfbase.ttfonts import TTFontFace

from factsheet.pipeline import build_sheet
from factsheet.theme import ttf

CREATED = datetime(2024, 1, 1, tzinfo=UTC)
CARLITO = ROOT / "fonts" / "carlito"


def _embedded(pdf: bytes) -> dict[str, bytes]:
    """Each embedded font program, by its base font name without the subset tag."""
    programs: dict[str, bytes] = {}
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        programs[str(font["/BaseFont"]).split("+", 1)[-1]] = descriptor["/FontFile2"].get_data()
    return programs


def _render(pdf: bytes) -> Image.Image:
    return pdfium.PdfDocument(pdf)[0].render(scale=2).to_pil().convert("L")  # 144 dpi


@pytest.fixture(scope="module")
def lean_and_hinted() -> tuple[bytes, bytes]:
    lean = build_sheet(COLORADO, created=CREATED).pdf
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ttf.LeanFace, "makeSubset", TTFontFace.makeSubset)
        hinted = build_sheet(COLORADO, created=CREATED).pdf
    return lean, hinted


def test_subsets_carry_no_hinting_and_keep_the_licence(
    lean_and_hinted: tuple[bytes, bytes],
) -> None:
    lean, hinted = lean_and_hinted
    programs = _embedded(lean)
    assert set(programs) == {"Carlito", "Carlito-Bold"}
    for program in programs.values():
        font = TTFont(io.BytesIO(program))
        assert not {"fpgm", "prep", "cvt "} & set(font.keys())
        glyf = font["glyf"]
        for name in font.getGlyphOrder():
            glyph = glyf[name]
            assert not hasattr(glyph, "program") or not glyph.program.getBytecode(), name
        names = font["name"]
        assert "Copyright" in str(names.getDebugName(0))
        assert "Open Font License" in str(names.getDebugName(13))
        assert names.getDebugName(14)
    assert len(lean) < len(hinted) - 8_000


def test_outlines_and_metrics_are_those_of_the_hinted_subsets(
    lean_and_hinted: tuple[bytes, bytes],
) -> None:
    lean, hinted = (_embedded(pdf) for pdf in lean_and_hinted)
    assert set(lean) == set(hinted)
    for style in lean:
        ours, theirs = TTFont(io.BytesIO(lean[style])), TTFont(io.BytesIO(hinted[style]))
        assert ours.getGlyphOrder() == theirs.getGlyphOrder()
        assert ours["hmtx"].metrics == theirs["hmtx"].metrics
        assert ours["cmap"].tables[0].cmap == theirs["cmap"].tables[0].cmap
        for name in ours.getGlyphOrder():
            assert _outline(ours["glyf"][name], ours) == _outline(theirs["glyf"][name], theirs)


def _outline(glyph: Any, font: TTFont) -> Any:
    if glyph.numberOfContours == 0:
        return None
    coordinates, ends, flags = glyph.getCoordinates(font["glyf"])
    return list(coordinates), list(ends), [f & 1 for f in flags]


def test_the_page_renders_as_with_hinted_fonts_at_144_dpi(
    lean_and_hinted: tuple[bytes, bytes],
) -> None:
    lean, hinted = map(_render, lean_and_hinted)
    difference = ImageChops.difference(lean, hinted)
    # Only anti-aliasing differs: tiny on average, gone once neighbouring pixels are pooled.
    assert ImageStat.Stat(difference).mean[0] < 1.5
    pooled = ImageChops.difference(
        lean.filter(ImageFilter.BoxBlur(2)), hinted.filter(ImageFilter.BoxBlur(2))
    )
    assert pooled.getextrema()[1] < 48

    def ink(image: Image.Image) -> int:
        return image.point(lambda v: 255 if v < 128 else 0).histogram()[255]

    assert abs(ink(lean) - ink(hinted)) < 0.01 * ink(hinted)


def test_subsets_hold_only_the_characters_drawn(lean_and_hinted: tuple[bytes, bytes]) -> None:
    # ReportLab's default reserves all of printable ASCII in the first subset and embeds it,
    # drawn or not: the Colorado bold drew a third of the 100-odd glyphs it carried.
    with pikepdf.open(io.BytesIO(lean_and_hinted[0])) as document:
        page = document.pages[0]
        shown: dict[str, set[int]] = {str(name): set() for name in page.Resources.Font}
        font = ""
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "Tf":
                font = str(operands[0])
            elif str(operator) in ("Tj", "TJ", "'", '"'):
                for string in operands[-1] if str(operator) == "TJ" else operands[-1:]:
                    if isinstance(string, pikepdf.String):
                        shown[font].update(bytes(string))
        for name, resource in page.Resources.Font.items():
            codes = set(to_unicode(resource.ToUnicode.read_bytes()))
            assert codes - {32} <= shown[name], name
            program = TTFont(io.BytesIO(resource.FontDescriptor.FontFile2.read_bytes()))
            glyf = program["glyf"]
            reached = {".notdef"}
            cmap = program["cmap"].tables[0].cmap
            waiting = [cmap[code] for code in codes | {0} if code in cmap]  # 0: what U+0000 has
            while waiting:  # composite glyphs bring their components
                glyph = waiting.pop()
                if glyph not in reached:
                    reached.add(glyph)
                    waiting += glyf[glyph].getComponentNames(glyf)
            assert set(program.getGlyphOrder()) == reached, name
            # Codes are printable ASCII bytes, written as they are in the content stream.
            assert all(33 <= code <= 126 for code in codes - {32}) or len(codes) > 93, name


def test_a_damaged_font_is_a_clear_error(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    damaged = tmp_path / "Damaged-Bold.ttf"
    damaged.write_bytes((CARLITO / "Carlito-Bold.ttf").read_bytes()[:4000])
    theme = tmp_path / "theme.yaml"
    theme.write_text(f"extends: default\nfonts:\n  bold: {damaged}\n", encoding="utf-8")
    content = write_sheet(example_sheet(theme=str(theme)))
    result = run_cli("build", content, "-o", tmp_path / "out.pdf")
    assert result.code == 2
    assert "fonts.bold: cannot use Damaged-Bold.ttf as a font" in result.err
    assert not (tmp_path / "out.pdf").exists()


def _parsed_faces(patch: pytest.MonkeyPatch) -> list[str]:
    """The font files ReportLab is asked to parse from now on, by file name."""
    parsed: list[str] = []
    original = TTFontFace.__init__

    def recording(face: Any, filename: str, *args: Any, **kwargs: Any) -> None:
        parsed.append(Path(filename).name)
        original(face, filename, *args, **kwargs)

    patch.setattr(TTFontFace, "__init__", recording)
    return parsed


_FACES = ("Regular", "Bold", "Italic", "BoldItalic")


def _fresh_copy_of_carlito(folder: Path) -> Path:
    """A theme over copies of Carlito: new paths, so no earlier test has registered them."""
    folder.mkdir()
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        (folder / f"Carlito-{face}.ttf").write_bytes((CARLITO / f"Carlito-{face}.ttf").read_bytes())
    theme = folder / "theme.yaml"
    theme.write_text(
        "extends: default\nfonts:\n"
        + "".join(
            f"  {style}: {folder / f'Carlito-{face}.ttf'}\n"
            for style, face in (
                ("regular", "Regular"),
                ("bold", "Bold"),
                ("italic", "Italic"),
                ("bold_italic", "BoldItalic"),
            )
        ),
        encoding="utf-8",
    )
    return theme


def test_italic_faces_are_parsed_only_for_a_sheet_that_sets_italics(
    tmp_path: Path, write_sheet: Callable[..., Path]
) -> None:
    theme = _fresh_copy_of_carlito(tmp_path / "fonts")
    plain = write_sheet(example_sheet(theme=str(theme)), "plain.yaml")
    with pytest.MonkeyPatch.context() as patch:
        parsed = _parsed_faces(patch)
        built = build_sheet(plain, created=CREATED)
    # The example sheet sets regular and bold text only: the italic faces stay unread.
    assert sorted(parsed) == ["Carlito-Bold.ttf", "Carlito-Regular.ttf"]
    assert set(_embedded(built.pdf)) == {"Carlito", "Carlito-Bold"}

    sheet = example_sheet(theme=str(theme))
    sheet["intro"] = ["A fictional network, *in italics*, and **bold *both***."]
    italic = write_sheet(sheet, "italic.yaml")
    with pytest.MonkeyPatch.context() as patch:
        parsed = _parsed_faces(patch)
        built = build_sheet(italic, created=CREATED)
    assert sorted(parsed) == ["Carlito-BoldItalic.ttf", "Carlito-Italic.ttf"]
    assert set(_embedded(built.pdf)) == {
        "Carlito",
        "Carlito-Bold",
        "Carlito-Italic",
        "Carlito-BoldItalic",
    }
    assert built.report.ok


def test_a_missing_italic_font_is_reported_before_any_sheet_is_built(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text(
        f"extends: default\nfonts:\n  italic: {tmp_path / 'Missing-Italic.ttf'}\n",
        encoding="utf-8",
    )
    content = write_sheet(example_sheet(theme=str(theme)))
    result = run_cli("build", content, "-o", tmp_path / "out.pdf")
    assert result.code == 2
    assert "fonts.italic: font file not found" in result.err
    assert not (tmp_path / "out.pdf").exists()


def test_a_damaged_italic_font_is_a_clear_error_when_italics_are_set(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    damaged = tmp_path / "Damaged-Italic.ttf"
    damaged.write_bytes((CARLITO / "Carlito-Italic.ttf").read_bytes()[:4000])
    theme = tmp_path / "theme.yaml"
    theme.write_text(f"extends: default\nfonts:\n  italic: {damaged}\n", encoding="utf-8")
    sheet = example_sheet(theme=str(theme))
    sheet["intro"] = ["A fictional network, *in italics*."]
    content = write_sheet(sheet)
    result = run_cli("build", content, "-o", tmp_path / "out.pdf")
    assert result.code == 2
    assert "fonts.italic: cannot use Damaged-Italic.ttf as a font" in result.err
    assert not (tmp_path / "out.pdf").exists()


def test_remembered_widths_are_reportlabs_own_and_stay_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportLabFont

    from factsheet.theme import fonts

    theme = _fresh_copy_of_carlito(tmp_path / "fonts")
    family = fonts.register_family(
        fonts.FontFiles(*(theme.parent / f"Carlito-{f}.ttf" for f in _FACES)), theme
    )
    font = pdfmetrics.getFont(family.regular)
    words = ["Example", "State", "1,234", "fictional", "", " ", "Ünïcödé"]
    for size in (8.0, 9.0, 12.5):
        for word in words:
            own = ReportLabFont.stringWidth(font, word, size)
            # Asked twice: the second answer comes from memory and must be the same.
            assert font.stringWidth(word, size) == own
            assert font.stringWidth(word, size) == own
            assert pdfmetrics.stringWidth(word, family.regular, size) == own
    # Width depends on the size and the text: each is part of what is remembered.
    assert font.stringWidth("Example", 8.0) != font.stringWidth("Example", 9.0)
    assert font.stringWidth("Example", 9.0) != font.stringWidth("Examples", 9.0)
    monkeypatch.setattr(fonts, "_WIDTHS_KEPT", 50)
    for number in range(500):
        assert font.stringWidth(str(number), 9.0) == ReportLabFont.stringWidth(
            font, str(number), 9.0
        )
    assert 0 < len(font.widths) <= 50


def test_letters_beyond_u_ffff_in_a_font_that_has_them_read_back(
    tmp_path: Path, write_sheet: Callable[..., Path]
) -> None:
    """Old Italic letters (U+10300) in DejaVu Sans: the sheet is built, verified, and reads
    back with those letters, by PDFium and by pypdf."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    theme = tmp_path / "theme.yaml"
    faces = {"regular": "", "bold": "-Bold", "italic": "-Oblique", "bold_italic": "-BoldOblique"}
    theme.write_text(
        "extends: default\nfonts:\n"
        + "".join(
            f"  {style}: {dejavu / f'DejaVuSans{face}.ttf'}\n" for style, face in faces.items()
        ),
        encoding="utf-8",
    )
    letters = "\U00010300\U00010301\U00010302"
    intro = f"The Example Outreach Network writes {letters} in a fictional alphabet."
    built = build_sheet(
        write_sheet(example_sheet(theme=str(theme), intro=[intro])), created=CREATED
    )
    assert built.report.ok
    page = pdfium.PdfDocument(built.pdf)[0]
    assert letters in page.get_textpage().get_text_bounded()
    assert letters in PdfReader(io.BytesIO(built.pdf)).pages[0].extract_text()

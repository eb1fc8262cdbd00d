"""Damaged or hostile logos and fonts: a clear theme error before layout, never a crash."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, Run, example_sheet

THEMES = Path(__file__).parent / "data" / "themes"
PNG = (THEMES / "example-logo.png").read_bytes()
SVG_HEAD = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'width="120" height="60"><rect width="120" height="60" fill="#2B4A3A"/>'
)


def _build_with_logo(
    folder: Path,
    logo_name: str,
    logo: bytes,
    write_sheet: Callable[..., Path],
    run: Callable[..., Run],
) -> Run:
    (folder / logo_name).write_bytes(logo)
    theme = folder / "theme.yaml"
    theme.write_text(f"extends: default\nlogo: {{file: {logo_name}, alt: Example mark}}\n")
    content = write_sheet(example_sheet(theme=str(theme)))
    return run("build", content, "-o", folder / "sheet.pdf")


@pytest.mark.parametrize(
    "image",
    [
        f"data:image/png;base64,{base64.b64encode(PNG).decode()}",
        "example-logo.png",
        "../outside.png",
    ],
    ids=["data-uri", "file", "parent-folder"],
)
def test_an_svg_logo_holding_a_bitmap_is_refused_without_reading_it(
    image: str, tmp_path: Path, write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "example-logo.png").write_bytes(PNG)
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    svg = SVG_HEAD + f'<image width="60" height="30" xlink:href="{image}"/></svg>'.encode()
    result = _build_with_logo(folder, "logo.svg", svg, write_sheet, run_cli)
    assert result.code == 2, result.err
    assert "logo.file: cannot use logo logo.svg: it holds a bitmap image" in result.err
    assert not (folder / "sheet.pdf").exists()


@pytest.mark.parametrize(
    ("logo_name", "logo", "message"),
    [
        ("logo.png", PNG[: len(PNG) // 2], "truncated"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "cannot use logo logo.png"),
        ("logo.svg", SVG_HEAD.replace(b'"120"', b'"nan"', 1) + b"</svg>", "not sizes"),
        ("logo.svg", SVG_HEAD.replace(b'"60"', b'"1e999"', 1) + b"</svg>", "not sizes"),
        ("logo.svg", b"<svg", "cannot use logo logo.svg"),
    ],
    ids=["truncated-png", "garbage-png", "nan-width", "infinite-width", "broken-xml"],
)  # fmt: skip
def test_a_damaged_logo_is_a_theme_error(
    logo_name: str,
    logo: bytes,
    message: str,
    tmp_path: Path,
    write_sheet: Callable[..., Path],
    run_cli: Callable[..., Run],
) -> None:
    result = _build_with_logo(tmp_path, logo_name, logo, write_sheet, run_cli)
    assert result.code == 2, result.err
    assert message in result.err and "logo.file" in result.err
    assert "0x" not in result.err and "ImageReader@" not in result.err  # no object reprs


def test_a_huge_logo_is_refused_with_a_hint_to_downscale(
    tmp_path: Path, write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    buffer = io.BytesIO()
    Image.new("1", (5000, 4000)).save(buffer, format="PNG")  # 20 Mpx, a few KB on disk
    result = _build_with_logo(tmp_path, "logo.png", buffer.getvalue(), write_sheet, run_cli)
    assert result.code == 2
    assert "5,000 x 4,000 pixels; the limit is 16,000,000" in result.err
    assert "hint: downscale it" in result.err
    big = PNG + b"\x00" * (6 * 1024 * 1024)
    result = _build_with_logo(tmp_path, "big.png", big, write_sheet, run_cli)
    assert result.code == 2 and "the limit is 5 MB" in result.err and "downscale" in result.err


def test_a_truncated_font_is_a_theme_error(
    tmp_path: Path, write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    font = (ROOT / "fonts" / "carlito" / "Carlito-Regular.ttf").read_bytes()
    (tmp_path / "cut.ttf").write_bytes(font[: len(font) // 3])
    (tmp_path / "theme.yaml").write_text("extends: default\nfonts: {regular: cut.ttf}\n")
    content = write_sheet(example_sheet(theme="theme.yaml"))
    result = run_cli("build", content, "-o", tmp_path / "sheet.pdf")
    assert result.code == 2, result.err
    assert "fonts.regular: cannot use cut.ttf as a font" in result.err

"""Too much content: the message, and with --show-overflow a picture of what did not fit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import Run, example_sheet
from PIL import Image

PARAGRAPH = "This fictional paragraph describes an example programme in the example year. " * 4


def long_sheet() -> dict[str, Any]:
    return example_sheet(
        sections=[
            {"heading": f"Example Section {i}", "body": [PARAGRAPH, PARAGRAPH]} for i in range(12)
        ]
    )


def test_show_overflow_writes_the_page_and_a_red_box(
    tmp_path: Path, write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    content = write_sheet(long_sheet())
    output = tmp_path / "out" / "sheet.pdf"
    result = run_cli("build", content, "-o", output, "--show-overflow")
    assert result.code == 2
    assert "content does not fit on one page" in result.err
    assert "did not fit: sections[" in result.err
    picture = tmp_path / "out" / "sheet-overflow.png"
    assert f"wrote {picture}" in result.err
    assert not output.exists()
    image = Image.open(picture).convert("RGB")
    width, height = image.size
    # Letter is 11/8.5 as tall as wide: the picture is taller, for the box below the page.
    assert height > width * 11 / 8.5 * 1.2
    pixels = image.load()
    assert pixels is not None
    red_rows = [
        y for y in range(height) if any(pixels[x, y] == (211, 47, 47) for x in range(0, width, 3))
    ]
    assert red_rows and min(red_rows) > width * 11 / 8.5  # the red box starts below the page


def test_without_the_flag_the_message_says_how_to_see_it(
    tmp_path: Path, write_sheet: Callable[..., Path], run_cli: Callable[..., Run]
) -> None:
    result = run_cli("build", write_sheet(long_sheet()), "-o", tmp_path / "sheet.pdf")
    assert result.code == 2
    assert "hint: add --show-overflow to see the page and what did not fit" in result.err
    assert list(tmp_path.glob("*.png")) == []

"""Drawing text without ReportLab's per-character loops gives ReportLab's bytes: the escaped
strings a canvas writes, and the codes a subset font gives each character."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from factsheet.content.model import ThemeRef
from factsheet.pdf.canvas import SheetCanvas
from factsheet.theme.fonts import register_family
from factsheet.theme.loader import load_theme
from factsheet.theme.ttf import DrawnState


def test_a_sheet_canvas_escapes_text_as_reportlab_does() -> None:
    canvas = SheetCanvas(None)
    every_byte = bytes(range(256))
    assert canvas._escape(every_byte) == escapePDF(every_byte)
    rng = random.Random(2031)
    for _ in range(300):
        text = bytes(rng.choice(b"()\\\n\r\t\x00\x7f\xffAz 09") for _ in range(rng.randint(0, 40)))
        assert canvas._escape(text) == escapePDF(text)
    assert canvas._escape("a (b) \\ c") == escapePDF("a (b) \\ c")


def _regular_font() -> TTFont:
    theme = load_theme(ThemeRef("default", Path("sheet.yaml")))
    return pdfmetrics.getFont(register_family(theme.fonts, theme.file, italics=False).regular)


class _Document:
    """Stands for a ReportLab document: subset states are kept per document object."""


def test_known_text_is_encoded_as_reportlabs_split_encodes_it() -> None:
    font = _regular_font()
    ours, theirs = _Document(), _Document()
    # Latin, accents, no-break spaces, Greek, Cyrillic and Latin Extended-A (past 256 codes:
    # a second subset), and an ideograph the font has no glyph for (code 0).
    alphabet = "Example State 1,234 () \\ é ü \u00a0 \u4e00 ©®"
    for first, last in ((0x391, 0x3C9), (0x410, 0x44F), (0x100, 0x17F)):
        alphabet += "".join(map(chr, range(first, last)))
    rng = random.Random(20311)
    fast = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        if font.state[ours].encoded(text) is not None:
            fast += 1
        assert font.splitString(text, ours) == TTFont.splitString(font, text, theirs)
    assert font.state[ours].assignments == font.state[theirs].assignments
    assert fast > 1000
    assert len(font.state[ours].subsets) > 1  # both subsets were written to
    assert isinstance(font.state[ours], DrawnState)


def test_text_with_a_new_character_is_left_to_reportlab() -> None:
    font = _regular_font()
    document = _Document()
    state = font.state[document]
    assert state.encoded("a") is None
    font.splitString("ab", document)
    assert state.encoded("ab") == TTFont.splitString(font, "ab", document)[0][1]
    assert state.encoded("abc") is None
    assert state.encoded("") == b""
    assert font.splitString("", document) == []
    # ReportLab keeps code 32 for the space, and draws a no-break space as a space.
    assert state.encoded("a\u00a0b") == state.encoded("a b") == b'! "'

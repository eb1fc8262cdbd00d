"""A paragraph's text runs put in the fonts of their scripts, and the paragraph style its
scripts need: ideographic line breaking for Chinese and Japanese, shaping for Devanagari."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

from factsheet.content.scripts import BY_KEY
from factsheet.layout.glyphtexts import GlyphTexts
from factsheet.layout.linebreak import break_lines, has_ideographs
from factsheet.theme.fontruns import font_runs
from factsheet.theme.fonts import FontFamily

FAMILY_ATTRIBUTE = "factsheet_fonts"
"""The ParagraphStyle attribute holding the FontFamily whose fallbacks a paragraph uses."""


def with_fonts(style: ParagraphStyle, family: FontFamily) -> ParagraphStyle:
    setattr(style, FAMILY_ATTRIBUTE, family)
    return style


def split_frags(frags: list[Any], style: ParagraphStyle) -> tuple[list[Any], ParagraphStyle]:
    """Frags cut where the font changes, and the style the paragraph's scripts need."""
    family: FontFamily | None = getattr(style, FAMILY_ATTRIBUTE, None)
    if family is None or not family.fallbacks:
        return frags, style
    own = {family.regular, family.bold, family.italic, family.bold_italic}
    bold = {family.bold, family.bold_italic}
    result: list[Any] = []
    for frag in frags:
        text = getattr(frag, "text", "")
        # A paragraph split after its lines were broken is given words, not frags: as is.
        if not text or hasattr(frag, "cbDefn") or getattr(frag, "fontName", None) not in own:
            result.append(frag)
            continue
        runs = font_runs(text, family, frag.fontName, bold=frag.fontName in bold)
        if len(runs) == 1 and runs[0][1] is None:
            result.append(frag)
            continue
        result += [frag.clone(text=piece, fontName=font or frag.fontName) for piece, font in runs]
    return result, _style_for(result, style, family)


def _style_for(frags: list[Any], style: ParagraphStyle, family: FontFamily) -> ParagraphStyle:
    changes: dict[str, Any] = {}
    if any(has_ideographs(getattr(frag, "text", "")) for frag in frags):
        changes["wordWrap"] = "CJK"
    shaped = [
        fallback.regular
        for fallback in family.fallbacks
        if BY_KEY[fallback.script].shaped
        and any(
            getattr(frag, "fontName", "") in (fallback.regular, fallback.bold) for frag in frags
        )
    ]
    if shaped:
        # ReportLab shapes a paragraph only when its own font can be shaped; words in the
        # theme's fonts are still drawn unshaped (they are registered as not shapable).
        changes |= {"shaping": 1, "fontName": shaped[0]}
    if not changes or all(getattr(style, k, None) == v for k, v in changes.items()):
        return style
    return with_fonts(ParagraphStyle(f"{style.name}+script", parent=style, **changes), family)


def _font(frag: Any) -> str:
    return str(getattr(frag, "fontName", ""))


def ideographic_lines(frags: list[Any], widths: list[float], calc_bounds: bool) -> Any:
    """ReportLab's lines for a paragraph with ideographs, broken by factsheet's rules."""
    # A fragment with no text (a callback, such as a change of run) is kept as an empty unit
    # in its place, as ReportLab's own CJK breaking does, so that it still fires when drawn.
    units = []
    for frag in frags:
        text = getattr(frag, "text", "")
        units += [cjkU(char, frag, "utf8") for char in text] if text else [cjkU("", frag, "utf8")]
    chars = [index for index, unit in enumerate(units) if unit]
    text = "".join(units)
    broken = break_lines(text, [units[i].width for i in chars], widths)
    lines = []
    for number, (start, end, used) in enumerate(broken):
        width = widths[min(number, len(widths) - 1)]
        first = chars[start]
        while first > 0 and not units[first - 1]:
            first -= 1
        last = len(units) if number == len(broken) - 1 else chars[end - 1] + 1
        lines.append(
            makeCJKParaLine(units[first:last], width, used, width - used, False, calc_bounds)
        )
    return ParaLines(kind=1, lines=lines)


def text_width(text: str, style: ParagraphStyle, font: str = "", size: float = 0.0) -> float:
    """How wide text sets in the style's font (or font), each run in the font that draws it."""
    font = font or style.fontName
    size = size or style.fontSize
    family: FontFamily | None = getattr(style, FAMILY_ATTRIBUTE, None)
    if family is None or not family.fallbacks:
        return float(stringWidth(text, font, size))
    bold = font in (family.bold, family.bold_italic)
    return sum(
        float(stringWidth(piece, run_font or font, size))
        for piece, run_font in font_runs(text, family, font, bold=bold)
    )


def shaped_words(
    texts: list[str], family: FontFamily, glyphs: GlyphTexts | None = None
) -> dict[str, str]:
    """What each word of a shaped paragraph reads back as, mapped to the word itself.

    Only words whose glyphs do not read back as their own text are kept; a reading shared by
    two different words is dropped, so that no word is ever given another's text. glyphs, when
    given, learns what each shaped glyph stands for.
    """
    shaped = {f.regular for f in family.fallbacks if BY_KEY[f.script].shaped}
    if not shaped:
        return {}
    readings: dict[str, str] = {}
    clashes: set[str] = set()
    for text in texts:
        if not any(font for _, font in font_runs(text, family, family.regular) if font in shaped):
            continue
        for word in sorted(set(text.split())):
            for own in (family.regular, family.bold, family.italic, family.bold_italic):
                font = (
                    next((f for _, f in font_runs(word, family, own) if f is not None), None) or own
                )
                shaped_word = shapeStr(word, font, 10)
                shown = str(shaped_word)
                if shown == word:
                    continue
                if glyphs is not None:
                    glyphs.note(word, shaped_word, font)
                if readings.get(shown, word) != word:
                    clashes.add(shown)
                readings[shown] = word
    return {shown: word for shown, word in readings.items() if shown not in clashes}

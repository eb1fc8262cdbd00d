"""TrueType fonts: the one place that touches ReportLab's global font registry."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import msgspec.structs
from msgspec import Struct
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from factsheet.content.scripts import Script
from factsheet.errors import Problem, ThemeError
from factsheet.theme.fontconfig import TRUETYPE_SUFFIXES, FaceFile, InstalledFamily, find_family
from factsheet.theme.model import STYLES


def bundled_fonts_dir() -> Path:
    """Fonts shipped with factsheet: inside an installed package, or the repository's fonts/."""
    package_root = Path(__file__).parent.parent
    package = package_root / "fonts"
    return package if package.is_dir() else package_root.parent / "fonts"


class FontFiles(Struct, frozen=True):
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    scripts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Per script key, its fallback chain: font files (absolute) or fontconfig family names."""

    def by_style(self) -> dict[str, Path]:
        return {style: getattr(self, style) for style in STYLES}


class Fallback(Struct, frozen=True):
    """A registered font for one script's text (CJK and Indic fonts have no italics)."""

    script: str
    regular: str
    bold: str


class FontFamily(Struct, frozen=True):
    """Registered ReportLab font names for one theme's four styles, and the fallbacks found
    for the scripts a sheet uses beyond them, in each script's chain order."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    fallbacks: tuple[Fallback, ...] = ()

    def names(self) -> set[str]:
        """Every registered font of the family, fallbacks included."""
        own = {self.regular, self.bold, self.italic, self.bold_italic}
        return own | {f.regular for f in self.fallbacks} | {f.bold for f in self.fallbacks}

    def chain(self, script: str) -> list[Fallback]:
        return [fallback for fallback in self.fallbacks if fallback.script == script]

    def name(self, *, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


UPRIGHT = ("regular", "bold")
"""The styles every sheet draws (body, headings, figures); italics only from *markup*."""


def register_family(
    files: FontFiles, theme_file: Path | None = None, *, italics: bool = True
) -> FontFamily:
    """Register the fonts (once per file, however often asked) and return their four names.

    With italics=False the two italic faces are only checked to exist: parsing a face costs a
    cold build some 15 ms, and most sheets never set a word in italics. register_italics
    registers them before a sheet that does is laid out.
    """
    names = {
        style: _register(path, style, theme_file)
        if italics or style in UPRIGHT
        else _unregistered(path, style, theme_file)
        for style, path in files.by_style().items()
    }
    family = FontFamily(names["regular"], names["bold"], names["italic"], names["bold_italic"])
    # <b> and <i> in paragraph markup look fonts up by family, so map the family too.
    addMapping(family.regular, 0, 0, family.regular)
    addMapping(family.regular, 1, 0, family.bold)
    addMapping(family.regular, 0, 1, family.italic)
    addMapping(family.regular, 1, 1, family.bold_italic)
    return family


def register_italics(files: FontFiles, theme_file: Path | None = None) -> None:
    """Register the italic faces register_family(italics=False) left unparsed."""
    for style in ("italic", "bold_italic"):
        _register(getattr(files, style), style, theme_file)


def with_script_fonts(
    family: FontFamily, files: FontFiles, scripts: list[Script], theme_file: Path | None
) -> FontFamily:
    """The family with every installed font of each script's chain registered as a fallback.

    A chain entry that is not installed is passed over; a script left with no font at all is
    reported by the glyph check, with the command that installs one.
    """
    chains = dict(files.scripts)
    fallbacks: list[Fallback] = []
    for script in scripts:
        for index, entry in enumerate(chains.get(script.key, ())):
            field = f"scripts.{script.key}[{index}]"
            found = _installed(entry)
            if found is None:
                continue
            shaped = script.shaped
            regular = _register(found.regular.path, field, theme_file, found.regular, shaped)
            bold = emboldened(regular)
            if found.bold is not None:
                bold = _register(found.bold.path, field, theme_file, found.bold, shaped)
            for bold_flag, italic_flag, name in ((0, 0, regular), (1, 0, bold)):
                addMapping(regular, bold_flag, italic_flag, name)
                addMapping(regular, bold_flag, 1, name)
            fallbacks.append(Fallback(script.key, regular, bold))
    return msgspec.structs.replace(family, fallbacks=tuple(fallbacks))


EMBOLDENED = "-emboldened"
"""The suffix of a font name that draws its font's glyphs stroked as well as filled."""


class _SecondName:
    """What ReportLab's registry needs to file a second name for a face it already has."""

    _dynamicFont = True
    _multiByte = 1

    def __init__(self, name: str, font: Any) -> None:
        self.fontName = name
        self.face = font.face


def emboldened(name: str) -> str:
    """A name for the font drawn bold by stroking its outlines (a script's font with no bold).

    Most Chinese and Japanese fonts come in one weight, and a bold statistic set in it would
    look like the words around it: the text is drawn filled and stroked (layout/runs.py), the
    same glyphs from the same embedded subset, so widths, text and verification are unchanged.
    """
    alias = name + EMBOLDENED
    if alias not in pdfmetrics.getRegisteredFontNames():
        # The registry files a second font of a known face under the first one's object.
        pdfmetrics.registerFont(_SecondName(alias, pdfmetrics.getFont(name)))
    return alias


def _installed(entry: str) -> InstalledFamily | None:
    if is_font_file(entry):
        path = Path(entry)
        return InstalledFamily(FaceFile(path), None) if path.is_file() else None
    return find_family(entry)


def is_font_file(value: str) -> bool:
    """A fonts.scripts entry naming a file rather than an installed family."""
    return "/" in value or value.lower().endswith((*TRUETYPE_SUFFIXES, ".otf"))


def covers(font_name: str, text: str) -> bool:
    """Whether the font has a glyph for every character of text that is not a space."""
    covered = pdfmetrics.getFont(font_name).face.charToGlyph
    # Set arithmetic runs in C: only the distinct characters are looked up, and only those
    # the font lacks are looked at one by one.
    return all(chr(code).isspace() for code in set(map(ord, set(text))).difference(covered))


def _font_name(path: Path, index: int = 0) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    return f"{path.stem}-{digest}" if index == 0 else f"{path.stem}-{index}-{digest}"


def _unregistered(path: Path, style: str, theme_file: Path | None) -> str:
    """The name a face will be registered under; a missing file is reported now, as ever."""
    if not path.exists():
        raise _not_found(path, style, theme_file)
    return _font_name(path)


def _not_found(path: Path, style: str, theme_file: Path | None) -> ThemeError:
    return ThemeError(Problem(f"font file not found: {path}", theme_file, f"fonts.{style}"))


def _register(
    path: Path,
    style: str,
    theme_file: Path | None,
    face: FaceFile | None = None,
    shaped: bool = False,
) -> str:
    index = face.index if face is not None else 0
    name = _font_name(path, index)
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        kind = TTFont if shaped else _UnshapedFont
        font = kind(name, str(path), subfontIndex=index, shapable=shaped)
    except FileNotFoundError:
        raise _not_found(path, style, theme_file) from None
    except Exception as error:  # a damaged font breaks ReportLab's parser in many ways
        if isinstance(error, OSError | TTFError | ValueError):
            reason = str(error)
        else:
            reason = f"the file is damaged or truncated ({type(error).__name__})"
        raise ThemeError(
            Problem(
                f"cannot use {path.name} as a font: {reason}",
                theme_file,
                f"fonts.{style}",
                hint="use a TrueType (.ttf) font with TrueType outlines",
            )
        ) from None
    pdfmetrics.registerFont(font)
    return name


class _UnshapedFont(TTFont):  # type: ignore[misc]
    """A font ReportLab never shapes, even for a word inside a shaped paragraph.

    Shaped Latin turns "ffi" into a ligature that reads back as one character ("oﬃce");
    ReportLab leaves a word unshaped when its font has no HarfBuzz font to shape with.
    """

    def hbFont(self, fontSize: float = 10) -> Any:  # ReportLab's name for it
        raise AttributeError("factsheet shapes only the scripts that need it")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from factsheet.theme.ttf import DrawnOnlyStates, LeanFace

        super().__init__(*args, **kwargs)
        # The same parsed face, embedding its subsets without hinting (theme/fontprogram.py).
        self.face.__class__ = LeanFace
        self.state = DrawnOnlyStates(self)
        self.widths: dict[tuple[str, float, str], float] = {}

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
        known = self.state[doc].encoded(text) if isinstance(text, str) else None
        if known is None:
            return super().splitString(text, doc, encoding)
        return [(0, known)] if known else []

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        """ReportLab's width, remembered: line breaking measures the same words again and
        again, and every row of a series shares most of them (ReportLab sums the widths of
        the characters in Python each time). Bounded, so a long series' memory stays flat."""
        key = (text, size, encoding)
        width = self.widths.get(key)
        if width is None:
            if len(self.widths) >= _WIDTHS_KEPT:
                self.widths.clear()
            width = self.widths[key] = float(super().stringWidth(text, size, encoding))
        return width


_WIDTHS_KEPT = 4_096
"""Words and sizes a font remembers widths for: a series sheet measures some 2,000, most of
them in every row; more would hold the figures of rows long gone (memory grows, no speed)."""


def settle_private_glyphs(font_names: set[str]) -> None:
    """Give the glyphs shaping added to a font their true advance widths.

    Shaping draws glyphs that have no character (conjuncts, half forms) under private-use
    code points, and ReportLab records their widths in the font's own units rather than per
    1000 em: in a font of 1024 units the PDF's /Widths then disagree with the embedded glyphs.
    Called after the sheet's words were first shaped and before they are laid out.
    """
    import uharfbuzz  # type: ignore[import-untyped]

    for name in font_names:
        font = pdfmetrics.getFont(name)
        face = font.face
        private = [c for c in face.charToGlyph if _PRIVATE_FIRST <= c <= _PRIVATE_LAST]
        if not private:
            continue
        measure = uharfbuzz.Font(font.hbFace)
        for char in private:
            advance = measure.get_glyph_h_advance(face.charToGlyph[char])
            face.charWidths[char] = face._pdfScale(advance)


_PRIVATE_FIRST, _PRIVATE_LAST = 0xE000, 0xF8FF

"""TrueType fonts: the one place that touches ReportLab's global font registry."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from factsheet.errors import Problem, ThemeError
from factsheet.theme.model import STYLES


def bundled_fonts_dir() -> Path:
    """Fonts shipped with factsheet: inside an installed package, or the repository's fonts/."""
    package_root = Path(__file__).parent.parent
    package = package_root / "fonts"
    return package if package.is_dir() else package_root.parent / "fonts"


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def by_style(self) -> dict[str, Path]:
        return {style: getattr(self, style) for style in STYLES}


@dataclass(frozen=True)
class FontFamily:
    """Registered ReportLab font names for one theme's four styles."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def name(self, *, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


def register_family(files: FontFiles, theme_file: Path | None = None) -> FontFamily:
    """Register the four fonts (once per file, however often asked) and return their names."""
    names = {style: _register(path, style, theme_file) for style, path in files.by_style().items()}
    family = FontFamily(**names)
    # <b> and <i> in paragraph markup look fonts up by family, so map the family too.
    addMapping(family.regular, 0, 0, family.regular)
    addMapping(family.regular, 1, 0, family.bold)
    addMapping(family.regular, 0, 1, family.italic)
    addMapping(family.regular, 1, 1, family.bold_italic)
    return family


def _register(path: Path, style: str, theme_file: Path | None) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    name = f"{path.stem}-{digest}"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        font = TTFont(name, str(path))
    except FileNotFoundError:
        raise ThemeError(
            Problem(f"font file not found: {path}", theme_file, f"fonts.{style}")
        ) from None
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


def missing_glyphs(text: str, font_name: str) -> set[str]:
    """Characters of text the font cannot draw (ReportLab would leave them blank)."""
    font = pdfmetrics.getFont(font_name)
    covered = font.face.charToGlyph
    return {char for char in set(text) if not char.isspace() and ord(char) not in covered}

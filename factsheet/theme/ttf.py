"""ReportLab TrueType faces that embed lean subsets: through factsheet.theme.fontprogram,
which drops the hinting and the spare names from each subset."""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import TTFontFace, TTFontMaker

from factsheet.theme.fontprogram import read_tables, strip_hinting


class LeanFace(TTFontFace):  # type: ignore[misc]
    """A TrueType face whose embedded subsets carry no hinting."""

    def makeSubset(self, subset: list[int]) -> bytes:
        program: bytes = super().makeSubset(subset)
        maker = TTFontMaker()
        for tag, data in strip_hinting(read_tables(program)).items():
            maker.add(tag.decode("latin-1"), data)
        lean: bytes = maker.makeStream()
        return lean

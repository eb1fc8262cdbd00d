"""Table columns are sized with the same width measure the cells are drawn with."""

from __future__ import annotations

from conftest import ROOT
from reportlab.pdfbase.pdfmetrics import stringWidth

from factsheet.content.loader import load_content
from factsheet.content.model import Table
from factsheet.layout.scriptruns import text_width
from factsheet.layout.styles import make_styles
from factsheet.layout.tablewidths import CELL_PADDING, CellStyles, column_needs
from factsheet.pipeline import SheetBuilder

PADDING = 2 * CELL_PADDING + 1


def _table_and_styles(name: str) -> tuple[Table, CellStyles]:
    path = ROOT / "examples" / f"{name}.yaml"
    builder = SheetBuilder.load(path)
    sheet = load_content(path)
    # The theme's fonts with fallbacks for the sheet's scripts, as a build sets them.
    family = builder.fonts_for(sheet)
    styles = make_styles(builder.theme, family, 12.0, lang=sheet.lang)
    tables = [
        block
        for section in sheet.sections
        for block in section.body
        if isinstance(block, Table) and block.show_table
    ]
    return tables[0], CellStyles(styles.cell, styles.header_cell)


def test_chinese_cells_are_measured_in_the_font_that_draws_them() -> None:
    table, styles = _table_and_styles("chinese-simplified")
    needs = column_needs(table, styles)
    header = table.columns[1].plain  # 人数
    drawn = text_width(header, styles.header, styles.header.fontName)
    # The theme's Latin font has no ideographs: its measure is not what the page shows.
    latin = stringWidth(header, styles.header.fontName, styles.header.fontSize)
    assert abs(drawn - latin) > 1
    assert needs.natural[1] >= drawn + PADDING - 0.01
    # A line may break between ideographs, so the narrowest a column may be is one of them
    # (with any punctuation that may not start a line), not the whole header.
    label = table.columns[0].plain
    assert needs.narrowest[0] < text_width(label, styles.header, styles.header.fontName) + PADDING


def test_hindi_and_korean_cells_are_measured_in_their_fonts() -> None:
    for name in ("hindi", "korean"):
        table, styles = _table_and_styles(name)
        needs = column_needs(table, styles)
        longest = max(
            text_width(row[0].plain, styles.text, styles.text.fontName) for row in table.rows
        )
        assert needs.natural[0] >= longest + PADDING - 0.01


def test_a_figure_bound_with_its_unit_measures_as_one_word() -> None:
    table, styles = _table_and_styles("spanish-figures")
    needs = column_needs(table, styles)
    for c in range(len(table.rows[0])):
        for row in table.rows:
            cell = row[c].plain
            if any(ch.isdigit() for ch in cell) and len(cell.split()) == 2:
                whole = text_width(cell, styles.text, styles.font(row[c], False))
                assert needs.narrowest[c] >= whole + PADDING - 0.5

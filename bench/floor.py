"""The floor: what any ReportLab script pays to set a sheet's texts on a page, cold.

    python bench/floor.py SHEET.json OUT.pdf

Imports reportlab.platypus, registers the sheet's two faces, sets every text as a paragraph
(headings in bold, larger) with SimpleDocTemplate and writes the file: no fitting, no
verification, no tagging. bench/compare.py writes SHEET.json from the real sheet, so the floor
draws the same words in the same fonts.
"""

import json
import sys

from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as stream:
        sheet = json.load(stream)
    pdfmetrics.registerFont(TTFont("Floor", sheet["fonts"]["regular"]))
    pdfmetrics.registerFont(TTFont("Floor-Bold", sheet["fonts"]["bold"]))
    pdfmetrics.registerFontFamily("Floor", normal="Floor", bold="Floor-Bold")
    body = ParagraphStyle("body", fontName="Floor", fontSize=9, leading=11.5)
    heading = ParagraphStyle("heading", fontName="Floor-Bold", fontSize=12, leading=15)
    story = [
        Paragraph(markup, heading if kind == "heading" else body)
        for kind, markup in sheet["paragraphs"]
    ]
    SimpleDocTemplate(sys.argv[2], pagesize=letter, invariant=1).build(story)


main()

"""The structure tree, built from the marks as drawn: no second description of the sheet.

Each MCID shows one `Shows`; its chain of parents gives the elements that hold it. Walking the
MCIDs in drawing (= reading) order and opening or closing elements as the chains change builds
the tree, as WeasyPrint builds its tree from the laid-out boxes.
"""

from __future__ import annotations

from msgspec import Struct, field

from factsheet.content.model import ChoroplethMap, Table
from factsheet.content.words import Words, words_for
from factsheet.layout.charts import chart_values
from factsheet.layout.shows import Part, Shows
from factsheet.pdf.tags.marks import Marker
from factsheet.pdf.tags.roles import ROLES, SCOPES
from factsheet.theme.model import Logo


class Element(Struct):
    role: str
    kids: list[Element | int] = field(default_factory=list)
    """Child elements and MCIDs, in reading order."""
    annotations: list[int] = field(default_factory=list)
    """Link annotations it owns, by their StructParent number."""
    alt: str = ""
    lang: str = ""
    """The language of the generated alt text, when it is not the sheet's."""
    scope: str = ""
    """For TH: Column or Row."""


def structure_tree(marker: Marker, lang: str) -> Element:
    """The Document element and everything the marks show, in reading order."""
    words = words_for(lang)
    other_lang = "" if lang.split("-")[0].lower() == words.lang else words.lang
    document = Element("Document")
    made: dict[int, Element] = {}
    open_chain: list[Shows] = []
    for mcid, shows in enumerate(marker.shown):
        chain = _chain(shows)
        common = 0
        while common < min(len(chain), len(open_chain)) and chain[common] is open_chain[common]:
            common += 1
        open_chain = chain
        parent = made[id(chain[common - 1])] if common else document
        for link in chain[common:]:
            element = made.get(id(link))
            if element is None:
                element = _element(link, words, other_lang)
                made[id(link)] = element
                parent.kids.append(element)
            parent = element
        parent.kids.append(mcid)
    for number, link in enumerate(marker.links, start=1):
        owner = made.get(id(link))
        if owner is not None:
            owner.annotations.append(number)
    return document


def _chain(shows: Shows) -> list[Shows]:
    chain = [shows]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    return chain[::-1]


def _element(shows: Shows, words: Words, other_lang: str) -> Element:
    element = Element(ROLES[shows.part], scope=SCOPES.get(shows.part, ""))
    model = shows.model
    if shows.part is Part.LOGO and isinstance(model, Logo):
        element.alt = model.alt
    elif shows.part is Part.CHART and isinstance(model, Table):
        element.alt = model.alt or chart_alt(model, words)
        element.lang = "" if model.alt else other_lang
    elif shows.part is Part.MAP and isinstance(model, ChoroplethMap):
        element.alt = model.alt
    elif shows.part is Part.QR_CODE:
        element.alt = words.qr_code.format(address=model)
        element.lang = other_lang
    return element


def chart_alt(table: Table, words: Words) -> str:
    """What the chart shows, in words: its kind, what it plots, its highest and lowest bars.

    Every value is read in a table next: the sheet's own table, or (for a chart drawn alone)
    the chart's labels and values, tagged as one (see layout/charts.py). A list of numbers in
    the alt text would be read twice, and does not read as language.
    """
    label_column, value_column, values = chart_values(table)
    kind = words.bar_chart if table.chart == "bar" else words.column_chart
    if table.columns:
        kind = words.by.format(
            kind=kind,
            value=table.columns[value_column].plain,
            label=table.columns[label_column].plain,
        )
    top = max(range(len(values)), key=values.__getitem__)
    low = min(range(len(values)), key=values.__getitem__)
    extremes = words.extremes.format(
        top=table.rows[top][label_column].plain.rstrip(" :"),
        top_value=table.rows[top][value_column].plain,
        low=table.rows[low][label_column].plain.rstrip(" :"),
        low_value=table.rows[low][value_column].plain,
    )
    return f"{kind}{words.stop}{extremes[:1].upper()}{extremes[1:]}{words.stop}{words.in_table}"

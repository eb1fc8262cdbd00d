"""Tagging read back from the PDF: every element, mark, link and document entry, exactly.

Each test renders its own tagged PDF from a layout made once per sheet, so a test reads
tagging written for it (rendering takes a tenth of a second; laying out, most of a second).
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pikepdf
import pytest
import yaml
from conftest import COLORADO, ROOT, example_sheet
from msgspec.structs import replace
from reportlab.pdfbase.ttfonts import makeToUnicodeCMap
from test_accessibility import every_block_sheet

from factsheet.content.model import ChoroplethMap, Sheet
from factsheet.layout.fit import lay_out
from factsheet.layout.page import PageLayout
from factsheet.pdf.info import DocumentInfo, document_info
from factsheet.pdf.print_options import PLAIN
from factsheet.pdf.render import render_pdf
from factsheet.pdf.tags.fontmaps import WellFormedMaps, cmap_for, well_formed_cmap
from factsheet.pdf.tags.marks import Marker, paints
from factsheet.pipeline import SheetBuilder, build_sheet
from factsheet.theme.fonts import FontFamily
from factsheet.theme.model import Theme

CREATED = datetime(2031, 2, 3, 4, 5, 6, tzinfo=UTC)


def _every() -> dict[str, Any]:
    """The every-block sheet, with emphasis, a paragraph that opens in bold, and a title that
    needs escaping in XML."""
    sheet = every_block_sheet()
    sheet["title"] = "Example & Co <Data>"
    body = sheet["sections"][0]["body"]
    body.insert(1, "**412 calls** came in *by phone* (fictional).")
    return sheet


def _charts() -> dict[str, Any]:
    """A column chart described from its data (labels end in a colon, one in a capital X) and
    a bar chart with its own alt text."""
    column = {
        "chart": "column",
        "columns": ["Area", "Calls"],
        "rows": [["Area X:", 12], ["South :", 7]],
    }
    bar = {"chart": "bar", "alt": "Fictional calls, mostly by phone.", "rows": [["Phone", 9]]}
    body = [{"table": column}, {"table": bar}]
    return example_sheet(sections=[{"heading": "Example charts", "body": body}])


SHEETS = {"every": _every(), "charts": _charts()}


@dataclass
class Prepared:
    sheet: Sheet
    page: PageLayout
    info: DocumentInfo
    theme: Theme
    family: FontFamily


_PREPARED: dict[str, Prepared] = {}


def tagged(name: str, lang: str | None = None) -> pikepdf.Pdf:
    """A freshly rendered tagged PDF of one of SHEETS (its document language changed to lang
    when given), opened."""
    if name not in _PREPARED:
        if name in SHEETS:
            text = yaml.safe_dump(SHEETS[name], sort_keys=False).encode()
            # Relative paths (the theme) start from tests/, where this file name would be.
            builder = SheetBuilder.load(ROOT / "tests" / f"{name}.yaml", text=text)
        else:
            builder = SheetBuilder.load(ROOT / "examples" / f"{name}.yaml")
        theme = builder.theme
        sheet = builder.template.sheet(None).with_defaults(
            organization=theme.organization, qr=theme.qr
        )
        family = builder.fonts_for(sheet)
        page = lay_out(sheet, theme, family)
        _PREPARED[name] = Prepared(sheet, page, document_info(sheet, theme, CREATED), theme, family)
    made = _PREPARED[name]
    info = made.info if lang is None else replace(made.info, lang=lang)
    pdf = render_pdf(made.page, info, made.theme, made.family, PLAIN, Marker())
    return pikepdf.open(io.BytesIO(pdf))


def kids_of(element: Any) -> list[Any]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def is_element(kid: Any) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem"


def outline(element: Any, depth: int = 0) -> list[str]:
    """One line per element: indent, role, its MCIDs, OBJR for a link's annotation, and its
    Alt, Lang and table scope when it has them."""
    kids = kids_of(element)
    parts = [str(element.S)[1:]]
    parts += [str(k) for k in kids if isinstance(k, int)]
    parts += [
        "OBJR" for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
    ]
    if "/Alt" in element:
        parts.append(f"alt={element.Alt}")
    if "/Lang" in element:
        parts.append(f"lang={element.Lang}")
    if "/A" in element:
        parts.append(f"{element.A.O}:{element.A.Scope}")
    lines = ["  " * depth + " ".join(parts)]
    for kid in kids:
        if is_element(kid):
            lines += outline(kid, depth + 1)
    return lines


CHART_ALT = (
    "Bar chart of Calls by Kind. Highest: Phone (7,890); lowest: Text (1,234). "
    "Every value is in the table."
)

# The every-block sheet in reading order: title, subtitle, organisation, logo, two cards
# (value, then label), the intro; the section with its heading, the paragraph with a link, a
# paragraph that opens in bold (its own first run is empty, so not marked: its MCIDs start
# after the Strong's), a list, the chart's caption, the chart and its table, the table
# without a header row (its first column heads each row); then the source with its link, the
# footer, the QR code and the address under it.
EVERY = f"""Document
  H1 0
  P 1
  P 2
  Figure 3 alt=Example Outreach Network logo
  Div
    P 4
    P 5
  Div
    P 6
    P 7
  P 8
  Sect
    H2 9
    P 10 12 14
      Strong 11
      Link 13 OBJR
    P 16 18
      Strong 15
      Em 17
    L
      LI
        Lbl 19
        LBody 20
      LI
        Lbl 21
        LBody 22
    P 23
    Figure 24 alt={CHART_ALT}
    Table
      THead
        TR
          TH 25 /Table:/Column
          TH 26 /Table:/Column
      TBody
        TR
          TD 27
          TD 28
        TR
          TD 29
          TD 30
    Table
      Caption 31
      TBody
        TR
          TH 32 /Table:/Row
          TD 33
        TR
          TH 34 /Table:/Row
          TD 35
  P 36
    Link 37 OBJR
  P 38
  Figure 39 alt=QR code linking to https://example.org/2031
  P 40"""


def test_every_element_in_reading_order() -> None:
    with tagged("every") as pdf:
        root = pdf.Root.StructTreeRoot
        assert "\n".join(outline(root.K)) == EVERY
        assert root.Type == "/StructTreeRoot" and root.K.P.objgen == root.objgen


def test_every_element_is_on_the_page_and_each_link_owns_its_own_annotation() -> None:
    with tagged("every") as pdf:
        page = pdf.pages[0].obj
        elements = []

        def collect(element: Any) -> None:
            elements.append(element)
            for kid in kids_of(element):
                if is_element(kid):
                    collect(kid)

        collect(pdf.Root.StructTreeRoot.K)
        assert all(element.Pg.objgen == page.objgen for element in elements)
        # The link in the section's paragraph (drawn first) and the source's link.
        links = [e for e in elements if e.S == "/Link"]
        owned = [
            str(k.Obj.Contents)
            for e in links
            for k in kids_of(e)
            if isinstance(k, pikepdf.Dictionary)
        ]
        assert owned == ["details (example.org/calls)", "example.org (example.org/data)"]


def test_charts_and_maps_are_figures_with_their_descriptions() -> None:
    with tagged("charts", "sv-SE") as pdf:
        figures = [line.strip() for line in outline(pdf.Root.StructTreeRoot.K) if "Figure" in line]
    # Generated (English, said so): labels lose a trailing colon and space, nothing else.
    # A chart's own alt text is the author's, in the sheet's language: no Lang.
    assert figures[-2:] == [
        figures[-2].split(" alt=")[0]
        + " alt=Column chart of Calls by Area. Highest: Area X (12); lowest: South (7). "
        "Every value is in the table. lang=en",
        figures[-1].split(" alt=")[0] + " alt=Fictional calls, mostly by phone.",
    ]
    with tagged("county-map") as pdf:
        figures = [line.strip() for line in outline(pdf.Root.StructTreeRoot.K) if "Figure" in line]
    blocks = [block for section in _PREPARED["county-map"].sheet.sections for block in section.body]
    (shown,) = [block for block in blocks if isinstance(block, ChoroplethMap)]
    assert figures == [f"{figures[0].split(' alt=')[0]} alt={shown.alt}"]
    assert len(shown.alt) > 40


def test_generated_alt_text_names_its_language_when_it_is_not_the_sheets() -> None:
    # No Swedish words: the chart and QR descriptions are English, and say so.
    with tagged("every", "sv-SE") as pdf:
        lines = outline(pdf.Root.StructTreeRoot.K)
        figures = [line.strip() for line in lines if line.strip().startswith("Figure")]
        assert figures == [
            "Figure 3 alt=Example Outreach Network logo",
            f"Figure 24 alt={CHART_ALT} lang=en",
            "Figure 39 alt=QR code linking to https://example.org/2031 lang=en",
        ]
    # German words exist: German descriptions, in the sheet's own language (no Lang).
    with tagged("every", "de-DE") as pdf:
        lines = outline(pdf.Root.StructTreeRoot.K)
        figures = [line.strip() for line in lines if line.strip().startswith("Figure")]
        assert len(figures) == 3 and not [f for f in figures if "lang=" in f]
        assert "QR code linking" not in figures[2] and "https://example.org/2031" in figures[2]


def _marks(pdf: pikepdf.Pdf) -> list[tuple[str, int | None, list[str]]]:
    """Each marked-content sequence of the page: its tag, MCID and painting operators."""
    found: list[tuple[str, int | None, list[str]]] = []
    stack: list[tuple[str, int | None, list[str]]] = []
    painting = {"Tj", "TJ", "'", '"', "f", "f*", "F", "S", "s", "B", "B*", "b", "b*", "Do", "sh"}
    for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
        name = str(operator)
        if name in ("BDC", "BMC"):
            mcid = int(operands[1].MCID) if name == "BDC" else None
            stack.append((str(operands[0])[1:], mcid, []))
        elif name == "EMC":
            found.append(stack.pop())
        elif name in painting:
            assert stack, f"{name} drawn outside any marked content"
            stack[-1][2].append(name)
    assert not stack
    return found


def test_each_mark_is_its_elements_and_paints_something() -> None:
    with tagged("every") as pdf:
        roles: dict[int, str] = {}

        def collect(element: Any) -> None:
            for kid in kids_of(element):
                if isinstance(kid, int):
                    roles[kid] = str(element.S)[1:]
                elif is_element(kid):
                    collect(kid)

        collect(pdf.Root.StructTreeRoot.K)
        marks = _marks(pdf)
    marked = [(tag, mcid) for tag, mcid, _ in marks if mcid is not None]
    assert sorted(mcid for _, mcid in marked) == list(range(41))
    assert all(roles[mcid] == tag for tag, mcid in marked)
    # No empty element: every marked sequence of an element draws something.
    assert all(ops for _, mcid, ops in marks if mcid is not None)
    # Bands, card backgrounds, rules: decoration; shapes are drawn only by figures.
    artifacts = [ops for tag, _, ops in marks if tag == "Artifact"]
    assert len(artifacts) >= 3 and all(op not in ("Tj", "TJ") for ops in artifacts for op in ops)
    shapes = {tag for tag, _, ops in marks if set(ops) & {"f", "f*", "S", "B", "Do"}}
    assert shapes <= {"Artifact", "Figure"}


def test_links_are_annotations_owned_by_their_link_elements() -> None:
    with tagged("every") as pdf:
        page = pdf.pages[0].obj
        assert page.StructParents == 0 and page.Tabs == "/S"
        root = pdf.Root.StructTreeRoot
        nums = list(root.ParentTree.Nums)
        assert nums[0] == 0 and nums[2::2] == [1, 2] and root.ParentTreeNextKey == 3
        by_mcid = list(nums[1])
        assert len(by_mcid) == 41
        for mcid, element in enumerate(by_mcid):
            assert mcid in kids_of(element)
        annotations = list(page.Annots)
        assert [str(a.Contents) for a in annotations] == [
            "details (example.org/calls)",
            "example.org (example.org/data)",
        ]
        for number, annotation in enumerate(annotations, start=1):
            assert annotation.StructParent == number and annotation.F == 4
            link = nums[2 * number + 1]
            assert link.S == "/Link"
            objr = [k for k in kids_of(link) if isinstance(k, pikepdf.Dictionary)]
            assert [(k.Type, k.Obj.objgen, k.Pg.objgen) for k in objr] == [
                ("/OBJR", annotation.objgen, page.objgen)
            ]


def test_document_entries_and_xmp() -> None:
    with tagged("every") as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert dict(root.StructTreeRoot.RoleMap) == {"/Strong": "/Span", "/Em": "/Span"}
        metadata = root.Metadata
        assert (metadata.Type, metadata.Subtype) == ("/Metadata", "/XML")
        assert "/Filter" not in metadata
        xmp = metadata.read_bytes().decode("utf-8")

    def field(name: str) -> str:
        found = re.search(rf"<{name}>(.*?)</{name}>", xmp, re.S)
        assert found, name
        return found.group(1)

    assert field("dc:format") == "application/pdf"
    assert field("xmp:CreateDate") == field("xmp:ModifyDate") == "2031-02-03T04:05:06Z"
    assert field("pdf:Producer").startswith("factsheet") and field("pdfuaid:part") == "1"
    assert field("dc:description") == (
        '<rdf:Alt><rdf:li xml:lang="x-default">Example State Data</rdf:li></rdf:Alt>'
    )
    assert field("xmp:CreatorTool").startswith("factsheet")
    assert field("dc:title") == (
        '<rdf:Alt><rdf:li xml:lang="x-default">Example &amp; Co &lt;Data&gt;: Example State Data'
        "</rdf:li></rdf:Alt>"
    )
    assert "<dc:creator><rdf:Seq><rdf:li>Example Outreach Network</rdf:li>" in xmp
    assert "<dc:language><rdf:Bag><rdf:li>en-US</rdf:li></rdf:Bag></dc:language>" in xmp
    assert xmp.startswith('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>')
    assert xmp.endswith('<?xpacket end="w"?>')


def test_to_unicode_maps_are_well_formed() -> None:
    with tagged("every") as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cmap = font.ToUnicode.read_bytes().decode("latin-1")
            assert "<0000>" not in cmap.split("begincodespacerange")[1].split("endcmap")[0][30:]
            counts = [int(n) for n in re.findall(r"(\d+) beginbfchar", cmap)]
            assert counts and all(0 < n <= 100 for n in counts)


def _reportlab_cmap(entries: int) -> str:
    lines = "\n".join(
        f"<{code:02X}> <{0 if code == 5 else 0x41 + code:04X}>" for code in range(entries)
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CMapName /Example-UTF16 def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{entries} beginbfchar\n{lines}\nendbfchar\nendcmap\n"
    )


def test_a_long_cmap_is_split_in_blocks_of_a_hundred_without_unused_codes() -> None:
    # 150 codes, one of them (code 5) mapped to U+0000 as ReportLab does for unused ones.
    made = well_formed_cmap(_reportlab_cmap(150))
    blocks = re.findall(r"(\d+) beginbfchar\n(.*?)\nendbfchar", made, re.S)
    assert [int(n) for n, _ in blocks] == [100, 49]
    assert "<64> <00A5>\nendbfchar\n49 beginbfchar\n<65> <00A6>" in made
    assert [len(body.split("\n")) for _, body in blocks] == [100, 49]
    assert "<05>" not in made and "<04> <0045>" in made and "<95> <00D6>" in made
    assert "/CMapName /Example-UTF16 def" in made
    assert "1 begincodespacerange\n<00> <FF>\nendcodespacerange" in made
    assert made.startswith(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Example-UTF16 def\n/CMapType 2 def\n"
    )
    assert made.endswith("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")


@pytest.mark.parametrize("broken", ["/CMapName /X def\n", "begincodespacerange <00> <FF>"])
def test_a_cmap_without_name_or_codespace_is_left_alone(broken: str) -> None:
    assert well_formed_cmap(broken) == broken


def test_drawing_leaves_the_layout_unchanged() -> None:
    # Tagging is keyed by the laid-out pieces and changes none of them: the same layout drawn
    # twice gives the same bytes.
    made = tagged("every") and _PREPARED["every"]
    once = render_pdf(made.page, made.info, made.theme, made.family, PLAIN, Marker())
    again = render_pdf(made.page, made.info, made.theme, made.family, PLAIN, Marker())
    assert once == again


def test_the_cmap_keeps_exactly_the_entries_not_mapped_to_u0000() -> None:
    entry = re.compile(r"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4,})>")
    generator = random.Random(3)
    for size in (1, 33, 99, 100, 101, 256):
        # As a sheet's subsets are: codes 0-31 unused (U+0000), then characters.
        subset = [0] * min(size, 32) + [generator.randrange(1, 0x10000) for _ in range(size - 32)]
        cmap = makeToUnicodeCMap("AAAAAA+Example", subset)
        kept = [f"<{code}> <{text}>" for code, text in entry.findall(cmap) if int(text, 16)]
        made = well_formed_cmap(cmap)
        assert (
            re.findall(r"<[0-9A-F]{2}> <[0-9A-F]{4,}>", made.split("endcodespacerange")[1]) == kept
        )
        assert made.count("beginbfchar") == (len(kept) + 99) // 100


def test_a_mark_paints_exactly_when_one_of_its_operators_paints() -> None:
    pattern = re.compile(r"(?:^|\s)(?:Tj|TJ|'|\"|Do|f\*?|F|B\*?|b\*?|S|s|sh)(?:\s|$)")
    pieces = ["BT", "ET", "q", "Q", "1 0 0 1 72 72 cm", "(it's) Tj", "(a)", "Tj", "TJ", "'", '"']
    pieces += ["Do", "f", "f*", "F", "B", "b*", "S", "s", "sh", "n", "re", "Tf", "TL", "(S)"]
    pieces += ["/F1 9 Tf", "0 0 m 1 1 l", "EMC", "/Span <</MCID 3>> BDC", "(x\ny)", "Sx", "xS"]
    generator = random.Random(23)
    for _ in range(2000):
        operators = [
            " ".join(generator.choices(pieces, k=generator.randrange(1, 4)))
            for _ in range(generator.randrange(0, 6))
        ]
        expected = any(pattern.search(op) for op in operators)
        assert paints(operators) == expected, operators


def test_a_map_made_from_its_subset_is_reportlabs_map_made_well_formed() -> None:
    generator = random.Random(29)
    names = ["AAAAAA+Carlito", "BAAAAA+Example-Bold", "Odd Name", "caf\u00e9", "x/y(z)"]
    for size in (0, 1, 33, 100, 101, 200, 256, 257, 300):
        for name in names:
            subset = [0] * min(size, 32) + [
                generator.choice([0, generator.randrange(1, 0x10000), 0x1F600])
                for _ in range(size - 32)
            ]
            expected = well_formed_cmap(makeToUnicodeCMap(name, subset))
            assert cmap_for(name, subset) == expected, (name, size)


def test_fonts_are_embedded_as_reportlab_embeds_them_with_maps_rewritten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def rewritten(maps: WellFormedMaps, document: Any) -> None:
        # The definition: ReportLab's own embedding, its maps rewritten afterwards.
        before = set(document.idToObject)
        maps.font.addObjects(document)
        for key in set(document.idToObject) - before:
            if str(key).startswith("toUnicodeCMap:"):
                stream = document.idToObject[key]
                stream.content = well_formed_cmap(stream.content)

    sheets = [COLORADO, ROOT / "examples" / "vietnamese.yaml", ROOT / "examples" / "korean.yaml"]
    ours = [build_sheet(sheet, created=CREATED).pdf for sheet in sheets]
    monkeypatch.setattr(WellFormedMaps, "addObjects", rewritten)
    assert [build_sheet(sheet, created=CREATED).pdf for sheet in sheets] == ours


def test_a_character_beyond_u_ffff_is_mapped_as_a_utf16_pair() -> None:
    """ReportLab writes U+1F600's code point (<1F600>), which readers take as U+1F60 and a
    stray digit: the map gives its UTF-16 surrogate pair, as the PDF format reads it."""
    subset = [0] * 32 + [0x41, 0x1F600, 0x10300]
    for made in (cmap_for("Example", subset), well_formed_cmap(makeToUnicodeCMap("Ex", subset))):
        assert "<20> <0041>" in made
        assert "<21> <D83DDE00>" in made and "<22> <D800DF00>" in made
        assert "1F600" not in made and "10300" not in made

"""Tagged PDF/UA-1: structure tree in reading order, marked content, links, metadata, checker."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import page as page_validation
import pikepdf
import pytest
import yaml
from conftest import COLORADO, DATA, ROOT, Run, example_sheet

STATE_TEMPLATE = ROOT / "content" / "templates" / "ncmec-state.yaml"
STATE_DATA = ROOT / "content" / "data" / "ncmec-states-2023.csv"
THEMES = DATA / "themes"


def every_block_sheet() -> dict[str, Any]:
    """A fictional sheet with every kind of block, a logo, a chart and a QR code."""
    table = {
        "caption": "Fictional calls by kind",
        "columns": ["Kind", "Calls"],
        "chart": "bar",
        "rows": [["Phone", 7890], ["Text", "1,234"]],
    }
    sections = [
        {
            "heading": "Example Programme",
            "body": [
                "In 2031 the network answered **412 fictional calls** "
                "([details](https://example.org/calls)).",
                {"list": ["first fictional point", "second point with 3.5 million items"]},
                {"table": table},
                # No header row: its first column still heads each row.
                {"table": {"caption": "Fictional sites", "rows": [["North", 12], ["South", 7]]}},
            ],
        }
    ]
    return example_sheet(
        sections=sections, theme=str(THEMES / "brand.yaml"), qr="https://example.org/2031"
    )


def structure(pdf: Path) -> list[tuple[int, str, list[int], str]]:
    """(depth, role, MCIDs, Alt) for every structure element, in tree order."""
    found: list[tuple[int, str, list[int], str]] = []

    def walk(element: Any, depth: int) -> None:
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        mcids = [k for k in kids if isinstance(k, int)]
        found.append((depth, str(element.S)[1:], mcids, str(element.get("/Alt", ""))))
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid, depth + 1)

    with pikepdf.open(pdf) as document:
        walk(document.Root.StructTreeRoot.K, 0)
    return found


def marked_content(pdf: Path) -> Iterator[tuple[str, Any]]:
    """Operators of the page with the marked-content tag each sits in ("" for none)."""
    with pikepdf.open(pdf) as document:
        stack: list[str] = []
        for operands, operator in pikepdf.parse_content_stream(document.pages[0]):
            name = str(operator)
            if name in ("BDC", "BMC"):
                stack.append(str(operands[0]))
            elif name == "EMC":
                stack.pop()
            yield (stack[-1] if stack else ""), name


class _Sheets(dict[str, Path]):
    """The tagged sheets the tests read, each built when a test first asks for it."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def __missing__(self, name: str) -> Path:
        from factsheet.cli.main import main

        folder = self.folder
        every = folder / "every-block.yaml"
        every.write_text(yaml.safe_dump(every_block_sheet(), sort_keys=False), encoding="utf-8")
        print_options = ["--page-size", "a4", "--bleed", "3mm", "--crop-marks", "--cmyk"]
        commands = {
            "colorado": ["build", str(COLORADO), "-o", str(folder / "colorado.pdf")],
            "every": ["build", str(every), "-o", str(folder / "every.pdf")],
            "batch": ["batch", str(STATE_TEMPLATE), str(STATE_DATA), "-o", str(folder)],
            "print": ["build", str(COLORADO), *print_options, "-o", str(folder / "print.pdf")],
        }
        outputs = {"batch": "colorado-data.pdf"}
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
            assert main(commands[name]) == 0
        self[name] = folder / outputs.get(name, f"{name}.pdf")
        return self[name]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _Sheets(tmp_path_factory.mktemp("tagged"))


@pytest.mark.parametrize("name", ["colorado", "every", "batch", "print"])
def test_independent_pdf_ua_checker_passes(name: str, built: dict[str, Path]) -> None:
    report = page_validation.validate_pdf(
        built[name], profile=page_validation.ValidationProfile.PDF_UA_1
    )
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    assert report.is_compliant
    assert report.rules.total >= 100


def test_colorado_reads_in_content_order(built: dict[str, Path]) -> None:
    roles = [(depth, role) for depth, role, _, _ in structure(built["colorado"])]
    assert roles[:4] == [(0, "Document"), (1, "H1"), (1, "P"), (1, "Div")]
    assert [r for d, r in roles if d == 2][:4] == ["P", "P", "P", "P"]  # the four cards
    sections = [i for i, (d, r) in enumerate(roles) if (d, r) == (1, "Sect")]
    assert len(sections) == 5
    assert all(roles[i + 1] == (2, "H2") for i in sections)
    assert roles[-2:] == [(1, "P"), (2, "Link")] or roles[-3:-1] == [(1, "P"), (2, "Link")]


def test_each_highlight_is_a_group_of_number_then_label(built: dict[str, Path]) -> None:
    found = structure(built["colorado"])
    start = found.index((1, "Div", [], ""))
    card = found[start : start + 3]
    # Two paragraphs, so a reader pauses between "9,720" and "CyberTipline reports".
    assert [(d, r, len(m)) for d, r, m, _ in card] == [(1, "Div", 0), (2, "P", 1), (2, "P", 1)]
    assert [r for d, r, _, _ in found if d == 1].count("Div") == 4


def test_chart_is_a_figure_described_from_its_data(built: dict[str, Path]) -> None:
    found = structure(built["colorado"])
    figures = [i for i, (_, role, _, _) in enumerate(found) if role == "Figure"]
    # The caption is read once, as the paragraph before the chart, not again in its alt text;
    # the alt says the highest and lowest bars (the seed's figures) and where every value is.
    assert [found[i][3] for i in figures] == [
        "Bar chart. Highest: Children Missing From Social Services Facility (327); lowest: "
        "Children Reported Missing by Office of Refugee Resettlement (HHS-ORR) (20). "
        "Every value is in the table."
    ]
    # Drawn without its table, the chart's labels and values are read next, as a table with
    # a row header (the label) and a cell (the value) for each of its three bars.
    depth, _, bars, _ = found[figures[0]]
    assert bars  # the bars themselves are the Figure's content
    after = [(d - depth, role) for d, role, _, _ in found[figures[0] + 1 : figures[0] + 12]]
    assert after == [(0, "Table"), (1, "TBody")] + [(2, "TR"), (3, "TH"), (3, "TD")] * 3


def test_every_block_type_is_tagged(built: dict[str, Path]) -> None:
    found = structure(built["every"])
    roles = [role for _, role, _, _ in found]
    for role in (
        "H1",
        "Figure",
        "Div",
        "Sect",
        "H2",
        "P",
        "Link",
        "Strong",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "Caption",
        "THead",
        "TBody",
        "TR",
        "TH",
        "TD",
    ):
        assert role in roles, role
    alts = [alt for _, role, _, alt in found if role == "Figure"]
    assert "Example Outreach Network logo" in alts
    assert "QR code linking to https://example.org/2031" in alts
    with pikepdf.open(built["every"]) as document:
        headers = [e for e in _elements(document.Root.StructTreeRoot.K) if e.S == "/TH"]
        scopes = [str(h.A.Scope) for h in headers]
        # The header row heads columns; without one, the first cell of each row heads it.
        assert scopes == ["/Column", "/Column", "/Row", "/Row"]
        assert document.Root.StructTreeRoot.RoleMap.Strong == "/Span"


def _elements(element: Any) -> Iterator[Any]:
    yield element
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield from _elements(kid)


@pytest.mark.parametrize("name", ["colorado", "every"])
def test_all_content_is_marked_or_artifact(name: str, built: dict[str, Path]) -> None:
    painting = {"Tj", "TJ", "'", '"', "f", "f*", "F", "S", "s", "B", "B*", "b", "b*", "Do"}
    unmarked = [op for tag, op in marked_content(built[name]) if op in painting and not tag]
    assert unmarked == []
    tags = {tag for tag, op in marked_content(built[name]) if op in ("f", "S")}
    assert "/Artifact" in tags  # bands, cards, rules


def test_parent_tree_maps_every_mcid_back(built: dict[str, Path]) -> None:
    with pikepdf.open(built["every"]) as document:
        page = document.pages[0].obj
        assert page.StructParents == 0 and page.Tabs == "/S"
        nums = document.Root.StructTreeRoot.ParentTree.Nums
        by_mcid = nums[1]
        mcids = sorted(
            m
            for e in _elements(document.Root.StructTreeRoot.K)
            for m in (e.K if isinstance(e.K, pikepdf.Array) else [e.K])
            if isinstance(m, int)
        )
        assert mcids == list(range(len(by_mcid)))
        for mcid in mcids:
            assert mcid in list(
                by_mcid[mcid].K if isinstance(by_mcid[mcid].K, pikepdf.Array) else [by_mcid[mcid].K]
            )
        for annotation in page.Annots:
            assert str(annotation.Contents)
            link = nums[2 * annotation.StructParent + 1]
            kids = list(link.K) if isinstance(link.K, pikepdf.Array) else [link.K]
            assert link.S == "/Link"
            assert any(isinstance(k, int) for k in kids)  # the link's own words
            objrs = [k for k in kids if isinstance(k, pikepdf.Dictionary)]
            assert [k.Obj.objgen for k in objrs if k.Type == "/OBJR"] == [annotation.objgen]
            assert int(annotation.F) & 4  # printed, and not hidden from readers


def test_document_level_entries(built: dict[str, Path]) -> None:
    with pikepdf.open(built["colorado"]) as document:
        root = document.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-US"
        assert root.ViewerPreferences.DisplayDocTitle is True
        xmp = root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert "Colorado Data</rdf:li>" in xmp and "<rdf:li>en-US</rdf:li>" in xmp
        for font in document.pages[0].Resources.Font.values():
            assert "/FontFile2" in font.FontDescriptor
            cmap = font.ToUnicode.read_bytes()
            assert b"<0000>" not in cmap
            # CMap syntax (PDF 32000-1, 9.10.3): "n beginbfchar" on its own line, n <= 100
            # and equal to the mappings that follow.
            blocks = re.findall(rb"(?m)^(\d+) beginbfchar\n(.*?)\nendbfchar$", cmap, re.S)
            assert blocks and len(re.findall(rb"beginbfchar", cmap)) == len(blocks)
            for count, entries in blocks:
                assert int(count) == len(entries.split(b"\n")) <= 100


def test_tagged_output_is_still_deterministic(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run_cli("build", COLORADO, "-o", first).code == 0
    assert run_cli("build", COLORADO, "-o", second).code == 0
    assert first.read_bytes() == second.read_bytes()


def test_no_tags_gives_a_plain_pdf(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    plain = tmp_path / "plain.pdf"
    assert run_cli("build", COLORADO, "--no-tags", "-o", plain).code == 0
    with pikepdf.open(plain) as document:
        assert "/StructTreeRoot" not in document.Root
    assert not re.search(rb"BDC", plain.read_bytes())
    result = run_cli("check", plain)
    assert "PASS  tagged: not tagged (informational)" in result.out


def test_check_reports_a_tagged_sheet(built: dict[str, Path], run_cli: Callable[..., Run]) -> None:
    result = run_cli("check", built["colorado"])
    assert result.code == 0
    assert "PASS  tagged: tagged: structure tree, language, title, PDF/UA-1 id" in result.out


def test_check_fails_an_incompletely_tagged_pdf(
    built: dict[str, Path], tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(built["colorado"]) as document:
        del document.Root.Metadata
        del document.pages[0].obj.Tabs
        document.save(broken)
    result = run_cli("check", broken)
    assert result.code == 1
    assert "FAIL  tagged: tagged, but missing: the PDF/UA identifier in XMP, /Tabs /S" in result.out


def test_a_chart_may_carry_its_own_alt_text(
    tmp_path: Path, run_cli: Callable[..., Run], write_sheet: Callable[..., Path]
) -> None:
    table = {
        "chart": "column",
        "alt": "Phone calls far outnumber texts (fictional).",
        "rows": [["Phone", 7890], ["Text", 1234]],
    }
    sheet = example_sheet(sections=[{"heading": "Example", "body": [{"table": table}]}])
    output = tmp_path / "alt.pdf"
    assert run_cli("build", write_sheet(sheet), "-o", output).code == 0
    alts = [alt for _, role, _, alt in structure(output) if role == "Figure"]
    assert alts == ["Phone calls far outnumber texts (fictional)."]


def test_build_writes_the_tags_in_one_pass(tmp_path: Path) -> None:
    """The tree is written with the page: tagging never reopens the PDF to add it."""
    tags = ROOT / "factsheet" / "pdf" / "tags"
    assert not [p.name for p in tags.glob("*.py") if "pikepdf" in p.read_text(encoding="utf-8")]
    script = (
        "from factsheet.cli.main import main\n"
        f"assert main(['build', {str(COLORADO)!r}, '-o', {str(tmp_path / 'c.pdf')!r}]) == 0\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF-1.7")

"""The seed sheet, read back from the PDF: every sentence, figure and bold statistic is there."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest
from conftest import COLORADO, DATA, FIXED_EPOCH
from pypdf import PdfReader

from factsheet.cli.main import main
from factsheet.verify.figures import find_figures
from factsheet.verify.readback import TextRun, join_runs, text_runs

SEED = (DATA / "seed" / "ncmec-colorado-2023.txt").read_text(encoding="utf-8")


def _seed_text() -> str:
    # The seed's blank line inside "address running / behavior" is a page-break artefact.
    text = SEED.replace("address running\n\nbehavior", "address running behavior")
    return text.replace("\t", " ")


def seed_sentences() -> list[str]:
    plain = _seed_text().replace("**", "")
    sentences: list[str] = []
    for line in plain.splitlines():
        line = " ".join(line.split())
        if line:
            sentences += re.split(r"(?<=[.:])\s+(?=[A-Z(])", line)
    return sentences


def compact(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("colorado") / "colorado.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        assert main(["build", str(COLORADO), "-o", str(output)]) == 0
    return output


@pytest.fixture(scope="module")
def runs(built: Path) -> list[TextRun]:
    return text_runs(PdfReader(built).pages[0])


@pytest.fixture(scope="module")
def page(built: Path) -> str:
    return join_runs(text_runs(PdfReader(built).pages[0]))


def test_one_letter_page(built: Path) -> None:
    reader = PdfReader(built)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)


def test_every_sentence_of_the_seed_is_on_the_page(page: str) -> None:
    sentences = seed_sentences()
    assert len(sentences) > 30
    missing = [s for s in sentences if compact(s) not in compact(page)]
    assert missing == []


def test_every_figure_of_the_seed_is_on_the_page_as_often(page: str) -> None:
    seed_figures = Counter(find_figures(_seed_text().replace("**", "")))
    shown = Counter(find_figures(page))
    assert {"36.2 million", "9,720", "19%", "2023", "27,130", "467", "235"} <= set(seed_figures)
    short = {f: n for f, n in seed_figures.items() if shown[f] < n}
    assert short == {}


def test_bold_statistics_print_in_bold(built: Path) -> None:
    bold_parts: list[str] = []

    def visit(text: str, cm: object, tm: object, font: object, size: float) -> None:
        if font is not None and "Bold" in str(font.get("/BaseFont", "")):  # type: ignore[attr-defined]
            bold_parts.append(text)

    PdfReader(built).pages[0].extract_text(visitor_text=visit)
    bold_text = compact("".join(bold_parts))
    statistics = re.findall(r"\*\*(.+?)\*\*", _seed_text(), flags=re.S)
    assert len(statistics) == 6
    for statistic in statistics:
        assert compact(statistic) in bold_text


def test_highlight_cards_sit_under_the_header_inside_the_page(runs: list[TextRun]) -> None:
    for value in ("9,720", "40", "132", "235"):
        cards = [r for r in runs if r.text.strip() == value]
        assert cards, value
        card = cards[0]
        assert 36 <= card.x < 576
        assert 792 * 0.6 < card.y < 792 - 90
        assert card.size >= 20


def test_all_text_within_margins_and_at_least_8pt(runs: list[TextRun]) -> None:
    assert runs
    for run in runs:
        assert 35.9 <= run.x <= 576, run
        assert 30 <= run.y <= 792 - 30, run
        assert run.size >= 8 - 1e-6, run


def test_metadata(built: Path) -> None:
    with pikepdf.open(built) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == (
            "The National Center for Missing and Exploited Children: Colorado Data"
        )
        assert str(info["/Author"]) == "The National Center for Missing and Exploited Children"
        assert str(info["/Subject"]) == "Colorado Data"
        assert "Colorado" in str(info["/Keywords"])
        assert str(pdf.Root.Lang) == "en-US"
        created = datetime.fromtimestamp(int(FIXED_EPOCH), UTC).strftime("%Y%m%d%H%M%S")
        assert str(info["/CreationDate"]).startswith(f"D:{created}")


def test_every_font_is_embedded_and_no_standard_font_is_referenced(built: Path) -> None:
    with pikepdf.open(built) as pdf:
        fonts = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
        ]
        assert fonts
        for font in fonts:
            assert "Helvetica" not in str(font.BaseFont)
            assert "/FontFile2" in font.FontDescriptor, font.BaseFont


def test_link_is_clickable(built: Path) -> None:
    annotations = PdfReader(built).pages[0].get("/Annots") or []
    uris = {a.get_object()["/A"]["/URI"] for a in annotations}
    assert "https://www.missingkids.org/ourwork/impact" in uris


def test_same_input_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["build", str(COLORADO), "-o", str(first)]) == 0
    assert main(["build", str(COLORADO), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_source_date_epoch_sets_the_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    output = tmp_path / "dated.pdf"
    assert main(["build", str(COLORADO), "-o", str(output)]) == 0
    with pikepdf.open(output) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20170714")

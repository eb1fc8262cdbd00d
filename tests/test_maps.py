"""Map blocks: places checked, classes and legend made from the data, drawn small, described."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import page as page_validation
import pikepdf
import pytest
import yaml

from factsheet.content.loader import load_content
from factsheet.content.model import ChoroplethMap
from factsheet.errors import ContentError
from factsheet.geo.atlas import load_counties, load_states, match_key
from factsheet.layout.maps import ramp
from tests.conftest import ROOT, Run, example_sheet, page_text

EXAMPLES = ROOT / "examples"
COUNTY_EXAMPLE = EXAMPLES / "county-map.yaml"
STATES_EXAMPLE = EXAMPLES / "us-states-map.yaml"


def map_sheet(**map_fields: Any) -> dict[str, Any]:
    fields = {"area": "Colorado", "values": [["Denver", 41.2], ["El Paso", 38.0]], **map_fields}
    sheet = example_sheet()
    sheet["sections"][0]["body"].append({"map": fields})
    return sheet


def the_map(path: Path) -> ChoroplethMap:
    blocks = [b for s in load_content(path).sections for b in s.body]
    return next(b for b in blocks if isinstance(b, ChoroplethMap))


def problems(write_sheet: Callable[..., Path], **map_fields: Any) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(write_sheet(map_sheet(**map_fields)))
    return [f"{p.field}: {p.message} | {p.hint}" for p in caught.value.problems]


def test_atlas_has_every_state_and_county() -> None:
    # 50 states and DC; Colorado has 64 counties and Texas 254 (Census 2016 boundaries).
    assert len(load_states().places) == 51
    assert len(load_counties("CO").places) == 64
    assert len(load_counties("TX").places) == 254
    assert load_counties("CO").find("Denver County").fips == "08031"  # type: ignore[union-attr]


def test_places_match_by_name_code_or_fips() -> None:
    counties = load_counties("CO")
    assert counties.find("el paso").fips == "08041"  # type: ignore[union-attr]
    assert counties.find("08041").name == "El Paso"  # type: ignore[union-attr]
    assert counties.find("041").name == "El Paso"  # type: ignore[union-attr]
    assert load_states().find("co").name == "Colorado"  # type: ignore[union-attr]
    assert match_key("  St. Louis  County ") == "st.louis"


def test_unknown_place_suggests_the_nearest(write_sheet: Callable[..., Path]) -> None:
    found = problems(write_sheet, values=[["Denvr", 4]])
    assert found == [
        "sections[0].body[3].map.values[0][0]: no county 'Denvr' in CO | did you mean 'Denver'?"
    ]


def test_unknown_state_and_wrong_level(write_sheet: Callable[..., Path]) -> None:
    assert "did you mean 'Colorado'?" in problems(write_sheet, area="Colorad")[0]
    assert "a US map shows states" in problems(write_sheet, area="USA", level="county")[0]
    assert "a state's map shows its counties" in problems(write_sheet, level="state")[0]


def test_duplicate_places_and_bad_values(write_sheet: Callable[..., Path]) -> None:
    found = problems(write_sheet, values=[["Denver", 1], ["denver county", 2], ["Adams", "n/a"]])
    assert "Denver is given twice (also in row 1)" in found[0]
    assert "'n/a' is not a number" in found[1]
    assert "not a number" in problems(write_sheet, values=[["Denver", "nan"]])[0]


def test_quantile_classes_are_nice_and_rising(write_sheet: Callable[..., Path]) -> None:
    values = [
        [name, v]
        for name, v in zip(
            ["Denver", "Adams", "Boulder", "Weld", "Mesa"],
            [1.0, 2.5, 11.0, 23.0, 61.4],
            strict=True,
        )
    ]
    built = the_map(write_sheet(map_sheet(values=values, classes=3)))
    assert list(built.breaks) == sorted(built.breaks)
    # Breaks at positions 4/3 and 8/3 of the five sorted values, interpolated: 2.5 + 1/3 of
    # (11 - 2.5) = 5.33 and 11 + 2/3 of (23 - 11) = 19, rounded to two significant digits.
    assert built.breaks == (5.3, 19.0)
    assert [t.plain for t in built.legend] == ["1.0\u20135.3", "5.3\u201319.0", "19.0\u201361.4"]
    assert built.class_of(1.0) == 0 and built.class_of(19.0) == 2 and built.class_of(61.4) == 2


def test_explicit_breaks_outside_the_data_are_dropped(write_sheet: Callable[..., Path]) -> None:
    built = the_map(write_sheet(map_sheet(classes=[10, 40, 100])))
    assert built.breaks == (40,)  # 10 is under the lowest value, 100 above the highest
    assert [t.plain for t in built.legend] == ["38.0\u201340.0", "40.0\u201341.2"]


def test_missing_places_get_a_legend_entry_and_are_counted(
    write_sheet: Callable[..., Path],
) -> None:
    built = the_map(write_sheet(map_sheet(missing="Not surveyed")))
    assert built.missing is not None and built.missing.plain == "Not surveyed"
    assert built.missing_count == 62  # 64 Colorado counties, two with values
    assert built.alt.endswith("62 of 64 have no data.")


def test_alt_text_names_highest_and_lowest_in_the_sheet_language(
    write_sheet: Callable[..., Path],
) -> None:
    english = the_map(write_sheet(map_sheet()))
    assert english.alt.startswith("Map of Colorado by county, shaded in 2 classes")
    assert "Highest: Denver 41.2, El Paso 38.0." in english.alt
    spanish = the_map(write_sheet({**map_sheet(), "lang": "es-ES"}, name="es.yaml"))
    assert spanish.alt.startswith("Mapa de Colorado por condado")
    assert "41,2" in spanish.alt  # Spanish writes a decimal comma
    assert spanish.words_lang == "es-ES"
    korean = the_map(write_sheet({**map_sheet(), "lang": "ko-KR"}, name="ko.yaml"))
    assert korean.words_lang == "en"  # no Korean words yet: English, and the tree says so
    own = the_map(write_sheet(map_sheet(alt="Denver leads."), name="alt.yaml"))
    assert own.alt == "Denver leads."


def test_ramp_steps_differ_in_greyscale() -> None:
    # Luminance (what greyscale print keeps) must rise steadily from dark to light; 0.05 is
    # about the smallest step readers tell apart in a printed legend.
    shades = ramp("#E8EEF4", "#1B365D", 5)

    def luminance(c: Any) -> float:
        return float(0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue)

    steps = [luminance(a) - luminance(b) for a, b in itertools.pairwise(shades)]
    assert all(step > 0.05 for step in steps), steps


@pytest.fixture(scope="module")
def built_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from factsheet.cli.main import main

    folder = tmp_path_factory.mktemp("maps")
    built = {}
    for example in (COUNTY_EXAMPLE, STATES_EXAMPLE):
        output = folder / f"{example.stem}.pdf"
        assert main(["build", str(example), "-o", str(output)]) == 0
        built[example.stem] = output
    return built


def test_examples_show_legend_and_named_places(built_examples: dict[str, Path]) -> None:
    text = " ".join(page_text(built_examples["county-map"]).split())
    for label in the_map(COUNTY_EXAMPLE).legend:
        assert label.plain in text
    assert "Highest: Denver 61.4; El Paso 48.0; Arapahoe 44.7" in text
    assert "No survey (fictional)" in text


def test_map_is_a_figure_with_its_description(built_examples: dict[str, Path]) -> None:
    with pikepdf.open(built_examples["us-states-map"]) as pdf:
        figures = [
            str(e.get("/Alt"))
            for e in _elements(pdf.Root.StructTreeRoot)
            if e.get("/S") == "/Figure" and str(e.get("/Alt", "")).startswith("Map of")
        ]
    assert figures == [the_map(STATES_EXAMPLE).alt]
    assert "4 of 51 have no data." in figures[0]


@pytest.mark.parametrize("name", ["county-map", "us-states-map"])
def test_map_sheets_pass_pdf_ua(name: str, built_examples: dict[str, Path]) -> None:
    report = page_validation.validate_pdf(
        built_examples[name], profile=page_validation.ValidationProfile.PDF_UA_1
    )
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []


@pytest.mark.parametrize(
    ("example", "budget"), [(COUNTY_EXAMPLE, 15_000), (STATES_EXAMPLE, 25_000)]
)
def test_a_map_adds_little_to_the_file(
    example: Path, budget: int, run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    without = copy.deepcopy(data)
    for section in without["sections"]:
        section["body"] = [
            "A map stood here." if isinstance(b, dict) and "map" in b else b
            for b in section["body"]
        ]
    sizes = []
    for name, content in (("with", data), ("without", without)):
        source = tmp_path / f"{name}.yaml"
        source.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
        # Same folder as the example, so the theme resolves the same way.
        assert run_cli("build", source, "-o", tmp_path / f"{name}.pdf").code == 0
        sizes.append((tmp_path / f"{name}.pdf").stat().st_size)
    assert 0 < sizes[0] - sizes[1] <= budget


def _elements(node: Any) -> list[Any]:
    found = []
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found += _elements(kid)
    return found


def test_wide_maps_ask_for_a_band_and_take_the_legend_beside() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from factsheet.layout.maps import BAND_WIDTH, MAX_MAP_HEIGHT, ChoroplethFlowable

    style = ParagraphStyle("legend", fontName="Helvetica", fontSize=8, leading=10)
    us = ChoroplethFlowable(the_map(STATES_EXAMPLE), style, style, "#EEF2F6", "#1B365D", "#555")
    colorado = ChoroplethFlowable(
        the_map(COUNTY_EXAMPLE), style, style, "#EEF2F6", "#1B365D", "#555"
    )
    # The US map (insets and small eastern states) wants more than a column; 64 counties don't.
    assert us.min_width() == BAND_WIDTH and colorado.min_width() == 0
    _, tall = us.wrap(265, 1000)  # a column: legend under the map
    assert not us.beside and tall > us.map_height
    _, band = us.wrap(540, 1000)  # across the page: the map stops growing, legend beside it
    assert us.beside and band == pytest.approx(MAX_MAP_HEIGHT)
    assert us.legend_x >= us.map_width

"""Series: one template and a data table give a verified sheet per row."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import COLORADO, DATA, ROOT, Run, page_text
from test_colorado import compact, seed_sentences

from factsheet.batch.series import Outcome
from factsheet.cli.progress import Progress
from factsheet.content.rows import Row, read_rows

TEMPLATES = DATA / "templates"
EXAMPLE = TEMPLATES / "example.yaml"
ROWS = TEMPLATES / "rows.csv"
STATE_TEMPLATE = ROOT / "content" / "templates" / "ncmec-state.yaml"
STATE_DATA = ROOT / "content" / "data" / "ncmec-states-2023.csv"


def test_colorado_from_the_template_matches_the_hand_written_sheet(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    result = run_cli("batch", STATE_TEMPLATE, STATE_DATA, "-o", tmp_path / "series")
    assert result.code == 0, result.err
    assert result.out.startswith("built 1 of 1 sheets")
    from_template = tmp_path / "series" / "colorado-data.pdf"
    by_hand = tmp_path / "by-hand.pdf"
    assert run_cli("build", COLORADO, "-o", by_hand).code == 0
    assert from_template.read_bytes() == by_hand.read_bytes()
    text = compact(page_text(from_template))
    assert [s for s in seed_sentences() if compact(s) not in text] == []


def test_every_row_gets_its_own_figures(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("batch", EXAMPLE, ROWS, "-o", tmp_path, "--jobs", "2")
    assert result.code == 0, result.err
    names = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert names == [
        "example-island-data.pdf",
        "example-state-north-data.pdf",
        "nuevo-mexico-data.pdf",
    ]
    north = " ".join(page_text(tmp_path / "example-state-north-data.pdf").split())
    assert "Example State, North Data" in north
    assert "9,720 fictional calls" in north
    assert "19%" in north
    mexico = page_text(tmp_path / "nuevo-mexico-data.pdf")
    assert "Nuevo México Data" in mexico
    assert "1,234,567" in mexico
    assert "9,720" not in mexico


def test_when_leaves_out_what_is_false(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    assert run_cli("batch", EXAMPLE, ROWS, "-o", tmp_path).code == 0
    with_shelters = page_text(tmp_path / "example-island-data.pdf")
    without = page_text(tmp_path / "nuevo-mexico-data.pdf")
    assert "fictional shelters in Example Island" in with_shelters
    assert "Shelters" in with_shelters
    assert "shelters" not in without.lower()


def test_same_bytes_across_runs_and_jobs(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    outputs = {}
    for name, jobs in (("one", "1"), ("two", "2"), ("again", "2")):
        assert run_cli("batch", EXAMPLE, ROWS, "-o", tmp_path / name, "--jobs", jobs).code == 0
        outputs[name] = {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}
    assert outputs["one"] == outputs["two"] == outputs["again"]
    assert len(outputs["one"]) == 3


def test_a_bad_row_fails_alone(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    data = tmp_path / "rows.yaml"
    shutil.copy(TEMPLATES / "rows.yaml", data)  # row 2 has no 'text' value
    output = tmp_path / "out"
    result = run_cli("batch", EXAMPLE, data, "-o", output, "--jobs", "2")
    assert result.code == 1
    assert [p.name for p in output.iterdir()] == ["example-state-data.pdf"]
    assert "built 1 of 2 sheets" in result.out
    assert "FAILED row 2 (region=Example Island)" in result.err
    assert "no value for 'text' (missing data column?)" in result.err
    assert f"{data}:2" in result.err


def test_a_row_that_overflows_fails_alone(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    long_name = "Example " + "Very Long Fictional Region Name " * 120
    data = tmp_path / "rows.csv"
    data.write_text(
        "region,calls,share,shelters,phone,text\n"
        f"Example State,10,5,1,6,4\n{long_name},10,5,1,6,4\n",
        encoding="utf-8",
    )
    result = run_cli("batch", EXAMPLE, data, "-o", tmp_path / "out", "--name", "{{ row }}.pdf")
    assert result.code == 1
    assert "FAILED row 2" in result.err
    assert "does not fit on one page" in result.err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["1.pdf"]


def test_a_column_no_row_has_is_named(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    data = tmp_path / "rows.csv"
    data.write_text("region,calls,share,shelters,phone\nExample,1,2,3,4\n", encoding="utf-8")
    result = run_cli("batch", EXAMPLE, data, "-o", tmp_path / "out")
    assert result.code == 2
    assert "the template uses 'text', which no row has" in result.err
    assert not (tmp_path / "out").exists()


def test_colliding_names_stop_before_anything_is_built(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    result = run_cli("batch", EXAMPLE, ROWS, "-o", tmp_path / "out", "--name", "sheet.pdf")
    assert result.code == 2
    assert "rows 1 and 2 would both be written to" in result.err
    assert not (tmp_path / "out").exists()


def test_sandbox_escape_is_refused(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("batch", TEMPLATES / "escape.yaml", ROWS, "-o", tmp_path / "out")
    assert result.code == 2
    assert "subtitle: refused: templates may not use '__" in result.err
    assert "Traceback" not in result.err


def test_numbers_follow_the_sheet_language(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    data = tmp_path / "rows.csv"
    data.write_text("region,calls,share\nRégion d'exemple,9720,12.5\n", encoding="utf-8")
    result = run_cli("batch", TEMPLATES / "fr.yaml", data, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    text = page_text(tmp_path / "out" / "region-d-exemple.pdf")
    # Babel groups French thousands with a narrow no-break space, which reads back as a space.
    assert "9 720" in text.replace("\u202f", " ")
    assert "12,5" in text


def test_build_one_row(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    output = tmp_path / "one.pdf"
    result = run_cli("build", EXAMPLE, "--data", ROWS, "--row", "3", "-o", output)
    assert result.code == 0, result.err
    assert "Example Island Data" in page_text(output)
    assert run_cli("build", EXAMPLE, "--data", ROWS, "--row", "9").code == 2
    without_data = run_cli("build", EXAMPLE, "-o", output)
    assert without_data.code == 2
    assert "this content file is a template (it uses" in without_data.err


def test_csv_quoting_bom_and_non_ascii() -> None:
    rows = read_rows(ROWS)
    assert [r.values["region"] for r in rows] == [
        "Example State, North",
        "Nuevo México",
        "Example Island",
    ]
    assert next(iter(rows[0].values)) == "region"  # the BOM is not part of the first name
    assert [r.line for r in rows] == [2, 3, 4]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("region,region\nA,B\n", "column 'region' appears twice"),
        ("region,calls\nA,1,2\n", "row 1 has 3 values but the header has 2"),
        ("region,\nA,1\n", "header column 2 has no name"),
        ("region\n", "no data rows under the header"),
        ('region\n"A\n', "malformed CSV"),
    ],
)
def test_bad_csv(text: str, message: str, tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    data = tmp_path / "rows.csv"
    data.write_text(text, encoding="utf-8")
    result = run_cli("batch", EXAMPLE, data, "-o", tmp_path / "out")
    assert result.code == 2
    assert message in result.err
    assert result.err.startswith(f"error: {data}")


def test_data_values_cannot_add_markup(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    data = tmp_path / "rows.csv"
    data.write_text(
        "region,calls,share,shelters,phone,text\n"
        '"**Example** [x](javascript:alert(1)) <b>",1,2,0,3,4\n',
        encoding="utf-8",
    )
    output = tmp_path / "out"
    result = run_cli("batch", EXAMPLE, data, "-o", output, "--name", "x.pdf")
    assert result.code == 0, result.err
    text = " ".join(page_text(output / "x.pdf").split())
    assert "**Example** [x](javascript:alert(1)) <b> Data" in text


def test_progress_bar_draws_on_a_terminal_only() -> None:
    row = Row(1, {"region": "Example"})
    stream = io.StringIO()
    bar = Progress(2, enabled=True, stream=stream)
    bar.update(Outcome(row, Path("a.pdf"), True))
    bar.update(Outcome(row, Path("b.pdf"), False, "fictional failure"))
    bar.close()
    assert "2/2 sheets, 1 failed" in stream.getvalue()
    quiet = io.StringIO()
    off = Progress(1, enabled=False, stream=quiet)
    off.update(Outcome(row, Path("a.pdf"), True))
    off.close()
    assert quiet.getvalue() == ""


def test_a_defaulted_placeholder_is_optional(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    template = tmp_path / "template.yaml"
    template.write_text(
        "factsheet: 1\ntitle: Example Network\nsubtitle: '{{ region }}'\n"
        "sections:\n  - heading: '{{ note | default(\"No note\") }}'\n"
        "    body: ['{{ calls | number }} fictional calls.']\n",
        encoding="utf-8",
    )
    data = tmp_path / "rows.csv"
    data.write_text("region,calls\nExample State,1200\n", encoding="utf-8")
    result = run_cli("batch", template, data, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    text = page_text(tmp_path / "out" / "example-state.pdf")
    assert "No note" in text
    assert "1,200 fictional calls." in text

"""Data straight from spreadsheets: CSV in any common dialect and encoding, .xlsx, plain names."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DATA, Run, page_text
from openpyxl import Workbook

from factsheet.content.numbers import NotANumber, parse_number
from factsheet.content.rows import Cell, read_rows
from factsheet.errors import ContentError, Problem

EXAMPLE = DATA / "templates" / "example.yaml"
HEADER = ["region", "calls", "share", "shelters", "phone", "text"]
ROWS = [
    ["Example State, North", "9720", "19", "3", "9000", "720"],
    ["Nuevo México", "1234567", "7", "0", "1234000", "567"],
]


def write_csv(path: Path, delimiter: str, encoding: str, rows: list[list[str]] = ROWS) -> Path:
    lines = [delimiter.join(HEADER)]
    for row in rows:
        lines.append(delimiter.join(f'"{v}"' if delimiter in v or "," in v else v for v in row))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("name", "delimiter", "encoding"),
    [
        ("semicolon.csv", ";", "utf-8"),
        ("bom.csv", ",", "utf-8-sig"),
        ("excel-unicode.txt", "\t", "utf-16"),
        ("tabs.tsv", "\t", "utf-8"),
    ],
)
def test_csv_dialects_and_encodings_need_no_flag(
    name: str, delimiter: str, encoding: str, tmp_path: Path
) -> None:
    rows = read_rows(write_csv(tmp_path / name, delimiter, encoding))
    assert [r.values["region"] for r in rows] == ["Example State, North", "Nuevo México"]
    assert list(rows[0].values) == HEADER
    assert [r.line for r in rows] == [2, 3]


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    warnings: list[Problem] = []
    rows = read_rows(write_csv(tmp_path / "old.csv", ";", "cp1252"), warnings=warnings)
    assert rows[1].values["region"] == "Nuevo México"
    assert [w.line for w in warnings] == [3]
    assert "read as Windows-1252" in warnings[0].message


def test_a_semicolon_csv_builds_a_series(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    data = write_csv(tmp_path / "rows.csv", ";", "cp1252")
    result = run_cli("batch", EXAMPLE, data, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert "warning: " in result.err and "Windows-1252" in result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "example-state-north-data.pdf",
        "nuevo-mexico-data.pdf",
    ]
    assert "1,234,567 fictional calls" in page_text(tmp_path / "out" / "nuevo-mexico-data.pdf")


def test_an_xlsx_workbook_builds_a_series(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    typed = [[r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5])] for r in ROWS]
    data = write_xlsx(tmp_path / "rows.xlsx", {"States": [HEADER, *typed], "Notes": [["x"]]})
    result = run_cli("batch", EXAMPLE, data, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    text = page_text(tmp_path / "out" / "example-state-north-data.pdf")
    assert "9,720 fictional calls" in text and "19%" in text


def test_xlsx_sheet_choice_cell_display_and_row_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    first.title = "Notes"
    first.append(["not the data"])
    states = workbook.create_sheet("States")
    states.append(["Region", "Median income", "Share", None])
    states.append([None, None, None, None])
    states.append(["Example State", 61234.0, 0.23, None])
    states["C3"].number_format = "0%"
    data = tmp_path / "book.xlsx"
    workbook.save(data)
    rows = read_rows(data, sheet="States")
    assert rows[0].values == {"Region": "Example State", "Median income": "61234", "Share": "23%"}
    assert rows[0].line == 3
    assert rows[0].values["Share"].where == "book.xlsx row 1 (sheet row 3), column 'Share'"
    with pytest.raises(ContentError, match="no sheet named 'Sales'") as error:
        read_rows(data, sheet="Sales")
    assert error.value.problems[0].hint == "the sheets are: 'Notes', 'States'"


def test_a_damaged_or_fake_workbook_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"region,calls\nA,1\n")
    with pytest.raises(ContentError, match=r"not an \.xlsx workbook"):
        read_rows(fake)


def test_column_names_with_spaces(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    template = tmp_path / "income.yaml"
    template.write_text(
        "factsheet: 1\ntitle: Example Income Network\nsubtitle: '{{ Region }} Data'\n"
        "sections:\n  - heading: Income\n    body:\n"
        "      - 'Median income: {{ row[\"Median income\"] | number }} fictional dollars.'\n"
        "      - 'Same, by its simple name: {{ Median_income | number }}.'\n"
        "      - 'Owners: {{ Share_of_owners_2031 | percent }}; change {{ Change | number }}.'\n",
        encoding="utf-8",
    )
    data = tmp_path / "data.csv"
    data.write_text(
        'Region;Median income;Share of owners (2031);Change\nExample;"1,234";23%;(1,234)\n',
        encoding="utf-8",
    )
    output = tmp_path / "out.pdf"
    result = run_cli("build", template, "--data", data, "-o", output)
    assert result.code == 0, result.err
    text = " ".join(page_text(output).split())
    assert "Median income: 1,234 fictional dollars." in text
    assert "Same, by its simple name: 1,234." in text
    assert "Owners: 23%; change -1,234." in text


@pytest.mark.parametrize(
    ("text", "number"),
    [("23%", "23"), ("1,234", "1234"), ("(1,234)", "-1234"), (" 12.5 ", "12.5"), ("-7", "-7")],
)
def test_numbers_as_spreadsheets_export_them(text: str, number: str) -> None:
    assert parse_number(Cell(text, "x")) == Decimal(number)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("$1.2M", "put the plain number in the data (1200000) and the sign in the template"),
        ("12k", "a currency sign or a k/M/B suffix"),
        ("1.234,5", "uses a comma as the decimal mark"),
        ("", "the cell is empty"),
        ("n/a", "'n/a' is not a number"),
    ],
)
def test_refused_numbers_name_the_cell(text: str, says: str) -> None:
    with pytest.raises(NotANumber) as error:
        parse_number(Cell(text, "data.csv row 3 (line 4), column 'Median income'"))
    assert str(error.value).startswith("data.csv row 3 (line 4), column 'Median income': ")
    assert says in str(error.value)


def test_a_refused_cell_is_named_in_a_series(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    data = write_csv(
        tmp_path / "rows.csv",
        ",",
        "utf-8",
        [ROWS[0], ["Example Island", "$1.2M", "5", "", "1", "2"]],
    )
    result = run_cli("batch", EXAMPLE, data, "-o", tmp_path / "out")
    assert result.code == 1
    assert "FAILED row 2" in result.err
    assert "rows.csv row 2 (line 3), column 'calls': '$1.2M' is not a plain number" in result.err


def test_an_empty_cell_that_empties_a_text_is_named(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    template = tmp_path / "note.yaml"
    template.write_text(
        "factsheet: 1\ntitle: Example Network\nsections:\n  - heading: Note\n"
        "    body:\n      - '{{ Field_note }}'\n",
        encoding="utf-8",
    )
    data = tmp_path / "rows.csv"
    data.write_text("Region;Field note\nExample;\n", encoding="utf-8")
    result = run_cli("build", template, "--data", data, "-o", tmp_path / "x.pdf")
    assert result.code == 2
    assert (
        "sections[0].body[0]: rows.csv row 1 (line 2), column 'Field note' is empty, which "
        "leaves this text empty" in result.err
    )

"""Every common YAML mistake gets the line shown with a caret and a hint that names the fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

HEAD = "factsheet: 1\ntitle: Example Network\n"
BODY = "sections:\n  - heading: Example\n    body: [Example text]\n"

TRAPS = {
    "colon-in-text": (
        "factsheet: 1\ntitle: The data show: 5 cases\n" + BODY,
        ":2:21: ",
        'hint: text that contains ": " must be in quotes: title: "The data show: 5 cases"',
    ),
    "colon-in-list-item": (
        HEAD + "intro:\n  - The data show: 5 cases\n" + BODY,
        ":4:5: intro[0]: expected text, got a mapping",
        'put the whole text in quotes: - "The data show: 5 cases"',
    ),
    "colon-in-paragraph": (
        HEAD + "sections:\n  - heading: Example\n    body:\n      - Note: figures are fictional\n",
        ":6:9: sections[0].body[0]: a block mapping holds exactly one of",
        'put the whole text in quotes: - "Note: figures are fictional"',
    ),
    "comma-in-flow-cell": (
        HEAD + "sections:\n  - heading: Example\n    body:\n      - table:\n"
        "          columns: [Kind, Count]\n          rows:\n            - [Reports, 1,234]\n",
        ":9:15: sections[0].body[0].table.rows[0]: expected 2 cells, got 3",
        'in [ ] a comma starts a new cell, so 1,234 became 2 cells: quote it, "1,234"',
    ),
    "tab-indent": (
        HEAD + "sections:\n\t- heading: Example\n",
        ":4:1: malformed YAML: a tab where YAML expects spaces",
        "hint: YAML indents with spaces only: replace the tab at the start of this line",
    ),
    "unquoted-year": (
        HEAD + "keywords: [outreach, 2025]\n" + BODY,
        ":3:22: keywords[1]: expected text, got the number 2025",
        'YAML reads 2025 as a number; to use it as text, quote it: "2025"',
    ),
    "yes-as-text": (
        HEAD + "intro:\n  - yes\n" + BODY,
        ":4:5: intro[0]: expected text, got true",
        'YAML reads yes as yes/no; to print the word, quote it: "yes"',
    ),
    "duplicate-key": (
        HEAD + "subtitle: Example\ntitle: Again\n" + BODY,
        ":4:1: title: field 'title' is given twice",
        "keep one of the two: delete this line or line 2, or rename one",
    ),
    "unclosed-double-quote": (
        'factsheet: 1\ntitle: "Example Network\n' + BODY,
        ':2:8: malformed YAML: the quote " opened here is never closed',
        'end the text with a closing " on the same line',
    ),
    "unclosed-single-quote": (
        "factsheet: 1\ntitle: 'Example Network\n" + BODY,
        ":2:8: malformed YAML: the quote ' opened here is never closed",
        "end the text with a closing ' on the same line; to put a ' inside the text, write it "
        "twice ('')",
    ),
    "unclosed-bracket": (
        "factsheet: 1\ntitle: [Example\n",
        "malformed YAML: a list opened with [ is never closed with ]",
        "close the list with ] on the same line",
    ),
    "field-after-list": (
        HEAD + "intro:\n  - one\n  - two\n  source: Example\n" + BODY,
        ":6:3: malformed YAML: this line's indentation does not line up",
        "`source:` follows a list; to end the list and start a new field, indent it by "
        "0 spaces, like `intro:` on line 3",
    ),
    "field-indented-too-far": (
        HEAD + "sections:\n  - heading: Example\n     body: [Example text]\n",
        ":5:6: malformed YAML: this line is indented differently",
        "`body:` is indented by 5 spaces, which lines up with nothing above it: indent it by "
        "4 spaces, like `heading:` on line 4",
    ),
    "list-item-indented-too-far": (
        HEAD + BODY + "    - heading: Second\n      body: [Example text]\n",
        ":6:5: malformed YAML: this line's indentation",
        "indent it by 2 spaces, like `- heading:` on line 4",
    ),
}


@pytest.mark.parametrize("trap", sorted(TRAPS))
def test_each_yaml_trap_names_its_fix(
    trap: str, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    text, where, hint = TRAPS[trap]
    content = tmp_path / "sheet.yaml"
    content.write_text(text, encoding="utf-8")
    result = run_cli("build", content, "-o", tmp_path / "out.pdf")
    assert result.code == 2
    first, *rest = result.err.splitlines()
    assert first.startswith(f"error: {content}"), result.err
    assert where in first, result.err
    assert any(line.startswith("  hint: ") and hint in line for line in rest), result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out.pdf").exists()


def test_the_source_line_is_shown_with_a_caret_under_the_column(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    content = tmp_path / "sheet.yaml"
    content.write_text(HEAD + "keywords: [outreach, 2025]\n" + BODY, encoding="utf-8")
    lines = run_cli("build", content).err.splitlines()
    assert lines[1:4] == [
        "   |",
        " 3 | keywords: [outreach, 2025]",
        "   |                      ^",
    ]


def test_tabs_are_shown_as_spaces_with_the_caret_on_the_tab(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    content = tmp_path / "sheet.yaml"
    content.write_text(HEAD + "subtitle: Example\n\tlang: en-US\n", encoding="utf-8")
    lines = run_cli("build", content).err.splitlines()
    assert lines[2:4] == [" 4 |     lang: en-US", "   | ^"]


def test_a_text_read_as_a_mapping_is_one_problem_not_two(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    content = tmp_path / "sheet.yaml"
    content.write_text(TRAPS["colon-in-paragraph"][0], encoding="utf-8")
    result = run_cli("build", content)
    assert [line for line in result.err.splitlines() if line.startswith("error:")] == [
        f"error: {content}:6:9: sections[0].body[0]: a block mapping holds exactly one of: "
        "paragraph, table, list, map"
    ]

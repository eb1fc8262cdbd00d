"""How a located problem is printed: where, the source line as the user sees it, a caret under
the column, the hint. Each expected text is built from the line the test wrote, so a reader
can see why it is what it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.cli.diagnostics import render
from factsheet.errors import Problem


def shown(path: Path, text: str, *, column: int | None, line: int = 1) -> list[str]:
    """The printed lines for a problem at `line`:`column` of a file holding `text`."""
    path.write_text(text, encoding="utf-8")
    return render(Problem("bad value", path, line=line, column=column)).splitlines()


def test_a_warning_says_warning_unless_the_caller_names_the_severity() -> None:
    warning = Problem("guessed the encoding", Path("rows.csv"), severity="warning")
    assert render(warning) == "warning: rows.csv: guessed the encoding"
    assert render(Problem("no title")) == "error: no title"  # a Problem's default severity
    assert render(warning, "note") == "note: rows.csv: guessed the encoding"


def test_where_field_message_and_hint_in_that_order() -> None:
    problem = Problem("must be a number", Path("a.json"), "highlights[0].value", 3, 7, "use 12")
    # a.json does not exist: the location is printed, the source line cannot be.
    assert render(problem).splitlines() == [
        "error: a.json:3:7: highlights[0].value: must be a number",
        "  hint: use 12",
    ]


def test_standard_input_is_named_so() -> None:
    # `factsheet build -` reads the content from standard input, which problems call "-".
    assert render(Problem("bad", Path("-"), line=2)) == "error: <stdin>:2: bad"
    assert render(Problem("bad", Path("a-b.yaml"), line=2)) == "error: a-b.yaml:2: bad"


def test_tabs_and_control_characters_are_made_visible_under_the_caret(tmp_path: Path) -> None:
    # "a", a tab, "b", the control character U+0001, "c": column 5 is the "c". The tab is
    # shown as four spaces and U+0001 as "?", so "c" is the 8th character shown (offset 7).
    lines = shown(tmp_path / "s.yaml", "a\tb\x01c\n", column=5)
    assert lines == [
        f"error: {tmp_path / 's.yaml'}:1:5: bad value",
        "   |",
        " 1 | a    b?c",
        "   | " + " " * 7 + "^",
    ]


def test_the_caret_can_point_just_past_the_end_of_the_line(tmp_path: Path) -> None:
    # "abc" has 3 characters; column 4 (e.g. "a value was expected here") is right after them.
    assert shown(tmp_path / "s.yaml", "abc\n", column=4)[-1] == "   |    ^"
    # Further out is shown at the end too: the caret never floats past the text.
    assert shown(tmp_path / "s.yaml", "abc\n", column=9)[-1] == "   |    ^"
    # Without a column there is no caret line; the gutter is as wide as the line number.
    assert shown(tmp_path / "s.yaml", "x\n" * 11 + "abc\n", column=None, line=12) == [
        f"error: {tmp_path / 's.yaml'}:12: bad value",
        "    |",
        " 12 | abc",
    ]


# 40 numbered cells "000,001,...,039,": 160 characters, no two windows of it alike, so a window
# shifted by even one character is seen.
LONG = "".join(f"{n:03d}," for n in range(40))


@pytest.mark.parametrize(
    ("column", "window", "caret"),
    [
        # Near the start: the first 100 characters (the most shown), "..." after them only.
        (10, LONG[:100] + "...", 9),
        # Mid-line: 100 characters starting 50 before the caret (69 - 50 = 19); the caret sits
        # 50 characters into the window, after the leading "...": offset 53.
        (70, "..." + LONG[19:119] + "...", 53),
        # Near the end: the window cannot pass the end, so it starts at 160 - 100 = 60;
        # the caret (offset 149) is at 149 - 60 + 3 = 92.
        (150, "..." + LONG[60:160] + "...", 92),
    ],
)
def test_a_long_line_is_cut_to_100_characters_around_the_caret(
    tmp_path: Path, column: int, window: str, caret: int
) -> None:
    lines = shown(tmp_path / "s.yaml", LONG + "\n", column=column)
    assert lines[2] == " 1 | " + window
    assert lines[3] == "   | " + " " * caret + "^"
    assert lines[2][5 + caret] == LONG[column - 1]  # the caret is under the column's character


def test_a_long_line_without_a_column_shows_its_start_and_100_characters_is_not_long(
    tmp_path: Path,
) -> None:
    assert shown(tmp_path / "s.yaml", LONG + "\n", column=None)[2] == " 1 | " + LONG[:100] + "..."
    exactly = LONG[:100]
    assert shown(tmp_path / "s.yaml", exactly + "\n", column=None)[2] == " 1 | " + exactly


def test_encodings_a_user_may_save_in(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    problem = Problem("bad value", path, line=1, column=1)
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(encoding)  # Notepad's "Unicode" starts with a byte-order mark
        path.write_bytes(bom + "título: x\n".encode(encoding))
        assert render(problem).splitlines()[2] == " 1 | título: x"
    # A UTF-8 byte-order mark is not part of the first line (it would show as "?").
    path.write_bytes(b"\xef\xbb\xbftitle: x\n")
    assert render(problem).splitlines()[2] == " 1 | title: x"
    # A UTF-16 file cut in the middle of a character: the readable part is still shown, the
    # half character as the replacement character U+FFFD.
    path.write_bytes("\ufefftitle".encode("utf-16-le") + b"x")
    assert render(problem).splitlines()[2] == " 1 | title\ufffd"


def test_source_lines_are_read_only_from_small_text_files(tmp_path: Path) -> None:
    # 2,000,000 bytes is the largest source shown: a line of it is read, one byte more is not.
    path = tmp_path / "big.yaml"
    path.write_bytes(b"title: x\n" + b"#" * (2_000_000 - 9))
    problem = Problem("bad value", path, line=1)
    assert render(problem).splitlines()[2] == " 1 | title: x"
    path.write_bytes(b"title: x\n" + b"#" * (2_000_000 - 8))
    assert render(problem) == f"error: {path}:1: bad value"
    # Not a text file (a PDF, a folder): the location only.
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert render(Problem("bad", pdf, line=1)) == f"error: {pdf}:1: bad"
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert render(Problem("bad", folder, line=1)) == f"error: {folder}:1: bad"
    # A line number past the end of the file (the file changed since): the location only.
    assert shown(tmp_path / "s.yaml", "a\n", column=None, line=2) == [
        f"error: {tmp_path / 's.yaml'}:2: bad value"
    ]


def test_line_numbers_count_from_one(tmp_path: Path) -> None:
    # Line 0 does not exist: no source line is shown (not the file's last line).
    assert shown(tmp_path / "s.yaml", "first\nlast\n", column=None, line=0) == [
        f"error: {tmp_path / 's.yaml'}:0: bad value"
    ]

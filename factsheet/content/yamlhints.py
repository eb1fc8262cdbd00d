"""Hints for the YAML mistakes people make most: each names the fix, in the user's own text.

PyYAML says what it could not parse ("mapping values are not allowed here"); these say why it
happened and what to type instead. Every function takes the file's text and 1-based positions.
"""

from __future__ import annotations

import re

import yaml

_KEY = re.compile(r"^(\s*)(-\s+)?([^\s#'\"][^:#]*?):(\s|$)")
_THOUSANDS = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?%?")


def source_line(text: str, line: int | None) -> str:
    lines = text.splitlines()
    return lines[line - 1] if line is not None and 0 < line <= len(lines) else ""


def quoted(text: str) -> str:
    """Text as a double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_hint(error: yaml.MarkedYAMLError, text: str) -> tuple[int | None, int | None, str, str]:
    """(line, column, message, hint) for a YAML syntax error, pointing where the fix goes."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    reason = error.problem or error.context or "malformed YAML"
    message = f"malformed YAML: {reason}"
    here = source_line(text, line)
    if "'\\t'" in reason:
        return line, column, "malformed YAML: a tab where YAML expects spaces", _tab_hint(here)
    if "mapping values are not allowed" in reason and column is not None:
        key = _KEY.match(here)
        if key and key.end() < column:
            return line, column, 'malformed YAML: ": " inside unquoted text', _colon_hint(here, key)
        return (
            line,
            len(here) - len(here.lstrip(" ")) + 1,
            "malformed YAML: this line is indented differently from the field it belongs with",
            _indent_hint(text, line),
        )
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        start = error.context_mark
        opened = source_line(text, start.line + 1)[start.column : start.column + 1] or '"'
        return (
            start.line + 1,
            start.column + 1,
            f"malformed YAML: the quote {opened} opened here is never closed",
            f"end the text with a closing {opened} on the same line; to put a {opened} inside "
            f"the text, write it twice ({opened}{opened})"
            if opened == "'"
            else 'end the text with a closing " on the same line; to put a " inside the '
            'text, write \\" or wrap the whole text in single quotes',
        )
    if "expected ',' or ']'" in reason:
        return (
            line,
            column,
            "malformed YAML: a list opened with [ is never closed with ]",
            "close the list with ] on the same line; if the text itself starts with [, put "
            "the whole text in quotes",
        )
    if "expected <block end>" in reason or "expected key" in reason or "'-' indicator" in reason:
        message = "malformed YAML: this line's indentation does not line up with the lines above"
        return line, column, message, _indent_hint(text, line)
    return line, column, message, ""


def _tab_hint(line: str) -> str:
    if line.lstrip(" ").startswith("\t"):
        return (
            "YAML indents with spaces only: replace the tab at the start of this line with spaces"
        )
    return "YAML does not allow tabs here: replace the tab with spaces (or put the text in quotes)"


def _colon_hint(line: str, key: re.Match[str]) -> str:
    """`title: The data show: 5 cases`: the value itself holds ": "."""
    start = key.end()
    fixed = line[:start].rstrip() + " " + quoted(line[start:].strip())
    return f'text that contains ": " must be in quotes: {fixed.strip()}'


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")


def _indent_hint(text: str, number: int | None) -> str:
    """Name the column to line this line up with, from the lines above it."""
    lines = text.splitlines()
    if number is None or not 0 < number <= len(lines):
        return "check the indentation: fields of one mapping start in the same column"
    here = lines[number - 1]
    indent = len(here) - len(here.lstrip(" "))
    own = _KEY.match(here)
    dash = bool(own and own.group(2))
    what = f"`{'- ' if dash else ''}{own.group(3)}:`" if own else "this line"
    previous = next((line for line in reversed(lines[: number - 1]) if line.strip()), "")
    previous_dash = len(previous) - len(previous.lstrip(" "))
    after_list = not dash and previous.lstrip(" ").startswith("- ") and indent <= previous_dash + 2
    # Where fields (or list items, for a line starting with "- ") start in the lines above.
    choices: dict[int, str] = {}
    for index in range(number - 2, -1, -1):
        above = _KEY.match(lines[index])
        if not above or (dash and not above.group(2)):
            continue
        column = len(above.group(1)) + (0 if dash else len(above.group(2) or ""))
        shown = f"`{'- ' if dash else ''}{above.group(3)}:` on line {index + 1}"
        if after_list and column >= indent:
            continue
        choices.setdefault(column, shown)
        if column == 0:
            break
    nearest = min((abs(column - indent) for column in choices), default=0)
    options = sorted(item for item in choices.items() if abs(item[0] - indent) == nearest)
    if not options:
        return f"{what} is indented by {_spaces(indent)}; fields of one mapping start in one column"
    like = " or ".join(f"{_spaces(column)}, like {where}" for column, where in options)
    if after_list:
        return f"{what} follows a list; to end the list and start a new field, indent it by {like}"
    return (
        f"{what} is indented by {_spaces(indent)}, which lines up with nothing above it: "
        f"indent it by {like}"
    )


def mapping_for_text_hint(value: object, line: str) -> str:
    """A mapping where text was expected: usually a list item holding `: ` unquoted."""
    if not (isinstance(value, dict) and len(value) == 1 and ": " in line):
        return ""
    item = line.strip()
    dash = item.startswith("- ")
    body = item[2:].strip() if dash else item
    return (
        'YAML read this text as a field and its value because it contains ": "; '
        f"put the whole text in quotes: {'- ' if dash else ''}{quoted(body)}"
    )


def number_for_text_hint(value: object, line: str, column: int | None) -> str:
    """A number, or yes/no, where text was expected: quote it as written."""
    if isinstance(value, float):
        return 'quote it, e.g. "36.2", so it prints exactly as written'
    default = str(value).lower() if isinstance(value, bool) else str(value)
    written = _token(line, column) or default
    if isinstance(value, bool):
        return f"YAML reads {written} as yes/no; to print the word, quote it: {quoted(written)}"
    if isinstance(value, int):
        return f"YAML reads {written} as a number; to use it as text, quote it: {quoted(written)}"
    return ""


def _token(line: str, column: int | None) -> str:
    if column is None or not 0 < column <= len(line):
        return ""
    match = re.match(r"[^,\]\}#\s]+(?:[ ]+[^,\]\}#\s:]+)*", line[column - 1 :])
    return match.group(0) if match else ""


def split_number_hint(line: str) -> str:
    """A flow list `[Reports, 1,234]` whose number's comma made two cells."""
    if "[" not in line:
        return ""
    number = _THOUSANDS.search(line[line.index("[") :])
    if not number:
        return ""
    return (
        f"in [ ] a comma starts a new cell, so {number.group(0)} became "
        f"{len(number.group(0).split(','))} cells: quote it, {quoted(number.group(0))}"
    )

"""How a problem looks in a terminal: the located message, the source line with a caret, a hint.

    error: sheet.yaml:3:21: malformed YAML: mapping values are not allowed here
       |
     3 | title: The data show: 5 cases
       |                     ^
      hint: text that contains ": " must be in quotes: title: "The data show: 5 cases"

The line is read from the file when the problem is shown, so problems stay small data.
"""

from __future__ import annotations

from pathlib import Path

from factsheet.errors import Problem

_TEXT_SUFFIXES = {".yaml", ".yml", ".json", ".csv", ".tsv", ".txt", ".toml"}
_MAX_SOURCE_BYTES = 2_000_000
_MAX_SHOWN = 100


def render(problem: Problem, severity: str = "") -> str:
    """The problem as the CLI prints it (several lines when the source line can be shown)."""
    severity = severity or str(getattr(problem, "severity", "") or "error")
    where = ""
    if problem.file is not None:
        where = str(problem.file)
        if problem.line is not None:
            where += f":{problem.line}"
            if problem.column is not None:
                where += f":{problem.column}"
        where += ": "
        if str(problem.file) == "-":
            where = where.replace("-", "<stdin>", 1)
    field = f"{problem.field}: " if problem.field else ""
    lines = [f"{severity}: {where}{field}{problem.message}"]
    lines += _snippet(problem)
    if problem.hint:
        lines.append(f"  hint: {problem.hint}")
    return "\n".join(lines)


def _snippet(problem: Problem) -> list[str]:
    if problem.file is None or problem.line is None:
        return []
    text = _read(Path(problem.file))
    if text is None:
        return []
    source = text.splitlines()
    if not 0 < problem.line <= len(source):
        return []
    line = source[problem.line - 1]
    column = problem.column
    shown, caret = _visible(line, column)
    number = str(problem.line)
    gutter = " " * len(number)
    out = [f" {gutter} |", f" {number} | {shown}"]
    if caret is not None:
        out.append(f" {gutter} | {' ' * caret}^")
    return out


def _visible(line: str, column: int | None) -> tuple[str, int | None]:
    """The line with tabs and control characters made visible, and the caret's offset in it."""
    shown = ""
    caret = None
    for index, character in enumerate(line):
        if column is not None and index == column - 1:
            caret = len(shown)
        if character == "\t":
            shown += "    "
        elif not character.isprintable():
            shown += "?"
        else:
            shown += character
    if column is not None and caret is None and column - 1 >= len(line):
        caret = len(shown)
    if len(shown) > _MAX_SHOWN:
        start = max(0, min((caret or 0) - _MAX_SHOWN // 2, len(shown) - _MAX_SHOWN))
        shown = ("..." if start else "") + shown[start : start + _MAX_SHOWN] + "..."
        if caret is not None:
            caret = caret - start + (3 if start else 0)
    return shown.rstrip(), caret


def _read(file: Path) -> str | None:
    """The file's text, or None for anything that is not a small readable text file."""
    if file.suffix.lower() not in _TEXT_SUFFIXES:
        return None
    try:
        if not file.is_file() or file.stat().st_size > _MAX_SOURCE_BYTES:
            return None
        raw = file.read_bytes()
    except OSError:
        return None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace")
    return raw.decode("utf-8-sig", errors="replace")

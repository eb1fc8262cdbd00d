"""Project settings: `factsheet.toml`, or `[tool.factsheet]` in `pyproject.toml`.

The nearest one, from the current folder up, sets defaults for every command run below it:
the output folder, the theme for content files that name none, and print options. An option
given on the command line always wins; then the project file; then factsheet's defaults.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from factsheet.errors import FactsheetError, Problem

PROJECT_FILE = "factsheet.toml"
KEYS: dict[str, type] = {
    "output": str,
    "theme": str,
    "page-size": str,
    "bleed": str,
    "crop-marks": bool,
    "cmyk": bool,
}
_MAX_BYTES = 1_000_000


class Project(Struct, frozen=True):
    """The settings found, and the file they came from (None: no project file)."""

    file: Path | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.file.parent if self.file is not None else Path(".")

    def output_dir(self) -> Path:
        """Where outputs go by default: the project's `output`, else ./output."""
        if "output" in self.settings:
            return self.folder / str(self.settings["output"])
        return Path("output")


def find_project(start: Path | None = None) -> Project:
    """The nearest project file at or above start (the current folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return Project(candidate, _read(candidate, tool=False))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            settings = _read(pyproject, tool=True)
            if settings is not None:
                return Project(pyproject, settings)
    return Project()


def _read(file: Path, *, tool: bool) -> Any:
    import tomllib

    try:
        raw = file.read_bytes()[:_MAX_BYTES]
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as error:
        raise FactsheetError(Problem(f"cannot read: {error.strerror}", file)) from None
    except UnicodeDecodeError:
        raise FactsheetError(Problem("not valid UTF-8", file)) from None
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(where.group(1)), int(where.group(2))) if where else (None, None)
        message = re.sub(r"\s*\(at line.*\)", "", str(error))
        raise FactsheetError(
            Problem(
                f"not valid TOML: {message}",
                file,
                line=line,
                column=column,
                hint='write settings as key = value, text in quotes: output = "pdf"',
            )
        ) from None
    if tool:
        section = data.get("tool", {}).get("factsheet")
        if section is None:
            return None
        data = section
    text = raw.decode("utf-8")
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in KEYS:
            import difflib  # only to suggest a name for a mistyped setting

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise FactsheetError(
                Problem(
                    f"unknown setting '{key}'",
                    file,
                    line=line,
                    hint=hint + "settings: " + ", ".join(KEYS),
                )
            )
        expected = KEYS[key]
        if not isinstance(value, expected):
            kind = "true or false" if expected is bool else 'text in quotes, e.g. "output"'
            raise FactsheetError(Problem(f"'{key}' must be {kind}", file, line=line, field=key))
    if "bleed" in data:
        from factsheet.pdf.print_options import parse_bleed

        try:
            parse_bleed(data["bleed"])
        except FactsheetError as error:
            message = error.problems[0].message.replace("--bleed: ", "")
            raise FactsheetError(
                Problem(
                    message,
                    file,
                    line=_line_of(text, "bleed"),
                    field="bleed",
                    hint=error.problems[0].hint,
                )
            ) from None
    page_size = data.get("page-size")
    if page_size is not None:
        from factsheet.theme.model import PAGE_SIZES

        if page_size not in PAGE_SIZES:
            raise FactsheetError(
                Problem(
                    f"page-size {page_size!r} is not one of: " + ", ".join(sorted(PAGE_SIZES)),
                    file,
                    line=_line_of(text, "page-size"),
                )
            )
    return data


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*\"?{re.escape(key)}\"?\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def apply_project(args: argparse.Namespace) -> argparse.Namespace:
    """Fill every option the command line left unset from the project file."""
    project = find_project()
    args.project = project
    settings = project.settings
    for key in ("page-size", "bleed", "crop-marks", "cmyk"):
        name = key.replace("-", "_")
        if hasattr(args, name) and getattr(args, name) is None and key in settings:
            setattr(args, name, settings[key])
    return args


def default_theme(project: Project) -> Any:
    """The project's theme as a reference, for content files that name none (else None)."""
    if "theme" not in project.settings or project.file is None:
        return None
    from factsheet.content.model import ThemeRef

    text = project.file.read_text(encoding="utf-8", errors="replace")
    return ThemeRef(project.settings["theme"], project.file, _line_of(text, "theme"))

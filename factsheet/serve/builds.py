"""Build the editor's unsaved text in memory and keep the last few results for download."""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from factsheet.content.loader import ContentTemplate
from factsheet.content.yamlsource import FieldPath, YamlProblem, read_document
from factsheet.errors import FactsheetError, LayoutOverflowError, Problem, ThemeError
from factsheet.layout.fit import PageOverflow
from factsheet.pdf.overflow import overflow_png
from factsheet.pdf.preview import preview_png
from factsheet.pdf.print_options import PrintOptions
from factsheet.pdf.render import creation_time
from factsheet.pipeline import Built, SheetBuilder
from factsheet.theme.fonts import bundled_fonts_dir
from factsheet.theme.loader import BUILTIN_DIR, theme_sources

PREVIEW_WIDTH = 1100
KEEP = 8
# Bleed the usual print-shop way: an eighth of an inch on Letter, 3 mm on A4.
PRINT_BLEED = {"letter": 9.0, "a4": 3 * 72 / 25.4}


class Result(Struct):
    """One build of one text: what the editor shows, and the files it can download."""

    id: str
    file: Path
    text: bytes
    built: Built | None = None
    problems: list[Problem] = field(default_factory=list)
    preview: bytes | None = None
    overflow: bool = False
    seconds: float = 0.0

    @property
    def verified(self) -> bool:
        return self.built is not None and not self.problems


class Builds:
    """Builds one at a time (fonts and the layout caches are shared); keeps the last KEEP."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lock = threading.Lock()
        self.results: OrderedDict[str, Result] = OrderedDict()

    def build(self, file: Path, text: bytes) -> Result:
        started = time.perf_counter()
        result = Result(secrets.token_urlsafe(12), file, text)
        with self.lock:
            try:
                self.check_inputs(file, text)
                built = SheetBuilder.load(file, text=text).build(created=_now())
                result.built = built  # verified: build raises VerificationError otherwise
                result.preview = preview_png(built.pdf, width=PREVIEW_WIDTH, quick=True)
            except LayoutOverflowError as error:
                result.problems = error.problems + unfitted(file, text, error.problems)
                result.overflow = True
                if isinstance(error, PageOverflow):
                    # The page as far as it fits and, boxed in red, what did not.
                    result.preview = overflow_png(error, width=PREVIEW_WIDTH)
            except FactsheetError as error:
                result.problems = error.problems
            result.seconds = time.perf_counter() - started
            self.results[result.id] = result
            while len(self.results) > KEEP:
                self.results.popitem(last=False)
        return result

    def check_inputs(self, file: Path, text: bytes) -> None:
        """Refuse a theme, font or logo outside the served folder (built-in ones are fine):
        the editor reads nothing else on the computer, whatever the text asks for."""
        reference = ContentTemplate.read(file, text).theme
        allowed = (self.root, BUILTIN_DIR.resolve(), bundled_fonts_dir().resolve())
        for source in theme_sources(reference):
            if not any(source.resolve().is_relative_to(folder) for folder in allowed):
                raise ThemeError(
                    Problem(
                        f"{source.name} is outside the folder being edited",
                        file,
                        "theme",
                        reference.line,
                        hint=f"the editor reads only files inside {self.root}; start it on a "
                        "folder that holds the theme too, or use factsheet watch",
                    )
                )

    def get(self, result_id: str) -> Result | None:
        with self.lock:
            return self.results.get(result_id)

    def full_png(self, result: Result) -> bytes:
        assert result.built is not None
        with self.lock:
            return preview_png(result.built.pdf)

    def print_pdf(self, result: Result) -> bytes:
        """The print-shop version: bleed and crop marks, verified like any build."""
        assert result.built is not None
        bleed = PRINT_BLEED.get(result.built.theme.page_size_name, 9.0)
        options = PrintOptions(bleed=bleed, crop_marks=True)
        with self.lock:
            built = SheetBuilder.load(result.file, options, text=result.text).build(created=_now())
        return built.pdf

    def describe(self, result: Result) -> dict[str, Any]:
        """The result as the editor's JSON: status, problems located in this file or another."""
        status: dict[str, Any] = {"seconds": round(result.seconds, 3), "overflow": result.overflow}
        if result.built is not None:
            report, theme = result.built.report, result.built.theme
            status.update(
                figures_found=report.figures_found,
                figures_expected=report.figures_expected,
                pages=report.pages,
                page_size=theme.page_size_name,
                body_size=result.built.body_size,
                theme_body_size=theme.body_size,
                theme=theme.name,
            )
        return {
            "id": result.id,
            "verified": result.verified,
            "preview": f"/api/preview/{result.id}.png" if result.preview else None,
            "status": status,
            "problems": [self._problem(problem, result.file) for problem in result.problems],
        }

    def _problem(self, problem: Problem, file: Path) -> dict[str, Any]:
        where = None
        if problem.file is not None:
            path = problem.file.resolve()
            inside = path.is_relative_to(self.root)
            where = path.relative_to(self.root).as_posix() if inside else path.name
        return {
            "message": problem.message,
            "hint": problem.hint,
            "field": problem.field,
            "line": problem.line,
            "column": problem.column,
            "file": where,
            "here": problem.file is None or problem.file.resolve() == file,
            "severity": getattr(problem, "severity", "error"),
        }


# The overflow message names what did not fit by its field: sections[3] ('Heading'); intro[1].
_UNFITTED = re.compile(r"\b(sections|intro)\[(\d+)\]")


def unfitted(file: Path, text: bytes, problems: list[Problem]) -> list[Problem]:
    """A problem at each section or intro paragraph an overflow left out, to mark its line."""
    try:
        document = read_document(file, text)
    except YamlProblem:
        return []
    found: list[Problem] = []
    named = (match for problem in problems for match in _UNFITTED.findall(problem.message))
    for kind, index in dict.fromkeys(named):
        path: FieldPath = (kind, int(index))
        line, column = document.locate((*path, "heading") if kind == "sections" else path)
        what = "this section" if kind == "sections" else "this paragraph"
        field = f"{kind}[{index}]"
        found.append(Problem(f"{what} did not fit on the page", file, field, line, column))
    return found


def parses(file: Path, text: bytes) -> Problem | None:
    """None when text is well-formed YAML (safe to save), else the located problem."""
    try:
        read_document(file, text)
    except YamlProblem as error:
        return error.problem
    return None


def _now() -> datetime:
    return creation_time(None)

"""One family of located problems: errors and warnings alike carry where they are and a hint."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from msgspec import Struct

Severity = Literal["error", "warning"]


class Problem(Struct, frozen=True):
    """One thing wrong with an input (or worth a warning), located as precisely as we can."""

    message: str
    file: Path | None = None
    field: str = ""
    line: int | None = None
    column: int | None = None
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        text = f"{where}{field}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class FactsheetError(Exception):
    """Base of every error the CLI reports as a message rather than a traceback."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__("\n".join(str(p) for p in problems))


class ContentError(FactsheetError):
    """The content file is missing, unreadable or does not follow the format."""


class ThemeError(FactsheetError):
    """The theme, or a file it names (font, logo), is missing or invalid."""


class LayoutOverflowError(FactsheetError):
    """The content cannot fit on one page even at the theme's smallest type."""


class VerificationError(FactsheetError):
    """The PDF does not hold what the content says it must; it was not written anywhere."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem | str, summary: str = "") -> None:
        super().__init__(problems)
        self.summary = summary
        """The read-back report as text (pages, size, figures, fonts, each failure)."""

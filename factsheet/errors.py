"""One exception family for every problem a user can fix; each carries where it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    message: str
    file: Path | None = None
    field: str = ""
    line: int | None = None
    column: int | None = None
    hint: str = ""

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
    """The written PDF does not hold what the content says it must."""

    exit_code = 1

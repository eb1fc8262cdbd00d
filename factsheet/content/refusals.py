"""Problems of placeholders and conditions, located, with a hint when the sandbox refused."""

from __future__ import annotations

from factsheet.content.yamlsource import Document, FieldPath
from factsheet.errors import Problem

LIMIT_HINT = (
    "a placeholder fills in one short text: keep its loops, repeats and widths small "
    "(ranges of at most 1,000, texts of at most 20,000 characters)"
)

SANDBOX_HINT = "placeholders read the row's values and format them; they cannot change them"


def located(document: Document, path: FieldPath, message: str) -> Problem:
    """A problem of a placeholder or condition, with a hint when a limit refused it."""
    if message.startswith("refused by the template sandbox"):
        return document.problem(path, message, SANDBOX_HINT)
    limit = message.startswith("refused: ") and not message.startswith("refused: templates may")
    return document.problem(path, message, LIMIT_HINT if limit else "")

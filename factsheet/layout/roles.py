"""What each drawn piece is, for the tagged PDF: a structure role and the content field it shows.

Keys are the content's own field paths ("sections[1].body[0]"), so the structure tree, built
from the content in reading order, finds every piece the renderer marked.
"""

from __future__ import annotations

from dataclasses import dataclass

# Pieces that tag their own insides (cells, bullet and body) instead of being one mark.
CONTAINERS = frozenset({"Table", "LI"})


@dataclass(frozen=True)
class Tag:
    role: str
    """A standard structure type: H1, H2, P, Caption, Figure, Table, LI, ..."""
    key: str
    """The content field it shows, e.g. "sections[0].heading"."""

"""The line being filled while a paragraph is broken (layout/fraglines.py): its fragments, the
spaces it may shrink, its height; and each fragment's facts, looked up once."""

from __future__ import annotations

from typing import Any, NamedTuple

from reportlab.platypus.paragraph import FragLine, _HSFrag


class Facts(NamedTuple):
    """What breaking needs of one fragment, looked up once."""

    style: tuple[Any, ...] | None
    """What sameFrag compares; None for a fragment that matches none (a callback)."""
    font: str
    size: float
    ascent: float
    descent: float
    space: float
    is_text: bool


Position = tuple[Any, Any, int]
"""Filling a line: its width so far, the space after its last word, and its word count."""


class Line:
    """The line being filled: its fragments, and the spaces in those that hold text."""

    __slots__ = (
        "ascent",
        "descent",
        "size",
        "source",
        "space_widths",
        "spaces",
        "style",
        "texts",
        "words",
    )

    def __init__(self, frag: Any, facts: Facts, text: str) -> None:
        # The steps of add() for a line's first fragment, written out: a paragraph starts a
        # line every ten words or so, and going through add() cost 4% of breaking.
        joined = frag.clone()
        joined.text = text
        self.words = [joined]
        self.style = facts.style
        if facts.is_text:
            self.texts, self.spaces = [joined], [text.count(" ")]
            self.space_widths = [facts.space]
        else:
            self.texts, self.spaces, self.space_widths = [], [], []
        self.source = frag if facts.is_text else None
        """The fragment the line's last word came from, while it is the line's only text."""
        self.size, self.ascent, self.descent = facts.size, facts.ascent, facts.descent

    def add(self, frag: Any, facts: Facts, text: str) -> None:
        joined = frag.clone()
        joined.text = text
        self.words.append(joined)
        self.style = facts.style
        if facts.is_text:
            self.texts.append(joined)
            self.spaces.append(text.count(" "))
            self.space_widths.append(facts.space)
        self.source = frag if facts.is_text and len(self.texts) == 1 else None
        self.size = max(self.size, facts.size)
        self.ascent = max(self.ascent, facts.ascent)
        self.descent = min(self.descent, facts.descent)

    def extend(
        self, words: list[Any], number: int, at: Position, max_width: Any, shrinkage: Any
    ) -> tuple[int, Position]:
        """ReportLab's steps for the words from `number` on that fit, while each is one piece
        of the line's only text fragment followed by a space: nothing to look up for them.
        Returns the number of the first word left for the general steps, and the position."""
        source, joined = self.source, self.words[-1]
        space_width, spaces = self.space_widths[0], self.spaces[0]
        current, space, count = at
        text = joined.text
        while number < len(words):
            word = words[number]
            if type(word) is not _HSFrag or len(word) != 2 or word[1][0] is not source:
                break
            width = word[0]
            new_width = current + space + width if width > 0 else current
            limit = max_width
            if shrinkage:
                limit += (space + spaces * space_width if spaces else space) * shrinkage
            if new_width > limit:
                break
            piece = word[1][1]
            if piece:
                count += 1
            added = " " + piece if space and not text.endswith(" ") else piece
            text += added
            spaces += added.count(" ")
            space, current = space_width, new_width
            number += 1
        joined.text, self.spaces[0] = text, spaces
        return number, (current, space, count)

    def end_last_text_with_space(self) -> None:
        if self.texts and not self.texts[-1].text.endswith(" "):
            self.texts[-1].text += " "
            self.spaces[-1] += 1


def frag_line(line: Line, max_width: Any, current: Any, count: int, first_word: int) -> Any:
    return FragLine(
        extraSpace=max_width - current,
        wordCount=count,
        lineBreak=False,
        words=line.words,
        fontSize=line.size,
        ascent=line.ascent,
        descent=line.descent,
        maxWidth=max_width,
        sFW=first_word,
    )

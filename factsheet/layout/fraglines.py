"""ReportLab's line breaking of a paragraph in several styles, for the common case, faster.

ReportLab's `Paragraph.breakLines` serves every paragraph: images, explicit breaks, soft
hyphens, bidirectional text, hyphenation. Its loop asks, for every word, whether the word's
style matches the last one (eight attributes read twice), the font's ascent and descent, and
the width of a space, twice; a body paragraph of 60 words took about 1.8 ms, and such
paragraphs were a fifth of a series sheet's time. `frag_lines` breaks the paragraphs this tool
makes most (text in a few styles with run marks between them, no hyphenation dictionary) the
same way, step for step, with each style's facts looked up once. For anything else, or when
a word would have to be split (a long word, a web address at a line's end), it returns None
and ReportLab breaks the paragraph itself. The tests hold the two to the same lines,
attribute by attribute, on thousands of generated paragraphs.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import (
    _FK_TEXT,
    ParaLines,
    _HSFrag,
    _hyphenateFragWord,
    _processed_frags,
    _shy,
    _SplitFrag,
    _SplitFragH,
    hyphenationMinWordLength,
)

from factsheet.layout.fillline import Facts, Line, frag_line
from factsheet.layout.fragwords import frag_words

_SAME_STYLE = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
"""What ReportLab compares to tell whether two fragments can be set as one (its sameFrag)."""


def frag_lines(paragraph: Any, widths: Any) -> Any:
    """ReportLab's ParaLines for the paragraph at these widths, or None to leave it to
    ReportLab. Like ReportLab, replaces the paragraph's frags with the words they make."""
    style = paragraph.style
    frags = paragraph.frags
    if not _handled(paragraph, style, frags):
        return None
    max_widths = widths if isinstance(widths, list | tuple) else [widths]
    words = frag_words(frags)
    breaker = _Breaker(style, max_widths)
    lines = breaker.lines_of(words)
    if lines is None:
        return None
    paragraph.height = 0
    paragraph._splitLongWordCount = paragraph._hyphenations = 0
    paragraph._width_max = breaker.widest
    paragraph.frags = words
    return ParaLines(kind=1, lines=lines)


def _handled(paragraph: Any, style: Any, frags: list[Any]) -> bool:
    """Whether ReportLab would take its several-fragment path, with none of its rarer turns."""
    if len(frags) < 2 or _processed_frags(frags) or paragraph.bulletText:
        return False
    if style.wordWrap or style.shaping or getattr(style, "hyphenationLang", ""):
        return False
    if style.embeddedHyphenation:
        return False
    for frag in frags:
        found = frag.__dict__
        if "lineBreak" in found or "text" not in found or _shy in frag.text:
            return False
        if "cbDefn" in found and getattr(frag.cbDefn, "width", None):
            return False  # an image, or anything else with a width of its own
    return True


class _Breaker:
    """One paragraph's breaking: ReportLab's loop over frag words, its facts remembered."""

    def __init__(self, style: Any, max_widths: Any) -> None:
        self.max_widths = max_widths
        self.shrinkage = style.spaceShrinkage
        self.waste = style.uriWasteReduce
        self.split_long = style.splitLongWords
        self.min_length = getattr(style, "hyphenationMinWordLength", hyphenationMinWordLength)
        self.widest: Any = 0
        self.facts: dict[int, Facts] = {}

    def facts_of(self, frag: Any) -> Facts:
        found = self.facts.get(id(frag))
        if found is None:
            facts = frag.__dict__
            matches_none = "cbDefn" in facts or "lineBreak" in facts
            style = None if matches_none else tuple(facts.get(name) for name in _SAME_STYLE)
            font, size = frag.fontName, frag.fontSize
            ascent, descent = getAscentDescent(font, size)
            space = stringWidth(" ", font, size)
            is_text = facts.get("_fkind") == _FK_TEXT
            found = Facts(style, font, size, ascent, descent, space, is_text)
            self.facts[id(frag)] = found
        return found

    def too_long(self, word: Any, new_width: float, limit: float, line: int) -> bool:
        """Whether ReportLab would split this overflowing word: then it breaks the paragraph."""
        first = word[1][0]
        allowed = not getattr(first, "nobr", False)
        # Without a hyphenation dictionary ReportLab splits only web addresses, which its
        # pattern (uri_pat) recognises by their "://".
        address = "://" in "".join(text for _, text in word[1:])
        if (
            self.waste
            and address
            and _hyphenateFragWord(
                None, word, new_width, limit, self.waste if allowed else False, 0, self.min_length
            )
        ):
            return True
        if self.split_long and not isinstance(word, _SplitFrag):
            index = min(line, len(self.max_widths) - 1)
            return bool(word[0] > max(self.max_widths[index : index + 1]))
        return False

    def lines_of(self, frag_words: list[Any]) -> list[Any] | None:
        max_widths = self.max_widths
        last_width = len(max_widths) - 1
        max_width = max_widths[0]
        shrinkage = self.shrinkage
        facts_of = self.facts_of
        known = self.facts.get
        lines: list[Any] = []
        first_word = line_number = 0
        line: Line | None = None
        count: Any = 0
        space: Any = 0
        current: Any = 0
        number, total = 0, len(frag_words)
        while number < total:
            if line is not None and line.source is not None:
                number, (current, space, count) = line.extend(
                    frag_words, number, (current, space, count), max_width, shrinkage
                )
                if number == total:
                    break
            word = frag_words[number]
            word_width = word[0]
            frag = word[1][0]
            facts = known(id(frag)) or facts_of(frag)
            new_width = current + space + word_width if word_width > 0 else current
            limit = max_width
            if shrinkage:
                # ReportLab's room for spaces to shrink, summed in its order.
                shrink = space
                if line is not None:
                    for spaces, width in zip(line.spaces, line.space_widths, strict=True):
                        if spaces:
                            shrink += spaces * width
                limit += shrink * shrinkage
            if (
                new_width > limit
                and not isinstance(word, _SplitFragH)
                and facts.style is not None  # ReportLab never splits at a callback
                and self.too_long(word, new_width, limit, line_number)
            ):
                return None
            # ReportLab measures the space after a word in its last piece's font, at its
            # first piece's size when the word joins the line.
            last = facts if len(word) == 2 else known(id(word[-1][0])) or facts_of(word[-1][0])
            if line is None or not (new_width > limit and count > 0):
                text = word[1][1]
                if text:
                    count += 1
                if line is None:
                    line = Line(frag, facts, text)
                    # ReportLab starts a paragraph's first line from its first word's last
                    # piece (size, ascent, descent) before adding the word itself.
                    line.size = max(last.size, facts.size)
                    line.ascent = max(last.ascent, facts.ascent)
                    line.descent = min(last.descent, facts.descent)
                elif facts.style is None or line.style is None or facts.style != line.style:
                    if space:
                        line.end_last_text_with_space()
                    line.add(frag, facts, text)
                else:
                    joined = line.words[-1]
                    added = " " + text if space and not joined.text.endswith(" ") else text
                    joined.text += added
                    line.spaces[-1] += added.count(" ")
                if not isinstance(word, _HSFrag):
                    space = 0
                elif last is facts:
                    space = facts.space
                else:
                    space = stringWidth(" ", last.font, facts.size)
                more_text = False
                for piece, piece_text in word[2:]:
                    line.add(piece, facts_of(piece), piece_text)
                    more_text = more_text or bool(piece_text)
                if not text and more_text:
                    count += 1
                current = new_width
                number += 1
                continue
            lines.append(self.ended(line, max_width, current, count, first_word))
            first_word = number
            line_number += 1
            max_width = max_widths[min(last_width, line_number)]
            space = last.space if isinstance(word, _HSFrag) else 0
            current = word_width
            count = 1
            line = Line(frag, facts, word[1][1])
            for piece, piece_text in word[2:]:
                line.add(piece, facts_of(piece), piece_text)
            number += 1
        if line is not None:
            lines.append(self.ended(line, max_width, current, count, first_word))
        return lines

    def ended(self, line: Line, max_width: Any, current: Any, count: int, first: int) -> Any:
        """The line as ReportLab's FragLine, its width counted towards the widest."""
        if current > self.widest:
            self.widest = current
        return frag_line(line, max_width, current, count, first)

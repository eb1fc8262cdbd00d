"""Where a line of Chinese or Japanese may break: between ideographs, never before closing
punctuation nor after opening punctuation (kinsoku), never inside a Latin word or a number.

Korean, Vietnamese and every other script break at spaces only; this module is for
paragraphs holding ideographs.
"""

from __future__ import annotations

from collections.abc import Sequence

from factsheet.content.scripts import script_of

# Characters that may not start a line: closing brackets and quotes, stops, commas, small
# kana and prolonged-sound marks, full-width and half-width alike.
NO_START = frozenset(
    "，。、；：？！）」』】》〉〕］｝〗〙〛〞〟・ー…‥々〻ゝゞヽヾ゛゜"  # noqa: RUF001
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "｡｣､･ｧｨｩｪｫｬｭｮｯｰ"
    ",.;:!?)]}%\u2019\u201d\u2030\u2032\u2033\u2103\u00b0"
)
# Characters that may not end a line: opening brackets and quotes, currency signs.
NO_END = frozenset("（「『【《〈〔［｛〖〘〚〝｢([{\u2018\u201c$£¥€￥＄")  # noqa: RUF001


def is_ideographic(char: str) -> bool:
    script = script_of(char)
    return script is not None and script.ideographic


def has_ideographs(text: str) -> bool:
    return any(is_ideographic(char) for char in text)


def break_allowed(before: str, after: str) -> bool:
    """Whether a line may end between the two characters."""
    if after in NO_START or before in NO_END:
        return False
    if before.isspace():
        return True
    if after.isspace():
        return False  # the space stays at the end of the line
    return is_ideographic(before) or is_ideographic(after)


def break_lines(
    text: str, advances: Sequence[float], widths: Sequence[float]
) -> list[tuple[int, int, float]]:
    """Greedy lines (start, end, width used) for text whose characters advance so far;
    line n is at most widths[n] wide (the last width repeats). Spaces at a line's end hang."""
    lines: list[tuple[int, int, float]] = []
    start, count = 0, len(text)
    while start < count:
        limit = widths[min(len(lines), len(widths) - 1)]
        used, end, last_break = 0.0, start, -1
        while end < count and (used + advances[end] <= limit + 1e-6 or end == start):
            used += advances[end]
            end += 1
            if end < count and break_allowed(text[end - 1], text[end]):
                last_break = end
        if end < count:
            if last_break > start:
                end = last_break
            else:
                # No allowed break: the run is cut where it overflows rather than drawn past
                # the margin, but closing punctuation hangs there rather than start a line.
                while end < count and text[end] in NO_START:
                    used += advances[end]
                    end += 1
            while end < count and text[end].isspace():
                end += 1
        printed = text[start:end].rstrip()
        lines.append((start, end, sum(advances[start : start + len(printed)])))
        start = end
    return lines

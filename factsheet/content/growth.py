"""How big a template value is, and what an operation would make of it, before it runs.

A placeholder may only make values of MAX_OUTPUT characters: more than a whole sheet holds.
Checking results after the fact is too late for operations that grow a value many times over in
one step (`'x' | center(200000000)`, `big.replace('x', big)`, `[big] * 20000` printed), so each
of those is sized first, from its arguments.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from jinja2 import pass_environment, pass_eval_context
from jinja2.exceptions import SecurityError

MAX_OUTPUT = 20_000
"""Characters one filled-in field may have: more than a whole sheet holds."""
MAX_RANGE = 1_000
MAX_DIGITS = 1_000

# A %-conversion's width and precision: %-10.3f, %(name)20s, %*d.
_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_NUMBER = re.compile(r"\d+")


def refuse_over(length: int, what: str = "the result") -> None:
    if length > MAX_OUTPUT:
        raise SecurityError(f"refused: {what} would be over {MAX_OUTPUT:,} long")


def weight(value: Any) -> int:
    """Characters value would print as, about: its strings and digits, nested ones counted
    once per place they appear; stops counting soon after MAX_OUTPUT."""
    total = 0
    stack = [value]
    while stack and total <= MAX_OUTPUT:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, int):
            total += item.bit_length() * 3 // 10 + 1
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item) + 2
            stack.extend(item)
        elif isinstance(item, Mapping):
            total += len(item) * 2 + 2
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 8
    return total


def check_percent_format(text: str) -> None:
    """Refuse a %-format whose width or precision would make a huge text (`'%99999999d'`)."""
    for match in _PERCENT_FIELD.finditer(text):
        for size in match.groups():
            if size == "*":
                raise SecurityError("refused: a width taken from the values ('*') in a % format")
            if size is not None:
                refuse_over(int(size), "a % format's width")


def check_brace_format(text: str) -> None:
    """Refuse a str.format pattern whose width or precision would make a huge text."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format itself reports the broken pattern
    for _, _, spec, _ in fields:
        if spec and "{" in spec:
            raise SecurityError("refused: a width taken from the values in a format pattern")
        for size in _NUMBER.findall(spec or ""):
            refuse_over(int(size), "a format's width")


def check_method(owner: str, name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a call of owner's str method name that would make a huge text; the arguments
    to call it with (an iterator to join is read once, here)."""
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        refuse_over(args[0])
    elif name == "expandtabs":
        tab = args[0] if args and isinstance(args[0], int) else 8
        refuse_over(len(owner) + owner.count("\t") * tab)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        refuse_over(_replaced_length(owner, args[0], str(args[1])))
    elif name == "join" and args:
        items = list(args[0])
        refuse_over(weight(items) + len(owner) * max(0, len(items) - 1))
        return (items, *args[1:])
    elif name in ("format", "format_map"):
        check_brace_format(owner)
    return args


def _replaced_length(text: str, old: str, new: str) -> int:
    count = text.count(old) if old else len(text) + 1
    return len(text) + count * (len(new) - len(old))


def guarded_filters() -> dict[str, Callable[..., Any]]:
    """Jinja's filters that can grow a value many times over, each sized first."""
    from jinja2 import filters

    @pass_eval_context
    def replace(context: Any, text: Any, old: Any, new: Any, *args: Any) -> Any:
        refuse_over(_replaced_length(str(text), str(old), str(new)))
        return filters.do_replace(context, text, old, new, *args)

    @pass_eval_context
    def join(context: Any, value: Iterable[Any], d: str = "", *args: Any) -> Any:
        items = list(value)
        refuse_over(weight(items) + len(str(d)) * max(0, len(items) - 1))
        return filters.sync_do_join(context, items, d, *args)

    @pass_environment
    def sum_(environment: Any, iterable: Iterable[Any], *args: Any, **kwargs: Any) -> Any:
        items = list(iterable)
        refuse_over(weight(items) + weight(kwargs.get("start", args[1] if len(args) > 1 else 0)))
        return filters.sync_do_sum(environment, items, *args, **kwargs)

    @pass_environment
    def wordwrap(environment: Any, text: Any, width: int = 79, *args: Any, **kwargs: Any) -> Any:
        wrap = kwargs.get("wrapstring", args[1] if len(args) > 1 else None) or "\n"
        refuse_over(len(str(text)) * (1 + len(str(wrap)) // max(1, int(width))))
        return filters.do_wordwrap(environment, text, width, *args, **kwargs)

    def center(value: Any, width: int = 80) -> str:
        refuse_over(width if isinstance(width, int) else 0)
        return filters.do_center(value, width)

    def indent(text: Any, width: int | str = 4, *args: Any, **kwargs: Any) -> Any:
        step = width if isinstance(width, int) else len(str(width))
        refuse_over(len(str(text)) + (str(text).count("\n") + 1) * step)
        return filters.do_indent(text, width, *args, **kwargs)

    def format_(value: Any, *args: Any, **kwargs: Any) -> str:
        check_percent_format(str(value))
        return filters.do_format(value, *args, **kwargs)

    def slice_(value: Any, slices: int, fill_with: Any = None) -> Any:
        if not isinstance(slices, int) or slices > MAX_RANGE:
            raise SecurityError(f"refused: slicing into more than {MAX_RANGE:,} parts")
        return filters.sync_do_slice(value, slices, fill_with)

    def batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
        if not isinstance(linecount, int) or linecount > MAX_OUTPUT:
            raise SecurityError(f"refused: batches of more than {MAX_OUTPUT:,} items")
        return filters.do_batch(value, linecount, fill_with)

    return {
        "replace": replace,
        "join": join,
        "sum": sum_,
        "wordwrap": wordwrap,
        "center": center,
        "indent": indent,
        "format": format_,
        "slice": slice_,
        "batch": batch,
    }

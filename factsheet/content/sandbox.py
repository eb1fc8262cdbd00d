"""Jinja2's sandbox with limits on what one placeholder may cost: time, memory and output.

The stock sandbox stops code from escaping, not from asking for 200 MB (`'a' * 200000000`),
a number of millions of digits (`9 ** 9999999`, which Jinja would even fold while compiling),
or a loop of millions of turns. Every arithmetic operator that can grow a value is checked
before it runs, `range` is short, and rendering stops as soon as the output is too long.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Template
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

MAX_OUTPUT = 20_000
"""Characters one filled-in field may have: more than a whole sheet holds."""
MAX_RANGE = 1_000
MAX_DIGITS = 1_000
MAX_EXPONENT = 100


class LimitedSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**", "+", "//", "%"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _short_range

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if _is_number(right) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"refused: a power above {MAX_EXPONENT} ({right!r})")
        elif operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        result = super().call_binop(context, operator, left, right)
        _check_size(result)
        return result


def render_limited(template: Template, context: Mapping[str, Any]) -> str:
    """The template's output, refused as soon as it passes MAX_OUTPUT characters."""
    parts: list[str] = []
    total = 0
    for chunk in template.generate(context):
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise SecurityError(
                f"refused: the filled-in text is over {MAX_OUTPUT:,} characters long"
            )
        parts.append(chunk)
    return "".join(parts)


def _short_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"refused: a range of more than {MAX_RANGE:,} items")
    return numbers


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, str | list | tuple) and isinstance(times, int):
        if len(sequence) * times > MAX_OUTPUT:
            raise SecurityError(f"refused: the result would be over {MAX_OUTPUT:,} long")
    elif (
        isinstance(sequence, int)
        and isinstance(times, int)
        and sequence.bit_length() + times.bit_length() > MAX_DIGITS * 3.33
    ):
        raise SecurityError(f"refused: a number of more than {MAX_DIGITS:,} digits")


def _check_size(result: Any) -> None:
    if isinstance(result, str | list | tuple) and len(result) > MAX_OUTPUT:
        raise SecurityError(f"refused: the result would be over {MAX_OUTPUT:,} long")
    if isinstance(result, int) and result.bit_length() > MAX_DIGITS * 3.33:
        raise SecurityError(f"refused: a number of more than {MAX_DIGITS:,} digits")

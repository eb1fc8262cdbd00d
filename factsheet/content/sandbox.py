"""Jinja2's sandbox with limits on what one placeholder may cost: time, memory and output.

The stock sandbox stops code from escaping, not from asking for 200 MB (`'a' * 200000000`),
a number of millions of digits (`9 ** 9999999`, which Jinja would even fold while compiling),
or a loop of millions of turns. Every arithmetic operator that can grow a value is checked
before it runs, so is every method and filter that can (content/growth.py); `range` is short;
loop turns and calls share one budget per placeholder, with a time limit beside it; and
rendering stops as soon as the output is too long. Lists and mappings cannot be changed in
place (`x.append(x)` would double a list at each turn).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jinja2 import Template, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from factsheet.content.growth import (
    MAX_DIGITS,
    MAX_OUTPUT,
    MAX_RANGE,
    check_method,
    check_percent_format,
    guarded_filters,
    refuse_over,
    weight,
)

__all__ = ["MAX_OUTPUT", "MAX_RANGE", "MAX_STEPS", "LimitedSandbox", "render_limited"]

MAX_EXPONENT = 100
MAX_STEPS = 50_000
"""Loop turns and calls one placeholder may make: a sheet's text needs a few hundred."""
MAX_SECONDS = 2.0

_BUDGET = "budget of steps"  # not a name a template can write
_COUNTED = "counted turns"  # nor a filter's


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise SecurityError(
                f"refused: the template takes more than {MAX_STEPS:,} steps (loop turns and calls)"
            )
        if self.steps % 256 == 0 and time.monotonic() > self.deadline:
            raise SecurityError(f"refused: the template runs for more than {MAX_SECONDS:g} s")


def _budget(context: Context) -> _Budget:
    budget = context.get(_BUDGET)
    if not isinstance(budget, _Budget):
        budget = context.vars[_BUDGET] = _Budget()
    return budget


@pass_context
def _counted(context: Context, iterable: Iterable[Any]) -> Iterator[Any]:
    budget = _budget(context)
    for item in iterable:
        budget.spend()
        yield item


class _CountedLoops(CodeGenerator):
    """Compiles every `{% for %}` to draw its turns from the placeholder's budget."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _COUNTED, [], [], None, None, lineno=loop.lineno)
        super().visit_Template(node, frame)


class LimitedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**", "+", "//", "%"])
    code_generator_class = _CountedLoops

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _short_range
        self.globals.pop("lipsum", None)  # lipsum(999999) writes a million paragraphs
        self.filters.update(guarded_filters())
        self.filters[_COUNTED] = _counted

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _budget(context).spend()
        method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            args = check_method(owner, getattr(method, "__name__", ""), args)
        result = super().call(context, obj, *args, **kwargs)
        _check_size(result)
        return result

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if _is_number(right) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"refused: a power above {MAX_EXPONENT} ({right!r})")
        elif operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "%" and isinstance(left, str):
            check_percent_format(left)
        result = super().call_binop(context, operator, left, right)
        _check_size(result)
        return result


def render_limited(template: Template, context: Mapping[str, Any]) -> str:
    """The template's output, refused as soon as it passes MAX_OUTPUT characters."""
    parts: list[str] = []
    total = 0
    try:
        for chunk in template.generate(context):
            total += len(chunk)
            if total > MAX_OUTPUT:
                raise SecurityError(
                    f"refused: the filled-in text is over {MAX_OUTPUT:,} characters long"
                )
            parts.append(chunk)
    except RecursionError:
        raise SecurityError("refused: macros call each other too deeply") from None
    except MemoryError:
        raise SecurityError("refused: the template needs more memory than there is") from None
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
        refuse_over(weight(sequence) * times)
    elif (
        isinstance(sequence, int)
        and isinstance(times, int)
        and sequence.bit_length() + times.bit_length() > MAX_DIGITS * 3.33
    ):
        raise SecurityError(f"refused: a number of more than {MAX_DIGITS:,} digits")


def _check_size(result: Any) -> None:
    if isinstance(result, str | list | tuple | dict):
        refuse_over(weight(result))
    if isinstance(result, int) and result.bit_length() > MAX_DIGITS * 3.33:
        raise SecurityError(f"refused: a number of more than {MAX_DIGITS:,} digits")

"""Placeholders that only put a data value in, filled without running Jinja2.

Most of a series template's strings are text around `{{ column }}` or `{{ column | number }}`.
Jinja2 fills each one by building a context (a copy of the row and its globals) and running
the compiled template: most of a sheet's filling time. A Substitution is read from the same
parsed template and does what that compiled code does, in the same order: look each name up,
apply the filter, finalize (escape the markup characters) and join.

It fills only: anything else it meets (a missing name, a filter that raises, an output over
the sandbox's limit) makes it give up, and the sandboxed template fills the string instead,
so every error is the sandbox's own. A template is a Substitution only if it is made of
nothing but text, names and these filters: no attribute, item, call, operator or statement,
so the sandbox has nothing to guard in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Template, nodes
from jinja2.sandbox import SandboxedEnvironment

from factsheet.content.growth import MAX_OUTPUT
from factsheet.content.sandbox import render_limited

PLAIN_FILTERS = frozenset(["number", "percent", "slug"])
"""Our own filters: plain functions of the value and constant arguments."""

_Value = tuple[str, Callable[..., Any] | None, tuple[Any, ...]]
"""A name to look up, the filter to apply (or none) and the filter's further arguments."""


class Substitution:
    """A template of text and values, filled as its compiled code would fill it."""

    def __init__(self, pieces: list[str | _Value], finalize: Callable[[Any], Any]) -> None:
        self.pieces = pieces
        self.finalize = finalize

    def fill(self, context: Mapping[str, Any]) -> str | None:
        """The filled text, or None where the sandboxed template must say what went wrong."""
        parts: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, str):
                parts.append(piece)
                continue
            name, apply, arguments = piece
            if name not in context:
                return None  # a global, or undefined: the template's to resolve or refuse
            try:
                value = context[name] if apply is None else apply(context[name], *arguments)
                parts.append(str(self.finalize(value)))
            except Exception:  # the sandboxed template raises it again, as the problem
                return None
        filled = "".join(parts)
        return filled if len(filled) <= MAX_OUTPUT else None


def fill(template: Template, plain: Substitution | None, context: Mapping[str, Any]) -> str:
    """The template filled: by its Substitution where it has one that can, else in the
    sandbox (which raises what is wrong)."""
    filled = plain.fill(context) if plain is not None else None
    return render_limited(template, context) if filled is None else filled


def substitution(parsed: nodes.Template, environment: SandboxedEnvironment) -> Substitution | None:
    """The template as a Substitution, or None if it holds anything more than text and values.

    parsed must be the tree as parsed: Jinja2's optimizer, run by any code generation (even
    jinja2.meta's), folds constant expressions in place, and an argument is taken here only
    if it was written as a constant.
    """
    finalize = environment.finalize
    if finalize is None or _passes_more(finalize) or environment.autoescape is not False:
        return None  # compiled code would wrap values otherwise: leave it to Jinja2
    pieces: list[str | _Value] = []
    for output in parsed.body:
        if not isinstance(output, nodes.Output):
            return None
        for node in output.nodes:
            piece = _piece(node, environment)
            if piece is None:
                return None
            pieces.append(piece)
    return Substitution(pieces, finalize)


def _piece(node: nodes.Node, environment: SandboxedEnvironment) -> str | _Value | None:
    if isinstance(node, nodes.TemplateData):
        return str(node.data)
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return (node.name, None, ())
    if (
        isinstance(node, nodes.Filter)
        and node.name in PLAIN_FILTERS
        and isinstance(node.node, nodes.Name)
        and node.node.ctx == "load"
        and not (node.kwargs or node.dyn_args or node.dyn_kwargs)
    ):
        constants = [argument for argument in node.args if isinstance(argument, nodes.Const)]
        apply = environment.filters.get(node.name)
        if len(constants) < len(node.args) or apply is None or _passes_more(apply):
            return None
        return (node.node.name, apply, tuple(constant.value for constant in constants))
    return None


def _passes_more(function: Callable[..., Any]) -> bool:
    """Whether Jinja2 passes the function its context or environment too (pass_context...)."""
    return getattr(function, "jinja_pass_arg", None) is not None

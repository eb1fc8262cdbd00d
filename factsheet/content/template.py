"""Templates: Jinja2 placeholders in a content file's strings, filled from one data row.

The YAML is parsed first and every string is rendered on its own, in a sandbox with strict
undefined variables, so a data value can never change the file's structure, run code, or
(being escaped) add inline markup.

Jinja2 and Babel are imported only when a file holds a placeholder or a condition: a plain
content file never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from factsheet.content.naming import slug
from factsheet.content.numbers import NotANumber
from factsheet.content.placeholders import collect_placeholders
from factsheet.content.yamlsource import FieldPath

if TYPE_CHECKING:
    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment

_MARKUP_CHARACTERS = re.compile(r"([\\*\[\]])")


ROW = "row"
"""The placeholder that holds the whole data row, for columns named with spaces."""


class TemplateProblem(Exception):
    """A placeholder or condition is wrong; the message says why, in the user's terms."""

    def __init__(self, message: str, path: FieldPath = ()) -> None:
        super().__init__(message)
        self.path = path


def _render_errors() -> tuple[type[Exception], ...]:
    """What filling a placeholder or testing a condition may raise for a bad value: reported
    against the field and row, never a traceback."""
    from jinja2 import TemplateError

    return (TemplateError, TemplateProblem, NotANumber, ArithmeticError, TypeError, ValueError)


def escape_markup(value: object) -> str:
    """A data value as literal text: its *, [, ] and \\ can never become markup."""
    return _MARKUP_CHARACTERS.sub(r"\\\1", str(value))


def make_environment(lang: str) -> SandboxedEnvironment:
    """A sandboxed Jinja2 environment whose number filters follow the sheet's language."""
    from jinja2 import StrictUndefined

    from factsheet.content.numberfilters import number_filters
    from factsheet.content.sandbox import LimitedSandbox

    environment = LimitedSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape_markup,
        keep_trailing_newline=False,
    )
    environment.filters.update(number_filters(lang), slug=slug)
    return environment


class TemplateStrings:
    """Every string of a content document that holds a placeholder, compiled once."""

    def __init__(self, data: Any, lang: str) -> None:
        self.compiled: dict[FieldPath, Any] = {}
        self.conditions: dict[FieldPath, Any] = {}
        self.substitutions: dict[FieldPath, Any] = {}  # text and values alone: no Jinja2 run
        self.variables: set[str] = set()
        """Data columns the placeholders and conditions need (a defaulted one is optional)."""
        found: list[tuple[FieldPath, str]] = []
        collect_placeholders(data, (), found)
        if not found:
            return
        self.environment = make_environment(lang)
        for path, source in found:  # in file order, so the first problem is the first reported
            if path[-1:] == ("when",):
                self.conditions[path] = self._compile_condition(source, path)
            else:
                self.compiled[path] = self._compile(source, path)

    @property
    def is_template(self) -> bool:
        return bool(self.compiled or self.conditions)

    def _compile(self, source: str, path: FieldPath) -> Any:
        from jinja2 import TemplateSyntaxError

        from factsheet.content.substitution import substitution

        try:
            parsed = self.environment.parse(source)
            if (plain := substitution(parsed, self.environment)) is not None:
                self.substitutions[path] = plain
            self._check(parsed, path)  # after: finding names folds constants in the tree
            return self.environment.from_string(source)
        except TemplateSyntaxError as error:
            raise TemplateProblem(f"template syntax error: {error.message}", path) from None

    def _compile_condition(self, source: str, path: FieldPath) -> Any:
        from jinja2 import TemplateSyntaxError

        try:
            self._check(self.environment.parse("{{ " + source + " }}"), path)
            return self.environment.compile_expression(source, undefined_to_none=False)
        except TemplateSyntaxError as error:
            raise TemplateProblem(f"condition syntax error: {error.message}", path) from None

    def _check(self, parsed: nodes.Template, path: FieldPath) -> None:
        """Refuse private attributes up front: they only serve to escape the sandbox."""
        from jinja2 import nodes

        for node in parsed.find_all((nodes.Getattr, nodes.Getitem)):
            name = node.attr if isinstance(node, nodes.Getattr) else getattr(node, "arg", None)
            name = getattr(name, "value", name)
            if isinstance(name, str) and name.startswith("_"):
                raise TemplateProblem(
                    f"refused: templates may not use '{name}' (private attributes are not allowed)",
                    path,
                )
        self.variables |= _names(parsed)

    def fill(self, data: Any, row: Mapping[str, Any]) -> tuple[Any, list[tuple[FieldPath, str]]]:
        """The data with every placeholder filled and every false `when` left out.

        Returns the filled data and the problems found, each with the field it belongs to.
        """
        problems: list[tuple[FieldPath, str]] = []
        # One context for every placeholder of the row: each render copies it into its own
        # Jinja context, and the sandbox cannot change it in place.
        filled = self._fill(data, (), row_context(dict(row)), problems)
        return filled, problems

    def _fill(
        self,
        value: Any,
        path: FieldPath,
        context: dict[str, Any],
        problems: list[tuple[FieldPath, str]],
    ) -> Any:
        if isinstance(value, dict):
            return {
                key: self._fill(item, (*path, key), context, problems)
                for key, item in value.items()
                if key != "when"
            }
        if isinstance(value, list):
            kept: list[Any] = []
            for index, item in enumerate(value):
                condition = self.conditions.get((*path, index, "when"))
                if condition is not None and not self._holds(
                    condition, (*path, index), context, problems
                ):
                    kept.append(None)  # left out, but later items keep their index
                    continue
                kept.append(self._fill(item, (*path, index), context, problems))
            return kept
        template = self.compiled.get(path)
        if template is None:
            return value
        try:
            from factsheet.content.substitution import fill

            filled = fill(template, self.substitutions.get(path), context)
        except _render_errors() as error:
            problems.append((path, _explain(error)))
            return value
        if not filled.strip() and (empty := _empty_cells(value, context[ROW])):
            problems.append((path, f"{empty} is empty, which leaves this text empty"))
        return filled

    def _holds(
        self,
        condition: Any,
        path: FieldPath,
        context: dict[str, Any],
        problems: list[tuple[FieldPath, str]],
    ) -> bool:
        try:
            return bool(condition(**context))
        except _render_errors() as error:
            problems.append(((*path, "when"), _explain(error)))
            return False


@lru_cache(maxsize=1024)  # every row of a series asks it of the same columns, text by text
def simple_name(column: str) -> str:
    """The placeholder name of a column: "Median income" -> Median_income (documented)."""
    return re.sub(r"\W+", "_", column).strip("_")


def row_context(row: Mapping[str, Any]) -> dict[str, Any]:
    """What placeholders see: each column by its simple name, and `row["Any name"]`."""
    context: dict[str, Any] = {}
    taken: dict[str, int] = {}
    for name in map(simple_name, row):
        taken[name] = taken.get(name, 0) + 1
    for column, value in row.items():
        name = simple_name(column)
        if name.isidentifier() and taken[name] == 1:
            context[name] = value
    context.update({k: v for k, v in row.items() if k.isidentifier()})
    context[ROW] = dict(row)
    return context


def provided_names(columns: set[str]) -> set[str]:
    """The placeholder names a table with these columns fills."""
    return set(row_context(dict.fromkeys(columns, ""))) - {ROW}


def _names(parsed: nodes.Template) -> set[str]:
    """Data columns the template needs: every name read, less those only given a default.

    `row["Median income"]` needs the column "Median income"; `row` alone needs nothing.
    """
    from jinja2 import meta, nodes
    from jinja2.defaults import DEFAULT_NAMESPACE

    defaulted = {
        id(node.node)
        for node in parsed.find_all(nodes.Filter)
        if node.name in ("default", "d") and isinstance(node.node, nodes.Name | nodes.Getitem)
    }
    # Loop variables, `set` names and the sandbox's own globals (range, loop...) are no columns.
    undeclared = meta.find_undeclared_variables(parsed) - set(DEFAULT_NAMESPACE)
    names = {
        node.name
        for node in parsed.find_all(nodes.Name)
        if node.ctx == "load"
        and id(node) not in defaulted
        and node.name != ROW
        and node.name in undeclared
    }
    for item in parsed.find_all(nodes.Getitem):
        if (
            isinstance(item.node, nodes.Name)
            and item.node.name == ROW
            and isinstance(item.arg, nodes.Const)
            and isinstance(item.arg.value, str)
            and id(item) not in defaulted
        ):
            names.add(f"{ROW}[{item.arg.value!r}]")
    return names


def _empty_cells(source: str, row: Mapping[str, Any]) -> str:
    """Where the empty data cell is that a placeholder in source names ("" if none)."""
    for column, cell in row.items():
        where = getattr(cell, "where", "")
        named = column in source or simple_name(column) in source
        if where and named and not str(cell).strip():
            return str(where)
    return ""


def _explain(error: Exception) -> str:
    message = str(error)
    match = re.match(r"'(\w+)' is undefined", message)
    if match:
        return f"no value for '{match.group(1)}' (missing data column?)"
    match = re.match(r"'dict object' has no attribute '(.+)'$", message)
    if match:
        return f"no column '{match.group(1)}' in the data"
    if "unsafe" in message or "access to attribute" in message:
        return f"refused by the template sandbox: {message}"
    return message

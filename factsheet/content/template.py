"""Templates: Jinja2 placeholders in a content file's strings, filled from one data row.

The YAML is parsed first and every string is rendered on its own, in a sandbox with strict
undefined variables, so a data value can never change the file's structure, run code, or
(being escaped) add inline markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from factsheet.content.yamlsource import FieldPath

_MARKUP_CHARACTERS = re.compile(r"([\\*\[\]])")


class TemplateProblem(Exception):
    """A placeholder or condition is wrong; the message says why, in the user's terms."""

    def __init__(self, message: str, path: FieldPath = ()) -> None:
        super().__init__(message)
        self.path = path


# What filling a placeholder or testing a condition may raise for a bad value: reported
# against the field and row, never a traceback.
_RENDER_ERRORS = (TemplateError, TemplateProblem, ArithmeticError, TypeError, ValueError)


def escape_markup(value: object) -> str:
    """A data value as literal text: its *, [, ] and \\ can never become markup."""
    return _MARKUP_CHARACTERS.sub(r"\\\1", str(value))


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise TemplateProblem(f"{value!r} is not a number")
    text = str(value).strip().replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise TemplateProblem(f"{str(value)!r} is not a number") from None


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_US")


def make_environment(lang: str) -> SandboxedEnvironment:
    """A sandboxed Jinja2 environment whose number filters follow the sheet's language."""
    locale = _locale(lang)

    def number(value: object, decimals: int | None = None) -> str:
        amount = _decimal(value)
        if decimals is None:
            return format_decimal(amount, locale=locale, decimal_quantization=False)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(amount, format=pattern, locale=locale)

    def percent(value: object, decimals: int = 0) -> str:
        # The value is a percentage (19 -> 19%), as data tables usually hold it.
        return number(value, decimals) + "%"

    environment = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape_markup,
        keep_trailing_newline=False,
    )
    environment.filters.update(number=number, percent=percent, slug=slug)
    return environment


def slug(value: object) -> str:
    """File-name-safe lower-case ASCII: "Nuevo México Data" -> "nuevo-mexico-data"."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "sheet"


class TemplateStrings:
    """Every string of a content document that holds a placeholder, compiled once."""

    def __init__(self, data: Any, lang: str) -> None:
        self.environment = make_environment(lang)
        self.compiled: dict[FieldPath, Any] = {}
        self.conditions: dict[FieldPath, Any] = {}
        self.variables: set[str] = set()
        """Data columns the placeholders and conditions need (a defaulted one is optional)."""
        self._collect(data, ())

    @property
    def is_template(self) -> bool:
        return bool(self.compiled or self.conditions)

    def _collect(self, value: Any, path: FieldPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "when" and isinstance(item, str):
                    self.conditions[(*path, key)] = self._compile_condition(item, (*path, key))
                else:
                    self._collect(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._collect(item, (*path, index))
        elif isinstance(value, str) and ("{{" in value or "{%" in value or "{#" in value):
            self.compiled[path] = self._compile(value, path)

    def _compile(self, source: str, path: FieldPath) -> Any:
        try:
            self._check(self.environment.parse(source), path)
            return self.environment.from_string(source)
        except TemplateSyntaxError as error:
            raise TemplateProblem(f"template syntax error: {error.message}", path) from None

    def _compile_condition(self, source: str, path: FieldPath) -> Any:
        try:
            self._check(self.environment.parse("{{ " + source + " }}"), path)
            return self.environment.compile_expression(source, undefined_to_none=False)
        except TemplateSyntaxError as error:
            raise TemplateProblem(f"condition syntax error: {error.message}", path) from None

    def _check(self, parsed: nodes.Template, path: FieldPath) -> None:
        """Refuse private attributes up front: they only serve to escape the sandbox."""
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
        filled = self._fill(data, (), dict(row), problems)
        return filled, problems

    def _fill(
        self,
        value: Any,
        path: FieldPath,
        row: dict[str, Any],
        problems: list[tuple[FieldPath, str]],
    ) -> Any:
        if isinstance(value, dict):
            return {
                key: self._fill(item, (*path, key), row, problems)
                for key, item in value.items()
                if key != "when"
            }
        if isinstance(value, list):
            kept: list[Any] = []
            for index, item in enumerate(value):
                condition = self.conditions.get((*path, index, "when"))
                if condition is not None and not self._holds(
                    condition, (*path, index), row, problems
                ):
                    kept.append(None)  # left out, but later items keep their index
                    continue
                kept.append(self._fill(item, (*path, index), row, problems))
            return kept
        template = self.compiled.get(path)
        if template is None:
            return value
        try:
            return template.render(row)
        except _RENDER_ERRORS as error:
            problems.append((path, _explain(error)))
            return value

    def _holds(
        self,
        condition: Any,
        path: FieldPath,
        row: dict[str, Any],
        problems: list[tuple[FieldPath, str]],
    ) -> bool:
        try:
            return bool(condition(**row))
        except _RENDER_ERRORS as error:
            problems.append(((*path, "when"), _explain(error)))
            return False


def _names(parsed: nodes.Template) -> set[str]:
    """Data columns the template needs: every name read, less those only given a default."""
    defaulted = {
        id(node.node)
        for node in parsed.find_all(nodes.Filter)
        if node.name in ("default", "d") and isinstance(node.node, nodes.Name)
    }
    return {
        node.name
        for node in parsed.find_all(nodes.Name)
        if node.ctx == "load" and id(node) not in defaulted
    }


def _explain(error: Exception) -> str:
    message = str(error)
    match = re.match(r"'(\w+)' is undefined", message)
    if match:
        return f"no value for '{match.group(1)}' (missing data column?)"
    if "unsafe" in message or "access to attribute" in message:
        return f"refused by the template sandbox: {message}"
    return message

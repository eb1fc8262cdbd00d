"""Turn JSON Schema errors into located, plain-language problems.

jsonschema is imported only here, and only once a file has failed the fast check of
factsheet.content.conformance: it is needed to explain a problem, not to find that there is none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from factsheet.content.schema import FORMAT_VERSION
from factsheet.content.yamlhints import mapping_for_text_hint, number_for_text_hint, source_line
from factsheet.content.yamlsource import Document, FieldPath
from factsheet.errors import Problem

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_BLOCK_KINDS = "paragraph, table, list, map"

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "object": "a mapping (field: value)",
    "array": "a list",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def _whole_number(checker: Any, instance: object) -> bool:
    # JSON Schema counts 1.0 as an integer; YAML's 1.0 is a decimal, and would print as one.
    return isinstance(instance, int) and not isinstance(instance, bool)


def strict_validator(schema: dict[str, Any]) -> Any:
    """Draft 2020-12 where only a YAML integer is an integer (jsonschema loads only here)."""
    from jsonschema import Draft202012Validator, validators

    strict = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number),
    )
    return strict(schema)


def too_long(document: Document, path: FieldPath, length: int, limit: int) -> Problem:
    return document.problem(
        path,
        f"is {length:,} characters long; one text may have {limit:,} (a whole sheet holds fewer)",
        "shorten it, or split it into paragraphs and sections",
    )


def schema_problems(document: Document, schema: dict[str, Any]) -> list[Problem]:
    """Every schema violation in the document, sorted by position."""
    validator = strict_validator(schema)
    return sorted_unique([_problem(document, e) for e in validator.iter_errors(document.data)])


def sorted_unique(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line or 0, p.column or 0, p.field))


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the decimal number {value}"
    return f"text {value!r}" if len(str(value)) < 40 else "text"


def _problem(document: Document, error: ValidationError) -> Problem:
    path: FieldPath = tuple(error.absolute_path)
    # jsonschema types these as possibly "unset"; on a reported error they are always set.
    kind: Any = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    if kind == "required":
        match = re.match(r"'(.+)' is a required property", error.message)
        name = match.group(1) if match else str(expected)
        return document.problem(path, f"missing required field '{name}'")
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        if "paragraph" in allowed and not set(instance) & set(allowed):
            # A text with ": " read as a mapping: one message, the block's, with its hint.
            return _block_problem(document, path, instance)
        extra = sorted(set(instance) - set(allowed))
        name = extra[0] if extra else "?"
        import difflib

        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += "Allowed fields: " + ", ".join(allowed)
        return document.problem((*path, name), f"unknown field '{name}'", hint)
    if kind == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        hint = ""
        if "string" in names:
            line, column = document.locate(path)
            here = source_line(document.text, line)
            hint = mapping_for_text_hint(instance, here) or number_for_text_hint(
                instance, here, column
            )
        elif isinstance(instance, float):
            hint = 'quote it, e.g. "36.2", so it prints exactly as written'
        return document.problem(path, f"expected {wanted}, got {describe(instance)}", hint)
    if kind == "const" and path == ("factsheet",):
        return document.problem(
            path,
            f"unsupported format version {instance!r}",
            f"this version of factsheet reads format {FORMAT_VERSION}: "
            f"write 'factsheet: {FORMAT_VERSION}'",
        )
    if kind == "maxItems":
        what = "highlights" if path == ("highlights",) else "items"
        return document.problem(path, f"at most {expected} {what} allowed, got {len(instance)}")
    if kind == "minItems":
        return document.problem(path, f"needs at least {expected} item(s), got {len(instance)}")
    if kind == "minLength":
        return document.problem(path, "must not be empty")
    if kind == "oneOf" and isinstance(instance, dict):
        return _block_problem(document, path, instance)
    if kind == "pattern" and path[-1:] == ("qr",):
        return document.problem(path, f"{instance!r} is not an http or https address")
    if kind == "pattern" and path == ("lang",):
        return document.problem(
            path, f"{instance!r} is not a BCP 47 language tag", "write it like en-US or fr-FR"
        )
    return document.problem(path, error.message)


def _block_problem(document: Document, path: FieldPath, instance: dict[str, Any]) -> Problem:
    hint = ""
    if not set(_BLOCK_KINDS.split(", ")) & set(instance):
        hint = mapping_for_text_hint(instance, document.line_at(path))
    return document.problem(path, "a block mapping holds exactly one of: " + _BLOCK_KINDS, hint)

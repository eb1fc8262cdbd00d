"""A fast yes/no JSON Schema check for the small subset of keywords our schemas use.

Loading jsonschema costs more than building a whole sheet's layout, and almost every file
is valid. So a file is first checked here; only a file that fails is handed to jsonschema,
whose errors then explain what is wrong. The answer must equal jsonschema's
`is_valid` for every instance (the tests compare the two on thousands of generated files),
and a schema using any keyword not handled here is refused when it is compiled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only describe; they never make an instance invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "default"})
_HANDLED = _ANNOTATIONS | {
    "type",
    "enum",
    "const",
    "minLength",
    "pattern",
    "minimum",
    "maximum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "oneOf",
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    # As factsheet's validator: only a YAML integer is one (1.0 would print as a decimal).
    return isinstance(value, int) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def _equal(one: Any, two: Any) -> bool:
    """JSON equality: true and 1 differ, 1 and 1.0 do not, containers compare deeply."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict | list) or isinstance(two, dict | list):
        return False
    if _is_number(one) and _is_number(two):
        return bool(one == two)
    return type(one) is type(two) and bool(one == two)


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function answering "is this instance valid?", built once per schema."""
    unknown = set(schema) - _HANDLED
    if unknown:
        raise ValueError(f"the fast schema check does not handle {sorted(unknown)}")
    checks: list[Check] = []
    if "type" in schema:
        names = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
        tests = [_TYPES[name] for name in names]
        checks.append(lambda v: any(test(v) for test in tests))
    if "enum" in schema:
        options = schema["enum"]
        checks.append(lambda v: any(_equal(v, option) for option in options))
    if "const" in schema:
        constant = schema["const"]
        checks.append(lambda v: _equal(v, constant))
    checks += _string_checks(schema) + _number_checks(schema)
    checks += _object_checks(schema) + _array_checks(schema)
    if "oneOf" in schema:
        branches = [compile_schema(branch) for branch in schema["oneOf"]]
        checks.append(lambda v: sum(branch(v) for branch in branches) == 1)
    return lambda value: all(check(value) for check in checks)


def _string_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "minLength" in schema:
        least = schema["minLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) >= least)
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    return checks


def _number_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "minimum" in schema:
        low = schema["minimum"]
        checks.append(lambda v: not (_is_number(v) and v < low))
    if "maximum" in schema:
        high = schema["maximum"]
        checks.append(lambda v: not (_is_number(v) and v > high))
    return checks


def _object_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "required" in schema:
        names = list(schema["required"])
        checks.append(lambda v: not isinstance(v, dict) or all(n in v for n in names))
    properties = {name: compile_schema(s) for name, s in schema.get("properties", {}).items()}
    if properties:

        def properties_hold(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            return all(check(value[n]) for n, check in properties.items() if n in value)

        checks.append(properties_hold)
    if "additionalProperties" in schema:
        if schema["additionalProperties"] is not False:
            raise ValueError("the fast schema check handles additionalProperties: false only")
        allowed = frozenset(schema.get("properties", {}))
        checks.append(lambda v: not isinstance(v, dict) or all(k in allowed for k in v))
    return checks


def _array_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    prefix = [compile_schema(s) for s in schema.get("prefixItems", [])]
    if prefix:
        checks.append(
            lambda v: not isinstance(v, list) or all(c(i) for c, i in zip(prefix, v, strict=False))
        )
    if "items" in schema:
        # With prefixItems, items governs only the elements after the prefix.
        item, skip = compile_schema(schema["items"]), len(prefix)
        checks.append(lambda v: not isinstance(v, list) or all(item(i) for i in v[skip:]))
    if "minItems" in schema:
        least = schema["minItems"]
        checks.append(lambda v: not isinstance(v, list) or len(v) >= least)
    if "maxItems" in schema:
        most = schema["maxItems"]
        checks.append(lambda v: not isinstance(v, list) or len(v) <= most)
    return checks

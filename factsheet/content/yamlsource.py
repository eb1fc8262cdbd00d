"""Safe YAML reading that remembers the line and column of every value, for error messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct, field
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader

from factsheet.content.yamlhints import parse_hint, source_line
from factsheet.errors import Problem

MAX_BYTES = 2_000_000
# Far above any real sheet, far below what an alias "billion laughs" expands to.
MAX_VALUES = 50_000

FieldPath = tuple[str | int, ...]
_SURROGATE = re.compile("[\ud800-\udfff]")

# Plain data only: no Python objects, no binary, no sets or timestamps.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
}


def format_path(path: FieldPath) -> str:
    """sections[2].body[1] style, as users see it in the file."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class Document(Struct):
    """A parsed YAML file: plain data plus the position of every value and key in it."""

    file: Path
    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    """The file's text, for hints that quote the line a problem is on."""

    def locate(self, path: FieldPath) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at path, or of its nearest parent."""
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None, None
            path = path[:-1]

    def line_at(self, path: FieldPath) -> str:
        return source_line(self.text, self.locate(path)[0])

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        line, column = self.locate(path)
        return Problem(message, self.file, format_path(path), line, column, hint)


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_document(file: Path, raw: bytes | None = None) -> Document:
    """Read and parse file (or raw, its unsaved text); raise YamlProblem on any failure."""
    if raw is None:
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            raise YamlProblem(Problem("file not found", file)) from None
        except IsADirectoryError:
            raise YamlProblem(Problem("is a directory, not a YAML file", file)) from None
        except OSError as error:
            raise YamlProblem(Problem(f"cannot read file: {error.strerror}", file)) from None
    if len(raw) > MAX_BYTES:
        raise YamlProblem(Problem(f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}", file))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad_line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(
            Problem(
                f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})",
                file,
                line=bad_line,
                hint="save the file with UTF-8 encoding",
            )
        ) from None
    if not text.strip():
        raise YamlProblem(Problem("file is empty", file))
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        line, column, message, hint = parse_hint(error, text)
        raise YamlProblem(Problem(message, file, line=line, column=column, hint=hint)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Problem(f"malformed YAML: {error}", file)) from None
    if root is None:
        raise YamlProblem(Problem("file is empty", file))
    document = Document(file, None, text=text)
    converter = _Converter(document)
    document.data = converter.convert(root, ())
    return document


def _compose(text: str) -> Node | None:
    """The file's node tree, with the line and column of every node.

    libyaml's parser is about ten times faster than PyYAML's own. It accepts a few files that
    PyYAML refuses (tabs inside plain text, some control characters): those, and any file it
    cannot read, are parsed by PyYAML, whose messages the hints are written for.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and "\t" not in text and not Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


class _Converter:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.constructor = SafeConstructor()
        self.count = 0

    def convert(self, node: Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlProblem(
                self.document.problem(
                    path,
                    f"more than {MAX_VALUES:,} values; YAML aliases may be expanding without end",
                )
            )
        mark = node.start_mark
        self.document.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(
                self.document.problem(path, f"YAML tag {node.tag!r} is not allowed in this file")
            )
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        try:
            value = self.constructor.construct_object(node)
        except yaml.YAMLError as error:
            raise YamlProblem(self.document.problem(path, f"cannot read value: {error}")) from None
        except ValueError:  # Python refuses to read integers of more than 4,300 digits
            raise YamlProblem(
                self.document.problem(
                    path, f"a number of {len(node.value):,} digits is too long to be a figure"
                )
            ) from None
        surrogate = _SURROGATE.search(value) if isinstance(value, str) else None
        if surrogate is not None:
            raise YamlProblem(
                self.document.problem(
                    path,
                    f"holds a lone surrogate \\u{ord(surrogate.group()):04X}, "
                    "which is not a character",
                    hint="remove the \\u escape, or write the character itself",
                )
            )
        return value

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        self.constructor.flatten_mapping(node)
        result: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node, path) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                raise YamlProblem(
                    Problem(
                        f"field names must be text, got {key!r}",
                        self.document.file,
                        format_path(path),
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                    )
                )
            if key in result:
                raise YamlProblem(
                    Problem(
                        f"field {key!r} is given twice",
                        self.document.file,
                        format_path((*path, key)),
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        f"keep one of the two: delete this line or line {key_lines[key]}, "
                        "or rename one",
                    )
                )
            key_lines[key] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, (*path, key))
        return result

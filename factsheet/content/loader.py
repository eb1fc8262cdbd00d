"""Load a content file: YAML -> schema check -> semantic checks -> a frozen Sheet."""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from factsheet.content.conformance import compile_schema
from factsheet.content.markup import MarkupError, Span, parse
from factsheet.content.model import (
    Block,
    BulletList,
    Cell,
    Highlight,
    Paragraph,
    Section,
    Sheet,
    Table,
    Text,
    ThemeRef,
)
from factsheet.content.numerals import decimal_mark, format_integer, is_number_cell
from factsheet.content.refusals import located
from factsheet.content.schema import CONTENT_SCHEMA
from factsheet.content.scripts import nfc, right_to_left_refusal
from factsheet.content.template import TemplateProblem, TemplateStrings
from factsheet.content.validation import describe, schema_problems, sorted_unique, too_long
from factsheet.content.yamlhints import split_number_hint
from factsheet.content.yamlsource import (
    Document,
    FieldPath,
    YamlProblem,
    format_path,
    read_document,
)
from factsheet.errors import ContentError, Problem

_CONFORMS = compile_schema(CONTENT_SCHEMA)
MAX_TEXT = 20_000  # characters in one text: more than a page holds, and cheap to refuse


def load_content(file: str | PathLike[str], row: Mapping[str, Any] | None = None) -> Sheet:
    """Read, validate and convert a content file; raise ContentError listing every problem."""
    return ContentTemplate.read(Path(file)).sheet(row)


class ContentTemplate:
    """A content file read and schema-checked once, ready to make a Sheet for any data row.

    A file without placeholders is a template that needs no data.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        try:
            self.strings = TemplateStrings(document.data, document.data.get("lang", "en-US"))
        except TemplateProblem as error:
            raise ContentError(document.problem(error.path, str(error))) from None
        static = [("lang",), ("theme",), ("factsheet",)]
        templated = [path for path in static if path in self.strings.compiled]
        if templated:
            raise ContentError(
                [document.problem(path, "cannot hold a placeholder") for path in templated]
            )

    @classmethod
    def read(cls, file: Path, raw: bytes | None = None) -> ContentTemplate:
        """Read file, or take raw as its text (an editor's unsaved copy)."""
        try:
            document = read_document(file, raw)
        except YamlProblem as error:
            raise ContentError(error.problem) from None
        if not isinstance(document.data, dict):
            raise ContentError(
                document.problem(
                    (), f"the top level must be a mapping of fields, got {describe(document.data)}"
                )
            )
        problems = [] if _CONFORMS(document.data) else schema_problems(document, CONTENT_SCHEMA)
        if problems:
            raise ContentError(sorted_unique(problems))
        return cls(document)

    @property
    def theme(self) -> ThemeRef:
        return theme_ref(self.document)

    @property
    def variables(self) -> set[str]:
        """The data columns the template's placeholders and conditions name."""
        return self.strings.variables

    def plain_text(self, field: str, row: Mapping[str, Any]) -> str:
        """One top-level text field, filled and without markup (for naming files cheaply)."""
        value = self.document.data.get(field, "")
        filled, problems = self.strings.fill({field: value}, row)
        if problems:
            raise ContentError([located(self.document, p, m) for p, m in problems])
        try:
            return "".join(span.text for span in parse(filled[field]))
        except MarkupError as error:
            raise ContentError(self.document.problem((field,), str(error))) from None

    def sheet(self, row: Mapping[str, Any] | None = None) -> Sheet:
        """The Sheet for one data row (None: no data), or ContentError naming every problem."""
        data = self.document.data
        if self.strings.is_template:
            if row is None and self.strings.variables:
                names = ", ".join(sorted(self.strings.variables))
                raise ContentError(
                    self.document.problem(
                        (),
                        f"this content file is a template (it uses {names})",
                        "give it data: factsheet batch TEMPLATE DATA, or build --data FILE --row N",
                    )
                )
            data, filled_problems = self.strings.fill(data, row or {})
            if filled_problems:
                raise ContentError(
                    sorted_unique([located(self.document, p, m) for p, m in filled_problems])
                )
        builder = _SheetBuilder(self.document, data)
        sheet = builder.build()
        if builder.problems:
            raise ContentError(sorted_unique(builder.problems))
        return sheet


def theme_ref(document: Document) -> ThemeRef:
    line = document.locate(("theme",))[0] if "theme" in document.data else None
    return ThemeRef(document.data.get("theme", "default"), document.file, line)


class _SheetBuilder:
    """Turns schema-valid data into a Sheet, collecting semantic problems as it goes.

    Items a template's `when` left out are None, so that every field keeps the path it has
    in the file.
    """

    def __init__(self, document: Document, data: dict[str, Any]) -> None:
        self.document = document
        self.data: dict[str, Any] = nfc(data)
        self.problems: list[Problem] = []
        self.refused_right_to_left = False
        self.lang: str = data.get("lang", "en-US")

    def build(self) -> Sheet:
        data = self.data
        return Sheet(
            file=self.document.file,
            title=self.text(data["title"], ("title",)),
            subtitle=self.text(data["subtitle"], ("subtitle",)) if "subtitle" in data else None,
            lang=data.get("lang", "en-US"),
            theme=theme_ref(self.document),
            intro=tuple(
                Paragraph(self.text(p, ("intro", i))) for i, p in enumerate(data.get("intro", []))
            ),
            highlights=tuple(
                self.highlight(h, ("highlights", i)) for i, h in _kept(data.get("highlights", []))
            ),
            sections=self.sections(data["sections"]),
            source=self.text(data["source"], ("source",)) if "source" in data else None,
            organization=data.get("organization"),
            keywords=tuple(data.get("keywords", [])),
            qr=data.get("qr"),
        )

    def sections(self, data: list[Any]) -> tuple[Section, ...]:
        sections = tuple(self.section(s, ("sections", i)) for i, s in _kept(data))
        if not sections:
            self.problems.append(self.document.problem(("sections",), "every section was left out"))
        return sections

    def text(self, source: str, path: FieldPath) -> Text:
        line, _ = self.document.locate(path)
        field = format_path(path)
        if not source.strip():
            self.problems.append(self.document.problem(path, "is empty after filling in the data"))
        if len(source) > MAX_TEXT:
            self.problems.append(too_long(self.document, path, len(source), MAX_TEXT))
            source = source[:MAX_TEXT]
        refused = right_to_left_refusal(source)
        if refused and not self.refused_right_to_left:
            # Once is enough: the whole sheet is in that script, as a rule.
            self.refused_right_to_left = True
            self.problems.append(self.document.problem(path, *refused))
        try:
            spans = parse(source)
        except MarkupError as error:
            self.problems.append(self.document.problem(path, str(error)))
            spans = (Span(source),)
        return Text(source, spans, field, line)

    def literal(self, value: Cell, path: FieldPath) -> Text:
        """A value printed as written (no markup), integers with thousands separators."""
        shown = format_integer(value, self.lang) if isinstance(value, int) else value
        line, _ = self.document.locate(path)
        return Text(str(value), (Span(shown),), format_path(path), line)

    def highlight(self, data: dict[str, Any], path: FieldPath) -> Highlight:
        value = data["value"]
        value_text = (
            self.literal(value, (*path, "value"))
            if isinstance(value, int)
            else self.text(value, (*path, "value"))
        )
        return Highlight(value_text, self.text(data["label"], (*path, "label")))

    def section(self, data: dict[str, Any], path: FieldPath) -> Section:
        body = tuple(self.block(b, (*path, "body", i)) for i, b in _kept(data["body"]))
        if not body:
            self.problems.append(self.document.problem((*path, "body"), "every block was left out"))
        return Section(self.text(data["heading"], (*path, "heading")), body, format_path(path))

    def block(self, data: str | dict[str, Any], path: FieldPath) -> Block:
        if isinstance(data, str):
            return Paragraph(self.text(data, path))
        if "paragraph" in data:
            return Paragraph(self.text(data["paragraph"], (*path, "paragraph")))
        if "list" in data:
            items = data["list"]
            return BulletList(
                tuple(self.text(t, (*path, "list", i)) for i, t in enumerate(items)),
                format_path((*path, "list")),
            )
        if "map" in data:
            return self.map(data["map"], (*path, "map"))
        return self.table(data["table"], (*path, "table"))

    def map(self, data: dict[str, Any], path: FieldPath) -> Block:
        # The atlas and its geometry code, only for a sheet with a map.
        from factsheet.content.maps import build_map

        built = build_map(self.document, data, path, self.data.get("lang", "en-US"), self.problems)
        # A map that could not be built has added its problems, so the sheet is never made.
        return built or Paragraph(self.text(data["area"], (*path, "area")))

    def table(self, data: dict[str, Any], path: FieldPath) -> Table:
        columns = tuple(
            self.text(c, (*path, "columns", i)) for i, c in enumerate(data.get("columns", []))
        )
        width = len(columns) or len(data["rows"][0])
        rows = []
        for r, row in enumerate(data["rows"]):
            row_path = (*path, "rows", r)
            if len(row) != width:
                basis = "there are columns" if columns else "the first row has"
                split = len(row) > width
                hint = split_number_hint(self.document.line_at(row_path)) if split else ""
                self.problems.append(
                    self.document.problem(
                        row_path,
                        f"expected {width} cells, got {len(row)}",
                        hint or f"every row needs as many cells as {basis} ({width})",
                    )
                )
            rows.append(tuple(self.cell(v, (*row_path, c)) for c, v in enumerate(row)))
        numeric = frozenset(
            c
            for c in range(width)
            if all(c < len(row) and is_number_cell(row[c]) for row in data["rows"])
        )
        caption = self.text(data["caption"], (*path, "caption")) if "caption" in data else None
        chart = data.get("chart")
        if chart and (not numeric or len(numeric) == width):
            self.problems.append(
                self.document.problem(
                    (*path, "chart"),
                    "a chart needs one column of numbers and one column of labels",
                )
            )
        elif chart and any(str(row[min(numeric)]).lstrip().startswith("-") for row in data["rows"]):
            self.problems.append(
                self.document.problem((*path, "chart"), "a chart shows zero or positive numbers")
            )
        return Table(
            tuple(rows),
            columns,
            caption,
            numeric,
            chart,
            data.get("show_table", True),
            format_path(path),
            data.get("alt"),
            decimal_mark(self.lang),
        )

    def cell(self, value: Cell, path: FieldPath) -> Text:
        if isinstance(value, int):
            return self.literal(value, path)
        return self.text(value, path)


def _kept(items: list[Any]) -> list[tuple[int, Any]]:
    """Items with their index in the file, less those a template's `when` left out."""
    return [(index, item) for index, item in enumerate(items) if item is not None]

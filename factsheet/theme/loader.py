"""Brand: load a theme (built-in or file, with `extends:`) into a frozen Theme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factsheet.content.conformance import compile_schema
from factsheet.content.model import ThemeRef, theme_file
from factsheet.content.validation import schema_problems
from factsheet.content.yamlsource import Document, YamlProblem, read_document
from factsheet.errors import Problem, ThemeError
from factsheet.theme.contrast import tint_of
from factsheet.theme.fonts import FontFiles, bundled_fonts_dir, is_font_file
from factsheet.theme.model import (
    COLOR_NAMES,
    PAGE_SIZES,
    STYLES,
    Colors,
    Logo,
    Margins,
    Theme,
    parse_length,
)
from factsheet.theme.schema import THEME_SCHEMA

BUILTIN_DIR = Path(__file__).parent / "builtin"
BUNDLED_FONT_PREFIX = "@fonts/"
_CONFORMS = compile_schema(THEME_SCHEMA)


def builtin_theme_names() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))


def load_theme(ref: ThemeRef) -> Theme:
    """Resolve the content's theme reference and load it with everything it extends."""
    where = Problem("", ref.content_file, "theme", ref.line)
    path = ref.path or BUILTIN_DIR / f"{ref.name}.yaml"
    if not path.is_file():
        if ref.path is None:
            names = ", ".join(builtin_theme_names())
            message = f"unknown theme {ref.name!r}"
            hint = f"built-in themes: {names}; or give a path to a theme .yaml file"
        else:
            message, hint = (
                f"theme file not found: {path}",
                "paths are relative to the content file",
            )
        raise ThemeError(_at(where, message, hint))
    merged: dict[str, Any] = {}
    for layer in _layers(path, where, seen=()):
        _merge_into(merged, layer)
    return _build(merged, path)


def theme_sources(ref: ThemeRef) -> list[Path]:
    """Every file the theme is made of (its file, what it extends, fonts, logo), best effort.

    For watching: a broken file ends the walk instead of raising; the build reports it.
    """
    files: list[Path] = []
    path: Path | None = ref.path or BUILTIN_DIR / f"{ref.name}.yaml"
    while path is not None and path not in files:
        files.append(path)
        try:
            document = read_document(path)
        except YamlProblem:
            break
        data = document.data if isinstance(document.data, dict) else {}
        named = [*dict(data.get("fonts") or {}).values(), dict(data.get("logo") or {}).get("file")]
        files += [_file_path(value, path.parent) for value in named if isinstance(value, str)]
        parent = data.get("extends")
        path = _parent_path(parent, path) if isinstance(parent, str) else None
    return files


def _at(where: Problem, message: str, hint: str = "") -> Problem:
    return Problem(message, where.file, where.field, where.line, where.column, hint)


def _layers(path: Path, where: Problem, seen: tuple[Path, ...]) -> list[dict[str, Any]]:
    """The theme at path and its ancestors, base first, with file paths made absolute."""
    if path in seen:
        chain = " -> ".join(p.name for p in (*seen, path))
        raise ThemeError(_at(where, f"themes extend each other in a loop: {chain}"))
    try:
        document = read_document(path)
    except YamlProblem as error:
        raise ThemeError(error.problem) from None
    if not isinstance(document.data, dict):
        raise ThemeError(document.problem((), "a theme must be a mapping of fields"))
    problems = [] if _CONFORMS(document.data) else schema_problems(document, THEME_SCHEMA)
    if problems:
        raise ThemeError(problems)
    data = _resolve_files(document)
    parent = data.pop("extends", None)
    if parent is None:
        return [data]
    parent_path = _parent_path(parent, path)
    if not parent_path.is_file():
        raise ThemeError(
            document.problem(
                ("extends",),
                f"cannot extend {parent!r}: no such built-in theme or file",
                "built-in themes: " + ", ".join(builtin_theme_names()),
            )
        )
    at_extends = document.problem(("extends",), "")
    return [*_layers(parent_path, at_extends, (*seen, path)), data]


def _parent_path(parent: str, child: Path) -> Path:
    return theme_file(parent, child) or BUILTIN_DIR / f"{parent}.yaml"


def _resolve_files(document: Document) -> dict[str, Any]:
    data: dict[str, Any] = dict(document.data)
    base = document.file.parent
    fonts = dict(data.get("fonts", {}))
    if "scripts" in fonts:
        fonts["scripts"] = {
            key: [_font_reference(value, base) for value in chain]
            for key, chain in fonts["scripts"].items()
        }
    for style, value in fonts.items():
        if style == "scripts":
            continue
        fonts[style] = _file_path(value, base)
        if not fonts[style].is_file():
            raise ThemeError(document.problem(("fonts", style), f"font file not found: {value}"))
    if fonts:
        data["fonts"] = fonts
    if "logo" in data:
        logo = dict(data["logo"])
        logo["file"] = _file_path(logo["file"], base)
        if not logo["file"].is_file():
            raise ThemeError(
                document.problem(("logo", "file"), f"logo file not found: {data['logo']['file']}")
            )
        if logo["file"].suffix.lower() not in (".png", ".svg", ".jpg", ".jpeg"):
            raise ThemeError(
                document.problem(("logo", "file"), "a logo must be a PNG, JPEG or SVG file")
            )
        data["logo"] = logo
    data["_file"] = document.file
    return data


def _file_path(value: str, base: Path) -> Path:
    if value.startswith(BUNDLED_FONT_PREFIX):
        return bundled_fonts_dir() / value[len(BUNDLED_FONT_PREFIX) :]
    return (base / value).resolve()


def _font_reference(value: str, base: Path) -> str:
    """A fallback font: a file (made absolute) or a family name left for fontconfig."""
    if is_font_file(value):
        return str(_file_path(value, base))
    return value


def _merge_into(target: dict[str, Any], layer: dict[str, Any]) -> None:
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_into(target[key], value)
        else:
            target[key] = dict(value) if isinstance(value, dict) else value


def _build(data: dict[str, Any], file: Path) -> Theme:
    missing = [
        f"{group}.{name}"
        for group, names in (("colors", COLOR_NAMES), ("fonts", STYLES))
        for name in names
        if name not in data.get(group, {}) and (group, name) != ("colors", "tint")
    ]
    if missing:
        raise ThemeError(
            Problem(
                "theme is incomplete: missing " + ", ".join(missing),
                file,
                hint="add them, or start the theme with 'extends: default'",
            )
        )
    page = data.get("page", {})
    margins = page.get("margins", "0.5in")
    if not isinstance(margins, dict):
        margins = dict.fromkeys(("top", "right", "bottom", "left"), margins)
    size_name = page.get("size", "letter")
    type_sizes = data.get("type", {})
    body = float(type_sizes.get("body", 9.5))
    minimum = float(type_sizes.get("minimum", 8))
    maximum = float(type_sizes.get("maximum", max(13.0, body)))
    if minimum > body:
        raise ThemeError(
            Problem(f"type.minimum ({minimum}) is larger than type.body ({body})", file, "type")
        )
    if maximum < body:
        raise ThemeError(
            Problem(f"type.maximum ({maximum}) is smaller than type.body ({body})", file, "type")
        )
    colors = dict(data["colors"])
    colors.setdefault("tint", tint_of(colors["primary"]))
    logo = data.get("logo")
    return Theme(
        name=file.stem,
        page_size_name=size_name,
        page_size=PAGE_SIZES[size_name],
        margins=Margins(
            **{side: parse_length(margins.get(side, "0.5in")) for side in Margins.__annotations__}
        ),
        colors=Colors(**{name: colors[name] for name in COLOR_NAMES}),
        fonts=FontFiles(
            **{style: data["fonts"][style] for style in STYLES},
            scripts=tuple(
                (key, tuple(chain)) for key, chain in data["fonts"].get("scripts", {}).items()
            ),
        ),
        body_size=body,
        minimum_size=minimum,
        maximum_size=maximum,
        organization=data.get("organization", ""),
        footer=data.get("footer", ""),
        logo=Logo(logo["file"], logo["alt"]) if logo else None,
        file=file,
        qr=data.get("qr"),
        cmyk={
            data["colors"][name]: tuple(v / 100 for v in values)
            for name, values in data.get("cmyk", {}).items()
        },
    )

"""A map block: places checked against the atlas, values split into classes, legend as text.

The classes, legend and description are made here, from the content alone, so that layout
draws them and verification expects them from one source.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from factsheet.content.markup import Span
from factsheet.content.model import ChoroplethMap, MapValue, Text
from factsheet.content.phrases import phrases
from factsheet.content.yamlsource import Document, FieldPath, format_path
from factsheet.errors import Problem
from factsheet.geo.atlas import Atlas, find_state, is_united_states, load_counties, load_states

DEFAULT_CLASSES = 5


def build_map(
    document: Document, data: dict[str, Any], path: FieldPath, lang: str, problems: list[Problem]
) -> ChoroplethMap | None:
    """The map, or None with the problems added when the area or its places are wrong."""
    atlas = _atlas(document, data, path, problems)
    if atlas is None:
        return None
    values: list[MapValue] = []
    seen: dict[str, int] = {}
    decimals = 0
    for index, (place_text, raw) in enumerate(data["values"]):
        row_path = (*path, "values", index)
        place = atlas.find(place_text)
        if place is None:
            import difflib  # only to suggest a place name for a misspelt one

            near = difflib.get_close_matches(place_text, [p.name for p in atlas.places], 1, 0.6)
            where = atlas.area if atlas.level == "county" else "the United States"
            problems.append(
                document.problem(
                    (*row_path, 0),
                    f"no {atlas.level} {place_text!r} in {where}",
                    f"did you mean {near[0]!r}?" if near else "give the name or FIPS code",
                )
            )
            continue
        if place.fips in seen:
            problems.append(
                document.problem(
                    (*row_path, 0),
                    f"{place.name} is given twice (also in row {seen[place.fips] + 1})",
                    "keep one value per place",
                )
            )
            continue
        seen[place.fips] = index
        number = _number(raw)
        if number is None:
            problems.append(
                document.problem(
                    (*row_path, 1),
                    f"{raw!r} is not a number",
                    "write the value as a plain number, e.g. 41.2",
                )
            )
            continue
        decimals = max(decimals, _decimals(raw))
        values.append(MapValue(place.fips, place.name, number, ""))
    if not values:
        return None
    breaks = _breaks(
        data.get("classes", DEFAULT_CLASSES),
        [v.value for v in values],
        decimals,
        document,
        path,
        problems,
    )
    locale = _locale(lang)  # parsed once: every value and legend edge is formatted with it
    shown = [MapValue(v.fips, v.name, v.value, _format(v.value, decimals, locale)) for v in values]
    return _assemble(atlas, data, path, document, lang, shown, breaks, decimals, locale)


def _assemble(
    atlas: Atlas,
    data: dict[str, Any],
    path: FieldPath,
    document: Document,
    lang: str,
    values: list[MapValue],
    breaks: tuple[float, ...],
    decimals: int,
    locale: Any,
) -> ChoroplethMap:
    words, _ = phrases(lang)
    line, _ = document.locate(path)
    field = format_path(path)

    def generated(text: str, name: str) -> Text:
        return Text(text, (Span(text),), f"{field}.{name}", line)

    low, high = min(v.value for v in values), max(v.value for v in values)
    edges = [low, *breaks, high]
    ranges = [
        f"{_format(a, decimals, locale)}\u2013{_format(b, decimals, locale)}"
        for a, b in itertools.pairwise(edges)
    ]
    legend = tuple(generated(r, f"legend[{i}]") for i, r in enumerate(ranges))
    missing_count = len(atlas.places) - len(values)
    missing = generated(data.get("missing", "No data"), "missing") if missing_count else None
    ranked = sorted(values, key=lambda v: (-v.value, v.name))
    top_count = data.get("labels", 0)
    top = None
    if top_count:
        named = "; ".join(f"{v.name} {v.shown}" for v in ranked[:top_count])
        top = generated(f"{words['top']}: {named}", "top")
    caption = None
    if "caption" in data:
        caption = Text(
            data["caption"],
            (Span(data["caption"]),),
            f"{field}.caption",
            document.locate((*path, "caption"))[0],
        )
    return ChoroplethMap(
        area=atlas.area if atlas.level == "county" else "US",
        area_name=atlas.area_name,
        level=atlas.level,
        values=tuple(values),
        breaks=breaks,
        legend=legend,
        missing=missing,
        missing_count=missing_count,
        top=top,
        caption=caption,
        alt=data.get("alt") or describe(atlas, values, ranges, missing_count, lang),
        words_lang=phrases(lang)[1],
        field=field,
        atlas=atlas,
    )


def describe(
    atlas: Atlas, values: list[MapValue], ranges: list[str], missing_count: int, lang: str
) -> str:
    words, _ = phrases(lang)
    ranked = sorted(values, key=lambda v: (-v.value, v.name))
    area = words["US"] if atlas.level == "state" else atlas.area_name
    text = words["alt"].format(
        area=area,
        level=words[atlas.level],
        classes=len(ranges),
        low_range=ranges[0],
        high_range=ranges[-1],
        high=", ".join(f"{v.name} {v.shown}" for v in ranked[:3]),
        low=", ".join(f"{v.name} {v.shown}" for v in ranked[::-1][:3]),
    )
    if missing_count:
        text += words["missing"].format(missing=missing_count, total=len(atlas.places))
    return text


def _atlas(
    document: Document, data: dict[str, Any], path: FieldPath, problems: list[Problem]
) -> Atlas | None:
    area = data["area"]
    level = data.get("level")
    if is_united_states(area):
        if level == "county":
            problems.append(
                document.problem(
                    (*path, "level"),
                    "a US map shows states",
                    "use level: state, or name one state as the area",
                )
            )
            return None
        return load_states()
    state = find_state(area)
    if state is None:
        import difflib  # only to suggest a state name for a misspelt one

        names = [p.name for p in load_states().places]
        near = difflib.get_close_matches(area, names, 1, 0.6)
        problems.append(
            document.problem(
                (*path, "area"),
                f"no state {area!r}",
                f"did you mean {near[0]!r}?"
                if near
                else 'a state name or postal code, or "United States"',
            )
        )
        return None
    if level == "state":
        problems.append(
            document.problem(
                (*path, "level"),
                "a state's map shows its counties",
                'use level: county, or area: "United States"',
            )
        )
        return None
    atlas = load_counties(state.code)
    return Atlas(state.code, atlas.level, atlas.size, atlas.places, atlas.source, state.name)


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw) if math.isfinite(raw) else None
    try:
        number = float(str(raw).replace(",", "").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _decimals(raw: Any) -> int:
    text = repr(raw) if isinstance(raw, float) else str(raw)
    return len(text.split(".")[1]) if "." in text else 0


def _breaks(
    classes: Any,
    values: list[float],
    decimals: int,
    document: Document,
    path: FieldPath,
    problems: list[Problem],
) -> tuple[float, ...]:
    low, high = min(values), max(values)
    if isinstance(classes, list):
        if classes != sorted(set(classes)):
            problems.append(
                document.problem(
                    (*path, "classes"), "breaks must rise", "list each break once, lowest first"
                )
            )
        return tuple(b for b in sorted(set(classes)) if low < b <= high)
    ordered = sorted(values)
    breaks: list[float] = []
    # No more classes than distinct values: two values make two shades, not five.
    for index in range(1, min(classes, len(set(values)))):
        position = index * (len(ordered) - 1) / classes
        below, share = int(position), position - int(position)
        above = ordered[min(below + 1, len(ordered) - 1)]
        rounded = _nice(ordered[below] + share * (above - ordered[below]), decimals)
        if low < rounded <= high and rounded not in breaks:
            breaks.append(rounded)
    return tuple(breaks)


def _nice(value: float, decimals: int) -> float:
    """Two significant digits, never finer than the data: legends read 10-20, not 9.87-20.13."""
    if value == 0:
        return 0.0
    digits = max(-decimals, math.floor(math.log10(abs(value))) - 1)
    return float(round(round(value / 10.0**digits) * 10.0**digits, max(decimals, 0)))


def _locale(lang: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _format(value: float, decimals: int, locale: Any) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    formatted: str = format_decimal(value, format=pattern, locale=locale)
    return formatted

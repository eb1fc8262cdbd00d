"""Words factsheet writes itself (descriptions, legends), in the sheet's language."""
# ruff: noqa: RUF001

from __future__ import annotations

# Generated words, per language (the sheet's `lang`); other languages get English, marked so.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "alt": "Map of {area} by {level}, shaded in {classes} classes from {low_range} to "
        "{high_range}. Highest: {high}. Lowest: {low}.",
        "missing": " {missing} of {total} have no data.",
        "county": "county",
        "state": "state",
        "US": "the United States",
        "top": "Highest",
    },
    "es": {
        "alt": "Mapa de {area} por {level}, en {classes} clases de {low_range} a "
        "{high_range}. Valores más altos: {high}. Más bajos: {low}.",
        "missing": " {missing} de {total} sin datos.",
        "county": "condado",
        "state": "estado",
        "US": "Estados Unidos",
        "top": "Valores más altos",
    },
    "fr": {
        "alt": "Carte de {area} par {level}, en {classes} classes de {low_range} à "
        "{high_range}. Valeurs les plus élevées : {high}. Les plus basses : {low}.",
        "missing": " {missing} sur {total} sans données.",
        "county": "comté",
        "state": "État",
        "US": "États-Unis",
        "top": "Valeurs les plus élevées",
    },
    "de": {
        "alt": "Karte von {area} nach {level}, in {classes} Klassen von {low_range} bis "
        "{high_range}. Höchste Werte: {high}. Niedrigste: {low}.",
        "missing": " {missing} von {total} ohne Daten.",
        "county": "County",
        "state": "Bundesstaat",
        "US": "Vereinigte Staaten",
        "top": "Höchste Werte",
    },
    "pt": {
        "alt": "Mapa de {area} por {level}, em {classes} classes de {low_range} a "
        "{high_range}. Valores mais altos: {high}. Mais baixos: {low}.",
        "missing": " {missing} de {total} sem dados.",
        "county": "condado",
        "state": "estado",
        "US": "Estados Unidos",
        "top": "Valores mais altos",
    },
    "vi": {
        "alt": "Bản đồ {area} theo {level}, chia {classes} nhóm từ {low_range} đến "
        "{high_range}. Cao nhất: {high}. Thấp nhất: {low}.",
        "missing": " {missing} trên {total} không có dữ liệu.",
        "county": "quận",
        "state": "tiểu bang",
        "US": "Hoa Kỳ",
        "top": "Cao nhất",
    },
    "zh": {
        "alt": "{area}按{level}划分的地图，分为{classes}级，从{low_range}到{high_range}。"
        "最高：{high}。最低：{low}。",
        "missing": "{total}个中有{missing}个没有数据。",
        "county": "县",
        "state": "州",
        "US": "美国",
        "top": "最高",
    },
}


def phrases(lang: str) -> tuple[dict[str, str], str]:
    """The generated words for a sheet's language, and the language they are written in."""
    base = lang.split("-")[0].lower()
    return (PHRASES[base], lang) if base in PHRASES else (PHRASES["en"], "en")

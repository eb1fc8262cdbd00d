"""Words the sheet writes itself (chart descriptions, QR code description), per language.

Generated text is written in the sheet's language when it is one of these; otherwise it is
English, and the tagged element says so with its own /Lang.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    lang: str
    bar_chart: str
    column_chart: str
    qr_code: str
    """The QR code's description; {address} is where it leads."""
    continued: str
    by: str = "{kind} of {value} by {label}"
    """A chart's kind and what it plots, from the table's column names."""


WORDS = {
    "en": Words(
        "en",
        "Bar chart",
        "Column chart",
        "QR code linking to {address}",
        "(continued)",
    ),
    "es": Words(
        "es",
        "Gráfico de barras",
        "Gráfico de columnas",
        "Código QR que enlaza con {address}",
        "(continuación)",
        "{kind} de {value} por {label}",
    ),
    "fr": Words(
        "fr",
        "Graphique à barres",
        "Histogramme",
        "Code QR menant à {address}",
        "(suite)",
        "{kind} : {value} par {label}",
    ),
    "de": Words(
        "de",
        "Balkendiagramm",
        "Säulendiagramm",
        "QR-Code mit Link zu {address}",
        "(Fortsetzung)",
        "{kind}: {value} nach {label}",
    ),
    "pt": Words(
        "pt",
        "Gráfico de barras",
        "Gráfico de colunas",
        "Código QR com link para {address}",
        "(continuação)",
        "{kind} de {value} por {label}",
    ),
    "vi": Words(
        "vi",
        "Biểu đồ thanh",
        "Biểu đồ cột",
        "Mã QR dẫn đến {address}",
        "(tiếp theo)",
        "{kind} {value} theo {label}",
    ),
    "zh": Words(
        "zh",
        "条形图",
        "柱形图",
        "指向 {address} 的二维码",
        "\uff08\u7eed\uff09",
        "{kind}\uff1a\u6309{label}\u7684{value}",
    ),
}


def words_for(lang: str) -> Words:
    """The words for a language tag ("es-MX" uses "es"); English when there are none."""
    return WORDS.get(lang.split("-")[0].lower(), WORDS["en"])

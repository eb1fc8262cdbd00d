"""Words the sheet writes itself (chart descriptions, QR code description), per language.

Generated text is written in the sheet's language when it is one of these; otherwise it is
English, and the tagged element says so with its own /Lang.
"""

from __future__ import annotations

from msgspec import Struct


class Words(Struct, frozen=True):
    lang: str
    bar_chart: str
    column_chart: str
    qr_code: str
    """The QR code's description; {address} is where it leads."""
    continued: str
    by: str
    """A chart's kind and what it plots, from the table's column names."""
    extremes: str
    """A chart's highest and lowest bars, said when its table (every value) is read beside it."""
    in_table: str
    """Where the listener finds every value of a chart drawn beside its table."""
    stop: str = ". "
    """What ends a sentence and starts the next."""


WORDS = {
    "en": Words(
        lang="en",
        bar_chart="Bar chart",
        column_chart="Column chart",
        qr_code="QR code linking to {address}",
        continued="(continued)",
        by="{kind} of {value} by {label}",
        extremes="highest: {top} ({top_value}); lowest: {low} ({low_value})",
        in_table="Every value is in the table.",
    ),
    "es": Words(
        lang="es",
        bar_chart="Gráfico de barras",
        column_chart="Gráfico de columnas",
        qr_code="Código QR que enlaza con {address}",
        continued="(continuación)",
        by="{kind} de {value} por {label}",
        extremes="máximo: {top} ({top_value}); mínimo: {low} ({low_value})",
        in_table="Todos los valores están en la tabla.",
    ),
    "fr": Words(
        lang="fr",
        bar_chart="Graphique à barres",
        column_chart="Histogramme",
        qr_code="Code QR menant à {address}",
        continued="(suite)",
        by="{kind} : {value} par {label}",
        extremes="maximum : {top} ({top_value}) ; minimum : {low} ({low_value})",
        in_table="Toutes les valeurs figurent dans le tableau.",
    ),
    "de": Words(
        lang="de",
        bar_chart="Balkendiagramm",
        column_chart="Säulendiagramm",
        qr_code="QR-Code mit Link zu {address}",
        continued="(Fortsetzung)",
        by="{kind}: {value} nach {label}",
        extremes="höchster Wert: {top} ({top_value}); niedrigster Wert: {low} ({low_value})",
        in_table="Alle Werte stehen in der Tabelle.",
    ),
    "pt": Words(
        lang="pt",
        bar_chart="Gráfico de barras",
        column_chart="Gráfico de colunas",
        qr_code="Código QR com link para {address}",
        continued="(continuação)",
        by="{kind} de {value} por {label}",
        extremes="máximo: {top} ({top_value}); mínimo: {low} ({low_value})",
        in_table="Todos os valores estão na tabela.",
    ),
    "vi": Words(
        lang="vi",
        bar_chart="Biểu đồ thanh",
        column_chart="Biểu đồ cột",
        qr_code="Mã QR dẫn đến {address}",
        continued="(tiếp theo)",
        by="{kind} {value} theo {label}",
        extremes="cao nhất: {top} ({top_value}); thấp nhất: {low} ({low_value})",
        in_table="Mọi giá trị đều có trong bảng.",
    ),
    "zh": Words(
        lang="zh",
        bar_chart="条形图",
        column_chart="柱形图",
        qr_code="指向 {address} 的二维码",
        continued="（续）",
        by="{kind}：按{label}的{value}",
        extremes="最高：{top}（{top_value}）；最低：{low}（{low_value}）",
        in_table="所有数值见表格。",
        stop="。",
    ),
    "ja": Words(
        lang="ja",
        bar_chart="横棒グラフ",
        column_chart="縦棒グラフ",
        qr_code="{address} へのリンクのQRコード",
        continued="（続き）",
        by="{kind}：{label}別の{value}",
        extremes="最大：{top}（{top_value}）、最小：{low}（{low_value}）",
        in_table="すべての値は表にあります。",
        stop="。",
    ),
    "ko": Words(
        lang="ko",
        bar_chart="가로 막대 그래프",
        column_chart="세로 막대 그래프",
        qr_code="{address}(으)로 연결되는 QR 코드",
        continued="(계속)",
        by="{label}별 {value} {kind}",
        extremes="가장 높은 값: {top}({top_value}), 가장 낮은 값: {low}({low_value})",
        in_table="모든 값은 표에 있습니다.",
    ),
    "hi": Words(
        lang="hi",
        bar_chart="बार चार्ट",
        column_chart="कॉलम चार्ट",
        qr_code="{address} से जुड़ा क्यूआर कोड",
        continued="(जारी)",
        by="{label} के अनुसार {value} का {kind}",
        extremes="सबसे अधिक: {top} ({top_value}); सबसे कम: {low} ({low_value})",
        in_table="सभी मान तालिका में हैं।",
        stop="। ",
    ),
}


def words_for(lang: str) -> Words:
    """The words for a language tag ("es-MX" uses "es"); English when there are none."""
    return WORDS.get(lang.split("-")[0].lower(), WORDS["en"])

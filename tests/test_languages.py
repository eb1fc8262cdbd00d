"""Sheets in other languages and scripts: fonts by script, line breaking, verified read-back."""

from __future__ import annotations

import io
import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import page as page_validation
import pikepdf
import pytest
from conftest import DATA, ROOT, Run, example_sheet, page_text
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from factsheet.content.loader import load_content
from factsheet.layout.linebreak import NO_END, NO_START, break_allowed, break_lines
from factsheet.theme.fontconfig import find_family
from factsheet.verify.figures import sheet_figures
from factsheet.verify.layout_quality import page_quality
from factsheet.verify.readback import join_runs, text_runs

EXAMPLES = ROOT / "examples"
SHEETS = {
    "chinese-simplified": "zh-Hans",
    "vietnamese": "vi-VN",
    "korean": "ko-KR",
    "hindi": "hi-IN",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, float]]:
    from factsheet.cli.main import main

    folder = tmp_path_factory.mktemp("languages")
    made: dict[str, tuple[Path, float]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        for name in SHEETS:
            output = folder / f"{name}.pdf"
            start = time.perf_counter()
            assert main(["build", str(EXAMPLES / f"{name}.yaml"), "-o", str(output)]) == 0
            made[name] = (output, time.perf_counter() - start)
    return made


def compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def read_back(pdf: Path) -> str:
    """The page's text as factsheet's verification reads it (ActualText honoured)."""
    return join_runs(text_runs(PdfReader(pdf).pages[0], colors=False))


@pytest.mark.parametrize("name", list(SHEETS))
def test_example_reads_back_as_its_content(name: str, built: dict[str, tuple[Path, float]]) -> None:
    pdf, _ = built[name]
    sheet = load_content(EXAMPLES / f"{name}.yaml")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    shown = compact(read_back(pdf))
    for text in sheet.texts():
        assert compact(text.plain) in shown, text.field
    # Every figure of the content is on the page, and there are plenty of them to prove.
    figures = sheet_figures(sheet)
    assert len(figures) >= 25
    assert str(reader.trailer["/Root"]["/Lang"]) == SHEETS[name]


@pytest.mark.parametrize("name", list(SHEETS))
def test_example_passes_the_pdf_ua_checker(name: str, built: dict[str, tuple[Path, float]]) -> None:
    report = page_validation.validate_pdf(
        built[name][0], profile=page_validation.ValidationProfile.PDF_UA_1
    )
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    assert report.is_compliant


def test_fonts_are_embedded_subsets_chosen_by_script(built: dict[str, tuple[Path, float]]) -> None:
    expected = {
        "chinese-simplified": "DroidSansFallback",
        "korean": "NanumGothic",
        "vietnamese": "Carlito",
        "hindi": "Lohit-Devanagari",
    }
    for name, family in expected.items():
        with pikepdf.open(built[name][0]) as document:
            fonts = [
                str(font.BaseFont)
                for font in document.pages[0].Resources.Font.values()
                if "/BaseFont" in font
            ]
        assert any(family in font for font in fonts), (name, fonts)
        # Subset names carry a six-letter tag: only the glyphs used are embedded.
        assert all(re.match(r"^/[A-Z]{6}\+", font) for font in fonts), fonts
    # A whole CJK font is megabytes; the subset keeps the Chinese sheet small.
    assert built["chinese-simplified"][0].stat().st_size < 150_000


def test_vietnamese_in_decomposed_form_is_set_and_read_back_composed(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    decomposed = unicodedata.normalize("NFD", "Dữ liệu Bang Ví dụ năm 2031: 7.890 cuộc gọi")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    content = write_sheet(example_sheet(lang="vi-VN", title=decomposed))
    output = tmp_path / "vi.pdf"
    assert run_cli("build", content, "-o", output).code == 0
    assert "Dữ liệu Bang Ví dụ năm 2031: 7.890 cuộc gọi" in page_text(output)


def test_integers_are_grouped_as_the_language_writes_them(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    table = {"columns": ["Loại", "Số"], "chart": "bar", "rows": [["Gọi", 7890], ["Nhắn", 950]]}
    sections = [{"heading": "Ví dụ", "body": [{"table": table}]}]
    content = write_sheet(example_sheet(lang="vi-VN", sections=sections))
    output = tmp_path / "vi.pdf"
    assert run_cli("build", content, "-o", output).code == 0
    text = page_text(output)
    assert "7.890" in text and "7,890" not in text


def test_korean_breaks_only_at_spaces(built: dict[str, tuple[Path, float]]) -> None:
    sheet = load_content(EXAMPLES / "korean.yaml")
    words = {word for text in sheet.texts() for word in text.plain.split()}
    for line in page_text(built["korean"][0]).splitlines():
        for word in line.split():
            if re.search(r"[\uac00-\ud7af]", word):
                assert any(word in whole for whole in words), word
    # Ideographic breaking would leave lines ending mid-word: every line ends a word.
    first_words = {text.plain.split()[0] for text in sheet.texts()}
    assert first_words


def test_chinese_lines_never_start_with_closing_punctuation(
    built: dict[str, tuple[Path, float]],
) -> None:
    lines = [line.strip() for line in page_text(built["chinese-simplified"][0]).splitlines()]
    assert all(line[:1] not in NO_START for line in lines if line), lines
    assert all(line[-1:] not in NO_END for line in lines if line), lines
    assert "，" in "".join(lines)  # noqa: RUF001 (the sheet does hold full-width commas)


ideographs = st.sampled_from(list("示例社区服务网络热线年月日数据家庭学校"))
punctuation = st.sampled_from(list("，。、；：？！）」』】》（「『【《"))  # noqa: RUF001
pieces = st.one_of(ideographs, punctuation, st.sampled_from(["1,234", "56.7%", "2031", "ab"]))


@given(st.lists(pieces, min_size=1, max_size=80), st.integers(min_value=3, max_value=20))
def test_ideographic_breaks_follow_the_rules(parts: list[str], per_line: int) -> None:
    text = "".join(parts)
    lines = break_lines(text, [1.0] * len(text), [float(per_line)])
    assert "".join(text[start:end] for start, end, _ in lines) == text
    for start, _end, _ in lines[1:]:
        assert text[start] not in NO_START, (text, lines)
    for start, end, used in lines[:-1]:
        if not break_allowed(text[end - 1], text[end]):
            # Cut without an allowed break only where the line had none to take.
            assert not any(break_allowed(text[q - 1], text[q]) for q in range(start + 1, end))
        assert used <= per_line or all(char in NO_START for char in text[start + per_line : end])


def test_fontconfig_finds_installed_fonts_by_name() -> None:
    droid = find_family("Droid Sans Fallback")
    assert droid is not None and droid.regular.path.suffix == ".ttf"
    nanum = find_family("NanumGothic")
    assert nanum is not None and nanum.bold is not None
    assert find_family("Example Font That Is Not Installed") is None


def test_a_script_without_a_font_names_the_install_command(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    theme = str(DATA / "themes" / "no-han-font.yaml")
    content = write_sheet(example_sheet(title="示例网络", theme=theme))
    output = tmp_path / "zh.pdf"
    result = run_cli("build", content, "-o", output)
    assert result.code == 2
    assert "title: no font for Chinese/Japanese (Han, kana) text is installed: '例'" in result.err
    assert "hint: install one with: sudo apt-get install fonts-droid-fallback" in result.err
    assert "Traceback" not in result.err
    assert not output.exists()


def test_right_to_left_is_refused_before_anything_is_drawn(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    # Persian, with a figure that stock ReportLab would print reversed.
    persian = "در سال 2031، 95.3٪ از تماس‌ها پاسخ داده شد."  # noqa: RUF001
    content = write_sheet(example_sheet(intro=[persian]))
    output = tmp_path / "fa.pdf"
    result = run_cli("build", content, "-o", output)
    assert result.code == 2
    assert "intro[0]: right-to-left scripts (Arabic) are not supported yet" in result.err
    assert not output.exists()


def test_sheet_sizes_and_times_are_reported(built: dict[str, tuple[Path, float]]) -> None:
    for pdf, seconds in built.values():
        data = pdf.read_bytes()
        assert len(PdfReader(io.BytesIO(data)).pages) == 1
        print(f"{pdf.name}: {len(data) / 1024:.0f} KiB, {seconds:.2f} s")


def test_hindi_reads_back_through_actual_text(built: dict[str, tuple[Path, float]]) -> None:
    pdf = built["hindi"][0]
    # Glyph by glyph, conjuncts and reordered vowel signs do not read as the words...
    assert "सामुदायिक" not in page_text(pdf)
    # ...so each shaped word says what it reads as, and verification reads that.
    with pikepdf.open(pdf) as document:
        stream = document.pages[0].Contents.read_bytes()
    assert stream.count(b"/ActualText") > 50
    assert "उदाहरण सामुदायिक सहायता नेटवर्क" in read_back(pdf)


def test_latin_words_in_shaped_text_are_never_shaped(
    write_sheet: Callable[..., Path], run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    # Shaped with Carlito, "office" would take the ffi ligature and read back as "oﬃce".
    content = write_sheet(example_sheet(lang="hi-IN", title="उदाहरण office नेटवर्क"))
    output = tmp_path / "hi.pdf"
    assert run_cli("build", content, "-o", output).code == 0
    assert "उदाहरण office नेटवर्क" in read_back(output)
    assert "office" in page_text(output)


def _text_by_render_mode(pdf: Path) -> dict[int, str]:
    """The page's Chinese text, by the text render mode it is drawn in (0 fill, 2 fill+stroke),
    with the line width each stroked run is drawn with."""
    drawn: dict[int, str] = {0: "", 2: ""}
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        maps = {
            str(name): {
                int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                for code, text in re.findall(
                    rb"<([0-9A-F]{2})> <([0-9A-F]{4,})>", font.ToUnicode.read_bytes()
                )
            }
            for name, font in page.Resources.Font.items()
        }
        mode, width, depth, font = 0, 1.0, 0, {}
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name == "Tr":
                mode = int(operands[0])
                assert mode in (0, 2)
                if mode == 2:
                    assert width > 0.2  # visibly heavier, about a bold's weight
            elif name == "w":
                width = float(operands[0])
            elif name == "q":
                depth += 1
            elif name == "Q":
                depth -= 1
                mode = 0  # what a reader restores: the test below checks each paragraph does
            elif name == "Tf":
                font = maps.get(str(operands[0]), {})
            elif name == "Tj":
                drawn[mode] += "".join(font.get(b, "") for b in bytes(operands[0]))
    return drawn


def test_chinese_bold_is_drawn_bold_with_the_one_font(
    built: dict[str, tuple[Path, float]],
) -> None:
    """DroidSansFallback has no bold: bold runs are its glyphs filled and stroked."""
    pdf = built["chinese-simplified"][0]
    drawn = _text_by_render_mode(pdf)
    # The author's bold statistics and the headings are heavy; the sentences around them not.
    # (Their figures are in the Latin bold, which is a real bold: 312 is drawn filled.)
    assert compact("示例州共有名专业人员完成了培训") in compact(drawn[2])
    assert compact("热线服务") in compact(drawn[2])
    assert compact("我们为教师、社工和医护人员举办免费的培训课程") in compact(drawn[0])
    assert compact("我们为教师") not in compact(drawn[2])
    with pikepdf.open(pdf) as document:
        content = document.pages[0].Contents.read_bytes()
        fonts = document.pages[0].Resources.Font.items()
        droid = {str(key).split("+")[0] for key, f in fonts if "DroidSans" in str(f.BaseFont)}
    # One embedded font (in ReportLab's subsets of 256 glyphs: /F1+0, /F1+1) serves both weights.
    assert len(droid) == 1
    # Every stroked text object is put back to fill-only before anything else is drawn.
    assert content.count(b"2 Tr") >= 3
    for block in re.findall(rb"q\n[^Q]*?2 Tr.*?ET\nQ", content, re.S):
        assert block.rfind(b"2 Tr") < block.rfind(b"ET")


def test_lines_broken_between_ideographs_are_not_broken_words(
    built: dict[str, tuple[Path, float]],
) -> None:
    # Chinese lines break between ideographs: the layout check must not count those breaks
    # as words cut without a hyphen (two clauses of this sheet end a line so).
    pdf, _ = built["chinese-simplified"]
    sheet = load_content(EXAMPLES / "chinese-simplified.yaml")
    quality = page_quality(PdfReader(pdf).pages[0], sheet)
    assert quality is not None
    assert quality.broken_words == 0


def test_a_shaped_sheet_is_the_same_bytes_in_every_process(tmp_path: Path) -> None:
    """Shaped glyphs get their private-use code points in the order words are first shaped:
    that order must not follow Python's per-process string hashing."""
    import os
    import subprocess
    import sys

    made = []
    for seed in ("1", "2"):
        output = tmp_path / f"hindi-{seed}.pdf"
        environment = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
        command = [sys.executable, "-m", "factsheet", "build", str(EXAMPLES / "hindi.yaml")]
        subprocess.run([*command, "-o", str(output)], env=environment, check=True, timeout=120)
        made.append(output.read_bytes())
    assert made[0] == made[1]

"""check, verify and preview treat every PDF as hostile: a located finding, never a traceback."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from tests.conftest import Run, example_sheet

Change = Callable[[pikepdf.Pdf], None]


def _page(pdf: pikepdf.Pdf) -> Any:
    return pdf.pages[0].obj


def _set(target: Callable[[pikepdf.Pdf], Any], key: str, value: object) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        target(pdf)[key] = value

    return change


def _root(pdf: pikepdf.Pdf) -> Any:
    return pdf.Root


def _each_font(value: Callable[[], object]) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        fonts = _page(pdf).Resources.Font
        for key in list(fonts.keys()):
            fonts[key] = value()

    return change


def _each_link(key: str, value: object) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        for annotation in _page(pdf).get("/Annots", []):
            annotation[key] = value

    return change


def _type0(**entries: object) -> Callable[[], object]:
    return lambda: Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/X"), **entries)


DAMAGE: dict[str, Change] = {
    "annots-number": _set(_page, "/Annots", 5),
    "action-array": _each_link("/A", Array([1, 2])),
    "action-next-string": _each_link(
        "/A", Dictionary(S=Name.URI, URI=String("https://example.org"), Next=String("x"))
    ),
    "mediabox-two-numbers": _set(_page, "/MediaBox", Array([0, 0])),
    "mediabox-zero": _set(_page, "/MediaBox", Array([0, 0, 0, 0])),
    "mediabox-1e30": _set(_page, "/MediaBox", Array([0, 0, 1e30, 1e30])),
    "trimbox-string": _set(_page, "/TrimBox", String("x")),
    "font-array": _set(lambda pdf: _page(pdf).Resources, "/Font", Array([1, 2])),
    "font-number": _each_font(lambda: 7),
    "type0-no-descendants": _each_font(_type0()),
    "type0-empty-descendants": _each_font(_type0(DescendantFonts=Array([]))),
    "resources-number": _set(_page, "/Resources", 5),
    "contents-number": _set(_page, "/Contents", 5),
    "structtreeroot-number": _set(_root, "/StructTreeRoot", 3),
    "names-number": _set(_root, "/Names", 3),
    "names-javascript-number": _set(_root, "/Names", Dictionary(JavaScript=4)),
    "viewerpreferences-array": _set(_root, "/ViewerPreferences", Array([1])),
    "markinfo-array": _set(_root, "/MarkInfo", Array([1])),
    "metadata-number": _set(_root, "/Metadata", 5),
    "acroform-fields-number": _set(_root, "/AcroForm", Dictionary(Fields=9)),
    "openaction-number": _set(_root, "/OpenAction", 9),
}


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    import yaml

    from factsheet.cli.main import main

    folder = tmp_path_factory.mktemp("damaged")
    content = folder / "sheet.yaml"
    content.write_text(yaml.safe_dump(example_sheet(qr="https://example.org")), encoding="utf-8")
    assert main(["build", str(content), "-o", str(folder / "sheet.pdf")]) == 0
    return content, (folder / "sheet.pdf").read_bytes()


def _damaged(pdf: bytes, change: Change) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        change(document)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def _assert_clean(result: Run, allowed: tuple[int, ...]) -> None:
    assert result.code in allowed, (result.code, result.out, result.err)
    assert "Traceback" not in result.err + result.out


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_check_verify_and_preview_survive_damage(
    damage: str,
    sheet_pdf: tuple[Path, bytes],
    tmp_path: Path,
    run_cli: Callable[..., Run],
) -> None:
    content, good = sheet_pdf
    pdf = tmp_path / "damaged.pdf"
    pdf.write_bytes(_damaged(good, DAMAGE[damage]))
    _assert_clean(run_cli("check", pdf, "--json"), (0, 1))
    _assert_clean(run_cli("verify", content, pdf), (0, 1))
    _assert_clean(run_cli("preview", pdf, "-o", tmp_path / "page.png", "--width", "100"), (0, 1, 2))


def _raw_pdf(page_extra: bytes) -> bytes:
    """A one-page PDF with a correct cross-reference table and page_extra in its page."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + page_extra + b" >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.mark.parametrize(
    ("damage", "finding"),
    [
        ("font-array", "page 1: /Font resources are an array, not a dictionary of fonts"),
        ("font-number", "page 1: font /F1+0 is a number (7), not a font dictionary"),
    ],
)
def test_a_font_that_is_not_a_dictionary_fails_the_fonts_check(
    damage: str,
    finding: str,
    sheet_pdf: tuple[Path, bytes],
    tmp_path: Path,
    run_cli: Callable[..., Run],
) -> None:
    pdf = tmp_path / "damaged.pdf"
    pdf.write_bytes(_damaged(sheet_pdf[1], DAMAGE[damage]))
    result = run_cli("check", pdf)
    _assert_clean(result, (1,))
    assert f"FAIL  fonts: {finding}" in result.out, result.out


@pytest.mark.parametrize("key", [b"/Annots", b"/AA", b"/Resources"])
def test_a_50000_deep_array_is_a_finding_not_a_recursion_error(
    key: bytes, sheet_pdf: tuple[Path, bytes], tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    pdf = tmp_path / "deep.pdf"
    pdf.write_bytes(_raw_pdf(key + b" " + b"[" * 50_000 + b"]" * 50_000))
    result = run_cli("check", pdf)
    _assert_clean(result, (1,))
    assert "FAIL" in result.out
    _assert_clean(run_cli("verify", sheet_pdf[0], pdf), (1,))
    _assert_clean(run_cli("preview", pdf, "-o", tmp_path / "page.png", "--width", "100"), (0, 2))


def test_an_owner_password_aes256_pdf_is_read(
    sheet_pdf: tuple[Path, bytes], tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    content, good = sheet_pdf
    pdf = tmp_path / "locked.pdf"
    with pikepdf.open(io.BytesIO(good)) as document:
        document.save(pdf, encryption=pikepdf.Encryption(owner="example-owner", user="", R=6))
    result = run_cli("verify", content, pdf)
    assert result.code == 0, result.err
    assert "verification passed" in result.out
    result = run_cli("check", pdf)
    assert "readable" not in result.out and "PASS  pages: 1 page" in result.out


def test_a_user_password_pdf_is_a_clear_finding(
    sheet_pdf: tuple[Path, bytes], tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    pdf = tmp_path / "locked.pdf"
    with pikepdf.open(io.BytesIO(sheet_pdf[1])) as document:
        document.save(pdf, encryption=pikepdf.Encryption(owner="o", user="example-user", R=6))
    result = run_cli("check", pdf)
    assert result.code == 1 and "needs a password" in result.out


@pytest.mark.parametrize(
    "box",
    [
        "[0 0 0 0]",
        "[0 0 1000000000000000000000000000000 1000000000000000000000000000000]",
        "[0 0 612 -792]",
    ],
)
def test_preview_of_a_page_with_no_usable_size_is_exit_2(
    box: str, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    pdf = tmp_path / "odd.pdf"
    pdf.write_bytes(_raw_pdf(b"").replace(b"[0 0 612 792]", box.encode()))
    result = run_cli("preview", pdf, "-o", tmp_path / "page.png")
    assert result.code == 2 and "not a page size" in result.err, result.err
    assert not (tmp_path / "page.png").exists()

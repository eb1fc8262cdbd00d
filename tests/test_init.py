"""`factsheet init`: a starter folder that builds a verified sheet straight away."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Run, page_text
from pypdf import PdfReader


def test_init_then_build_gives_a_verified_sheet(
    tmp_path: Path, run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "mysheets")
    assert result.code == 0, result.err
    project = tmp_path / "mysheets"
    assert "wrote mysheets/output/sheet.pdf: 1 page" in result.out
    assert "next: cd mysheets && factsheet build sheet.yaml" in result.out
    sheet = (project / "sheet.yaml").read_text(encoding="utf-8")
    assert sheet.startswith("# yaml-language-server: $schema=schema/content.json\n")
    content = yaml.safe_load(sheet)
    kinds = {
        next(iter(block)) if isinstance(block, dict) else "text"
        for section in content["sections"]
        for block in section["body"]
    }
    assert kinds == {"text", "list", "table", "map", "paragraph"}
    assert any(
        "chart" in b.get("table", {})
        for s in content["sections"]
        for b in s["body"]
        if isinstance(b, dict)
    )
    theme = yaml.safe_load((project / "theme.yaml").read_text(encoding="utf-8"))
    assert theme["extends"] == "default"
    for name in ("schema/content.json", "schema/theme.json", "README.md", "factsheet.toml"):
        assert (project / name).is_file(), name
    assert (project / "schema" / "content.json").read_text(encoding="utf-8") == (
        ROOT / "docs" / "content-schema.json"
    ).read_text(encoding="utf-8")

    monkeypatch.chdir(project)
    built = run_cli("build", "sheet.yaml")
    assert built.code == 0, built.err
    text = " ".join(page_text(project / "output" / "sheet.pdf").split())
    assert "Example Community Network" in text and "1,234" in text

    series = run_cli("batch", "series/template.yaml", "series/data.csv", "-o", "series-out")
    assert series.code == 0, series.err
    assert sorted(p.name for p in (project / "series-out").iterdir()) == [
        "example-state-data-2031.pdf",
        "sample-territory-data-2031.pdf",
    ]


def test_flags_set_the_organisation_colours_page_and_language(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    project = tmp_path / "fr"
    result = run_cli(
        "init",
        project,
        "--organization",
        'Réseau "Exemple" *R&D*',
        "--primary",
        "#00695C",
        "--accent",
        "#FFB300",
        "--page-size",
        "a4",
        "--lang",
        "fr-FR",
    )
    assert result.code == 0, result.err
    theme = yaml.safe_load((project / "theme.yaml").read_text(encoding="utf-8"))
    assert theme["organization"] == 'Réseau "Exemple" *R&D*'
    assert theme["colors"] == {"primary": "#00695C", "accent": "#FFB300"}
    assert theme["page"]["size"] == "a4"
    assert yaml.safe_load((project / "sheet.yaml").read_text(encoding="utf-8"))["lang"] == "fr-FR"
    reader = PdfReader(project / "output" / "sheet.pdf")
    assert round(float(reader.pages[0].mediabox.width)) == 595
    assert 'Réseau "Exemple" *R&D*' in page_text(project / "output" / "sheet.pdf")


def test_init_never_overwrites(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "theme.yaml").write_text("mine\n", encoding="utf-8")
    result = run_cli("init", project, "--no-build")
    assert result.code == 2
    assert "already holds theme.yaml; nothing was written" in result.err
    assert [p.name for p in project.iterdir()] == ["theme.yaml"]
    assert (project / "theme.yaml").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--primary", "blue"], "--primary: 'blue' is not a colour"),
        (["--lang", "english"], "--lang: 'english' is not a language tag"),
        (["--organization", "two\nlines"], "--organization must be a name on one line"),
        (["--example", "nowhere"], "--example: no gallery sheet named 'nowhere'"),
    ],
)
def test_bad_flags_are_refused_before_writing(
    args: list[str], message: str, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    result = run_cli("init", tmp_path / "p", *args)
    assert result.code == 2
    assert message in result.err
    assert not (tmp_path / "p").exists()


def test_start_from_a_gallery_example(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    gallery = [
        p
        for p in sorted((ROOT / "examples").glob("*.yaml"))
        if "factsheet" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})
        and "theme" not in yaml.safe_load(p.read_text(encoding="utf-8"))
    ]
    assert gallery, "the gallery is empty"
    name = gallery[0].stem
    result = run_cli("init", tmp_path / "p", "--example", name, "--no-build")
    assert result.code == 0, result.err
    sheet = (tmp_path / "p" / "sheet.yaml").read_text(encoding="utf-8")
    assert sheet.startswith("# yaml-language-server: $schema=schema/content.json\n")
    assert sheet.count("yaml-language-server") == 1
    original = yaml.safe_load(gallery[0].read_text(encoding="utf-8"))
    copied = yaml.safe_load(sheet)
    assert copied["theme"] == "theme.yaml"
    assert {k: v for k, v in copied.items() if k != "theme"} == {
        k: v for k, v in original.items() if k != "theme"
    }

"""How the PDF's streams are written: Flate alone, set per document, not process-wide."""

from __future__ import annotations

import io
import types
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest
from conftest import DATA, example_sheet
from reportlab import rl_config

from factsheet.pipeline import build_sheet


def test_streams_are_flate_only_and_reportlab_settings_untouched(
    write_sheet: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # ReportLab's own default stays ASCII85 over Flate for anyone else in the process: the
    # sheet still comes out Flate alone, and no ReportLab setting is written to get there.
    written: list[str] = []

    class Watched(types.ModuleType):
        def __setattr__(self, name: str, value: object) -> None:
            written.append(name)
            super().__setattr__(name, value)

    monkeypatch.setattr(rl_config, "useA85", 1)
    monkeypatch.setattr(rl_config, "__class__", Watched)
    # The brand theme's logo is a PNG with transparency: an image and its soft mask.
    theme = DATA / "themes" / "brand.yaml"
    built = build_sheet(write_sheet(example_sheet(theme=str(theme))), created=datetime.now(UTC))
    assert written == []
    assert rl_config.useA85 == 1
    kinds = []
    with pikepdf.open(io.BytesIO(built.pdf)) as pdf:
        for found in pdf.objects:
            if isinstance(found, pikepdf.Stream):
                kind = str(found.get("/Subtype", found.get("/Type", "content")))
                kinds.append(kind)
                if kind == "/XML":  # the XMP stays readable to any tool
                    assert "/Filter" not in found
                else:
                    # A name or an array of one name: both say Flate alone.
                    filters = found.Filter
                    names = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
                    assert names == [pikepdf.Name.FlateDecode], kind
    assert kinds.count("/Image") == 2  # the logo and its soft mask

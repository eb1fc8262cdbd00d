"""Fuzz `check`, `verify` and `preview` with mutated real sheets: no exception may escape.

Each example replaces 1-3 values anywhere in a real sheet's object graph (a dictionary entry
or an array item) with a hostile one: the wrong type, a huge or negative number, a deep array,
a reference back to another object (making loops), or nothing. 25 examples per run;
`pytest --slow` runs 1,000.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pikepdf import Array, Dictionary, Name, String

from factsheet.errors import FactsheetError
from factsheet.pdf.preview import preview_png
from factsheet.pipeline import build_sheet
from factsheet.verify.preflight import preflight
from factsheet.verify.report import verify_pdf
from tests.conftest import example_sheet

EXAMPLES = 1000 if os.environ.get("FACTSHEET_SLOW_TESTS") else 25
KEYS = [
    "/Type", "/Subtype", "/S", "/A", "/AA", "/Next", "/URI", "/JS", "/Annots", "/Font",
    "/Resources", "/MediaBox", "/TrimBox", "/BleedBox", "/CropBox", "/Contents", "/Kids",
    "/Count", "/Parent", "/StructTreeRoot", "/ParentTree", "/Names", "/OpenAction",
    "/ViewerPreferences", "/MarkInfo", "/Metadata", "/DescendantFonts", "/FontDescriptor",
    "/BaseFont", "/Widths", "/FirstChar", "/Encoding", "/ToUnicode", "/XObject", "/AcroForm",
    "/Fields", "/Rect", "/Lang", "/Tabs", "/K", "/Pg",
]  # fmt: skip


def _deep(depth: int) -> Array:
    value = Array([])
    for _ in range(depth):
        value = Array([value])
    return value


SCALARS = st.one_of(
    st.integers(-(2**31), 2**31),
    st.sampled_from([0, -1, 1e30, -1e30, 1e-30, 0.0]),
    st.text(max_size=20).map(String),
    st.sampled_from(KEYS).map(Name),
    st.just(None),
    st.booleans(),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=6).map(Array),
    st.dictionaries(st.sampled_from(KEYS), SCALARS, max_size=4).map(
        lambda d: Dictionary({k: v for k, v in d.items() if v is not None})
    ),
    st.integers(10, 400).map(lambda depth: f"deep:{depth}"),  # built when applied: short repr
    st.just("reference"),  # replaced by a reference to a chosen object
)
MUTATION = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), VALUES, st.integers(0, 10**6))


class _Sample(tuple):  # type: ignore[type-arg]
    """The sheet and its PDF, with a short repr for Hypothesis's reports."""

    def __repr__(self) -> str:
        return "real_sheet"


@pytest.fixture(scope="module")
def real_sheet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    content = folder / "sheet.yaml"
    sheet = example_sheet(qr="https://example.org/data")
    content.write_text(yaml.safe_dump(sheet), encoding="utf-8")
    built = build_sheet(content, created=__import__("datetime").datetime(2031, 1, 1))
    return _Sample((built.sheet, built.pdf))


def _mutate(pdf: bytes, mutations: list[tuple[int, int, Any, int]]) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        containers = [
            obj for obj in document.objects if isinstance(obj, Dictionary | Array) and len(obj)
        ]
        for which, where, value, target in mutations:
            container = containers[which % len(containers)]
            if value == "reference":
                value = containers[target % len(containers)]
            elif isinstance(value, str) and value.startswith("deep:"):
                value = _deep(int(value[5:]))
            if isinstance(container, Array):
                if not len(container):
                    continue
                container[where % len(container)] = value if value is not None else 0
            else:
                keys = sorted(container.keys())
                key = keys[where % len(keys)] if keys and where % 3 else KEYS[where % len(KEYS)]
                if value is None:
                    if key in container:
                        del container[key]
                else:
                    container[key] = value
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_no_exception_escapes_the_pdf_readers(
    real_sheet: tuple[Any, bytes], mutations: list[tuple[int, int, Any, int]]
) -> None:
    sheet, pdf = real_sheet
    try:
        damaged = _mutate(pdf, mutations)
    except (pikepdf.PdfError, RecursionError, ValueError, TypeError):
        assume(False)  # pikepdf refused to write the mutation: nothing to read back
    # With the sheet, preflight runs verify's read-back too.
    report = preflight(damaged, "fuzzed.pdf", sheet)
    assert report.checks and isinstance(report.as_text(), str)
    with contextlib.suppress(FactsheetError):
        preview_png(damaged, width=64)


def test_the_fuzzer_reaches_the_readers(real_sheet: tuple[Any, bytes], tmp_path: Path) -> None:
    """A mutation the readers must notice: the fuzzer changes what they read."""
    sheet, pdf = real_sheet
    damaged = _mutate(pdf, [(0, 0, Name("/Bogus"), 0)])
    assert damaged != pdf
    assert verify_pdf(pdf, sheet).ok

"""For any sheet: one verified, PDF/UA-1 page with every figure, or a clear overflow error."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import page as page_validation
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from factsheet.errors import LayoutOverflowError
from factsheet.pipeline import build_sheet

WORDS = st.sampled_from(
    [
        "Example",
        "State",
        "fictional",
        "outreach",
        "calls",
        "visits",
        "families",
        "programme",
        "network",
        "residents",
        "volunteers",
        "reports",
        "services",
        "county",
        "support",
        "data",
        "year",
        "new",
        "helped",
    ]
)
FIGURES = st.one_of(
    st.integers(0, 5_000_000).map(lambda n: f"{n:,}"),
    st.integers(0, 100).map(lambda n: f"{n}%"),
    st.tuples(st.integers(1, 99), st.integers(0, 9)).map(lambda t: f"{t[0]}.{t[1]} million"),
)
SENTENCE = st.lists(st.one_of(WORDS, FIGURES), min_size=3, max_size=25).map(
    lambda words: " ".join(words).capitalize() + "."
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join)
TABLE = st.lists(st.tuples(SENTENCE, st.integers(0, 10**7)), min_size=1, max_size=6).map(
    lambda rows: {"table": {"columns": ["Kind", "Count"], "rows": [list(r) for r in rows]}}
)
BLOCK = st.one_of(
    PARAGRAPH,
    PARAGRAPH,
    TABLE,
    st.lists(SENTENCE, min_size=1, max_size=5).map(lambda items: {"list": items}),
)
SECTION = st.fixed_dictionaries(
    {"heading": SENTENCE, "body": st.lists(BLOCK, min_size=1, max_size=4)}
)
SHEET = st.fixed_dictionaries(
    {
        "factsheet": st.just(1),
        "title": st.just("Example Outreach Network"),
        "subtitle": st.just("Example State Data"),
        "highlights": st.lists(
            st.fixed_dictionaries({"value": FIGURES, "label": SENTENCE}), max_size=4
        ),
        "intro": st.lists(PARAGRAPH, max_size=2),
        "sections": st.lists(SECTION, min_size=1, max_size=10),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHEET)
def test_one_verified_page_or_a_clear_overflow(sheet: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "sheet.yaml"
        content.write_text(yaml.safe_dump(sheet), encoding="utf-8")
        try:
            built = build_sheet(content, created=datetime(2031, 1, 1, tzinfo=UTC))
        except LayoutOverflowError as error:
            event("overflow")
            message = str(error)
            assert "content does not fit on one page" in message
            assert "sections[" in message or "intro" in message
            return
    event("fitted")
    report = built.report
    assert report.failures == []
    assert report.pages == 1
    assert report.figures_found == report.figures_expected
    assert 8 <= built.body_size <= 13
    accessible = page_validation.validate_pdf_bytes(
        built.pdf, profile=page_validation.ValidationProfile.PDF_UA_1
    )
    assert [f"{f.rule_id}: {f.message}" for f in accessible.failures] == []

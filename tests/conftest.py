"""Shared helpers: run the CLI in-process and write small fictional sheets."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from factsheet.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
COLORADO = ROOT / "content" / "ncmec-colorado-2023.yaml"
FIXED_EPOCH = "1700000000"
PREFLIGHT_CHECK_IDS = [
    "pages",
    "file_size",
    "page_size",
    "fonts",
    "text_inside_trim",
    "smallest_text",
    "contrast",
    "links",
    "tagged",
    "layout",
]
"""Every check `check` makes, in the order it reports them: ids are part of its JSON output."""


@dataclass
class Run:
    code: int
    out: str
    err: str


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", help="run the long fuzz and fault-injection campaigns"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: exhaustive; runs only with --slow")
    # Read by test modules when they are imported, to size their Hypothesis campaigns.
    if config.getoption("--slow"):
        os.environ["FACTSHEET_SLOW_TESTS"] = "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="exhaustive: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _working_tree_in_subprocesses(monkeypatch: pytest.MonkeyPatch) -> None:
    # `python -m factsheet` in a child process must run this tree, not an installed copy.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def example_sheet(**overrides: Any) -> dict[str, Any]:
    """A small, clearly fictional sheet."""
    sheet: dict[str, Any] = {
        "factsheet": 1,
        "title": "Example Outreach Network",
        "subtitle": "Example State Data",
        "highlights": [
            {"value": "1,234", "label": "fictional visits in Example State in 2031"},
            {"value": "56%", "label": "of fictional callers helped on the same day"},
        ],
        "intro": ["The Example Outreach Network is a fictional organisation used in tests."],
        "sections": [
            {
                "heading": "Example Programme",
                "body": [
                    "In 2031, the programme answered 7,890 fictional calls, **412 of them "
                    "in Example State.**",
                    {
                        "table": {
                            "columns": ["Kind", "Count"],
                            "rows": [["Calls", 7890], ["Visits", "1,234"]],
                        }
                    },
                    {"list": ["first fictional point", "second point with 3.5 million items"]},
                ],
            }
        ],
        "source": "Source: fictional data, [example.org](https://example.org/data)",
    }
    sheet.update(overrides)
    return sheet


@pytest.fixture
def write_sheet(tmp_path: Path) -> Callable[..., Path]:
    def write(data: dict[str, Any] | str, name: str = "sheet.yaml") -> Path:
        path = tmp_path / name
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def page_text(pdf: Path | bytes) -> str:
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return PdfReader(source).pages[0].extract_text()

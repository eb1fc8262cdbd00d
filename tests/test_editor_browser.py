"""The web editor in a real headless Chromium: load, edit, see the page and problems, save.

Needs Debian's chromium (`apt-get install chromium`) and Playwright (the test extra); skipped
with the reason when either is missing. One browser and one server for the whole module.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from factsheet.serve.server import EditorServer, serve
from tests.conftest import COLORADO, ROOT, example_sheet

CHROMIUM = Path(os.environ.get("FACTSHEET_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = ROOT / "docs" / "live-editing.png"
WAIT = 15_000  # ms: a build takes well under a second; this is for a busy machine


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed: pip install '.[test]'"
    )
    if not CHROMIUM.exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: apt-get install chromium (or set FACTSHEET_CHROMIUM)"
        )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("editor") / "sheets"
    root.mkdir()
    shutil.copy(COLORADO, root / "colorado.yaml")
    (root / "example.yaml").write_text(yaml.safe_dump(example_sheet(), sort_keys=False))
    (root.parent / "secret.yaml").write_text("factsheet: 1\ntitle: Outside the folder\n")
    return root


@pytest.fixture(scope="module")
def refusals() -> list[str]:
    return []


@pytest.fixture(scope="module")
def server(folder: Path, refusals: list[str]) -> Iterator[EditorServer]:
    running = serve(folder, 0, on_refused=refusals.append)
    thread = threading.Thread(target=running.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()
    thread.join()


@pytest.fixture
def page(browser: Any, server: EditorServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def open_sheet(page: Any, server: EditorServer, name: str) -> None:
    page.goto(f"{server.url}?file={name}")
    expect_status(page, r"^\d+/\d+ figures verified$")


def expect_status(page: Any, pattern: str) -> str:
    chip = page.locator("#status-verify")
    page.wait_for_function(
        "([pattern]) => { const text = document.querySelector('#status-verify').textContent;"
        " return new RegExp(pattern).test(text) && !text.includes('Building'); }",
        arg=[pattern],
        timeout=WAIT,
    )
    text: str = chip.inner_text()
    return text


def put_caret_after(page: Any, text: str) -> int:
    """Put the caret at the end of the first line containing text; its line number."""
    number: int = page.evaluate(
        """(needle) => {
            const code = document.querySelector('#code');
            const lines = code.value.split('\\n');
            const index = lines.findIndex((line) => line.includes(needle));
            const end = lines.slice(0, index + 1).join('\\n').length;
            code.focus();
            code.setSelectionRange(end, end);
            return index + 1;
        }""",
        text,
    )
    return number


def test_a_change_updates_the_page_and_the_figure_count(page: Any, server: EditorServer) -> None:
    open_sheet(page, server, "colorado.yaml")
    assert page.locator("#status-verify").inner_text() == "41/41 figures verified"
    assert "body type" in page.locator("#status-layout").inner_text()
    assert page.locator("#status-pages").inner_text() == "1 page"
    before = page.locator("#preview").get_attribute("src")
    put_caret_after(page, "label: survivors/families in Colorado")
    page.keyboard.type(" and 77 example families")
    expect_status(page, r"^42/42 figures verified$")
    page.wait_for_function(
        "(before) => document.querySelector('#preview').getAttribute('src') !== before",
        arg=before,
        timeout=WAIT,
    )
    assert page.locator("#preview").evaluate("image => image.naturalWidth") > 500
    assert page.locator("#save-state").inner_text() == "Unsaved changes"
    assert_lines_aligned(page)


def assert_lines_aligned(page: Any) -> None:
    """Each line number sits level with its line, and the text box never scrolls on its own."""
    offsets = page.evaluate(
        """() => {
            const rows = [...document.querySelectorAll('#mirror > div')];
            const numbers = [...document.querySelectorAll('#gutter > div')];
            const code = document.querySelector('#code');
            return {
                count: [rows.length, numbers.length, code.value.split('\\n').length],
                worst: Math.max(...rows.map((row, i) => Math.abs(
                    row.getBoundingClientRect().top - numbers[i].getBoundingClientRect().top))),
                scrolled: code.scrollTop,
                spare: code.scrollHeight - code.clientHeight,
            };
        }"""
    )
    assert len(set(offsets["count"])) == 1, offsets
    assert offsets["worst"] < 1 and offsets["scrolled"] == 0 and offsets["spare"] <= 0, offsets


def test_a_yaml_mistake_shows_at_its_line_and_clears_when_fixed(
    page: Any, server: EditorServer, tmp_path: Path
) -> None:
    open_sheet(page, server, "colorado.yaml")
    line = put_caret_after(page, "subtitle: Colorado Data")
    page.keyboard.type(": 2023")
    expect_status(page, r"problem")
    problem = page.locator(f".problem[data-line='{line}']")
    problem.wait_for(timeout=WAIT)
    assert "malformed YAML" in problem.inner_text()
    assert "quotes" in problem.locator(".hint").inner_text()
    assert page.locator(".gutter .error").inner_text() == str(line)
    assert page.locator("#download-pdf").get_attribute("aria-disabled") == "true"
    assert page.locator("#notice").is_visible()
    # The card sits beside its line.
    row_top = page.locator(f"#mirror > div:nth-child({line})").bounding_box()["y"]
    assert abs(problem.bounding_box()["y"] - row_top) < 12
    page.locator("#editor").evaluate("editor => editor.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "editor.png"))
    if os.environ.get("FACTSHEET_UPDATE_SCREENSHOT"):
        _save_screenshot(page)

    for _ in ": 2023":
        page.keyboard.press("Backspace")
    expect_status(page, r"^41/41 figures verified$")
    assert page.locator(".problem").count() == 0
    assert not page.locator("#notice").is_visible()
    assert page.locator("#download-pdf").get_attribute("href").endswith("/pdf")


def test_save_writes_the_file(page: Any, server: EditorServer, folder: Path) -> None:
    open_sheet(page, server, "example.yaml")
    put_caret_after(page, "title: Example Outreach Network")
    page.keyboard.type(" Saved")
    expect_status(page, r"figures verified$")
    page.locator("#save").click()
    page.wait_for_function(
        "() => document.querySelector('#save-state').textContent === 'All changes saved'",
        timeout=WAIT,
    )
    assert "title: Example Outreach Network Saved\n" in (folder / "example.yaml").read_text()


def test_another_origin_is_refused(page: Any, server: EditorServer, refusals: list[str]) -> None:
    open_sheet(page, server, "example.yaml")
    preview = page.locator("#preview").get_attribute("src")
    refusals.clear()
    other = _other_site(
        f'<img id="stolen" src="{server.url}{preview.lstrip("/")}">'
        f'<script>fetch("{server.url}api/file?name=example.yaml", {{mode: "no-cors"}})'
        ".catch(() => {})</script>"
    )
    try:
        page.goto(f"http://localhost:{other.server_address[1]}/")
        page.wait_for_function("() => document.querySelector('#stolen').complete", timeout=WAIT)
        assert page.locator("#stolen").evaluate("image => image.naturalWidth") == 0
        page.wait_for_function("() => performance.getEntriesByType('resource').length >= 2")
        assert f"refused GET {preview}: requests from other sites are refused" in refusals
        assert "refused GET /api/file: requests from other sites are refused" in refusals
    finally:
        other.shutdown()
        other.server_close()


def test_paths_outside_the_folder_are_refused(page: Any, server: EditorServer) -> None:
    open_sheet(page, server, "example.yaml")
    answers = page.evaluate(
        """async () => {
            const names = ['../secret.yaml', '/etc/passwd', 'sub/../../secret.yaml'];
            const out = [];
            for (const name of names) {
                const read = await fetch('/api/file?name=' + encodeURIComponent(name));
                const save = await fetch('/api/save', {method: 'POST',
                    headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({name, text: 'factsheet: 1\\n'})});
                out.push([read.status, save.status]);
            }
            return out;
        }"""
    )
    assert answers == [[403, 403]] * 3


def test_a_folder_offers_its_sheets(page: Any, server: EditorServer) -> None:
    open_sheet(page, server, "example.yaml")
    options = page.locator("#file-picker option").all_inner_texts()
    assert options == ["colorado.yaml", "example.yaml"]
    page.locator("#file-picker").select_option("colorado.yaml")
    expect_status(page, r"^41/41 figures verified$")
    assert "Colorado Data" in page.locator("#code").input_value()


def _other_site(body: str) -> ThreadingHTTPServer:
    page = f"<!doctype html><title>another site</title>{body}".encode()

    class Other(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    other = ThreadingHTTPServer(("127.0.0.1", 0), Other)
    threading.Thread(target=other.serve_forever, args=(0.05,), daemon=True).start()
    return other


def _save_screenshot(page: Any) -> None:
    """The docs' picture of the editor, in 256 colours to stay small."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.Resampling.LANCZOS)
    image.quantize(colors=256, dither=Image.Dither.NONE).save(SCREENSHOT, optimize=True)
    assert re.match(r".*\.png$", SCREENSHOT.name)

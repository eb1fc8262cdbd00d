"""The editor's server over plain HTTP: builds, saves, and refuses what it must refuse."""

from __future__ import annotations

import http.client
import io
import json
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from factsheet.serve.server import EditorServer, serve
from tests.conftest import Run, example_sheet


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "sheets"
    (root / "more").mkdir(parents=True)
    (root / "sheet.yaml").write_text(yaml.safe_dump(example_sheet(), sort_keys=False))
    (root / "more" / "other.yaml").write_text(yaml.safe_dump(example_sheet(title="Other")))
    (root / "brand.yaml").write_text("extends: default\n")  # a theme: not offered
    (tmp_path / "secret.yaml").write_text("factsheet: 1\ntitle: Outside\n")
    (root / "linked.yaml").symlink_to(tmp_path / "secret.yaml")
    return root


@pytest.fixture
def server(folder: Path) -> Iterator[EditorServer]:
    running = serve(folder, 0)
    thread = threading.Thread(target=running.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()
    thread.join()


def call(
    server: EditorServer,
    path: str,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    raw: bytes | None = None,
) -> tuple[int, bytes, http.client.HTTPMessage]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    sent = {"Host": f"127.0.0.1:{server.port}", **(headers or {})}
    data = raw if raw is not None else None if body is None else json.dumps(body).encode()
    if data is not None:
        sent.setdefault("Content-Type", "application/json")
    connection.request("POST" if data is not None else "GET", path, data, sent)
    response = connection.getresponse()
    answer = response.status, response.read(), response.headers
    connection.close()
    return answer


def test_lists_only_the_content_files_inside_the_folder(server: EditorServer) -> None:
    status, body, headers = call(server, "/api/files")
    assert status == 200
    assert json.loads(body)["files"] == ["sheet.yaml", "more/other.yaml"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_builds_unsaved_text_and_offers_the_verified_files(
    server: EditorServer, folder: Path
) -> None:
    before = (folder / "sheet.yaml").read_bytes()
    text = yaml.safe_dump(example_sheet(highlights=[{"value": "8,765", "label": "fictional"}]))
    status, body, _ = call(server, "/api/build", {"name": "sheet.yaml", "text": text})
    result = json.loads(body)
    assert status == 200 and result["verified"], result
    assert result["status"]["pages"] == 1
    assert result["status"]["figures_found"] == result["status"]["figures_expected"] > 0
    status, png, headers = call(server, result["preview"])
    assert status == 200 and png.startswith(b"\x89PNG") and headers["Content-Type"] == "image/png"
    status, pdf, headers = call(server, f"/api/download/{result['id']}/pdf")
    assert status == 200 and 'filename="sheet.pdf"' in headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 and "8,765" in reader.pages[0].extract_text()
    status, printed, _ = call(server, f"/api/download/{result['id']}/print")
    page = PdfReader(io.BytesIO(printed)).pages[0]
    assert status == 200 and page.mediabox.width > page.trimbox.width  # bleed and marks
    assert (folder / "sheet.yaml").read_bytes() == before  # building never saves


def test_problems_come_with_their_line_and_no_download(server: EditorServer) -> None:
    text = yaml.safe_dump(example_sheet(), sort_keys=False).replace("subtitle:", "subtitel:")
    assert text.splitlines()[2].startswith("subtitel:")
    status, body, _ = call(server, "/api/build", {"name": "sheet.yaml", "text": text})
    result = json.loads(body)
    assert status == 200 and not result["verified"] and result["preview"] is None
    [problem] = result["problems"]
    assert problem["line"] == 3 and problem["here"] and "subtitle" in problem["hint"]
    status, _, _ = call(server, f"/api/download/{result['id']}/pdf")
    assert status == 409


def test_saves_only_text_that_parses(server: EditorServer, folder: Path) -> None:
    sheet = folder / "sheet.yaml"
    before = sheet.read_bytes()
    status, body, _ = call(server, "/api/save", {"name": "sheet.yaml", "text": "title: [oops\n"})
    assert status == 409 and json.loads(body)["problems"][0]["line"] == 2
    assert sheet.read_bytes() == before
    status, _, _ = call(server, "/api/save", {"name": "sheet.yaml", "text": "title: Saved\n"})
    assert status == 200 and sheet.read_text() == "title: Saved\n"


@pytest.mark.parametrize(
    "name", ["../secret.yaml", "/etc/passwd", "more/../../secret.yaml", "linked.yaml", "brand.yaml"]
)
def test_names_outside_the_content_files_are_refused(
    server: EditorServer, folder: Path, name: str
) -> None:
    status, _, _ = call(server, f"/api/file?name={name}")
    assert status == 403
    status, _, _ = call(server, "/api/save", {"name": name, "text": "factsheet: 1\n"})
    assert status == 403
    assert (folder.parent / "secret.yaml").read_text() == "factsheet: 1\ntitle: Outside\n"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:1"},
        {"Host": "evil.example"},  # a name re-pointed at 127.0.0.1
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_other_origins_are_refused(server: EditorServer, headers: dict[str, str]) -> None:
    assert call(server, "/api/files", headers=headers)[0] == 403
    body = {"name": "sheet.yaml", "text": "title: x\n"}
    assert call(server, "/api/save", body, headers=headers)[0] == 403


def test_request_size_and_type_are_limited(server: EditorServer) -> None:
    # Refused on its Content-Length, before the body is read.
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("POST", "/api/build", skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{server.port}")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", "5000000")
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert call(server, "/api/save", raw=b"name=sheet.yaml", headers=form)[0] == 415


def test_one_file_serves_that_file_only(folder: Path) -> None:
    running = serve(folder / "sheet.yaml", 0)
    thread = threading.Thread(target=running.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        _, body, _ = call(running, "/api/files")
        assert json.loads(body)["files"] == ["sheet.yaml"]
        assert call(running, "/api/file?name=more/other.yaml")[0] == 403
    finally:
        running.shutdown()
        running.server_close()
        thread.join()


def test_an_overflow_marks_what_did_not_fit(server: EditorServer) -> None:
    paragraph = "In 2031, the fictional programme answered many calls. " * 12
    sections = [{"heading": f"Example Section {i}", "body": [paragraph] * 3} for i in range(6)]
    text = yaml.safe_dump(example_sheet(sections=sections), sort_keys=False)
    status, body, _ = call(server, "/api/build", {"name": "sheet.yaml", "text": text})
    result = json.loads(body)
    assert status == 200 and result["status"]["overflow"] and not result["verified"]
    marked = [p for p in result["problems"] if p["line"]]
    assert marked and all(p["message"] == "this section did not fit on the page" for p in marked)
    lines = text.splitlines()
    for problem in marked:
        index = int(problem["field"].removeprefix("sections[").removesuffix("]"))
        assert lines[problem["line"] - 1].endswith(f"heading: Example Section {index}")
    # The preview shows the page as far as it fits, then what did not, below it.
    status, png, _ = call(server, result["preview"])
    picture = Image.open(io.BytesIO(png))
    assert status == 200 and picture.height > picture.width * 11 / 8.5


def test_a_theme_outside_the_folder_is_not_read(server: EditorServer, folder: Path) -> None:
    (folder.parent / "outside-theme.yaml").write_text("extends: default\n")
    (folder / "inside-theme.yaml").write_text("extends: ../outside-theme.yaml\n")
    for theme in ("../outside-theme.yaml", "inside-theme.yaml"):
        text = yaml.safe_dump(example_sheet(theme=theme), sort_keys=False)
        _, body, _ = call(server, "/api/build", {"name": "sheet.yaml", "text": text})
        [problem] = json.loads(body)["problems"]
        assert problem["message"] == "outside-theme.yaml is outside the folder being edited"
        assert (
            problem["field"] == "theme"
            and problem["line"] == text.splitlines().index(f"theme: {theme}") + 1
        )
    (folder / "brand.yaml").write_text("extends: default\nfooter: Example footer\n")
    text = yaml.safe_dump(example_sheet(theme="brand.yaml"), sort_keys=False)
    _, body, _ = call(server, "/api/build", {"name": "sheet.yaml", "text": text})
    assert json.loads(body)["verified"]


def test_serve_command_reports_bad_targets_and_busy_ports(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    missing = run_cli("serve", tmp_path / "missing")
    assert missing.code == 2 and "no such file or folder" in missing.err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = run_cli("serve", tmp_path, "--port", busy.getsockname()[1])
    assert taken.code == 2 and "try another --port" in taken.err
    assert run_cli("serve", tmp_path, "--port", "70000").code == 2

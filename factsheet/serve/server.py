"""The editor's local web server: 127.0.0.1 only, same-origin only, bounded requests."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from factsheet.content.yamlsource import MAX_BYTES
from factsheet.errors import FactsheetError
from factsheet.pdf.atomic import write_atomic
from factsheet.serve.builds import Builds, Result, parses
from factsheet.serve.workspace import NotAllowed, Workspace

HOST = "127.0.0.1"
# A content file's limit plus room for the JSON around it (escapes can double its size).
MAX_REQUEST = 2 * MAX_BYTES + 4096
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/editor.css": ("editor.css", "text/css; charset=utf-8"),
    "/static/editor.js": ("editor.js", "text/javascript; charset=utf-8"),
    "/favicon.svg": ("favicon.svg", "image/svg+xml"),
}
_RESULT_PATH = re.compile(
    r"^/api/(preview|download)/([A-Za-z0-9_-]{8,32})(?:\.png|/(pdf|png|print))$"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        self.status = status
        super().__init__(message)


class EditorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, workspace: Workspace, port: int, on_refused: Callable[[str], None] | None = None
    ) -> None:
        self.workspace = workspace
        self.on_refused = on_refused or (lambda _: None)
        """Told of every request refused for its origin or path, for the terminal."""
        self.builds = Builds(workspace.root)
        super().__init__((HOST, port), Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def allowed_hosts(self) -> set[str]:
        return {f"{HOST}:{self.port}", f"localhost:{self.port}"}


class Handler(BaseHTTPRequestHandler):
    server: EditorServer
    server_version = "factsheet"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal shows the URL and build problems, not every request

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._answer(self._post)

    def _answer(self, method: Any) -> None:
        url = urlsplit(self.path)
        try:
            try:
                self._check_origin()
                method(url)
            except Refused as refused:
                if refused.status == HTTPStatus.FORBIDDEN:
                    self.server.on_refused(f"refused {self.command} {url.path}: {refused}")
                self._json({"error": str(refused)}, refused.status)
            except NotAllowed as error:
                self.server.on_refused(f"refused {self.command} {url.path}: {error}")
                self._json({"error": str(error)}, HTTPStatus.FORBIDDEN)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the page went away before its answer

    def _check_origin(self) -> None:
        """Only pages this server sent may talk to it: no other site, no rebound host name."""
        if self.headers.get("Host", "") not in self.server.allowed_hosts():
            raise Refused(HTTPStatus.FORBIDDEN, "unknown host name")
        origin = self.headers.get("Origin")
        if origin is not None and origin.removeprefix("http://") not in self.server.allowed_hosts():
            raise Refused(HTTPStatus.FORBIDDEN, "requests from other sites are refused")
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            raise Refused(HTTPStatus.FORBIDDEN, "requests from other sites are refused")

    def _get(self, url: Any) -> None:
        if url.path in STATIC:
            name, kind = STATIC[url.path]
            body = resources.files("factsheet.serve").joinpath("static", name).read_bytes()
            self._send(body, kind)
        elif url.path == "/api/files":
            workspace = self.server.workspace
            names = workspace.names()
            title = workspace.single.name if workspace.single else workspace.root.name
            self._json({"files": names, "single": workspace.single is not None, "title": title})
        elif url.path == "/api/file":
            name = parse_qs(url.query).get("name", [""])[0]
            path = self.server.workspace.resolve(name)
            text = path.read_bytes().decode("utf-8-sig", errors="replace")
            self._json({"name": name, "text": text})
        elif match := _RESULT_PATH.match(url.path):
            self._result_file(match[1], match[2], match[3])
        else:
            raise Refused(HTTPStatus.NOT_FOUND, "no such page")

    def _result_file(self, kind: str, result_id: str, form: str | None) -> None:
        result = self.server.builds.get(result_id)
        if result is None:
            raise Refused(HTTPStatus.NOT_FOUND, "that preview has expired; edit to build again")
        if kind == "preview":
            if result.preview is None:
                raise Refused(HTTPStatus.NOT_FOUND, "this build has no preview")
            self._send(result.preview, "image/png")
            return
        if not result.verified:
            raise Refused(HTTPStatus.CONFLICT, "fix the problems first: only verified sheets")
        stem = result.file.stem
        try:
            if form == "png":
                body, kind, name = self.server.builds.full_png(result), "image/png", f"{stem}.png"
            elif form == "print":
                body, name = self.server.builds.print_pdf(result), f"{stem}-print.pdf"
                kind = "application/pdf"
            else:
                body, kind, name = _pdf(result), "application/pdf", f"{stem}.pdf"
        except FactsheetError as error:
            raise Refused(HTTPStatus.CONFLICT, str(error)) from None
        self._send(body, kind, {"Content-Disposition": f'attachment; filename="{name}"'})

    def _post(self, url: Any) -> None:
        request = self._read_json()
        path = self.server.workspace.resolve(request.get("name"))
        text = request.get("text")
        if not isinstance(text, str):
            raise Refused(HTTPStatus.BAD_REQUEST, "text must be a string")
        raw = text.encode("utf-8")
        if len(raw) > MAX_BYTES:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the content file is too large")
        builds = self.server.builds
        if url.path == "/api/build":
            self._json(builds.describe(builds.build(path, raw)))
        elif url.path == "/api/save":
            problem = parses(path, raw)
            if problem is not None:
                result = Result("", path, raw, problems=[problem])
                self._json({"saved": False, **builds.describe(result)}, HTTPStatus.CONFLICT)
                return
            try:
                write_atomic(path, raw)
            except FactsheetError as error:
                raise Refused(HTTPStatus.INTERNAL_SERVER_ERROR, str(error)) from None
            self._json({"saved": True})
        else:
            raise Refused(HTTPStatus.NOT_FOUND, "no such action")

    def _read_json(self) -> dict[str, Any]:
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "a request needs a Content-Length")
        if int(length) > MAX_REQUEST:
            self.close_connection = True  # do not read the oversized body
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type != "application/json":
            self.close_connection = True
            raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON")
        try:
            request = json.loads(self.rfile.read(int(length)))
        except (ValueError, UnicodeDecodeError):
            raise Refused(HTTPStatus.BAD_REQUEST, "not JSON") from None
        if not isinstance(request, dict):
            raise Refused(HTTPStatus.BAD_REQUEST, "expected a JSON object")
        return request

    def _json(self, data: Any, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(json.dumps(data).encode(), "application/json", status=status)

    def _send(
        self,
        body: bytes,
        kind: str,
        headers: dict[str, str] | None = None,
        status: HTTPStatus = HTTPStatus.OK,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _pdf(result: Result) -> bytes:
    assert result.built is not None
    return result.built.pdf


def serve(target: Path, port: int, on_refused: Callable[[str], None] | None = None) -> EditorServer:
    """A server for target (a content file or a folder), bound but not yet serving."""
    workspace = Workspace.open(target)
    try:
        return EditorServer(workspace, port, on_refused)
    except OSError as error:
        raise FactsheetError(
            f"cannot listen on {HOST}:{port}: {error.strerror}; try another --port"
        ) from None

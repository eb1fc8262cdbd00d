"""Find active content in any PDF: every action a viewer could run, wherever it hides.

Actions sit in the catalog (/OpenAction, /AA), in name trees (/JavaScript), on pages (/AA), on
annotations of every kind (/A, /AA: links, form widgets), in form fields, and chained behind
other actions through /Next. The file may be hostile, so every object is type-checked, chains
and trees are followed at most once per object and never deeper than a fixed limit. What lies
past a limit was not read, so it is reported as a finding too: a file is never called free of
active content because it hid its actions deeper than the scan goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from pypdf.generic import ArrayObject

from factsheet.content.markup import ALLOWED_SCHEMES
from factsheet.verify.opening import as_dict, as_list, resolve

_SAFE_ACTIONS = {"/GoTo", "/Named"}
"""Moving within the document is harmless; everything else a viewer runs is reported."""
_MAX_DEPTH = 32
_MAX_OBJECTS = 20_000


class _Scan:
    def __init__(self) -> None:
        self.findings: list[str] = []
        self.seen: set[int] = set()

    def unread(self, finding: str) -> None:
        """Something past a limit: reported once, since it may hold any action."""
        if finding not in self.findings:
            self.findings.append(finding)

    def first_visit(self, value: Any) -> bool:
        if len(self.seen) >= _MAX_OBJECTS:
            self.unread(f"more than {_MAX_OBJECTS:,} objects with actions (the rest not read)")
            return False
        key = id(resolve(value))
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def action(self, value: Any, where: str, depth: int = 0) -> None:
        """One action and every action chained behind it through /Next."""
        action = as_dict(value)
        if action is None:
            return
        if depth > _MAX_DEPTH:
            self.unread(f"{where}: actions chained over {_MAX_DEPTH} deep (the rest not read)")
            return
        if not self.first_visit(action):
            return
        kind = str(resolve(action.get("/S")) or "")
        if kind == "/URI":
            target = str(resolve(action.get("/URI")) or "")
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                self.findings.append(f"{where}: {_clip(target) or '(empty) address'}")
        elif kind == "/JavaScript":
            self.findings.append(f"{where}: JavaScript")
        elif kind and kind not in _SAFE_ACTIONS:
            self.findings.append(f"{where}: {kind.lstrip('/')} action")
        following = resolve(action.get("/Next"))
        for item in following if isinstance(following, ArrayObject) else [following]:
            self.action(item, where, depth + 1)

    def triggers(self, value: Any, where: str) -> None:
        """An additional-actions (/AA) dictionary: an action per event."""
        for event, action in (as_dict(value) or {}).items():
            self.action(action, f"{where} /AA {str(event).lstrip('/')}")

    def annotation(self, value: Any, where: str) -> None:
        annotation = as_dict(value)
        if annotation is None or not self.first_visit(annotation):
            return
        kind = str(resolve(annotation.get("/Subtype")) or "annotation").lstrip("/")
        self.action(annotation.get("/A"), f"{where} {kind.lower()}")
        self.triggers(annotation.get("/AA"), f"{where} {kind.lower()}")

    def field(self, value: Any, depth: int = 0) -> None:
        """A form field and its kids: their triggers run when the form is used."""
        field = as_dict(value)
        if field is None:
            return
        if depth > _MAX_DEPTH:
            self.unread(f"form fields nested over {_MAX_DEPTH} deep (the rest not read)")
            return
        name = str(resolve(field.get("/T")) or "").strip() or "unnamed"
        self.annotation(field, f"form field {_clip(name)!r}")
        for kid in as_list(field.get("/Kids")):
            self.field(kid, depth + 1)


def active_content(root: Any, pages: list[Any]) -> list[str]:
    """Where the document can run something: one line per action that is not a safe link."""
    scan = _Scan()
    catalog = as_dict(root)
    if catalog is None:
        return []
    scan.action(catalog.get("/OpenAction"), "document open action")
    scan.triggers(catalog.get("/AA"), "document")
    names = as_dict(catalog.get("/Names"))
    if names is not None and names.get("/JavaScript") is not None:
        count = sum(1 for _ in _name_tree_values(names.get("/JavaScript")))
        scan.findings.append(f"document-level JavaScript ({count} script{'s' * (count != 1)})")
    for number, page in enumerate(pages, start=1):
        page_dict = as_dict(page)
        if page_dict is None:
            continue
        scan.triggers(page_dict.get("/AA"), f"page {number}")
        for annotation in as_list(page_dict.get("/Annots")):
            scan.annotation(annotation, f"page {number}")
    form = as_dict(catalog.get("/AcroForm"))
    if form is not None:
        for field in as_list(form.get("/Fields")):
            scan.field(field)
        if form.get("/XFA") is not None:
            scan.findings.append("an XFA form (can hold scripts)")
    return scan.findings


def _name_tree_values(node: Any, depth: int = 0) -> Iterator[Any]:
    tree = as_dict(node)
    if tree is None or depth > _MAX_DEPTH:
        yield node
        return
    entries = as_list(tree.get("/Names"))
    yield from entries[1::2]
    for kid in as_list(tree.get("/Kids")):
        yield from _name_tree_values(kid, depth + 1)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"

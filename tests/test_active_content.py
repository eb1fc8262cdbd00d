"""`check` reports every kind of active content a viewer could run: one generated PDF per kind."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from tests.conftest import Run


def _javascript(code: str = "app.alert('example')") -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(code))


def _link(pdf: pikepdf.Pdf, **entries: object) -> Dictionary:
    annotation = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 72, 144, 96]), **entries)
    )
    pdf.pages[0].obj.Annots = Array([annotation])
    return annotation


def _open_launch(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = Dictionary(S=Name.Launch, F=String("example.exe"))


def _open_javascript_uri(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = Dictionary(S=Name.URI, URI=String("javascript:app.alert(1)"))


def _open_javascript(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = pdf.make_indirect(_javascript())


def _catalog_triggers(pdf: pikepdf.Pdf) -> None:
    pdf.Root.AA = Dictionary(WC=_javascript())


def _page_triggers(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.AA = Dictionary(O=_javascript())


def _chained_through_next(pdf: pikepdf.Pdf) -> None:
    _link(pdf, A=Dictionary(S=Name.URI, URI=String("https://example.org"), Next=_javascript()))


def _chained_in_an_array(pdf: pikepdf.Pdf) -> None:
    following = Array([Dictionary(S=Name.GoTo, D=Array([0, Name.Fit])), _javascript()])
    _link(pdf, A=Dictionary(S=Name.URI, URI=String("https://example.org"), Next=following))


def _form_widget(pdf: pikepdf.Pdf) -> None:
    widget = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("Example field"),
            Rect=Array([72, 72, 144, 96]),
            AA=Dictionary(K=_javascript()),
        )
    )
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]))


def _link_triggers(pdf: pikepdf.Pdf) -> None:
    _link(
        pdf,
        A=Dictionary(S=Name.URI, URI=String("https://example.org")),
        AA=Dictionary(E=_javascript()),
    )


def _document_javascript(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("example"), _javascript()]))
    )


def _submit_form(pdf: pikepdf.Pdf) -> None:
    _link(pdf, A=Dictionary(S=Name.SubmitForm, F=String("https://example.org/collect")))


def _self_chained(pdf: pikepdf.Pdf) -> None:
    action = pdf.make_indirect(Dictionary(S=Name.URI, URI=String("https://example.org")))
    action.Next = action  # a loop: must end, and still be read as safe
    _link(pdf, A=action)


KINDS: dict[str, tuple[Callable[[pikepdf.Pdf], None], str]] = {
    "open-action-launch": (_open_launch, "document open action: Launch action"),
    "open-action-javascript-uri": (
        _open_javascript_uri,
        "document open action: javascript:app.alert(1)",
    ),
    "open-action-javascript": (_open_javascript, "document open action: JavaScript"),
    "catalog-aa": (_catalog_triggers, "document /AA WC: JavaScript"),
    "page-aa": (_page_triggers, "page 1 /AA O: JavaScript"),
    "next-chain": (_chained_through_next, "page 1 link: JavaScript"),
    "next-array": (_chained_in_an_array, "page 1 link: JavaScript"),
    "form-widget": (_form_widget, "form field 'Example field' widget /AA K: JavaScript"),
    "link-aa": (_link_triggers, "page 1 link /AA E: JavaScript"),
    "names-javascript": (_document_javascript, "document-level JavaScript (1 script)"),
    "submit-form": (_submit_form, "page 1 link: SubmitForm action"),
}


def _pdf(tmp_path: Path, change: Callable[[pikepdf.Pdf], None]) -> Path:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    change(pdf)
    path = tmp_path / "example.pdf"
    pdf.save(path)
    return path


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_check_reports_each_kind_of_active_content(
    kind: str, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    change, finding = KINDS[kind]
    result = run_cli("check", _pdf(tmp_path, change), "--json")
    assert result.code == 1, result.out
    links = next(c for c in json.loads(result.out)["checks"] if c["id"] == "links")
    assert not links["ok"]
    assert finding in links["details"]["active_content"]


def test_a_plain_link_and_a_looping_chain_pass(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("check", _pdf(tmp_path, _self_chained))
    assert "PASS  links: 1 links, all http, https or mailto; no scripts" in result.out

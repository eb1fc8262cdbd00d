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
    # Exactly one finding: the one this file holds, nothing safe reported beside it.
    assert links["details"]["active_content"] == [finding]


def test_a_plain_link_and_a_looping_chain_pass(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result = run_cli("check", _pdf(tmp_path, _self_chained))
    assert "PASS  links: 1 links, all http, https or mailto; no scripts" in result.out


def _findings(tmp_path: Path, change: Callable[[pikepdf.Pdf], None], pages: int = 1) -> list[str]:
    """What the scan reports for a new PDF of `pages` blank pages changed by `change`."""
    from pypdf import PdfReader

    from factsheet.verify.active_content import active_content

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(612, 792))
    change(pdf)
    pdf.save(tmp_path / "example.pdf")
    reader = PdfReader(tmp_path / "example.pdf")
    return active_content(reader.trailer["/Root"], list(reader.pages))


def test_addresses_are_judged_by_their_scheme_and_long_ones_are_clipped(tmp_path: Path) -> None:
    addresses = [
        "HTTPS://EXAMPLE.ORG",  # schemes are case-insensitive: this is https
        "mailto:someone@example.org",
        "",
        "file:///etc/passwd",
        "ftp://example.org/" + "a" * 100,
        "ftp://example.org/" + "b" * 42,  # 60 characters: the longest shown whole
        "http://example.org",
    ]

    def links(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.Annots = Array(
            [
                pdf.make_indirect(
                    Dictionary(
                        Subtype=Name.Link,
                        Rect=Array([72, 72, 144, 96]),
                        A=Dictionary(S=Name.URI, URI=String(address)),
                    )
                )
                for address in addresses
            ]
        )

    assert _findings(tmp_path, links) == [
        "page 1 link: (empty) address",
        "page 1 link: file:///etc/passwd",
        # Clipped to 60 characters: the first 59 and an ellipsis.
        "page 1 link: " + ("ftp://example.org/" + "a" * 100)[:59] + "\u2026",
        "page 1 link: ftp://example.org/" + "b" * 42,
    ]


def test_document_scripts_are_counted_through_the_name_tree(tmp_path: Path) -> None:
    def tree(pdf: pikepdf.Pdf) -> None:
        # A name tree: an intermediate node whose two kids hold one and two scripts.
        leaves = [
            Dictionary(Names=Array([String("a"), _javascript()])),
            Dictionary(Names=Array([String("b"), _javascript(), String("c"), _javascript()])),
        ]
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Kids=Array(leaves)))

    assert _findings(tmp_path, tree) == ["document-level JavaScript (3 scripts)"]


def test_forms_their_fields_kids_and_xfa(tmp_path: Path) -> None:
    def form(pdf: pikepdf.Pdf) -> None:
        kid = pdf.make_indirect(
            Dictionary(
                Subtype=Name.Widget, Rect=Array([0, 0, 9, 9]), AA=Dictionary(K=_javascript())
            )
        )
        # A field named only by spaces is "unnamed"; a field without /Subtype is an annotation.
        parent = pdf.make_indirect(
            Dictionary(T=String("  "), Kids=Array([kid]), AA=Dictionary(F=_javascript()))
        )
        named = pdf.make_indirect(Dictionary(T=String("N" * 70), A=Dictionary(S=Name.ResetForm)))
        pdf.Root.AcroForm = Dictionary(Fields=Array([parent, named]), XFA=Array([]))

    assert _findings(tmp_path, form) == [
        "form field 'unnamed' annotation /AA F: JavaScript",
        "form field 'unnamed' widget /AA K: JavaScript",
        # A 70-character name is clipped to 59 characters and an ellipsis.
        f"form field '{'N' * 59}\u2026' annotation: ResetForm action",
        "an XFA form (can hold scripts)",
    ]


def test_an_action_shared_by_two_pages_is_reported_once(tmp_path: Path) -> None:
    def shared(pdf: pikepdf.Pdf) -> None:
        action = pdf.make_indirect(_javascript())
        for page in pdf.pages:
            link = Dictionary(Subtype=Name.Link, Rect=Array([72, 72, 144, 96]), A=action)
            page.obj.Annots = Array([pdf.make_indirect(link)])

    assert _findings(tmp_path, shared, pages=2) == ["page 1 link: JavaScript"]


def _chain(length: int) -> Callable[[pikepdf.Pdf], None]:
    """An open action: `length` safe Named actions, each chained to the next, then a script."""

    def change(pdf: pikepdf.Pdf) -> None:
        action = pdf.make_indirect(_javascript())
        for _ in range(length):
            safe = Dictionary(S=Name.Named, N=Name.NextPage, Next=action)
            action = pdf.make_indirect(safe)
        pdf.Root.OpenAction = action

    return change


def test_chains_are_followed_to_the_depth_limit(tmp_path: Path) -> None:
    # The script behind 32 safe actions is at depth 32, the deepest followed (_MAX_DEPTH).
    assert _findings(tmp_path, _chain(32)) == ["document open action: JavaScript"]
    # One more and the script is past the limit: what was not read is reported, not passed.
    unread = "document open action: actions chained over 32 deep (the rest not read)"
    assert _findings(tmp_path, _chain(33)) == [unread]
    # A hostile chain of thousands ends the scan instead of exhausting the stack.
    assert _findings(tmp_path, _chain(3000)) == [unread]


def test_objects_of_the_wrong_type_are_skipped(tmp_path: Path) -> None:
    def odd(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.Annots = Array(
            [5, String("x"), Dictionary(Subtype=Name.Link, A=String("not an action"))]
        )
        pdf.Root.OpenAction = Array([0, Name.Fit])  # a destination, not an action: harmless
        pdf.Root.AA = 7

    assert _findings(tmp_path, odd) == []

    def unlabelled(pdf: pikepdf.Pdf) -> None:
        annotation = Dictionary(Rect=Array([0, 0, 9, 9]), A=Dictionary(S=Name.Launch))
        pdf.pages[0].obj.Annots = Array([pdf.make_indirect(annotation)])

    assert _findings(tmp_path, unlabelled) == ["page 1 annotation: Launch action"]


def test_incomplete_actions_and_the_exit_event(tmp_path: Path) -> None:
    def incomplete(pdf: pikepdf.Pdf) -> None:
        link = Dictionary(
            Subtype=Name.Link,
            Rect=Array([72, 72, 144, 96]),
            A=Dictionary(S=Name.URI),  # a URI action without its address
            # "X" is the event of the pointer leaving the link (its name is only "X").
            AA=Dictionary(X=_javascript(), D=Dictionary(URI=String("https://example.org"))),
        )
        pdf.pages[0].obj.Annots = Array([pdf.make_indirect(link)])

    # The /D entry has no /S: not an action a viewer runs, so nothing is reported for it.
    assert _findings(tmp_path, incomplete) == [
        "page 1 link: (empty) address",
        "page 1 link /AA X: JavaScript",
    ]


def test_a_widget_on_a_page_and_in_the_form_is_reported_once(tmp_path: Path) -> None:
    def widget(pdf: pikepdf.Pdf) -> None:
        field = pdf.make_indirect(
            Dictionary(
                Subtype=Name.Widget,
                T=String("Example"),
                Rect=Array([72, 72, 144, 96]),
                AA=Dictionary(K=_javascript()),
            )
        )
        pdf.pages[0].obj.Annots = Array([field])  # a form's widgets are page annotations too
        pdf.Root.AcroForm = Dictionary(Fields=Array([5, field]))  # 5: not a field, skipped

    assert _findings(tmp_path, widget) == ["page 1 widget /AA K: JavaScript"]


def _nested_fields(depth: int) -> Callable[[pikepdf.Pdf], None]:
    """A form whose fields nest `depth` levels below the top one; the deepest runs a script."""

    def change(pdf: pikepdf.Pdf) -> None:
        field = pdf.make_indirect(Dictionary(T=String("deepest"), A=_javascript()))
        for _ in range(depth):
            field = pdf.make_indirect(Dictionary(Kids=Array([field])))
        pdf.Root.AcroForm = Dictionary(Fields=Array([field]))

    return change


def _nested_names(depth: int, scripts: int = 2) -> Callable[[pikepdf.Pdf], None]:
    """Document scripts in a name tree's leaf `depth` levels below its root."""

    def change(pdf: pikepdf.Pdf) -> None:
        entries: list[object] = []
        for n in range(scripts):
            entries += [String(f"s{n}"), _javascript()]
        node = pdf.make_indirect(Dictionary(Names=Array(entries)))
        for _ in range(depth):
            node = pdf.make_indirect(Dictionary(Kids=Array([node])))
        pdf.Root.Names = Dictionary(JavaScript=node)

    return change


def test_fields_and_name_trees_are_followed_to_the_depth_limit(tmp_path: Path) -> None:
    # 32 levels down is the deepest followed (_MAX_DEPTH), as for chained actions.
    assert _findings(tmp_path, _nested_fields(32)) == [
        "form field 'deepest' annotation: JavaScript"
    ]
    assert _findings(tmp_path, _nested_names(32)) == ["document-level JavaScript (2 scripts)"]
    # One level past the limit, the node there counts as one script: the leaf is not read.
    assert _findings(tmp_path, _nested_names(33)) == ["document-level JavaScript (1 script)"]
    # One level more, or thousands, ends the scan (instead of exhausting the stack), and says so.
    unread = "form fields nested over 32 deep (the rest not read)"
    assert _findings(tmp_path, _nested_fields(33)) == [unread]
    assert _findings(tmp_path, _nested_fields(3000)) == [unread]
    # Below the limit a tree's node is counted as one script: the document still fails.
    assert _findings(tmp_path, _nested_names(3000)) == ["document-level JavaScript (1 script)"]


def test_document_scripts_that_are_not_a_name_tree_count_as_one(tmp_path: Path) -> None:
    def array(pdf: pikepdf.Pdf) -> None:
        pdf.Root.Names = Dictionary(JavaScript=Array([String("a"), _javascript()]))

    assert _findings(tmp_path, array) == ["document-level JavaScript (1 script)"]


def test_past_the_object_limit_the_rest_is_reported_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factsheet.verify import active_content

    # The limit (20,000 in use) lowered to 3, so that a few links pass it; each annotation and
    # each action is one object. Two links with safe actions are four objects: the fourth is
    # not read, and a script could have hidden behind it.
    monkeypatch.setattr(active_content, "_MAX_OBJECTS", 3)

    def links(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.Annots = Array(
            [
                pdf.make_indirect(
                    Dictionary(Subtype=Name.Link, A=Dictionary(S=Name.GoTo, D=Array([0])))
                )
                for _ in range(2)
            ]
        )

    assert _findings(tmp_path, links) == ["more than 3 objects with actions (the rest not read)"]

    def links_then_a_script(pdf: pikepdf.Pdf) -> None:
        links(pdf)
        script = Dictionary(Subtype=Name.Link, A=_javascript())
        pdf.pages[0].obj.Annots.append(pdf.make_indirect(script))

    # Past the limit nothing more is read: the script is not listed, the unread part is.
    assert _findings(tmp_path, links_then_a_script) == [
        "more than 3 objects with actions (the rest not read)"
    ]
    monkeypatch.setattr(active_content, "_MAX_OBJECTS", 4)
    assert _findings(tmp_path, links) == []


def test_kinds_are_named_whole_and_a_damaged_page_hides_no_other(tmp_path: Path) -> None:
    from pypdf import PdfReader
    from pypdf.generic import NumberObject

    from factsheet.verify.active_content import active_content

    def odd_kinds(pdf: pikepdf.Pdf) -> None:
        # Kinds that start with an X (as XFA does): only the slash is taken off their names.
        annotation = Dictionary(Subtype=Name("/Xample"), Rect=Array([0, 0, 9, 9]), A=_javascript())
        pdf.pages[0].obj.Annots = Array([pdf.make_indirect(annotation)])
        pdf.Root.OpenAction = Dictionary(S=Name("/Xample"))

    assert _findings(tmp_path, odd_kinds) == [
        "document open action: Xample action",
        "page 1 xample: JavaScript",
    ]
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    _page_triggers(pdf)
    pdf.save(tmp_path / "triggers.pdf")
    reader = PdfReader(tmp_path / "triggers.pdf")
    # A page that is not a dictionary is passed over; the pages after it are still read.
    pages = [NumberObject(5), *reader.pages]
    assert active_content(reader.trailer["/Root"], pages) == ["page 2 /AA O: JavaScript"]

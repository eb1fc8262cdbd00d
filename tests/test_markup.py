"""Inline markup: bold, italic and links parse; everything else stays literal."""

from __future__ import annotations

import random
import re

import pytest

from factsheet.content import markup
from factsheet.content.markup import MarkupError, Span, parse, to_reportlab


def test_plain_text_is_one_span() -> None:
    assert parse("In 2023, 9,720 reports.") == (Span("In 2023, 9,720 reports."),)


def test_bold_italic_and_link() -> None:
    spans = parse("See **9,720** *reports* at [the site](https://example.org/a).")
    assert spans == (
        Span("See "),
        Span("9,720", bold=True),
        Span(" "),
        Span("reports", italic=True),
        Span(" at "),
        Span("the site", href="https://example.org/a"),
        Span("."),
    )


def test_bold_inside_a_link() -> None:
    assert parse("[**bold** link](mailto:info@example.org)") == (
        Span("bold", bold=True, href="mailto:info@example.org"),
        Span(" link", href="mailto:info@example.org"),
    )


@pytest.mark.parametrize(
    "text", ["AT&T", "R&D <b>not bold</b>", "&amp; &lt;", "<img src=x>", "5 * 3 = 15", "a [b] c"]
)
def test_reportlab_markup_characters_stay_literal(text: str) -> None:
    spans = parse(text)
    assert "".join(s.text for s in spans) == text
    assert all(not (s.bold or s.italic or s.href) for s in spans)
    assert "<b>" not in to_reportlab(spans, link_color="#000000")


def test_escaped_brackets_are_not_a_link() -> None:
    assert parse(r"\[x\](javascript:alert(1))") == (Span("[x](javascript:alert(1))"),)


def test_escaped_stars() -> None:
    assert parse(r"\*\*not bold\*\*") == (Span("**not bold**"),)


def test_parenthesised_link_target() -> None:
    (span,) = parse("[data](https://example.org/Fact_(2031))")
    assert span.href == "https://example.org/Fact_(2031)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a **b", "unbalanced '**' at character 3"),
        ("*a b", "unbalanced '*' at character 1"),
        ("[x](javascript:alert(1))", "link target 'javascript:alert(1)' is not allowed"),
        ("[x](ftp://example.org)", "is not allowed"),
        ("[x](example.org)", "is not allowed"),
        ("[x](https://)", "has no host"),
    ],
)
def test_malformed_markup(text: str, message: str) -> None:
    # Twice: parse remembers its answers, and a refusal must not become a remembered pass.
    for _ in range(2):
        with pytest.raises(
            MarkupError, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")
        ):
            parse(text)


def test_reportlab_output_escapes_user_text_and_quotes_links() -> None:
    spans = parse('**A&B** [x](https://example.org/?a=1&b="2")')
    markup = to_reportlab(spans, link_color="#123456")
    assert markup.startswith("<b>A&amp;B</b>")
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in markup


@pytest.mark.parametrize(
    ("text", "address", "target"),
    [
        # The sentence's full stop, a closing parenthesis it did not open: not the address's.
        ("Data: https://example.org/a.csv.", "https://example.org/a.csv", None),
        ("(see https://example.org/Fact_(data))", "https://example.org/Fact_(data)", None),
        ("Visit www.example.org/es, or", "www.example.org/es", "https://www.example.org/es"),
        ("Write to info@example.org!", "info@example.org", "mailto:info@example.org"),
        # Ideographic punctuation ends it; ideographs before it do not hide it.
        ("请访问https://example.org/zh。谢谢", "https://example.org/zh", None),
        ("请联系info@example.org。", "info@example.org", "mailto:info@example.org"),
    ],
)
def test_an_address_written_out_links_to_itself(
    text: str, address: str, target: str | None
) -> None:
    spans = parse(text)
    links = [span for span in spans if span.href]
    assert links == [Span(address, href=target or address)]
    assert "".join(span.text for span in spans) == text


@pytest.mark.parametrize(
    "text", ["no http: here", "ends in www.", "https://", "user@host", "v2.1 and 3.5%", "a@b.c"]
)
def test_text_that_is_no_address_stays_plain(text: str) -> None:
    assert parse(text) == (Span(text),)


def test_an_address_keeps_its_emphasis_and_a_written_link_is_left_alone() -> None:
    assert parse("**at https://example.org** [https://a.example](https://b.example)") == (
        Span("at ", bold=True),
        Span("https://example.org", bold=True, href="https://example.org"),
        Span(" "),
        Span("https://a.example", href="https://b.example"),
    )


def _parsed(text: str) -> list[Span] | str:
    try:
        return parse(text)
    except MarkupError as error:
        return f"error: {error}"


@pytest.mark.parametrize("seed", range(3))
def test_runs_of_ordinary_characters_parse_as_character_by_character(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The parser copies runs of characters other than \ and * at once. Told that every
    # character is special, it looks at each one in turn: the two must always agree
    # (spans, styles, links and error messages with their character positions).
    picker = random.Random(seed)
    alphabet = ["a", "b", " ", "*", "**", "\\", "[", "]", "(", ")", "5", "x*", "*y", "\n"]
    alphabet += ["[link](https://example.org/a)", "\\*", "\\[", "é", "\u3002"]
    texts = [
        "".join(picker.choice(alphabet) for _ in range(picker.randint(0, 12))) for _ in range(3000)
    ]
    markup.parse.cache_clear()  # parse remembers texts: each pass must really parse them
    fast = [_parsed(text) for text in texts]
    monkeypatch.setattr(markup, "_SPECIAL", re.compile(r"(?s)."))
    markup.parse.cache_clear()
    assert [_parsed(text) for text in texts] == fast
    markup.parse.cache_clear()


def test_texts_without_an_address_marker_skip_the_address_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The quick look for "//", "@" or "www." gives the full search's result on every text."""

    rng = random.Random(2031)
    pieces = [
        "Example",
        " ",
        "example.org",
        "www.example.org",
        "WWW.Example.ORG",
        "https://example.org/a",
        "a//b",
        "x@example.org",
        "@",
        ".",
        "Wʷw.",
        "(www.example.org).",
    ]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(800)]
    quick = [markup._link_addresses(Span(t, bold=True)) for t in texts]
    monkeypatch.setattr(markup, "_MAYBE_ADDRESS", re.compile(""))  # always search in full
    assert quick == [markup._link_addresses(Span(t, bold=True)) for t in texts]
    assert any(span.href for spans in quick for span in spans)

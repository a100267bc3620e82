from __future__ import annotations

import pytest

import expansion_tracker as et
from expansion_tracker.markup import looks_like_html, prepare_document, strip_markup
from expansion_tracker.text import normalize


@pytest.mark.parametrize(
    ("html", "clean"),
    [
        ("<p>Acme opens in Berlin.</p><p>More soon.</p>", "\nAcme opens in Berlin.\n\nMore soon.\n"),
        ("Acme <b>opens</b> an <a href='/x'>office</a>", "Acme opens an office"),
        ("one<br>two<br/>three", "one\ntwo\nthree"),
        ("<td>Berlin</td><td>Paris</td>", " Berlin  Paris "),
        ("R&amp;D in Caf&eacute; &#233; &#xE9;", "R&D in Café é é"),
        ("before<script>var s = '<p>x</p>';</script>after", "beforeafter"),
        ("a<STYLE type='text/css'>p { color: red }</STYLE>b", "ab"),
        ("x<!-- a comment <p> -->y", "xy"),
        ("<!DOCTYPE html><html><body>Hi</body></html>", "\n\nHi\n\n"),
        ("<o:p>Word export</o:p>", "Word export"),
    ],
)
def test_strip_markup_removes_tags_and_decodes_references(html: str, clean: str) -> None:
    stripped = strip_markup(html)
    assert stripped.found
    assert stripped.text == clean
    assert len(stripped.offsets) == len(stripped.text)


@pytest.mark.parametrize(
    "text",
    [
        "Profits < 5% & falling",
        "AT&T and R&D",
        "x <y> z",
        "a -> b <= c",
        "Acme <Berlin> GmbH",
        "&amp without semicolon",
    ],
)
def test_plain_text_with_angle_brackets_or_ampersands_is_left_alone(text: str) -> None:
    stripped = strip_markup(text)
    assert not stripped.found
    assert stripped.text == text
    assert not looks_like_html(text)


def test_offsets_point_at_the_source_characters() -> None:
    html = "<p>Caf&eacute; in <i>Berlin</i></p>"
    stripped = strip_markup(html)
    assert stripped.text == "\nCafé in Berlin\n"
    for i, ch in enumerate(stripped.text):
        src = html[stripped.offsets[i]]
        if ch == "é":
            assert html.startswith("&eacute;", stripped.offsets[i])
        elif ch == "\n":
            assert src == "<"
        else:
            assert src == ch


def test_unclosed_comment_or_script_drops_the_rest_like_a_browser() -> None:
    assert strip_markup("keep<!-- never closed").text == "keep"
    assert strip_markup("keep<script>never closed").text == "keep"


def test_prepare_document_composes_markup_and_normalization_maps() -> None:
    html = "<p>\u201cAcme\u201d&nbsp;opens in Berlin</p>"
    doc = prepare_document(html)
    assert doc.text == '\n"Acme" opens in Berlin\n'
    start = doc.text.index("Acme")
    ev = doc.span(start, start + len('Acme" opens'))
    assert html[ev.start : ev.end] == ev.text
    assert ev.text == "Acme\u201d&nbsp;opens"


def test_clean_document_equals_plain_normalize_without_markup() -> None:
    text = "Acme opens an office in Berlin."
    assert prepare_document(text) == normalize(text)


def test_reject_mode_raises_a_markup_error_showing_the_markup() -> None:
    with pytest.raises(et.MarkupError, match="<b>"):
        et.parse_article("Acme opens <b>two</b> offices", markup="reject")
    assert et.parse_article("Acme opens two offices", markup="reject").language is not None


def test_unknown_markup_mode_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match="'strip'"):
        et.parse_article("Acme", markup="strip")


def test_keep_mode_reads_tags_as_text() -> None:
    assert prepare_document("<b>x</b>", "keep").text == "<b>x</b>"


def test_html_article_evidence_quotes_the_html() -> None:
    html = "<h1>Acme opens office in Berlin</h1>\n<p>Acme&rsquo;s new office in Berlin opened on Monday.</p>"
    ann = et.parse_article(html)
    assert ann.headline == "Acme opens office in Berlin"
    for office in ann.offices:
        assert office.evidence is not None
        assert html[office.evidence.start : office.evidence.end] == office.evidence.text


def test_scan_is_linear_on_pathological_markup() -> None:
    # Each of these would be quadratic with a naive search for the closing part; they must
    # still come back with a result (speed itself is measured in benchmarks/bench_parse.py).
    for text in ("<!--" * 20_000, "<a " * 20_000, "&#" * 20_000, "<script" * 20_000, "<p" + "x" * 100_000):
        stripped = strip_markup(text)
        assert len(stripped.offsets) == len(stripped.text)

"""Hostile input: whatever the text, parse_article returns (or raises a documented error) in bounded
time, its evidence quotes the input, and its result survives a to_dict/from_dict round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import expansion_tracker as et
from expansion_tracker.batch import parse_many
from expansion_tracker.markup import looks_like_html, prepare_document, strip_markup

# Generous per-example deadline (the 1 MB figure lives in benchmarks/bench_parse.py); modest
# example counts so the whole file stays within a few tens of seconds.
PROPERTY = settings(
    max_examples=120,
    deadline=dt.timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # no .hypothesis folder in the working tree; regressions go in @example
)


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    """Build language data and indexes once, so no example pays the first-call cost."""
    for code in et.supported_languages():
        et.parse_article("Acme opened an office in Berlin in March 2024.", language=code)


# ---- strategies -------------------------------------------------------------------------

any_unicode = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)  # surrogates included
controls = st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=100)
SCRIPTS = [
    "Acme GmbH eröffnet Büro",  # Latin with diacritics
    "Компания открыла офис в Москве",  # Cyrillic
    "افتتحت الشركة مكتبا في دبي",  # Arabic, right to left
    "公司在上海开设办事处",  # CJK without spaces
    "कंपनी ने दिल्ली में कार्यालय खोला",  # Devanagari with combining signs
    "e\u0301\u0301\u0301 a\u0308 n\u0303",  # stacked combining marks
    "🚀🏢👩🏽‍💼🇩🇪",  # emoji, ZWJ sequences, flags
    "\u202eevil\u202c \u200f\u200e\u2066x\u2069",  # bidi controls
    "\ufeff\u00ad\u200b\u2060",  # BOM, soft hyphen, zero-width
    "Ⅻ ﬁ ＡＣＭＥ ｏｐｅｎｓ",  # compatibility characters, full-width
]
mixed_scripts = st.lists(st.sampled_from(SCRIPTS) | any_unicode, min_size=1, max_size=8).map(" ".join)
punctuation = st.text(st.sampled_from(list(".!?,;:-–—'\"()[]{}…«»„“”‘’/\\|*&%$€£#@^~_<>")), min_size=1, max_size=400)

# Pieces of news prose in the six languages, so that the extraction stages have something to chew on.
WORDS = [
    "Acme Corp",
    "Siemens AG",
    "Société Générale",
    "Telefónica S.A.",
    "Banca Intesa S.p.A.",
    "Philips N.V.",
    "opened a new office in",
    "plans to open an office in",
    "closed its office in",
    "is headquartered in",
    "eröffnet ein Büro in",
    "schließt den Standort in",
    "ouvre un bureau à",
    "abrirá una oficina en",
    "aprirà un ufficio a",
    "opent een kantoor in",
    "Berlin",
    "New York",
    "São Paulo",
    "München",
    "Paris, France",
    "Austin, TX",
    "Den Haag",
    "in March 2024",
    "am 3. Mai 2025",
    "en el tercer trimestre",
    "by the end of next year",
    "Q3 2025",
    "$5 million",
    "5 Mio. Euro",
    "€1,5 milliards",
    "CEO Jane Doe",
    "said chief executive John Smith",
    "Geschäftsführerin Anna Müller",
    "former CRO of Asana",
    ".",
    ",",
    "\n\n",
    "—",
    "(",
    ")",
    '"',
    "not",
    "will",
]
news = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)

TAGS = ["p", "div", "br", "b", "i", "a href='/x?a=1&amp;b=2'", 'span class="x"', "script", "style", "li", "td", "h1"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&eacute;", "&#233;", "&#x1F680;", "&#0;", "&#xD800;", "&bogus;", "&"]


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append(f"<{draw(st.sampled_from(TAGS))}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS)).split()[0]}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(ENTITIES)))
        elif kind == 3:
            parts.append(draw(st.sampled_from(["<!--", "-->", "<!DOCTYPE html>", "<", ">", "</", "/>", "<p"])))
        else:
            parts.append(draw(news | st.text(max_size=20)))
    return "".join(parts)


hostile = any_unicode | controls | mixed_scripts | punctuation | news | html_fragments()
published = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


# ---- checks -----------------------------------------------------------------------------


def _evidence(ann: et.Announcement) -> list[et.Evidence]:
    found = [o.evidence for o in ann.offices]
    found += [r.evidence for p in ann.people for r in p.roles]
    found += [m.evidence for m in ann.funding]
    return [e for e in found if e is not None]


def check_announcement(text: str, ann: et.Announcement) -> None:
    for ev in _evidence(ann):
        assert 0 <= ev.start <= ev.end <= len(text), ev
        assert text[ev.start : ev.end] == ev.text
    data = ann.to_dict()
    assert et.Announcement.from_dict(data) == ann
    assert et.Announcement.from_dict(json.loads(json.dumps(data))) == ann


# ---- properties -------------------------------------------------------------------------


@PROPERTY
@given(text=hostile, pub=published)
@example(text="\ud800 lone \udfff surrogates", pub=None)
@example(text="<p>Acme &amp; Co opened an office in Berlin</p>", pub=dt.date(2024, 3, 4))
@example(text="!" * 5000, pub=None)
def test_parse_article_never_raises_and_evidence_quotes_the_input(text: str, pub: dt.date | None) -> None:
    ann = et.parse_article(text, published=pub)
    check_announcement(text, ann)


@PROPERTY
@given(text=news | html_fragments(), language=st.sampled_from(et.supported_languages()))
def test_every_language_handles_every_text(text: str, language: str) -> None:
    check_announcement(text, et.parse_article(text, language=language, published=dt.date(2024, 6, 30)))


@settings(PROPERTY, max_examples=40)
@given(text=hostile, markup=st.sampled_from(["clean", "keep", "reject"]))
def test_markup_modes_raise_only_markup_errors(text: str, markup: str) -> None:
    try:
        ann = et.parse_article(text, markup=markup)
    except et.MarkupError:
        assert markup == "reject" and looks_like_html(text)
        return
    check_announcement(text, ann)


@settings(PROPERTY, max_examples=8, phases=[Phase.explicit, Phase.generate])  # no slow shrinking of 100k texts
@given(
    token=st.sampled_from(["a", "Berlin", "&amp;", "<b>", "–", "\u0301", "€5", "Ab "]),
    before=news,
    after=news,
)
@example(token="Ab ", before="", after="")  # always tried: a 33k-word capitalized run, once quadratic in orgs
def test_very_long_tokens_parse(token: str, before: str, after: str) -> None:
    text = f"{before} {token * (100_000 // len(token))} {after}"
    check_announcement(text, et.parse_article(text))


@pytest.mark.parametrize("token", [".", "!", "?", "…", "a.", "1.", "O'", "'s", "Ab-"])
def test_long_punctuation_runs_parse(token: str) -> None:
    text = "Acme opened an office in Berlin " + token * (100_000 // len(token))
    check_announcement(text, et.parse_article(text))


@settings(PROPERTY, max_examples=200)
@given(text=hostile)
def test_strip_markup_offsets_point_into_the_input(text: str) -> None:
    stripped = strip_markup(text)
    assert len(stripped.offsets) == len(stripped.text)
    assert all(0 <= o < len(text) for o in stripped.offsets)
    assert list(stripped.offsets) == sorted(stripped.offsets)
    if not stripped.found:
        assert stripped.text == text
    doc = prepare_document(text)
    for start in range(0, len(doc.text) + 1, 7):
        for end in (start, min(len(doc.text), start + 5)):
            ev = doc.span(start, end)
            assert text[ev.start : ev.end] == ev.text


@settings(PROPERTY, max_examples=200)
@given(text=st.text(st.characters(exclude_characters="<&"), max_size=200))
def test_text_without_markup_characters_is_never_changed(text: str) -> None:
    assert not strip_markup(text).found
    assert not looks_like_html(text)


@settings(PROPERTY, max_examples=15)
@given(texts=st.lists(hostile, max_size=12))
def test_parse_many_has_no_unexpected_failures(texts: list[str]) -> None:
    results = parse_many(texts, chunksize=5)
    assert [r.source for r in results] == [f"<text {i}>" for i in range(len(texts))]
    bugs = [(t, r.error) for t, r in zip(texts, results, strict=True) if r.unexpected]
    assert not bugs

"""``parse_article``: the stages from text to an :class:`Announcement`, composed in one place."""

from __future__ import annotations

import datetime as dt

from .dates import DateLine, find_dates, publication_date_line
from .detect import detect_language
from .errors import ArticleTypeError, InvalidDateError
from .languages import load_language
from .markup import prepare_document
from .models import Announcement, Company, DateValue, Money, Office, Person, Role
from .money import find_money
from .offices import find_offices
from .orgs import find_organizations, find_subject
from .people import find_people
from .places import find_places
from .text import Sentence, split_sentences

__all__ = ["parse_article"]


def _check_published(published: object) -> dt.date | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published)
        except ValueError:
            raise InvalidDateError("published", published, "not an ISO date (YYYY-MM-DD)") from None
    raise InvalidDateError("published", published)


def _headline(text: str, sentences: list[Sentence], date_line: DateLine | None) -> str | None:
    """The first sentence that is not the date line ("Feb 20, 2024 9:30 AM ET"); of a sentence that
    opens with a dateline ("May 14, 2024 /PRNewswire/ -- Acme opens ..."), the part after it."""
    for sentence in sentences:
        if date_line is None or sentence.end <= date_line.start or sentence.start >= date_line.body_start:
            return sentence.text
        if sentence.end > date_line.body_start:
            return text[date_line.body_start : sentence.end].strip() or None
    return None


def parse_article(
    text: str,
    *,
    published: dt.date | None = None,
    language: str | None = None,
    source: str | None = None,
    country_bias: str | None = None,
    markup: str = "clean",
) -> Announcement:
    """Read one article and return what it says about companies' offices, people and money.

    ``published`` (from feed metadata) anchors relative dates; without it the article's own date
    line is used, and relative dates stay unresolved if there is none. ``language`` is detected
    when not given. Empty or whitespace-only text gives an empty Announcement. ``markup`` says what
    to do with HTML: "clean" strips tags and decodes entities, "reject" raises MarkupError, "keep"
    reads it as text (see ``markup.py``).

    >>> ann = parse_article("   ")
    >>> ann.is_empty, ann.offices
    (True, ())
    >>> parse_article(b"bytes")
    Traceback (most recent call last):
    ...
    expansion_tracker.errors.ArticleTypeError: text must be str, not bytes
    """
    if not isinstance(text, str):
        raise ArticleTypeError(text)
    pub = _check_published(published)
    lang = load_language(language) if language is not None else None
    if not text.strip():
        return Announcement(language=language, published=pub, source=source)

    doc = prepare_document(text, markup)  # HTML cleaned/rejected, then normalized (markup.py)
    clean = doc.text
    if lang is None:
        lang = load_language(detect_language(clean))
    sentences = split_sentences(clean, lang.get("text", "abbreviations"))
    date_line = publication_date_line(clean, lang)
    if pub is None and date_line is not None:
        pub = date_line.date

    places = find_places(clean, lang, country_bias=country_bias)
    dates = find_dates(clean, lang, pub)
    money = find_money(clean, lang)
    orgs = find_organizations(clean, lang, sentences, places)
    subject = find_subject(clean, lang, sentences, orgs)
    people = find_people(clean, lang, sentences, orgs, subject, places)
    published_value = DateValue.day(pub.year, pub.month, pub.day) if pub else None
    facts = find_offices(clean, lang, sentences, places, dates, orgs, subject, published_value)

    offices = tuple(
        Office(
            company=f.company,
            place=f.place,
            status=f.status,
            kind=f.kind,
            label=f.label,
            date=f.date,
            evidence=doc.span(f.start, f.end),
            confidence=f.confidence,
            background=f.background,
        )
        for f in facts
    )
    persons = tuple(
        Person(
            name=p.name,
            roles=tuple(
                Role(r.title, r.organization, r.current, doc.span(r.start, r.end), r.confidence) for r in p.roles
            ),
        )
        for p in people
    )
    # one amount per round: a headline and its body ("Picnic haalt 355 miljoen euro op" ... "heeft 355
    # miljoen euro opgehaald") name the same money; the first mention is kept as the evidence
    first_mentions = {(m.money.amount, m.money.currency): m for m in reversed(money) if m.funding}
    funding = tuple(
        Money(m.money.amount, m.money.currency, doc.span(m.start, m.end))
        for m in sorted(first_mentions.values(), key=lambda m: m.start)
    )
    headline = _headline(clean, sentences, date_line)
    return Announcement(
        language=lang.code,
        published=pub,
        company=Company(subject) if subject else None,
        offices=offices,
        people=persons,
        organizations=tuple(dict.fromkeys(o.name for o in orgs)),
        funding=funding,
        source=source,
        headline=headline,
    )

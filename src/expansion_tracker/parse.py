"""``parse_article``: the stages from text to an :class:`Announcement`, composed in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from .candidates import OfficeCandidate, find_candidates
from .dates import find_dates, find_publication_date
from .detect import detect_language
from .errors import ArticleTypeError, InvalidDateError, ParameterError
from .languages import LanguageData, load_language
from .markup import prepare_document
from .models import Announcement, Company, DateValue, Money, Office, Person, Role
from .money import find_money
from .offices import OfficeFact, find_offices
from .orgs import find_organizations, find_subject
from .people import find_people
from .places import find_places
from .scorer import decide_offices, load_office_model
from .spans import DateMention, MoneyMention, OrgMention, PersonMention, PlaceMention
from .text import Document, Sentence, split_sentences

__all__ = ["DECIDERS", "Detection", "assemble", "candidates", "detect", "parse_article"]

DECIDERS = ("rules", "model")


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


def parse_article(
    text: str,
    *,
    published: dt.date | None = None,
    language: str | None = None,
    source: str | None = None,
    country_bias: str | None = None,
    markup: str = "clean",
    decider: str = "rules",
) -> Announcement:
    """Read one article and return what it says about companies' offices, people and money.

    ``published`` (from feed metadata) anchors relative dates; without it the article's own date
    line is used, and relative dates stay unresolved if there is none. ``language`` is detected
    when not given. Empty or whitespace-only text gives an empty Announcement. ``markup`` says what
    to do with HTML: "clean" strips tags and decodes entities, "reject" raises MarkupError, "keep"
    reads it as text (see ``markup.py``). ``decider`` says who decides which places are offices:
    "rules" (the hand cascade of ``offices.py``, the default while it scores higher) or "model" (the
    learned decision of ``scorer.py`` over the candidates of ``candidates.py``; see tools/evaluate.py).

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
    if decider not in DECIDERS:
        raise ParameterError("decider", decider, " or ".join(map(repr, DECIDERS)))
    lang = load_language(language) if language is not None else None
    if not text.strip():
        return Announcement(language=language, published=pub, source=source)

    det = detect(text, published=pub, language=lang, source=source, country_bias=country_bias, markup=markup)
    if decider == "model":
        facts = decide_offices(candidates(det), load_office_model(), det.subject)
    else:
        facts = find_offices(
            det.clean, det.lang, det.sentences, det.places, det.dates, det.orgs, det.subject, det.published_value
        )
    return assemble(det, facts)


@attrs.frozen
class Detection:
    """What the finders read in one article, before any office is decided."""

    doc: Document
    lang: LanguageData
    sentences: tuple[Sentence, ...]
    published: dt.date | None
    source: str | None
    places: tuple[PlaceMention, ...]
    dates: tuple[DateMention, ...]
    money: tuple[MoneyMention, ...]
    orgs: tuple[OrgMention, ...]
    subject: str | None
    people: tuple[PersonMention, ...]

    @property
    def clean(self) -> str:
        return self.doc.text

    @property
    def published_value(self) -> DateValue | None:
        pub = self.published
        return DateValue.day(pub.year, pub.month, pub.day) if pub else None


def detect(
    text: str,
    *,
    published: dt.date | None,
    language: LanguageData | None,
    source: str | None,
    country_bias: str | None,
    markup: str,
) -> Detection:
    """The detection stages over non-empty text: mentions of every kind and the office candidates."""
    doc = prepare_document(text, markup)  # HTML cleaned/rejected, then normalized (markup.py)
    clean = doc.text
    lang = language if language is not None else load_language(detect_language(clean))
    sentences = split_sentences(clean, lang.get("text", "abbreviations"))
    pub = published if published is not None else find_publication_date(clean, lang)
    places = find_places(clean, lang, country_bias=country_bias)
    dates = find_dates(clean, lang, pub)
    money = find_money(clean, lang)
    orgs = find_organizations(clean, lang, sentences, places)
    subject = find_subject(clean, lang, sentences, orgs)
    people = find_people(clean, lang, sentences, orgs, subject, places)
    return Detection(
        doc,
        lang,
        tuple(sentences),
        pub,
        source,
        tuple(places),
        tuple(dates),
        tuple(money),
        tuple(orgs),
        subject,
        tuple(people),
    )


def candidates(det: Detection) -> list[OfficeCandidate]:
    """The office candidates of a detected article (only the learned decision reads them)."""
    return find_candidates(
        det.clean,
        det.lang,
        det.sentences,
        det.places,
        det.dates,
        det.orgs,
        det.people,
        det.subject,
        det.published_value,
    )


def assemble(det: Detection, facts: Sequence[OfficeFact]) -> Announcement:
    """One Announcement from what was detected and the office facts decided on it."""
    doc, sentences, money, people = det.doc, det.sentences, det.money, det.people
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
    headline = sentences[0].text if sentences else None
    return Announcement(
        language=det.lang.code,
        published=det.published,
        company=Company(det.subject) if det.subject else None,
        offices=offices,
        people=persons,
        organizations=tuple(dict.fromkeys(o.name for o in det.orgs)),
        funding=funding,
        source=det.source,
        headline=headline,
    )

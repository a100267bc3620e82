"""``parse_article``: the stages from text to an :class:`Announcement`, composed in one place."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

import attrs

from .candidates import (
    FundingCandidate,
    OfficeCandidate,
    SubjectCandidate,
    find_candidates,
    find_funding_candidates,
    find_subject_candidates,
    find_towns,
    uncovered,
    with_rule_readings,
)
from .dates import DateLine, find_dates, publication_date_line
from .detect import detect_language
from .errors import ArticleTypeError, InvalidDateError, ParameterError
from .languages import LanguageData, load_language
from .markup import prepare_document
from .models import Announcement, Company, DateValue, Money, Office, OfficeKind, OfficeStatus, Person, Role
from .money import find_money
from .offices import OfficeFact, find_offices
from .orgs import find_organizations, find_subject
from .people import PENDING_SUBJECT, find_people, resolve_subject
from .places import find_places
from .scorer import (
    LinearModel,
    decide_funding,
    decide_offices,
    decide_subject,
    load_model,
)
from .spans import DateMention, MoneyMention, OrgMention, PersonMention, PlaceMention
from .text import Document, Sentence, split_sentences

__all__ = [
    "DECIDERS",
    "Detection",
    "assemble",
    "candidates",
    "choose_subject",
    "detect",
    "detect_mentions",
    "full_names",
    "funding_candidates",
    "model_facts",
    "parse_article",
    "rule_facts",
    "subject_candidates",
    "with_rule_details",
    "with_subject",
]

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


def _headline(text: str, sentences: Sequence[Sentence], date_line: DateLine | None) -> str | None:
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
    decider: str = "model",
) -> Announcement:
    """Read one article and return what it says about companies' offices, people and money.

    ``published`` (from feed metadata) anchors relative dates; without it the article's own date
    line is used, and relative dates stay unresolved if there is none. ``language`` is detected
    when not given. Empty or whitespace-only text gives an empty Announcement. ``markup`` says what
    to do with HTML: "clean" strips tags and decodes entities, "reject" raises MarkupError, "keep"
    reads it as text (see ``markup.py``). The subject company is chosen by the learned subject
    model (``scorer.py``). ``decider`` says who decides which places are offices: "model" (the
    default: the learned decision over the candidates of ``candidates.py``, which weighs the rules'
    reading of each place among its features; higher in cross-validation, see docs/evaluation.md)
    or "rules" (the hand cascade of ``offices.py`` alone).

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

    det = detect(
        text,
        published=pub,
        language=lang,
        source=source,
        country_bias=country_bias,
        markup=markup,
        subject_model=load_model("subject"),
    )
    facts = rule_facts(det)
    if decider == "model":
        facts = model_facts(det, facts, load_model("office"), load_model("owner"))
    det = attrs.evolve(det, money=tuple(decide_funding(funding_candidates(det), load_model("funding"))))
    return assemble(det, facts)


def model_facts(
    det: Detection, rules: Sequence[OfficeFact], office_model: LinearModel, owner_model: LinearModel
) -> list[OfficeFact]:
    """The offices the learned models decide among the candidates, with the details of ``rules``."""
    decided = decide_offices(candidates(det, rules), office_model, det.subject, owner_model)
    return with_rule_details(decided, rules, det.subject)


_HEAD_OFFICES = (OfficeKind.HEADQUARTERS, OfficeKind.REGIONAL_HEADQUARTERS)


def with_rule_details(
    decided: Sequence[OfficeFact], rules: Sequence[OfficeFact], subject: str | None
) -> list[OfficeFact]:
    """The model's offices with what it does not decide, taken from the rules' fact at the same place
    when both read the same class: a head office's lifecycle and whether it is regional ("will open
    its European headquarters in Dublin" is a planned regional head office, not an existing head
    office), the office's label and its date. An office of another company than the subject is
    background, as the rules mark it."""
    by_place: dict[tuple[str | None, str], OfficeFact] = {}
    for f in rules:  # the first fact at a place, as the rules order them
        by_place.setdefault((f.place.name, f.place.country), f)
    out = []
    for fact in decided:
        fact = attrs.evolve(fact, background=subject is not None and fact.company != subject)
        rule = by_place.get((fact.place.name, fact.place.country))
        if rule is not None:
            rule_hq = rule.kind in _HEAD_OFFICES and rule.status is not OfficeStatus.CLOSED
            if fact.kind is OfficeKind.HEADQUARTERS and rule_hq:
                fact = attrs.evolve(fact, status=rule.status, kind=rule.kind, label=rule.label)
            elif fact.status is rule.status and (fact.kind is rule.kind or rule.status is OfficeStatus.CLOSED):
                # a closed head office stays a head office; an open one would be another class than decided
                fact = attrs.evolve(fact, kind=rule.kind, label=rule.label)
            if fact.date is None and fact.status is rule.status:
                fact = attrs.evolve(fact, date=rule.date)
        out.append(fact)
    return out


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
    date_line: DateLine | None = None
    # towns too small for the place finder, named where a sentence speaks of an office: places to both deciders
    towns: tuple[PlaceMention, ...] = ()

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
    subject_model: LinearModel | None = None,
) -> Detection:
    """The detection stages over non-empty text: mentions of every kind, and the subject company
    (chosen by ``subject_model`` when given, else by the rules of ``orgs.find_subject``)."""
    det = detect_mentions(
        text, published=published, language=language, source=source, country_bias=country_bias, markup=markup
    )
    if subject_model is None:
        subject = find_subject(det.clean, det.lang, det.sentences, det.orgs)
        return with_subject(det, subject)
    names = subject_candidates(det)
    return with_subject(det, choose_subject(det, names, subject_model), full_names(names))


def choose_subject(det: Detection, names: Sequence[SubjectCandidate], model: LinearModel) -> str | None:
    """The subject company the model picks among ``names``, in the organization finder's form."""
    return _canonical(decide_subject(names, model), det.orgs)


def _canonical(name: str | None, orgs: Sequence[OrgMention]) -> str | None:
    """The organization finder's form of a chosen name: "Beispiel AG" is the organization "Beispiel"."""
    if name is None:
        return None
    for o in orgs:
        if o.text == name or (name.startswith(o.name + " ") and o.text.startswith(o.name)):
            return o.name
    return name


def detect_mentions(
    text: str,
    *,
    published: dt.date | None,
    language: LanguageData | None,
    source: str | None,
    country_bias: str | None,
    markup: str,
) -> Detection:
    """The stages that do not depend on the subject company: places, dates, money, organizations, and people
    (whose roles of the subject company wait for it: see :func:`with_subject`)."""
    doc = prepare_document(text, markup)  # HTML cleaned/rejected, then normalized (markup.py)
    clean = doc.text
    lang = language if language is not None else load_language(detect_language(clean))
    sentences = split_sentences(clean, lang.get("text", "abbreviations"))
    date_line = publication_date_line(clean, lang)
    pub = published if published is not None or date_line is None else date_line.date
    found = find_places(clean, lang, country_bias=country_bias)
    # towns too small for the place finder, where a sentence speaks of an office; a town's longer name
    # ("Puebla de Sanabria") replaces the places read in it
    towns = find_towns(clean, sentences, found, lang)
    places = uncovered(found, towns)
    dates = find_dates(clean, lang, pub)
    # the article's countries, the most named first: a currency word of several countries is theirs
    countries = [c for c, _ in Counter(p.place.country for p in places).most_common()]
    money = find_money(clean, lang, countries)
    orgs = find_organizations(clean, lang, sentences, places)
    people = find_people(clean, lang, sentences, orgs, PENDING_SUBJECT, places)
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
        None,
        tuple(people),
        date_line,
        tuple(towns),
    )


def with_subject(det: Detection, subject: str | None, full: Mapping[str, str] | None = None) -> Detection:
    """``det`` (of :func:`detect_mentions`) with its subject company, which its people's roles of the subject
    company now name; a role's organization named by its initials takes its ``full`` name ("OPT": "Ocean
    Power Technologies")."""
    people = resolve_subject(det.people, subject)
    if full:
        people = [_with_full_names(p, full) for p in people]
    return attrs.evolve(det, subject=subject, people=tuple(people))


def _with_full_names(person: PersonMention, full: Mapping[str, str]) -> PersonMention:
    """``person`` with each role's organization that ``full`` spells out under its full name."""
    if not any(r.organization in full for r in person.roles):
        return person
    roles = tuple(attrs.evolve(r, organization=full.get(r.organization or "", r.organization)) for r in person.roles)
    return attrs.evolve(person, roles=roles)


def full_names(names: Sequence[SubjectCandidate]) -> dict[str, str]:
    """The article's names given by their initials, each with its full name (see ``SubjectCandidate``)."""
    return {c.name.rstrip("."): c.full_name for c in names if c.full_name}


def subject_candidates(det: Detection) -> list[SubjectCandidate]:
    """The names that could be the subject company, with their features (of people, only their name spans count)."""
    return find_subject_candidates(det.clean, det.lang, det.sentences, det.places, det.orgs, det.people)


def rule_facts(det: Detection) -> list[OfficeFact]:
    """The offices the hand rules of ``offices.py`` read in a detected article."""
    places = sorted((*det.places, *det.towns), key=lambda p: p.start) if det.towns else det.places
    return find_offices(
        det.clean, det.lang, det.sentences, places, det.dates, det.orgs, det.subject, det.published_value
    )


def candidates(det: Detection, facts: Sequence[OfficeFact] | None = None) -> list[OfficeCandidate]:
    """The office candidates of a detected article (only the learned decision reads them), each with the
    rules' reading of its place (``facts``, else the rules are run) as a feature."""
    found = find_candidates(
        det.clean,
        det.lang,
        det.sentences,
        det.places,
        det.dates,
        det.orgs,
        det.people,
        det.subject,
        det.published_value,
        det.towns,
    )
    return with_rule_readings(found, rule_facts(det) if facts is None else facts)


def funding_candidates(det: Detection) -> list[FundingCandidate]:
    """The amounts of a detected article with the features the funding model reads."""
    return find_funding_candidates(det.clean, det.lang, det.sentences, det.money, det.orgs, det.subject)


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
    headline = _headline(doc.text, sentences, det.date_line)
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

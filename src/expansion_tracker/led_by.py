"""Leaders named by a phrase: "the London office, led by Jane Doe", "le bureau de Paris, dirigé par
Marie Dupont", "das Münchner Büro unter der Leitung von Hans Müller".

A sentence says a person leads an office when it names the office's place, then within
:data:`_LEAD_GAP` words a lead phrase (``lead_phrases`` in each language's ``people.json``), then
at once the person's name: two or three capitalised words, name particles ("de", "van der")
allowed between them. The place may be written as the place finder reads it in the article's
language ("Münchner", "parisien"). Between place and phrase there is no conjunction and no
company noun: "based in London and led by", "the London startup led by" speak of the company.
This reads sentences already stored (an office's evidence, an article's text); the parser's
people stage is not involved.
"""

from __future__ import annotations

import re
from functools import cache

import attrs

from .gazetteer import fold_name
from .languages import load_language, supported_languages
from .models import Place
from .places import find_places

__all__ = ["LeadMention", "lead_pattern", "read_name", "said_to_lead"]

# Words between the place and the lead phrase: "its London office, led by" has one, "its London
# engineering hub, led by" two; a longer gap is usually another clause.
_LEAD_GAP = 3
# Capitalised words in a name: given names and a surname ("Anna Maria Berger"); more is usually a
# name followed by a capitalised noun or organization.
_MAX_NAME_WORDS = 3
# A person's name has at least a given name and a surname: a single capitalised word after "led by"
# is as often a company or a team.
_MIN_NAME_WORDS = 2
# Punctuation that may close a name's last word ("Jane Doe, the ..."; "(led by Jane Doe)").
_CLOSERS = ",;:!?)]»”\"'’"
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_WORDS = re.compile(r"\w+")


@attrs.frozen
class LeadMention:
    """A person a sentence says leads an office: the name, the lead phrase as written, and where
    the name stands in the sentence."""

    name: str
    phrase: str
    start: int
    end: int


@cache
def lead_pattern() -> re.Pattern[str]:
    """The lead phrases of every language, as one pattern (a collection mixes languages)."""
    phrases = {
        p.casefold() for code in supported_languages() for p in load_language(code).get("people", "lead_phrases")
    }
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


@cache
def _company_words() -> frozenset[str]:
    """Conjunctions and company nouns of every language, folded: between a place and a lead phrase
    they tie the phrase to the company, not to an office there."""
    words: set[str] = set()
    for code in supported_languages():
        lang = load_language(code)
        words.update(fold_name(w) for w in (*lang.get("people", "conjunctions"), *lang.get("orgs", "company_nouns")))
    return frozenset(words)


@cache
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """Name particles (single words) and words never part of a name ("Mr", "Herr", "Selon"), folded,
    from every language."""
    particles: set[str] = set()
    never: set[str] = set()
    for code in supported_languages():
        lang = load_language(code)
        particles.update(w for p in lang.get("people", "name_particles") for w in fold_name(p).split())
        never.update(fold_name(w) for w in lang.get("people", "non_name_words"))
    return frozenset(particles), frozenset(never)


def read_name(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the person's name that starts at ``pos`` (after spaces), or None.

    >>> text = "led by Jan de Vries, the firm said"
    >>> start, end = read_name(text, 6)
    >>> text[start:end]
    'Jan de Vries'
    >>> read_name("led by Google engineers", 6) is None
    True
    >>> read_name("led by CEO Jane Doe", 6) is None  # a company-wide title
    True
    """
    particles, never = _name_words()
    start = end = -1
    capitals = 0
    skipped = False  # one leading honorific ("Dr.", "Herr") is passed over
    previous = pos
    for m in _TOKEN.finditer(text, pos):
        if "\n" in text[previous : m.start()]:
            break
        previous = m.end()
        raw = m.group()
        core = raw.rstrip(_CLOSERS + ".")
        initial = len(core) == 1 and raw.startswith(f"{core}.")
        if not core or not _WORD.fullmatch(core):
            break
        folded = fold_name(core)
        if len(core) > 1 and core.isupper():  # an acronym: a title ("CEO") or an organization
            break
        if core[0].isupper():
            if folded in never:
                if capitals or skipped:
                    break
                skipped = True
                continue
            capitals += 1
            start = m.start() if start < 0 else start
            end = m.start() + len(core) + (1 if initial else 0)
        elif not (capitals and folded in particles):
            break
        if capitals == _MAX_NAME_WORDS or (core != raw and not initial):
            break
    return (start, end) if capitals >= _MIN_NAME_WORDS else None


def _is_place(found: Place, place: Place) -> bool:
    """Whether a place named in a sentence is the office's place."""
    if place.is_country:
        return found.is_country and found.country == place.country
    if place.geonames_id is not None:
        return found.geonames_id == place.geonames_id
    return (
        found.name is not None
        and fold_name(found.name) == fold_name(place.name or "")
        and found.country == place.country
    )


def said_to_lead(sentence: str, place: Place, language: str | None) -> list[LeadMention]:
    """The people ``sentence`` says lead the office at ``place`` (the rule is in the module docstring).

    >>> london = Place("London", "GB", geonames_id=2643743)
    >>> [m.name for m in said_to_lead("Acme opened its London office, led by Jane Doe, on Monday.", london, "en")]
    ['Jane Doe']
    >>> munich = Place("Munich", "DE", geonames_id=2867714)
    >>> said_to_lead("Das Münchner Büro unter der Leitung von Hans Müller wächst.", munich, "de")[0].phrase
    'unter der Leitung von'
    >>> said_to_lead("Acme opened its London office; its Paris office, led by Jane Doe, follows.", london, "en")
    []
    >>> said_to_lead("Acme, a London startup led by Jane Doe, opened an office in Paris.", london, "en")
    []
    """
    out: list[LeadMention] = []
    lang = load_language(language if language in supported_languages() else "en")
    for m in lead_pattern().finditer(sentence):
        span = read_name(sentence, m.end())
        if span is None:
            continue
        named = find_places(sentence[: m.start()], lang)
        if not named or not _is_place(named[-1].place, place):
            continue
        gap = [fold_name(w) for w in _WORDS.findall(sentence[named[-1].end : m.start()])]
        if len(gap) > _LEAD_GAP or _company_words().intersection(gap):
            continue
        out.append(LeadMention(sentence[span[0] : span[1]], m.group(), span[0], span[1]))
    return out

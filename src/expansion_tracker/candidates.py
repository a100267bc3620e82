"""Office candidates: every place of an article, with the language-independent features a model decides on.

Detection proposes, it does not decide: each distinct place the article names (a city or a
country) becomes one :class:`OfficeCandidate`, whatever surrounds it. Its features describe the
contexts of all its mentions in terms that hold in every language: which cue categories of the
language data (office nouns, lifecycle verbs by status, future and plan cues, negation, moves,
possessives...) stand in the mention's own clause or sentence, on which side and how far; where the
mention stands (headline, lead, dateline, list, inside an organization's name or a person's title);
whether the subject company or another organization acts in the clause; whether a date there lies
before or after publication. No feature is a word of any language: :func:`feature_vocabulary_is_language_free`
is checked by the tests. :mod:`expansion_tracker.scorer` turns the features into a decision.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

import attrs

from .cues import (
    Cue,
    Group,
    Lexicon,
    Tokens,
    clauses,
    dateline_end,
    find_cues,
    group_places,
    lexicon,
    office_words,
    sentence_tokens,
)
from .gazetteer import fold_name, get_gazetteer, get_towns
from .languages import LanguageData, load_language
from .memo import register_cache
from .models import DateValue, OfficeKind, OfficeStatus
from .money import CUE_REACH, MIN_FUNDING, funding_cues
from .offices import OfficeFact, _inside_org, _same_company
from .orgs import UPPER, _calendar_words
from .places import not_town_words
from .spans import DateMention, MoneyMention, OrgMention, PersonMention, PlaceMention
from .text import Sentence

__all__ = [
    "FUNDING_STRUCTURE",
    "NEVER_FUNDING",
    "OWNER_STRUCTURE",
    "STRUCTURE",
    "SUBJECT_STRUCTURE",
    "FundingCandidate",
    "OfficeCandidate",
    "OwnerCandidate",
    "SubjectCandidate",
    "cue_categories",
    "find_candidates",
    "find_funding_candidates",
    "find_subject_candidates",
    "find_towns",
    "owner_options",
    "uncovered",
    "with_rule_readings",
]

# up to 4 capitalized words, "&" joining two of them ("Marks & Spencer")
_RUN = re.compile(rf"(?<![\w&'.-])[{UPPER}][\w&'.-]*(?:[ ](?:&[ ])?[{UPPER}0-9][\w&'.-]*){{0,3}}")
# A run of capitalized words that lower-case particles may join ("Duruelo de la Sierra", "Sauze d'Oulx")
_TOWN_RUN = re.compile(
    rf"(?<![\w&'.-])[{UPPER}][\w'’.-]*"
    rf"(?:[ ](?:[a-zà-ÿ]{{1,3}}[ ]){{0,2}}(?:[a-zà-ÿ]{{1,2}}['’])?[{UPPER}][\w'’.-]*){{0,3}}"
)
_ELIDED = re.compile(rf"[a-zà-ÿ]{{1,2}}['’][{UPPER}]")  # "d'Oulx": a particle elided into a name word
_TOWN_WORDS = 6  # words of the longest town name looked up, particles included ("Monteagudo de las Vicarías")
_AREA_CHARS = 20  # characters read after a town for an area word ("County")
_TOWN_LEAD = 2  # lower-case words between a preposition and its town ("im niedersächsischen Stolzenau")
_TOWN_BEFORE = 60  # characters read before a town for the words it stands after
_TOWN_CONFIDENCE = 0.5  # a town found by name in an office sentence: the model weighs it by its context
_REACH = 25  # tokens: cues farther from a place say nothing of it (and a long list stays linear)
_SAME_START = 8  # status cues that may start at one token (one per category at most)
_NEAR_ORGS = 3  # organizations on each side of a place that may own its office
_NEAR = 3  # tokens: a cue this close is part of the mention's own phrase ("office in X", "X-based")
_MID = 8  # tokens: within the mention's verb group
_LEAD_SENTENCES = 3  # the headline and the first sentences, where news states its main fact
_MANY_MENTIONS = 3  # a place named this often is what the article is about
_MANY_PLACES = 6  # an article naming this many places is a list or a round-up


# The names features are built from, besides cue categories: where a mention stands and what is
# around it. Feature names never hold text.
STRUCTURE = frozenset(
    [
        *("pos", "head", "lead", "body", "how", "main", "where", "who", "colon", "country", "city", "town"),
        *("derived", "list"),
        *("first", "mid", "last", "dateline", "in_org", "in_role", "prep_before", "owner_prep_before"),
        *("hyphen_after", "possessive_after", "nearest", "noun", "nonoun", "future", "negation"),
        *("noun_without_status", "h", "c", "L", "R", "Ln", "Lm", "Lf", "Rn", "Rm", "Rf", "s_nearest"),
        *("subj_in_clause", "org_in_clause", "date", "past", "now", "unknown", "country_has_city"),
        *("mentions", "1", "2", "many", "places", "few", "o", "move", "from", "to"),
        *("rules", "none", "country_named"),
    ]
)


def cue_categories(lang: LanguageData) -> frozenset[str]:
    """The cue categories of a language's office lexicon: concept names such as "office" or "status:closed"."""
    return frozenset(category for entries in lexicon(lang.code).phrases.values() for _, category in entries)


@attrs.frozen
class OwnerCandidate:
    """An organization named near a place, with what ties it to the place's office."""

    name: str
    features: frozenset[str]


@attrs.frozen
class OfficeCandidate:
    """One place of one article, its mentions, and the features of their contexts."""

    mentions: tuple[PlaceMention, ...]
    features: frozenset[str]
    evidence: tuple[int, int]  # the sentence that best states the fact (clean-text offsets)
    date: DateValue | None = None
    owners: tuple[OwnerCandidate, ...] = ()  # organizations that may own the office (the subject apart)


def with_rule_readings(cands: Sequence[OfficeCandidate], facts: Sequence[OfficeFact]) -> list[OfficeCandidate]:
    """Each candidate with what the hand rules of :mod:`expansion_tracker.offices` read at its place, as
    one more feature ("rules:status:closed", "rules:hq", "rules:none"): the rules weigh the clause
    structure their own way, and the model learns from the annotated articles how far to trust them."""
    readings: dict[tuple[str | None, str], str] = {}
    for f in facts:  # the first fact at a place, as the rules order them
        hq = f.kind is OfficeKind.HEADQUARTERS and f.status is not OfficeStatus.CLOSED
        readings.setdefault((f.place.name, f.place.country), "rules:hq" if hq else f"rules:status:{f.status.value}")
    out = []
    for c in cands:
        place = c.mentions[0].place
        reading = readings.get((place.name, place.country), "rules:none")
        out.append(attrs.evolve(c, features=c.features | {reading}))
    return out


def _bucket(distance: int) -> str:
    return "n" if distance <= _NEAR else "m" if distance <= _MID else "f"


@attrs.define
class _MentionContext:
    features: set[str]
    strength: int  # how many office or status cues its clause holds: the best evidence has most
    sentence: Sentence
    date: DateValue | None
    owners: dict[str, set[str]]  # organization named in the mention's sentence -> owner features


def find_candidates(
    text: str,
    lang: LanguageData,
    sentences: Sequence[Sentence],
    places: Sequence[PlaceMention],
    dates: Sequence[DateMention],
    orgs: Sequence[OrgMention],
    people: Sequence[PersonMention],
    subject: str | None,
    published: DateValue | None,
    towns: Sequence[PlaceMention] = (),
) -> list[OfficeCandidate]:
    """One candidate per distinct place, in order of first mention; ``towns`` (of :func:`find_towns`),
    too small for the place finder, join as places."""
    if not sentences:
        return []
    lex = lexicon(lang.code)
    preps = _place_prepositions(lang.code)
    orgs = sorted(orgs, key=lambda o: o.start)
    org_starts = [o.start for o in orgs]
    named_countries = {p.place.country for p in places}
    town_starts = {t.start for t in towns}
    places = sorted([*places, *towns], key=lambda p: p.start)
    if not places:
        return []
    place_starts = [p.start for p in places]
    dates = sorted(dates, key=lambda d: d.start)
    date_starts = [d.start for d in dates]
    roles = sorted((r.start, r.end) for p in people for r in p.roles)
    contexts: dict[str, list[tuple[PlaceMention, _MentionContext]]] = {}
    head = sentences[0]
    head_tokens = sentence_tokens(text, head.start, head.end, lex)
    headline_cues = {c.category for c in find_cues(head_tokens, 0, len(head_tokens.words))} - _PREPOSITIONS
    intro: tuple[set[str], int] | None = None  # what a bulleted list takes from the sentence it continues
    for si, sentence in enumerate(sentences):
        bullet = _BULLET.match(sentence.text) is not None
        if not bullet:
            intro = _intro(text, sentence, lex)
        continued = intro if bullet else None  # what this line of a bulleted list takes from above the list
        lo, hi = bisect.bisect_left(place_starts, sentence.start), bisect.bisect_left(place_starts, sentence.end)
        in_sentence = [p for p in places[lo:hi] if p.end <= sentence.end]
        if not in_sentence:
            continue
        tokens = sentence_tokens(text, sentence.start, sentence.end, lex)
        k = bisect.bisect_left(date_starts, sentence.start)
        has_date = k < len(date_starts) and date_starts[k] < sentence.end
        dateline_at = dateline_end(text, sentence, has_date) if sentence.paragraph <= 2 else sentence.start
        all_cues = sorted(find_cues(tokens, 0, len(tokens.words)), key=lambda c: c.first)
        all_firsts = [c.first for c in all_cues]
        sentence_status = sorted((c.first, c.category) for c in all_cues if c.category.startswith("status:"))
        position = "head" if si == 0 else "lead" if si < _LEAD_SENTENCES else "body"
        previous = clause_start = sentence.start  # where the clause before this one begins, and this one
        for c_start, c_end, how in clauses(text, sentence, lex):
            previous, clause_start = clause_start, c_start
            clause_places = [p for p in in_sentence if c_start <= p.start and p.end <= c_end]
            if not clause_places:
                continue
            # an enumeration after a colon names what the clause before it announces ("the closure of its
            # branches: Lyon, Nice, Lille"): its places read that clause's cues as their own
            enumeration = how == "colon" and _enumeration(tokens, c_start, clause_places[0].start)
            read_from = previous if enumeration else c_start
            first, last = tokens.span(read_from, c_end)
            cues = sorted(find_cues(tokens, first, last), key=lambda c: c.first)
            cue_firsts = [c.first for c in cues]
            status_at = [c.first for c in cues if c.category.startswith("status:") or c.category == "move"]
            s_lo = bisect.bisect_left(org_starts, sentence.start)
            s_orgs = orgs[s_lo : bisect.bisect_left(org_starts, sentence.end)]
            s_org_starts = org_starts[s_lo : s_lo + len(s_orgs)]
            c_dates = dates[bisect.bisect_left(date_starts, c_start) : bisect.bisect_left(date_starts, c_end)]
            # what the clause's dates say, the same for each of its places
            date = None
            date_features: set[str] = set()
            for d in c_dates:
                date = d.value
                date_features.add(f"date:{_when(d.value, published)}")
            groups = group_places(text, clause_places, lex)
            for group in groups:
                # a list is one phrase: each member reads the cues around the whole list, so they are read
                # once per list (a list of a thousand places in one clause stays linear)
                shared, strength = _cue_features(
                    tokens, group, cues, cue_firsts, all_cues, all_firsts, first, last, sentence_status
                )
                shared |= date_features
                shared.update(f"h:{category}" for category in headline_cues)
                item = continued is not None and c_start == sentence.start
                if continued is not None and item:
                    # a bulleted item continues the sentence that ends in a colon above the list ("The new
                    # offices are:\n- Berlin\n- Paris"): it reads that sentence's last clause as an enumeration does
                    shared |= continued[0]
                    strength += continued[1]
                for index, p in enumerate(group.members):
                    f: set[str] = {f"pos:{position}", f"how:{'colon' if item else how or 'main'}", *shared}
                    f.add("country" if p.place.is_country else "town" if p.start in town_starts else "city")
                    if p.start in town_starts and p.place.country in named_countries:
                        f.add("town:country_named")  # "Rüschlikon" in an article that names Zürich
                    if p.derived:
                        f.add("derived")
                    if len(group.members) > 1:
                        f.add("list")
                        last_index = len(group.members) - 1
                        f.add("list:first" if index == 0 else "list:last" if index == last_index else "list:mid")
                    if p.start < dateline_at:
                        f.add("dateline")
                    if _inside_org(p, orgs, org_starts, text, lex):
                        f.add("in_org")
                    r = bisect.bisect_right(roles, (p.start, len(text)))
                    if any(s <= p.start and p.end <= e for s, e in roles[max(0, r - 4) : r]):
                        f.add("in_role")
                    before = text[max(sentence.start, p.start - 20) : p.start].split()
                    if before and before[-1].casefold() in preps:
                        f.add("prep_before")
                    if before and before[-1].casefold() in lex.owner_preps:
                        f.add("owner_prep_before")
                    if text[p.end : p.end + 1] == "-":
                        f.add("hyphen_after")
                    if text[p.end : p.end + 2] in ("'s", "’s"):
                        f.add("possessive_after")
                    near_orgs = _nearest(s_orgs, s_org_starts, p.start)
                    for o in near_orgs:
                        if not c_start <= o.start < c_end:
                            continue
                        mine = subject is not None and o.name == subject
                        who = "subj" if mine else "org"
                        f.add(f"{who}_in_clause")
                        f.add(f"{who}_in_clause:{'L' if o.end <= p.start else 'R'}")
                    owners = _owner_features(text, tokens, p, near_orgs, c_start, c_end, status_at, lex)
                    context = _MentionContext(f, strength, sentence, date, owners)
                    contexts.setdefault(p.place.key, []).append((p, context))
    return _merge(contexts)


_ENUMERATION_LEAD = 3  # tokens before an enumeration's first place: "im österreichischen Reutte", "à la"


def _enumeration(tokens: Tokens, start: int, first_place: int) -> bool:
    """Whether a clause opens with its first place, as an enumeration does, rather than with words of its own."""
    a, b = tokens.span(start, first_place)
    return b - a <= _ENUMERATION_LEAD


_BULLET = re.compile(r"\s*[-•*–—·▪]\s")  # a line of a bulleted list


def _intro(text: str, sentence: Sentence, lex: Lexicon) -> tuple[set[str], int] | None:
    """The cue features (and their strength) a bulleted list below ``sentence`` takes from it: those of
    its last clause, read as if the list stood right after its colon; None when it ends in no colon."""
    if not sentence.text.rstrip().endswith(":"):
        return None
    spans = clauses(text, sentence, lex)
    if not spans:
        return None
    tokens = sentence_tokens(text, sentence.start, sentence.end, lex)
    first, last = tokens.span(spans[-1][0], sentence.end)
    cues = sorted(find_cues(tokens, first, last), key=lambda c: c.first)
    at_colon = Group([], sentence.end, sentence.end)
    status = sorted((c.first, c.category) for c in cues if c.category.startswith("status:"))
    firsts = [c.first for c in cues]
    features, strength = _cue_features(tokens, at_colon, cues, firsts, cues, firsts, first, last, status)
    return features, strength


_MOVES = frozenset(("move", "move_from", "move_to"))
# "from", "to", "in": prepositions of a move, and of most places besides; read only as a move's (_move_features)
_PREPOSITIONS = frozenset(("move_from", "move_to"))


def _cue_features(
    tokens: Tokens,
    group: Group,
    cues: Sequence[Cue],
    cue_firsts: Sequence[int],
    all_cues: Sequence[Cue],
    all_firsts: Sequence[int],
    first: int,
    last: int,
    sentence_status: Sequence[tuple[int, str]],
) -> tuple[set[str], int]:
    """The cue features of a place group: each cue category of its clause within reach, by side and
    distance; the nearest status cue with what stands with it; the other clauses' cues within reach
    (``first``, ``last``: the clause's tokens); and how many office or status cues are in reach."""
    f: set[str] = set()
    g_first, g_last = tokens.span(group.start, group.end)
    strength = 0
    nearest: dict[str, int] = {}
    # the cues within reach of the group (a clause may be a list of a thousand places)
    lo = bisect.bisect_left(cue_firsts, g_first - _REACH)
    hi = bisect.bisect_right(cue_firsts, g_last + _REACH)
    in_reach = cues[lo:hi]
    for c in in_reach:
        if c.category in _PREPOSITIONS:
            continue
        side = "L" if c.last <= g_first else "R"
        distance = max(g_first - c.last if side == "L" else c.first - g_last, 0)
        f.add(f"c:{c.category}")
        f.add(f"c:{c.category}:{side}")
        f.add(f"c:{c.category}:{side}{_bucket(distance)}")
        if c.category.startswith("status:") or c.category in _EVIDENCE:
            strength += 1
        if distance < nearest.get(c.category, len(tokens.words) + 1):
            nearest[c.category] = distance
    # the cues of the sentence's other clauses within reach: what the clause continues
    lo = bisect.bisect_left(all_firsts, g_first - _REACH)
    hi = bisect.bisect_right(all_firsts, g_last + _REACH)
    for c in all_cues[lo:hi]:
        if (c.first < first or c.first >= last) and c.category not in _PREPOSITIONS:
            f.add(f"o:{c.category}:{'L' if c.first < first else 'R'}")
    status = sorted((d, cat) for cat, d in nearest.items() if cat.startswith("status:"))
    noun = any(cat in nearest for cat in _EVIDENCE)
    if status:
        top = status[0][1]
        f.add(f"nearest:{top}")
        f.add(f"nearest:{top}&{'noun' if noun else 'nonoun'}")
        if "future" in nearest:
            f.add(f"nearest:{top}&future")
        if "negation" in nearest:
            f.add(f"nearest:{top}&negation")
    elif noun:
        f.add("noun_without_status")
    f |= _move_features(in_reach, g_first, noun)
    s_nearest = _nearest_status(sentence_status, g_first)
    if s_nearest is not None:
        f.add(f"s_nearest:{s_nearest}")
    return f, strength


_EVIDENCE = frozenset(("office", "hq", "hub", "hq_cue"))  # cue categories that speak of an office


def _move_features(cues: Sequence[Cue], g_first: int, noun: bool) -> set[str]:
    """A relocation as structure: the place right after a "from" or "to" preposition where a move cue is
    in reach in its clause ("moves its headquarters from Peoria to Deerfield", "von London nach Eschborn";
    ``cues``: those in reach) is its origin or its destination (and whether an office noun is in reach)."""
    if not any(c.category == "move" for c in cues):
        return set()
    out = set()
    for c in cues:
        if c.category in ("move_from", "move_to") and c.last == g_first:
            side = "from" if c.category == "move_from" else "to"
            out.add(f"move:{side}")
            out.add(f"move:{side}&{'noun' if noun else 'nonoun'}")
    return out


def find_towns(
    text: str,
    sentences: Sequence[Sentence],
    places: Sequence[PlaceMention],
    lang: LanguageData,
) -> list[PlaceMention]:
    """Names of small towns (``get_towns``) in sentences with an office noun or a lifecycle cue,
    where no place was found, standing as places stand: after a place preposition or in a list
    after a comma or a list word, not first in the sentence, not in capitals, and never written
    in lower case elsewhere (then it is a word: "Union", "Center"). Only towns of a country the article
    names, or of its language's home countries (places.json), are taken ("Valor", "Wahl" and "Marco" are towns
    somewhere). The longest name wins, then the most populous."""
    lex = lexicon(lang.code)
    towns = get_towns()
    names, firsts = towns.names, towns.first_words
    lower_words: set[str] | None = None  # read only once a name is a town's
    ctx = _town_context(lang.code)
    countries = {p.place.country for p in places} | ctx.home
    taken = sorted((p.start, p.end) for p in places)
    out: list[PlaceMention] = []
    for sentence in sentences:
        here: list[PlaceMention] = []  # the towns of the sentence, kept if it speaks of an office
        for m in _TOWN_RUN.finditer(text, sentence.start, sentence.end):
            run = m.group()
            if " " not in run and fold_name(run.rstrip(".,'’")) not in names:
                continue  # most runs are one word, and no town's
            words = run.split(" ")
            offsets = [m.start()]
            for w in words[:-1]:
                offsets.append(offsets[-1] + len(w) + 1)
            named = [w[:1].isupper() or _ELIDED.match(w) is not None for w in words]  # the rest are particles
            a = 0
            while a < len(words):
                if fold_name(words[a]).partition(" ")[0] not in firsts:
                    a += 1
                    continue
                for b in range(min(len(words), a + _TOWN_WORDS), a, -1):
                    if not (words[a][:1].isupper() and named[b - 1]):
                        continue  # a name starts capitalized and ends on a name word ("Wangen an der Aare")
                    start, end = offsets[a], offsets[b - 1] + len(words[b - 1].rstrip(".,'’"))
                    name = text[start:end]
                    key = fold_name(name)
                    if key not in names or key in ctx.not_towns:
                        continue
                    after = text[end : end + _AREA_CHARS].split()
                    if after and (
                        after[0].strip(",.;:") in ctx.areas or after[0].casefold().strip(",.;:") in ctx.streets
                    ):
                        continue  # "Summit County", "Springvale Road": an area or a street named like a town
                    before = text[max(sentence.start, start - _AREA_CHARS) : start].casefold().split()
                    if before and before[-1] in ctx.streets:
                        continue  # "in piazza Cavour", "rue Lafayette": a street's name
                    if not _covers(taken, start, end):
                        continue  # is a place already found, or cuts one
                    if lower_words is None:
                        lower_words = set(re.findall(r"(?<![\w])[a-zà-ÿ][\w'-]*", text))
                    folded = name.casefold()
                    if name.isupper() or folded in lower_words or folded in ctx.vocabulary:
                        continue  # a word the text or the lexicon writes as a word: "Büros" is no town "Buros"
                    if not _placed(text, sentence, start, ctx):
                        continue
                    if _region(name, lang, key):
                        continue
                    town = next((t for t in towns.get(key) if t.country in countries), None)
                    if town is None:
                        continue
                    here.append(PlaceMention(start, end, name, town.to_place(), confidence=_TOWN_CONFIDENCE))
                    a = b
                    break
                else:
                    a += 1
        if here:
            tokens = sentence_tokens(text, sentence.start, sentence.end, lex)
            cues = find_cues(tokens, 0, len(tokens.words))
            if any(c.category in _EVIDENCE or c.category.startswith("status:") for c in cues):
                out += here
    return out


def _covers(taken: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a town name at ``start:end`` is free of the places found (``taken``: their spans, sorted)
    or holds whole ones and more: "Puebla de Sanabria" is a town, not Puebla (Mexico); "Santa Maria di
    Sala" is neither Santa Maria nor Salé."""
    i = bisect.bisect_left(taken, (start, -1))
    if i and taken[i - 1][1] > start:
        return False  # a place that starts before the name runs into it
    j = i
    while j < len(taken) and taken[j][0] < end:
        if taken[j][1] > end or taken[j] == (start, end):
            return False
        j += 1
    return True


def uncovered(places: Sequence[PlaceMention], towns: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places no town holds: a place inside a town's longer name (of :func:`find_towns`) was a reading
    of part of that name."""
    if not towns:
        return list(places)
    spans = sorted((t.start, t.end) for t in towns)  # towns never overlap: one bisection per place
    starts = [a for a, _ in spans]
    out = []
    for p in places:
        k = bisect.bisect_right(starts, p.start) - 1
        if k < 0 or p.end > spans[k][1]:
            out.append(p)
    return out


class _TownContext(NamedTuple):
    """What a language's data says of the words around a small town's name (see :func:`find_towns`)."""

    introducers: frozenset[str]  # place prepositions and list words: what a town stands after
    determiners: frozenset[str]  # "der", "la": a word after one is a noun ("in der Nähe"), not a town
    vocabulary: frozenset[str]  # the office lexicon's words: "Büros" is no town "Buros"
    not_towns: frozenset[str]  # common words, months, stopwords (the place finder's), world regions
    areas: frozenset[str]  # "County": the name before one is an area
    streets: frozenset[str]  # "piazza", "Road": the name beside one is a street's
    home: frozenset[str]  # the language's home countries: a town there needs no country named


@cache
def _town_context(code: str) -> _TownContext:
    lang, known = load_language(code), _subject_words(code)
    not_towns, areas = not_town_words(code)
    regions = frozenset(fold_name(r) for r in lang.get("places", "world_regions", []))  # "Middle East"
    return _TownContext(
        _place_prepositions(code) | lexicon(code).joiners,
        known.determiners,
        known.vocabulary,
        not_towns | regions,
        areas,
        frozenset(w.casefold() for w in lang.get("places", "street_words", [])),
        frozenset(lang.get("places", "home_countries", [])),
    )


@cache
def _place_prepositions(code: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_language(code).get("places", "place_prepositions", []))


def _placed(text: str, sentence: Sentence, start: int, ctx: _TownContext) -> bool:
    """Whether the name at ``start`` stands as a place stands: right after a place preposition, a list
    word, a comma, a colon or a semicolon, or after a preposition and up to ``_TOWN_LEAD`` lower-case
    words that are no determiners ("im österreichischen Reutte", "in rural Saskatchewan")."""
    before = text[max(sentence.start, start - _TOWN_BEFORE) : start].split()
    if not before:
        return False
    last = before[-1].casefold()
    if (last in ctx.introducers and last not in ctx.determiners) or last.endswith((",", ":", ";")):
        return True
    k = len(before)
    while k > 1 and len(before) - k < _TOWN_LEAD and before[k - 1].islower() and before[k - 1] not in ctx.determiners:
        k -= 1
        if before[k - 1].casefold() in ctx.introducers and before[k - 1] not in ctx.determiners:
            return True
    return False


def _nearest_status(status: Sequence[tuple[int, str]], at: int) -> str | None:
    """The category of the status cue of the sentence nearest to token ``at`` (``status``: (first
    token, category), sorted); of equally near ones, the first category by name."""
    k = bisect.bisect_left(status, (at, ""))
    near = []
    if k < len(status):
        near += [(status[k][0] - at, c) for first, c in status[k : k + _SAME_START] if first == status[k][0]]
    if k > 0:
        before = status[k - 1][0]
        near += [(at - before, c) for first, c in status[max(0, k - _SAME_START) : k] if first == before]
    return min(near)[1] if near else None


def _nearest(orgs: Sequence[OrgMention], starts: Sequence[int], at: int) -> Sequence[OrgMention]:
    """The organizations nearest to position ``at``, up to ``_NEAR_ORGS`` on each side, in order."""
    k = bisect.bisect_left(starts, at)
    return orgs[max(0, k - _NEAR_ORGS) : k + _NEAR_ORGS]


def _owner_features(
    text: str,
    tokens: Tokens,
    place: PlaceMention,
    orgs: Sequence[OrgMention],
    c_start: int,
    c_end: int,
    status_at: Sequence[int],
    lex: Lexicon,
) -> dict[str, set[str]]:
    """For each organization near the place in its sentence: same clause or not, side and distance,
    whether it stands as the office's owner ("X's office in", "the office of X") or acts with a
    lifecycle or move cue (``status_at``: their first tokens, sorted)."""
    out: dict[str, set[str]] = {}
    p_first, p_last = tokens.span(place.start, place.end)
    for o in orgs:
        if o.start <= place.start < o.end:
            continue  # the place is inside the organization's name
        f = out.setdefault(o.name, set())
        o_first, o_last = tokens.span(o.start, o.end)
        side = "L" if o.end <= place.start else "R"
        distance = p_first - o_last if side == "L" else o_first - p_last
        scope = "clause" if c_start <= o.start < c_end else "sentence"
        f.add(f"owner:{scope}")
        f.add(f"owner:{scope}:{side}{_bucket(max(distance, 0))}")
        if text[o.end : o.end + 2] in ("'s", "’s"):
            f.add("owner:possessive")
        before = text[max(0, o.start - 12) : o.start].split()
        if before and before[-1].casefold() in lex.owner_preps:
            f.add("owner:of")
        k = bisect.bisect_left(status_at, o_last)
        if scope == "clause" and k < len(status_at) and status_at[k] - o_last <= _NEAR:
            f.add("owner:acts")
    return out


OWNER_STRUCTURE = frozenset(
    ["owner", "clause", "sentence", "possessive", "of", "acts", "subject", "other", "absent"]
    + [f"{side}{b}" for side in "LR" for b in "nmf"]
)


def owner_options(cand: OfficeCandidate, subject: str | None) -> list[OwnerCandidate]:
    """Who may own the office of ``cand``: the subject company first (whether or not it is named
    near the place), then each other organization named in a sentence of the place."""
    mine: set[str] = {"owner:subject"}
    others: list[OwnerCandidate] = []
    for o in cand.owners:
        if subject is not None and _same_company(o.name, subject):
            mine |= o.features
        else:
            others.append(OwnerCandidate(o.name, o.features | {"owner:other"}))
    if len(mine) == 1:
        mine.add("owner:absent")
    return ([OwnerCandidate(subject, frozenset(mine))] if subject is not None else []) + others


def _region(name: str, lang: LanguageData, key: str | None = None) -> bool:
    """A country, US state or region name of the language data: a place, but not a town (``key``: the
    folded name, if the caller has it)."""
    folded, named = _region_names(lang.code)
    return name in named or (fold_name(name) if key is None else key) in folded


@cache
def _region_names(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """The folded names of countries (in the language and English) and US states, with their codes
    (as ``Gazetteer.country_code`` and ``state_code`` read them); and the language's region names."""
    gaz = get_gazetteer()
    folded = {*gaz.country_names(code), *(fold_name(n) for n in gaz.states.values()), *(c.lower() for c in gaz.states)}
    return frozenset(folded), frozenset(load_language(code).get("places", "region_names", {}))


def _when(value: DateValue, published: DateValue | None) -> str:
    """Where a date lies against publication: "past", "future", "now", or "unknown"."""
    if published is None or value.start is None or value.end is None:
        return "unknown"
    if published.start is None or published.end is None:
        return "unknown"
    if value.end < published.start:
        return "past"
    return "future" if value.start > published.end else "now"


def _merge(contexts: dict[str, list[tuple[PlaceMention, _MentionContext]]]) -> list[OfficeCandidate]:
    """Place-level candidates: the union of their mentions' features, plus what only the whole article shows."""
    countries_with_city = {ms[0][0].place.country for ms in contexts.values() if not ms[0][0].place.is_country}
    n_places = len(contexts)
    out = []
    for mentions in contexts.values():
        features: set[str] = set()
        for _, c in mentions:
            features |= c.features
        first = mentions[0][0]
        if first.place.is_country and first.place.country in countries_with_city:
            features.add("country_has_city")
        features.add("mentions:many" if len(mentions) >= _MANY_MENTIONS else f"mentions:{len(mentions)}")
        features.add("places:many" if n_places >= _MANY_PLACES else "places:few")
        best = max(mentions, key=lambda m: m[1].strength)[1]
        owners: dict[str, set[str]] = {}
        for _, c in mentions:
            for name, feats in c.owners.items():
                owners.setdefault(name, set()).update(feats)
        out.append(
            OfficeCandidate(
                tuple(m for m, _ in mentions),
                frozenset(features),
                (best.sentence.start, best.sentence.end),
                best.date,
                tuple(OwnerCandidate(name, frozenset(feats)) for name, feats in owners.items()),
            )
        )
    out.sort(key=lambda c: c.mentions[0].start)
    return out


# --- the subject company ---------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"['’]s?$")
_EARLY = 4  # sentences: the headline and the lead, where news names its subject
_MIDDLE = 9
SUBJECT_STRUCTURE = frozenset(
    [
        *("words", "1", "2", "3", "org", "head", "head_first", "lead", "first", "early", "middle", "late"),
        *("count", "rank", "many", "initial_only", "place", "country", "person", "lower_seen"),
        *("legal", "possessive", "verb_after", "caps", "institution", "source", "bias"),
        *("company_noun", "after_company_noun", "after_determiner", "place_inside", "vocabulary_last", "city_name"),
        *("claim_sentence", "claim_before", "lower_first", "town_name"),
    ]
)


@attrs.frozen
class SubjectCandidate:
    """A name that could be the company the article is about, with the features of its mentions."""

    name: str
    features: frozenset[str]
    full_name: str | None = None  # the long form of a name that is its initials: reported in its place


class _SubjectWords(NamedTuple):
    """Folded words of a language's data that the subject features look for."""

    vocabulary: frozenset[str]  # single-word cues of the office lexicon and titles: common nouns, not names
    verbs: frozenset[str]  # business verbs: a name before one acts ("Acme opens")
    legal: frozenset[str]  # legal suffixes ("GmbH", "Inc")
    institutions: frozenset[str]
    sources: frozenset[str]  # "according to": a cited source, not the subject
    determiners: frozenset[str]
    company_nouns: frozenset[str]
    function_words: frozenset[str]  # the language's function words ("Pour", "Im", "To" opening a sentence)
    calendar: frozenset[str]  # month and weekday names, wide and abbreviated (CLDR)


@cache
def _subject_words(code: str) -> _SubjectWords:
    lang = load_language(code)
    vocabulary = {words[0] for entries in lexicon(code).phrases.values() for words, _ in entries if len(words) == 1}
    vocabulary |= {t.casefold() for t in lang.get("people", "titles", []) if " " not in t}

    def folded(topic: str, key: str) -> frozenset[str]:
        return frozenset(w.casefold().rstrip(".") for w in lang.get(topic, key, []))

    return _SubjectWords(
        frozenset(vocabulary),
        folded("orgs", "business_verbs"),
        folded("orgs", "legal_suffixes"),
        folded("orgs", "institution_words"),
        folded("orgs", "source_cues"),
        folded("orgs", "determiners"),
        folded("orgs", "company_nouns"),
        folded("detect", "stopwords"),
        frozenset(_calendar_words(code, ("wide", "abbreviated"))),
    )


def find_subject_candidates(
    text: str,
    lang: LanguageData,
    sentences: Sequence[Sentence],
    places: Sequence[PlaceMention],
    orgs: Sequence[OrgMention],
    people: Sequence[PersonMention],
) -> list[SubjectCandidate]:
    """Every capitalized name of the article (each stretch of a run of up to four capitalized
    words) and every organization found, each with the features of its mentions."""
    lex = _subject_words(lang.code)
    starts = [s.start for s in sentences]
    org_names = {o.name for o in orgs} | {o.text for o in orgs}
    place_spans = {(p.start, p.end) for p in places}
    place_starts = {p.start for p in places}
    # a name never cuts a place in two ("Hong" of "Hong Kong", "York Times" of "New York Times"): the
    # spaces inside place names, where no name may start or end
    cuts = {p.start + k for p in places if " " in p.text for k, c in enumerate(p.text) if c == " "}
    # a country or its adjective ("Schweiz", "Chinese") names no company: the run is no candidate
    country_spans = {(p.start, p.end) for p in places if p.place.is_country or p.derived}
    person_spans = sorted((p.start, p.end) for p in people)
    lower_words = set(re.findall(r"(?<![\w])[a-zà-ÿ][\w'-]*", text))
    head_end = sentences[0].end if sentences else 0
    claim_at = _office_noun_offsets(text, sentences, lexicon(lang.code))
    first_word = [_word_start(text, s.start, s.end) for s in sentences]  # where a run is sentence-initial
    seen: dict[str, int] = {}  # name -> the flags (_FLAG bits) of its mentions, OR-ed
    counts: dict[str, int] = {}
    first_sentence: dict[str, int] = {}
    first_in_head: str | None = None
    # "Banco Santander", "Banca Popolare": where nouns are lower case, a capitalized company noun inside a
    # sentence is part of the name, which is the name to report (the noun starts no stretch below)
    noun_forms: dict[str, str] = {}
    noun_names = not lang.get("places", "nouns_capitalized", False)
    for m in _RUN.finditer(text):
        run = _POSSESSIVE.sub("", m.group()).rstrip(".-")
        if not run:
            continue
        m_start = m.start()
        words = run.split(" ")
        n_words = len(words)
        offsets = [m_start]
        for w in words[:-1]:
            offsets.append(offsets[-1] + len(w) + 1)
        folded_words = [w.casefold() for w in words]
        si = max(bisect.bisect_right(starts, m_start) - 1, 0)
        initial = m_start == first_word[si] if sentences else True
        # a name never starts with a determiner ("Die Firma Beispiel AG", "The company"): its stretches do
        skip = determiner = 1 if folded_words[0] in lex.determiners else 0
        # nor with a place made an adjective ("the Oslo-based group Nordvik", "Limerick-born")
        while skip < n_words and _hyphen_adjective(words[skip]):
            skip += 1
        # a place's possessive ("India's Aurobindo", "Germany's Siemens") describes the company: no stretch holds it
        possessives = [k for k, w in enumerate(words) if w.endswith("'s") and offsets[k] in place_starts]
        noun_at = skip
        # nor with a company noun: "Firma Beispiel AG", "Société Exemple" name the company after the noun
        while skip < n_words - 1 and folded_words[skip] in lex.company_nouns:
            skip += 1
        if (
            noun_names
            and skip > noun_at
            and m_start >= head_end
            and not (noun_at == 0 and _starts_text(text, m_start, initial))
        ):
            noun_forms.setdefault(" ".join(words[skip:]), " ".join(words[noun_at:]))
        if m_start < head_end and first_in_head is None and n_words > skip:
            first_in_head = " ".join(words[skip:])
        common = 0  # what every stretch of the run shares
        if m_start < head_end:
            common |= _HEAD
        if 0 < si < _EARLY:
            common |= _LEAD
        p_end = bisect.bisect_right(person_spans, (m_start, len(text)))
        if any(a <= m_start < b for a, b in person_spans[max(0, p_end - 2) : p_end]):
            common |= _PERSON
        if sentences and claim_at[si] >= 0:
            common |= _CLAIM_SENTENCE
            if m_start < claim_at[si]:
                common |= _CLAIM_BEFORE
        last = 0  # what the stretches that end the run share
        after = text[m_start + len(run) : m_start + len(run) + 40].split()
        if after and after[0].casefold().strip(",.") in lex.verbs:
            last |= _VERB_AFTER
        if m.group() != run and m.group()[len(run) :].startswith(("'", "’")):
            last |= _POSSESSIVE_FLAG
        is_place = [o in place_starts for o in offsets]
        for a in range(skip, n_words):  # every stretch of the run, in a fixed order
            if words[a] == "&":
                continue  # a joiner starts no name, and ends none (below)
            first = common
            if not (initial and a == skip):
                first |= _NONINITIAL
            if a == skip:
                before = text[max(0, m_start - 30) : m_start].casefold().split()
                if before and before[-1] in lex.sources:
                    first |= _SOURCE
                if determiner:
                    first |= _AFTER_DETERMINER
            if a > 0 and folded_words[a - 1] in lex.company_nouns:
                first |= _AFTER_COMPANY_NOUN
            starts_noun = folded_words[a] in lex.company_nouns
            start = offsets[a]
            if start - 1 in cuts:
                continue
            for b in range(a + 1, n_words + 1):
                if words[b - 1] == "&" or offsets[b - 1] + len(words[b - 1]) in cuts:
                    continue
                if possessives and any(a <= k < b for k in possessives):
                    continue
                name = " ".join(words[a:b])
                flags = first
                if b == n_words:
                    flags |= last
                if starts_noun and b > a + 1:
                    flags |= _COMPANY_NOUN
                span = (start, start + len(name))
                if span in country_spans:
                    flags |= _COUNTRY
                elif span in place_spans:
                    flags |= _PLACE
                elif any(is_place[a:b]):
                    flags |= _PLACE_INSIDE
                if name in seen:
                    seen[name] |= flags
                    counts[name] += 1
                else:
                    seen[name] = flags
                    counts[name] = 1
                    first_sentence[name] = si
    ranked = sorted(counts, key=lambda n: -counts[n])
    rank = {n: i for i, n in enumerate(ranked)}
    long_forms = noun_forms | _acronym_pairs(seen) | _parenthesised_acronyms(text)
    out = []
    for name, bits in seen.items():
        never, own = _name_facts(lang.code, name)
        if bits & _COUNTRY or never:
            continue  # the subject is never a country, a region, a nationality or a function word
        words = name.split(" ")
        si = first_sentence[name]
        base = _base_features(
            bits,
            min(len(words), 3),
            min(rank[name] + 1, 3),
            _count_bucket(counts[name]),
            "early" if si < _EARLY else "middle" if si < _MIDDLE else "late",
        )
        extra = list(own)
        if name in org_names:
            extra.append("org")
        if name == first_in_head:
            extra.append("head_first")
        if len(words) == 1 and name.casefold() in lower_words:
            extra.append("lower_seen")
        elif len(words) > 1 and words[0].casefold() in lower_words:
            extra.append("lower_first")  # "Im ContiTech-Werk", "To Lyon": a word capitalized as a sentence opens
        out.append(SubjectCandidate(name, base.union(extra) if extra else base, long_forms.get(name.rstrip("."))))
    return out


_NAME_CACHE = 65_536  # distinct (language, name) pairs kept: names recur from article to article


@register_cache
@lru_cache(maxsize=_NAME_CACHE)
def _name_facts(code: str, name: str) -> tuple[bool, tuple[str, ...]]:
    """What a subject name's words alone tell, the same in every article: whether it is a country, a
    region, a function word or a common noun of the lexicon (never a subject), and its features from the
    language's words and the gazetteer."""
    key = fold_name(name)
    lex = _subject_words(code)
    folded = name.casefold()
    if _region(name, load_language(code), key) or folded in lex.function_words or folded in lex.vocabulary:
        # nor does a function word opening a sentence ("Pour", "Im"), nor a word of the office lexicon or a
        # title alone ("Büro", "Bureaux"), a common noun capitalized
        return True, ()
    words = name.split(" ")
    if words[0].casefold().rstrip(".") in lex.calendar:
        return True, ()  # "February 2017", "Montag": a date
    out = []
    final = words[-1].casefold()
    if final in lex.vocabulary:
        out.append("vocabulary_last")  # a run that ends in a word of the lexicon ("Wiener Büro", "Acme CEO")
    if final.rstrip(".") in lex.legal:
        out.append("legal")
    if lex.institutions and any(w.casefold() in lex.institutions for w in words):
        out.append("institution")
    if len(name) > 1 and name.isupper():
        out.append("caps")
    if get_gazetteer().has_city_key(key):
        out.append("city_name")  # a name the gazetteer knows as a city, even where not read as a place
    elif key in get_towns().names:
        out.append("town_name")
    return False, tuple(out)


def _office_noun_offsets(text: str, sentences: Sequence[Sentence], lex: Lexicon) -> list[int]:
    """For each sentence, where its first office noun stands (-1 without one): the company named before
    an office noun, or beside it, is what an expansion article is about."""
    out = [-1] * len(sentences)
    starts = [s.start for s in sentences]
    for at in office_words(text, lex):
        si = bisect.bisect_right(starts, at) - 1
        if si >= 0 and out[si] < 0:
            out[si] = at
    return out


def _starts_text(text: str, start: int, initial: bool) -> bool:
    """Whether a word is capitalized as any first word is: it starts its sentence, or follows a dateline's
    dash, a colon or an opening quote ("ZEIST - Verzekeraar Achmea")."""
    return initial or text[max(0, start - 3) : start].rstrip().endswith(("-", "–", "—", ":", '"', "«", "“", "("))


def _acronym_pairs(names: Iterable[str]) -> dict[str, str]:
    """Each name that is the initials of another name of the article, with that long form ("GE":
    "General Electric", "M&S": "Marks & Spencer"): news gives a company its full name once and its
    initials after, and the full name is the one to report."""
    names = {n.rstrip(".") for n in names}  # "OPT." ends a sentence
    pairs: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (-len(n), n)):  # the longest long form, whatever the set's order
        words = name.replace("-", " ").split()
        if len(words) < 2 or not all(w[0].isupper() or w == "&" for w in words):
            continue
        initials = "".join(w[0] for w in words)
        if len(initials) >= _ACRONYM_MIN and initials in names and initials not in pairs:
            pairs[initials] = name
    return pairs


_ACRONYM_MIN = 2  # letters: a single initial is any capitalized word
_PAREN_ACRONYM = re.compile(rf"[ ]\(([{UPPER}][{UPPER}&]{{1,7}})\)")
_LONG_FORM_WORDS = 12  # words before "(ACR)" that may spell it: "Banque d'investissement et de ... de la CEDEAO"
_LONG_FORM_CHARS = 200  # characters those words are looked for in
_NON_SPACE = re.compile(r"[^\s()]+")
_FUNCTION_WORD = 3  # letters: a lower-case word this short may stand in a name without an initial ("of", "de la")


def _parenthesised_acronyms(text: str) -> dict[str, str]:
    """Initials in parentheses right after the name they abbreviate, with that name: "De Nederlandsche
    Bank (DNB)", "Commonwealth Bank of Australia (CBA)", "Banque d'investissement et de développement
    de la CEDEAO (BIDC)". Read from the last word back, each letter is a word's initial (after an
    elision such as "d'"); short lower-case words between give none; the name starts capitalized."""
    pairs: dict[str, str] = {}
    for m in _PAREN_ACRONYM.finditer(text):
        acronym = m.group(1)
        letters = [c for c in acronym.casefold() if c != "&"]
        offset = max(0, m.start() - _LONG_FORM_CHARS)
        words = list(_NON_SPACE.finditer(text, offset, m.start()))[-_LONG_FORM_WORDS:]
        k = len(letters)
        start = None
        for w in reversed(words):
            word = w.group()
            if word[-1:] in ",.;:":
                break  # the name ends no clause
            if word == "&" or (word.islower() and len(word) <= _FUNCTION_WORD):
                continue  # "of", "de la", "&" give no letter
            stem = re.sub(r"^[^\W\d_]{1,2}['’]", "", word)
            if stem[:1].casefold() != letters[k - 1]:
                break
            k -= 1
            if k == 0:
                start = w
                break
        if start is None or not start.group()[:1].isupper():
            continue
        pairs.setdefault(acronym, text[start.start() : m.start()])
    return pairs


@lru_cache(maxsize=4096)
def _base_features(bits: int, words: int, rank: int, count: str, first: str) -> frozenset[str]:
    """The features of a subject candidate that its mention bits and counts decide (few combinations:
    built once each, not for each of the thousands of names of a long text)."""
    flags = _flag_names(bits)
    feats = {"bias", f"words:{words}", f"rank:{rank}", f"count:{count}", f"first:{first}"}
    feats |= flags - {"noninitial"}
    if "noninitial" not in flags:
        feats.add("initial_only")
    return frozenset(feats)


# What a mention of a name shows, as bits (a run's stretches share most of them: OR-ing ints is cheap)
_FLAGS = (
    "head",
    "lead",
    "person",
    "noninitial",
    "source",
    "after_determiner",
    "after_company_noun",
    "verb_after",
    "possessive",
    "company_noun",
    "country",
    "place",
    "place_inside",
    "claim_sentence",
    "claim_before",
)
(
    _HEAD,
    _LEAD,
    _PERSON,
    _NONINITIAL,
    _SOURCE,
    _AFTER_DETERMINER,
    _AFTER_COMPANY_NOUN,
    _VERB_AFTER,
    _POSSESSIVE_FLAG,
    _COMPANY_NOUN,
    _COUNTRY,
    _PLACE,
    _PLACE_INSIDE,
    _CLAIM_SENTENCE,
    _CLAIM_BEFORE,
) = (1 << i for i in range(len(_FLAGS)))


@cache
def _flag_names(bits: int) -> frozenset[str]:
    return frozenset(name for i, name in enumerate(_FLAGS) if bits >> i & 1)


_WORD_CHAR = re.compile(r"\w")


def _word_start(text: str, start: int, end: int) -> int:
    m = _WORD_CHAR.search(text, start, end)
    return m.start() if m else end


def _hyphen_adjective(word: str) -> bool:
    """A capitalized word glued to a lower-case one: "Oslo-based", "Paris-listed" describe, they name nothing."""
    head, _, tail = word.rpartition("-")
    return bool(head) and tail.islower()


def _count_bucket(n: int) -> str:
    return "1" if n == 1 else "2" if n == 2 else "3" if n <= 4 else "many"


# --- funding ---------------------------------------------------------------------------------------

_CUE_FAR = 10**6  # farther than any cue in reach
_CLOSE_CHARS = 30  # characters: a cue this close qualifies the amount itself ("raised $5m")
_MID_CHARS = 100
FUNDING_STRUCTURE = frozenset(
    [
        *("bias", "cue", "pos", "neg", "nearest", "none", "small", "restated", "size", "k", "m", "10m", "100m", "bn"),
        *("subject", "before", "after", "org", "head", "lead", "body", "repeated", "amounts", "1", "many"),
        *("article_amounts", "few"),
    ]
    + [f"{side}{b}" for side in "LR" for b in "nmf"]
)


# what makes an amount no funding whatever its sentence says: under MIN_FUNDING, or restated (below)
NEVER_FUNDING = frozenset(("small", "restated"))
# an amount in parentheses right after another, a word or two before it: the same money in another
# currency ("¥4 billion (about $30 million)", "97 miljoen dollar (88 miljoen euro)"), never a round of its own
_RESTATED = re.compile(r"\s*[(\[]\s*(?:[^\W\d_]+\.?\s+){0,2}")


@attrs.frozen
class FundingCandidate:
    """An amount of money of the article, with what its sentence says around it."""

    mention: MoneyMention
    features: frozenset[str]


def find_funding_candidates(
    text: str,
    lang: LanguageData,
    sentences: Sequence[Sentence],
    money: Sequence[MoneyMention],
    orgs: Sequence[OrgMention],
    subject: str | None,
) -> list[FundingCandidate]:
    """Every amount of money, with its funding and non-funding cues by side and distance, its size,
    and whether the subject or another organization is named before or after it in its sentence.
    Amounts under ``MIN_FUNDING`` are prices or fees: they get no features, and are never funding."""
    starts = [s.start for s in sentences]
    seen = Counter((m.money.amount, m.money.currency) for m in money)
    sentence_of = [max(bisect.bisect_right(starts, m.start) - 1, 0) for m in money]
    per_sentence = Counter(sentence_of)
    orgs = sorted(orgs, key=lambda o: o.start)
    org_starts = [o.start for o in orgs]
    cues: dict[int, tuple[list[int], list[tuple[int, int, bool]]]] = {}  # per sentence, by start
    names: dict[int, dict[str, tuple[int, int]]] = {}  # per sentence: who -> (first end, last start)
    out = []
    previous_end = -1
    for m, si in zip(money, sentence_of, strict=True):
        restated = previous_end >= 0 and _RESTATED.fullmatch(text, previous_end, m.start) is not None
        previous_end = m.end
        if m.money.amount < MIN_FUNDING or restated:
            out.append(FundingCandidate(m, frozenset({"restated" if restated else "small"})))
            continue
        s_start, s_end = (sentences[si].start, sentences[si].end) if sentences else (0, len(text))
        if si not in cues:
            found = funding_cues(text, lang, s_start, s_end)
            cues[si] = ([c[0] for c in found], found)
            names[si] = _who_in(orgs, org_starts, s_start, s_end, subject)
        f = {"bias", f"pos:{'head' if si == 0 else 'lead' if si < _LEAD_SENTENCES else 'body'}"}
        f.add(f"size:{_size(m.money.amount)}")
        nearest: dict[tuple[str, str], int] = {}
        cue_starts, found = cues[si]
        lo = bisect.bisect_left(cue_starts, m.start - CUE_REACH)
        for c_start, c_end, positive in found[lo:]:
            if c_start > m.end + CUE_REACH:
                break
            if m.start <= c_start < m.end:
                continue
            side = "L" if c_end <= m.start else "R"
            distance = m.start - c_end if side == "L" else c_start - m.end
            kind = "pos" if positive else "neg"
            if distance < nearest.get((kind, side), _CUE_FAR):
                nearest[kind, side] = distance
        for (kind, side), distance in nearest.items():
            f.add(f"cue:{kind}")
            f.add(f"cue:{kind}:{side}{'n' if distance <= _CLOSE_CHARS else 'm' if distance <= _MID_CHARS else 'f'}")
        if nearest:
            closest = min(nearest.items(), key=lambda kv: (kv[1], kv[0][0] == "pos"))
            f.add(f"nearest:{closest[0][0]}")
        else:
            f.add("cue:none")
        for who, (first_end, last_start) in names[si].items():
            f.add(who)
            if first_end <= m.start:
                f.add(f"{who}:before")
            if last_start >= m.end:
                f.add(f"{who}:after")
        if seen[m.money.amount, m.money.currency] > 1:
            f.add("repeated")
        f.add(f"amounts:{'1' if per_sentence[si] == 1 else 'many'}")
        out.append(FundingCandidate(m, frozenset(f)))
    # how many distinct amounts the article writes (a conversion in parentheses too): a report on one
    # round names few, a round-up of projects, grants and results many, of which few are the subject's
    distinct = len({(c.mention.money.amount, c.mention.money.currency) for c in out if "small" not in c.features})
    many = f"article_amounts:{'1' if distinct <= 1 else 'few' if distinct <= _FEW_AMOUNTS else 'many'}"
    return [attrs.evolve(c, features=c.features | {many}) if c.features - NEVER_FUNDING else c for c in out]


_FEW_AMOUNTS = 3  # distinct amounts: more, and the article is a round-up


def _who_in(
    orgs: Sequence[OrgMention], org_starts: Sequence[int], start: int, end: int, subject: str | None
) -> dict[str, tuple[int, int]]:
    """Of the subject and of other organizations ("org") in a sentence: where the first mention
    ends and the last one starts."""
    out: dict[str, tuple[int, int]] = {}
    for o in orgs[bisect.bisect_left(org_starts, start) : bisect.bisect_left(org_starts, end)]:
        who = "subject" if subject is not None and _same_company(o.name, subject) else "org"
        first_end, _ = out.get(who, (o.end, o.start))
        out[who] = (first_end, o.start)
    return out


def _size(amount: Decimal) -> str:
    """The order of magnitude of an amount: funding rounds and prices differ in size."""
    for bound, name in ((10**9, "bn"), (10**8, "100m"), (10**7, "10m"), (10**6, "m")):
        if amount >= bound:
            return name
    return "k"

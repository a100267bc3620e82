"""Place mentions: cities and countries named in the text, resolved to GeoNames places.

One left-to-right pass over the word tokens looks up, at each capitalized token, the longest run
of tokens that folds to a known country or city name (see :mod:`expansion_tracker.gazetteer`);
what is found is never overlapped by a later match. Derived forms come from per-language data:
regular endings ("Münchner", "Rotterdamse") and irregular demonyms ("milanese", "lyonnais").

Speed: the text is split once into words and gaps; each distinct surface word is folded and
classified once per language (a bounded vocabulary kept across articles), so a word that cannot
start a name costs one set lookup, and what a name means (its country, its cities ranked by
population) is looked up once per language too. Names grow word by word only while some known
name starts with those words.

Rules, in this order:

* **Countries before cities.** A name that is a country in the article's language (or in
  English) is the country, never a city elsewhere. The one exception is a country whose GeoNames
  capital or main city has exactly the same name (Singapore, Luxembourg, Monaco): it is the city
  when the country is tiny (under 1,500 km², a city-state) or when the name stands in a list with
  other cities ("in Frankfurt, Dublin und Luxemburg"), else the country.
* **Ambiguous city names** are resolved by a qualifier right after the name ("Cambridge,
  Massachusetts", "Columbus, Ohio", "Newark, N.J.", "Paris, France", "Cambridge (MA)"); then by
  the countries named in the article; then by the countries of the article's clearly resolved
  cities; then by the caller's ``country_bias``; then by the countries where the article's
  language is spoken (``home_countries``: "Valencia" in Spanish is in Spain); then by
  population. A context country only wins when its city is not dwarfed (10 times smaller) by the
  most populous candidate. Confidence is
  1.0 when the name is unique or a qualifier decided, lower when context decided, lowest when
  only population did.
* **Common words.** A name must be capitalized; an all-capital token of up to three letters
  matches only a name the data spells that way ("USA", "UK"). Stopwords of any supported language
  never match as one-word names. One-word names that are ordinary words (``common_words`` of any
  language, month and weekday names from CLDR, and any word the same article also uses in lower
  case) count only after a place preposition of the language, before a qualifier, or in a list
  next to another place, and never when a capitalized word follows them directly ("Mobile World
  Capital"). Given names and brands (``name_words``) do not count right beside another
  capitalized word ("Marco Rossi", "Austin Russell").

>>> from expansion_tracker.languages import load_language
>>> [(m.text, m.place.name, m.place.country) for m in find_places("Büros in München und Den Haag", load_language("de"))]
[('München', 'Munich', 'DE'), ('Den Haag', 'The Hague', 'NL')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import compress, filterfalse, repeat
from operator import eq, itemgetter
from typing import NamedTuple

import attrs

from .errors import ArticleTypeError, ParameterError
from .gazetteer import City, Gazetteer, city_reference, fold_name, get_gazetteer, pick_city
from .languages import LanguageData, load_language, supported_languages
from .memo import Memo, register_cache
from .models import Place
from .spans import PlaceMention

__all__ = ["find_places", "not_town_words"]

_TOKEN = re.compile(r"([^\W_]+)")  # captured, so that splitting keeps the words between the gaps
_WORD = re.compile(r"(\w+)")  # the same where there is no "_" (a simpler class, matched faster)
_PARTICLE = re.compile(r"'[^\W_](?![^\W_])")  # a one-letter token right after an apostrophe
# What may stand between two words of one place name: "Frankfurt am Main", "St. Louis",
# "Aix-en-Provence", "L'Aquila", "Côte d'Ivoire".
_NAME_GAPS = frozenset({" ", "-", ".", ". ", "'", "' ", " - "})
_QUALIFIER_GAP = re.compile(r"\s*(?:,|\()\s*")
_MAX_TOKENS = 6
_CITY_STATE_KM2 = 1500.0
_DWARFED = 10
_VOCABULARY_LIMIT = 1 << 16  # distinct words remembered per language before starting over


class _Cities(NamedTuple):
    """The candidate cities of a name, with what resolving asks of them every time, worked out once."""

    main: tuple[City, ...]  # cities of that main name
    alt: tuple[City, ...]  # cities of that alternate name
    pool: tuple[City, ...]  # all of them, most inhabitants first
    best: City | None  # pick_city(main, alt)
    largest: int  # inhabitants of the largest city of the main name (0: none)
    countries: frozenset[str]  # the countries of the pool


def _cities(main: tuple[City, ...], alt: tuple[City, ...]) -> _Cities:
    pool = tuple(sorted({*main, *alt}, key=lambda c: -c.population))
    largest = max((c.population for c in main), default=0)
    return _Cities(main, alt, pool, pick_city(main, alt), largest, frozenset(c.country for c in pool))


_NO_CITIES = _Cities((), (), (), None, 0, frozenset())
_Derived = tuple[str, _Cities]  # the key a derived form stands for, and its cities
# what a name means: its country (None for a city name), its cities, and whether it is a region
# or US state that only blocks
_Meaning = tuple[str | None, _Cities, bool]


class _Word(NamedTuple):
    """What matching needs to know about one surface word."""

    key: str  # folded
    upper: bool  # starts with a capital
    head: int  # the most tokens of a known name that starts with this word (0: none does)
    derived: _Derived | None  # the city the word derives from ("Münchner", "milanese")
    single: _Meaning | None  # what the word names on its own, in this spelling


class _Vocabulary:
    """Surface words already seen in a language: each is folded and looked up once, not once per
    occurrence, and most capitalized words are rejected as starts by one set lookup."""

    def __init__(self) -> None:
        # Memo only so that clear_memos() empties them; the size limit is kept by _vocabulary()
        self.keys: dict[str, str] = Memo(_VOCABULARY_LIMIT)  # every word seen -> folded
        # a name's key -> the words starting in lower case that fold to it (for the common-word guard)
        self.lower: dict[str, list[str]] = Memo(_VOCABULARY_LIMIT)
        self.starters: dict[str, _Word] = Memo(_VOCABULARY_LIMIT)  # capitalized heads, demonyms, derived forms
        self.meanings: dict[str, _Meaning | None] = Memo(_VOCABULARY_LIMIT)  # names of several words, looked up


@attrs.frozen
class _Lexicon:
    """What matching needs for one language, built once per language and gazetteer."""

    countries: dict[str, str]
    acronyms: frozenset[str]
    qualifiers: dict[str, tuple[str, str | None]]
    first_tokens: dict[str, int]
    stopwords: frozenset[str]
    function_words: frozenset[str]  # stopwords, prepositions and list words: never a proper name's word
    common: frozenset[str]
    name_words: frozenset[str]
    prepositions: frozenset[str]
    list_words: frozenset[str]
    demonyms: dict[str, City]
    demonym_forms: frozenset[str]  # every demonym with each inflection ("münchnerin")
    suffixes: tuple[tuple[str, tuple[str, ...]], ...]
    inflections: tuple[str, ...]
    derived_min_population: int
    home_countries: frozenset[str]
    state_codes: frozenset[str]
    state_names: frozenset[str]
    regions: frozenset[str]
    nouns_capitalized: bool
    never: frozenset[str]
    admin_words: frozenset[str]
    names: frozenset[str]  # every country, region and state name: with the city keys, all that can match
    stems: frozenset[str]  # the leading words (two or more) of those names of several words
    city_stems: frozenset[str]  # the same for the city names
    exonyms: frozenset[str]  # the language's own city names (places.json city_names): known places, never words
    vocabulary: list[_Vocabulary] = attrs.field(factory=lambda: [_Vocabulary()], eq=False)  # replaced when full


@attrs.define
class _Match:
    first: int  # token indexes
    last: int
    start: int  # character offsets
    end: int
    key: str
    tail: int = 0  # characters kept after the last token (the final dot of "U.S.")
    country: str | None = None
    cities: _Cities = _NO_CITIES
    derived: bool = False
    guarded: bool = False
    name_word: bool = False
    qualifier: tuple[str, str | None] | None = None
    blocked: bool = False  # a region or a US state: consumed, never reported


def _all_languages() -> list[LanguageData]:
    return [load_language(code) for code in supported_languages()]


def not_town_words(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """What the place finder knows names no town in a text of ``code``: folded words that are common
    words, month or day names or stopwords in some language ("August", "Mango" aside); and the words
    after a name that make it an area ("Summit County", "Rockingham County")."""
    lex = _lexicon(code, get_gazetteer())
    return lex.common | lex.stopwords, lex.admin_words


@cache
def _lexicon(code: str, gaz: Gazetteer) -> _Lexicon:
    from babel import Locale

    lang = load_language(code)
    others = _all_languages()
    countries = gaz.country_names(code)
    acronyms = set()
    for data in (lang, load_language("en")) if "en" in supported_languages() else (lang,):
        for name in data.get("places", "country_names", {}):
            if len(name) <= 3 and name.isupper():
                acronyms.add(fold_name(name))
    qualifiers: dict[str, tuple[str, str | None]] = {}
    for key, cc in countries.items():
        qualifiers[key] = (cc, None)
    for data in others:
        for name, region in data.get("places", "region_names", {}).items():
            cc, _, admin1 = region.partition("-")
            qualifiers[fold_name(name)] = (cc, admin1 or None)
    for state, name in gaz.states.items():
        qualifiers[fold_name(name)] = ("US", state)
    common: set[str] = set()
    names: set[str] = set()
    stop: set[str] = set()
    for data in others:
        common.update(fold_name(w) for w in data.get("places", "common_words"))
        names.update(fold_name(w) for w in data.get("places", "name_words"))
        stop.update(fold_name(w) for w in data.get("detect", "stopwords"))
    for loc in {code, "en"}:
        locale = Locale.parse(loc)
        for width in ("wide", "abbreviated"):
            for ctx in ("format", "stand-alone"):
                common.update(fold_name(m) for m in locale.months[ctx][width].values())
                common.update(fold_name(d) for d in locale.days[ctx][width].values())
    regions: set[str] = set()
    for loc in {code, "en"}:
        for territory, name in Locale.parse(loc).territories.items():
            if territory not in gaz.countries:  # "Europe", "Africa", "EU", "Latin America"
                regions.add(fold_name(name))
    # regions of the world CLDR lacks in the language ("América Latina", "Naher Osten"): they name no country
    regions.update(fold_name(name) for name in lang.get("places", "world_regions", []))
    state_keys = [fold_name(n) for n in gaz.states.values()]
    # every name a match may start with, and how many words the longest has: a region or a state of several
    # words starts one too ("Latin America" is a region, not "Latin" and then the country "America")
    first_tokens: dict[str, int] = {}
    for key in [*countries, *regions, *state_keys, *gaz.city_keys()]:
        head, _, _ = key.partition(" ")
        n = key.count(" ") + 1
        if n <= _MAX_TOKENS and first_tokens.get(head, 0) < n:
            first_tokens[head] = n
    demonyms: dict[str, City] = {}
    for form, ref in lang.get("places", "demonyms", {}).items():
        name, cc = city_reference(ref)
        found = gaz.cities_named(name, cc or None)
        if found:
            demonyms[fold_name(form)] = found[0]
    inflections = tuple(sorted((fold_name(i) for i in lang.get("places", "derived_inflections")), key=len))
    suffixes = tuple(
        sorted(
            (
                (fold_name(end), tuple(fold_name(r) for r in restore))
                for end, restore in lang.get("places", "derived_suffixes", {}).items()
            ),
            key=lambda item: -len(item[0]),
        )
    )
    prepositions = frozenset(fold_name(w) for w in lang.get("places", "place_prepositions"))
    list_words = frozenset(fold_name(w) for w in lang.get("places", "list_words"))
    return _Lexicon(
        countries=countries,
        acronyms=frozenset(acronyms),
        qualifiers=qualifiers,
        first_tokens=first_tokens,
        stopwords=frozenset(stop - acronyms),
        function_words=frozenset(stop - acronyms).union(prepositions, list_words),
        common=frozenset(common),
        name_words=frozenset(names),
        prepositions=prepositions,
        list_words=list_words,
        demonyms=demonyms,
        demonym_forms=frozenset(stem + end for stem in demonyms for end in ("", *inflections)),
        suffixes=suffixes,
        inflections=inflections,
        derived_min_population=int(lang.get("places", "derived_min_population", 0) or 0),
        home_countries=frozenset(lang.get("places", "home_countries")),
        state_codes=frozenset(gaz.states),
        state_names=frozenset(fold_name(n) for n in gaz.states.values()),
        regions=frozenset(regions - set(countries)),
        nouns_capitalized=bool(lang.get("places", "nouns_capitalized", False)),
        never=frozenset(fold_name(w) for w in lang.get("places", "never_places")),
        admin_words=frozenset(lang.get("places", "admin_area_words")),
        names=frozenset(countries) | frozenset(regions) | frozenset(fold_name(n) for n in gaz.states.values()),
        stems=frozenset(_stems([*countries, *regions, *(fold_name(n) for n in gaz.states.values())])),
        city_stems=_city_stems(gaz),
        exonyms=frozenset(fold_name(n) for n in lang.get("places", "city_names", {})),
    )


@cache
def _city_stems(gaz: Gazetteer) -> frozenset[str]:
    return frozenset(_stems(gaz.city_keys()))


def _stems(keys: Iterable[str]) -> Iterator[str]:
    """The first two, three... words of each name of several words ("frankfurt am", "frankfurt am main")."""
    for key in keys:
        if " " in key:
            words = key.split(" ")
            for n in range(2, min(len(words), _MAX_TOKENS) + 1):
                yield " ".join(words[:n])


def find_places(
    text: str,
    lang: LanguageData,
    *,
    country_bias: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[PlaceMention]:
    """Every city or country named in ``text``, sorted by position, without overlaps.

    ``country_bias`` (ISO alpha-2) breaks ties the article leaves open; ``gazetteer`` replaces
    the shipped one (tests pass a small one).
    """
    if not isinstance(text, str):
        raise ArticleTypeError(text)
    gaz = gazetteer if gazetteer is not None else get_gazetteer()
    if country_bias is not None:
        if not isinstance(country_bias, str) or country_bias.upper() not in gaz.countries:
            raise ParameterError("country_bias", country_bias, "an ISO 3166-1 alpha-2 country code")
        country_bias = country_bias.upper()
    lex = _lexicon(lang.code, gaz)
    toks = _Tokens(text)
    vocab = _vocabulary(lex, gaz, toks.words)
    matches = _scan(text, toks, vocab, lex, gaz)
    if not matches:
        return []
    named = {m.country for m in matches if m.country is not None} | lex.home_countries
    lists = _ListGaps(text, lex)
    matches = [m for idx, m in enumerate(matches) if _keep(idx, matches, toks, vocab, lex, named, lists)]
    found = _resolve(text, matches, gaz, lex, country_bias, lists)
    return [_city_of_district(p, gaz) if "-" in p.text else p for p in found]


class _Tokens:
    """The word tokens of a text: ``words[j]`` is preceded by ``gaps[j]`` and followed by
    ``gaps[j + 1]``. Character offsets (``start``, ``end``) are summed up lazily, left to right:
    only the matched tokens need them."""

    __slots__ = ("_done", "_parts", "_pos", "gaps", "words")

    def __init__(self, text: str) -> None:
        # one split with a capturing group alternates gaps and words: no match objects or spans
        parts = (_WORD if "_" not in text else _TOKEN).split(text)
        self._parts = parts
        self.words: list[str] = parts[1::2]
        self.gaps: list[str] = parts[::2]
        self._done = 0  # how many parts are summed in _pos
        self._pos = 0

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Where tokens ``first`` to ``last`` start and end (quickest when asked left to right)."""
        k = 2 * first + 1  # parts[k] is words[first]
        if k < self._done:
            self._done, self._pos = 0, 0
        self._pos += sum(map(len, self._parts[self._done : k]))
        self._done = k
        return self._pos, self._pos + sum(map(len, self._parts[k : 2 * last + 2]))


def _vocabulary(lex: _Lexicon, gaz: Gazetteer, words: Sequence[str]) -> _Vocabulary:
    """The language's vocabulary, having learnt ``words``. It starts over when it gets too large;
    the one returned holds every word of ``words`` (callers keep it for the whole article)."""
    vocab = lex.vocabulary[0]
    # the tokens are filtered, not first made a set: most are known, and a set would hash and store
    # every one of them (not words.difference(vocab.keys) either: for a dict subclass CPython walks
    # the whole memo, not the words)
    new = list(dict.fromkeys(filterfalse(vocab.keys.__contains__, words)))
    if not new:
        return vocab
    if len(vocab.keys) + len(vocab.meanings) + len(new) > _VOCABULARY_LIMIT:
        vocab = lex.vocabulary[0] = _Vocabulary()
        new = list(dict.fromkeys(words))
    # folding and sorting by first letter go through map/compress, so that only the capitalized
    # words (and lower-case demonyms, rare) take a Python-level step
    keys = list(map(fold_name, new))
    firsts: list[str] = list(map(itemgetter(0), new))
    for word, key in compress(zip(new, keys, strict=True), map(str.islower, firsts)):
        # only a key a one-word match can have: a name's first word, a demonym, a city key
        if key in lex.first_tokens or key in lex.demonyms or (" " in key and gaz.has_city_key(key)):
            vocab.lower.setdefault(key, []).append(word)
    candidates: Iterable[tuple[str, str, str]]
    if lex.demonym_forms.isdisjoint(keys):
        candidates = compress(zip(new, keys, firsts, strict=True), map(str.isupper, firsts))
    else:
        candidates = zip(new, keys, firsts, strict=True)
    for word, key, first in candidates:
        upper = first.isupper()
        if not upper and key not in lex.demonym_forms:
            continue
        head = lex.first_tokens.get(key, 0)
        derived = _derived(key, upper, lex, gaz)
        if derived is not None or (upper and head):
            single = _single(word, key, lex, gaz) if upper and head else None
            if derived is None and single is None and head < 2:
                continue  # it can start nothing: no name of several words, and alone it is no place
            vocab.starters[word] = _Word(key, upper, head, derived, single)
    vocab.keys.update(zip(new, keys, strict=True))  # last: another thread that finds a word here sees the rest too
    return vocab


def _city_of_district(p: PlaceMention, gaz: Gazetteer) -> PlaceMention:
    """ "Berlin-Mitte": a district written after its city is that city, when the two lie close together."""
    if p.place.is_country or "-" not in p.text or p.place.latitude is None or p.place.longitude is None:
        return p
    head = gaz.city(p.text.split("-", 1)[0], p.place.country)
    if head is None or head.geonames_id == p.place.geonames_id or head.latitude is None or head.longitude is None:
        return p
    if abs(head.latitude - p.place.latitude) + abs(head.longitude - p.place.longitude) > 0.5:
        return p
    return attrs.evolve(p, place=head)


def _scan(
    text: str,
    toks: _Tokens,
    vocab: _Vocabulary,
    lex: _Lexicon,
    gaz: Gazetteer,
) -> list[_Match]:
    """Matches left to right. Only capitalized tokens, particles and the article's uncapitalized
    words that fold to a demonym form can start one; of those, only the ones the vocabulary marks
    as able to start a match (a name's first word, a demonym or a derived form) are tried."""
    words, gaps = toks.words, toks.gaps
    n = len(words)
    keys = vocab.keys
    starters = vocab.starters
    starts = list(compress(range(n), map(starters.__contains__, words)))
    if "'" in text:  # a particle is a one-letter token right after an apostrophe
        ones = compress(range(n), map(eq, map(len, words), repeat(1))) if _PARTICLE.search(text) else ()
        particles = {i for i in ones if gaps[i][-1:] == "'"}
        if particles:
            starts = sorted(particles.union(starts))
    stems, city_stems = lex.stems, lex.city_stems
    distinct: set[str] | None = None  # the article's words, made a set only if a guard needs it
    out: list[_Match] = []
    i = 0
    for start in starts:
        if start < i:
            continue  # inside the previous match or its qualifier
        i = start
        word = starters.get(words[i])
        if word is None:  # a particle
            key = keys[words[i]]
            word = _Word(key, words[i][0].isupper(), lex.first_tokens.get(key, 0), None, None)
        found = None
        if word.head and (word.upper or _is_particle(toks, i)):
            # most heads are followed by no second word of a name: only a possible longer name is
            # worth _match_at, else the word's own meaning (worked out once) is the match
            if (
                word.head > 1
                and i + 1 < n
                and gaps[i + 1] in _NAME_GAPS
                and ((two := f"{word.key} {keys[words[i + 1]]}") in city_stems or two in stems)
            ):
                found = _match_at(text, toks, i, word, vocab, lex, gaz)
            elif word.single is not None:
                country, cities, blocked = word.single
                found = _Match(i, i, *toks.span(i, i), word.key, 0, country, cities, blocked=blocked)
        if found is None:
            if word.derived is None:
                i += 1
                continue
            key, cities = word.derived
            first = i
            if i > 0 and (not out or out[-1].last < i - 1) and gaps[i] in _NAME_GAPS and words[i - 1][:1].isupper():
                # "de New Yorkse burgemeester", "die New Yorker Börse": the name's first words come before
                longer = _derived_name(f"{keys[words[i - 1]]} {key}", lex, gaz)
                if longer is not None:
                    key, cities, first = longer[0], longer[1], i - 1
            found = _Match(first, i, *toks.span(first, i), key, 0, None, cities, derived=True)
        last = found.last
        if last + 1 < n and words[last + 1] in lex.admin_words:
            i = last + 2  # "Montgomery County": an administrative area, not the city
            continue
        # "Georgia-Pacific": a country or a US state glued to a capitalized word is part of a compound name
        if (
            (found.country is not None or found.blocked)
            and last + 1 < n
            and gaps[last + 1] == "-"
            and words[last + 1][:1].isupper()
        ):
            i = last + 2
            continue
        if found.first == last:
            key = found.key
            # a common word, or one the article also uses in lower case
            found.guarded = key in lex.common
            lowers = vocab.lower.get(key)
            if lowers and not found.guarded:
                if distinct is None:
                    distinct = set(words)
                found.guarded = not distinct.isdisjoint(lowers)
            found.name_word = key in lex.name_words
        i = last + 1
        # every qualifier follows a comma or a parenthesis (the rest is checked by _qualifier)
        gap = gaps[i] if i < n else ""
        if ("," in gap or "(" in gap) and not found.blocked and (found.country is None or found.cities.main):
            qualifier, end = _qualifier(text, toks, i, keys, lex)
            if qualifier is not None and _fits(qualifier, found.cities.pool):
                found.qualifier, i = qualifier, end
        out.append(found)
    return out


def _fits(qualifier: tuple[str, str | None], cities: Sequence[City]) -> list[City]:
    cc, admin1 = qualifier
    return [c for c in cities if c.country == cc and (admin1 is None or c.admin1 == admin1)]


def _is_particle(toks: _Tokens, i: int) -> bool:
    """A lower-case article that starts a name: "'s-Hertogenbosch", "'t Zandt"."""
    words, gaps = toks.words, toks.gaps
    return len(words[i]) == 1 and i + 1 < len(words) and words[i + 1][0].isupper() and gaps[i][-1:] == "'"


def _match_at(
    text: str, toks: _Tokens, i: int, head: _Word, vocab: _Vocabulary, lex: _Lexicon, gaz: Gazetteer
) -> _Match | None:
    """The longest name starting at token ``i``, whose word is ``head``."""
    words, gaps = toks.words, toks.gaps
    keys = [head.key]
    j = i
    while len(keys) < head.head and j + 1 < len(words) and gaps[j + 1] in _NAME_GAPS:
        key = f"{keys[-1]} {vocab.keys[words[j + 1]]}"
        if key not in lex.city_stems and key not in lex.stems:
            break  # no name starts with these words, so neither with more of them
        j += 1
        keys.append(key)  # keys[c - 1]: the first c words, joined
    meanings = vocab.meanings
    for count in range(len(keys), 1, -1):
        key = keys[count - 1]
        if key in meanings:
            meaning = meanings[key]
        else:
            meaning = meanings[key] = _meaning(key, lex, gaz)
        if meaning is None:
            continue
        country, cities, blocked = meaning
        last = i + count - 1
        s0, end = toks.span(i, last)
        if country is not None and "." in text[s0:end] and text[end : end + 1] == ".":
            return _Match(i, last, s0, end + 1, key, 1, country, cities, blocked=blocked)  # "U.S." keeps its final dot
        return _Match(i, last, s0, end, key, 0, country, cities, blocked=blocked)
    if head.single is None:
        return None
    country, cities, blocked = head.single
    return _Match(i, i, *toks.span(i, i), head.key, 0, country, cities, blocked=blocked)


def _single(surface: str, key: str, lex: _Lexicon, gaz: Gazetteer) -> _Meaning | None:
    """What one word names, if it may name anything alone (capitalized, no stopword; an acronym
    of up to three capitals only as a country the data spells that way)."""
    if not _single_word_ok(surface, key, lex) or key in lex.never:
        return None
    meaning = _meaning(key, lex, gaz)
    if meaning is None or not (surface.isupper() and len(surface) <= 3):
        return meaning
    country, _, blocked = meaning
    return None if country is None else (country, _NO_CITIES, blocked)


def _meaning(key: str, lex: _Lexicon, gaz: Gazetteer) -> _Meaning | None:
    """What a folded name names, if anything: a country, cities, or a region or US state."""
    if key not in lex.names and not gaz.has_city_key(key):
        return None  # no country, region, state or city
    country = lex.countries.get(key)
    main, alt = gaz.city_candidates(key) if gaz.has_city_key(key) else ((), ())
    blocked = country is None and (key in lex.regions or key in lex.state_names)
    if blocked:  # a region or a US state is no city, except a US city of that very name
        main, alt = tuple(c for c in main if c.country == "US"), tuple(c for c in alt if c.country == "US")
        blocked = not main and not alt
    if country is None and not main and not alt and not blocked:
        return None
    if country is not None:
        country, main, alt = _country_or_city(country, main, gaz)
    return country, _cities(main, alt), blocked


def _country_or_city(
    country: str, main: tuple[City, ...], gaz: Gazetteer
) -> tuple[str | None, tuple[City, ...], tuple[City, ...]]:
    """A country name stays the country, unless a city of another country with that very name
    has more inhabitants than the whole country ("Granada" is the Spanish city, not Grenada).
    The candidates kept are the country's own city of the country's English name, if any
    (Luxembourg, Singapore, Monaco)."""
    facts = gaz.country(country)
    if facts is not None:
        bigger = tuple(c for c in main if c.country != country and c.population > facts.population)
        if bigger:
            return None, bigger, ()
        own = tuple(c for c in gaz.cities_named(facts.name, country) if fold_name(c.name) == fold_name(facts.name))
        return country, own[:1], ()
    return country, (), ()


def _single_word_ok(surface: str, key: str, lex: _Lexicon) -> bool:
    if len(surface) <= 3 and surface.isupper():
        return key in lex.acronyms
    if not surface[0].isupper():
        return False
    return len(key) > 1 and key not in lex.stopwords


def _derived(word: str, upper: bool, lex: _Lexicon, gaz: Gazetteer) -> _Derived | None:
    """The city a word derives from ("Münchner", "milanese"), given the word folded and whether
    it is capitalized: the key it stands for and the candidate cities."""
    if len(word) < 4 or word in lex.stopwords:
        return None
    if word not in lex.demonym_forms and not (lex.suffixes and upper):
        return None  # no demonym, and no derived form possible
    stems = [word] + [word[: -len(inf)] for inf in lex.inflections if inf and word.endswith(inf)]
    for stem in stems:
        city = lex.demonyms.get(stem)
        if city is not None:
            return stem, _cities((city,), ())
    if not upper or not lex.suffixes:
        return None
    for stem in stems:
        for ending, restores in lex.suffixes:
            if not stem.endswith(ending) or len(stem) - len(ending) < 3:
                continue
            base = stem[: -len(ending)]
            for restore in restores:
                key = base + restore
                if key in lex.countries or key in lex.stopwords or key in lex.common or not gaz.has_city_key(key):
                    continue
                main, alt = gaz.city_candidates(key)
                ok = [c for c in (*main, *alt) if _derivable(c, lex)]
                if ok:
                    return key, _cities(tuple(c for c in main if c in ok), tuple(c for c in alt if c in ok))
    return None


def _derived_name(key: str, lex: _Lexicon, gaz: Gazetteer) -> _Derived | None:
    """The city of several words a derived form ends ("new york" for "New Yorkse"), if it may be derived."""
    if key in lex.countries or not gaz.has_city_key(key):
        return None
    main, alt = gaz.city_candidates(key)
    ok = [c for c in (*main, *alt) if _derivable(c, lex)]
    if not ok:
        return None
    return key, _cities(tuple(c for c in main if c in ok), tuple(c for c in alt if c in ok))


def _derivable(city: City, lex: _Lexicon) -> bool:
    return city.population >= lex.derived_min_population or city.country in lex.home_countries


def _qualifier(
    text: str, toks: _Tokens, j: int, keys_of: dict[str, str], lex: _Lexicon
) -> tuple[tuple[str, str | None] | None, int]:
    """A state or country right after a city ("Columbus, Ohio"): its (country, admin1) and the
    index of the first token after it."""
    words, gaps = toks.words, toks.gaps
    if j >= len(words) or not words[j][0].isupper():
        return None, j  # every qualifier starts with a capital
    gap = gaps[j]
    if ("," not in gap and "(" not in gap) or not _QUALIFIER_GAP.fullmatch(gap):
        return None, j
    keys = [keys_of[words[j]]]
    k = j + 1
    while k < len(words) and len(keys) < 4 and gaps[k] in _NAME_GAPS:
        keys.append(f"{keys[-1]} {keys_of[words[k]]}")  # keys[c - 1]: the first c words, joined
        k += 1
    for count in range(len(keys), 0, -1):
        found = lex.qualifiers.get(keys[count - 1])
        first = words[j]
        if count == 1 and len(first) == 2 and first.isupper() and first in lex.state_codes:
            found = ("US", first)  # a postal code: "Austin, TX"
        if found is not None:
            return found, j + count
    return None, j


def _gap_is_list(text: str, left: _Match, right: _Match, lex: _Lexicon) -> bool:
    gap = text[left.end : right.start].strip()
    if gap in (",", ";", "/"):
        return True
    if not (gap[:1].isalpha() or gap.startswith(",")):
        return False
    if len(gap.split(None, 1)) > 1 and fold_name(gap[0]) and fold_name(gap[-1]):
        return False  # folding works character by character and a space stays a separator: two words or more
    words = fold_name(gap).split()
    return len(words) == 1 and words[0] in lex.list_words


def _keep(
    idx: int,
    matches: Sequence[_Match],
    toks: _Tokens,
    vocab: _Vocabulary,
    lex: _Lexicon,
    expected: set[str],
    lists: _ListGaps,
) -> bool:
    m = matches[idx]
    if m.blocked:
        return True  # kept for the list rules, dropped when resolving
    single_city = m.first == m.last and m.country is None and not m.derived and m.qualifier is None
    guarded = m.guarded and not m.derived and not m.qualifier
    if not single_city and not guarded:
        return True  # no rule below can drop it: the words around it need not be read
    words, gaps = toks.words, toks.gaps
    keys = vocab.keys
    before = words[m.first - 1] if m.first > 0 else ""
    after = words[m.last + 1] if m.last + 1 < len(words) else ""
    before_cap = m.first > 0 and gaps[m.first] == " " and _proper(before, keys, lex)
    after_cap = bool(after) and gaps[m.last + 1][m.tail :] == " " and _proper(after, keys, lex)
    if single_city and (after_cap or before_cap) and (m.name_word or _weak(m, expected, lex)):
        return False  # part of a longer proper name: "Hudson Yards", "Giuseppe Sala", "Porta Volta"
    if not guarded:
        return True
    if after_cap:
        return False
    if (not before or not gaps[m.first].strip()) and keys.get(before, "") in lex.prepositions:
        return True
    return any(not other.guarded for other in lists.neighbours(idx, matches))


def _proper(word: str, keys: dict[str, str], lex: _Lexicon) -> bool:
    """A capitalized word that is not a function word ("In", "The", "Und")."""
    return word[:1].isupper() and keys[word] not in lex.function_words


def _weak(m: _Match, expected: set[str], lex: _Lexicon) -> bool:
    """A city name that may well be part of a longer name: a small town (under 100,000; not in
    languages that capitalize every noun), or one abroad in no country the article names that is
    known only by an alternate name or has under 300,000 inhabitants."""
    largest = m.cities.largest
    if largest < 100_000 and not lex.nouns_capitalized:
        return True
    abroad = m.cities.countries.isdisjoint(expected)
    return abroad and (not m.cities.main or largest < 300_000)


class _ListGaps:
    """Whether neighbouring matches stand in a list ("Paris, Lyon und Rom"): each gap is read
    once per article, and only for the matches whose outcome depends on it."""

    __slots__ = ("_known", "_lex", "_text")

    def __init__(self, text: str, lex: _Lexicon) -> None:
        self._text = text
        self._lex = lex
        self._known: dict[tuple[int, int], bool] = {}

    def listed(self, left: _Match, right: _Match) -> bool:
        span = (left.end, right.start)
        known = self._known.get(span)
        if known is None:
            known = self._known[span] = _gap_is_list(self._text, left, right, self._lex)
        return known

    def neighbours(self, idx: int, matches: Sequence[_Match]) -> list[_Match]:
        out = []
        if idx > 0 and self.listed(matches[idx - 1], matches[idx]):
            out.append(matches[idx - 1])
        if idx + 1 < len(matches) and self.listed(matches[idx], matches[idx + 1]):
            out.append(matches[idx + 1])
        return out


def _resolve(
    text: str, matches: Sequence[_Match], gaz: Gazetteer, lex: _Lexicon, bias: str | None, lists: _ListGaps
) -> list[PlaceMention]:
    named = {m.country for m in matches if m.country is not None}
    named.update(m.qualifier[0] for m in matches if m.qualifier)
    clear: dict[str, int] = {}  # country -> inhabitants of its largest clearly resolved city
    for m in matches:
        if m.country is None and not m.blocked:
            ranked = m.cities.pool
            if ranked and (len(ranked) == 1 or ranked[0].population >= 10 * ranked[1].population):
                clear[ranked[0].country] = max(clear.get(ranked[0].country, 0), ranked[0].population)
    big_clear = {cc for cc, pop in clear.items() if pop >= 100_000}
    plausible = big_clear | named | lex.home_countries | ({bias} if bias else set())
    # the contexts after the list neighbours', the same for every match
    contexts = [named, set(clear), {bias} if bias else set(), set(lex.home_countries)]
    out: list[PlaceMention] = []
    for idx, m in enumerate(matches):
        if m.blocked:
            continue
        surface = text[m.start : m.end]
        cities = m.cities
        if m.country is not None:
            if cities.main:
                place = _country_or_city_state(m, lists.neighbours(idx, matches), gaz)
            else:
                place = gaz.country_place(m.country)
            out.append(PlaceMention(m.start, m.end, surface, place, False, 1.0))
            continue
        if m.qualifier is None and len(cities.pool) == 1:  # _pick's answer, without the neighbours
            city: City | None = cities.best
            confidence = 1.0 if cities.main else 0.9
        else:
            city, confidence = _pick(m, lists.neighbours(idx, matches), contexts)
        if city is None:
            continue
        # a small town abroad that nothing in the article points to: likely a word, unless it is a
        # name of several words where a place stands ("à Londres et à Palo Alto")
        if (
            city.population < 100_000
            and m.qualifier is None
            and city.country not in plausible
            and m.key not in lex.exonyms
            and (m.first == m.last or not (_after_preposition(text, m, lex) or lists.neighbours(idx, matches)))
        ):
            continue
        out.append(PlaceMention(m.start, m.end, surface, _place_of(city), m.derived, confidence))
    return out


def _after_preposition(text: str, m: _Match, lex: _Lexicon) -> bool:
    """The word right before the match is a place preposition of the language ("in", "à")."""
    before = text[max(0, m.start - 20) : m.start]
    if not before.endswith(" "):
        return False
    words = before.split()
    return bool(words) and fold_name(words[-1]) in lex.prepositions


@register_cache
@lru_cache(maxsize=4096)
def _place_of(city: City) -> Place:
    return city.to_place()  # Place is frozen: one per city will do


def _country_of(m: _Match) -> str | None:
    best = m.cities.best
    return best.country if best else None


def _country_or_city_state(m: _Match, neighbours: Sequence[_Match], gaz: Gazetteer) -> Place:
    """A country, or its city of the same name when the country is a city-state or the name
    stands in a list with cities."""
    assert m.country is not None
    if m.cities.main:
        facts = gaz.country(m.country)
        if facts is not None and facts.area_km2 < _CITY_STATE_KM2:
            return _place_of(m.cities.main[0])
        if any(n.country is None and not n.blocked for n in neighbours):
            return _place_of(m.cities.main[0])
    return gaz.country_place(m.country)


def _pick(m: _Match, neighbours: Sequence[_Match], contexts: Sequence[set[str]]) -> tuple[City | None, float]:
    """The city a name means: the qualifier's, else the candidates are narrowed by each context
    in turn (list ``neighbours``, then ``contexts``: named countries, clearly resolved cities,
    bias, the countries where the article's language is at home) as long as the narrowed ones
    are not dwarfed by the most populous candidate; then population decides."""
    if m.qualifier is not None:
        fits = _fits(m.qualifier, (*m.cities.main, *m.cities.alt))
        if fits:
            return max(fits, key=lambda c: c.population), 1.0
    default = m.cities.best
    if default is None:
        return None, 0.0
    pool = m.cities.pool
    if len(pool) == 1:
        return default, 1.0 if m.cities.main else 0.9
    near = {cc for n in neighbours if not n.blocked and (cc := n.country or _country_of(n))}
    decided = 0.0
    for context, confidence in zip((near, *contexts), (0.95, 0.9, 0.85, 0.85, 0.7), strict=True):
        narrowed = tuple(c for c in pool if c.country in context)
        if narrowed and narrowed[0].population * _DWARFED >= pool[0].population:
            if len({c.country for c in narrowed}) < len({c.country for c in pool}):
                decided = decided or confidence
            pool = narrowed
            if len({c.country for c in pool}) == 1:
                break
    main = [c for c in pool if c in m.cities.main]
    alt = [c for c in pool if c in m.cities.alt]
    best = pick_city(main, alt) or pool[0]
    if decided:
        return best, decided
    second = next((c for c in pool if c is not best), None)
    if second is None:
        return best, 1.0
    return best, 0.8 if best.population >= 10 * second.population else 0.6

"""People named with a title, and their roles (current or former, and at which organization).

Every role starts from a title of the language's lexicon (``languages/<code>/people.json``), matched
case-insensitively, with compounds ("OpenAI-CEO", "Verwaltungsratschef") and plurals ("co-ceo's").
The person is found next to it, in this order:

1. an apposition before the title: "Oliver Jay, der ehemalige CRO von Asana";
2. a chain from the previous role of the same person: "... und zuvor Head of APAC", ", who is also chairman";
3. a name right after the title: "CEO Sam Altman", "la reina Letizia", "il sindaco Giuseppe Sala";
4. a name after the title's complement: "la presidenta del Congreso, Meritxell Batet",
   "il vicesindaco di Torino Tom Dealessandri";
5. an anaphor: "sagt der neue Niederlassungsleiter" names the person of the sentence before.

The organization is the title's compound prefix, a name before the title ("Meta CEO", "Twitter's
CEO"), or the first name after a preposition of the title ("Mayor of London", "von OpenAI"); a
company noun ("du groupe") means the subject company; otherwise public offices take the nearest
place of their sentence (or the only place of the sentence before), and other titles the subject
company. People named again by surname are merged.
"""

from __future__ import annotations

import itertools
import re
import sys
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache, partial
from operator import attrgetter
from typing import NamedTuple, TypeVar

import attrs

from .cues import lexicon
from .gazetteer import fold_name, get_gazetteer, get_towns
from .languages import LanguageData, load_language
from .memo import register_cache
from .orgs import UPPER, SpanIndex, _calendar_words
from .patterns import alternation
from .spans import OrgMention, PersonMention, PlaceMention, RoleMention
from .text import Sentence

__all__ = ["PENDING_SUBJECT", "find_people", "resolve_subject"]

# The subject company while it is not yet chosen. People are read once, before the subject model picks the
# subject (their names are among its features); a role that falls back to the subject company names this
# instead, and :func:`resolve_subject` puts the chosen one there. No name holds a NUL character.
PENDING_SUBJECT = "\x00subject"

_M = TypeVar("_M", OrgMention, PlaceMention)

_NAME_TOKEN_REST = rf"[^\W\d_]*(?:'[{UPPER}][^\W\d_]+)?(?:-[^\W\d_]+)*"  # a name token after its capital
_NAME_TOKEN = rf"[{UPPER}]{_NAME_TOKEN_REST}"
# after a name token's capital: the rest of an initial ("H.", "J.B.") where another name token follows
# ("George H. Kirby", "J.B. Pritzker"), else the rest of a word
_TOKEN_AFTER_CAPITAL = rf"(?:\.(?:[{UPPER}]\.)?(?=[ ]+[{UPPER}])|{_NAME_TOKEN_REST})"
_INITIALS = re.compile(rf"[{UPPER}]\.(?:[{UPPER}]\.)?")
_WORDS = re.compile(r"[^\W_][\w'&.-]*|,")
_ORG_RUN = re.compile(rf"[{UPPER}][\w&'.-]*(?:[ ]+(?:[{UPPER}][\w&'.-]*|&))*")
_NON_SPACE = re.compile(r"\S+")


_WORD_BEFORE = re.compile(r"([^\W\d_]+'?)[ ]+$")  # the word just before a position (on a short slice)
# matched on the reversed text: spaces, then a word back to its first letter or digit (greedy: the first one of
# the run of word characters before the spaces, as a forward search finds it)
_SPACES_WORD = re.compile(r"[ ]+([\w'&.-]*[^\W_])")
_CAPITALIZED_RUN_END = re.compile(rf"(?:[{UPPER}][\w&.-]*[ ]+){{1,3}}$")
# the same backwards, matched on the reversed text (see _capitalized_run_before)
_CAPITALIZED_RUN_BACK = re.compile(rf"(?:[ ]+[\w&.-]*[{UPPER}]){{1,3}}")
# words that describe and name nobody: numbers ("52-year-old") and places made adjectives ("London-based")
_DESCRIBING = re.compile(r"\d+-\w+-\w+|\d+|[^\W\d_][\w.]*-[^\W\d_A-Z]+")
_PREP_WORD = re.compile(r"([^\W\d_]+)[ ]+")
_DET_WORD = re.compile(r"([^\W\d_]+'?)[ ]*")
_LOWER_NEXT = re.compile(r"[ ]+[a-zà-ÿ]")
_LETTERS = re.compile(r"[^\W\d_]+")
_TITLE_GAP = re.compile(r"[ ]*:?[ ]+")
_NEXT_WORD = re.compile(r"[ ]*(,?)[ ]*([^\W_][\w'&.-]*)")
# the next word of a title's complement: a short aside in brackets ("(FADE)", "(Guadalajara)") is passed
_COMPLEMENT_WORD = re.compile(r"[ ]*(?:\([^()\n]{1,40}\)[ ]*)?(,?)[ ]*([^\W_][\w'&.-]*)")
_CAPITAL = re.compile(f"[{UPPER}]")
_LIST_NEXT = re.compile(rf",[ ]+[{UPPER}]")
_NEXT_LETTERS = re.compile(r"[ ]+([^\W\d_]+)")
_LIST_SEP = re.compile(r"[ ]*(?:,|[ ][^\W\d_]+)[ ]+")
_TRAILING_SPACE = re.compile(r"\s*")  # matched on the reversed text: the whitespace that ends a stretch
_SCOPE_REACH = 160  # a title's complement ends within this many characters ("of the board of Acme Holdings")
_SCOPE_MARKS = re.compile(r'[,;(:"]| – | — ')  # punctuation that ends a title's complement (3 characters at most)
_SCOPE_MARK_CHARS = re.compile(r'[,;(:"–—]')  # a character of one (a single class: the engine skips to it quickly)
_READ_BLOCK = 16  # words read at once by _Words: a few titles' worth, read with C-level maps
_CHAIN_WORDS = 6  # at most this many words between two titles of one person ("..., who is also the former")
_AFTER_ALL = sys.maxsize  # an offset after every other: (pos, _AFTER_ALL) sorts after the spans that start at pos
_ROMAN = "IVX"
_EMPLOYER_WORDS = 6  # the longest known organization name looked for at the start of a capitalized run
_APPOINTMENT_WORDS = 4  # "who has been named" between a name's comma and the title's determiner
# The only characters whose lower case is not one character that matches, in the literals and classes of the
# title regex, what they match case-insensitively (tests/test_people.py checks every character): on a text without
# them, the title regex can run without IGNORECASE on ``text.lower()``, where the engine finds candidates faster.
_LOWER_UNFAITHFUL = "İıſΣ"
_RUN_CHARS = r"[\w&.'-]"  # the characters a title match can hold before its title word (prefix, hyphen, stem)
_RUN_BACK = re.compile(rf"{_RUN_CHARS}*")  # matched on the reversed text: how far such a run reaches back
_DENSE_TITLES = 8  # a title match this close to the previous one: look for the next by a plain search
_RUN_INNER = re.compile(r"[&.']")  # run characters after which a match may start (no word character, no hyphen)


@attrs.frozen
class _Lexicon:
    title: re.Pattern[str]
    title_lower: re.Pattern[str]  # ``title`` without IGNORECASE, for a lowered text
    title_cue: re.Pattern[str]  # a character that may be a non-word one and a title word (_lowered_title_matches)
    ending_cue: re.Pattern[str] | None  # a letter and a title ending
    name: re.Pattern[str]
    multiword_name: re.Pattern[str]
    name_chars: re.Pattern[str]  # a stretch of characters that holds those a name can hold (reversed: backwards)
    titles: frozenset[str]
    public: frozenset[str]
    portfolio: frozenset[str]
    no_org: frozenset[str]
    bodies: frozenset[str]
    departments: frozenset[str]  # "head of Sales", "responsable de Recursos Humanos": part of the title, no employer
    place_nouns: frozenset[str]  # "el presidente del país": the place named before
    verb_particles: frozenset[str]  # "legt Frank Vissers uit, directeur": a separable verb's particle after the name
    former: frozenset[str]
    modifiers: frozenset[str]
    determiners: frozenset[str]
    preps: frozenset[str]
    elided_preps: tuple[str, ...]
    elided_reach: int  # the length of the longest one
    conj: frozenset[str]
    relative: frozenset[str]
    appointment: frozenset[str]  # relative words and appointment verbs between a name's comma and its title
    particles: frozenset[str]
    non_name: frozenset[str]
    genitive_endings: tuple[str, ...]  # "Düsseldorfs Oberbürgermeister": the ending of a place's genitive
    nouns_capitalized: bool  # every noun is capitalized (German): a capitalized word may be a common noun
    role_prep: re.Pattern[str] | None  # "as", "als", "in qualità di" right before a title ("took over as CEO")
    role_verbs: dict[str, str]  # "que preside", "founded by" -> the title they give the name after them
    role_verb: re.Pattern[str]
    # an organization's name in a title's complement: capitalized words, joined by the language's name
    # connectors ("Federación Asturiana de Empresarios", "Agencia de Innovación de Mendoza")
    org_run: re.Pattern[str]
    company_nouns: frozenset[str]
    site_nouns: frozenset[str]  # the office lexicon's single-word office, head-office and hub nouns
    kind_nouns: frozenset[str]  # company nouns and institution words: what kind of organization a name is
    place_preps: frozenset[str]  # "in", "de": a place's name follows
    pronouns: frozenset[str]
    code: str  # the language, for the country names of _names_region
    # unions asked for per title, built once
    before_next_title: frozenset[str]  # conjunctions, former markers, determiners, modifiers
    chain_words: frozenset[str]  # may stand between two titles of one person
    preps_or_determiners: frozenset[str]
    complement_words: frozenset[str]  # prepositions, determiners and conjunctions
    not_name_tokens: frozenset[str]  # non-name words, titles and company nouns


def _grouped_alternation(words: Sequence[str]) -> str:
    """The alternation of ``patterns.alternation`` (longest first), with the words that share a first letter
    grouped behind it: "c(?:hairman|eo)|m(?:ayor)". The regex engine then tries one branch per first
    letter instead of every word at every word start. The order of the words within a group is kept, and
    words with different (casefolded) first letters never match at the same place, so the matches are
    the same as the flat alternation's."""
    return _first_letter_alternation(words, "")


def _first_letter_alternation(words: Sequence[str], check: str) -> str:
    """The words as an alternation grouped by first letter, with ``check`` right after that letter."""
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(w[:1], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(first)}{check}(?:{'|'.join(rests)})" for first, rests in groups.items())


@cache
def _lexicon(code: str) -> _Lexicon:
    lang = load_language(code)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in lang.get("people", key))

    titles = words("titles")
    endings = [e.casefold() for e in lang.get("people", "title_endings")]
    alt = _grouped_alternation(sorted(titles))
    ending_alt = rf"|[^\W\d_]+?(?:{_grouped_alternation(endings)})" if endings else ""
    title_rx = rf"(?<![\w-])(?:(?P<pre>[^\W_][\w&.'-]{{0,40}})-)?(?P<title>{alt}{ending_alt})(?P<plural>'s|s)?(?![\w-])"
    # the cues start with a character class or a literal, so that the regex engine skips ahead to where they can
    # match: a title word after a non-word character (any character but a lower-case ASCII letter, a digit or "_":
    # more, but cheaper to test), a title ending after a letter (checked behind its first letter)
    title_cue = rf"[^a-z0-9_](?:{alt})"
    ending_cue = _first_letter_alternation(endings, r"(?<=[^\W\d_].)") if endings else None
    particles = words("name_particles")
    joining = particles
    if lang.get("places", "nouns_capitalized", False):
        # where every noun is capitalized, an article alone between two capitalized words joins no name:
        # "Oberbürgermeister Martin Ansbacher den Abschied der Filiale" ("von der" still does)
        joining = particles - {w for w in words("determiners") if " " not in w}
    part_alt = alternation(sorted(joining, key=len, reverse=True)) if joining else "(?!)"
    # the capital comes first and the check of the character before it second, so that the regex engine can
    # skip ahead to the next capital instead of trying every position
    name_rx = (
        rf"[{UPPER}](?<![\w'-].){_TOKEN_AFTER_CAPITAL}"
        rf"(?:[ ]+(?:(?:{part_alt})[ ]+){{0,2}}[{UPPER}]{_TOKEN_AFTER_CAPITAL})"
    )
    preps = words("org_prepositions")
    plain_preps = frozenset(p for p in preps if not p.endswith("'"))
    conj, former, determiners = words("conjunctions"), words("former_markers"), words("determiners")
    modifiers = words("modifiers")
    company_nouns = frozenset(w.casefold() for w in lang.get("orgs", "company_nouns"))
    role_verbs = {k.casefold(): v.casefold() for k, v in lang.get("people", "role_verbs", {}).items()}
    institutions = frozenset(w.casefold().rstrip(".") for w in lang.get("orgs", "institution_words"))
    institutions |= {w.casefold().rstrip(".") for w in lang.get("orgs", "legal_suffixes")}
    non_name = set(words("non_name_words")) | {w.casefold() for w in lang.get("detect", "stopwords")}
    non_name |= _calendar_words(code, ("wide",))  # not "jan", "mar", "jun": first names too ("Jan de Vries")
    site_nouns = _office_nouns(code)
    return _Lexicon(
        title=re.compile(title_rx, re.IGNORECASE),
        title_lower=re.compile(title_rx),
        title_cue=re.compile(title_cue),
        ending_cue=re.compile(ending_cue) if ending_cue else None,
        name=re.compile(name_rx + "{0,3}"),
        # the same matches as ``name`` minus those of one word: no name matches inside a word, so skipping
        # a one-word match leaves the scan where ``name`` would resume
        multiword_name=re.compile(name_rx + "{1,3}"),
        # word characters stand for letters: one class is faster, and a wider stretch serves as well
        name_chars=re.compile(rf"[\w '.\-{re.escape(''.join(sorted(set(''.join(particles)))))}]*"),
        titles=titles,
        public=words("public_titles"),
        portfolio=words("portfolio_titles"),
        no_org=words("no_org_titles"),
        bodies=words("title_bodies"),
        departments=words("departments"),
        place_nouns=words("place_nouns"),
        verb_particles=frozenset(w.casefold() for w in lang.get("text", "separable_particles", [])),
        former=former,
        modifiers=modifiers,
        determiners=determiners,
        preps=plain_preps,
        elided_preps=tuple(p for p in preps if p.endswith("'")),
        elided_reach=max((len(p) for p in preps if p.endswith("'")), default=0),
        conj=conj,
        relative=words("relative_words"),
        appointment=words("relative_words") - conj | words("appointment_words"),
        particles=particles,
        non_name=frozenset(non_name - particles),
        genitive_endings=tuple(lang.get("people", "genitive_endings", [])),
        nouns_capitalized=bool(lang.get("places", "nouns_capitalized", False)),
        role_prep=_role_prep_pattern(lang.get("people", "role_prepositions", [])),
        role_verbs=role_verbs,
        role_verb=_role_verb_pattern(role_verbs),
        org_run=_org_run([c for c in lang.get("orgs", "name_connectors", []) if c != "&"]),
        company_nouns=company_nouns,
        site_nouns=site_nouns,
        kind_nouns=company_nouns | frozenset(w.casefold() for w in lang.get("orgs", "institution_words")),
        place_preps=frozenset(w.casefold() for w in lang.get("places", "place_prepositions", [])),
        pronouns=frozenset(w.casefold() for w in lang.get("people", "pronouns")),
        code=code,
        before_next_title=conj | former | determiners | modifiers,
        chain_words=conj | words("relative_words") | former | determiners | modifiers | {","},
        preps_or_determiners=plain_preps | determiners,
        complement_words=plain_preps | determiners | conj,
        # no word of a person's name: nor "Commission" of "Securities and Exchange Commission, chief executive ..."
        # nor an office noun ("das Büro von Oliver Blüher": the name starts after it)
        not_name_tokens=frozenset(non_name - particles) | titles | company_nouns | institutions | site_nouns,
    )


_NAME = attrgetter("name")
_TEXT = attrgetter("text")


class _TitleHit(NamedTuple):
    """A match of the title regex, its groups read from the text as written."""

    start: int
    end: int
    title: str
    pre: str | None  # the compound prefix ("OpenAI" of "OpenAI-CEO")
    pre_start: int
    plural: bool


def _title_hits(text: str, lex: _Lexicon) -> list[_TitleHit]:
    """The matches of ``lex.title`` in ``text``, in order; the same as its ``finditer``, but faster."""
    return [_hit(text, m) for m in _title_matches(text, lex)]


def _title_matches(text: str, lex: _Lexicon) -> list[re.Match[str]]:
    """Matches with the spans and groups of ``lex.title``'s in ``text``, in order (on ``text.lower()`` when that
    finds the same: their groups are to be read from ``text``, as :func:`_hit` does)."""
    if any(c in text for c in _LOWER_UNFAITHFUL):
        return list(lex.title.finditer(text))
    return list(_lowered_title_matches(text.lower(), lex))


def _lowered_title_matches(low: str, lex: _Lexicon) -> Iterator[re.Match[str]]:
    """``lex.title_lower.finditer(low)``, trying the regex only where a cue says a match can start.

    Every match holds a cue (its title word after a non-word character, or its title ending after a letter)
    and only run characters (prefix, hyphen, stem) before that. So the next match at or after ``floor`` starts
    in the run that reaches back from the first cue ``q`` at or after ``floor``, or after ``q``; inside that
    run, only its start and the places after "&", "." or "'" can pass the regex's look-behind (when there are
    such places, a plain search from the run start is as good). A title word at the very start has no character
    before it: that place is tried first.

    Where the titles come one after another, the cues cost more than they save: after a match that starts within
    ``_DENSE_TITLES`` characters of the previous one's end, the next is looked for by a plain search (it scans as far
    as the next match, as the cues would, only more slowly per character)."""
    first = lex.title_lower.match(low)
    if first is not None:
        yield first
    floor = first.end() if first is not None else 1
    rev = low[::-1]
    n = len(low)
    none = n + 1
    title_at = ending_at = -1  # the first cue of each kind at or after some earlier floor (``none``: no more)
    dense = False
    while True:
        if dense:
            m = lex.title_lower.search(low, floor)
            if m is None:
                return
            yield m
            dense, floor = m.start() - floor < _DENSE_TITLES, m.end()
            continue
        if title_at < floor:
            cue = lex.title_cue.search(low, floor - 1)
            title_at = cue.start() + 1 if cue is not None else none
        if ending_at < floor:
            cue = lex.ending_cue.search(low, floor) if lex.ending_cue is not None else None
            ending_at = cue.start() if cue is not None else none
        q = min(title_at, ending_at)
        if q == none:
            return
        run = _RUN_BACK.match(rev, n - q, n - floor)
        assert run is not None  # a starred pattern always matches
        s = n - run.end()
        m = lex.title_lower.match(low, s)
        if m is None and _RUN_INNER.search(low, s, q):
            m = lex.title_lower.search(low, s + 1)  # the next match, wherever it is (never scanned again)
            if m is None:
                return
        if m is None:
            floor = q + 1
        else:
            yield m
            dense, floor = m.start() - floor < _DENSE_TITLES, m.end()


def _hit(text: str, m: re.Match[str]) -> _TitleHit:
    # all spans at once (groups: 1 pre, 2 title, 3 plural); a plural group that matched is never empty
    (start, end), (pre_start, pre_end), (t_start, t_end), (plural_start, _) = m.regs
    return _TitleHit(
        start,
        end,
        text[t_start:t_end],
        text[pre_start:pre_end] if pre_start >= 0 else None,
        pre_start,
        plural_start >= 0,
    )


@attrs.define
class _Role:
    name: str
    name_start: int
    name_end: int
    role: RoleMention
    post: bool  # the name came before the title (apposition): later titles may chain to it
    scope_end: int
    explicit: bool = True  # the organization is stated, not the default


@attrs.frozen
class _Context:  # a slotted class, not a NamedTuple: the interpreter reads slots much faster than tuple fields
    text: str
    lex: _Lexicon
    sentences: SpanIndex[Sentence]
    orgs: SpanIndex[OrgMention]
    places: SpanIndex[PlaceMention]
    subject: str | None
    titles: tuple[tuple[int, int], ...]
    reversed_text: str  # ``text[::-1]``: a regex matched on it reads backwards from a position
    org_words: dict[str, str]  # a word of an organization's name -> that organization (not the subject)
    readers: dict[int, _Words] = attrs.field(factory=dict)  # see _words_from
    name_ends: _NameEnds = attrs.field(factory=lambda: _NameEnds())  # see _last_named_before (defined below)
    name_readers: dict[int, _Names] = attrs.field(factory=dict)  # see _names_from
    role_names: _RoleNames = attrs.field(factory=lambda: _RoleNames())  # see _role_names
    next_capital: list[int] = attrs.field(factory=lambda: [1, 0])  # see _next_capital (nothing known yet)
    spans: _SpanFacts = attrs.field()  # see _last_inside and after
    # where the word after a role preposition starts ("as |CEO"): one scan of the text, not one per title
    as_ends: frozenset[int] = attrs.field()

    @spans.default
    def _span_facts(self) -> _SpanFacts:
        return _SpanFacts.of(self.orgs, self.places, self.subject)

    @as_ends.default
    def _as_ends(self) -> frozenset[int]:
        rx = self.lex.role_prep
        return frozenset(m.end() for m in rx.finditer(self.text)) if rx is not None else frozenset()


@attrs.define
class _RoleNames:
    """The names (and their last words) of the first ``count`` roles found."""

    names: set[str] = attrs.field(factory=set)
    count: int = 0


@attrs.define
class _NameEnds:
    """(name end, index) of the first ``count`` roles found, sorted."""

    sorted: list[tuple[int, int]] = attrs.field(factory=list)
    count: int = 0


class _Words:
    """The words of the text from one offset on (``_WORDS``, casefolded), read only as far as asked and kept.

    Every title of a sentence asks for the words from the same offset (the sentence start, the end of the
    previous role) up to itself: read again for each title, a long sentence of titles cost its length
    squared. Here each word is read once; :meth:`upto` gives what ``_words_between`` would."""

    def __init__(self, text: str, start: int, marked: frozenset[str]) -> None:
        self.text = text
        self.scan = _WORDS.finditer(text, start)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        self.marked = marked
        self.first_marked = sys.maxsize  # the index of the first word read that is in ``marked``
        self.done = False

    def _read_to(self, end: int) -> None:
        """Read until a word ends at or after ``end`` (the words after it start after ``end``), a block at a time."""
        while not self.done and (not self.ends or self.ends[-1] < end):
            block = list(itertools.islice(self.scan, _READ_BLOCK))
            if len(block) < _READ_BLOCK:
                self.done = True
            words = list(map(str.casefold, map(re.Match.group, block)))
            if self.first_marked == sys.maxsize and not self.marked.isdisjoint(words):
                self.first_marked = len(self.words) + next(i for i, w in enumerate(words) if w in self.marked)
            self.starts += map(re.Match.start, block)
            self.ends += map(re.Match.end, block)
            self.words += words

    def upto(self, end: int) -> tuple[int, str | None]:
        """``(k, cut)``: ``_words_between(text, start, end)`` is the first ``k`` words read, then ``cut`` (the word
        that straddles ``end``, cut there: what a slice ending at ``end`` holds of it) if it is not None."""
        self._read_to(end)
        k = bisect_right(self.ends, end)
        cut = self.text[self.starts[k] : end].casefold() if k < len(self.starts) and self.starts[k] < end else None
        return k, cut

    def last(self, end: int, count: int) -> tuple[int, list[str]]:
        """How many words ``_words_between(text, start, end)`` holds, and the last ``count`` of them."""
        k, cut = self.upto(end)
        tail = self.words[max(0, k - count) : k] + ([cut] if cut is not None else [])
        return k + (cut is not None), tail[-count:]

    def any_marked(self, end: int) -> bool:
        """Whether a word of ``marked`` is among ``_words_between(text, start, end)``."""
        if self.first_marked < len(self.ends) and self.ends[self.first_marked] <= end:
            return True  # a marked word read already ends in the stretch: no need to read up to ``end``
        k, cut = self.upto(end)
        return self.first_marked < k or (cut is not None and cut in self.marked)


def _words_from(ctx: _Context, start: int) -> _Words:
    """The word reader from ``start`` (one per offset and article)."""
    reader = ctx.readers.get(start)
    if reader is None:
        reader = ctx.readers[start] = _Words(ctx.text, start, ctx.lex.pronouns)
    return reader


def find_people(
    text: str,
    lang: LanguageData,
    sentences: Sequence[Sentence],
    orgs: Sequence[OrgMention],
    subject: str | None,
    places: Sequence[PlaceMention] = (),
) -> list[PersonMention]:
    """People named with a role, each with every role the article gives them.

    >>> from expansion_tracker.languages import load_language
    >>> from expansion_tracker.text import split_sentences
    >>> text = "Oliver Jay, der ehemalige CRO von Asana, wird das Team leiten. Jay sagte, es sei gut."
    >>> [(p.name, [(r.title, r.organization, r.current) for r in p.roles])
    ...  for p in find_people(text, load_language("de"), split_sentences(text), [], "OpenAI")]
    [('Oliver Jay', [('cro', 'Asana', False)])]
    """
    lex = _lexicon(lang.code)
    matches = _title_matches(text, lex)  # made hits (_hit) only for the titles that get a person
    verbs = list(lex.role_verb.finditer(text)) if lex.role_verbs else []
    if not matches and not verbs:
        return []  # every role starts from a title or a verb that gives one
    org_words: dict[str, str] = {}
    for o in orgs:
        if o.name != subject:
            for w in o.name.casefold().split():
                org_words.setdefault(w, o.name)
    ctx = _Context(
        text,
        lex,
        SpanIndex(sentences),
        SpanIndex(orgs),
        SpanIndex(places),
        subject,
        tuple(map(re.Match.span, matches)),
        text[::-1],
        org_words,
    )
    found: list[_Role] = []
    waiting: tuple[int, str] | None = None  # a title with no name of its own, joined to the next one
    for i, (m, (start, end)) in enumerate(zip(matches, ctx.titles, strict=True)):
        if _inside_org(start, end, ctx.orgs):
            continue
        sent = ctx.sentences.span_at(start, len(text))
        role = _read_role(ctx, m, i, sent, found)
        if role is not None:
            if waiting is not None and waiting[0] == i - 1:
                # "chairman and chief executive Jane Roe", "il presidente e fondatore Marco Durante": both titles
                role = [attrs.evolve(r, role=attrs.evolve(r.role, title=waiting[1])) for r in role if not r.post] + role
            found.extend(role)
            waiting = None
        elif i + 1 < len(ctx.titles) and _joined_titles(ctx, end, ctx.titles[i + 1][0]):
            waiting = (i, _title_of(_hit(text, m), ctx)[0])
    found.extend(r for r in map(partial(_verb_role, ctx), verbs) if r is not None)
    return _merge(ctx, found)


def _joined_titles(ctx: _Context, end: int, next_start: int) -> bool:
    """Whether only a conjunction stands between a title that ends at ``end`` and the next one."""
    between = ctx.text[end:next_start].strip().casefold()
    return between == "&" or (between in ctx.lex.conj and " " not in between)


_VERB_NOUN_REACH = 3  # words between a company noun and the verb ("el grupo que preside", "la compañía presidida por")


# "founded in 1982 by", "fondée en 2012 par", "gegründet 2008 von": a year (and its preposition) may stand
# inside a role verb's phrase
_YEAR_GAP = r"(?:(?:[ ]+[^\W\d_]+)?[ ]+\d{4})?[ ]+"
_YEAR_IN = re.compile(r"(?:[ ]+[^\W\d_]+)?[ ]+\d{4}(?=[ ]+[^ ]+$)")  # that year, in a match


def _role_verb_pattern(role_verbs: dict[str, str]) -> re.Pattern[str]:
    """The role verbs of the language ("founded by", "que preside"), a year allowed before their last word."""
    if not role_verbs:
        return re.compile("(?!)")
    phrases = []
    for phrase in sorted(role_verbs, key=len, reverse=True):
        *head, last = phrase.split()
        phrases.append(r"[ ]+".join(map(re.escape, head)) + _YEAR_GAP + re.escape(last) if head else re.escape(last))
    return re.compile(rf"(?<!\w)(?:{'|'.join(phrases)})(?=[ ])", re.IGNORECASE)


def _role_verb_title(ctx: _Context, found: str) -> str:
    """The title a role verb's match gives, the year inside it left out."""
    return ctx.lex.role_verbs[" ".join(_YEAR_IN.sub("", found).casefold().split())]


def _verb_role(ctx: _Context, m: re.Match[str]) -> _Role | None:
    """The role a verb gives the name right after it: "Banco Sabadell, entidad que preside Josep Oliu",
    "la compañía presidida por Carlos Buesa", "Mercado Libre, fundado por Marcos Galperin". Its
    organization is the last one named before the verb in the sentence, or the subject after a company
    noun; with neither, no role."""
    text = ctx.text
    sent = ctx.sentences.span_at(m.start(), len(text))
    at = _skip_spaces(text, m.end())
    name = _name_after(ctx, at, sent[1])
    if name is None:
        # "presidido por el venezolano Juan Carlos Escotet": a determiner and a word that describes the person
        described = _DESCRIBED.match(text, at, sent[1])
        if described is not None and described.group(1).casefold() in ctx.lex.determiners:
            name = _name_after(ctx, described.end(), sent[1])
    if name is None or " " not in name[2]:
        return None  # a full name: a capitalized word alone after "led by" is as often an organization
    before = _last_inside(ctx.orgs, sent[0], m.start())
    org: str | None = before.name if before is not None else None
    if org is None:
        words = _words_between(text, max(sent[0], m.start() - 40), m.start())[-_VERB_NOUN_REACH:]
        if any(w in ctx.lex.company_nouns for w in words):
            org = ctx.subject
    if org is None:
        org = _sentence_subject(ctx, sent[0], m.start())
    if org is None:
        return None
    title = _role_verb_title(ctx, m.group())
    role = RoleMention(m.start(), name[1], title, org, True, _VERB_CONFIDENCE)
    return _Role(name[2], name[0], name[1], role, False, name[1])


_DESCRIBED = re.compile(r"([^\W\d_]+)[ ]+[a-zà-ÿ][\w-]*[ ]+")  # a determiner and a lower-case word
_NAME_WINDOW = 5_000  # characters read on each side for its other mention: a news article's length
# words between a sentence's opening name and its role verb ("X, créée en 2012 et présidée par")
_VERB_SUBJECT_REACH = 4


def _sentence_subject(ctx: _Context, start: int, verb: int) -> str | None:
    """The organization that opens the sentence a few words before its role verb: "Aramex was founded in
    1982 by", "Cooptalis, créée en 2012 et présidée par"."""
    text = ctx.text
    lead = _ORG_RUN.match(text, _skip_spaces(text, start), verb)
    if lead is None or len(_words_between(text, lead.end(), verb)) > _VERB_SUBJECT_REACH:
        return None
    known = _org_name_at(ctx, lead.start(), lead.end())
    if known is not None:
        return known
    # a name the organization finder missed: one the article repeats, first word included (a capitalized
    # word that opens a sentence, "Créé en 2012", "In Dubai", is rarely written so again)
    name = lead.group(0)
    if ctx.places.covers(lead.start(), lead.end()) or name.count(" ") > 2:
        return None
    # written again nearby (a window, so that a text of thousands of such sentences stays linear)
    around = text[max(0, lead.start() - _NAME_WINDOW) : lead.start()] + text[lead.end() : lead.end() + _NAME_WINDOW]
    return name if name in around else None


_PARTICLE_REACH = 12  # characters: a particle and its space ("mit ", "uit ")
_PARTICLE = re.compile(r"[ ]+([^\W\d_]+)$")
_VERB_CONFIDENCE = 0.7  # a role read off a verb: less sure than a title next to the name


def _inside_org(start: int, end: int, orgs: SpanIndex[OrgMention]) -> bool:
    if not orgs.covers(start, end):
        return False  # (one binary search: most titles are in no organization)
    o = orgs.covering(start, end)
    return o is not None and (o.start, o.end) != (start, end)


def _words_between(text: str, start: int, end: int) -> list[str]:
    return [w.casefold() for w in _WORDS.findall(text[start:end])]


def _valid_token(tok: str, lex: _Lexicon, low: str | None = None) -> bool:
    """Whether a token can be part of a name (``low``: its casefolded form, if the caller has it)."""
    if tok[-1:] == "." and _INITIALS.fullmatch(tok):
        return True  # "H." of "George H. Kirby" (the name regex takes an initial only before another word)
    if len(tok) <= 4 and not tok.strip(_ROMAN):  # "Felipe VI"
        return True
    if (tok.casefold() if low is None else low) in lex.not_name_tokens:
        return False
    if "-" in tok:
        tail = tok.rsplit("-", 1)[1]
        if tail.islower() and tail not in lex.particles:  # "Limerick-born"
            return False
        if tail.casefold() in lex.titles:
            return False
    return not tok.isupper()


def _name_tokens(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """The tokens of a name match with their offsets (the name regex separates its tokens by spaces only)."""
    out = []
    i = m.start()
    for tok in m.group().split(" "):
        if tok:
            out.append((i, i + len(tok), tok))
        i += len(tok) + 1
    return out


def _surname_word(ctx: _Context, tok: str, low: str, keep: list[tuple[int, int, bool]], at: int) -> bool:
    """A capitalized function or calendar word right after a lone first name, and before no number,
    is the surname ("Prime Minister Theresa May formally", "il presidente Marco Durante, che")."""
    if len(keep) != 1 or keep[0][2] or not tok.istitle() or not tok.isalpha() or low not in ctx.lex.not_name_tokens:
        return False
    if low in ctx.lex.titles or low in ctx.lex.company_nouns:
        return False
    return _DIGIT_NEXT.match(ctx.text, at + len(tok)) is None


_DIGIT_NEXT = re.compile(r"[ ]*\d")


def _name_after(ctx: _Context, pos: int, limit: int) -> tuple[int, int, str] | None:
    """The name starting at ``pos`` (left-anchored): its valid leading tokens."""
    m = ctx.lex.name.match(ctx.text, pos, limit)
    if not m:
        return None
    particles = ctx.lex.particles
    keep: list[tuple[int, int, bool]] = []  # start, end, whether the token is a particle
    i = m.start()
    tokens = m.group().split(" ")
    for n, tok in enumerate(tokens):  # the tokens are separated by spaces only
        if tok:
            low = tok.casefold()
            particle = low in particles
            if particle and keep:
                keep.append((i, i + len(tok), True))
            elif _surname_word(ctx, tok, low, keep, i):
                keep.append((i, i + len(tok), False))  # "Theresa May", "Marco Durante"
            elif not _valid_token(tok, ctx.lex, low) or _named_otherwise(ctx, tokens, n, i, bool(keep), pos):
                break
            elif keep and keep[-1][2] and (tok == ctx.subject or low in ctx.org_words):
                break  # "Directeur Jan de Vries van Acme": "van" opens the organization, not a name part
            else:
                keep.append((i, i + len(tok), particle))
        i += len(tok) + 1
    while keep and keep[-1][2]:
        keep.pop()
    if not keep:
        return None
    # "la reina Letizia"-style determiner before a particle-led name: the name starts after the particle
    k = next((i for i, t in enumerate(keep) if i > 0 and t[2]), None)
    if k is not None and k + 1 < len(keep):
        before = _WORD_BEFORE.search(ctx.text[max(0, pos - 20) : pos])
        if before and before.group(1).casefold() in ctx.lex.determiners:
            keep = keep[k + 1 :]
    return keep[0][0], keep[-1][1], ctx.text[keep[0][0] : keep[-1][1]]


def _name_before(ctx: _Context, end: int, floor: int) -> tuple[int, int, str] | None:
    """The name ending exactly at ``end`` (right-anchored): its valid trailing tokens."""
    best: re.Match[str] | None = None
    for m in ctx.lex.name.finditer(ctx.text, max(floor, end - 90), end):
        if m.end() == end:
            best = m
    if best is None:
        return None
    keep: list[tuple[int, int, str]] = []
    tokens = _name_tokens(best)
    for n in range(len(tokens) - 1, -1, -1):
        t = tokens[n]
        if t[2].casefold() in ctx.lex.particles and keep:
            keep.insert(0, t)
            continue
        if not _valid_token(t[2], ctx.lex) or ctx.orgs.covers(t[0], t[1]):
            break
        if ctx.places.covers(t[0], t[1]):
            if keep:
                if len(keep) == 1:  # "Sofía Vago, CEO de Accenture": a first name that is also a city
                    keep.insert(0, t)
                break
            before = tokens[n - 1] if n else None  # "Paolo Fiorentino": a surname that is one
            if before is None or not _valid_token(before[2], ctx.lex) or _in_org_or_place(ctx, before[0], before[1]):
                break
        keep.insert(0, t)
    while keep and keep[0][2].casefold() in ctx.lex.particles and keep[0][2][0].islower():
        keep.pop(0)
    if not keep or (len(keep) == 1 and _names_region(keep[0][2], ctx.lex.code)):
        return None  # "to Austin, Texas, chief executive Elon Musk": a state or country is nobody's name
    return keep[0][0], keep[-1][1], ctx.text[keep[0][0] : keep[-1][1]]


def _named_otherwise(ctx: _Context, tokens: Sequence[str], n: int, at: int, after_name: bool, pos: int) -> bool:
    """Whether the word ``tokens[n]`` (at offset ``at``) of a name starting at ``pos`` names an organization
    or a place, not a person. An organization that begins before the name, inside the title before it,
    is no such name ("il presidente del Consiglio Matteo Renzi": "Consiglio Matteo Renzi" is none)."""
    end = at + len(tokens[n])
    org = ctx.orgs.covering(at, end) if ctx.orgs.covers(at, end) else None
    if org is not None and org.start >= pos:
        return True
    return ctx.places.covers(at, end) and not _first_name_place(ctx, tokens, n, at, after_name)


def _first_name_place(ctx: _Context, tokens: Sequence[str], n: int, at: int, after_name: bool) -> bool:
    """Whether the place word ``tokens[n]`` (at offset ``at``) of a name run is a part of the name: a
    first name that is also a city ("Sofía Vago", "Dominique Leroy") when a name word that is no place
    follows it, or a surname that is one ("Paolo Fiorentino") right after the first name."""
    if after_name:
        return not _names_region(tokens[n], ctx.lex.code)  # a state or a country ends nobody's name
    if n + 1 >= len(tokens) or not tokens[n + 1]:
        return False
    nxt = tokens[n + 1]
    nxt_at = at + len(tokens[n]) + 1
    if nxt.casefold() in ctx.lex.particles and _names_region(tokens[n], ctx.lex.code):
        return False  # "directeur général France de Deezer": a country and its company, no "Mauricio Kuri"
    return _valid_token(nxt, ctx.lex) and not _in_org_or_place(ctx, nxt_at, nxt_at + len(nxt))


@register_cache
@lru_cache(maxsize=4096)
def _names_region(word: str, code: str) -> bool:
    """Whether ``word`` alone names a US state or a country (in the language or in English); cities
    are among the article's places already, but states and regions are not."""
    gaz = get_gazetteer()
    return (len(fold_name(word)) > 2 and gaz.state_code(word) is not None) or gaz.country_code(word, code) is not None


def _in_org_or_place(ctx: _Context, start: int, end: int) -> bool:
    return ctx.orgs.covers(start, end) or ctx.places.covers(start, end)


def _title_of(m: _TitleHit, ctx: _Context) -> tuple[str, str | None, bool]:
    """The title text, a compound prefix that names an organization, and whether the prefix says "former"."""
    title = m.title.casefold()
    pre = m.pre
    if not pre:
        return title, None, False
    low = pre.casefold()
    if f"{low}-{title}" in ctx.lex.titles:
        return f"{low}-{title}", None, False
    if low in ctx.lex.former or f"{low}-" in ctx.lex.former:
        return title, None, True
    start = m.pre_start
    # "Schweiz-Chef": a country's name is the title's scope, though in a compound it is read as no place
    is_place = ctx.places.covers(start, start + 1) or _names_region(pre, ctx.lex.code)
    looks_org = ctx.orgs.covers(start, start + 1) or sum(c.isupper() for c in pre) >= 2
    if looks_org and not is_place:
        return title, _org_name_at(ctx, start, start + len(pre)) or pre, False
    return f"{low}-{title}", None, False


def _org_name_at(ctx: _Context, start: int, end: int) -> str | None:
    o = next(ctx.orgs.overlapping(start, end), None)
    return o.name if o is not None and (o.start <= start < o.end or start <= o.start < end) else None


def _read_role(
    ctx: _Context, m: re.Match[str], index: int, sent: tuple[int, int], found: list[_Role]
) -> list[_Role] | None:
    """The roles a title match (of :func:`_title_matches`, the ``index``-th) gives, in its sentence ``sent``."""
    lex = ctx.lex
    t_start, t_end = ctx.titles[index]
    # words right before the title: determiners, former markers, modifiers, "X's", an organization
    gap_start, before_org, former, before_no_org = _left_gap(ctx, t_start, sent[0])

    # 1. apposition: "Name, [the] [former] [Org's] title"
    person: tuple[int, int, str] | None = None
    post = False
    comma = _comma_before(ctx, sent[0], gap_start)
    if comma < 0:
        comma = _appointment_comma(ctx, sent[0], gap_start)
    if comma >= 0 and _full_name_right_after(ctx, t_end, sent[1]) and not _portfolio_title(ctx, m):
        # "chief executive Alex Mahon, chief commercial officer Jonathan Allan": the name after; but after
        # a portfolio title the capitalized words are its portfolio ("Udo Kock, wethouder Economische Zaken")
        comma = -1
    elif comma >= 0 and _holder_after_complement(ctx, t_end, sent[1]):
        comma = -1  # "dal Corriere della Sera, il presidente del gruppo, Roberto Colaninno, starebbe"
    if comma >= 0:
        person = _name_before(ctx, comma, sent[0])
        if person is None and lex.verb_particles:
            # "legt Frank Vissers uit, directeur van Aldi": the particle of the verb before the name ends the clause
            particle = _PARTICLE.search(ctx.text, max(sent[0], comma - _PARTICLE_REACH), comma)
            if particle is not None and particle.group(1).casefold() in lex.verb_particles:
                person = _name_before(ctx, particle.start(), sent[0])
        post = person is not None
    # 2. chain from the previous role of the same person, unless a name of its own follows the title
    # ("Aldo Mazzocco, amministratore delegato di Generali, e la sindaca di Assago, Lara Carano")
    if person is None and found:
        prev = found[-1]
        if prev.post and sent[0] <= prev.scope_end <= t_start:
            between = _chain_between(ctx, prev.scope_end, gap_start)
            if (
                between is not None
                and all(w in lex.chain_words for w in between)
                and not _holder_after_complement(ctx, t_end, sent[1])
            ):
                person = (prev.name_start, prev.name_end, prev.name)
                post = True
                former = former or any(w in lex.former for w in between)
    people: list[tuple[int, int, str]] = []
    confidence = 0.9
    if person is None:
        people = _names_after(ctx, t_end, sent[1], m.start("plural") >= 0)
    anaphor = None
    if not people and person is None:
        if gap_start < t_start:  # an anaphor is words before the title ("der neue")
            anaphor = _anaphor(ctx, t_start, gap_start, sent, found)
        if anaphor is None and found:  # a pronoun stands for a person found before
            anaphor = _pronoun_person(ctx, t_start, sent, found)
        # "Ralph Hamers als CEO": a role preposition's person (see _as_holder)
        if anaphor is None and (gap_start not in ctx.as_ends or not (person := _as_holder(ctx, gap_start, sent))):
            return None  # most titles of a text of titles: the title and the complement's end are not read
    title, pre_org, title_former = _title_of(_hit(ctx.text, m), ctx)
    former = former or title_former
    scope_end = _scope_end(ctx, t_end, index, sent[1])
    if people:
        # the complement of a pre-nominal title ends where the name starts
        org, no_org, body = _right_org(ctx, t_end, people[0][0], title)
        if org is None and not no_org:
            org = _after_name_org(ctx, people[-1][1], sent[1])
        scope_end = max(scope_end, people[-1][1])
    elif person is not None:
        people = [person]
        org, no_org, body = _right_org(ctx, t_end, scope_end, title)
    else:
        assert anaphor is not None
        people = [anaphor]
        confidence = 0.5
        org, no_org, body = _right_org(ctx, t_end, scope_end, title)
        if org is None and not no_org:  # "im Vorstand des ... Uber-Pendants 'Grab'": the organization named next
            later = _first_other_org_inside(ctx, t_end, sent[1])
            org = later.name if later is not None else None
    if body:
        title = f"{title} {body}"
    if org is not None and title in lex.public:
        # "the Conservative mayor of the West Midlands", "VVD-burgemeester van Utrecht": a public office's
        # place is its complement; a party before the title is not its organization
        pre_org = before_org = None
    organization = pre_org or before_org or org
    explicit = organization is not None or no_org or before_no_org
    if not explicit:
        organization = _default_org(ctx, title, t_start, sent)
    out = []
    for p in people:
        role = RoleMention(min(p[0], t_start), max(p[1], scope_end), title, organization, not former, confidence)
        out.append(_Role(p[2], p[0], p[1], role, post, scope_end, explicit))
    # "oprichter en ceo van CIC": an earlier title of the chain without its own organization shares this one
    if post and found and found[-1].name == people[0][2] and org is not None:
        prev = found[-1]
        if not prev.explicit:
            found[-1] = attrs.evolve(prev, role=attrs.evolve(prev.role, organization=organization))
    return out


def _portfolio_title(ctx: _Context, m: re.Match[str]) -> bool:
    """Whether a title match is a title that takes a portfolio ("minister", "wethouder", "assessore")."""
    return _hit(ctx.text, m).title.casefold() in ctx.lex.portfolio


def _office_nouns(code: str) -> frozenset[str]:
    """The single-word office, head-office and hub nouns of the language's office lexicon."""
    entries = lexicon(code).phrases.values()
    return frozenset(
        words[0] for phrases in entries for words, category in phrases if len(words) == 1 and category in _SITE
    )


_SITE = frozenset(("office", "hq", "hub"))


def _org_run(connectors: Sequence[str]) -> re.Pattern[str]:
    """_ORG_RUN, whose words may also be joined by a connector before a capital ("Banco de España")."""
    if not connectors:
        return _ORG_RUN
    joined = rf"[ ]+(?:{alternation(connectors)})[ ]+(?=[{UPPER}])"
    return re.compile(rf"[{UPPER}][\w&'.-]*(?:(?:[ ]+|{joined})(?:[{UPPER}][\w&'.-]*|&))*")


def _role_prep_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """A role preposition ending where the words before a title start ("as", "in qualità di")."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})[ ]+(?=\w)", re.IGNORECASE)


def _as_holder(ctx: _Context, gap_start: int, sent: tuple[int, int]) -> tuple[int, int, str] | None:
    """ "Ralph Hamers führt als CEO die Bank", "Oliver Blüher, der als Geschäftsführer ...", "Jane Roe, a
    veteran of the group, took over as CEO": a title after a role preposition is held by the person named
    last before it, when the person is the clause's subject: right before the preposition, before a
    relative pronoun, or opening the sentence before an apposition."""
    rx = ctx.lex.role_prep
    lo = max(sent[0], gap_start - _ROLE_PREP_CHARS)
    prep = next((m for m in rx.finditer(ctx.text, lo, gap_start + 1) if m.end() == gap_start), None) if rx else None
    if prep is None:
        return None
    name: tuple[int, int, str] | None = None
    names_in_clause = 0  # "Jane Roe succeeds John Doe as CEO": of two names, the one before "as" is not the holder
    for m in ctx.lex.multiword_name.finditer(ctx.text, max(sent[0], prep.start() - _HOLDER_REACH), prep.start()):
        found = _name_before(ctx, m.end(), m.start())  # its valid last words ("das Büro von Oliver Blüher")
        if found is None or found[2].count(" ") < 1 or _in_org_or_place(ctx, found[0], found[1]):
            continue
        names_in_clause = 1 if name is None or _PUNCT.search(ctx.text, name[1], found[0]) else names_in_clause + 1
        name = found
    if name is None or names_in_clause > 1:
        return None
    gap = ctx.text[name[1] : prep.start()]
    if not gap.startswith(","):
        # "Ralph Hamers als CEO", "Jane Roe will join as chief executive": a verb group at most between
        words = gap.split()
        return name if len(words) <= _VERB_GROUP and not _PUNCT.search(gap) else None
    words = gap[1:].split()
    if words and words[0].casefold() in ctx.lex.relative and words[0].casefold() not in ctx.lex.conj:
        return name  # "Oliver Blüher, der als Geschäftsführer"
    if _WORD_CHAR.search(ctx.text, sent[0], name[0]) is None:  # the name opens its sentence
        return name  # "Pieter Engelbrecht, a 20-year veteran of the group, took over as CEO"
    return None


_WORD_CHAR = re.compile(r"\w")
_VERB_GROUP = 3  # words between a person and "as": "has been named", "takes over", "will join"
_PUNCT = re.compile(r"[,;:()\"“”«»–—]")
_ROLE_PREP_CHARS = 20  # the longest role preposition and its spaces ("in qualità di ")
_HOLDER_REACH = 200  # characters before the preposition where its person is named (a bounded look-back)


def _full_name_right_after(ctx: _Context, t_end: int, sent_end: int) -> bool:
    """Whether a person's full name (two words or more) follows the title with only a space between:
    not starting with a word of an organization's name or of the subject's, and no legal suffix after it
    ("Jane Roe, chief executive Nordvik Shipping", "... chief executive Acme Robotics Ltd" name a company)."""
    if ctx.text[t_end : t_end + 1] != " ":
        return False
    name = _name_after(ctx, t_end + 1, sent_end)
    if name is None or name[0] != t_end + 1 or " " not in name[2]:
        return False
    first = name[2].split(" ", 1)[0].casefold()
    if first in ctx.org_words or first in (ctx.subject or "").casefold().split():
        return False  # a company's name starts with its own word; a person's may end with one ("Kevin Knight")
    after = _NEXT_WORD.match(ctx.text, name[1])
    if after is None or after.group(1) or not after.group(2)[:1].isupper():
        return True
    return _valid_token(after.group(2).rstrip("."), ctx.lex)


def _holder_after_complement(ctx: _Context, t_end: int, sent_end: int) -> bool:
    """Whether a full name follows the title's complement and its comma ("il presidente del gruppo,
    Roberto Colaninno,"): the title's holder, where the words before the title's own comma name a source
    or a place as often as a person."""
    names = _names_after(ctx, t_end, sent_end, False)
    return bool(names) and " " in names[0][2] and ctx.text[t_end : names[0][0]].rstrip().endswith(",")


def _comma_before(ctx: _Context, floor: int, pos: int) -> int:
    """The comma at ``pos`` or before it with only whitespace between, at or after ``floor``; else -1.

    Read backwards over the whitespace only: a search for the last comma of the sentence cost the
    sentence's length for each title."""
    text, n = ctx.text, len(ctx.text)
    if pos < floor:  # the words before a title can reach back into the sentence before (an organization)
        return -1
    if text[pos : pos + 1] == ",":
        return pos
    space = _TRAILING_SPACE.match(ctx.reversed_text, n - pos, n - floor)
    assert space is not None  # a starred pattern always matches
    k = n - space.end() - 1
    return k if k >= floor and text[k] == "," else -1


def _appointment_comma(ctx: _Context, floor: int, pos: int) -> int:
    """The comma before a relative clause of appointment that ends at ``pos`` ("Jane Roe, who was named
    managing director", "Felipe Lega, que será su presidente", "Matthew Zoern, nommé directeur"); else -1."""
    k = pos
    for _ in range(_APPOINTMENT_WORDS):
        last = _last_word(ctx, k, max(floor, k - 30))
        if last is None or last[0].casefold() not in ctx.lex.appointment:
            return -1
        k = last[1]
        comma = _comma_before(ctx, floor, k)
        if comma >= 0:
            return comma
    return -1


def _chain_between(ctx: _Context, start: int, end: int) -> list[str] | None:
    """The words between a role's end and a title (after the last comma when a relative word follows it:
    "..., who is also"), if there are few enough for the title to be the same person's; else None."""
    count, tail = _words_from(ctx, start).last(end, _CHAIN_WORDS + 1)
    if count > _CHAIN_WORDS:
        # only a cut at a comma among the last words can leave few enough
        if "," not in tail:
            return None
        last = len(tail) - 1 - tail[::-1].index(",")
        if not any(w in ctx.lex.relative and w not in ctx.lex.conj for w in tail[last + 1 :]):
            return None
        tail = tail[last:]
    return tail if len(tail) <= _CHAIN_WORDS else None


def _scope_stop(ctx: _Context, pos: int, index: int, sent_end: int) -> int:
    """How far :func:`_scope_end` looks for punctuation: only as far as its answer can depend on it,
    ``_SCOPE_REACH`` characters or up to the next title (these stretches do not overlap), not to the
    sentence end, which cost the sentence's length for each title."""
    nxt = ctx.titles[index + 1][0] if index + 1 < len(ctx.titles) else -1
    return min(sent_end, max(pos + _SCOPE_REACH, nxt + 1))


def _scope_end(ctx: _Context, pos: int, index: int, sent_end: int) -> int:
    """Where the title's complement ends: punctuation, the next title, or the end of the sentence."""
    nxt = ctx.titles[index + 1][0] if index + 1 < len(ctx.titles) else -1
    # a mark that starts before the stop (a longer mark may end after it)
    mark = _first_mark(ctx.text, pos, min(sent_end, _scope_stop(ctx, pos, index, sent_end) + 2))
    end = mark if mark >= 0 else sent_end
    if pos <= nxt < end:  # (never when there is no next title: nxt is -1)
        # stop before a conjunction and former marker leading to the next title
        end = nxt
        words = ctx.text[pos:end].rstrip().rsplit(" ", 3)
        while len(words) > 1 and words[-1].casefold() in ctx.lex.before_next_title:
            words.pop()
        end = pos + len(" ".join(words))
    return min(end, pos + _SCOPE_REACH)


def _first_mark(text: str, pos: int, endpos: int) -> int:
    """The start of ``_SCOPE_MARKS.search(text, pos, endpos)``, or -1: the first mark character, unless it is a dash
    without a space on either side (a search of the alternation tried each branch at every character)."""
    while (m := _SCOPE_MARK_CHARS.search(text, pos, endpos)) is not None:
        k = m.start()
        if text[k] not in "–—":
            return k
        if k > pos and text[k - 1] == " " and text[k + 1 : k + 2] == " " and k + 1 < endpos:
            return k - 1  # " – " (no mark starts at the space before)
        pos = k + 1
    return -1


def _left_gap(ctx: _Context, t_start: int, floor: int) -> tuple[int, str | None, bool, bool]:
    """Walk back over the words before a title: where they start, an organization, a former marker, and
    whether a possessive names something that is no known organization ("the state's governor")."""
    text, lex = ctx.text, ctx.lex
    pos = t_start
    org: str | None = None
    former = False
    seen_determiner = False
    unresolved = False
    for _ in range(4):
        last = _last_word(ctx, pos, pos - 60 if pos - 60 > floor else floor)
        if last is None:
            break
        word, w_start = last
        low = word.casefold()
        if low in lex.former or low.endswith("'ex") or low.startswith("ex-"):
            former = True
        elif low in lex.determiners or low in lex.modifiers or _DESCRIBING.fullmatch(word):
            seen_determiner = seen_determiner or low in lex.determiners
        elif word.endswith(("'s", "s'")):
            stem = word[:-2] if word.endswith("'s") else word[:-1]
            if org is None:
                org = _possessive_org(ctx, stem, w_start)
                unresolved = org is None
                named = next(ctx.orgs.overlapping(w_start, w_start + len(stem)), None)
                if named is not None and named.start < w_start:
                    w_start = named.start  # "AM General's president": the gap starts where the name does
        elif org is None and (o := _org_or_place_ending(ctx, w_start + len(word))):
            org, w_start = o
        elif org is None and low in lex.company_nouns:
            org = _noun_org(ctx, word, w_start)  # "a company spokeswoman", "der Konzernchef": the company
        elif org is None and not seen_determiner and word[:1].isupper() and low not in lex.non_name:
            lo = max(floor, pos - 60)
            run = _capitalized_run_before(ctx, lo, pos)
            if run is None or text[lo : run[0]].rstrip().endswith(","):
                break
            org = text[run[0] : run[1]].strip()
            org = _genitive_place(ctx, org) or org
            w_start = pos - (run[1] - run[0])
        else:
            break
        pos = w_start
    return pos, org, former, unresolved


def _genitive_place(ctx: _Context, word: str) -> str | None:
    """The place a genitive names before a title ("Düsseldorfs Oberbürgermeister", "Amsterdams
    burgemeester"): the word without the language's genitive ending, when that is a known city or country."""
    for ending in ctx.lex.genitive_endings:
        stem = word[: -len(ending)]
        if word.endswith(ending) and " " not in word and len(stem) > 2:
            gaz, key = get_gazetteer(), fold_name(stem)
            if gaz.has_city_key(key) or key in get_towns() or gaz.country_code(stem, ctx.lex.code) is not None:
                return stem
    return None


def _capitalized_run_before(ctx: _Context, lo: int, pos: int) -> tuple[int, int] | None:
    """The span in the text of ``_CAPITALIZED_RUN_END.search(text[lo:pos])``'s match, or None, found backwards from
    ``pos``: the search tried each start in the slice. Its words hold no space, so the match is the last one to three
    words before ``pos`` and their spaces, the first from its leftmost capital that only word characters follow: what
    a greedy match on the reversed text gives."""
    n = len(ctx.text)
    end = pos - 1 if pos > lo and ctx.text[pos - 1] == "\n" else pos  # "$" also matches before a final newline
    m = _CAPITALIZED_RUN_BACK.match(ctx.reversed_text, n - end, n - lo)
    return (n - m.end(), end) if m is not None else None


def _last_word(ctx: _Context, pos: int, lo: int) -> tuple[str, int] | None:
    r"""The word before the spaces that end ``text[lo:pos]``, and ``pos`` minus the length of word and spaces:
    a search of ``([^\W_][\w'&.-]*)[ ]+$`` in that slice, done backwards from ``pos`` on the reversed text."""
    text, n = ctx.text, len(ctx.text)
    end = pos - 1 if pos > lo and text[pos - 1] == "\n" else pos  # "$" also matches before a final newline
    m = _SPACES_WORD.match(ctx.reversed_text, n - end, n - lo)
    if m is None:
        return None
    first, word_end = n - m.end(), n - m.start(1)
    return text[first:word_end], pos - (end - first)


def _org_or_place_ending(ctx: _Context, end: int) -> tuple[str, int] | None:
    if end not in ctx.spans.ends:
        return None  # (asked for the word before each title: most end no mention)
    o = ctx.orgs.ending_at(end)
    if o is not None:
        # "mit Hamburgs Umweltsenatorin": the organization finder's "Hamburgs" is the city's genitive
        return _genitive_place(ctx, o.name) or o.name, o.start
    p = ctx.places.ending_at(end)
    if p is not None and not p.derived:
        # "Google Ireland head": a country or city unit of the organization named right before it
        before = _last_word(ctx, p.start, max(0, p.start - 40))
        if before is not None and before[1] + len(before[0]) + 1 == p.start:
            word, w_start = before
            if word[:1].isupper() and (word == ctx.subject or word in ctx.spans.org_names):
                return f"{word} {p.text}", w_start
        return _genitive_place(ctx, p.text) or p.text, p.start
    if p is not None and p.place.name:
        # "de Amsterdamse burgemeester", "der Zürcher Finanzvorstand": the city the adjective is made from
        return p.place.name, p.start
    return None


def _place_name(p: PlaceMention) -> str:
    """How a role names a place: as written, or for a city made an adjective ("Zürcher"), the city."""
    return p.place.name if p.derived and p.place.name else p.text


def _possessive_org(ctx: _Context, stem: str, start: int) -> str | None:
    if stem[:1].isupper():
        return _org_name_at(ctx, start, start + len(stem)) or stem
    return _noun_org(ctx, stem) or _named_with_noun(ctx, stem, start)


def _place_before(ctx: _Context, pos: int) -> str | None:
    """The last place named before ``pos`` in its sentence or the one before."""
    sent = ctx.sentences.span_at(pos, len(ctx.text))
    place = _last_inside(ctx.places, _previous_sentence_start(ctx, sent), pos)
    return _place_name(place) if place is not None else None


def _named_with_noun(ctx: _Context, noun: str, pos: int) -> str | None:
    """The last name ending in the capitalized institution noun before ``pos`` in its sentence or the one
    before ("at Dalhousie University, where the university's president"), where the organization finder
    found none."""
    if noun.casefold() not in ctx.lex.kind_nouns:
        return None
    sent = ctx.sentences.span_at(pos, len(ctx.text))
    start = max(_previous_sentence_start(ctx, sent), pos - _JURISDICTION_REACH)
    pattern = rf"(?:[{UPPER}][\w'’&.-]*[ ]){{1,3}}{re.escape(noun[:1].upper() + noun[1:])}(?![\w])"
    found = None
    for m in re.finditer(pattern, ctx.text[start:pos]):
        found = m.group(0)
    return found


def _noun_org(ctx: _Context, noun: str, pos: int = -1) -> str | None:
    """ "the centre", "du groupe", "de campus": a known organization named with that noun, else the subject."""
    low = noun.casefold()
    if low in ctx.org_words:
        return ctx.org_words[low]
    if low in ctx.lex.company_nouns:
        # "el estand de Iberia, donde la saludó el presidente de la aerolínea": the company just named
        sent = ctx.sentences.span_at(pos, len(ctx.text)) if pos >= 0 else (0, 0)
        earlier = _last_inside(ctx.orgs, sent[0], pos) if pos >= 0 else None
        if earlier is not None and earlier.name != ctx.subject:
            return earlier.name
        return ctx.subject
    if low in ctx.lex.site_nouns:
        return ctx.subject  # "the centre's managing director", "il direttore dello stabilimento": the company's site
    return None


_NAME_FOLLOWS = re.compile(rf"[ ]*[\"'“„«‘]?[ ]*[{UPPER}]")  # "der Firma „Beta“": the noun introduces the name


def _common_noun_org(ctx: _Context, noun: str, pos: int) -> str | None:
    """What a company or place noun after a title's article names, the noun read also without a genitive
    ending ("des Konzerns"): a known organization or the subject, or the place named before ("" for a
    place noun with no place before it); None for any other word."""
    low = noun.casefold()
    forms = [low] + [low[: -len(e)] for e in ctx.lex.genitive_endings if low.endswith(e) and len(low) > len(e)]
    for form in forms:
        if form in ctx.lex.company_nouns:
            return _noun_org(ctx, form, pos)
        if form in ctx.lex.place_nouns:
            return _place_before(ctx, pos) or ""
    return None


def _prep_at(ctx: _Context, pos: int) -> int | None:
    """If a preposition of the title's organization starts at ``pos``, where the word after it starts."""
    text, elided = ctx.text, ctx.lex.elided_preps
    # an elided preposition ends with "'", and only "'" casefolds to a string that holds one
    if elided and text.find("'", pos, pos + ctx.lex.elided_reach) >= 0:
        for e in elided:
            if text[pos : pos + len(e)].casefold() == e:
                return pos + len(e)
    m = _PREP_WORD.match(text, pos, pos + 30)
    if m and m.group(1).casefold() in ctx.lex.preps:
        return m.end()
    return None


def _skip_spaces(text: str, pos: int) -> int:
    while text[pos : pos + 1] == " ":
        pos += 1
    return pos


def _title_rest(text: str, pos: int, prep: int) -> str:
    """Words between a title and the preposition that names its organization belong to the title:
    "Head of APAC & LATAM bei Dropbox", "director de relaciones institucionales de la compañía"."""
    rest = text[pos:prep].strip()
    words = rest.split()
    if not words or len(words) > 5 or any(ch in rest for ch in ',;:()"'):
        return ""
    if any(w[:1].isupper() and not w.isupper() for w in words):
        return ""  # a capitalized word starts a name ("presidenta de la Comunidad de Madrid"); acronyms may stay
    return rest.casefold()


def _joined_name(ctx: _Context, start: int, run_text: str, end: int) -> str | None:
    """The longer name a connector makes of the capitalized words at ``start`` ("la Agencia de Innovación
    de Mendoza", "del Gremio de Hoteles de Barcelona"), unless the words before the connector are a
    department of an organization named after it ("director de Empresas de Microsoft Ibérica"). Where
    every noun is capitalized, such a phrase is as often a common noun's ("Leiterin der Abteilung für
    Politik"): None."""
    if ctx.lex.nouns_capitalized:
        return None
    joined = ctx.lex.org_run.match(ctx.text, start, end)
    if joined is None or len(joined.group(0).rstrip(".")) <= len(run_text):
        return None
    after = _skip_spaces(ctx.text, _coordinated_end(ctx, start + len(run_text), end))
    if _org_starting_at(ctx, _prep_at(ctx, after), end) is not None:
        return None
    return joined.group(0).rstrip(".")


def _right_org(ctx: _Context, pos: int, end: int, title: str) -> tuple[str | None, bool, str]:
    """The organization named in a title's complement: (name, no organization at all, words added to the title)."""
    text, lex = ctx.text, ctx.lex
    skip_first = title in lex.portfolio
    department = ""  # a business function named in the complement ("of Sales"): words added to the title
    i = pos
    while i < end:
        while i < end and text[i] == " ":
            i += 1
        after_prep = _prep_at(ctx, i)
        if after_prep is None:
            m = _NON_SPACE.match(text, i, end)
            if not m:
                break
            i = m.end()
            continue
        j = after_prep
        det = _DET_WORD.match(text, j, end)
        had_det = False
        # where nouns are capitalized, a genitive article may be the preposition itself ("Chef der Bank"):
        # a capitalized word alone after it may be a common noun ("Leiterin des Stadtbauamts")
        genitive = lex.nouns_capitalized and text[i:after_prep].strip().casefold() in lex.determiners
        if det and det.group(1).casefold() in lex.determiners and not det.group(1)[:1].isupper():
            j = det.end()
            had_det = True
        if j < len(text) and text[j : j + 1].isupper():
            run = _ORG_RUN.match(text, j, end)
            run_text = run.group(0).rstrip(".") if run else ""
            if run_text.casefold() in lex.bodies:
                return None, True, text[i : j + len(run_text)].casefold()
            if skip_first:
                skip_first = False
                i = j + len(run_text)
                continue
            if lex.nouns_capitalized and " " not in run_text and not _NAME_FOLLOWS.match(text, j + len(run_text)):
                # "Sprecher des Unternehmens", "Bürgermeister der Stadt": a common noun, capitalized as
                # every noun is, names what a lower-case noun would (below)
                noun = _common_noun_org(ctx, run_text, j)
                if noun is not None:
                    if noun:
                        return noun, False, department or _title_rest(text, pos, i)
                    i = j + len(run_text)  # a place noun with no place before it names nobody
                    continue
            joined = _joined_name(ctx, j, run_text, end)
            run_text = joined or run_text
            tail_at = j + len(run_text)
            known = _org_name_at(ctx, j, j + max(1, len(run_text)))
            if had_det and _LOWER_NEXT.match(text, tail_at, tail_at + 20):
                # "at the IT firm General Datatech": the name after the company noun
                described = _described_org(ctx, tail_at, end)
                if described is not None:
                    return described, False, department or _title_rest(text, pos, i)
                # "of the IDC advisory board": IDC names the board; a known organization before a verb
                # ("van de FNV rekent") is the employer
                if known is None or _described_org(ctx, tail_at, end, named=False) is not None:
                    i = j + len(run_text)
                    continue
            if known:
                return known, False, department or _title_rest(text, pos, i)
            # "head of Europe at Acme": a place or unknown name is the title's scope when a preposition
            # and a known organization follow it
            tail_at = _coordinated_end(ctx, j + len(run_text), end)
            employer = _org_starting_at(ctx, _prep_at(ctx, _skip_spaces(text, tail_at)), end)
            if employer is not None:
                # "director de Empresas de Microsoft Ibérica": the name before is the title's department
                return employer, False, text[i:tail_at].strip().casefold()
            if _department(lex, text[j:tail_at]):
                # "la responsable de Recursos Humanos, Lisa McCormack": a business function, no employer
                department = text[pos:tail_at].strip().casefold()
                i = tail_at
                continue
            place = ctx.places.covering(j, j + 1)
            if place is not None:
                return (
                    _place_name(place),
                    False,
                    department or _title_rest(text, pos, i),
                )
            if (
                (not had_det or joined or title in lex.public)  # "mayor of the West Midlands"
                and run_text
                and run_text.casefold() not in lex.non_name
                and not (genitive and " " not in run_text)
            ):
                return run_text, False, department or _title_rest(text, pos, i)
            i = j + len(run_text)
            continue
        word = _LETTERS.match(text, j, end)
        if word:
            if skip_first:
                skip_first = False
            else:
                named = _ORG_RUN.match(text, word.end() + 1, end)
                if word.group(0).casefold() in lex.company_nouns and named and text[word.end()] == " ":
                    return (
                        _org_name_at(ctx, named.start(), named.end()) or named.group(0),
                        False,
                        department or _title_rest(text, pos, i),
                    )
                noun = _noun_org(ctx, word.group(0), j)
                if noun is None and word.group(0).casefold() in lex.place_nouns:
                    noun = _place_before(ctx, j)  # "el presidente del país, Juan Manuel Santos": Colombia
                if noun is None and text[j - 1 : j] == " ":
                    noun = _described_org(ctx, j - 1, end)  # "of design firm Samurai"
                if noun is not None:
                    return noun, False, department or _title_rest(text, pos, i)
            i = word.end()
            continue
        i = j + 1
    return None, False, department


def _department(lex: _Lexicon, phrase: str) -> bool:
    """Whether a capitalized phrase after a title's preposition names business functions ("Sales",
    "Engineering and Operations", "Recursos Humanos"), each of them a department of the language."""
    folded = phrase.casefold().strip()
    if folded in lex.departments:
        return True
    parts: list[str] = []
    words: list[str] = []
    for w in folded.replace(",", " , ").split():
        if w in lex.conj or w in ("&", ","):
            parts.append(" ".join(words))
            words = []
        else:
            words.append(w)
    parts.append(" ".join(words))
    return len(parts) > 1 and all(p in lex.departments for p in parts)


def _described_org(ctx: _Context, pos: int, end: int, named: bool = True) -> str | None:
    """The organization a company noun among the next few lower-case words introduces ("the IT firm
    General Datatech", "la banque française Nordvik"); with ``named=False``, the noun itself, when one is there."""
    text = ctx.text
    for _ in range(_DESCRIBER_WORDS):
        word = _LOWER_WORD.match(text, pos, end)
        if word is None:
            return None
        pos = word.end()
        low = word.group(1).casefold()
        if not named and low in ctx.lex.kind_nouns:
            return word.group(1)
        if low in ctx.lex.company_nouns:
            run = _ORG_RUN.match(text, pos + 1, end) if text[pos : pos + 1] == " " else None
            return (_org_name_at(ctx, run.start(), run.end()) or run.group(0)) if run else None
    return None


_DESCRIBER_WORDS = 4  # lower-case words up to the company noun: "the real estate research firm Green Street"
_LOWER_WORD = re.compile(r"[ ]+([a-zà-ÿ][\w-]*)")


_CONJ_WORD = re.compile(r"[ ]+([^\W\d_]+|&)[ ]+")


def _coordinated_end(ctx: _Context, pos: int, end: int) -> int:
    """Where a capitalized run that ends at ``pos`` ends with the runs a conjunction joins to it
    ("Investigación y Desarrollo", "Autónomos y Emprendimiento"): a department named in two words."""
    while True:
        conj = _CONJ_WORD.match(ctx.text, pos, end)
        if conj is None or conj.group(1).casefold() not in ctx.lex.conj:
            return pos
        run = _ORG_RUN.match(ctx.text, conj.end(), end)
        if run is None:
            return pos
        pos = run.end()


def _org_starting_at(ctx: _Context, pos: int | None, end: int) -> str | None:
    """The organization named from ``pos`` on (ending by ``end``): a mention that starts there, or a
    capitalized run that starts with a known organization's name ("Microsoft Ibérica" of "Microsoft")."""
    if pos is None:
        return None
    k = bisect_left(ctx.orgs.starts, pos)
    if k < len(ctx.orgs.items) and ctx.orgs.starts[k] == pos and ctx.orgs.items[k].end <= end:
        return ctx.orgs.items[k].name
    run = _ORG_RUN.match(ctx.text, pos, end)
    if run is None:
        return None
    words = run.group(0).split()[:_EMPLOYER_WORDS]
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]) in ctx.spans.org_names:
            return " ".join(words[:n])
    return None


def _after_name_org(ctx: _Context, pos: int, sent_end: int) -> str | None:
    """ "directeur Frans Schmetz van de campus": a complement right after a pre-nominal name."""
    after = _prep_at(ctx, pos + 1) if ctx.text[pos : pos + 1] == " " else None
    if after is None:
        return None
    org, _, _ = _right_org(ctx, pos, min(sent_end, _scope_end(ctx, pos, len(ctx.titles), sent_end)), "")
    return org


def _names_after(ctx: _Context, t_end: int, sent_end: int, plural: bool) -> list[tuple[int, int, str]]:
    """Names after a title: directly, after a colon, or after the title's complement and a comma."""
    text, lex = ctx.text, ctx.lex
    capital = _next_capital(ctx, t_end)  # every name starts with one
    m = _TITLE_GAP.match(text, t_end, sent_end)
    if m and capital == m.end():
        name = _name_after(ctx, m.end(), sent_end)
        if name is not None and (name[2].count(" ") >= 1 or not m.group(0).strip()):
            return _name_list(ctx, name, sent_end, plural)
    # complement then ", Name" or a name glued to the complement
    limit = min(sent_end, t_end + 90)
    if capital >= limit:
        return []  # the names below start before ``limit``
    pos = t_end
    lower_words = 0
    previous = ""
    k = bisect_right(ctx.titles, (t_end, _AFTER_ALL))  # the first hit that starts after t_end
    next_title = ctx.titles[k][0] if k < len(ctx.titles) else len(text)
    while pos < limit:
        w = _COMPLEMENT_WORD.match(text, pos, limit)
        if not w:
            break
        comma, word = w.groups()
        w_end = w.end()
        w_start = w_end - len(word)  # the word ends the match
        lowered = word[:1].islower()
        if comma:
            name = _name_after(ctx, w_start, sent_end)
            if name is not None and _ends_name(text, name[1], lex) and _not_in_list(text, name, sent_end):
                return _name_list(ctx, name, sent_end, plural)
            if lowered:
                return []
        if lowered:
            low = word.casefold()
            if low not in lex.complement_words and not low.endswith("'"):
                lower_words += 1
                if lower_words > 3:
                    return []
        elif pos > t_end and not _in_org_or_place(ctx, w_start, w_end):
            glued = _glued_name(ctx, w_start, sent_end, previous)
            if glued is not None:
                return _name_list(ctx, glued, sent_end, plural)
        # a title can match only from the next title hit on (hits are in order and do not overlap)
        if pos > t_end and w_start >= next_title and _title_at(ctx, w_start):
            return []
        previous = word
        pos = w_end
    return []


def _next_capital(ctx: _Context, pos: int) -> int:
    """The offset of the first capital (the first character of a name) at or after ``pos``, else the text's length.

    Asked at each title's end, in text order: the last answer serves until a title ends after it, so the text is
    searched once in all (a search to the next capital for each title cost a text of lower-case titles its
    length squared)."""
    known = ctx.next_capital  # [from, at]: the first capital at or after ``from`` is at ``at``
    if not known[0] <= pos <= known[1]:
        found = _CAPITAL.search(ctx.text, pos)
        known[0], known[1] = pos, found.start() if found is not None else len(ctx.text)
    return known[1]


def _title_at(ctx: _Context, pos: int) -> bool:
    """Whether ``lex.title`` matches at ``pos``. The title hits are its matches by ``finditer``, so a match at
    ``pos`` is one of them unless ``pos`` lies inside an earlier hit: only then is the regex asked."""
    i = bisect_right(ctx.titles, (pos, _AFTER_ALL)) - 1  # the last hit that starts at or before pos
    if i < 0:
        return False
    start, end = ctx.titles[i]
    return start == pos or (pos < end and ctx.lex.title.match(ctx.text, pos) is not None)


def _not_in_list(text: str, name: tuple[int, int, str], sent_end: int) -> bool:
    """A name followed by ", Capitalized" is one item of a list of places or bodies, not a person."""
    if _LIST_NEXT.match(text, name[1], min(sent_end, name[1] + 4)):
        return False
    return " " in name[2] or text[name[1] : name[1] + 1] in ",;."


def _glued_name(ctx: _Context, pos: int, sent_end: int, previous: str) -> tuple[int, int, str] | None:
    """A name glued to a title's complement: "vicesindaco di Torino Tom Dealessandri" (a run of three or
    more words: the last two are the name, but all of it after an appointment verb, "su directora será
    Mónica Vázquez García"), "assessore all'innovazione Andrea Bairati" (after a word)."""
    m = ctx.lex.name.match(ctx.text, pos, sent_end)
    if not m or not _ends_name(ctx.text, m.end(), ctx.lex):  # (asked first: in a run of capitalized words, it fails)
        return None
    words = m.group().split()
    if any(w.casefold() in ctx.lex.particles for w in words):
        return None
    after_word = previous[:1].islower() and previous.casefold() not in ctx.lex.preps_or_determiners
    if len(words) >= 3 and after_word and previous.casefold() in ctx.lex.appointment and not _title_at(ctx, m.start()):
        start = m.start()  # "su directora será Mónica Vázquez García": after an appointment verb, the whole run
    elif len(words) >= 3:
        start = m.end() - len(" ".join(words[-2:]))
    elif len(words) == 2 and after_word:
        start = m.start()
    else:
        return None
    if not all(_valid_token(w, ctx.lex) for w in ctx.text[start : m.end()].split()):
        return None
    return start, m.end(), ctx.text[start : m.end()]


def _ends_name(text: str, end: int, lex: _Lexicon) -> bool:
    rest = text[end : end + 12]
    if not rest or rest[0] in ",;.)–—:!?\"'" or rest.startswith((" –", " —", " (")):
        return True
    m = _NEXT_LETTERS.match(rest)
    return bool(m and m.group(1)[:1].islower())


def _name_list(ctx: _Context, first: tuple[int, int, str], sent_end: int, plural: bool) -> list[tuple[int, int, str]]:
    out = [first]
    if not plural:
        return out
    pos = first[1]
    while True:
        m = _LIST_SEP.match(ctx.text, pos, sent_end)
        if not m or (m.group(0).strip() != "," and m.group(0).strip().casefold() not in ctx.lex.conj):
            return out
        nxt = _name_after(ctx, m.end(), sent_end)
        if nxt is None:
            return out
        out.append(nxt)
        pos = nxt[1]


def _anaphor(
    ctx: _Context, t_start: int, gap_start: int, sent: tuple[int, int], found: list[_Role]
) -> tuple[int, int, str] | None:
    """ "..., sagt der neue Niederlassungsleiter": the last person named without a role, here or just before."""
    before = _words_between(ctx.text, gap_start, t_start)
    if len(before) < 2 or before[0] not in ctx.lex.determiners or before[-1] in ctx.lex.determiners:
        return None
    with_role = _role_names(ctx, found)
    return _names_from(ctx, _previous_sentence_start(ctx, sent)).last_before(gap_start, with_role)


def _full_name(ctx: _Context, m: re.Match[str]) -> tuple[int, int, str] | None:
    """The full name (two words or more, in no organization or place) that a name match holds, if any."""
    name = _name_after(ctx, m.start(), m.end())
    if name is None or name[2].count(" ") < 1 or _in_org_or_place(ctx, name[0], name[1]):
        return None
    return name


def _without_role(name: tuple[int, int, str], with_role: set[str]) -> bool:
    return name[2] not in with_role and name[2].split()[-1] not in with_role


class _Names:
    """The full names of a scan of ``lex.multiword_name`` from one offset on, read only as far as asked and kept.

    An anaphor takes the last name without a role from the sentence before on: asked again for every title of
    a long sentence, that scan cost the sentence's length squared. Here each match is read and checked once,
    and a name that gets a role is skipped from then on (names only ever get roles, never lose them)."""

    def __init__(self, ctx: _Context, start: int) -> None:
        self.ctx = ctx
        self.scan = ctx.lex.multiword_name.finditer(ctx.text, start)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.names: list[tuple[int, int, str] | None] = []
        self.left: list[int] = []  # the nearest index at or before each that may hold a name without role, or -1
        self.done = False

    def _read_to(self, end: int) -> None:
        """Read until a match ends after ``end``: the matches of a scan that stops at ``end`` are those
        read that end at or before it, then what a scan finds from the start of the next one up to ``end``."""
        while not self.done and (not self.ends or self.ends[-1] <= end):
            m = next(self.scan, None)
            if m is None:
                self.done = True
                return
            name = _full_name(self.ctx, m)
            self.left.append(len(self.names) if name is not None else (self.left[-1] if self.left else -1))
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.names.append(name)

    def _alive(self, i: int) -> int:
        """The index at or before ``i`` of a name not yet known to have a role (-1: none), shortening the way."""
        root = i
        while root >= 0 and self.left[root] != root:
            root = self.left[root]
        while i >= 0 and self.left[i] != i:
            self.left[i], i = root, self.left[i]
        return root

    def last_before(self, end: int, with_role: set[str]) -> tuple[int, int, str] | None:
        """The last full name without a role of the scan up to ``end`` (as ``finditer(text, start, end)``)."""
        self._read_to(end)
        k = bisect_right(self.ends, end)
        if k < len(self.starts) and self.starts[k] < end:  # the match that reaches past ``end``, cut there
            rescan = self.ctx.lex.multiword_name.finditer(self.ctx.text, self.starts[k], end)
            for name in reversed([_full_name(self.ctx, m) for m in rescan]):
                if name is not None and _without_role(name, with_role):
                    return name
        i = self._alive(k - 1)
        while i >= 0:
            name = self.names[i]
            assert name is not None  # only indexes of names are alive
            if _without_role(name, with_role):
                return name
            self.left[i] = self.left[i - 1] if i > 0 else -1  # it has a role now, and keeps it
            i = self._alive(i)
        return None


def _names_from(ctx: _Context, start: int) -> _Names:
    """The name reader from ``start`` (one per offset and article)."""
    names = ctx.name_readers.get(start)
    if names is None:
        names = ctx.name_readers[start] = _Names(ctx, start)
    return names


def _role_names(ctx: _Context, found: list[_Role]) -> set[str]:
    """The names of the roles found and their last words, added to as ``found`` grows (it only grows; its last
    role may be replaced by one of the same name)."""
    known = ctx.role_names
    for r in found[known.count :]:
        known.names.add(r.name)
        known.names.add(r.name.split()[-1])
    known.count = len(found)
    return known.names


def _pronoun_person(
    ctx: _Context, t_start: int, sent: tuple[int, int], found: list[_Role]
) -> tuple[int, int, str] | None:
    """ "... sitzt er auch im Vorstand des ... Grab": a personal pronoun before the title stands for the
    person named last."""
    if not found or not _words_from(ctx, sent[0]).any_marked(t_start):
        return None
    last = _last_named_before(ctx, found, t_start)
    return (last.name_start, last.name_end, last.name) if last else None


def _last_named_before(ctx: _Context, found: list[_Role], pos: int) -> _Role | None:
    """The role whose name ends last at or before ``pos`` (the first such in ``found`` on a tie).

    ``found`` only grows (its last role may be replaced by one with the same name), so its name ends are
    added to a sorted index as they come, instead of reading every role for every pronoun."""
    ends = ctx.name_ends
    for i in range(ends.count, len(found)):
        insort(ends.sorted, (found[i].name_end, i))
    ends.count = len(found)
    k = bisect_right(ends.sorted, (pos, _AFTER_ALL)) - 1
    if k < 0:
        return None
    k = bisect_left(ends.sorted, (ends.sorted[k][0], -1))  # the first role with that end
    return found[ends.sorted[k][1]]


def _default_org(ctx: _Context, title: str, t_start: int, sent: tuple[int, int]) -> str | None:
    head = title.split()[0] if title else title
    if title in ctx.lex.no_org or head in ctx.lex.no_org:
        return None
    if title in ctx.lex.public or head in ctx.lex.public:
        # the nearest place before the title in its sentence, else the one place the sentence before
        # names: of several there, none is more likely than another ("aus Paris, Wien und Warschau")
        here = _last_inside(ctx.places, sent[0], t_start)
        if here is not None:
            return _place_name(here)
        previous = _previous_sentence_start(ctx, sent)
        return (
            _only_place_inside(ctx, previous, t_start)
            or _town_before(ctx, previous, t_start)
            or _only_place_inside(ctx, t_start, _sentence_end_after(ctx, sent))
        )
    return ctx.subject


_JURISDICTION_REACH = 400  # characters before a title searched for a town or a noun's name: a sentence or two,
# and a sentence of a thousand titles stays linear
_TOWN_RUN = re.compile(rf"([^\W\d_]+)[ ]+([{UPPER}][\w'’-]*(?:[ ][{UPPER}][\w'’-]*){{0,2}})")


def _town_before(ctx: _Context, start: int, end: int) -> str | None:
    """The last town too small for the place finder named after a place preposition in ``text[start:end]``
    ("In Gaildorf hatte man gehofft. Bürgermeister Frank Zimmermann"), or US state: a public title's
    jurisdiction is often one."""
    towns, gaz = get_towns(), get_gazetteer()
    found = None
    for m in _TOWN_RUN.finditer(ctx.text, max(start, end - _JURISDICTION_REACH), end):
        name = m.group(2)
        if ctx.places.covers(m.start(2), m.end(2)):
            continue  # a place found already ("aus Paris, Wien und Warschau"): not the one jurisdiction
        town = m.group(1).casefold() in ctx.lex.place_preps and fold_name(name) in towns
        if town or (len(name) > 2 and gaz.state_code(name) is not None):  # "Illinois keeps ... Gov. Pritzker"
            found = name
    return found


# The questions a title asks about the mentions of its sentence, answered without listing the whole sentence's
# (``SpanIndex.inside``): asked for each title of a long sentence, that list was the sentence's mentions again.
# Only the mentions that start in the range but end after it are skipped one by one, and there are few of those.


def _last_inside(index: SpanIndex[_M], start: int, end: int) -> _M | None:
    """``index.inside(start, end)[-1]``, or None."""
    i = bisect_left(index.starts, end) - 1
    while i >= 0 and index.starts[i] >= start:
        if index.items[i].end <= end:
            return index.items[i]
        i -= 1
    return None


def _first_other_org_inside(ctx: _Context, start: int, end: int) -> OrgMention | None:
    """The first of ``ctx.orgs.inside(start, end)`` that is not the subject, or None."""
    orgs, other = ctx.orgs, ctx.spans.next_other_org
    i = other[bisect_left(orgs.starts, start)]
    while i < len(orgs.items) and orgs.starts[i] < end:
        if orgs.items[i].end <= end:
            return orgs.items[i]
        i = other[i + 1]
    return None


def _only_place_inside(ctx: _Context, start: int, end: int) -> str | None:
    """The text of the places of ``ctx.places.inside(start, end)`` if they all have the same one, else None."""
    places, same_until = ctx.places, ctx.spans.same_place_until
    n = len(places.items)
    i = bisect_left(places.starts, start)
    while i < n and places.starts[i] < end and places.items[i].end > end:
        i += 1
    if i == n or places.starts[i] >= end:
        return None
    text = places.items[i].text
    j = same_until[i] + 1  # the first place after a run of that text
    while j < n and places.starts[j] < end:
        if places.items[j].text == text:
            j = same_until[j] + 1
        elif places.items[j].end <= end:
            return None
        else:
            j += 1
    return _place_name(places.items[i])


@attrs.frozen
class _SpanFacts:
    """Facts about the article's mentions, worked out once for the questions above."""

    org_names: frozenset[str]
    ends: frozenset[int]  # where a non-empty organization or place ends (none else is ``ending_at`` an offset)
    next_other_org: list[int]  # for each index (and one past the end), the first from it not the subject's
    same_place_until: list[int]  # for each index, the last of the run of places with its text that it starts

    @classmethod
    def of(cls, orgs: SpanIndex[OrgMention], places: SpanIndex[PlaceMention], subject: str | None) -> _SpanFacts:
        next_other = [len(orgs.items)] * (len(orgs.items) + 1)
        for i in range(len(orgs.items) - 1, -1, -1):
            next_other[i] = i if orgs.items[i].name != subject else next_other[i + 1]
        same_until = list(range(len(places.items)))
        for i in range(len(places.items) - 2, -1, -1):
            if places.items[i].text == places.items[i + 1].text:
                same_until[i] = same_until[i + 1]
        ends = {o.end for o in orgs.items if o.start < o.end} | {p.end for p in places.items if p.start < p.end}
        return cls(frozenset(o.name for o in orgs.items), frozenset(ends), next_other, same_until)


def _sentence_end_after(ctx: _Context, sent: tuple[int, int]) -> int:
    i = bisect_left(ctx.sentences.starts, sent[1])
    return ctx.sentences.items[i].end if i < len(ctx.sentences.items) else sent[1]


def _previous_sentence_start(ctx: _Context, sent: tuple[int, int]) -> int:
    i = bisect_left(ctx.sentences.starts, sent[0]) - 1
    return ctx.sentences.items[i].start if i >= 0 else sent[0]


def _merge(ctx: _Context, found: list[_Role]) -> list[PersonMention]:
    """One person per name: surnames and particle-led forms ("De Vreeze") join the full name."""
    if not found:
        return []
    # Only a full name that is a role's name or ends with the last word of a short one can matter below; such a
    # name lies inside its match, so matches that contain none of these strings are not read.
    needed = {r.name for r in found if " " in r.name}
    short_ends = {w[-1].casefold() for w in (r.name.split() for r in found) if _is_short(w, ctx.lex)}
    first_role: dict[str, int] | None = None
    if not short_ends:
        # No name to resolve: the full names serve only to place each person where the name is first found,
        # and a role's own name is found there unless it is written earlier.
        first_role = {}
        for r in found:
            if " " in r.name:
                first_role[r.name] = min(first_role.get(r.name, r.name_start), r.name_start)
    full: list[tuple[int, int, str]] = []
    for m in _name_matches_holding(ctx, needed, short_ends, first_role):
        found_name = _name_after(ctx, m.start(), m.end())
        if found_name is not None and found_name[2].count(" ") >= 1:
            full.append(found_name)
    full.extend((r.name_start, r.name_end, r.name) for r in found if " " in r.name)
    full.sort()

    by_tail: dict[tuple[str, ...], str] = {}
    for f in full:
        fw = tuple(w.casefold() for w in f[2].split())
        for k in range(1, len(fw)):
            by_tail.setdefault(fw[-k:], f[2])

    def canonical(name: str) -> str:
        words = name.split()
        if not _is_short(words, ctx.lex):
            return name
        return by_tail.get(tuple(w.casefold() for w in words), name)

    persons: dict[str, dict[tuple[str, str | None], RoleMention]] = {}  # the first role of each title and org
    for r in found:
        persons.setdefault(canonical(r.name), {}).setdefault((r.role.title, r.role.organization), r.role)
    first_full: dict[str, tuple[int, int, str]] = {}
    for f in full:
        first_full.setdefault(f[2], f)
    org_names = set(map(str.casefold, map(_NAME, ctx.orgs.items)))
    org_names.update(map(str.casefold, map(_TEXT, ctx.places.items)))
    out: list[PersonMention] = []
    for name, by_key in persons.items():
        if name.casefold() in org_names:
            continue
        roles = list(by_key.values())
        first = first_full.get(name)
        if first is None:
            k = ctx.text.find(name)
            first = (k, k + len(name), name) if k >= 0 else (roles[0].start, roles[0].start, name)
        out.append(PersonMention(first[0], first[1], name, tuple(roles)))
    out.sort(key=lambda p: p.start)
    return out


def resolve_subject(people: Sequence[PersonMention], subject: str | None) -> list[PersonMention]:
    """``people`` read with ``subject=PENDING_SUBJECT``, their roles of the subject company given to ``subject``
    (a role that was the subject's by default and is also stated for it is kept once, at its first mention).

    >>> from expansion_tracker.languages import load_language
    >>> from expansion_tracker.text import split_sentences
    >>> text = "CEO Anna Berg said so."
    >>> found = find_people(text, load_language("en"), split_sentences(text), [], PENDING_SUBJECT)
    >>> [(r.title, r.organization) for p in resolve_subject(found, "Acme") for r in p.roles]
    [('ceo', 'Acme')]
    """
    out = []
    for p in people:
        if all(r.organization != PENDING_SUBJECT for r in p.roles):
            out.append(p)
            continue
        roles: dict[tuple[str, str | None], RoleMention] = {}
        # a person is never their own employer: a subject that holds the person's name (a short text about
        # "Präsident Emmanuel Macron") is no default organization of their roles
        default = None if subject is not None and p.name.casefold() in subject.casefold() else subject
        for r in p.roles:
            if r.organization == PENDING_SUBJECT:
                r = attrs.evolve(r, organization=default)
            roles.setdefault((r.title, r.organization), r)
        out.append(attrs.evolve(p, roles=tuple(roles.values())))
    return out


def _name_matches_holding(
    ctx: _Context, needed: set[str], folded_words: set[str], before: dict[str, int] | None = None
) -> list[re.Match[str]]:
    """The matches of more than one word of a scan of ``lex.name`` over the text that hold one of the ``needed``
    strings (if ``before`` is given, written before the offset it gives for the string), or whose casefolded
    text holds one of the ``folded_words``, in text order.

    A match holds only characters a name can hold, so the scan can start anew after any other character: only
    the stretches of such characters around the strings are scanned, each once."""
    text, rev, n = ctx.text, ctx.reversed_text, len(ctx.text)
    spans = [s for needle in needed for s in _occurrences(text, needle) if before is None or s[0] < before[needle]]
    if folded_words:
        folded = text.casefold()
        if len(folded) != len(text):  # no character-for-character casefolding: scan everything
            return [
                m
                for m in ctx.lex.multiword_name.finditer(text)
                if any(s in m.group() for s in needed) or any(w in m.group().casefold() for w in folded_words)
            ]
        spans += [s for w in folded_words for s in _occurrences(folded, w)]
    spans.sort()
    out: list[re.Match[str]] = []
    i = 0
    while i < len(spans):
        k = spans[i][0]
        back, ahead = ctx.lex.name_chars.match(rev, n - k), ctx.lex.name_chars.match(text, k)
        assert back is not None and ahead is not None  # a starred pattern always matches
        start, end = n - back.end(), ahead.end()
        j = i
        while j < len(spans) and spans[j][0] <= end:
            j += 1
        # matches and spans in offset order: a span that starts before a match is in no later match either
        for m in ctx.lex.multiword_name.finditer(text, start, end):
            m_start, m_end = m.span()
            if m_start > spans[j - 1][0]:
                break
            while i < j and spans[i][0] < m_start:
                i += 1
            held = False
            while i < j and spans[i][0] < m_end:
                held = held or spans[i][1] <= m_end
                i += 1
            if held:
                out.append(m)
        i = j
    return out


def _occurrences(text: str, needle: str) -> Iterator[tuple[int, int]]:
    k = text.find(needle)
    while k >= 0:
        yield k, k + len(needle)
        k = text.find(needle, k + 1)


def _is_short(words: list[str], lex: _Lexicon) -> bool:
    """A name of one word or led by a particle ("De Vreeze"): a reference to a full name, when there is one."""
    return len(words) == 1 or words[0].casefold() in lex.particles

"""Organizations named in the text, and the company the article is about.

An organization is a run of capitalized tokens with some evidence that it names one: a legal suffix
("GmbH", "Pvt. Ltd."), a company noun in front of it ("PR-Agentur Press'n'Relations", "il gruppo Fca"),
a company apposition after it ("Stripe, a payments firm"), a possessive ("OpenAI's"), a compound
("OpenAI-CEO", "Microsoft-backed"), a role title after it ("Meta CEO"), an institution word inside it
("Università Federico II"), a bracketed acronym ("Cambridge Innovation Center (CIC)"), the subject
position of a headline or sentence, or plain repetition. Places alone are not organizations, people
are not either (a run after a role title, or before ", <title>").

The language knowledge lives in ``languages/<code>/orgs.json`` (and the role titles of
``people.json``); the regular expressions are compiled once per language.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import accumulate
from operator import attrgetter, le, sub
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

import attrs

from .languages import LanguageData, load_language
from .memo import Memo
from .patterns import alternation
from .spans import OrgMention, PlaceMention
from .text import Sentence

__all__ = ["SpanIndex", "find_organizations", "find_subject"]

# Upper-case letters that may start a name (Latin scripts of the supported languages and names in them).
UPPER = "A-ZÀ-ÖØ-ÞŁŚŠŽŹŻČĆŘĎŤŇĚŐŰ"
# A capitalized token: letters, digits, "&", inner apostrophes or dots ("Press'n'Relations", "J.P."),
# and a final dot when it belongs to an abbreviation (decided later).
_TOKEN_REST = r"[\w&]*(?:['.][\w&]+)*\.?"
_TOKEN = rf"[{UPPER}]{_TOKEN_REST}"
_WORD = re.compile(r"[^\W_][\w'&.-]*|&")
_COMPOUND_TAIL = re.compile(r"-([^\W\d_][\w]*)")  # "-CEO", "-backed" glued to a name
_NEXT_WORD = re.compile(r"[ ]+([^\W\d_][\w']*)")
_NAME_HYPHEN = re.compile(r"-([A-ZÀ-Þ][a-zà-ÿ]+)\b")
_BRACKETED = re.compile(r"[ ]*\(([^()\s]{2,12})\)")
_SPACES = frozenset((" ", "\n"))
_CACHE_SIZE = 20_000  # entries per language in each memo of _OrgLexicon


def _memo() -> Memo[Any, Any]:
    return Memo(_CACHE_SIZE)


# Where a capital letter says nothing: after a line break, dash, colon or sentence end, and at the very start
# of the text. _after_break reads these two patterns backwards from a name (the tests hold it to them).
_LOOSE_START = re.compile(r"(?:[\n–—:]|[.!?][\"')]*)[ ]*[\"'(]?")
_TEXT_START = re.compile(r"[ ]*[\"'(]?")
_OPENERS, _BREAKS, _CLOSERS, _ENDS = "\"'(", "\n–—:", "\"')", ".!?"
# what may stand before the space in front of a word that follows a break ("" at the text start)
_BREAK_NEAR = frozenset(" \"'()\n–—:.!?") | {""}


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)
_START_END = attrgetter("start", "end")
_START = attrgetter("start")
_END = attrgetter("end")


class SpanIndex(Generic[S]):
    """Mentions sorted by offset, for the questions the finders ask many times: which mention covers
    a span, which overlap it, which end at an offset. Each answer costs a binary search."""

    def __init__(self, items: Iterable[S]) -> None:
        # built with C-level sorting and maps: people.py builds three of these per article
        self.items = sorted(items, key=_START_END)
        self.starts = list(map(_START, self.items))
        self.ends = list(map(_END, self.items))
        self.max_len = max(map(sub, self.ends, self.starts), default=0)
        self.reach = list(accumulate(self.ends, max))  # the furthest end of the mentions up to each one
        self.disjoint = all(map(le, self.ends, self.starts[1:]))
        self._by_end: dict[int, S] | None = None

    def overlapping(self, start: int, end: int) -> Iterator[S]:
        """Mentions that share at least one character with ``[start, end)`` (or contain ``start``)."""
        i = bisect_left(self.starts, start - self.max_len)
        n = len(self.items)
        while i < n and self.starts[i] < max(end, start + 1):
            if self.items[i].end > start:
                yield self.items[i]
            i += 1

    def covering(self, start: int, end: int) -> S | None:
        """A mention that contains the whole span (the first one in offset order)."""
        for k in range(bisect_left(self.starts, start - self.max_len), bisect_right(self.starts, start)):
            x = self.items[k]
            if x.end > start and x.end >= end:
                return x
        return None

    def covers(self, start: int, end: int) -> bool:
        """``covering(start, end) is not None``: the mentions that start at or before ``start`` reach far enough."""
        k = bisect_right(self.starts, start) - 1
        return k >= 0 and self.reach[k] > start and self.reach[k] >= end

    def ending_at(self, end: int) -> S | None:
        """A non-empty mention that ends exactly at ``end`` (the first one in offset order), from a table
        built on the first call."""
        if self._by_end is None:
            self._by_end = {x.end: x for x in reversed(self.items) if x.start < x.end}  # the first one wins
        return self._by_end.get(end)

    def span_at(self, pos: int, n: int) -> tuple[int, int]:
        """The span of ``covering(pos, pos + 1)``, or ``(0, n)``; of disjoint mentions only the last one that
        starts at or before ``pos`` can hold it."""
        if not self.disjoint:
            s = self.covering(pos, pos + 1)
            return (s.start, s.end) if s is not None else (0, n)
        k = bisect_right(self.starts, pos) - 1
        return (self.starts[k], self.ends[k]) if k >= 0 and self.ends[k] > pos else (0, n)

    def inside(self, start: int, end: int) -> list[S]:
        """Mentions that lie wholly inside ``[start, end)``, in order."""
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.starts[i] < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return out


@attrs.frozen
class _OrgLexicon:
    run: re.Pattern[str]
    legal: frozenset[str]
    company_nouns: frozenset[str]
    company_endings: tuple[str, ...]
    institutions: frozenset[str]
    compound_tails: frozenset[str]
    determiners: frozenset[str]
    stop: frozenset[str]
    titles: frozenset[str]
    title_endings: tuple[str, ...]
    title_first_words: frozenset[str]
    business_verbs: frozenset[str]
    company_after: re.Pattern[str]
    sources: frozenset[str]
    long_institutions: tuple[str, ...]
    apposition_skip: frozenset[str]
    not_orgs: frozenset[str]
    adjective_endings: tuple[str, ...]
    noun_endings: tuple[str, ...]  # endings of common nouns a language capitalizes ("Digitalisierung")
    former: frozenset[str]  # former-role markers: never a name's first word ("Former Google chief")
    tail_cues: frozenset[str]  # the last words of company nouns and titles
    source_last: frozenset[str]  # the last words of source cues
    title_or_company: frozenset[str]  # titles, their first words and company nouns: never a name alone
    word_flags: dict[str, int]  # _INSTITUTION, _TITLE and _COMPANY of the words that are one exactly
    plain_connectors: bool  # every connector is a plain word: str.split() tokenizes runs like _WORD
    # Memos (bounded by _CACHE_SIZE): runs, tokens, names and the words around them repeat within and across
    # articles, and each answer depends only on the key and the language.
    token_cache: Memo[str, int] = attrs.field(factory=_memo, eq=False, repr=False)
    run_cache: Memo[str, tuple[_Seg, ...]] = attrs.field(factory=_memo, eq=False, repr=False)
    apposition_cache: Memo[str, int] = attrs.field(factory=_memo, eq=False, repr=False)
    name_cache: Memo[str, _Name] = attrs.field(factory=_memo, eq=False, repr=False)
    cue_cache: Memo[str, int] = attrs.field(factory=_memo, eq=False, repr=False)
    rules_cache: Memo[str, tuple[bool, bool, bool]] = attrs.field(factory=_memo, eq=False, repr=False)
    institution_cache: Memo[tuple[str, str], bool] = attrs.field(factory=_memo, eq=False, repr=False)


def _word_flags(institutions: frozenset[str], titles: frozenset[str], nouns: frozenset[str]) -> dict[str, int]:
    """Token flags of the exact words of the lexicon, so that one lookup gives all of them."""
    flags: dict[str, int] = {}
    for words, flag in ((institutions, _INSTITUTION), (titles, _TITLE), (nouns, _COMPANY)):
        for w in words:
            flags[w] = flags.get(w, 0) | flag
    return flags


def _calendar_words(code: str, widths: tuple[str, ...] = ("wide", "abbreviated", "narrow", "short")) -> set[str]:
    """Month and weekday names from CLDR (in the given widths): capitalized, but never organizations
    or people."""
    from babel import Locale

    loc = Locale.parse(code)
    words: set[str] = set()
    for table in (loc.months, loc.days):
        for context in table.values():
            for width, names in context.items():
                if width in widths:
                    words.update(str(v).casefold().rstrip(".") for v in names.values())
    return words


def _currency_words(code: str) -> set[str]:
    """Single-word currency names from CLDR ("Euro", "Forint"): capitalized in German, never organizations."""
    from babel import Locale

    return {str(v).casefold() for v in Locale.parse(code).currencies.values() if " " not in str(v)}


@cache
def _lexicon(code: str) -> _OrgLexicon:
    lang = load_language(code)
    connectors = [c for c in lang.get("orgs", "name_connectors") if c != "&"]
    sep = r"(?:[ ]+|[ ]*&[ ]*"
    if connectors:
        sep += rf"|[ ]+(?:{alternation(connectors)})[ ]+(?=[{UPPER}])"
    sep += ")"
    # The first capital comes before the look-behind (which then spans it and the character before it):
    # a pattern that starts with a character class lets the regex engine skip quickly to candidate capitals.
    run = re.compile(rf"[{UPPER}](?<![\w'&-].){_TOKEN_REST}(?:{sep}{_TOKEN})*")
    legal = frozenset(s.casefold() for s in lang.get("orgs", "legal_suffixes"))
    nouns = [n.casefold() for n in lang.get("orgs", "company_nouns")]
    determiners = [d.casefold() for d in lang.get("orgs", "determiners")]
    titles = frozenset(t.casefold() for t in lang.get("people", "titles"))
    stop = {w.casefold() for w in lang.get("detect", "stopwords")}
    stop |= {w.casefold() for w in lang.get("people", "non_name_words")}
    stop |= set(determiners) | {d.casefold() for d in lang.get("people", "determiners")}
    stop |= _calendar_words(code)
    stop |= _currency_words(code)
    det_alt = alternation(determiners) if determiners else "(?!)"
    noun_alt = alternation(nouns) if nouns else "(?!)"
    sources = lang.get("orgs", "source_cues")
    company_nouns = frozenset(nouns)
    source_cues = frozenset(c.casefold() for c in sources)
    tail_cues = _last_words(company_nouns) | _last_words(titles)
    title_first_words = frozenset(t.split()[0].split("-")[0] for t in titles)
    institutions = frozenset(w.casefold() for w in lang.get("orgs", "institution_words"))
    return _OrgLexicon(
        run=run,
        legal=legal,
        company_nouns=company_nouns,
        company_endings=tuple(e.casefold() for e in lang.get("orgs", "company_noun_endings")),
        institutions=institutions,
        compound_tails=frozenset(w.casefold() for w in lang.get("orgs", "compound_tails")),
        determiners=frozenset(determiners),
        stop=frozenset(stop),
        titles=titles,
        title_endings=tuple(e.casefold() for e in lang.get("people", "title_endings")),
        title_first_words=title_first_words,
        business_verbs=frozenset(v.casefold() for v in lang.get("orgs", "business_verbs")),
        # ", a payments firm" / ", società italiana" / ", the parent company of"
        company_after=re.compile(
            rf",[ ]+(?:(?:{det_alt})[ ]+)?(?:[^\W\d_][\w-]*[ ]+){{0,2}}?(?:{noun_alt})\b", re.IGNORECASE
        ),
        # "the company X", "il gruppo X", "le cabinet d'audit X" (checked on the text just before a run)
        sources=source_cues,
        long_institutions=tuple(w.casefold() for w in lang.get("orgs", "institution_words") if len(w) > 5),
        apposition_skip=frozenset(
            w.casefold() for w in (*lang.get("people", "former_markers"), *lang.get("people", "modifiers"))
        ),
        not_orgs=frozenset(w.casefold() for w in lang.get("orgs", "not_org_names")),
        adjective_endings=tuple(e.casefold() for e in lang.get("orgs", "adjective_endings")),
        noun_endings=tuple(e.casefold() for e in lang.get("orgs", "noun_endings")),
        former=frozenset(w.casefold() for w in lang.get("people", "former_markers")),
        tail_cues=tail_cues,
        source_last=_last_words(source_cues),
        title_or_company=titles | title_first_words | company_nouns,
        word_flags=_word_flags(institutions, titles | title_first_words, company_nouns),
        plain_connectors=all(_WORD.fullmatch(w) for c in connectors for w in c.split()),
    )


def _tail_words(before: str) -> list[str]:
    if not before.endswith((" ", "\n")):
        return []
    words = before[-50:].casefold().split()[-4:]
    return [*words[:-1], *words[-1:][0].split("-")] if words else []


@cache
def _last_words(phrases: frozenset[str]) -> frozenset[str]:
    """The last word of each phrase (the lexicon's sets are few and live as long as the process)."""
    return frozenset(p.rsplit(" ", 1)[-1] for p in phrases)


def _ends_with_phrase(words: list[str], phrases: frozenset[str]) -> bool:
    """Whether the last one, two or three words form one of ``phrases``."""
    if not words or words[-1] not in _last_words(phrases):
        return False  # the common case: no phrase ends with this word
    return any(" ".join(words[-k:]) in phrases for k in range(1, min(3, len(words)) + 1))


def _company_before(words: list[str], lex: _OrgLexicon) -> bool:
    """ "the company X", "il gruppo X", "le cabinet d'audit X": a company noun just before a name."""
    if _ends_with_phrase(words, lex.company_nouns) or (words and _is_company_word(words[-1], lex)):
        return True
    if len(words) >= 2 and words[-1].startswith("d'") and words[-2] in lex.company_nouns:
        return True
    return len(words) >= 3 and words[-2] == "de" and words[-3] in lex.company_nouns


def _title_before(words: list[str], lex: _OrgLexicon) -> bool:
    return _ends_with_phrase(words, lex.titles)


def _source_before(words: list[str], lex: _OrgLexicon) -> bool:
    """ "according to (a) X", "laut X", "told the X": a news source, not the subject."""
    if _ends_with_phrase(words, lex.sources):
        return True
    return bool(words) and words[-1] in lex.determiners and _ends_with_phrase(words[:-1], lex.sources)


_NO_RULES = (False, False, False)


def _tail_rules(text: str, start: int, lex: _OrgLexicon) -> tuple[bool, bool, bool]:
    """Whether the words before ``start`` end with a company noun, a role title, a news source cue."""
    before = text[start - 50 if start > 50 else 0 : start]
    # Gate on the last two words (rsplit stops early): each rule needs a cue, "d'" or "de" among them. Casefolding
    # keeps whitespace and adds none (tests/test_orgs_speed.py), so the words are split first and folded only when
    # needed: the gate of the last word is remembered per raw word.
    tail = before.rsplit(None, 2)
    if not tail:
        return _NO_RULES
    gate = lex.cue_cache.get(tail[-1])
    if gate is None:
        gate = _tail_gate(tail[-1], lex)
    if gate == _AFTER_DE:
        if len(tail) < 2 or tail[-2] not in _DE:
            return _NO_RULES  # the common case: no rule can end with these words
    elif gate == _NO_RUN:
        return _NO_RULES
    elif gate == _AFTER_DE_OR_SOURCE:
        prev = tail[-2] if len(tail) >= 2 else ""
        if prev not in _DE and prev.casefold() not in lex.source_last:
            return _NO_RULES  # "the X" is a source only after a cue ("according to the X")
    if not before.endswith((" ", "\n")):
        return _NO_RULES  # no words to read (the callers ask only after a space)
    # the rules read the last four words alone (their casefolded form): remembered per raw four words
    key = " ".join(before.rsplit(None, 4)[-4:])
    rules = lex.rules_cache.get(key)
    if rules is None:
        words = _tail_words(before)
        rules = (_company_before(words, lex), _title_before(words, lex), _source_before(words, lex))
        lex.rules_cache.remember(key, rules)
    return rules


# What the last word before a name says about the rules of _tail_rules: they run, they do not, or they run only
# if the word before it is "de" (or, after a determiner, a source cue).
_RUN, _NO_RUN, _AFTER_DE, _AFTER_DE_OR_SOURCE = 0, 1, 2, 3
_DE = frozenset(("de", "De", "dE", "DE"))  # the words that casefold to "de" (no other letter folds to d or e)


def _tail_gate(raw: str, lex: _OrgLexicon) -> int:
    """The gate of _tail_rules for the (raw) last word before a name (cached)."""
    last = raw.casefold()
    if "-" in last:  # the rules read the parts of a hyphenated last word as words ("PR-Agentur", " - ")
        *_, prev, last = last.split("-")
        kind = _cue_kind(last, lex)
        run = kind == _CUE or prev == "de" or (kind == _DETERMINER and prev in lex.source_last)
        gate = _RUN if run else _NO_RUN
    else:
        gate = (_AFTER_DE, _RUN, _AFTER_DE_OR_SOURCE)[_cue_kind(last, lex)]
    lex.cue_cache.remember(raw, gate)
    return gate


_NO_CUE, _CUE, _DETERMINER = 0, 1, 2


def _cue_kind(last: str, lex: _OrgLexicon) -> int:
    """Whether a rule of :func:`_tail_rules` may end with this (casefolded, hyphen-free) word, or the one before it."""
    if last in lex.tail_cues or last in lex.source_last or last.endswith(lex.company_endings) or last.startswith("d'"):
        return _CUE
    return _DETERMINER if last in lex.determiners else _NO_CUE


def _is_company_word(word: str, lex: _OrgLexicon) -> bool:
    w = word.casefold()
    if w in lex.company_nouns:
        return True
    if not w.endswith(lex.company_endings):  # the common case, checked in one call
        return False
    return any(w.endswith(e) and len(w) > len(e) + 1 for e in lex.company_endings)


def _is_title_word(word: str, lex: _OrgLexicon) -> bool:
    w = word.casefold()
    if w in lex.titles or w in lex.title_first_words:
        return True
    if not w.endswith(lex.title_endings):
        return False
    return any(w.endswith(e) and len(w) > len(e) + 2 for e in lex.title_endings)


class _Name(NamedTuple):
    """What a candidate's name alone tells (decided once per distinct name and language)."""

    words: tuple[str, ...]
    head: str  # the first word ...
    rest: str  # ... and the others ("" for one word)
    head_company: bool  # the first word is a company noun ("Konzern Volkswagen")
    person_shape: bool  # two or three words, each capitalized then lower case ("Patrick Collison")
    initials: str  # of a name of several words, if two or more ("GE" for "General Electric"), else ""
    never: bool  # a function word on its own or a name that is never an organization ("Africa", "AI")
    adjective: bool  # one word with an adjective ending ("Ghanaian")
    singular: str  # without final "s" ("Collisons" -> "Collison")


def _name_info(name: str, lex: _OrgLexicon) -> _Name:
    """What a name alone tells, decided once per distinct name (the checks after the scan read it)."""
    info = lex.name_cache.get(name)
    if info is None:
        words = tuple(name.split())
        head, _, rest = name.partition(" ")
        folded = name.casefold()
        never = folded in lex.not_orgs
        if len(words) == 1:  # the common case, in short (positional: a named tuple is built faster so)
            never = never or folded in lex.stop
            adjective = folded.endswith(lex.adjective_endings)
            info = _Name(words, head, rest, _is_company_word(head, lex), False, "", never, adjective, name.rstrip("s"))
        else:
            initials = "".join(w[0] for w in words if w[:1].isupper())
            info = _Name(
                words=words,
                head=head,
                rest=rest,
                head_company=_is_company_word(head, lex),
                person_shape=2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words),
                initials=initials if len(initials) >= 2 else "",
                never=never,
                adjective=False,
                singular=name.rstrip("s"),
            )
        lex.name_cache.remember(name, info)
    return info


class _Candidate:
    """One canonical name and what the article says about it."""

    __slots__ = ("evidence", "info", "mid_sentence", "person", "spans")

    def __init__(self, info: _Name) -> None:
        self.info = info
        self.spans: list[tuple[int, int]] = []
        self.evidence = 0
        self.person = False
        self.mid_sentence = 0


# What one token of a capitalized run says (bit flags, decided once per distinct token and language):
_LOWER = 1  # all lower case: a connector ("of", "della")
_INSTITUTION = 2  # an institution word ("Università", "Regione")
_TITLE = 4  # a role title ("CEO", "Bürgermeister")
_LEGAL = 8  # a legal suffix, final dots aside ("GmbH", "Inc")
_STOP = 16  # a function word, month or former marker that never starts a name ("The", "Mit", "Former")
_COMPANY = 32  # a company noun ("Konzern", "gruppo")
_CLOSES = 64  # a possessive or an abbreviation's dot ends the name after it ("OpenAI's", "Corp.")


class _Seg(NamedTuple):
    """One name found in a capitalized run; offsets are relative to the run."""

    start: int
    end: int
    name: str  # canonical: legal suffixes dropped
    evidence: int  # from the run alone: company nouns in front, a title after, a legal suffix, a possessive ...
    after_title: bool  # a role title came before it in the run
    surname: str  # its last token if it has several ("Collison" in "Patrick Collison"), else ""
    info: _Name  # what the name alone tells (kept with the run's segments: one lookup less per mention)


def _segment(
    start: int, end: int, toks: list[str], evidence: int, after_title: bool, possessive: bool, lex: _OrgLexicon
) -> _Seg | None:
    """The name of tokens ``toks`` (the last one without possessive or dot), with the evidence it carries alone."""
    name, legal = _canonical(toks, lex)
    if not name or (len(name) < 2 and not name.isupper()):
        return None
    institution = any(t.casefold() in lex.institutions for t in toks)
    evidence += (2 if legal else 0) + (1 if possessive else 0) + (1 if institution else 0)
    surname = toks[-1] if len(toks) >= 2 else ""
    return _Seg(start, end, name, evidence, after_title, surname, _name_info(name, lex))


def _token_flags(tok: str, lex: _OrgLexicon) -> int:
    """The flags (_LOWER, _TITLE ...) of one token of a run, decided once per distinct token."""
    flags = lex.token_cache.get(tok)
    if flags is None:
        folded = tok.casefold()
        flags = lex.word_flags.get(folded, 0)  # institution, title, company noun: the exact words
        if folded.endswith(lex.title_endings) and _is_title_word(folded, lex):
            flags |= _TITLE
        if folded.endswith(lex.company_endings) and _is_company_word(folded, lex):
            flags |= _COMPANY
        low = folded.rstrip(".")
        legal = low in lex.legal
        if legal:
            flags |= _LEGAL
        if low in lex.stop or low.removesuffix("'s") in lex.stop or low in lex.former:
            flags |= _STOP
        if tok.islower():
            flags |= _LOWER
        if tok.endswith(("'s", "s'")) or (tok.endswith(".") and not legal and len(tok) > 2 and "." not in tok[:-1]):
            flags |= _CLOSES
        lex.token_cache.remember(tok, flags)
    return flags


def _run_segments(run: str, lex: _OrgLexicon) -> tuple[_Seg, ...]:
    """The names in one capitalized run (runs repeat within and across articles: each is decided once)."""
    segs = lex.run_cache.get(run)
    if segs is None:
        # one token is the common case, with a short path (_WORD would match the whole run)
        segs = _split_run(run, lex) if " " in run else _lone_segment(run, lex)
        lex.run_cache.remember(run, segs)
    return segs


def _lone_segment(tok: str, lex: _OrgLexicon) -> tuple[_Seg, ...]:
    """What :func:`_split_run` finds in a run of one token, with the same rules in short."""
    folded = tok.casefold()
    low = folded.rstrip(".")
    if low in lex.stop or low.removesuffix("'s") in lex.stop:
        return ()  # a function word
    if (
        folded in lex.title_or_company
        or (folded.endswith(lex.title_endings) and _is_title_word(folded, lex))
        or (folded.endswith(lex.company_endings) and _is_company_word(folded, lex))
    ):
        return ()  # a title or a company noun on its own
    end = len(tok)
    possessive = False
    if tok.endswith("'s") or (tok.endswith("'") and tok[-2:-1] == "s"):
        possessive = True
        end -= 2 if tok.endswith("'s") else 1
    name = tok[:end]
    if name.endswith(".") and name.casefold() not in lex.legal and name.count(".") == 1:
        end -= 1
        name = name[:-1]
    if len(name) < 2 and not name.isupper():
        return ()
    institution = name.casefold() in lex.institutions
    evidence = (1 if possessive else 0) + (1 if institution else 0)
    return (_Seg(0, end, name, evidence, False, "", _name_info(name, lex)),)


def _split_run(run: str, lex: _OrgLexicon) -> tuple[_Seg, ...]:
    """Split a capitalized run of several tokens at role titles and strip leading function words and company
    nouns (company nouns count as evidence); a possessive or an abbreviation's dot ends a name, trailing
    connectors are dropped."""
    words = run.split()  # the run's tokens, as _WORD finds them, unless a "&" is glued to the next one
    if not lex.plain_connectors or ("&" in run and any(w[0] == "&" and w != "&" for w in words)):
        words = _WORD.findall(run)
    offsets = []
    pos = 0
    for w in words:
        pos = run.index(w, pos)
        offsets.append(pos)
        pos += len(w)
    flags = [_token_flags(w, lex) for w in words]

    # Each name is a range of tokens: (first, last, evidence, after_title).
    ranges: list[tuple[int, int, int, bool]] = []
    first = -1  # the first token of the name being built, if any
    evidence = 0
    after_title = False
    n = len(words)
    for k in range(n):
        f = flags[k]
        if f & _LOWER and k + 1 < n and flags[k + 1] & _INSTITUTION:
            # "Lavoro della Regione Campania": the institution starts a new name
            if first >= 0:
                ranges.append((first, k - 1, evidence, after_title))
            first, evidence = -1, 0
            continue
        if words[k] == "&":
            continue  # inside a name it belongs to it, before one it is skipped
        if f & _TITLE and not (first >= 0 and f & _LEGAL):
            if first >= 0:
                ranges.append((first, k - 1, evidence + 1, after_title))
            first, evidence = -1, 0
            after_title = True
            continue
        if first < 0:
            if f & _STOP:
                continue
            if f & _COMPANY:
                evidence += 1
                continue
            first = k
        if f & _CLOSES:
            ranges.append((first, k, evidence, after_title))
            first, evidence = -1, 0
    if first >= 0:
        ranges.append((first, n - 1, evidence, after_title))

    out: list[_Seg] = []
    for first, last, ev, after in ranges:
        toks = words[first : last + 1]
        start, end = offsets[first], offsets[last] + len(words[last])
        tok = toks[-1]
        possessive = False
        if tok.endswith("'s") or (tok.endswith("'") and tok[-2:-1] == "s"):
            possessive = True
            cut = 2 if tok.endswith("'s") else 1
            tok = tok[:-cut]
            end -= cut
        if tok.endswith(".") and tok.casefold() not in lex.legal and tok.count(".") == 1:
            tok = tok[:-1]
            end -= 1
        if not tok:
            continue
        toks[-1] = tok
        # trailing connectors ("Bank of") are not part of a name
        n_toks = len(toks)
        while toks and (toks[-1] == "&" or toks[-1].islower()):
            toks.pop()
        if not toks:
            continue
        if len(toks) < n_toks:
            joined = " ".join(toks)
            if run[start:end].startswith(joined):
                end = start + len(joined)
        seg = _segment(start, end, toks, ev, after, possessive, lex)
        if seg:
            out.append(seg)
    return tuple(out)


def _canonical(tokens: Sequence[str], lex: _OrgLexicon) -> tuple[str, bool]:
    """The name without trailing legal suffixes, and whether it had one."""
    toks = list(tokens)
    legal = False
    while len(toks) > 1 and (toks[-1].casefold() in lex.legal or toks[-1] == "&"):
        legal = legal or toks[-1] != "&"
        toks.pop()
    return " ".join(toks), legal


def _after_break(text: str, s: int) -> bool:
    """Whether the word at ``s`` follows a line break, dash, colon or sentence end, where a capital letter says
    nothing: whether a match of _LOOSE_START (or of _TEXT_START) ends at ``s``, found by reading backwards.

    ``text[s]`` must be a letter or digit (a word's start). Backwards from ``s``: maybe an opening quote or
    bracket, spaces, then the text start, a line break, dash or colon, or ".", "!" or "?" with closing quotes
    or brackets after it. Each space or quote is read at most twice per word, so the cost stays linear.
    """
    for p in (s, s - 1) if s > 0 and text[s - 1] in _OPENERS else (s,):
        q = p
        while q > 0 and text[q - 1] == " ":
            q -= 1
        if q == 0 or text[q - 1] in _BREAKS:
            return True
        while q > 0 and text[q - 1] in _CLOSERS:
            q -= 1
        if q > 0 and text[q - 1] in _ENDS:
            return True
    return False


class _Places:
    """The text's places, indexed when first asked about (most articles never ask whether a span is a place)."""

    __slots__ = ("_index", "items")

    def __init__(self, items: Sequence[PlaceMention]) -> None:
        self.items = items
        self._index: SpanIndex[PlaceMention] | None = None

    def covering(self, start: int, end: int) -> PlaceMention | None:
        if self._index is None:
            self._index = SpanIndex(self.items)
        return self._index.covering(start, end)


def _covered_by_place(start: int, end: int, places: _Places) -> bool:
    return places.covering(start, end) is not None


def find_organizations(
    text: str, lang: LanguageData, sentences: Sequence[Sentence], places: Sequence[PlaceMention]
) -> list[OrgMention]:
    """Organizations named in ``text``, each mention with its canonical ``name``.

    >>> from expansion_tracker.languages import load_language
    >>> from expansion_tracker.text import split_sentences
    >>> text = "OpenAI opens London office. The Microsoft-backed startup said OpenAI's team will grow."
    >>> sorted({o.name for o in find_organizations(text, load_language("en"), split_sentences(text), [])})
    ['Microsoft', 'OpenAI']
    """
    lex = _lexicon(lang.code)
    place_index = _Places(places)
    starts = set(map(attrgetter("start"), sentences))
    headline = sentences[0] if sentences else None
    cands: dict[str, _Candidate] = {}
    surnames: set[str] = set()
    # the few candidates the checks after the scan need to look at: names of several words, names before a "-"
    multi: list[str] = []
    hyphened: set[str] = set()

    head_end = headline.end if headline is not None else -1
    run_cache = lex.run_cache
    for m in lex.run.finditer(text):
        run = m.group()
        segs = run_cache.get(run)
        if segs is None:
            segs = _run_segments(run, lex)
        base = m.start()
        for rel_start, rel_end, key, ev, after_title, surname, info in segs:
            start, end = base + rel_start, base + rel_end
            cand = cands.get(key)
            if cand is None:
                cand = cands[key] = _Candidate(info)
                if info.rest:
                    multi.append(key)
            cand.spans.append((start, end))
            if info.never and not info.rest:
                continue  # "Africa", "AI": never accepted, and a name of one word passes nothing on (no surname)
            # the word before and the character after decide which context rules can apply at all
            c = text[start - 1 : start]
            if c in _SPACES:
                company_before, title_before, _ = _tail_rules(text, start, lex)
                if company_before:
                    ev += 1
            else:
                title_before = False
            at_start = start in starts or (
                (c != " " or text[start - 2 : start - 1] in _BREAK_NEAR) and _after_break(text, start)
            )
            if not at_start:
                cand.mid_sentence += 1
            person = after_title or title_before
            nxt = text[end : end + 1]  # each rule after a name starts with its own character
            if nxt == " ":
                if at_start:
                    # subject position: a capitalized run at the start of a sentence followed by a business verb
                    verb = _NEXT_WORD.match(text, end, end + 60)
                    if verb and verb.group(1).casefold() in lex.business_verbs:
                        ev += 2 if start < head_end else 1
            elif nxt == ",":
                after = text[end : end + 60]
                if lex.company_after.match(after):
                    ev += 1
                if not person:
                    person = _title_apposition(after, lex)
            elif nxt == "-":
                hyphened.add(key)
                # "OpenAI-CEO", "Microsoft-backed", "VW-Kunden"
                tail = _COMPOUND_TAIL.match(text, end, end + 60)
                if tail:
                    t = tail.group(1).casefold()
                    if t in lex.compound_tails or _is_title_word(t, lex) or _is_company_word(t, lex):
                        ev += 1
            elif nxt == '"' and c == '"':
                ev += 1  # a name standing alone in quotes: „Grab“, "AI Singapore"
            if person:
                cand.person = True
                if surname:
                    surnames.add(surname)
            if ev:
                cand.evidence += ev

    hyphened |= _split_heads(cands, multi, place_index)
    _mark_surnames(text, cands, multi, hyphened, surnames, place_index, lex)
    aliases = _link_aliases(text, cands, multi)
    accepted = _accept(cands, surnames, place_index, headline, lex)
    canonical = {name: name for name in accepted}
    for name in sorted(accepted):
        for alias in sorted(aliases.get(name, ())):
            pref = _preferred(name, alias, cands, headline)
            canonical[name] = canonical[alias] = pref

    out: list[OrgMention] = []
    for key, name in canonical.items():  # no two mentions share a span, so the sort below gives one order
        kept = key in accepted
        for start, end in cands[key].spans:
            if kept or not _covered_by_place(start, end, place_index):
                out.append(OrgMention(start, end, text[start:end], name))
    out.sort(key=attrgetter("start"))  # mentions do not overlap: no two start at one offset
    return out


def _title_apposition(after: str, lex: _OrgLexicon) -> bool:
    """Whether ``after`` starts like ", the Mayor of" / ", der ehemalige CRO": the run before it is a person."""
    if not after.startswith(", "):
        return False
    for word in after.split(None, 6)[1:6]:  # the first five words after ", " (the first token is ",")
        kind = _apposition_word(word.strip(",.;:"), lex)
        if kind != _SKIP:
            return kind == _TITLE_WORD
    return False


_TITLE_WORD, _SKIP, _OTHER = 0, 1, 2


def _apposition_word(w: str, lex: _OrgLexicon) -> int:
    """A word after ", ": a title, a word to skip ("the", "former", "Stripe's") or anything else (cached)."""
    kind = lex.apposition_cache.get(w)
    if kind is None:
        if _is_title_word(w.removesuffix("'s"), lex) or _is_title_word(w.split("-")[-1], lex):
            kind = _TITLE_WORD
        elif w.casefold() in lex.stop or w.casefold() in lex.apposition_skip or w.endswith("'s"):
            kind = _SKIP
        else:
            kind = _OTHER
        lex.apposition_cache.remember(w, kind)
    return kind


def _split_heads(cands: dict[str, _Candidate], multi: list[str], places: _Places) -> set[str]:
    """ "Karlsruhe Volkswagen": a place (or company word) glued to a name seen alone elsewhere is not part of it.

    ``multi`` holds the names of several words (only they can be split). Returns the names that received mentions.
    """
    splittable = {key for key in multi if cands[key].info.rest in cands}
    if not splittable:
        return set()  # the common case: no name is another one with a word in front
    received: set[str] = set()
    spans = sorted((s, e, k) for k in splittable for s, e in cands[k].spans)  # in text order
    for start, end, key in spans:
        info = cands[key].info
        head, rest = info.head, info.rest
        if len(cands[rest].spans) < 1:
            continue
        head_end = start + len(head)
        if _covered_by_place(start, head_end, places) or info.head_company:
            cand = cands[key]
            cand.spans.remove((start, end))
            new_start = end - len(rest)
            cands[rest].spans.append((new_start, end))
            cands[rest].evidence += cand.evidence
            cands[rest].mid_sentence += 1
            received.add(rest)
    return received


def _mark_surnames(
    text: str,
    cands: dict[str, _Candidate],
    multi: list[str],
    hyphened: set[str],
    surnames: set[str],
    places: _Places,
    lex: _OrgLexicon,
) -> None:
    """A word that also ends a two- or three-word name without company evidence is a surname ("Collison").

    Only names of several words (``multi``) can have a person's shape, and only names with a mention before a "-"
    (``hyphened``) can be half a name: the other candidates are not looked at.
    """
    for key in multi:
        cand = cands[key]
        if cand.info.person_shape and cand.evidence == 0 and cand.spans:
            words = cand.info.words
            s, _ = cand.spans[0]
            if words[-1] in cands and not _covered_by_place(s, s + len(words[0]), places):
                surnames.add(words[-1])
    # "Berners-Lee", "Martínez-Almeida": a word always glued to a capitalized second part is half a name
    for key in hyphened:
        cand = cands[key]
        spans = cand.spans
        if spans and text.startswith("-", spans[0][1]) and all(_name_hyphen(text, e, lex) for _, e in spans):
            cand.person = True


def _name_hyphen(text: str, end: int, lex: _OrgLexicon) -> bool:
    m = _NAME_HYPHEN.match(text, end, end + 40)
    if not m:
        return False
    tail = m.group(1)
    return not (tail.casefold() in lex.compound_tails or _is_title_word(tail, lex) or _is_company_word(tail, lex))


def _link_aliases(text: str, cands: dict[str, _Candidate], multi: list[str]) -> dict[str, set[str]]:
    """Bracketed acronyms ("Cambridge Innovation Center (CIC)") and initials ("GE" for "General Electric"):
    the aliases of each name that has some."""
    aliases: dict[str, set[str]] = {}
    opens = _bracket_starts(text)
    # the names that end right before each bracketed acronym ("Commonwealth Bank of Australia (CBA)"
    # ends three: the whole name, "Bank of Australia" and "Australia")
    before: dict[int, list[str]] = {}
    for name, cand in cands.items() if opens else ():
        for _, end in cand.spans:
            if end in opens:
                before.setdefault(end, []).append(name)
    for end, names in before.items():
        m = _BRACKETED.match(text, end, end + 16)
        if m is None or m.group(1) not in cands:
            continue
        acronym = m.group(1)
        # an acronym starts as its name does: "Australia (CBA)" is the end of a longer name, not its form
        names = [n for n in names if n != acronym and n[:1].casefold() == acronym[:1].casefold()]
        if not names:
            continue
        # the acronym abbreviates the name whose initials spell it, else the longest of them
        name = max(names, key=lambda n: (cands[n].info.initials.casefold() == acronym.casefold(), len(n), n))
        aliases.setdefault(name, set()).add(acronym)
        aliases.setdefault(acronym, set()).add(name)
        cands[name].evidence += 1
        cands[acronym].evidence += 1
    for name in multi:  # a name of one word has no initials
        initials = cands[name].info.initials
        if initials and initials in cands and initials != name:
            aliases.setdefault(name, set()).add(initials)
            aliases.setdefault(initials, set()).add(name)
    return aliases


def _bracket_starts(text: str) -> set[int]:
    """Offsets where spaces and then "(" begin (where _BRACKETED can match); each space is read once."""
    out: set[int] = set()
    i = text.find("(")
    while i >= 0:
        out.add(i)
        j = i
        while j > 0 and text[j - 1] == " ":
            j -= 1
            out.add(j)
        i = text.find("(", i + 1)
    return out


def _preferred(a: str, b: str, cands: dict[str, _Candidate], headline: Sentence | None) -> str:
    """Between a name and its alias, the one the headline uses, else the longer one."""
    if headline is not None:
        in_a = any(headline.start <= s < headline.end for s, _ in cands[a].spans)
        in_b = any(headline.start <= s < headline.end for s, _ in cands[b].spans)
        if in_a != in_b:
            return a if in_a else b
    return a if len(a) >= len(b) else b


def _accept(
    cands: dict[str, _Candidate],
    surnames: set[str],
    places: _Places,
    headline: Sentence | None,
    lex: _OrgLexicon,
) -> set[str]:
    place_names: set[str] | None = None
    accepted: set[str] = set()
    for name, cand in cands.items():
        if not cand.evidence and cand.mid_sentence < 2:
            continue  # the common case: neither evidenced nor repeated (see below)
        info = cand.info
        n = len(cand.spans)
        if cand.evidence == 0 and (n < 3 or info.adjective):
            continue
        if cand.person or name in surnames or info.singular in surnames:
            continue
        if info.never:
            continue  # function words, regions, generic acronyms and nouns: "Africa", "AI", "Stadt"
        if place_names is None:
            place_names = {p.text for p in places.items}
        is_place = name in place_names and all(_covered_by_place(s, e, places) for s, e in cand.spans)
        if is_place and cand.evidence < 2:
            continue
        evidenced = cand.evidence >= 1 and (cand.mid_sentence >= 1 or cand.evidence >= 2 or n >= 2)
        # repetition alone does not make a demonym an organization ("the Ghanaian capital")
        repeated = n >= 3 and cand.mid_sentence >= 2 and not is_place and not info.adjective
        if evidenced or repeated:
            accepted.add(name)
    return accepted


def find_subject(
    text: str, lang: LanguageData, sentences: Sequence[Sentence], orgs: Sequence[OrgMention]
) -> str | None:
    """The company the article is about: named in the headline and the lead, often, and as a company.

    >>> from expansion_tracker.languages import load_language
    >>> from expansion_tracker.text import split_sentences
    >>> text = "Stripe opens Dublin base\\n\\nStripe, a payments firm backed by Sequoia, is opening an office."
    >>> lang = load_language("en")
    >>> sents = split_sentences(text)
    >>> find_subject(text, lang, sents, find_organizations(text, lang, sents, []))
    'Stripe'
    """
    lex = _lexicon(lang.code)
    if not orgs:
        return _headline_name(text, lang, sentences, lex)
    headline = sentences[0] if sentences else None
    lead = list(sentences[1:4])
    scores: dict[str, float] = {}
    first_pos: dict[str, int] = {}
    head_first: str | None = None
    if headline is not None:
        topic_end = headline.start
        colon = headline.text.find(": ")
        if 0 <= colon < 30:
            topic_end = headline.start + colon + 1
        in_head = [o for o in orgs if topic_end <= o.start < headline.end]
        if in_head:
            head_first = in_head[0].name
    group = _groups([o.name for o in orgs])
    head_start, head_end = (headline.start, headline.end) if headline is not None else (0, 0)
    lead_spans = [(x.start, x.end) for x in lead]
    # the bounds of the lead: most mentions are after it and need no look at its sentences
    lead_lo = min((a for a, _ in lead_spans), default=0)
    lead_hi = max((b for _, b in lead_spans), default=0)
    for o in orgs:
        name = group[o.name]
        start = o.start
        first_pos.setdefault(name, start)
        s = scores.get(name, 0.0)
        s += 1.0 if s < 6 else 0.0
        if head_start <= start < head_end:
            s += 4.0
        if lead_lo <= start < lead_hi and any(a <= start < b for a, b in lead_spans):
            s += 1.0
        scores[name] = s
    penalized: set[str] = set()
    cited: dict[str, bool] = {}
    seen_texts: set[tuple[str, str]] = set()
    for o in orgs:
        name = group[o.name]
        if (o.text, name) not in seen_texts:
            seen_texts.add((o.text, name))
            if _institutional(o.text, o.name, lex):
                penalized.add(name)
        if cited.get(name, True):
            # a news source: "according to X" (the word-before rules of find_organizations, source part)
            cited[name] = text[o.start - 1 : o.start] in _SPACES and _tail_rules(text, o.start, lex)[2]
        else:
            cited[name] = False
    penalized.update(name for name, always in cited.items() if always)
    for name in penalized:
        scores[name] -= 8.0
    if head_first is not None:
        scores[group[head_first]] += 2.0
    return max(scores, key=lambda n: (scores[n], -first_pos[n]))


@cache
def _lexicon_nouns(code: str) -> frozenset[str]:
    """Office, headquarters and event nouns of the language: never a company's name on their own."""
    lang = load_language(code)
    keys = ("office_nouns", "hq_nouns", "event_nouns")
    return frozenset(w.casefold() for key in keys for w in lang.get("offices", key))


def _headline_name(text: str, lang: LanguageData, sentences: Sequence[Sentence], lex: _OrgLexicon) -> str | None:
    """Fallback for a snippet with no well-evidenced organization: the first capitalized name of the
    first sentence that is neither a function word nor a known place ("Ejemplo mantiene su sede ...")."""
    if not sentences:
        return None
    from .gazetteer import get_gazetteer  # the gazetteer is built lazily; only snippets get here

    gazetteer = get_gazetteer()
    first = sentences[0]
    colon = first.text.find(": ")
    begin = first.start + colon + 2 if 0 <= colon < 30 else first.start  # "Football: ...", "Brexit: ..."
    for m in lex.run.finditer(text, begin, first.end):
        name = m.group().strip()
        words = name.split()
        if not words or words[0].casefold() in lex.stop or name.casefold() in lex.not_orgs:
            continue
        before = text[max(first.start, m.start() - 20) : m.start()].split()
        if before and before[-1].casefold() in lex.determiners:
            continue  # "Der Autobauer hat seinen Sitz": a capitalized noun after an article is no name
        if name.casefold() in _lexicon_nouns(lang.code) or name.casefold() in lex.titles:
            continue  # "... baut ein neues Werk": office nouns and titles are no company names
        if len(words) == 1 and name.casefold().endswith(lex.noun_endings):
            continue  # "Konferenz zur Digitalisierung": a common noun the language capitalizes
        if gazetteer.city(name) is not None or gazetteer.country_code(name, lang.code) is not None:
            continue
        return name
    return None


_LETTERS = re.compile(r"[^\W\d_]+")


def _institutional(mention: str, name: str, lex: _OrgLexicon) -> bool:
    """Whether a mention or its name has an institution word ("Universität", "ministerio"): no company."""
    key = (mention, name)
    found = lex.institution_cache.get(key)
    if found is None:
        words = _LETTERS.findall(mention.casefold()) + name.casefold().split()
        found = any(w in lex.institutions or w.endswith(lex.long_institutions) for w in words)
        lex.institution_cache.remember(key, found)
    return found


def _groups(names: Sequence[str]) -> dict[str, str]:
    """Map each name to the shortest name it starts with ("Microsoft Italia" -> "Microsoft")."""
    distinct = sorted(set(names), key=lambda n: (len(n.split()), n))
    # the first name (in that order) with each word sequence; a name's group is then its shortest such prefix
    split = [(name, tuple(name.split())) for name in distinct]
    by_words: dict[tuple[str, ...], str] = {}
    for name, words in split:
        by_words.setdefault(words, name)
    # only prefix lengths that some name has can match: a name of n words costs the distinct name
    # lengths up to n, not n slices (a hostile run of 30k capitalized words was quadratic)
    lengths = sorted({len(words) for words in by_words})
    out: dict[str, str] = {}
    for name, words in split:
        for k in lengths:
            if k > len(words):
                break
            group = by_words.get(words[:k])
            if group is not None:
                out[name] = group
                break
    return out

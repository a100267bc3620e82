"""The token and cue layer, and the clause structure read from the language data.

A sentence is tokenized once (:class:`Tokens`); every phrase of the language's office lexicon
(office nouns, lifecycle verbs by status, future and plan cues, negation, moves, possessives...) is
found there as a :class:`Cue` with its category and token span, the longest phrase of a category
winning at one position (:func:`find_cues`). :func:`clauses` cuts a sentence where the data says a
clause ends, and :func:`group_places` joins places written as one list. The rules of
:mod:`expansion_tracker.offices` and the candidates of :mod:`expansion_tracker.candidates` both read
this layer.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import filterfalse
from operator import attrgetter
from typing import NamedTuple

import attrs

from .languages import load_language
from .memo import Memo, register_cache
from .orgs import UPPER
from .spans import PlaceMention
from .text import Sentence

__all__ = [
    "TOKEN",
    "Cue",
    "Group",
    "Lexicon",
    "Tokens",
    "clause_break_pattern",
    "clauses",
    "dateline_end",
    "drop_inner_status",
    "find_cues",
    "group_places",
    "lexicon",
    "office_words",
    "phrase_words",
]

# words joined by - ' & . ("Boston-based", "R&D", "U.S"), or a lone & or /; possessive quantifiers (nothing
# follows them, so the tokens are those of the greedy ones) keep the engine from saving backtracking state
TOKEN = re.compile(r"\w++(?:[-'&.]\w++)*+|[&/]")


class Cue(NamedTuple):  # a tuple: cheap to build, and a sentence builds many
    category: str  # "office", "hq", "status:opened", "future", ...
    first: int  # token indices, end exclusive
    last: int
    text: str


def _word_memo() -> Memo[str, _WordEntry]:
    return Memo(_ENTRY_CACHE_LIMIT)  # the limit is kept by Tokens; Memo lets clear_memos() empty it


@attrs.frozen
class Lexicon:
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    compound_heads: tuple[str, ...]
    breaks: re.Pattern[str]
    joiners: frozenset[str]
    blocker_words: frozenset[str]
    where_breaks: re.Pattern[str] | None
    who_breaks: re.Pattern[str] | None
    owner_preps: frozenset[str]
    place_connectors: frozenset[str]
    near_words: tuple[tuple[str, ...], ...]
    conjunctions: frozenset[str]
    company_nouns: frozenset[str]
    home_preps: frozenset[str]
    hq_suffixes: frozenset[str]
    list_preps: frozenset[str]  # a place preposition repeated after a list's conjunction ("et de Toronto")
    code: str = ""
    # verbs whose particle may close their clause apart from them ("macht das Werk dicht"): verb ->
    # (particle, category, phrase text) of each two-word phrase "verb particle" of the lexicon
    separable: dict[str, tuple[tuple[str, str, str], ...]] = attrs.field(factory=dict, eq=False)
    word_entries: dict[str, _WordEntry] = attrs.field(factory=_word_memo, eq=False)  # filled by _word_entry
    # for office_words: whether each word seen names an office, and the words that do (cleared together)
    office_seen: dict[str, bool] = attrs.field(factory=dict, eq=False)
    office_found: set[str] = attrs.field(factory=set, eq=False)


def phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().casefold() for m in TOKEN.finditer(phrase))


@cache
def lexicon(code: str) -> Lexicon:
    data = load_language(code).topic("offices")
    by_category: dict[str, list[str]] = {
        "office": data.get("office_nouns", []),
        "hq": data.get("hq_nouns", []),
        "hub": data.get("hub_nouns", []),
        "regional": data.get("regional_markers", []),
        "new": data.get("new_markers", []),
        "future": data.get("future_cues", []),
        "negation": data.get("negation_cues", []),
        "event": data.get("event_nouns", []),
        "move": data.get("move_cues", []),
        "move_from": data.get("move_from", []),
        "move_to": data.get("move_to", []),
        "hq_cue": data.get("hq_cues", []),
        "blocker": data.get("blockers", []),
        "copula": data.get("copulas", []),
        "generic": data.get("generic_place_nouns", []),
        "possessive": data.get("possessives", []),
        "denial": data.get("denial_cues", []),
        "addition": data.get("addition_cues", []),
    }
    for status, cues in data.get("status_cues", {}).items():
        by_category[f"status:{status}"] = cues
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for category, phrases in by_category.items():
        for phrase in phrases:
            words = phrase_words(phrase)
            if words:
                index.setdefault(words[0], []).append((words, category))
    frozen = {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in index.items()}
    pattern = clause_break_pattern(data.get("clause_breaks", []))
    joiners = frozenset(j.casefold() for j in data.get("list_joiners", []))
    where = [re.escape(w.lstrip(",").strip()) for w in data.get("relative_where", [])]
    where_pattern = re.compile(r"\s*,?\s*(?:" + "|".join(where) + r")(?!\w)", re.IGNORECASE) if where else None
    return Lexicon(
        frozen,
        tuple(h.casefold() for h in data.get("compound_heads", [])),
        pattern,
        joiners,
        frozenset(b.casefold() for b in data.get("blockers", [])),
        where_pattern,
        _break_pattern(data.get("relative_who", [])),
        frozenset(w.casefold() for w in data.get("owner_preps", [])),
        frozenset(w.casefold() for w in data.get("place_connectors", [])),
        tuple(phrase_words(w) for w in data.get("near_words", [])),
        frozenset(w.casefold() for w in data.get("conjunctions", [])),
        frozenset(w.casefold() for w in load_language(code).get("orgs", "company_nouns")),
        frozenset(w.casefold() for w in data.get("home_prepositions", [])),
        frozenset(w[1:].casefold() for w in data.get("hq_cues", []) if w.startswith("-")),
        frozenset(w.casefold() for w in data.get("list_prepositions", [])),
        code,
        _separable(frozen, frozenset(w.casefold() for w in load_language(code).get("text", "separable_particles", []))),
    )


def _separable(
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]], particles: frozenset[str]
) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """The two-word phrases "verb particle" whose particle is one of the language's separable particles."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for first, entries in phrases.items():
        for words, category in entries:
            if len(words) == 2 and words[1] in particles:
                out.setdefault(first, []).append((words[1], category, " ".join(words)))
    return {k: tuple(v) for k, v in out.items()}


def clause_break_pattern(breaks: Sequence[str]) -> re.Pattern[str]:
    """Semicolons, colons, dashes and the language's clause breaks: ", which" after a comma, "but" anywhere."""
    alternatives = [r"[;]", r":(?=\s)", r"\s--\s"]
    bodies = [(b.startswith(","), b.lstrip(",").strip()) for b in breaks]
    if all(body and not (body.startswith(",") and not after_comma) for after_comma, body in bodies):
        # One group per kind: the engine tries a position once per kind, not once per phrase (3x faster).
        # The same matches: a comma break and a word break never start at one position, and as no phrase
        # starts with a space, the shared ",\s*" backtracks as each phrase's own would.
        comma = "|".join(re.escape(body) for after_comma, body in bodies if after_comma)
        word = "|".join(re.escape(body) for after_comma, body in bodies if not after_comma)
        alternatives += [r",\s*(?:" + comma + r")(?!\w)"] if comma else []
        alternatives += [r"(?<!\w)(?:" + word + r")(?!\w)"] if word else []
    else:
        for after_comma, body in bodies:
            alternatives.append((r",\s*" if after_comma else r"(?<!\w)") + re.escape(body) + r"(?!\w)")
    return re.compile("|".join(alternatives), re.IGNORECASE)


# The tokens of the sentences of the text read last: the rules, the candidates and the town finder
# read the same sentences, which are tokenized once. Held with the text itself, so a lookup for
# another text (or another thread's) starts a new table instead of reading a stale one.
_SHARED: tuple[str, dict[tuple[int, int, int], Tokens]] = ("", {})


def sentence_tokens(text: str, start: int, end: int, lex: Lexicon) -> Tokens:
    """The :class:`Tokens` of ``text[start:end]``, built once per text, stretch and lexicon."""
    global _SHARED
    shared = _SHARED
    if shared[0] is not text:
        shared = (text, {})
        _SHARED = shared
    key = (start, end, id(lex))  # lexicons are built once per language and kept (see lexicon())
    tokens = shared[1].get(key)
    if tokens is None:
        tokens = shared[1][key] = Tokens(text, start, end, lex)
    return tokens


def _break_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alternation = "|".join(re.escape(w.lstrip(",").strip()) for w in phrases)
    return re.compile(r"\s*,?\s*(?:" + alternation + r")(?!\w)", re.IGNORECASE)


class Tokens:
    """Word tokens of one stretch of the text (a sentence: cues are never compared across sentences)
    with a fast map from character offsets to token indices, and the cue phrases that match there."""

    def __init__(self, text: str, start: int, end: int, lex: Lexicon) -> None:
        matches = list(TOKEN.finditer(text, start, end))
        self.text = text
        # map over the match methods: C-level loops, no Python frame per token
        self.starts = list(map(re.Match.start, matches))
        self.ends = list(map(re.Match.end, matches))
        self.words = words = list(map(str.casefold, map(re.Match.group, matches)))
        self._comma_count: list[int] | None = None
        self.names_office: bool | None = None  # see _names_office
        entries = lex.word_entries
        # not set.difference(entries): for a dict subclass CPython walks the whole memo, not the words
        missing = set(filterfalse(entries.__contains__, words))
        if missing:
            if len(entries) + len(missing) > _ENTRY_CACHE_LIMIT:
                entries.clear()
                missing = set(words)
            for word in missing:
                entries[word] = _word_entry(word, lex)
        # The cue table: for each position with a cue, the cues a range reaching the sentence end takes
        # there (see find_cues), and the phrases of several words to choose from in a shorter range.
        self.cue_at: list[int] = []
        self.cue_table: list[tuple[int, tuple[Cue, ...], tuple[Cue, ...], tuple[Cue, ...]]] = []
        self.has_denial = self.has_claim = False
        n_words = len(words)
        for i, entry in enumerate(map(entries.__getitem__, words)):
            if entry is _NO_ENTRY:  # most words start no cue
                continue
            word = words[i]
            single = tuple([_new_cue((category, i, i + 1, word)) for category in entry.single])
            options = entry.longer.get(words[i + 1], ()) if entry.longer and i + 1 < n_words else ()
            if entry.separable and not options:
                single += tuple(c for c in self._separated(entry.separable, i) if c.category not in entry.single)
            if options:  # a phrase of several words is looked up by its second word: most fail there
                longer = tuple(
                    [
                        _new_cue((category, i, i + n, phrase_text))
                        for phrase, n, category, phrase_text in options
                        if i + n <= n_words and (n == 2 or tuple(words[i : i + n]) == phrase)
                    ]
                )
                best = _select(longer, single, n_words)
                self.has_denial = self.has_denial or any(c.category == "denial" for c in longer)
                # a cue that can claim a place: an office noun or a "considered" verb (see the start of _frame)
                self.has_claim = self.has_claim or any(c.category in _CLAIMS for c in longer)
            elif single:
                longer, best = (), single
            else:
                continue
            self.has_denial = self.has_denial or entry.denies
            self.has_claim = self.has_claim or entry.claims
            self.cue_at.append(i)
            self.cue_table.append((i, best, longer, single))

    def _separated(self, separable: tuple[tuple[str, str, str], ...], i: int) -> tuple[Cue, ...]:
        """The phrases of the verb at token ``i`` whose particle closes its clause a few words on
        ("gibt der Konzern seine Fertigung auf.", "doet zijn fabriek in Heule dicht"): cues at the verb."""
        words, starts, ends, text = self.words, self.starts, self.ends, self.text
        for j in range(i + 2, min(len(words), i + _SEPARABLE_REACH)):
            if j + 1 < len(words) and not text[ends[j] : starts[j + 1]].strip():
                continue  # the particle ends its clause: punctuation or the sentence's end follows it
            found = tuple(_new_cue((category, i, i + 1, phrase)) for p, category, phrase in separable if p == words[j])
            if found:
                return found
        return ()

    def comma_between(self, first: int, last: int) -> bool:
        """Whether a comma stands between token ``first`` and token ``last`` (first < last)."""
        counts = self._comma_count
        if counts is None:
            counts = self._comma_count = self._count_commas()
        return counts[min(last, len(counts) - 1)] > counts[min(first, len(counts) - 1)]

    def _count_commas(self) -> list[int]:
        """counts[i]: gaps holding a comma before token i (built on first use: few places need it)."""
        n = len(self.starts)
        counts = [0] * (n + 1)
        for i in range(1, n):
            gap = "," in self.text[self.ends[i - 1] : self.starts[i]]
            counts[i] = counts[i - 1] + gap
        if n:
            counts[n] = counts[n - 1]
        return counts

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Token index range [first, last) covering characters [start, end)."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end)
        return first, max(first, last)


def office_words(text: str, lex: Lexicon) -> list[int]:
    """Where ``text`` names an office (an office, head office or hub noun, or a home suffix such as
    "-based"): the offsets of such words, in order. Set operations find the few distinct words that do
    (no Python step per word of the text), and the lowered text says where they stand."""
    lowered = text.lower()
    words = set(TOKEN.findall(lowered))
    seen, found = lex.office_seen, lex.office_found
    new = set(filterfalse(seen.__contains__, words))
    if new:
        if len(seen) + len(new) > _ENTRY_CACHE_LIMIT:
            seen.clear()
            found.clear()
            new = words
        for word in new:
            seen[word] = names = _word_entry(word.casefold(), lex).names_office
            if names:
                found.add(word)
    hits = words & found
    if not hits:
        return []
    if len(lowered) != len(text):  # lowering changed the length ("İ"): offsets from a pattern instead
        pattern = _words_pattern(tuple(sorted(hits, key=lambda w: (-len(w), w))))
        return [m.start() for m in pattern.finditer(text)]
    out = []
    for word in hits:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if _whole_token(lowered, at, end):
                out.append(at)
            at = lowered.find(word, end)
    return sorted(out)


def _whole_token(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole token of :data:`TOKEN`, not part of a longer one."""
    return _JOINED_AFTER.match(text, end) is None and _JOINED_BEFORE.search(text, max(0, start - 2), start) is None


_JOINED_AFTER = re.compile(r"\w|[-'&.]\w")
_JOINED_BEFORE = re.compile(r"\w[-'&.]?\Z")


@lru_cache(maxsize=1024)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The whole tokens ``words`` (longest first), as :data:`TOKEN` delimits them."""
    alternatives = "|".join(map(re.escape, words))
    return re.compile(rf"(?<![\w])(?<!\w[-'&.])(?:{alternatives})(?!\w|[-'&.]\w)", re.IGNORECASE)


class _WordEntry(NamedTuple):
    """A word's cues: the phrases of several words it starts, by their second word, as (words, length,
    category, text), longest first; then the categories of the word alone and of the office noun it
    ends in ("Entwicklungscampus"), each category once, in the order the phrase lists give them."""

    longer: dict[str, tuple[tuple[tuple[str, ...], int, str, str], ...]]
    single: tuple[str, ...]
    denies: bool  # a single category is a denial
    claims: bool  # a single category is in _CLAIMS
    names_office: bool  # a single category is an office, head office or hub noun, or a home suffix
    separable: tuple[tuple[str, str, str], ...] = ()  # see Lexicon.separable


_NO_ENTRY = _WordEntry({}, (), False, False, False)
_new_cue = functools.partial(tuple.__new__, Cue)  # Cue((...)) without the Python-level __new__ of a NamedTuple
_CLAIMS = frozenset(("office", "hq", "hub", "hq_cue", "status:considered"))
_OFFICE_NOUNS = frozenset(("office", "hq", "hub", "hq_cue"))
_SEPARABLE_REACH = 14  # tokens from a verb to the particle that closes its clause ("gibt ... auf")
_ENTRY_CACHE_LIMIT = 65536  # bounded: a long batch meets an unbounded vocabulary


def _word_entry(word: str, lex: Lexicon) -> _WordEntry:
    """The cues ``word`` can start; memoized per language in ``lex.word_entries``."""
    longer: dict[str, list[tuple[tuple[str, ...], int, str, str]]] = {}
    single: list[str] = []
    for phrase, category in lex.phrases.get(word, ()):  # longest first
        if len(phrase) > 1:
            longer.setdefault(phrase[1], []).append((phrase, len(phrase), category, " ".join(phrase)))
        elif category not in single:
            single.append(category)
    head = _compound_head(word, lex)
    if head is not None:
        for phrase, category in lex.phrases.get(head, ()):
            if len(phrase) == 1 and category not in single and category in ("office", "hq", "hub"):
                single.append(category)
    if "-" in word and word.rsplit("-", 1)[1] in lex.hq_suffixes and "hq_cue" not in single:
        single.append("hq_cue")  # "london-based": the suffix entries of hq_cues ("-based") name a home
    if not longer and not single:
        return _NO_ENTRY
    return _WordEntry(
        {k: tuple(v) for k, v in longer.items()},
        tuple(single),
        "denial" in single,
        not _CLAIMS.isdisjoint(single),
        not _OFFICE_NOUNS.isdisjoint(single),
        lex.separable.get(word, ()),
    )


def _select(longer: Sequence[Cue], single: Sequence[Cue], last: int) -> tuple[Cue, ...]:
    """The cues taken at one position by a range ending at token ``last``: the longest phrase of each
    category that fits in it."""
    seen: set[str] = set()
    chosen = []
    for c in longer:
        if c.category not in seen and c.last <= last:
            seen.add(c.category)
            chosen.append(c)
    chosen += [c for c in single if c.category not in seen]
    return tuple(chosen)


def find_cues(tokens: Tokens, first: int, last: int) -> list[Cue]:
    """Every cue phrase in the token range; at one position the longest phrase of a category wins."""
    cues: list[Cue] = []
    table = tokens.cue_table
    for k in range(bisect.bisect_left(tokens.cue_at, first), len(table)):
        i, best, longer, single = table[k]
        if i >= last:
            break
        if not longer or max(c.last for c in longer) <= last:
            cues += best
        else:
            cues += _select(longer, single, last)
    return drop_inner_status(cues)


def drop_inner_status(cues: list[Cue]) -> list[Cue]:
    """A longer status phrase overrides the status cues inside it: in "annoncé l'ouverture" the
    opening is announced (planned), not done."""
    status = [c for c in cues if c.category.startswith("status:")]
    if len(status) < 2:
        return cues
    # a phrase that holds c starts at most the longest phrase's length before it: only those are compared,
    # not every status cue of the clause with every other
    status.sort(key=attrgetter("first"))
    firsts = [c.first for c in status]
    span = max(c.last - c.first for c in status)

    def inner(c: Cue) -> bool:
        lo, hi = bisect.bisect_left(firsts, c.first - span), bisect.bisect_right(firsts, c.first)
        return any(o is not c and c.last <= o.last and o.last - o.first > c.last - c.first for o in status[lo:hi])

    return [c for c in cues if not c.category.startswith("status:") or not inner(c)]


def _compound_head(word: str, lex: Lexicon) -> str | None:
    """The office noun a compound ends in: "APAC-Hub" -> "hub", "Entwicklungscampus" -> "campus"."""
    return _cached_compound_head(word, lex.code)


@register_cache
@lru_cache(maxsize=65536)  # bounded: a long batch meets an unbounded vocabulary
def _cached_compound_head(word: str, code: str) -> str | None:
    lex = lexicon(code)
    if "-" in word:
        tail = word.rsplit("-", 1)[1]
        if tail in lex.phrases:
            return tail
    for head in lex.compound_heads:
        if len(word) > len(head) + 2 and word.endswith(head):
            return head
    return None


@attrs.define
class Group:
    members: list[PlaceMention]
    start: int
    end: int
    first_tok: int = 0
    last_tok: int = 0


def group_places(text: str, places: Sequence[PlaceMention], lex: Lexicon) -> list[Group]:
    """Places separated only by commas, slashes and list words form one group."""
    groups: list[Group] = []
    for p in places:
        if groups:
            prev = groups[-1]
            gap = text[prev.end : p.start]
            if "\n" not in gap and _is_list_gap(gap, lex):
                prev.members.append(p)
                prev.end = p.end
                continue
        groups.append(Group([p], p.start, p.end))
    return groups


def _is_list_gap(gap: str, lex: Lexicon) -> bool:
    """Nothing, commas, up to two list words, or a conjunction or a comma and a repeated place
    preposition ("de Montréal et de Toronto", "in London and in Paris", "à Los Angeles, à Londres")."""
    stripped = gap.strip()
    if not stripped:
        return True
    # a semicolon within a clause separates items of a list of places (see _list_semicolon)
    parts = [w.casefold() for w in re.split(r"[\s,;]+", stripped) if w]
    if stripped.startswith((",", ";")) and not parts:
        return True
    if len(parts) == 2 and parts[0] in lex.conjunctions and parts[1] in lex.list_preps:
        return True
    if len(parts) == 1 and stripped.startswith(",") and parts[0] in lex.list_preps:
        return True  # "à Los Angeles, à Londres": the preposition repeated after a comma
    return len(parts) <= 2 and all(w in lex.joiners for w in parts)


# an item of a list of places written with their region: "Charlotte, North Carolina", "Portland, Oregon"
_NAME_WORDS = rf"[{UPPER}][\w.'’-]*(?:[ ]+[{UPPER}][\w.'’-]*){{0,3}}"
_ITEM_BEFORE = re.compile(rf"(?:^|[ ])({_NAME_WORDS}),[ ]+({_NAME_WORDS})$")
_ITEM_AFTER = re.compile(rf"[ ]+(?:([^\W\d_]+)[ ]+)??({_NAME_WORDS}),[ ]+({_NAME_WORDS})(?=[;,.]|$)")
_ITEM_REACH = 80  # characters read on each side of a semicolon for the list items around it


def _list_semicolon(text: str, start: int, at: int, end: int, lex: Lexicon) -> bool:
    """Whether the semicolon at ``at`` separates two items of a list of places, each a capitalized name and
    its region, rather than two clauses (``start``: where the clause before it begins; ``end``: the sentence's end)."""
    before = _ITEM_BEFORE.search(text[max(start, at - _ITEM_REACH) : at])
    after = _ITEM_AFTER.match(text[at + 1 : min(end, at + 1 + _ITEM_REACH)])
    if before is None or after is None:
        return False
    joiner = after.group(1)  # "; and Riverside, California"
    return joiner is None or joiner.casefold() in lex.joiners


def clauses(text: str, sentence: Sentence, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Character spans of the clauses of one sentence, each with how it begins: "where" for a clause
    that describes the place just before it (", where ...", ", waar ..."), "who" for a relative clause
    whose actor is the name just before it (", which ...", ", che ..."), "colon" for what a colon
    introduces (an enumeration takes its verb and noun from before the colon), else ""."""
    spans: list[tuple[int, int, str]] = []
    start, how = sentence.start, ""
    for m in lex.breaks.finditer(text, sentence.start, sentence.end):
        if m.group() == ";" and _list_semicolon(text, start, m.start(), sentence.end, lex):
            continue  # "in Charlotte, North Carolina; Portland, Oregon; and Riverside": one list
        if m.start() > start:
            spans.append((start, m.start(), how))
        start = m.end()
        if m.group() == ":":
            how = "colon"
        elif lex.where_breaks is not None and lex.where_breaks.fullmatch(m.group()):
            how = "where"
        elif lex.who_breaks is not None and lex.who_breaks.fullmatch(m.group()):
            how = "who"
        else:
            how = ""
    spans.append((start, sentence.end, how))
    return [s for s in spans if s[1] > s[0]]


_DATELINE = re.compile(r"[^\n]{0,80}?(?:\s[–—-]{1,2}\s|\s--\s)")


def dateline_end(text: str, sentence: Sentence, has_date: bool) -> int:
    """End of a dateline ("Milano, 15 febbraio 2017 –", "SEATTLE --") opening a paragraph."""
    m = _DATELINE.match(text, sentence.start, sentence.end)
    if m is None:
        return sentence.start
    head = text[sentence.start : m.end()]
    words = TOKEN.findall(head)
    if has_date or len(words) <= 3 or head.split(",")[0].strip().isupper():
        return m.end()
    return sentence.start

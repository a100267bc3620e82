"""Dates: the publication date line, and absolute or relative date expressions with their precision.

Month and weekday names come from CLDR through babel (format and stand-alone, wide and abbreviated,
with and without the trailing dot); ``languages/<code>/dates.json`` adds what CLDR lacks and the
relative-date phrases of each language. The logic below is shared by all languages.

Precisions and values, the same in every language:

- full dates ("14 September 2012", "3. Mai 2017", "1 de junio de 2022", "04.03.2024",
  "2024-03-04"), weekdays ("am Mittwoch", "ce mardi", "on Thursday": the most recent such day on
  or before the publication date; "next Monday": the first one after it), "today", "gestern":
  precision ``day``;
- a month ("April 2014", "Anfang April 2014", "Fin avril", "a gennaio"): precision ``month``. A month
  without a year is in the publication year, or in the year before when it lies after the
  publication month and its clause has a past-tense cue (``past_cues``; a reporting clause after a
  comma, "según ha explicado", does not count);
- "last week", "letzte Woche": the Monday-to-Sunday range of that week, precision ``month`` (there
  is no week precision, and ``iso`` then gives the month, which is true, rather than a Monday);
- "Q3 2025", "drittes Quartal": precision ``quarter``; "H1 2026", "second half of 2025": ``half``;
- part of a year ("early 2026", "Ende 2025", "eind 2023", "a principios de 2026", "d'ici la fin de
  l'année", "by the end of the year"): a half-year, precision ``half`` (start -> H1, end -> H2,
  middle -> April to September), so ``iso`` gives the year;
- seasons ("next spring", "la scorsa estate", "entro l'estate"): the three-month range (spring
  March-May, summer June-August, autumn September-November, winter December-February) with
  precision ``quarter``. "last summer" is the latest summer that ended before the publication date,
  "next spring" the first one that starts after it, a bare season the current or next one;
- years ("in 2015", "seit 1902", "nel 1999", only 1800-2100 and only after a year cue),
  "next year", "l'année prochaine", "vorig jaar", "two years ago": precision ``year``.

With no publication date, every relative expression gives ``DateValue.unresolved(text, precision)``;
the clock is never read.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable
from functools import cache

import attrs
from dateutil.relativedelta import relativedelta

from .languages import LanguageData, load_language
from .models import DatePrecision, DateValue
from .patterns import LATIN_LETTERS, LATIN_WORDISH, alternation, prefix_tree
from .spans import DateMention

__all__ = ["DateLine", "find_dates", "find_publication_date", "publication_date_line"]

_YEAR = r"(?P<y>1[89]\d\d|20\d\d|2100)(?!\d|[.,]\d)"
_END = r"(?!\w)"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
_UNIT_PRECISION = {
    "day": DatePrecision.DAY,
    "week": DatePrecision.MONTH,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
}
_REL = re.compile(r"^(day|week|month|year)([+-]\d+)$")
# Text before a date on a date line: nothing, a place ("Barcelona,", "MUNICH, Germany,"), a short label
# ("Updated:"), a byline ("By Jane Doe ·", "Jane Doe |"), or a wire's place and name ("MUNICH--(BUSINESS WIRE)--").
_LINE_PREFIX = re.compile(
    r"^(?:(?:[^\W\d][\w.'()/-]*(?:\s+[\w.'()/-]+){0,3}\s*(?:[,:|·•]|\s[–—]|--\([^)\n]{1,40}\)--)\s*){1,2})?$"
)
# Text after it: nothing, a dash or a full stop that opens the body ("– Die britische ...", ". Der
# Onlinehändler ..."), after a wire's name in parentheses or slashes ("(Business Wire)", "/PRNewswire/").
_LINE_SUFFIX = re.compile(r"^\s*(?:\([^)\n]{0,40}\)\s*|/[^\W\d][^/\n]{0,40}/\s*)?(?:[–—|:]|--|-(?!\w)|\.(?=[\s–—-])|$)")
_SEVEN_CHUNKS = re.compile(r"(?:\s*+\S++){7}\s*+(?=\S)")  # up to where an eighth chunk starts
_SHORT_REST = re.compile(r"^[\s\d:.,|/()apmAPMhGTUCr-]{0,24}$")
_HEAD_LINES = 8
_HEAD_CHARS = 3000
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”«»]|\s[–—-]\s")  # where the clause of a month without a year ends


def _alt_trie(words: Iterable[str]) -> str:
    """The same words as :func:`_alt`, as a prefix tree: it matches the same strings (the longest
    first no longer), and sre compares each character once instead of trying every word."""
    phrases = [w for w in words if w]
    return prefix_tree(phrases) if phrases else ""


def _low_trie(words: Iterable[str]) -> str:
    """:func:`_alt_trie` of the lowercased words, for a probe of the lowercased text. No word may have a
    character that sre's case-insensitive matching pairs with another lowercase one ("ı", "ſ", see
    :func:`_special`), or that lowercases to more than one ("İ")."""
    lowered = [w.lower() for w in words]
    assert all(len(w) == len(o) for w, o in zip(lowered, words, strict=True))
    assert not any(map(re.compile(_paired()).search, lowered))
    return _alt_trie(lowered)


def _ci(words: Iterable[str]) -> str:
    return f"(?i:{alternation(words)})"


@attrs.frozen
class _Rule:
    """One date pattern and the tokens it can start at, so it is only tried where it may match.

    ``words``: casefolded first tokens; ``digit_next``: for a pattern that starts with a number,
    the tokens that may follow that number ("3. Mai", "1 de junio"); ``digit_char``: or the
    character right after it ("04.03.2024", "2024-03-04")."""

    kind: str
    pattern: re.Pattern[str] = attrs.field(eq=False)
    words: frozenset[str] = attrs.field(default=frozenset(), eq=False)
    digit_next: frozenset[str] | None = attrs.field(default=None, eq=False)
    digit_char: str = ""
    full: bool = False
    probe: str = attrs.field(default="", eq=False)  # the pattern with prefix-tree alternations (see _grammar)
    low_probe: str = attrs.field(default="", eq=False)  # the probe for lowercased text, case-sensitive (see _grammar)


@attrs.frozen
class _Grammar:
    """The compiled patterns of one language and the lookups their groups need."""

    months: dict[str, int]
    weekdays: dict[str, int]
    full: tuple[_Rule, ...]  # full dates, also used for the date line
    other: tuple[_Rule, ...]
    every: _Triggers  # where the rules in full + other may start
    lines: _Triggers  # where the rules in full may start (the date line)
    month_cues: frozenset[str]
    year_cues: frozenset[str]
    past: re.Pattern[str] | None
    days: dict[str, int]
    relative: dict[str, tuple[str, int]]
    year_refs: dict[str, int]
    parts: dict[str, str]
    periods: dict[str, str]
    period_abbreviations: dict[str, str]
    seasons: dict[str, str]
    modifiers: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int]
    slash_order: str
    dateline_words: frozenset[str]  # words between a dateline's place and its date ("Paris, le 12 mars")
    publication_cue: re.Pattern[str] | None  # a label that ends the text before the date ("Published on")
    time_rest: re.Pattern[str]  # a time after the date on a date line ("9:30 AM ET", "à 10h30", "10:30 Uhr")


def _fold(word: str) -> str:
    return " ".join(word.casefold().split())


_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


def _firsts(phrases: Iterable[str]) -> frozenset[str]:
    """The casefolded first word token of each phrase ("l'année" -> "l", "mi-" -> "mi")."""
    out = set()
    for phrase in phrases:
        m = _TOKEN.search(phrase)
        if m:
            out.add(m.group().casefold())
    return frozenset(out)


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@cache
def _unfolded() -> str:
    """A regex set of the lowercase characters that casefold changes ("ß" -> "ss", "ς" -> "σ", "ﬁ" -> "fi").

    A token whose lowercase has none of them casefolds to its lowercase. All of them are in the
    Basic Multilingual Plane (tests/test_dates.py checks every code point, and the other facts the
    token scan relies on: lowercasing keeps the length, except for "İ", and what is a word character)."""
    bmp = "".join(map(chr, range(0x10000)))
    out: list[str] = []
    for i in range(0, len(bmp), 1024):  # casefold a block at once; look closer only where it changes
        block = bmp[i : i + 1024].lower()
        if block.casefold() != block:
            out += [c for c in block if c.casefold() != c and c.lower() == c]
    return "[" + "".join(re.escape(c) for c in sorted(set(out))) + "]"


@attrs.frozen
class _Triggers:
    """Where a set of rules may start, with the scan that finds those places without tokenizing.

    A rule is tried at a token whose casefold is one of its ``words``, at a token that starts with a
    digit and is followed by a token in one of its ``digit_next``, or (``scanned`` rules) at a run of
    digits followed by its ``digit_char``. ``candidates`` finds in the lowercased text, in one pass,
    a superset of those tokens (each is then checked as before): a token that is one of the words,
    or that does not start with a letter and is followed by one of the digit_next words;
    ``candidates_unfolded`` also every token that has, or is followed by a token that has, a
    character that casefold changes (see :func:`_unfolded`). ``numbers`` finds the digit runs."""

    # with :func:`_any_of` those rules, on the text and (low_probe) on the lowercased text
    by_word: dict[str, tuple[re.Pattern[str], re.Pattern[str], tuple[_Rule, ...]]]
    by_digit: tuple[_Rule, ...]  # rules that start with a number followed by one of their digit_next words
    after_digit: frozenset[str]  # the union of those words
    scanned: tuple[_Rule, ...]  # numeric dates, found by scanning the text (cheaper than per token)
    candidates: re.Pattern[str]
    candidates_unfolded: re.Pattern[str]
    numbers: re.Pattern[str] | None


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _any_of(rules: tuple[_Rule, ...], lowered: bool = False) -> re.Pattern[str]:
    """One pattern that matches where any of ``rules`` matches, built from their probes: where it
    does not (at most tokens), one cheap call replaces one call per rule. ``lowered``: built from
    their low_probe, for the lowercased text (see :func:`_matches`)."""
    parts = []
    for rule in rules:
        probe = rule.low_probe if lowered else rule.probe
        assert "(?P=" not in probe and "(?(" not in probe and not rule.pattern.flags & ~re.UNICODE
        parts.append("(?:" + _GROUP_NAME.sub("(?:", probe) + ")")
    return re.compile("|".join(parts))


def _triggers(rules: list[_Rule]) -> _Triggers:
    table: dict[str, list[_Rule]] = {}
    for rule in rules:
        for word in rule.words:
            table.setdefault(word, []).append(rule)
    by_digit = tuple(r for r in rules if r.digit_next is not None)
    after_digit = frozenset().union(*(r.digit_next for r in by_digit if r.digit_next is not None))
    scanned = tuple(r for r in rules if r.digit_char)
    key = rf"{prefix_tree(table)}(?!\w)"
    after = rf"{prefix_tree(after_digit)}(?!\w)"
    unfolded = _unfolded()
    numeric = rf"(?=[^{LATIN_LETTERS}])\w++(?=\W++{after})"
    numeric_unfolded = rf"(?=[^{LATIN_LETTERS}])\w++(?=\W++(?:{after}|\w*?{unfolded}))"
    # a scanned rule starts where a run of digits starts (it looks behind for a digit), and the run
    # ends with its digit_char ("04." of "04.03.2024"); the look-behind keeps the scan linear
    chars = "".join(sorted({r.digit_char for r in scanned}))
    return _Triggers(
        by_word={
            word: (_any_of(tuple(found)), _any_of(tuple(found), lowered=True), tuple(found))
            for word, found in table.items()
        },
        by_digit=by_digit,
        after_digit=after_digit,
        scanned=scanned,
        candidates=re.compile(rf"[^{LATIN_WORDISH}](?<!\w)(?=(?P<t>{key}|{numeric}))"),
        candidates_unfolded=re.compile(
            rf"[^{LATIN_WORDISH}](?<!\w)(?=(?P<t>{key}|{numeric_unfolded}|(?=\w*?{unfolded})\w++))"
        ),
        numbers=re.compile(rf"\d(?<!\d\d)\d*+(?P<c>[{re.escape(chars)}])") if chars else None,
    )


@cache
def _has_unfolded() -> re.Pattern[str]:
    return re.compile(_unfolded())


@cache
def _paired() -> str:
    """A regex set of the non-ASCII lowercase characters that sre's case-insensitive matching pairs
    with another lowercase one ("ı" with "i", "ſ" with "s", "µ" with "μ", "ς" with "σ"): the ones that
    share their uppercase. (The others it pairs, "ﬅ" with "ﬆ", are in :func:`_unfolded`, which
    tests/test_dates_speed.py checks against sre's own table.)"""
    bmp = "".join(map(chr, range(0x10000)))
    by_upper: dict[str, list[str]] = {}
    for i in range(0, len(bmp), 1024):  # a block that uppercasing leaves as it is holds no pair (5x faster)
        block = bmp[i : i + 1024]
        if block.upper() != block:
            for c in block:
                if c.lower() == c:
                    by_upper.setdefault(c.upper(), []).append(c)
    out = sorted({c for group in by_upper.values() if len(group) > 1 for c in group if not c.isascii()})
    return "[" + "".join(re.escape(c) for c in out) + "]"


@cache
def _has_special() -> re.Pattern[str]:
    """Finds in lowercased text a character for which the low probes may not match where the probes
    do: one that casefold changes, or that sre's case-insensitive matching pairs with another."""
    return re.compile(_unfolded()[:-1] + _paired()[1:])  # one set: sre skips to it fast


def _matches(
    t: _Triggers,
    text: str,
    start: int = 0,
    end: int | None = None,
    lowered: str | None = None,
    before: int | None = None,
) -> list[tuple[_Rule, re.Match[str]]]:
    """Every match of every rule that may start at a word token of ``text[start:end]`` (and before
    ``before``, if given): the scanned rules first (each in text order), then token by token, in the
    order of the token's rules.

    ``lowered``: ``text`` (or a prefix of it reaching ``end``) lowercased, if that kept its length
    (it does unless there is an "İ"); else None, and every token is tried."""
    stop = len(text) if end is None else end
    last = stop if before is None else min(before, stop)

    def early(found: re.Match[str]) -> bool:
        return found.start() < last

    out: list[tuple[_Rule, re.Match[str]]] = []
    if t.numbers is not None:
        # no two matches of one scanned rule can overlap (digits and its digit_char are all it
        # spans, and it looks behind for them), so its finditer is its match at every run
        found_runs = itertools.takewhile(early, t.numbers.finditer(text, start, stop))
        runs = [(found.start(), found.group("c")) for found in found_runs]
        for rule in t.scanned:
            for pos, char in runs:
                if char == rule.digit_char:
                    m = rule.pattern.match(text, pos, stop)
                    if m:
                        out.append((rule, m))
    # fast: no character in the lowercased text for which the low probes (case-sensitive, cheaper)
    # could miss a match of the probes, and each token's lowercase is its casefold
    fast = lowered is not None and _has_special().search(lowered, start, stop) is None
    tokens: list[tuple[int, int]]
    if lowered is None:
        tokens = [m.span() for m in itertools.takewhile(early, _TOKEN.finditer(text, start, stop))]
    else:
        first = _TOKEN.match(text, start, stop)
        tokens = [first.span()] if first and start < last else []
        unfolded = not fast and _has_unfolded().search(lowered, start, stop)
        found_tokens = (t.candidates_unfolded if unfolded else t.candidates).finditer(lowered, start, stop)
        if before is not None:  # a candidate match starts at the non-word character before its token
            found_tokens = itertools.takewhile(lambda c: c.end() < last, found_tokens)
        tokens += [c.span("t") for c in found_tokens]
    by_word, after_digit, by_digit = t.by_word, t.after_digit, t.by_digit
    source = lowered if fast and lowered is not None else text
    for pos, token_end in tokens:
        word = source[pos:token_end] if fast else text[pos:token_end].casefold()
        entry = by_word.get(word)
        rules: tuple[_Rule, ...] = ()
        if entry is not None and (entry[1] if fast else entry[0]).match(source, pos, stop):
            rules = entry[2]
        if word[0].isdigit():
            nxt = _TOKEN.search(source, token_end, stop)
            if nxt is not None:
                following = nxt.group() if fast else nxt.group().casefold()
                if following in after_digit:
                    rules = (*rules, *(r for r in by_digit if r.digit_next is not None and following in r.digit_next))
        for rule in rules:
            m = rule.pattern.match(text, pos, stop)
            if m:
                out.append((rule, m))
    return out


@cache
def _grammar(code: str) -> _Grammar:
    from babel import Locale

    lang = load_language(code)

    def words(key: str) -> list[str]:
        return [str(w) for w in lang.get("dates", key, [])]

    def ints(key: str) -> dict[str, int]:
        return {_fold(k): int(v) for k, v in lang.get("dates", key, {}).items()}

    def strs(key: str) -> dict[str, str]:
        return {_fold(k): str(v) for k, v in lang.get("dates", key, {}).items()}

    locale = Locale.parse(code)
    wide: dict[str, int] = {}
    abbreviated: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in locale.months[context]["wide"].items():
            wide[name] = number
        for number, name in locale.months[context]["abbreviated"].items():
            abbreviated[name] = number
            abbreviated[name.rstrip(".")] = number
    extra: dict[str, int] = dict(lang.get("dates", "month_extra", {}))
    wide.update(extra)
    weekday_names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in locale.days[context]["wide"].items():
            weekday_names[name] = number
    weekday_names.update(lang.get("dates", "weekday_extra", {}))

    parts = strs("parts")
    year_refs = ints("year_refs")
    periods = strs("periods")
    modifiers = ints("modifiers")
    seasons = strs("seasons")
    units = strs("units")
    numbers = ints("numbers")
    days = ints("days")
    relative: dict[str, tuple[str, int]] = {}
    for phrase, spec in strs("relative").items():
        rel = _REL.match(spec)
        if rel:
            relative[phrase] = (rel.group(1), int(rel.group(2)))
    abbreviations: dict[str, str] = dict(lang.get("dates", "period_abbreviations", {}))
    sensitive = bool(lang.get("dates", "month_case_sensitive", False))

    def build(alt: Callable[[Iterable[str]], str], lowered: bool = False) -> tuple[list[_Rule], list[_Rule]]:
        """The rules, with ``alt`` writing each alternation of words; ``lowered``: with no
        case-insensitive parts (``alt`` then writes the words lowercased)."""

        def ci(words: Iterable[str]) -> str:
            return alt(words) if lowered else f"(?i:{alt(words)})"

        def names(table: dict[str, int]) -> str:
            if sensitive:
                forms = set(table) | {n[:1].upper() + n[1:] for n in table}
                return alt(forms)
            return ci(table)

        month_full = f"(?P<mon>{names(wide)}){_END}"
        month_any = f"(?P<mon>{names({**wide, **abbreviated})})(?:\\.|{_END})"
        weekday = f"(?P<wd>{names(weekday_names)}){_END}"
        suffixes = words("day_suffixes")
        day = rf"(?P<d>[0-3]?\d)(?:{alt(suffixes)})?" if suffixes else r"(?P<d>[0-3]?\d)"
        connectors = words("date_connectors")
        conn = rf"(?:{ci(connectors)}\s*)?" if connectors else ""
        wd_opt = rf"(?:{weekday},?\s+)?"

        part = rf"(?P<part>{ci(parts)})" if parts else "(?P<part>(?!))"
        ref = rf"(?P<ref>{ci(year_refs)}){_END}" if year_refs else "(?P<ref>(?!))"
        mods = ci(modifiers) if modifiers else "(?!)"
        # after a weekday or season only a direction can follow ("mardi prochain", "l'estate scorsa"),
        # not an article or "this" that belongs to the next phrase ("el martes el respaldo")
        directed = [w for w, v in modifiers.items() if v != 0]
        mods_after = ci(directed) if directed else "(?!)"
        month_tokens = _firsts({**wide, **abbreviated})
        wd_tokens = _firsts(weekday_names)
        part_tokens = _firsts(parts)
        mod_tokens = _firsts(modifiers)
        after_day = month_tokens | _firsts(connectors) | _firsts(suffixes)
        # fmt: off
        full: list[_Rule] = [  # full dates: also candidates for the date line
            _Rule("dmy", _re(rf"(?<![\w.]){wd_opt}{day}\s*{conn}{month_any},?\s*{conn}{_YEAR}"), wd_tokens, after_day),
            _Rule("numeric", _re(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d]|\.\d)"),
                  digit_char="."),
            _Rule("iso", _re(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])"), digit_char="-"),
            _Rule("slash", _re(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d])"), digit_char="/"),
        ]
        if lang.get("dates", "month_first", False):
            full.append(_Rule("mdy", _re(rf"{wd_opt}{month_any}\s*{day}(?!\d),?\s+{_YEAR}"), month_tokens | wd_tokens))
        full = [attrs.evolve(r, full=True) for r in full]
        other: list[_Rule] = [
            _Rule("dm", _re(rf"(?<![\w.]){day}\s*{conn}{month_full}"), digit_next=after_day),
            _Rule("my", _re(rf"(?:{part}\s*{conn})?{month_any}\s*{conn}{_YEAR}"), part_tokens | month_tokens),
            _Rule("month", _re(rf"(?:{part}\s*{conn})?{month_full}"), part_tokens | month_tokens),
            _Rule("part_year", _re(rf"(?<!\w){part}\s*{conn}{_YEAR}"), part_tokens),
            _Rule("part_ref", _re(rf"(?<!\w){part}\s*{conn}{ref}"), part_tokens),
            _Rule("year", _re(rf"(?<!\w)(?P<cue>{ci(words('year_cues'))})\s+{_YEAR}{_END}"),
                  _firsts(words("year_cues"))),
            _Rule("weekday", _re(rf"(?<!\w)(?:(?P<mod>{mods})\s*)?{weekday}(?:\s+(?P<mod2>{mods_after}){_END})?"),
                  mod_tokens | wd_tokens),
        ]
        if lang.get("dates", "month_first", False):
            other.append(_Rule("md", _re(rf"{month_full}\s*{day}(?!\d|[.,:]\d)"), month_tokens))
        if periods:
            other.append(_Rule("period", _re(rf"(?<!\w)(?P<per>{ci(periods)})(?:\s*{conn}(?:{_YEAR}|{ref}))?"),
                               _firsts(periods)))
        if abbreviations:
            other.append(_Rule(
                "period_abbr",
                _re(rf"(?<!\w)(?P<pa>{alt(abbreviations)})(?P<pn>[1-4])(?:\s*[/']?\s*{_YEAR}|\s*'(?P<yy>\d\d))?{_END}"),
                frozenset(f"{a.casefold()}{n}" for a in abbreviations for n in range(1, 5)),
            ))
        if seasons:
            other.append(_Rule(
                "season",
                _re(rf"(?<!\w)(?:(?P<mod>{mods})\s*)?(?P<season>{ci(seasons)}){_END}"
                    rf"(?:\s+(?P<mod2>{mods_after}){_END})?(?:\s*{conn}{_YEAR})?"),
                mod_tokens | _firsts(seasons),
            ))
        if days:
            # not "tomorrow's TV": a possessive is figurative
            other.append(_Rule("days", _re(rf"(?<!\w)(?P<rd>{ci(days)}){_END}(?!')"), _firsts(days)))
        if relative:
            other.append(_Rule("relative", _re(rf"(?<!\w)(?P<rel>{ci(relative)}){_END}"), _firsts(relative)))
        count = rf"(?P<n>\d{{1,3}}|{ci(numbers)})" if numbers else r"(?P<n>\d{1,3})"
        if units and words("ago_before"):
            other.append(_Rule(
                "ago", _re(rf"(?<!\w){ci(words('ago_before'))}\s+{count}\s+(?P<unit>{ci(units)}){_END}"),
                _firsts(words("ago_before")),
            ))
        if units and words("ago_after"):
            other.append(_Rule(
                "ago", _re(rf"(?<!\w){count}\s+(?P<unit>{ci(units)})\s+{ci(words('ago_after'))}{_END}"),
                _firsts(numbers), digit_next=_firsts(units),
            ))
        # fmt: on
        return full, other

    full, other = build(alternation)
    # the same rules, each alternation as a prefix tree: they match where the rules match, cheaper
    probes = build(_alt_trie)
    # and for the lowercased text: every word lowercased, nothing case-insensitive (see _matches)
    lows = build(_low_trie, lowered=True)
    full = [
        attrs.evolve(r, probe=p.pattern.pattern, low_probe=q.pattern.pattern)
        for r, p, q in zip(full, probes[0], lows[0], strict=True)
    ]
    other = [
        attrs.evolve(r, probe=p.pattern.pattern, low_probe=q.pattern.pattern)
        for r, p, q in zip(other, probes[1], lows[1], strict=True)
    ]
    past_cues = words("past_cues")
    return _Grammar(
        months={_fold(k).rstrip("."): v for k, v in {**wide, **abbreviated}.items()},
        weekdays={_fold(k): v for k, v in weekday_names.items()},
        full=tuple(full),
        other=tuple(other),
        every=_triggers(full + other),
        lines=_triggers(full),
        month_cues=frozenset(_fold(c) for c in words("month_cues")),
        year_cues=frozenset(_fold(c) for c in words("year_cues")),
        past=re.compile(rf"(?<!\w){_ci(past_cues)}{_END}") if past_cues else None,
        days=days,
        relative=relative,
        year_refs=year_refs,
        parts=parts,
        periods=periods,
        period_abbreviations=abbreviations,
        seasons=seasons,
        modifiers=modifiers,
        units=units,
        numbers=numbers,
        slash_order=str(lang.get("dates", "slash_order", "dmy")),
        dateline_words=frozenset(_fold(w) for w in words("dateline_words")),
        publication_cue=_cue_at_end(words("publication_cues")),
        time_rest=_time_rest(words("time_connectors"), words("time_words")),
    )


def _cue_at_end(cues: list[str]) -> re.Pattern[str] | None:
    """A publication label ("Publié le", "Veröffentlicht am") that ends the text before a date."""
    if not cues:
        return None
    return re.compile(rf"(?:^|(?<=[\s,:|·•])){_ci(cues)}\s*:?\s*$")


def _time_rest(connectors: list[str], time_words: list[str]) -> re.Pattern[str]:
    """What may follow the date on a date line: a time, with the language's word before it ("à",
    "um") or after it ("Uhr"), a.m./p.m. and a time-zone abbreviation or offset ("ET", "CET", "+01:00")."""
    before = rf"(?:{_ci(connectors)}\s+)?" if connectors else ""
    after = rf"(?:\s*{_ci(time_words)}(?!\w))?" if time_words else ""
    return re.compile(
        rf"^[\s,|–—-]*{before}\d{{1,2}}(?:[:.h]\d{{2}})?(?i:\s*[ap]\.?\s?m\.?)?{after}"
        r"(?:\s*\(?(?:[A-Z]{1,5}|[+-]\d{2}:?\d{2})\)?)?\s*$"
    )


# -- values -----------------------------------------------------------------------------------


def _day(year: int, month: int, day: int, text: str) -> DateValue | None:
    try:
        return DateValue.day(year, month, day, text)
    except ValueError:
        return None


def _shift(pub: dt.date, unit: str, n: int, text: str) -> DateValue:
    if unit == "day":
        d = pub + dt.timedelta(days=n)
        return DateValue.day(d.year, d.month, d.day, text)
    if unit == "week":
        d = pub + relativedelta(weeks=n)
        monday = d - dt.timedelta(days=d.weekday())
        return DateValue(monday, monday + dt.timedelta(days=6), DatePrecision.MONTH, text)
    if unit == "month":
        d = pub + relativedelta(months=n)
        return DateValue.month(d.year, d.month, text)
    return DateValue.year(pub.year + n, text)


def _part_of_year(year: int, part: str, text: str) -> DateValue:
    if part == "start":
        return DateValue.half(year, 1, text)
    if part == "end":
        return DateValue.half(year, 2, text)
    return DateValue(dt.date(year, 4, 1), dt.date(year, 9, 30), DatePrecision.HALF, text)


def _season(name: str, year: int, text: str) -> DateValue:
    first, last = _SEASONS[name]
    end_year = year + 1 if last < first else year
    end = dt.date(end_year, last, 1) + relativedelta(day=31)
    return DateValue(dt.date(year, first, 1), end, DatePrecision.QUARTER, text)


def _relative_season(name: str, pub: dt.date, direction: int, text: str) -> DateValue:
    """-1: the latest one ended before ``pub``; +1: the first one starting after; 0: current or next."""
    candidates = [_season(name, y, text) for y in range(pub.year - 2, pub.year + 2)]
    if direction < 0:
        return [c for c in candidates if c.end is not None and c.end < pub][-1]
    if direction > 0:
        return next(c for c in candidates if c.start is not None and c.start > pub)
    return next(c for c in candidates if c.end is not None and c.end >= pub)


def _weekday(pub: dt.date, weekday: int, direction: int, text: str) -> DateValue:
    if direction > 0:
        d = pub + dt.timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
    elif direction < 0:
        d = pub - dt.timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1)
    else:
        d = pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)
    return DateValue.day(d.year, d.month, d.day, text)


# -- matching ---------------------------------------------------------------------------------


def _previous_word(text: str, start: int) -> str:
    """The word (or elided article such as "l'") right before ``start``, casefolded."""
    return " ".join(text[max(0, start - 30) : start].split()[-2:]).casefold()


def _has_cue(text: str, start: int, cues: frozenset[str]) -> bool:
    before = _previous_word(text, start)
    if not before:
        return False
    last = before.split()[-1]
    last = last if last.endswith("'") else last.strip('(,;:"')
    return before in cues or last in cues


def _month_is_past(g: _Grammar, text: str, start: int, end: int) -> bool:
    """Whether the clause of a month at [start, end) has a past-tense cue. The clause ends at a comma
    or another break, so that a reporting clause ("abrirá en septiembre ..., según ha explicado")
    does not make a future month past; a month standing alone between breaks ("In November, the
    company had opened") reads the clauses on both sides, within its sentence."""
    if g.past is None:
        return False
    lo = max(text.rfind(". ", max(0, start - 300), start) + 1, text.rfind("\n", max(0, start - 300), start) + 1, 0)
    hi_candidates = [i for i in (text.find(". ", end, end + 300), text.find("\n", end, end + 300)) if i >= 0]
    hi = min(hi_candidates) if hi_candidates else min(len(text), end + 300)
    left = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, start)]
    right = _CLAUSE_BREAK.search(text, end, hi)
    c_lo, c_hi = (left[-1] if left else lo), (right.start() if right else hi)
    if len(text[c_lo:start].split()) + len(text[end:c_hi].split()) <= 1:  # "In November," alone
        c_lo = left[-2] if len(left) > 1 else lo
        further = _CLAUSE_BREAK.search(text, right.end(), hi) if right else None
        c_hi = further.start() if further else hi
    return g.past.search(text, c_lo, c_hi) is not None


def _full_date(g: _Grammar, kind: str, m: re.Match[str]) -> DateValue | None:
    text = m.group()
    if kind == "slash":
        a, b = int(m.group("a")), int(m.group("b"))
        dd, mm = (a, b) if g.slash_order == "dmy" else (b, a)
        if mm > 12 >= dd:
            dd, mm = mm, dd
        return _day(int(m.group("y")), mm, dd, text)
    if kind in ("numeric", "iso"):
        return _day(int(m.group("y")), int(m.group("m")), int(m.group("d")), text)
    month = g.months.get(_fold(m.group("mon")).rstrip("."))
    if month is None:
        return None
    return _day(int(m.group("y")), month, int(m.group("d")), text)


Resolver = Callable[[dt.date], DateValue]


def _relative(pub: dt.date | None, text: str, precision: DatePrecision, resolve: Resolver) -> DateValue:
    return resolve(pub) if pub is not None else DateValue.unresolved(text, precision)


def _modifier(g: _Grammar, m: re.Match[str]) -> int:
    for name in ("mod", "mod2"):
        word = m.group(name)
        if word:
            return g.modifiers.get(_fold(word), 0)
    return 0


def _year_of(g: _Grammar, m: re.Match[str]) -> int | None:
    y = m.groupdict().get("y")
    return int(y) if y else None


def _other(g: _Grammar, kind: str, m: re.Match[str], text: str, pub: dt.date | None) -> DateValue | None:
    """The value of one non-full date match, or None when the context says it is not a date."""
    s = m.group()
    gd = m.groupdict()
    if kind == "dm":
        month = g.months[_fold(m.group("mon"))]
        dd = int(m.group("d"))
        if not 1 <= dd <= 31:
            return None

        def day_in(p: dt.date) -> DateValue:
            return _day(p.year, month, dd, s) or DateValue.month(p.year, month, s)

        return _relative(pub, s, DatePrecision.DAY, day_in)
    if kind == "md":
        return _other(g, "dm", m, text, pub)
    if kind == "my":
        return DateValue.month(int(m.group("y")), g.months[_fold(m.group("mon")).rstrip(".")], s)
    if kind == "month":
        if not gd.get("part") and not _has_cue(text, m.start(), g.month_cues):
            return None
        month = g.months[_fold(m.group("mon"))]

        def month_in(p: dt.date) -> DateValue:
            past = month > p.month and _month_is_past(g, text, m.start(), m.end())
            return DateValue.month(p.year - 1 if past else p.year, month, s)

        return _relative(pub, s, DatePrecision.MONTH, month_in)
    if kind == "part_year":
        return _part_of_year(int(m.group("y")), g.parts[_fold(m.group("part"))], s)
    if kind == "part_ref":
        part, offset = g.parts[_fold(m.group("part"))], g.year_refs[_fold(m.group("ref"))]
        return _relative(pub, s, DatePrecision.HALF, lambda p: _part_of_year(p.year + offset, part, s))
    if kind == "year":
        return DateValue.year(int(m.group("y")), s)
    if kind == "weekday":
        wd = g.weekdays[_fold(m.group("wd"))]
        direction = _modifier(g, m)
        return _relative(pub, s, DatePrecision.DAY, lambda p: _weekday(p, wd, direction, s))
    if kind in ("period", "period_abbr"):
        if kind == "period":
            spec = g.periods[_fold(m.group("per"))]
        else:
            spec = g.period_abbreviations[m.group("pa")] + m.group("pn")
        letter, number = spec[0], int(spec[1:])
        if letter == "H" and number > 2:
            return None
        year = _year_of(g, m)
        if gd.get("yy"):
            year = 2000 + int(gd["yy"])
        if kind == "period_abbr" and year is None and not _has_cue(text, m.start(), g.month_cues | g.year_cues):
            return None

        def period_in(y: int) -> DateValue:
            return DateValue.quarter(y, number, s) if letter == "Q" else DateValue.half(y, number, s)

        if year is not None:
            return period_in(year)
        offset = g.year_refs.get(_fold(gd["ref"]), 0) if gd.get("ref") else 0
        precision = DatePrecision.QUARTER if letter == "Q" else DatePrecision.HALF
        return _relative(pub, s, precision, lambda p: period_in(p.year + offset))
    if kind == "season":
        name = g.seasons[_fold(m.group("season"))]
        year = _year_of(g, m)
        if year is not None:
            return _season(name, year, s)
        has_mod = bool(gd.get("mod") or gd.get("mod2"))
        if not has_mod and not _has_cue(text, m.start(), g.month_cues):
            return None
        direction = _modifier(g, m)
        return _relative(pub, s, DatePrecision.QUARTER, lambda p: _relative_season(name, p, direction, s))
    if kind == "days":
        offset = g.days[_fold(m.group("rd"))]
        return _relative(pub, s, DatePrecision.DAY, lambda p: _shift(p, "day", offset, s))
    if kind == "relative":
        unit, offset = g.relative[_fold(m.group("rel"))]
        return _relative(pub, s, _UNIT_PRECISION[unit], lambda p: _shift(p, unit, offset, s))
    if kind == "ago":
        n_text = _fold(m.group("n"))
        n = int(n_text) if n_text.isdigit() else g.numbers.get(n_text, 0)
        unit = g.units[_fold(m.group("unit"))]
        return _relative(pub, s, _UNIT_PRECISION[unit], lambda p: _shift(p, unit, -n, s))
    return None


def _select(candidates: list[DateMention], size: int) -> list[DateMention]:
    """Non-overlapping mentions: the longest first, then the earliest; returned in text order."""
    chosen: list[DateMention] = []
    taken = bytearray(size + 1)
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(taken[c.start : c.end]):
            chosen.append(c)
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def find_dates(text: str, lang: LanguageData, published: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``, sorted and non-overlapping; relative ones resolved against
    ``published`` (unresolved when it is None).

    >>> from expansion_tracker.languages import load_language
    >>> found = find_dates("Ende 2025 und am Mittwoch", load_language("de"), dt.date(2017, 5, 3))
    >>> [(m.text, m.value.iso) for m in found]
    [('Ende 2025', '2025'), ('am Mittwoch', '2017-05-03')]
    >>> find_dates("heute", load_language("de"), None)[0].value.resolved
    False
    """
    g = _grammar(lang.code)
    candidates: list[DateMention] = []
    lowered = text.lower()
    for rule, m in _matches(g.every, text, lowered=lowered if len(lowered) == len(text) else None):
        if rule.full:
            value = _full_date(g, rule.kind, m)
        else:
            value = _other(g, rule.kind, m, text, published)
        if value is not None:
            candidates.append(DateMention(m.start(), m.end(), m.group(), value))
    return _select(candidates, len(text))


def find_publication_date(text: str, lang: LanguageData) -> dt.date | None:
    """The article's own date line near the top, if it has one.

    A line that is a date ("March 4, 2024", "14 September 2012", "04.03.2024"), or a dateline
    opening a paragraph ("3. Mai 2017 – ...", "Barcelona, 1 de junio de 2022. ...", "Paris, le 12
    mars 2025 – ...", with the language's ``dateline_words``), a press release's ("MUNICH, Germany,
    May 14, 2024 /PRNewswire/ --", "RALEIGH, N.C. (July 27, 2021) -"), a byline's ("By Jane Doe · Feb
    20, 2024 9:30 AM ET") or one after a label of the language's ``publication_cues`` ("Publié le 15
    janvier 2024 à 10h30"). A date inside a running sentence is not a publication date.

    >>> from expansion_tracker.languages import load_language
    >>> find_publication_date("Titel\\n\\nMilano, 15 febbraio 2017 – Microsoft ...", load_language("it"))
    datetime.date(2017, 2, 15)
    >>> find_publication_date("Google opened it on Wednesday, April 10, 2019 in Accra.", load_language("en")) is None
    True
    """
    line = publication_date_line(text, lang)
    return line.date if line else None


@attrs.frozen
class DateLine:
    """The article's own date line: its date, the line (``start``, ``end``) and ``body_start``, where
    the text after the dateline begins ("May 14, 2024 /PRNewswire/ -- |Acme ..."; ``end`` for a
    line that is only a date), so that a date line is never read as the headline."""

    date: dt.date
    start: int
    end: int
    body_start: int


def publication_date_line(text: str, lang: LanguageData) -> DateLine | None:
    """The date line that :func:`find_publication_date` reads, with where it is."""
    g = _grammar(lang.code)
    head = text[:_HEAD_CHARS]
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in head.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
        if len(lines) >= _HEAD_LINES:
            break
    for start, end in lines:
        if not _DIGIT.search(text, start, end):
            continue  # every full date has a number in it (its year at least)
        # a date line has at most seven chunks between spaces before its date ("Comunicato stampa –
        # Baronissi (Salerno),"): only the first few tokens of a line are tried, which is cheaper token
        # by token than with a scan
        eighth = _SEVEN_CHUNKS.match(text, start, end)
        found: list[tuple[int, DateLine]] = []
        for rule, m in _matches(g.lines, text, start, end, before=eighth.end() + 1 if eighth else None):
            if rule.full:
                value = _full_date(g, rule.kind, m)
                if value is None or value.start is None:
                    continue
                body = _date_line_body(g, text[start : m.start()].strip(), text[m.end() : end])
                if body is not None:
                    found.append((m.start(), DateLine(value.start, start, end, m.end() + body if body >= 0 else end)))
        if found:
            return min(found, key=lambda f: f[0])[1]
    return None


def _date_line_body(g: _Grammar, prefix: str, rest: str) -> int | None:
    """Where the body starts in ``rest`` when a date between ``prefix`` and ``rest`` makes a date
    line: -1 when the date line is the whole line, None when it is no date line."""
    head_words = prefix.rsplit(None, 1)
    if len(head_words) == 2 and _fold(head_words[1]) in g.dateline_words:
        prefix = head_words[0]  # "Paris, le 12 mars 2025"
    if g.publication_cue is not None:
        prefix = g.publication_cue.sub("", prefix).rstrip()  # "Publié le 15 janvier 2024"
    opened = prefix.rfind("(")
    closed = rest.lstrip().startswith(")")
    if closed and opened >= 0 and ")" not in prefix[opened:]:  # "RALEIGH, N.C. (July 27, 2021) - ..."
        outer, inner = prefix[:opened].strip(), prefix[opened + 1 :].strip()
        if (not outer or _LINE_PREFIX.match(outer + ",")) and (not inner or _LINE_PREFIX.match(inner)):
            after = rest.index(")") + 1
            tail = _LINE_SUFFIX.match(rest, after)
            return tail.end() if tail else after  # the parenthesis closes the dateline
        return None
    if not _LINE_PREFIX.match(prefix):
        return None
    if _SHORT_REST.match(rest) or g.time_rest.match(rest):
        return -1
    tail = _LINE_SUFFIX.match(rest)
    if tail is None:
        return None
    return -1 if not rest[tail.end() :].strip() else tail.end()

"""Amounts of money in local number formats, with scale words and currencies.

The stages of :func:`find_money`:

1. *number*: digits with the language's CLDR group and decimal separators (babel): "6,6" and
   "31.490" in German, "1.5" and "1,300" in English, "3 100" in French;
2. *scale*: a scale word from ``money.json`` right after the number ("Milliarden", "Mio.", "bn", "m");
3. *currency*: a symbol or ISO code before or after the number ("$1.5bn", "EUR10bn", "3 Mio. €"),
   or a CLDR currency name after it, singular or plural, also by its head noun ("6,6 Milliarden
   Dollar", "1,2 milliard d'euros", "10 milioni di euro", "18,77 Milliarden Forint");
4. *inheritance*: an amount with a scale word but no currency of its own, after another amount in
   the same sentence and announced by "another"/"altri"/"weitere" (``inherit_cues``), takes that
   amount's currency ("verserà 15 milioni di euro ... altri 10 milioni");
5. *funding*: the nearest cue in the sentence decides: a ``funding_cues`` word (raise, invest,
   Finanzspritze, levée de fonds, inversión, stanziare, steekt ... in) makes it funding, a
   ``non_funding_cues`` word (loss, revenue, price, worth, rachat, impacto) does not. Amounts under
   :data:`MIN_FUNDING` (a car's price, a deposit) are never funding.

A bare number ("100M" users, "2,3 %", "6.000 Quadratmeter") is not money.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache

import attrs

from .languages import LanguageData, load_language
from .models import Money
from .patterns import LATIN_WORDISH, alternation, prefix_tree
from .spans import MoneyMention
from .text import split_sentences

__all__ = ["CUE_REACH", "MIN_FUNDING", "find_money", "funding_cues"]

#: Amounts below this (in any currency) are prices, deposits or fees, not funding.
MIN_FUNDING = Decimal(100_000)
# How far (in characters, within the sentence) a funding cue is looked for around an amount.
CUE_REACH = 250

# When a symbol or a head noun ("dollar", "pound", "franc") names several currencies, the first
# of these wins; head nouns are only derived for these currencies (full CLDR names for all).
_PREFERRED = (
    "EUR", "USD", "GBP", "JPY", "CHF", "CNY", "CAD", "AUD", "HUF", "PLN", "CZK", "SEK", "NOK", "DKK",
    "INR", "RUB", "TRY", "BRL", "MXN", "ZAR", "HKD", "SGD", "NZD", "RON", "BGN", "KRW", "ILS", "AED",
)  # fmt: skip


@attrs.frozen
class _Lexicon:
    """Everything compiled for one language: the patterns and the lookups their groups need."""

    number: re.Pattern[str]
    scale: re.Pattern[str]
    connector: re.Pattern[str]
    decimal: str
    group: str
    scales: dict[str, int]
    symbols: dict[str, str]  # casefolded symbol ("$", "us$", "€") -> ISO code
    codes: frozenset[str]
    names: dict[str, str]  # casefolded name or head noun ("euros", "dollari statunitensi") -> ISO code
    shared: dict[str, tuple[str, ...]]  # a head noun of several currencies ("dirhams", "pesos") -> their codes
    name_starts: frozenset[str]  # the first word of each name ("dollari" of "dollari statunitensi")
    symbol_ends: frozenset[str]  # the first and the last character of each symbol, casefolded
    longest_symbol: int
    cues: re.Pattern[str]
    cue_starts: re.Pattern[str]  # finds where a cue may start after the first position (see _is_funding)
    positive: frozenset[str]
    inherit: re.Pattern[str] | None
    abbreviations: tuple[str, ...]
    spelled_scale: re.Pattern[str]  # a long scale word ("Millionen"): the number before it may be a word
    number_words: dict[str, int]  # casefolded number word ("zehn", "dizaine") -> its value
    word_before: re.Pattern[str]  # on the text before a scale word: the number word and connector there


def _currency_names(code: str) -> dict[str, str]:
    """Symbols, ISO codes and CLDR names (with plurals and head nouns) of the language ``code``."""
    from babel import Locale
    from babel.numbers import get_currency_name, list_currencies

    lang = load_language(code)
    head = lang.get("money", "currency_head", "last")
    locale = Locale.parse(code)
    table: dict[str, str] = {}

    def add(name: str, iso: str, overwrite: bool = False) -> None:
        key = name.strip().casefold()
        if key and (overwrite or key not in table):
            table[key] = iso

    order = list(_PREFERRED) + sorted(set(list_currencies()) - set(_PREFERRED))
    for loc in (locale, Locale("en")):  # the language's symbols, then English ones ("$", "¥") it lacks
        for iso in order:
            sym = loc.currency_symbols.get(iso)
            # letters-only symbols ("F", "FCFA") are words, not signs; codes are added below
            if sym and not sym.replace(".", "").isalpha():
                add(sym, iso)
    for iso in order:
        add(iso, iso)
        for count in (1, 2, 1_000_000):
            name = get_currency_name(iso, count, locale=locale)
            if name == iso:
                continue
            add(name, iso)
            if iso in _PREFERRED:
                words = re.split(r"[\s-]+", name)
                add(words[0] if head == "first" else words[-1], iso)
    for word, iso in lang.get("money", "currency_words", {}).items():
        add(word, iso, overwrite=True)
    return table


def _shared_heads(code: str) -> dict[str, tuple[str, ...]]:
    """The head nouns of the language's CLDR currency names that name several currencies ("pesos": the
    Mexican, Argentine, Colombian... peso), with the codes of each."""
    from babel import Locale
    from babel.numbers import get_currency_name, list_currencies

    head = load_language(code).get("money", "currency_head", "last")
    locale = Locale.parse(code)
    heads: dict[str, set[str]] = {}
    for iso in sorted(list_currencies()):
        for count in (1, 2):
            name = get_currency_name(iso, count, locale=locale)
            if name != iso:
                words = re.split(r"[\s-]+", name.strip())
                heads.setdefault((words[0] if head == "first" else words[-1]).casefold(), set()).add(iso)
    return {word: tuple(sorted(isos)) for word, isos in heads.items() if len(isos) > 1}


@cache
def _territory_currency(country: str) -> str | None:
    """The currency a country pays in today (CLDR), or None."""
    from babel.numbers import get_territory_currencies

    found = get_territory_currencies(country, tender=True)
    return found[0] if found else None


@cache
def _lexicon(code: str) -> _Lexicon:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    lang = load_language(code)
    decimal = get_decimal_symbol(code)
    group = get_group_symbol(code)
    if group.isspace() or group in "\u202f\u00a0":
        group = " "  # the clean text has plain spaces
    scales: dict[str, int] = {}
    for word, factor in lang.get("money", "scale_words", {}).items():
        scales[word.casefold()] = factor
    # short abbreviations ("m", "M", "Md") are case-sensitive, words ("Million", "million") are not
    short = [w for w in lang.get("money", "scale_words", {}) if len(w.rstrip(".")) <= 2]
    long_ = [w for w in scales if len(w.rstrip(".")) > 2]
    currencies = _currency_names(code)
    codes = frozenset(iso for c, iso in currencies.items() if c == iso.casefold())
    # a symbol has a sign in it ("$", "us$", "£gb", "€"); names are words ("us-dollar", "dollar des états-unis")
    symbols = {
        c: iso
        for c, iso in currencies.items()
        if len(c) <= 5 and not any(ch.isspace() for ch in c) and any(not (ch.isalpha() or ch in ".-'") for ch in c)
    }
    names = {c: iso for c, iso in currencies.items() if c not in symbols and c != iso.casefold()}
    g, d = re.escape(group), re.escape(decimal)
    # a digit first (the look-behind then checks the character before it): sre then skips to digits fast
    # a decimal part after the language's decimal sign, or after either sign when it has one or two digits
    # (a group has three): "2.8 millones" is a Mexican 2,8 millones, "2,5 million" a European 2.5 million
    number = re.compile(
        rf"(?P<num>\d(?<![\d.,]\d)(?:\d{{0,2}}(?:{g}\d{{3}})+(?!\d)|\d*))(?:{d}(?P<frac>\d+)|[.,](?P<short>\d\d?))?(?!\d)"
    )
    # "$200-million" joins the number and its scale word with a hyphen
    scale = re.compile(rf"(?:\s|-)?(?P<scale>(?i:{alternation(long_)})|{alternation(short)})(?!\w)")
    conn = alternation(lang.get("money", "currency_connectors", []))
    connector = re.compile(rf"\s?(?:(?i:{conn})\s?)?" if conn else r"\s?")

    pos = [c.casefold() for c in lang.get("money", "funding_cues", [])]
    neg = [c.casefold() for c in lang.get("money", "non_funding_cues", [])]
    cues = re.compile(rf"(?<!\w)(?:{alternation(pos + neg)})", re.IGNORECASE)
    # the same cues as a prefix tree after a non-word character: sre skips to such characters fast
    # and compares each letter once, where ``cues`` tries every word at every position
    cue_starts = re.compile(rf"[^{LATIN_WORDISH}](?<!\w)(?=(?i:{prefix_tree(c for c in pos + neg if c)}))")
    inherit_words = lang.get("money", "inherit_cues", [])
    inherit = re.compile(rf"(?<!\w)(?:{alternation(inherit_words)})\s+$", re.IGNORECASE) if inherit_words else None
    abbreviations = tuple(lang.get("text", "abbreviations", [])) + tuple(w for w in scales if w.endswith("."))
    number_words = {w.casefold(): n for w, n in lang.get("money", "number_words", {}).items()}
    return _Lexicon(
        number=number,
        scale=scale,
        connector=connector,
        decimal=decimal,
        group=group,
        scales=scales,
        symbols=symbols,
        codes=codes,
        names=names,
        shared=_shared_heads(code),
        name_starts=frozenset(re.split(r"[ -]", name, maxsplit=1)[0] for name in names),
        symbol_ends=frozenset(sym[0] for sym in symbols) | frozenset(sym[-1] for sym in symbols),
        longest_symbol=max((len(sym) for sym in symbols), default=1),
        cues=cues,
        cue_starts=cue_starts,
        positive=frozenset(pos) - frozenset(neg),
        inherit=inherit,
        abbreviations=abbreviations,
        spelled_scale=re.compile(rf"(?<!\w)(?i:{prefix_tree(long_)})(?!\w)" if number_words else "(?!)"),
        number_words=number_words,
        word_before=re.compile(rf"(?<!\w)([^\W\d_]+)(?:[ ](?i:{conn}))?[ ]?$" if conn else r"(?<!\w)([^\W\d_]+)[ ]$"),
    )


_WORDS = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+){0,3}")


_WORD = re.compile(r"[^\W\d_]+")


def _currency_after(lex: _Lexicon, text: str, pos: int) -> tuple[str, int] | None:
    """A symbol, ISO code or currency name starting at ``pos``: (ISO code, end)."""
    ch = text[pos : pos + 1]
    if not ch or ch.isdigit():
        return None
    # casefold works character by character, so a symbol's first character is ch's casefold's first
    if ch.casefold()[0] in lex.symbol_ends:
        for length in range(min(lex.longest_symbol, len(text) - pos), 0, -1):
            iso = lex.symbols.get(text[pos : pos + length].casefold())
            if iso:
                return iso, pos + length
    code = text[pos : pos + 3]
    if code.isupper() and code in lex.codes and not text[pos + 3 : pos + 4].isalpha():
        return code, pos + 3
    first = _WORD.match(text, pos)  # every phrase tried below starts with this word
    if first is None or first.group().casefold() not in lex.name_starts:
        return None
    words = _WORDS.match(text, pos)
    if words:
        parts = re.split(r"([ -])", words.group())
        for n in range(len(parts), 0, -2):
            phrase = "".join(parts[:n])
            iso = lex.names.get(phrase.casefold())
            if iso:
                return iso, pos + len(phrase)
    return None


def _local_currency(usual: str, options: Sequence[str], countries: Sequence[str]) -> str:
    """Of the currencies a shared word names, the one of the article's countries (see find_money)."""
    paid = [c for c in map(_territory_currency, countries) if c is not None and c in options]
    return usual if not paid or usual in paid else paid[0]


def _currency_before(lex: _Lexicon, text: str, start: int) -> tuple[str, int] | None:
    """A symbol or ISO code ending at ``start`` (one space allowed): (ISO code, its start)."""
    for end in (start, start - 1) if text[start - 1 : start] == " " else (start,):
        last = text[end - 1 : end]
        if not last:
            continue
        if last.casefold()[-1] in lex.symbol_ends:  # a symbol's last character, as in _currency_after
            for length in range(min(lex.longest_symbol, end), 0, -1):
                iso = lex.symbols.get(text[end - length : end].casefold())
                if iso:
                    return iso, end - length
        code = text[end - 3 : end]
        if end >= 3 and code.isupper() and code in lex.codes and not text[end - 4 : end - 3].isalpha():
            return code, end - 3
    return None


def _digit_numbers(lex: _Lexicon, text: str) -> Iterator[tuple[int, int, Decimal]]:
    """(start, end, value) of each number in digits that a scale word or a currency may touch."""
    for m in lex.number.finditer(text):
        start, end = m.span()
        nxt = text[end + 1 : end + 2] if text[end : end + 1] == " " else text[end : end + 1]
        prev = text[start - 2 : start - 1] if text[start - 1 : start] == " " else text[start - 1 : start]
        if (not nxt or nxt.isdigit() or nxt in ",;:.()") and (not prev or prev.isdigit() or prev in ",;:.()"):
            continue  # a bare number in a list or a table: no scale word or currency can touch it
        whole = m.group("num").replace(lex.group, "")
        frac = m.group("frac") or m.group("short")
        yield start, end, Decimal(f"{whole}.{frac}" if frac else whole)


_WORD_REACH = 40  # characters before a scale word where its number word is looked for


def _word_numbers(lex: _Lexicon, text: str) -> Iterator[tuple[int, int, Decimal]]:
    """(start, end, value) of each number word right before a long scale word ("zehn Millionen", "une
    dizaine de millions"): ``end`` is where the scale word's match starts, the connector read."""
    for sm in lex.spelled_scale.finditer(text):
        lo = max(0, sm.start() - _WORD_REACH)
        wm = lex.word_before.search(text, lo, sm.start())
        value = lex.number_words.get(wm.group(1).casefold()) if wm is not None else None
        if wm is not None and value is not None:
            end = sm.start() - 1 if text[sm.start() - 1 : sm.start()] == " " else sm.start()
            yield wm.start(), end, Decimal(value)
            continue
        # a scale phrase that starts with a number word is a number alone ("destinar mil millones"), unless
        # digits come before it ("3 mil millones": read as digits and scale)
        head, _, rest = sm.group().partition(" ")
        value = lex.number_words.get(head.casefold()) if rest else None
        if value is not None and not text[lo : sm.start()].rstrip()[-1:].isdigit():
            yield sm.start(), sm.start() + len(head), Decimal(value)


def _amount(lex: _Lexicon, value: Decimal, scale: str | None) -> Decimal:
    if scale:
        value *= lex.scales[scale.casefold()]
    integral = value.to_integral_value()
    return integral if value == integral else value.normalize()


def _is_funding(lex: _Lexicon, text: str, start: int, end: int, s_start: int, s_end: int) -> bool:
    """The nearest funding or non-funding cue in the sentence (within :data:`CUE_REACH`) decides;
    a tie goes to non-funding."""
    best = min(((d, positive) for d, _, positive in _cues_near(lex, text, start, end, s_start, s_end)), default=None)
    return best is not None and best[1]


def funding_cues(text: str, lang: LanguageData, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The funding and non-funding cues in ``text[start:end]`` (a sentence), as (start, end, whether
    it is a funding cue): what the learned funding decision reads, found once per sentence."""
    lex = _lexicon(lang.code)
    out = []
    first = [start] if lex.cues.match(text, start, end) else []
    taken = start
    for at in itertools.chain(first, (c.end() for c in lex.cue_starts.finditer(text, start, end))):
        if at < taken:
            continue
        cue = lex.cues.match(text, at, end)
        if cue is not None:
            taken = cue.end()
            out.append((cue.start(), cue.end(), cue.group().casefold() in lex.positive))
    return out


def _cues_near(
    lex: _Lexicon, text: str, start: int, end: int, s_start: int, s_end: int
) -> Iterator[tuple[int, str, bool]]:
    lo, hi = max(s_start, start - CUE_REACH), min(s_end, end + CUE_REACH)
    # the matches of lex.cues.finditer(text, lo, hi): the first match at or after the last one's end
    first = [lo] if lex.cues.match(text, lo, hi) else []
    taken = lo
    for at in itertools.chain(first, (c.end() for c in lex.cue_starts.finditer(text, lo, hi))):
        if at < taken:
            continue
        cue = lex.cues.match(text, at, hi)
        if cue is None:
            continue
        taken = cue.end()
        if start <= cue.start() < end:
            continue
        side = "L" if cue.end() <= start else "R"
        distance = start - cue.end() if side == "L" else cue.start() - end
        yield distance, side, cue.group().casefold() in lex.positive


_NEWLINE = re.compile("\n")


class _Sentences:
    """The spans of the sentences of ``split_sentences(text, abbreviations)``, looked up by position. A
    line break always ends a sentence and a line splits the same alone, so only the lines with an
    amount are split, on first use; lines and sentences are found by bisection, so a text of one
    line and thousands of amounts costs no scan per amount."""

    def __init__(self, text: str, abbreviations: tuple[str, ...]) -> None:
        self.text = text
        self.abbreviations = abbreviations
        self.line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        self.lines: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    def at(self, pos: int) -> tuple[int, int]:
        """The span of the sentence that holds the non-space character at ``pos``."""
        i = bisect.bisect_right(self.line_starts, pos) - 1
        line = self.line_starts[i]
        split = self.lines.get(line)
        if split is None:
            end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
            spans = [(line + s.start, line + s.end) for s in split_sentences(self.text[line:end], self.abbreviations)]
            split = self.lines[line] = (spans, [e for _, e in spans])
        spans, ends = split
        return spans[bisect.bisect_right(ends, pos)]


def find_money(text: str, lang: LanguageData, countries: Sequence[str] = ()) -> list[MoneyMention]:
    """Every amount of money in ``text``, in order, with ``funding`` set from its sentence.

    A currency word of several countries ("dirhams", "pesos", "dollars") is the currency of the first of
    ``countries`` (the article's, most named first) that pays in one of them, unless one of them pays in
    the word's usual currency.

    >>> from expansion_tracker.languages import load_language
    >>> [(str(m.money.amount), m.money.currency, m.funding)
    ...  for m in find_money("OpenAI holte sich eine Finanzspritze von 6,6 Milliarden Dollar.", load_language("de"))]
    [('6600000000', 'USD', True)]
    >>> find_money("Die App hat 100M Nutzer und wuchs um 2,3 Prozent.", load_language("de"))
    []
    """
    lex = _lexicon(lang.code)
    found: list[tuple[int, int, Decimal, str | None]] = []  # start, end, amount, currency or None
    for m_start, end, number in heapq.merge(_digit_numbers(lex, text), _word_numbers(lex, text)):
        sm = lex.scale.match(text, end)
        scale = sm.group("scale") if sm else None
        if sm:
            end = sm.end()
        cm = lex.connector.match(text, end)
        at = cm.end() if cm else end
        after = _currency_after(lex, text, at)
        if after is None and text[end : end + 1] == " " and at != end + 1:
            at = end + 1
            after = _currency_after(lex, text, at)
        before = _currency_before(lex, text, m_start) if after is None else None
        if after is None and before is None and scale is None:
            continue
        start = before[1] if before else m_start
        if after:
            end = after[1]
        currency = (after or before or (None,))[0]
        if after and countries:
            options = lex.shared.get(text[at : after[1]].casefold())
            if options:
                currency = _local_currency(after[0], options, countries)
        found.append((start, end, _amount(lex, number, scale), currency))
    if not found:
        return []
    out: list[MoneyMention] = []
    sentences = _Sentences(text, lex.abbreviations)
    sentence = (-1, -1)  # the sentence of the last amount; sentences only move forward, as amounts do
    last_currency: tuple[tuple[int, int], str] | None = None  # (sentence, currency) of the last amount
    for start, end, amount, own in found:
        here = sentences.at(start)
        if here[0] > sentence[0]:
            sentence = here
        s_start, s_end = sentence
        currency = own
        if (
            currency is None
            and last_currency is not None
            and last_currency[0] == sentence
            and lex.inherit is not None
            and lex.inherit.search(text, max(s_start, start - 40), start)
        ):
            currency = last_currency[1]
        if currency is None:
            continue
        last_currency = (sentence, currency)
        funding = amount >= MIN_FUNDING and _is_funding(lex, text, start, end, s_start, s_end)
        out.append(MoneyMention(start, end, text[start:end], Money(amount, currency), funding))
    return out

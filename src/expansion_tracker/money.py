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

import re
from decimal import Decimal
from functools import cache

import attrs

from .languages import LanguageData, load_language
from .models import Money
from .spans import MoneyMention
from .text import split_sentences

__all__ = ["MIN_FUNDING", "find_money"]

#: Amounts below this (in any currency) are prices, deposits or fees, not funding.
MIN_FUNDING = Decimal(100_000)

# When a symbol or a head noun ("dollar", "pound", "franc") names several currencies, the first
# of these wins; head nouns are only derived for these currencies (full CLDR names for all).
_PREFERRED = (
    "EUR", "USD", "GBP", "JPY", "CHF", "CNY", "CAD", "AUD", "HUF", "PLN", "CZK", "SEK", "NOK", "DKK",
    "INR", "RUB", "TRY", "BRL", "MXN", "ZAR", "HKD", "SGD", "NZD", "RON", "BGN", "KRW", "ILS", "AED",
)  # fmt: skip
_LETTER_AFTER = r"(?![^\W\d_])"


@attrs.frozen
class _Lexicon:
    """Everything compiled for one language: the amount pattern and the lookups its groups need."""

    pattern: re.Pattern[str]
    decimal: str
    group: str
    scales: dict[str, int]
    currencies: dict[str, str]  # casefolded symbol, code or name -> ISO code
    cues: re.Pattern[str]
    positive: frozenset[str]
    inherit: re.Pattern[str] | None
    abbreviations: tuple[str, ...]


def _alternation(words: list[str] | set[str]) -> str:
    """A regex alternation of literal words, longest first so the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


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
    codes = [c for c, iso in currencies.items() if c == iso.casefold()]
    symbols = [c for c in currencies if not c.replace(".", "").isalpha()]
    names = [c for c in currencies if c not in codes and c not in symbols]
    g, d = re.escape(group), re.escape(decimal)
    number = rf"(?<![\d.,])(?P<num>\d{{1,3}}(?:{g}\d{{3}})+(?!\d)|\d+)(?:{d}(?P<frac>\d+))?(?!\d)"
    code_alt = _alternation([c.upper() for c in codes])
    pre = rf"(?P<pre>(?i:{_alternation(symbols)})|\b(?:{code_alt})(?=\s?\d))"
    scale = rf"(?P<scale>(?i:{_alternation(long_)})|{_alternation(short)})(?!\w)"
    conn = _alternation(lang.get("money", "currency_connectors", []))
    conn_part = rf"(?:(?i:{conn})\s?)?" if conn else ""
    post = rf"(?P<post>(?i:{_alternation(symbols)})|\b(?:{code_alt})\b|(?i:{_alternation(names)}){_LETTER_AFTER})"
    pattern = re.compile(rf"(?:{pre}\s?)?{number}(?:\s?{scale})?(?:\s?{conn_part}{post})?")

    pos = [c.casefold() for c in lang.get("money", "funding_cues", [])]
    neg = [c.casefold() for c in lang.get("money", "non_funding_cues", [])]
    cues = re.compile(rf"(?<!\w)(?:{_alternation(pos + neg)})", re.IGNORECASE)
    inherit_words = lang.get("money", "inherit_cues", [])
    inherit = re.compile(rf"(?<!\w)(?:{_alternation(inherit_words)})\s+$", re.IGNORECASE) if inherit_words else None
    abbreviations = tuple(lang.get("text", "abbreviations", [])) + tuple(w for w in scales if w.endswith("."))
    return _Lexicon(
        pattern, decimal, group, scales, currencies, cues, frozenset(pos) - frozenset(neg), inherit, abbreviations
    )


def _amount(lex: _Lexicon, m: re.Match[str]) -> Decimal:
    whole = m.group("num").replace(lex.group, "")
    frac = m.group("frac")
    value = Decimal(f"{whole}.{frac}" if frac else whole)
    scale = m.group("scale")
    if scale:
        value *= lex.scales[scale.casefold()]
    integral = value.to_integral_value()
    return integral if value == integral else value.normalize()


def _is_funding(lex: _Lexicon, text: str, start: int, end: int, s_start: int, s_end: int) -> bool:
    """The nearest funding or non-funding cue in the sentence decides; a tie goes to non-funding."""
    best: tuple[int, bool] | None = None
    for cue in lex.cues.finditer(text, s_start, s_end):
        if start <= cue.start() < end:
            continue
        distance = start - cue.end() if cue.end() <= start else cue.start() - end
        positive = cue.group().casefold() in lex.positive
        if best is None or distance < best[0] or (distance == best[0] and not positive):
            best = (distance, positive)
    return best is not None and best[1]


def find_money(text: str, lang: LanguageData) -> list[MoneyMention]:
    """Every amount of money in ``text``, in order, with ``funding`` set from its sentence.

    >>> from expansion_tracker.languages import load_language
    >>> [(str(m.money.amount), m.money.currency, m.funding)
    ...  for m in find_money("OpenAI holte sich eine Finanzspritze von 6,6 Milliarden Dollar.", load_language("de"))]
    [('6600000000', 'USD', True)]
    >>> find_money("Die App hat 100M Nutzer und wuchs um 2,3 Prozent.", load_language("de"))
    []
    """
    lex = _lexicon(lang.code)
    sentences = split_sentences(text, lex.abbreviations)
    out: list[MoneyMention] = []
    si = 0
    last_currency: tuple[int, str] | None = None  # (sentence index, currency) of the last amount
    for m in lex.pattern.finditer(text):
        pre, post, scale = m.group("pre"), m.group("post"), m.group("scale")
        if not (pre or post or scale):
            continue
        while si + 1 < len(sentences) and sentences[si].end <= m.start():
            si += 1
        sentence = sentences[si] if sentences else None
        s_start, s_end = (sentence.start, sentence.end) if sentence else (0, len(text))
        if pre or post:
            currency = lex.currencies[(pre or post).casefold()]
        elif (
            last_currency is not None
            and last_currency[0] == si
            and lex.inherit is not None
            and lex.inherit.search(text, max(s_start, m.start() - 40), m.start())
        ):
            currency = last_currency[1]
        else:
            continue
        last_currency = (si, currency)
        amount = _amount(lex, m)
        funding = amount >= MIN_FUNDING and _is_funding(lex, text, m.start(), m.end(), s_start, s_end)
        out.append(MoneyMention(m.start(), m.end(), m.group(), Money(amount, currency), funding))
    return out

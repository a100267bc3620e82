"""Money: local number formats, scale words, CLDR currencies, inherited currencies and the funding flag."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from conftest import FLOORS, load_gold_docs
from expansion_tracker import parse_article
from expansion_tracker.languages import load_language
from expansion_tracker.money import find_money
from expansion_tracker.text import normalize


def _amounts(code: str, text: str) -> list[tuple[str, Decimal, str, bool]]:
    return [(m.text, m.money.amount, m.money.currency, m.funding) for m in find_money(text, load_language(code))]


FORMATS = [
    ("de", "insgesamt 6,6 Milliarden Dollar", "6,6 Milliarden Dollar", 6_600_000_000, "USD"),
    ("de", "Investitionen von 18,77 Milliarden Forint", "18,77 Milliarden Forint", 18_770_000_000, "HUF"),
    ("de", "etwa 25 Millionen Euro", "25 Millionen Euro", 25_000_000, "EUR"),
    ("de", "Die Firma erhielt 3 Mio. € dafür.", "3 Mio. €", 3_000_000, "EUR"),
    ("de", "Die Firma erhielt CHF 2 Mio. dafür.", "CHF 2 Mio.", 2_000_000, "CHF"),
    ("de", "ein Auto für 31.490 Euro", "31.490 Euro", 31_490, "EUR"),
    ("de", "sollte 25.616,10 Euro zahlen", "25.616,10 Euro", Decimal("25616.10"), "EUR"),
    ("en", "Stripe raised $1.5bn.", "$1.5bn", 1_500_000_000, "USD"),
    ("en", "a round of £100m", "£100m", 100_000_000, "GBP"),
    ("en", "worth close to EUR10bn", "EUR10bn", 10_000_000_000, "EUR"),
    ("en", "it got US$ 3 billion", "US$ 3 billion", 3_000_000_000, "USD"),
    ("en", "it got ¥500 million", "¥500 million", 500_000_000, "JPY"),
    ("en", "it paid 1,300 dollars", "1,300 dollars", 1_300, "USD"),
    ("fr", "une levée de 1,2 milliard d'euros", "1,2 milliard d'euros", 1_200_000_000, "EUR"),
    ("fr", "pour 12,35 milliards d'euros", "12,35 milliards d'euros", 12_350_000_000, "EUR"),
    ("fr", "un budget de 3 100 000 euros", "3 100 000 euros", 3_100_000, "EUR"),
    ("es", "invertirá 500 millones de euros", "500 millones de euros", 500_000_000, "EUR"),
    ("es", "unos 2 mil millones de dólares", "2 mil millones de dólares", 2_000_000_000, "USD"),
    ("it", "ha speso 10 milioni di euro", "10 milioni di euro", 10_000_000, "EUR"),
    ("it", "2 miliardi di dollari", "2 miliardi di dollari", 2_000_000_000, "USD"),
    ("nl", "steekt 35 miljoen euro in het terrein", "35 miljoen euro", 35_000_000, "EUR"),
    ("nl", "zo'n 1,5 miljard dollar", "1,5 miljard dollar", 1_500_000_000, "USD"),
    # a scale word joined by a hyphen; a decimal sign of another country (one or two digits after it)
    ("en", "backed by a C$200-million investment", "C$200-million", 200_000_000, "CAD"),
    ("en", "it will spend S$508 million in the region", "S$508 million", 508_000_000, "SGD"),
    ("es", "una inversión inicial de 2.8 millones de dólares", "2.8 millones de dólares", 2_800_000, "USD"),
    ("en", "it raised 2,5 million euros", "2,5 million euros", 2_500_000, "EUR"),
    # a number in words before a scale word
    ("de", "investiert mehr als zehn Millionen Euro", "zehn Millionen Euro", 10_000_000, "EUR"),
    ("it", "investirà circa quattro milioni di franchi", "quattro milioni di franchi", 4_000_000, "CHF"),
    ("fr", "une dizaine de millions d'euros consacrés", "dizaine de millions d'euros", 10_000_000, "EUR"),
    ("nl", "Enexis steekt tien miljoen euro in Emmen", "tien miljoen euro", 10_000_000, "EUR"),
    ("es", "un préstamo de tres millones de euros", "tres millones de euros", 3_000_000, "EUR"),
    ("en", "It raised a million dollars.", "a million dollars", 1_000_000, "USD"),
    # a scale word of several words that starts with a number word is a number alone; digits before it stay
    ("es", "prevé destinar mil millones de euros", "mil millones de euros", 1_000_000_000, "EUR"),
    ("es", "invirtió 3 mil millones de euros", "3 mil millones de euros", 3_000_000_000, "EUR"),
    ("es", "invertirá dos mil millones de euros", "dos mil millones de euros", 2_000_000_000, "EUR"),
]


@pytest.mark.parametrize(
    ("code", "text", "surface", "amount", "currency"), FORMATS, ids=[f"{c}:{s}" for c, _, s, *_ in FORMATS]
)
def test_amount_formats(code: str, text: str, surface: str, amount: int | Decimal, currency: str) -> None:
    found = _amounts(code, text)
    assert [(s, a, c) for s, a, c, _ in found] == [(surface, Decimal(amount), currency)]
    mention = find_money(text, load_language(code))[0]
    assert text[mention.start : mention.end] == surface


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "The app has 100M users and grew 2.3 percent in 2023."),
        ("de", "Auf rund 6.000 Quadratmetern arbeiten 3,5 Millionen Menschen, 2,3 Prozent mehr."),
        ("fr", "Le groupe a vendu 2,95 millions de véhicules sur 3 100 mètres carrés."),
        ("es", "España recibió a 83,7 millones de turistas."),
        ("de", "Die Firma hat zehn Mitarbeiter und Millionen Kunden, zehn Millionen Nutzer."),
        ("it", "Tre milioni di persone e dieci dipendenti."),
    ],
)
def test_numbers_without_currency_are_not_money(code: str, text: str) -> None:
    assert find_money(text, load_language(code)) == []


def test_an_amount_after_another_takes_its_currency() -> None:
    text = "il ministero verserà 15 milioni di euro, mentre la Regione stanzierà altri 10 milioni destinati al centro."
    assert [(a, c) for _, a, c, _ in _amounts("it", text)] == [(15_000_000, "EUR"), (10_000_000, "EUR")]


def test_an_amount_in_another_sentence_does_not_inherit() -> None:
    text = "Il ministero verserà 15 milioni di euro. La città conta altri 10 milioni di visitatori."
    assert [(a, c) for _, a, c, _ in _amounts("it", text)] == [(15_000_000, "EUR")]


@pytest.mark.parametrize(
    ("code", "text", "funding"),
    [
        ("de", "OpenAI hat sich eine Finanzspritze von insgesamt 6,6 Milliarden Dollar geholt.", True),
        ("de", "Das Unternehmen hat 25 Millionen Euro in Büros gesteckt.", True),
        ("de", "Er hatte den Wagen für 31.490 Euro erworben.", False),
        ("en", "The startup raised $50m in a funding round.", True),
        ("en", "The company posted a loss of $50m.", False),
        ("en", "Stripe is worth close to EUR10bn.", False),
        ("fr", "Renault affiche une perte nette de 8 milliards d'euros.", False),
        ("fr", "L'ensemble pèsera quelque 10 milliards d'euros.", False),
        ("fr", "Le rachat d'Alstom pour 12,35 milliards d'euros.", False),
        ("fr", "La start-up a bouclé une levée de fonds de 20 millions d'euros.", True),
        ("es", "La feria calcula un impacto económico de 320 millones de euros.", False),
        ("es", "Los turistas gastaron 92.337 millones de euros.", False),
        ("es", "La empresa invertirá 500 millones de euros en Madrid.", True),
        ("it", "La serie di lancio costa 37.900 euro.", False),
        ("it", "Il sindaco ha già versato un anticipo di 500 euro.", False),
        ("it", "Per allestirli l'azienda ha speso 10 milioni di euro.", True),
        ("nl", "Ramphastos steekt 35 miljoen euro in het terrein.", True),
        ("nl", "Het concern boekte een verlies van 35 miljoen euro.", False),
        ("es", "Tras la inversión, Cencosud cerró el trimestre con ganancias de 86.491 millones de pesos.", False),
        ("de", "Trotz Investitionen steigerte die Barmenia ihre Bruttobeiträge auf 2,11 Milliarden Euro.", False),
        ("fr", "Malgré ses investissements, le produit net bancaire atteint 11,8 milliards de dirhams.", False),
        ("it", "Nonostante gli investimenti, il risultato operativo sale a 40 milioni di euro.", False),
        ("nl", "Ondanks de investering stegen de inkomsten naar 40 miljoen euro.", False),
        ("en", "Despite the funding round, net income rose to $40 million.", False),
    ],
)
def test_funding_flag(code: str, text: str, funding: bool) -> None:
    found = _amounts(code, text)
    assert len(found) == 1
    assert found[0][3] is funding


def _corpus() -> list[dict[str, Any]]:
    return [d for d in load_gold_docs() if d.get("lang") in ("en", "de", "fr", "es", "it", "nl")]


def test_corpus_funding_measure() -> None:
    """Amounts flagged as funding against the gold funding of every annotated article: F1 stays at or
    above its floor (tests/floors.json); amounts are compared in millions, in the stated currency."""
    tp = fp = fn = 0
    for doc in _corpus():
        clean = normalize(doc["text"]).text
        found = find_money(clean, load_language(doc["lang"]))
        predicted = {(round(m.money.amount / Decimal(1_000_000)), m.money.currency) for m in found if m.funding}
        gold = {(round(g["amount"] / 1_000_000), g["currency"]) for g in doc["gold"].get("funding", [])}
        tp, fp, fn = tp + len(predicted & gold), fp + len(predicted - gold), fn + len(gold - predicted)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= FLOORS["funding_f1"]["floor"], (tp, fp, fn)


LINE_TEXTS = [
    "Acme raised $5 million.  It plans more.\n\nDr. Smith said 3. Mai 2017 it had 3 Mio. € more!\nNext line",
    "  \n \n Eins. Zwei? Drei…  Vier.\n\n\n",
]


@pytest.mark.parametrize("code", ["en", "de", "fr", "es", "it", "nl"])
def test_sentences_are_split_line_by_line(code: str) -> None:
    """find_money splits only the lines that have an amount: a line's sentences are the same alone."""
    from expansion_tracker.money import _lexicon
    from expansion_tracker.text import split_sentences

    abbreviations = _lexicon(code).abbreviations
    for text in LINE_TEXTS + [normalize(d["text"]).text for d in _corpus() if d["lang"] == code]:
        by_line, pos = [], 0
        for line in text.split("\n"):
            by_line += [(pos + s.start, pos + s.end) for s in split_sentences(line, abbreviations)]
            pos += len(line) + 1
        assert [(s.start, s.end) for s in split_sentences(text, abbreviations)] == by_line


@pytest.mark.parametrize(
    ("code", "text", "currency"),
    [
        ("fr", "Acme ouvre à Casablanca, au Maroc, avec un capital de 50 millions de dirhams.", "MAD"),
        ("es", "Acme invierte 300 millones de pesos en Buenos Aires, Argentina.", "ARS"),
        ("es", "Acme invierte 300 millones de pesos en Monterrey.", "MXN"),
        ("en", "Acme invests 10 million dollars in Toronto, Canada.", "CAD"),
        ("en", "Acme invests 10 million dollars in Toronto and New York.", "USD"),
    ],
)
def test_a_currency_word_of_several_countries_is_the_articles(code: str, text: str, currency: str) -> None:
    """ "dirhams" in Morocco are Moroccan dirhams, "pesos" in Argentina Argentine pesos; where a country of
    the word's usual currency is named too, or none is, the usual one stays."""
    assert [m.currency for m in parse_article(text, language=code).funding] == [currency]


@pytest.mark.parametrize(
    ("code", "text", "kept"),
    [
        ("en", "GITAI has closed a ¥4 billion (about $30 million) extension to its Series B round.", "JPY"),
        ("nl", "Het gaat om een investering van 97 miljoen dollar (88 miljoen euro) in de fabriek.", "USD"),
        ("es", "IBM destinará 12.600 millones de pesetas (75,5 millones de euros) al centro.", "ESP"),
        ("en", "Nordvik will invest 350 million euros (S$508 million) in its Singapore hub.", "EUR"),
    ],
)
def test_an_amount_restated_in_parentheses_is_no_round_of_its_own(code: str, text: str, kept: str) -> None:
    """The same money in another currency, in parentheses right after the amount, is never a second
    funding: only the amount as the article states it can be."""
    funding = parse_article(text, language=code).funding
    assert {m.currency for m in funding} <= {kept}
    assert len(funding) <= 1

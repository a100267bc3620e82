"""Dates: date lines, absolute and relative expressions with their precision, and numbers that are not dates."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from conftest import FLOORS, load_gold_docs
from expansion_tracker.dates import find_dates, find_publication_date
from expansion_tracker.languages import load_language
from expansion_tracker.models import DatePrecision
from expansion_tracker.text import normalize

D = dt.date

DATE_LINES = [
    ("en", "OpenAI opens London office\n\nMarch 4, 2024\n\nOpenAI is expanding.", D(2024, 3, 4)),
    ("en", "Amazon opens centre\n\n14 September 2012\n\nAmazon is opening.", D(2012, 9, 14)),
    ("de", "Titel\n\n3. Mai 2017 – Die britische Großbank hat sich festgelegt.", D(2017, 5, 3)),
    ("de", "Titel\n\n04.03.2024\n\nText.", D(2024, 3, 4)),
    ("es", "Titular\n\nBarcelona, 1 de junio de 2022 – Google ya tiene sede.", D(2022, 6, 1)),
    ("fr", "Titre\n\nParis, 6 décembre 2011 – Il y a un an.", D(2011, 12, 6)),
    ("it", "Titolo\n\nTorino, 17 giugno 2009 – Il laboratorio.", D(2009, 6, 17)),
    ("nl", "Kop\n\n15 juli 2021 – Koninklijke DSM vertrekt.", D(2021, 7, 15)),
    ("en", "Headline\n\n2024-03-04\n\nBody.", D(2024, 3, 4)),
    # a full stop opens the body; a dateline word of the language stands before the date
    ("de", "Titel\n\nBerlin, 3. Februar 2025. Der Onlinehändler hat eröffnet.", D(2025, 2, 3)),
    ("es", "Titular\n\nBarcelona, 8 de abril de 2025. La empresa abrirá.", D(2025, 4, 8)),
    ("fr", "Titre\n\nParis, le 12 mars 2025 – La start-up va ouvrir.", D(2025, 3, 12)),
    ("es", "Titular\n\nMadrid, a 8 de abril de 2025 – La empresa abrirá.", D(2025, 4, 8)),
    # press releases and wires
    ("en", "Headline\n\nMUNICH, Germany, May 14, 2024 /PRNewswire/ -- Acme Corp today said.", D(2024, 5, 14)),
    ("en", "Headline\n\nMUNICH--(BUSINESS WIRE)--May 14, 2024--Acme Corp today said.", D(2024, 5, 14)),
    ("en", "Headline\n\nMay 14, 2024 (Business Wire) -- Acme Corp today said.", D(2024, 5, 14)),
    ("en", "Headline\n\nRALEIGH, N.C. (July 27, 2021) - Acme Corp today said.", D(2021, 7, 27)),
    ("es", "Titular\n\nMENDOZA (7 de agosto de 2025).- La empresa abrirá.", D(2025, 8, 7)),
    ("de", "Titel\n\n(Hamburg/Berlin, 23. April 2012) Die Firma zieht um.", D(2012, 4, 23)),
    # a time after the date, bylines, publication labels
    ("en", "Headline\n\nFeb 20, 2024 9:30 AM ET\n\nAcme said.", D(2024, 2, 20)),
    ("en", "Headline\n\nBy Jane Doe · Feb 20, 2024\n\nAcme said.", D(2024, 2, 20)),
    ("en", "Headline\n\nJane Doe | Published on February 20, 2024\n\nAcme said.", D(2024, 2, 20)),
    ("fr", "Titre\n\nPublié le 15 janvier 2024 à 10h30\n\nLa société ouvre.", D(2024, 1, 15)),
    ("fr", "Titre\n\nPar la rédaction – 4 mai 2018\n\nLa société ouvre.", D(2018, 5, 4)),
    ("de", "Titel\n\nVeröffentlicht am 15.01.2024, 10:30 Uhr\n\nDie Firma eröffnet.", D(2024, 1, 15)),
    ("it", "Titolo\n\nPubblicato il 15 gennaio 2024 alle 10:30\n\nLa società apre.", D(2024, 1, 15)),
    ("es", "Titular\n\nPublicado el 15 de enero de 2024\n\nLa empresa abre.", D(2024, 1, 15)),
    ("nl", "Kop\n\nGepubliceerd op 15 januari 2024 om 10:30\n\nHet bedrijf opent.", D(2024, 1, 15)),
]


@pytest.mark.parametrize(
    ("code", "text", "expected"), DATE_LINES, ids=[f"{c}-{i}" for i, (c, *_) in enumerate(DATE_LINES)]
)
def test_date_lines(code: str, text: str, expected: dt.date) -> None:
    assert find_publication_date(text, load_language(code)) == expected


@pytest.mark.parametrize(
    ("code", "text", "headline"),
    [
        ("en", "Feb 20, 2024 9:30 AM ET\n\nAcme Corp opened an office in Oslo.", "Acme Corp opened an office in Oslo."),
        ("en", "May 14, 2024 /PRNewswire/ -- Acme Corp opened an office.", "Acme Corp opened an office."),
        ("fr", "Publié le 15 janvier 2024\n\nAcme ferme son bureau de Paris.", "Acme ferme son bureau de Paris."),
        ("en", "Acme opens in Oslo\n\nMarch 4, 2024\n\nAcme Corp opened an office.", "Acme opens in Oslo"),
    ],
)
def test_a_date_line_is_never_the_headline(code: str, text: str, headline: str) -> None:
    from expansion_tracker import parse_article

    ann = parse_article(text, language=code)
    assert ann.headline == headline
    assert ann.published is not None


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "en",
            "Google opens AI centre\n\nAccra hosts the centre, which the company opened on Wednesday, April 10, 2019.",
        ),
        ("en", "Twitter chooses Ghana\n\nCape Town - Jack Dorsey has announced a headquarters."),
        ("de", "Titel\n\nDie Firma hat am 3. Mai 2017 eine Niederlassung eröffnet."),
        ("fr", "Titre\n\nLa société a ouvert son bureau le 12 mars 2025. Elle recrute."),
        ("en", "Headline\n\nThe company said on Tuesday, May 13, 2025. It is hiring."),
    ],
)
def test_dates_in_running_sentences_are_not_date_lines(code: str, text: str) -> None:
    assert find_publication_date(text, load_language(code)) is None


def _found(code: str, text: str, published: dt.date | None) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.value.iso, m.value.precision.value) for m in find_dates(text, load_language(code), published)]


RESOLVED = [
    # (language, text, publication date, surface, iso, precision)
    ("en", "It opened on Wednesday, April 10, 2019.", None, "Wednesday, April 10, 2019", "2019-04-10", "day"),
    ("de", "Anfang April 2014 hat sie eine Niederlassung bezogen.", None, "Anfang April 2014", "2014-04", "month"),
    ("en", "The company was founded in 2015.", None, "in 2015", "2015", "year"),
    ("de", "Sie ist seit 1902 in Heerlen.", None, "seit 1902", "1902", "year"),
    ("it", "Il centro, nato nel 1999, chiude.", None, "nel 1999", "1999", "year"),
    ("en", "It will open in Q3 2025.", None, "Q3 2025", "2025", "quarter"),
    ("en", "Hiring starts in H1 2026.", None, "H1 2026", "2026", "half"),
    ("en", "It opens in the second half of 2025.", None, "second half of 2025", "2025", "half"),
    ("de", "Der Standort soll Ende 2025 öffnen.", None, "Ende 2025", "2025", "half"),
    ("nl", "Het kantoor moet eind 2023 klaar zijn.", None, "eind 2023", "2023", "half"),
    ("nl", "De opening is voorzien voor begin 2016.", None, "begin 2016", "2016", "half"),
    ("es", "Abrirá a principios de 2026.", None, "a principios de 2026", "2026", "half"),
    ("en", "Today, the startup announced plans.", D(2024, 3, 4), "Today", "2024-03-04", "day"),
    ("de", "Das sagte er heute.", D(2017, 5, 3), "heute", "2017-05-03", "day"),
    ("it", "Ha inaugurato oggi la sede.", D(2017, 2, 15), "oggi", "2017-02-15", "day"),
    ("fr", "Il est revenu aujourd'hui.", D(2011, 12, 6), "aujourd'hui", "2011-12-06", "day"),
    ("es", "Lo anunció hoy.", D(2022, 6, 1), "hoy", "2022-06-01", "day"),
    ("nl", "Het bedrijf maakte vandaag bekend.", D(2021, 7, 15), "vandaag", "2021-07-15", "day"),
    ("en", "Amazon said on Thursday that it cut the list.", D(2018, 1, 19), "on Thursday", "2018-01-18", "day"),
    ("de", "sagte er am Mittwoch auf der Hauptversammlung", D(2017, 5, 3), "am Mittwoch", "2017-05-03", "day"),
    ("fr", "Il est revenu ce mardi à Paris.", D(2011, 12, 6), "ce mardi", "2011-12-06", "day"),
    ("es", "Inauguró este miércoles una oficina.", D(2022, 6, 1), "este miércoles", "2022-06-01", "day"),
    ("it", "ha inaugurato stamattina il centro", D(2016, 2, 26), "stamattina", "2016-02-26", "day"),
    ("en", "It opens next Monday.", D(2018, 11, 5), "next Monday", "2018-11-12", "day"),
    ("en", "It was announced last week.", D(2024, 10, 9), "last week", "2024-09", "month"),
    ("de", "Letzte Woche wurde bekannt, dass ...", D(2024, 10, 9), "Letzte Woche", "2024-09", "month"),
    ("nl", "Vorig jaar groeiden we.", D(2016, 6, 1), "Vorig jaar", "2015", "year"),
    ("fr", "L'an dernier, le groupe a perdu.", D(2021, 2, 19), "L'an dernier", "2020", "year"),
    ("it", "i tecnici rimasti senza impiego la scorsa estate", D(2016, 2, 26), "scorsa estate", "2015", "quarter"),
    ("en", "It will open next spring.", D(2024, 3, 4), "next spring", "2025", "quarter"),
    ("en", "It will open by the end of the year.", D(2024, 3, 4), "by the end of the year", "2024", "half"),
    (
        "de",
        "Der Standort soll noch Ende dieses Jahres eröffnet werden.",
        D(2024, 10, 1),
        "Ende dieses Jahres",
        "2024",
        "half",
    ),
    ("fr", "Il ouvrira d'ici la fin de l'année.", D(2015, 3, 11), "d'ici la fin de l'année", "2015", "half"),
    ("it", "Il centro aprirà entro l'estate.", D(2024, 3, 4), "estate", "2024", "quarter"),
    ("fr", "Fin avril, les collaborateurs ont emménagé.", D(2019, 6, 1), "Fin avril", "2019-04", "month"),
    ("it", "Apple, che a gennaio ha annunciato l'apertura", D(2016, 2, 26), "gennaio", "2016-01", "month"),
    ("en", "In November, the company had opened an office.", D(2024, 3, 4), "November", "2023-11", "month"),
    # a past tense in a reporting clause after a comma leaves a future month in the publication year
    ("es", "Abrirá en septiembre un centro, según ha dicho.", D(2025, 4, 8), "septiembre", "2025-09", "month"),
    ("fr", "Elle ouvrira en octobre, a annoncé son directeur.", D(2025, 3, 12), "octobre", "2025-10", "month"),
    ("de", "Das Büro hatte im November eröffnet.", D(2025, 3, 12), "November", "2024-11", "month"),
    ("nl", "Komend jaar wil Wuensche beginnen.", D(2016, 6, 1), "Komend jaar", "2017", "year"),
    ("en", "It expands next year.", D(2024, 3, 4), "next year", "2025", "year"),
    ("de", "Nächstes Jahr kommt Paris.", D(2024, 3, 4), "Nächstes Jahr", "2025", "year"),
    ("fr", "Il ouvrira l'année prochaine.", D(2024, 3, 4), "l'année prochaine", "2025", "year"),
    ("es", "Abrirá el próximo año.", D(2024, 3, 4), "el próximo año", "2025", "year"),
    ("it", "Aprirà il prossimo anno.", D(2024, 3, 4), "il prossimo anno", "2025", "year"),
    ("nl", "Twee jaar geleden opende CIC een centrum.", D(2015, 7, 7), "Twee jaar geleden", "2013", "year"),
]


@pytest.mark.parametrize(
    ("code", "text", "published", "surface", "iso", "precision"),
    RESOLVED,
    ids=[f"{c}:{s}" for c, _, _, s, *_ in RESOLVED],
)
def test_dates_resolve_with_their_precision(
    code: str, text: str, published: dt.date | None, surface: str, iso: str, precision: str
) -> None:
    assert (surface, iso, precision) in _found(code, text, published)


@pytest.mark.parametrize(
    ("code", "text", "surface", "precision"),
    [
        ("de", "Letzte Woche wurde bekannt, dass OpenAI Geld bekam.", "Letzte Woche", DatePrecision.MONTH),
        ("de", "Der Standort soll noch Ende dieses Jahres eröffnet werden.", "Ende dieses Jahres", DatePrecision.HALF),
        ("en", "Amazon said on Thursday that it cut the list.", "on Thursday", DatePrecision.DAY),
        ("nl", "Komend jaar wil Wuensche beginnen.", "Komend jaar", DatePrecision.YEAR),
        ("it", "Il centro aprirà entro l'estate.", "estate", DatePrecision.QUARTER),
        ("fr", "Fin avril, les collaborateurs ont emménagé.", "Fin avril", DatePrecision.MONTH),
    ],
)
def test_relative_dates_without_publication_date_stay_unresolved(
    code: str, text: str, surface: str, precision: DatePrecision
) -> None:
    mentions = [m for m in find_dates(text, load_language(code), None) if m.text == surface]
    assert len(mentions) == 1
    value = mentions[0].value
    assert not value.resolved and value.iso is None
    assert value.precision is precision and value.text == surface


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "The app has 100M users, up 2,3 percent, on 6.000 square metres."),
        ("de", "Ein VW Sharan für 31.490 Euro mit 2,3 Litern auf 6.000 Quadratmetern."),
        ("en", "More than 2000 people and 1999 robots work there."),
        ("en", "It may grow. Walkers march on."),
        ("fr", "La société a été créée par des gens."),
    ],
)
def test_numbers_and_words_that_are_not_dates(code: str, text: str) -> None:
    assert find_dates(text, load_language(code), D(2024, 3, 4)) == []


def test_mentions_are_sorted_non_overlapping_and_point_into_the_text() -> None:
    text = "Am Mittwoch, 3. Mai 2017 sagte er, der Standort öffne Ende 2025, im Sommer oder im Q3 2025."
    mentions = find_dates(text, load_language("de"), D(2017, 5, 3))
    assert [m.text for m in mentions] == ["Mittwoch, 3. Mai 2017", "Ende 2025", "Sommer", "Q3 2025"]
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
    assert all(text[m.start : m.end] == m.text for m in mentions)


DATE_LINE_REACH = 300  # characters: a date line or dateline stands in the headline or the first lines


def test_corpus_publication_dates_measure() -> None:
    """Over the annotated articles whose date is written near their start, the date line is read right
    often enough (floor in tests/floors.json), and no article ever gets a wrong date: a missed date
    leaves relative dates unresolved, a wrong one misdates every fact."""
    written = right = 0
    wrong = []
    for doc in load_gold_docs():
        found = find_publication_date(normalize(doc["text"]).text, load_language(doc["lang"]))
        expected = doc.get("published")
        if found is not None and found.isoformat() != expected:
            wrong.append((doc["id"], found.isoformat(), expected))
        if expected and expected[:4] in doc["text"][:DATE_LINE_REACH]:
            written += 1
            right += found is not None and found.isoformat() == expected
    assert written > 0
    assert right / written >= FLOORS["publication_date_accuracy"]["floor"], (right, written)
    assert len(wrong) <= FLOORS["publication_date_wrong"]["ceiling"], wrong


def test_unicode_facts_the_token_scan_relies_on() -> None:
    """dates._matches scans the lowercased text for candidate tokens; that finds every token the
    rules may start at only if lowercasing keeps each character's length (but "İ") and whether it is a
    word character, casefold(lower(c)) == casefold(c), and every lowercase character that casefold
    changes is in the Basic Multilingual Plane, where dates._unfolded looks for them."""
    from expansion_tracker.dates import _has_unfolded

    word = re.compile(r"\w")
    unfolded = _has_unfolded()
    for i in range(0x110000):
        c = chr(i)
        low = c.lower()
        assert len(low) == 1 or c == "\u0130", hex(i)
        assert len(low) != 1 or (word.match(c) is None) == (word.match(low) is None), hex(i)
        assert low.casefold() == c.casefold(), hex(i)
        assert (c.lower() == c and c.casefold() != c) == (unfolded.match(c) is not None), hex(i)

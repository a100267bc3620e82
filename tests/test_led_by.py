"""Leaders named by "led by" phrasing in the six languages: the person a sentence about an office
says leads it ("the London office, led by Jane Doe") is listed by ``leaders``; a phrase about the
company, another place or another company's office is not."""

from __future__ import annotations

import datetime as dt

import pytest

from expansion_tracker.collection import Collection
from expansion_tracker.models import Announcement, Company, Evidence, Office, Person, Place, Role

D = dt.date
LONDON = Place("London", "GB", geonames_id=2643743)
PARIS = Place("Paris", "FR", geonames_id=2988507)
MUNICH = Place("Munich", "DE", geonames_id=2867714)
MADRID = Place("Madrid", "ES", geonames_id=3117735)
MILAN = Place("Milan", "IT", geonames_id=3173435)
AMSTERDAM = Place("Amsterdam", "NL", geonames_id=2759794)


def with_evidence(
    language: str, place: Place, sentence: str, kind: str = "office", people: tuple[Person, ...] = ()
) -> Collection:
    """A store of one article whose office was read from ``sentence``."""
    col = Collection()
    office = Office("Acme", place, "opened", kind, evidence=Evidence(0, len(sentence), sentence))
    company = Company("Acme")
    col.add(Announcement(language=language, published=D(2024, 5, 2), company=company, offices=(office,), people=people))
    return col


@pytest.mark.parametrize(
    ("language", "place", "sentence", "name", "phrase"),
    [
        ("en", LONDON, "Acme opened its London office, led by Jane Doe, on Monday.", "Jane Doe", "led by"),
        ("en", LONDON, "Acme's new office in London is headed by Priya Raman.", "Priya Raman", "headed by"),
        ("en", LONDON, "Its London engineering hub, led by Dr. Jane A. Doe, opened.", "Jane A. Doe", "led by"),
        ("fr", PARIS, "Son bureau de Paris, dirigé par Marie Dupont, ouvre.", "Marie Dupont", "dirigé par"),
        (
            "fr",
            PARIS,
            "Le bureau parisien, sous la direction de Luc Martin, ouvre.",
            "Luc Martin",
            "sous la direction de",
        ),
        (
            "de",
            MUNICH,
            "Das Münchner Büro unter der Leitung von Hans Müller wächst.",
            "Hans Müller",
            "unter der Leitung von",
        ),
        ("es", MADRID, "Abrió una oficina en Madrid, dirigida por Ana García.", "Ana García", "dirigida por"),
        ("it", MILAN, "Ha aperto un ufficio a Milano, guidato da Marco Rossi.", "Marco Rossi", "guidato da"),
        (
            "nl",
            AMSTERDAM,
            "Het kantoor in Amsterdam, onder leiding van Jan de Vries.",
            "Jan de Vries",
            "onder leiding van",
        ),
    ],
)
def test_the_person_a_sentence_says_leads_the_office_leads_it(
    language: str, place: Place, sentence: str, name: str, phrase: str
) -> None:
    col = with_evidence(language, place, sentence)
    (leader,) = col.leaders("Acme", place)
    assert (leader.name, leader.title, leader.place, leader.current) == (name, phrase, place, True)
    assert leader.evidence is not None and leader.evidence.text == sentence


@pytest.mark.parametrize(
    ("place", "sentence"),
    [
        (LONDON, "Acme, led by Jane Doe, has opened an office in London."),  # leads the company
        (LONDON, "Acme, a London startup led by Jane Doe, opened an office there."),  # the company again
        (LONDON, "Acme, based in London and led by Jane Doe, grows."),
        (LONDON, "Acme opened its London office; its Paris office, led by Jane Doe, follows."),  # another office
        (LONDON, "Acme has opened its London office, led by CEO Jane Doe."),  # a company-wide title
        (LONDON, "Acme has opened its London office, led by Google veterans."),  # not a person's name
        (LONDON, "Acme's London office, which opened in May after a long search, is led by Jane Doe."),  # too far
    ],
)
def test_a_lead_phrase_about_something_else_names_no_leader(place: Place, sentence: str) -> None:
    assert with_evidence("en", place, sentence).leaders("Acme", "London") == ()


def test_a_headquarters_has_no_leader_of_its_own() -> None:
    col = with_evidence("en", LONDON, "Acme, headquartered in London, is led by Jane Doe.", "headquarters")
    assert col.leaders("Acme", "London") == ()


def test_the_stored_text_is_read_beyond_the_office_evidence() -> None:
    """The office was read from the first sentence; the second, kept in the stored text, names its leader."""
    col = Collection()
    text = (
        "Die Acme GmbH hat ein Büro in München eröffnet. "
        "Das Münchner Büro unter der Leitung von Hans Müller soll 50 Mitarbeiter beschäftigen.\n"
    )
    col.add_text(text, language="de", published=D(2024, 5, 2), source="wire")
    (leader,) = col.leaders("Acme", "München")
    assert (leader.name, leader.source) == ("Hans Müller", "wire")
    assert leader.evidence is not None and text[leader.evidence.start : leader.evidence.end] == leader.evidence.text
    assert leader.evidence.text.startswith("Das Münchner Büro")


def test_a_sentence_of_the_text_about_another_organization_is_not_read() -> None:
    text = "Acme opened an office in London. Rival Corp's London office, led by John Smith, is nearby.\n"
    first = text.split(". ")[0] + "."
    office = Office("Acme", LONDON, "opened", evidence=Evidence(0, len(first), first))
    rival = ("Rival Corp",)
    ann = Announcement(
        language="en", published=D(2024, 5, 2), company=Company("Acme"), offices=(office,), organizations=rival
    )
    col = Collection()
    col.add(ann, source="wire", text=text)
    assert col.leaders("Acme", "London") == ()


def test_a_leader_named_by_title_and_by_phrase_is_listed_once() -> None:
    sentence = "Acme has opened its London office, led by Jane Doe, head of the London office."
    jane = Person("Jane Doe", (Role("head of the London office", "Acme"),))
    col = with_evidence("en", LONDON, sentence, people=(jane,))
    assert [(r.name, r.title) for r in col.leaders("Acme", "London")] == [("Jane Doe", "head of the London office")]

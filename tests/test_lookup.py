"""Places as people write them in a collection's filters, and who leads an office."""

from __future__ import annotations

import datetime as dt

import pytest

from expansion_tracker.collection import Collection
from expansion_tracker.errors import UnknownPlaceError
from expansion_tracker.models import Announcement, Company, Evidence, Office, Person, Place, Role

D = dt.date
MUNICH = Place("Munich", "DE", geonames_id=2867714, latitude=48.14, longitude=11.58)
LISBON = Place("Lisbon", "PT", geonames_id=2267057, latitude=38.72, longitude=-9.15)
LONDON = Place("London", "GB", geonames_id=2643743, latitude=51.51, longitude=-0.13)
NEW_YORK = Place("New York City", "US", geonames_id=5128581, latitude=40.71, longitude=-74.01)
SF = Place("San Francisco", "US", geonames_id=5391959, latitude=37.77, longitude=-122.42)


@pytest.fixture(scope="module")
def col() -> Collection:
    c = Collection()
    for company, place in (("Acme", MUNICH), ("Acme", LISBON), ("Globex", LONDON), ("Initech", NEW_YORK)):
        c.add(
            Announcement(published=D(2024, 5, 1), company=Company(company), offices=(Office(company, place, "opened"),))
        )
    return c


@pytest.mark.parametrize(
    ("city", "companies"),
    [("München", ["Acme"]), ("Munich", ["Acme"]), ("MÜNCHEN", ["Acme"]), ("Lisboa", ["Acme"]), ("Londres", ["Globex"]),
     ("New York", ["Initech"]), ("Paris", [])],
)  # fmt: skip
def test_a_city_by_any_name_the_gazetteer_knows(col: Collection, city: str, companies: list[str]) -> None:
    assert [p.company for p in col.companies_in(city=city)] == companies


@pytest.mark.parametrize(
    ("country", "companies"),
    [("UK", ["Globex"]), ("GB", ["Globex"]), ("gb", ["Globex"]), ("United Kingdom", ["Globex"]),
     ("Vereinigtes Königreich", ["Globex"]), ("USA", ["Initech"]), ("Verenigde Staten", ["Initech"]),
     ("Deutschland", ["Acme"]), ("Allemagne", ["Acme"]), ("Portugal", ["Acme"]), ("Italia", [])],
)  # fmt: skip
def test_a_country_by_code_or_by_name_in_any_language(col: Collection, country: str, companies: list[str]) -> None:
    assert [p.company for p in col.companies_in(country=country)] == companies


def test_the_offices_country_filter_reads_names_too(col: Collection) -> None:
    assert [o.place.name for o in col.offices("Acme", country="Deutschland")] == ["Munich"]


@pytest.mark.parametrize(
    ("kind", "name", "suggestion"),
    [("city", "Münchenn", "Munich"), ("country", "Deutschlnd", "Germany"), ("region", "Europa", "Europe")],
)
def test_an_unknown_place_is_an_error_with_close_matches(
    col: Collection, kind: str, name: str, suggestion: str
) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        col.companies_in(**{kind: name})
    assert info.value.kind == kind and suggestion in info.value.suggestions
    assert suggestion in str(info.value)


def test_a_city_only_the_store_knows_is_no_error() -> None:
    c = Collection()
    c.add(Announcement(published=D(2024, 5, 1), offices=(Office("Acme", Place("Xqzville", "US"), "opened"),)))
    assert [p.company for p in c.companies_in(city="xqzville")] == ["Acme"]


def _role(name: str, title: str, org: str | None = "Acme", evidence: str | None = None) -> Person:
    ev = Evidence(0, len(evidence), evidence) if evidence else None
    return Person(name, (Role(title, org, evidence=ev),))


def test_leaders_are_people_the_text_ties_to_the_office_not_company_executives() -> None:
    c = Collection()
    c.add(
        Announcement(
            published=D(2024, 3, 4),
            company=Company("Acme"),
            offices=(Office("Acme", LONDON, "planned"), Office("Acme", SF, "existing", "headquarters")),
            people=(
                # quoted about London, but a company-wide executive
                _role("Sam Chief", "CEO", evidence="CEO Sam Chief said that when Acme's London office opens"),
                _role("Jane Doe", "head of the London office"),
            ),
        )
    )
    c.add(
        Announcement(
            published=D(2024, 4, 1),
            company=Company("Acme"),
            offices=(Office("Acme", LISBON, "opened"), Office("Acme", MUNICH, "opened")),
            people=(
                _role("Ana Silva", "country manager for Portugal"),
                _role("Max Roth", "managing director"),
                # the title lost its scope; the evidence names the office right after it
                _role("Eva Berg", "head", evidence="Eva Berg, head of the München office, said"),
            ),
        )
    )
    assert [r.name for r in c.leaders("Acme", "London")] == ["Jane Doe"]
    assert [r.name for r in c.leaders("Acme", "Lisboa")] == ["Ana Silva"]
    # two offices in one article: a title that names neither ties the person to none of them
    assert [r.name for r in c.leaders("Acme", "Munich")] == ["Eva Berg"]
    assert c.leaders("Acme", "San Francisco") == ()

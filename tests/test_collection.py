"""The collection: merging companies and places, status history, and each query."""

from __future__ import annotations

import datetime as dt

import pytest

import expansion_tracker as et
from expansion_tracker.collection import (
    Collection,
    OfficeRecord,
    company_key,
    continent_of,
    record_to_dict,
)
from expansion_tracker.languages import load_language
from expansion_tracker.models import Announcement, Company, DateValue, Evidence, Office, Person, Place, Role

D = dt.date
LONDON = Place("London", "GB", geonames_id=2643743, latitude=51.50853, longitude=-0.12574)
SF = Place("San Francisco", "US", geonames_id=5391959, latitude=37.77493, longitude=-122.41942)
TOKYO = Place("Tokyo", "JP", geonames_id=1850147, latitude=35.6895, longitude=139.69171)
TOKIO = Place("Tokio", "JP", geonames_id=1850147)  # as a German article would name it
ACCRA = Place("Accra", "GH", geonames_id=2306104, latitude=5.55602, longitude=-0.1969)
POLAND = Place(None, "PL")


def ann(company: str, published: dt.date | None, *offices: Office, people: tuple[Person, ...] = ()) -> Announcement:
    return Announcement(language="en", published=published, company=Company(company), offices=offices, people=people)


def office(company: str, place: Place, status: str, date: DateValue | None = None, kind: str = "office") -> Office:
    return Office(company, place, status, kind, date=date, evidence=Evidence(0, 4, "text"), confidence=0.9)


@pytest.fixture
def col() -> Collection:
    c = Collection()
    c.add(
        ann(
            "OpenAI",
            D(2024, 3, 4),
            office("OpenAI", LONDON, "planned"),
            office("OpenAI", SF, "existing", kind="headquarters"),
            office("OpenAI", POLAND, "considered"),
            people=(Person("Sam Altman", (Role("CEO"),)),),
        ),
        source="techcrunch-2024-03",
    )
    c.add(
        ann(
            "OpenAI Inc.",
            D(2024, 10, 15),
            office("OpenAI Inc.", LONDON, "opened", DateValue.day(2024, 10, 1)),
            office("OpenAI Inc.", TOKIO, "planned", DateValue.year(2025)),
            people=(Person("Jane Doe", (Role("head of OpenAI London", "OpenAI"),)),),
        ),
        source="news-2024-10",
    )
    c.add(
        ann(
            "Google",
            D(2023, 5, 1),
            office("Google", ACCRA, "existing"),
            people=(Person("Jason Hickey", (Role("head of Google AI Accra", "Google"),)),),
        ),
        source="google-accra",
    )
    return c


@pytest.mark.parametrize("name", ["OpenAI", "OpenAI Inc.", "OpenAI's", "Open AI", "openai", "OPENAI LLC", "OpenAI’s"])
def test_company_spellings_share_one_key(name: str) -> None:
    assert company_key(name) == "openai"


def test_company_key_folds_accents_and_keeps_distinct_names_apart() -> None:
    assert company_key("Société Générale") == company_key("SOCIETE GENERALE S.A.")
    assert company_key("Meta") != company_key("Metaverse Inc")
    assert company_key("Inc") == "inc"  # a name that is only a legal form keeps it


def test_one_company_however_written(col: Collection) -> None:
    assert col.companies() == ("Google", "OpenAI")
    assert {"OpenAI", "OpenAI Inc."} <= set(col.aliases("open ai"))
    assert col.company_name("OpenAI's") == "OpenAI"


def test_same_geonames_id_is_one_place_whatever_the_language(col: Collection) -> None:
    tokyo = [o for o in col.offices("OpenAI") if o.place.country == "JP"]
    assert len(tokyo) == 1
    col.add(ann("OpenAI", D(2025, 2, 1), office("OpenAI", TOKYO, "opened", DateValue.month(2025, 2))), source="x")
    tokyo = [o for o in col.offices("OpenAI") if o.place.country == "JP"]
    assert len(tokyo) == 1
    assert [e.status.value for e in tokyo[0].history] == ["planned", "opened"]


def test_planned_office_that_opens_is_one_office_with_history(col: Collection) -> None:
    (london,) = col.offices("OpenAI", country="GB")
    assert isinstance(london, OfficeRecord)
    assert london.status is et.OfficeStatus.OPENED
    assert [(e.effective, e.reported, e.status.value, e.source) for e in london.history] == [
        (D(2024, 3, 4), D(2024, 3, 4), "planned", "techcrunch-2024-03"),
        (D(2024, 10, 1), D(2024, 10, 15), "opened", "news-2024-10"),
    ]
    # first and last seen are publication dates; the opening's own date is its effective day
    assert london.first_seen == D(2024, 3, 4) and london.last_seen == D(2024, 10, 15)
    assert london.date == DateValue.day(2024, 10, 1) and london.effective == D(2024, 10, 1)
    assert london.sources == ("techcrunch-2024-03", "news-2024-10")
    assert london.history[0].evidence == Evidence(0, 4, "text")
    assert london.history[0].confidence == 0.9
    assert london.history[0].reported == D(2024, 3, 4) and london.history[0].date is None


def test_as_of_gives_the_status_in_force_and_hides_later_offices(col: Collection) -> None:
    (london,) = col.offices("OpenAI", country="GB", on=D(2024, 6, 1))
    assert london.status is et.OfficeStatus.PLANNED
    assert col.offices("OpenAI", on=D(2024, 1, 1)) == ()
    # Tokyo was first reported on 2024-10-15 (its 2025 date is a plan, not a report date)
    names = {o.place.label for o in col.offices("OpenAI", on=D(2024, 10, 14))}
    assert names == {"London, GB", "PL", "San Francisco, US"}
    assert "Tokio, JP" in {o.place.label for o in col.offices("OpenAI", on=D(2024, 10, 15))}


def test_offices_filter_by_status_and_country(col: Collection) -> None:
    assert [o.place.country for o in col.offices("OpenAI", status="considered")] == ["PL"]
    assert [o.place.name for o in col.offices("OpenAI", status=["planned", "opened"], country="jp")] == ["Tokio"]
    assert col.offices("Nobody") == ()


def test_network_leaves_out_considered_and_closed(col: Collection) -> None:
    net = col.network("OpenAI", on=D(2024, 12, 31))
    assert {o.place.label for o in net} == {"London, GB", "San Francisco, US", "Tokio, JP"}
    hq = next(o for o in net if o.place.name == "San Francisco")
    assert hq.kind is et.OfficeKind.HEADQUARTERS


def test_contradictions_are_kept_and_the_better_dated_report_wins(col: Collection) -> None:
    # a report published the day London opened, saying it closed, with no date of its own
    col.add(ann("OpenAI", D(2024, 10, 1), office("OpenAI", LONDON, "closed")), source="rumour")
    (london,) = col.offices("OpenAI", country="GB")
    assert london.status is et.OfficeStatus.OPENED
    assert [(e.status.value, e.source) for e in london.conflicts] == [("closed", "rumour")]
    # a newer report wins for "current"
    col.add(ann("OpenAI", D(2026, 1, 5), office("OpenAI", LONDON, "closed")), source="later")
    assert col.offices("OpenAI", country="GB")[0].status is et.OfficeStatus.CLOSED
    assert col.offices("OpenAI", country="GB", on=D(2025, 1, 1))[0].status is et.OfficeStatus.OPENED


def test_adding_twice_changes_nothing(col: Collection) -> None:
    a = ann("Acme", D(2024, 1, 1), office("Acme", LONDON, "opened"))
    first = col.add(a, source="s1")
    assert first.added and first.offices == 1
    again = col.add(a, source="s2")  # same content, other source
    assert again.status == "duplicate" and "same text" in (again.reason or "")
    other = ann("Acme", D(2024, 2, 1), office("Acme", SF, "opened"))
    by_source = col.add(other, source="s1")  # other content, same source
    assert by_source.status == "duplicate" and "same source" in (by_source.reason or "")
    assert len(col) == 4
    assert len(col.offices("Acme")[0].history) == 1


def test_add_text_dedups_on_the_text_hash() -> None:
    c = Collection()
    text = "Acme opens an office in London."
    assert c.add_text(text, source="a.txt", published=D(2024, 1, 1)).added
    assert c.add_text(text, source="b.txt").status == "duplicate"
    assert c.add_text(text + " ", source="c.txt").status == "duplicate"  # surrounding space is not content
    assert len(c) == 1


def test_add_rejects_what_is_not_an_announcement() -> None:
    with pytest.raises(TypeError, match="dict"):
        Collection().add({"offices": []})  # type: ignore[arg-type]


def test_add_alias_merges_existing_and_future_facts(col: Collection) -> None:
    col.add(ann("Alphabet", D(2024, 2, 1), office("Alphabet", ACCRA, "opened"), office("Alphabet", SF, "existing")))
    assert "Alphabet" in col.companies()
    col.add_alias("Alphabet", "Google")
    assert "Alphabet" not in col.companies()
    accra = col.offices("Google", country="GH")
    assert len(accra) == 1 and [e.status.value for e in accra[0].history] == ["existing", "opened"]
    assert "Alphabet" in col.aliases("Google")
    col.add(ann("Alphabet Inc.", D(2024, 3, 1), office("Alphabet Inc.", TOKYO, "planned")))
    # the place keeps the name it was first stored under: "Tokio" and "Tokyo" are one GeoNames id
    assert [o.place.name for o in col.offices("alphabet", country="JP")] == ["Tokio"]
    with pytest.raises(et.StoreError):
        col.add_alias("", "Google")


def test_companies_in_city_country_and_region(col: Collection) -> None:
    assert [p.company for p in col.companies_in(city="london")] == ["OpenAI"]
    assert [p.company for p in col.companies_in(city="London", on=D(2024, 1, 1))] == []
    assert [p.company for p in col.companies_in(country="GH")] == ["Google"]
    assert [p.company for p in col.companies_in(country="Ghana")] == ["Google"]
    assert [p.company for p in col.companies_in(region="Europe")] == ["OpenAI"]
    assert [p.company for p in col.companies_in(region="AF", on=D(2023, 5, 1))] == ["Google"]
    # Poland was only considered: not a presence unless every status is asked for
    assert col.companies_in(country="PL") == ()
    assert [p.company for p in col.companies_in(country="PL", status=None)] == ["OpenAI"]
    with pytest.raises(et.UnknownPlaceError, match="region"):
        col.companies_in(region="Atlantis")
    with pytest.raises(et.StoreError):
        col.companies_in()


def test_continent_lookup() -> None:
    assert continent_of("gh") == "AF" and continent_of("BR") == "SA" and continent_of("AU") == "OC"


def test_people_and_roles(col: Collection) -> None:
    people = col.people("OpenAI")
    assert [p.name for p in people] == ["Jane Doe", "Sam Altman"]
    sam = people[1]
    assert [(r.title, r.organization, r.current, r.source) for r in sam.roles] == [
        ("CEO", None, True, "techcrunch-2024-03")
    ]
    assert col.people("Google")[0].name == "Jason Hickey"


def test_leaders_of_an_office(col: Collection) -> None:
    assert [(r.name, r.title) for r in col.leaders("Google", "Accra")] == [("Jason Hickey", "head of Google AI Accra")]
    assert [r.name for r in col.leaders("OpenAI", "London")] == ["Jane Doe"]
    assert col.leaders("OpenAI", "San Francisco") == ()
    assert col.leaders("OpenAI", "Atlantis") == ()


def test_leader_by_local_title_in_a_single_office_article() -> None:
    c = Collection()
    munich = Place("Munich", "DE", geonames_id=2867714)
    boss = Person("Anna Berger", (Role("Niederlassungsleiterin", "Acme"),))
    c.add(ann("Acme", D(2024, 5, 1), office("Acme", munich, "opened"), people=(boss,)))
    assert [r.name for r in c.leaders("Acme", "Munich")] == ["Anna Berger"]
    assert [r.name for r in c.leaders("Acme", "München")] == ["Anna Berger"]  # any name the gazetteer knows


def test_timeline_marks_new_changed_and_confirmed(col: Collection) -> None:
    events = col.timeline("OpenAI")
    assert [(e.effective, e.place.label, e.status.value, e.change) for e in events] == [
        (D(2024, 3, 4), "London, GB", "planned", "new"),
        (D(2024, 3, 4), "PL", "considered", "new"),
        (D(2024, 3, 4), "San Francisco, US", "existing", "new"),
        (D(2024, 10, 1), "London, GB", "opened", "changed"),
        (D(2024, 10, 15), "Tokio, JP", "planned", "new"),
    ]


def test_changes_between_two_dates(col: Collection) -> None:
    changes = col.changes(D(2024, 6, 1), D(2024, 12, 31))
    assert [(c.company, c.place.label, c.before, c.after) for c in changes] == [
        ("OpenAI", "London, GB", et.OfficeStatus.PLANNED, et.OfficeStatus.OPENED),
        ("OpenAI", "Tokio, JP", None, et.OfficeStatus.PLANNED),
    ]
    assert [e.source for e in changes[0].events] == ["news-2024-10"]
    assert col.changes(D(2024, 6, 1), D(2024, 6, 2)) == ()
    with pytest.raises(et.StoreError):
        col.changes(D(2024, 6, 2), D(2024, 6, 1))


def test_announcements_in_a_date_range(col: Collection) -> None:
    got = col.announcements(D(2024, 1, 1), D(2024, 12, 31))
    assert [(a.source, a.company, a.offices) for a in got] == [
        ("techcrunch-2024-03", "OpenAI", 3),
        ("news-2024-10", "OpenAI", 2),
    ]
    assert [a.source for a in col.announcements(company="Google")] == ["google-accra"]
    stored = col.announcement(got[0].article_id)
    assert stored.source == "techcrunch-2024-03" and len(stored.offices) == 3
    with pytest.raises(et.StoreError):
        col.announcement(999)


def test_dashboard_counts(col: Collection) -> None:
    assert [(c.key, c.count) for c in col.count_offices_by_country()] == [
        ("GB", 1),
        ("GH", 1),
        ("JP", 1),
        ("US", 1),
    ]
    assert [(c.key, c.count) for c in col.count_openings_by_month()] == [("2024-10", 1)]
    assert col.count_openings_by_month(D(2025, 1, 1)) == ()


def test_bad_dates_are_clear_errors(col: Collection) -> None:
    with pytest.raises(et.InvalidDateError):
        col.offices("OpenAI", on="yesterday")  # type: ignore[arg-type]
    assert col.offices("OpenAI", on="2024-06-01")  # type: ignore[arg-type]


def test_records_are_frozen_and_serialise(col: Collection) -> None:
    rec = col.offices("OpenAI", country="GB")[0]
    with pytest.raises(AttributeError):
        rec.status = et.OfficeStatus.CLOSED  # type: ignore[misc]
    data = record_to_dict(rec)
    assert data["status"] == "opened" and data["history"][0]["effective"] == "2024-03-04"
    assert data["date"] == {"label": "2024-10-01", "precision": "day", "start": "2024-10-01", "end": "2024-10-01",
                            "text": None}  # fmt: skip
    assert data["undated"] is False
    assert data["place"]["name"] == "London"


def test_seeds_can_be_added_whatever_extraction_finds(seed_texts: dict[str, str]) -> None:
    c = Collection()
    results = [c.add_text(text, source=name) for name, text in seed_texts.items()]
    assert [r.status for r in results] == ["added", "added"]
    assert len(c) == 2
    assert {a.source for a in c.announcements()} == set(seed_texts)


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Country Manager"), ("fr", "Directrice de la filiale"), ("nl", "Vestigingsdirecteur")],
)
def test_local_lead_titles_of_every_language_are_read(lang: str, title: str) -> None:
    """The titles come from each language's people.json; a collection mixes languages."""
    assert load_language(lang).get("people", "local_lead_titles")
    c = Collection()
    lyon = Place("Lyon", "FR", geonames_id=2996944)
    lead = Person("Eva Roy", (Role(title, "Acme"),))
    c.add(ann("Acme", D(2024, 5, 1), office("Acme", lyon, "opened"), people=(lead,)))
    assert [r.name for r in c.leaders("Acme", "Lyon")] == ["Eva Roy"]

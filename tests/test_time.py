"""Time in the store: a fact's date kept as the text gave it, effective and report dates, announced
changes, and undated articles in as-of queries."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from expansion_tracker.collection import Collection
from expansion_tracker.errors import ParameterError
from expansion_tracker.models import Announcement, Company, DatePrecision, DateValue, Office, OfficeStatus, Place
from expansion_tracker.store import MIGRATIONS, SCHEMA_VERSION

D = dt.date
OSLO = Place("Oslo", "NO", geonames_id=3143244, latitude=59.91, longitude=10.75)
LYON = Place("Lyon", "FR", geonames_id=2996944, latitude=45.75, longitude=4.85)
LEIPZIG = Place("Leipzig", "DE", geonames_id=2879139, latitude=51.34, longitude=12.37)


def ann(published: dt.date | None, *offices: Office) -> Announcement:
    return Announcement(language="en", published=published, company=Company("Acme"), offices=offices)


@pytest.mark.parametrize(
    ("date", "label"),
    [
        (DateValue.day(2024, 6, 30), "2024-06-30"),
        (DateValue.month(2024, 6), "2024-06"),
        (DateValue.quarter(2025, 1), "2025-Q1"),
        (DateValue.half(2025, 2), "2025-H2"),
        (DateValue.year(2015), "2015"),
        (DateValue(D(2024, 3, 1), D(2024, 5, 31), DatePrecision.RANGE), "2024-03-01/2024-05-31"),
        (DateValue(D(2024, 6, 3), D(2024, 6, 9), DatePrecision.MONTH), "2024-06-03/2024-06-09"),  # a week
    ],
)
def test_a_date_is_shown_as_precisely_as_the_text_gave_it(date: DateValue, label: str) -> None:
    col = Collection()
    col.add(ann(D(2024, 5, 2), Office("Acme", LEIPZIG, "planned", date=date)))
    (office,) = col.offices("Acme")
    assert office.date is not None and office.date.label == label
    assert office.date.precision is date.precision


def test_a_planned_year_is_not_replaced_by_the_publication_date() -> None:
    col = Collection()
    col.add(ann(D(2024, 5, 2), Office("Acme", LEIPZIG, "planned", date=DateValue.year(2025))))
    (office,) = col.offices("Acme")
    assert office.date == DateValue.year(2025) and office.reported == D(2024, 5, 2)
    assert office.effective == D(2024, 5, 2)  # the plan holds from the day it is reported
    assert office.first_seen == D(2024, 5, 2)


def test_an_undated_article_puts_no_future_date_in_first_seen() -> None:
    col = Collection()
    col.add(ann(None, Office("Acme", LEIPZIG, "planned", date=DateValue.year(2030))))
    (office,) = col.offices("Acme")
    assert office.first_seen is None and office.undated and office.date == DateValue.year(2030)


def test_a_closure_dated_later_keeps_the_office_until_that_day() -> None:
    col = Collection()
    col.add(ann(D(2020, 1, 10), Office("Acme", OSLO, "opened", date=DateValue.day(2020, 1, 6))))
    col.add(ann(D(2024, 5, 2), Office("Acme", OSLO, "closed", date=DateValue.day(2024, 6, 30))))
    (before,) = col.offices("Acme", on=D(2024, 6, 29))
    assert before.status is OfficeStatus.OPENED
    assert before.upcoming is not None and before.upcoming.status is OfficeStatus.CLOSED
    (after,) = col.offices("Acme", on=D(2024, 6, 30))
    assert after.status is OfficeStatus.CLOSED and after.upcoming is None
    assert col.network("Acme", on=D(2024, 7, 1)) == ()
    assert [c.after for c in col.changes(D(2024, 6, 1), D(2024, 7, 1))] == [OfficeStatus.CLOSED]


def test_a_closure_announced_alone_means_the_office_exists_until_then() -> None:
    col = Collection()
    col.add(ann(D(2024, 5, 2), Office("Acme", OSLO, "closed", date=DateValue.year(2025))))
    assert [o.status for o in col.offices("Acme", on=D(2024, 5, 2))] == [OfficeStatus.EXISTING]
    assert col.offices("Acme", on=D(2024, 5, 1)) == ()
    assert [o.status for o in col.offices("Acme", on=D(2025, 1, 1))] == [OfficeStatus.CLOSED]


def test_an_opening_announced_for_later_stays_planned_until_its_date() -> None:
    col = Collection()
    col.add(ann(D(2024, 5, 2), Office("Acme", LYON, "opened", date=DateValue.month(2024, 9))))
    (june,) = col.offices("Acme", on=D(2024, 6, 1))
    assert june.status is OfficeStatus.PLANNED and june.date is not None and june.date.label == "2024-09"
    (september,) = col.offices("Acme", on=D(2024, 9, 1))
    assert september.status is OfficeStatus.OPENED
    assert [(c.key, c.count) for c in col.count_openings_by_month()] == [("2024-09", 1)]


def test_undated_facts_are_included_and_flagged_or_excluded_on_request() -> None:
    col = Collection()
    col.add(ann(D(2024, 5, 2), Office("Acme", LYON, "existing")), source="dated")
    col.add(ann(None, Office("Acme", OSLO, "existing"), Office("Acme", LYON, "planned")), source="undated")
    offices = {o.place.name: o for o in col.network("Acme", on=D(2024, 12, 31))}
    assert set(offices) == {"Lyon", "Oslo"}
    assert offices["Oslo"].undated and offices["Oslo"].reported is None
    assert not offices["Lyon"].undated and offices["Lyon"].status is OfficeStatus.EXISTING  # dated report wins
    assert [o.place.name for o in col.network("Acme", on=D(2024, 12, 31), undated="exclude")] == ["Lyon"]
    assert [o.place.name for o in col.offices("Acme", undated="exclude")] == ["Lyon"]
    assert [p.company for p in col.companies_in(country="NO", on=D(2024, 1, 1))] == ["Acme"]
    with pytest.raises(ParameterError):
        col.network("Acme", undated="maybe")  # type: ignore[arg-type]


def test_a_version_1_store_is_migrated_with_effective_and_report_dates(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript(MIGRATIONS[0])
    con.execute("PRAGMA application_id = 1163152211")
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO companies VALUES ('acme', 'Acme')")
    con.execute("INSERT INTO places(key, name, name_key, country) VALUES ('geonames:3143244', 'Oslo', 'oslo', 'NO')")
    con.execute("INSERT INTO articles(id, source, text_hash, published, data) VALUES (1, 'a', 'h', '2024-05-02', x'')")
    con.execute("INSERT INTO offices(id, company_key, place_key) VALUES (1, 'acme', 'geonames:3143244')")
    # version 1 stored a closure dated after publication under its publication date
    con.execute(
        "INSERT INTO reports(office_id, article_id, status, kind, report_date, date_precision, date_start, date_end,"
        " confidence, background) VALUES (1, 1, 'closed', 'office', '2024-05-02', 'day', '2024-06-30', '2024-06-30',"
        " 1.0, 0)"
    )
    con.commit()
    con.close()
    with Collection(path) as col:
        assert col._con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (office,) = col.offices("Acme")
        assert (office.effective, office.reported) == (D(2024, 6, 30), D(2024, 5, 2))
        assert [o.status for o in col.offices("Acme", on=D(2024, 6, 1))] == [OfficeStatus.EXISTING]
        # version 3 gives each report its place's country, which country queries read
        assert [o.status for p in col.companies_in(country="NO", on=D(2024, 6, 1)) for o in p.offices] == [
            OfficeStatus.EXISTING
        ]


def test_a_query_sees_every_write_since_the_last_one_of_the_same_filter(tmp_path: Path) -> None:
    """A query of a filter asked before sees what was written since, here or by another connection."""
    path = tmp_path / "shared.db"
    with Collection(path) as reader, Collection(path) as writer:
        reader.add(ann(D(2024, 1, 1), Office("Acme", OSLO, "opened")))
        assert [o.place.name for o in reader.companies_in(country="NO")[0].offices] == ["Oslo"]
        reader.add(ann(D(2024, 2, 1), Office("Acme", OSLO, "closed")))  # a write of its own
        assert reader.companies_in(country="NO") == ()
        writer.add(ann(D(2024, 3, 1), Office("Acme", OSLO, "opened")))  # another connection's write
        assert [o.status for o in reader.offices("Acme", country="NO")] == [OfficeStatus.OPENED]
        assert [p.company for p in reader.companies_in(country="NO")] == ["Acme"]


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("2. Mai 2024\n\nDie Acme GmbH schließt ihr Büro in Leipzig zum 30. Juni.\n", D(2024, 6, 30)),
        ("May 2, 2024\n\nAcme Corp will close its Tel Aviv office next year, the company said.\n", D(2025, 1, 1)),
    ],
)
def test_closures_announced_in_articles_wait_for_their_day(text: str, closes: dt.date) -> None:
    """The issue's own phrases, parsed: the office stays until the closure's day."""
    col = Collection()
    col.add_text(text)
    (office,) = col.offices("Acme")
    assert (office.status, office.effective, office.reported) == (OfficeStatus.CLOSED, closes, D(2024, 5, 2))
    (before,) = col.network("Acme", on=closes - dt.timedelta(days=1))
    assert before.status is OfficeStatus.EXISTING and before.upcoming is not None
    assert col.network("Acme", on=closes) == ()

"""As-of queries answer exactly as the straightforward computation does: read every report of the
filter, build each office's full history and resolve it on the day. Stores are generated so that
reports tie on a day, arrive ahead of their day, come from undated articles or stand in the
background; whatever the store reads first to go fast must not change an answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expansion_tracker.collection import Collection
from expansion_tracker.history import OFFICE_COLUMNS, event_from_row, group_histories, resolve
from expansion_tracker.models import (
    Announcement,
    Company,
    DatePrecision,
    DateValue,
    Evidence,
    Office,
    OfficeKind,
    OfficeStatus,
    Place,
)
from expansion_tracker.queries import ACTIVE_STATUSES
from expansion_tracker.records import OfficeRecord, StatusEvent, record_to_dict

D = dt.date
COMPANIES = ("Acme", "Globex", "Initech")
PLACES = (
    Place("Oslo", "NO", geonames_id=3143244, latitude=59.91, longitude=10.75),
    Place("Bergen", "NO", geonames_id=3161732, latitude=60.39, longitude=5.32),
    Place("Lyon", "FR", geonames_id=2996944, latitude=45.75, longitude=4.85),
    Place("Leipzig", "DE", geonames_id=2879139, latitude=51.34, longitude=12.37),
    Place("Tokyo", "JP", geonames_id=1850147, latitude=35.69, longitude=139.69),
    # Oslo's GeoNames id with another country: the store keeps the place as first given
    Place("Oslo", "SE", geonames_id=3143244),
)
# Few distinct days, so that reports often take effect on the same day or just before or after
# the day asked.
DAYS = (D(2023, 1, 1), D(2023, 6, 1), D(2023, 6, 30), D(2024, 1, 1), D(2024, 6, 1))

fact_dates = st.one_of(
    st.none(),
    st.sampled_from(DAYS).map(lambda d: DateValue.day(d.year, d.month, d.day)),
    st.sampled_from(DAYS).map(lambda d: DateValue.month(d.year, d.month)),  # ties a day's report on the 1st
    st.sampled_from((2023, 2024, 2025)).map(DateValue.year),
    st.just(DateValue.unresolved("some day")),
)
offices = st.builds(
    lambda place, status, date, background: (place, status, date, background),
    st.sampled_from(PLACES),
    st.sampled_from(list(OfficeStatus)),
    fact_dates,
    st.booleans(),
)
announcements = st.lists(
    st.tuples(
        st.sampled_from(COMPANIES),
        st.one_of(st.none(), st.sampled_from(DAYS)),
        st.lists(offices, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=12,
)
statuses = st.one_of(
    st.none(),
    st.just(ACTIVE_STATUSES),
    st.sampled_from(list(OfficeStatus)).map(lambda s: frozenset({s})),
)
days = st.one_of(st.none(), st.sampled_from(DAYS), st.sampled_from(DAYS).map(lambda d: d - dt.timedelta(days=1)))

# Each report's company and place as its office row gives them (the queries read the copies the
# report holds): the reference computation checks those copies too.
FROM_OFFICES = """
    FROM offices o
    JOIN companies c ON c.key = o.company_key
    JOIN places p ON p.key = o.place_key
    JOIN reports r ON r.office_id = o.id
    JOIN articles a ON a.id = r.article_id
"""

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def build(
    items: list[tuple[str, dt.date | None, list[tuple[Place, OfficeStatus, DateValue | None, bool]]]],
) -> Collection:
    col = Collection()
    for i, (company, published, facts) in enumerate(items):
        col.add(
            Announcement(
                language="en",
                published=published,
                company=Company(company),
                offices=tuple(
                    Office(
                        company,
                        place,
                        status,
                        date=date,
                        evidence=Evidence(i, i + 5, f"fact {i}"),
                        background=background,
                    )
                    for place, status, date, background in facts
                ),
            ),
            source=f"article-{i}",
        )
    return col


def slow(
    col: Collection, where: str, params: Sequence[Any], day: dt.date | None, undated: bool, wanted: Any
) -> list[dict[str, Any]]:
    """Every report of the filter read and built, and each office's history resolved on the day,
    one office after another (reports of one article about one office tie in the order the
    article gave them)."""
    columns = OFFICE_COLUMNS.replace("r.place_key", "o.place_key")
    sql = f"SELECT {columns} {FROM_OFFICES} WHERE {where} ORDER BY r.id"
    rows = col._con.execute(sql, list(params)).fetchall()
    places = {
        r[0]: Place(*r[1:])
        for r in col._con.execute("SELECT key, name, country, geonames_id, latitude, longitude FROM places")
    }
    out = []
    for h in group_histories(rows, lambda keys: places):
        known = tuple(e for e in h.events if is_known(e, day, undated))
        found = resolve(known, day)
        if found is None or (wanted is not None and found.status not in wanted):
            continue
        reported = [e.reported for e in known if e.reported is not None]
        out.append(
            OfficeRecord(
                company=h.company,
                place=h.place,
                status=found.status,
                kind=found.event.kind,
                label=next((e.label for e in reversed(known) if e.label), None),
                date=found.event.date,
                effective=found.event.effective,
                reported=found.event.reported,
                first_seen=min(reported, default=None),
                last_seen=max(reported, default=None),
                undated=found.event.undated,
                history=known,
                sources=tuple(dict.fromkeys(e.source for e in known if e.source)),
                upcoming=found.upcoming,
            )
        )
    return dump(sorted(out, key=lambda r: (r.company.casefold(), r.place.country, r.place.name or "")))


def is_known(event: StatusEvent, day: dt.date | None, undated: bool) -> bool:
    """Whether a query as of ``day`` counts a report: undated ones if asked for, dated ones in
    effect by then or announced by then."""
    if event.effective is None:
        return undated
    return day is None or event.effective <= day or (event.reported is not None and event.reported <= day)


def dump(records: Iterable[OfficeRecord]) -> list[dict[str, Any]]:
    """Records with every field, evidence and article ids included (record equality skips them)."""
    return [record_to_dict(r) for r in records]


@PROPERTY
@given(announcements, days, statuses, st.sampled_from(["include", "exclude"]))
def test_as_of_queries_answer_as_the_full_computation_does(
    items: Any, day: dt.date | None, wanted: frozenset[OfficeStatus] | None, undated: Any
) -> None:
    col = build(items)
    include = undated == "include"
    for country in ("NO", "SE", "FR", "DE", "JP"):
        found = col.companies_in(country=country, on=day, status=wanted, undated=undated)
        assert dump(r for p in found for r in p.offices) == slow(col, "p.country = ?", [country], day, include, wanted)
    found = col.companies_in(region="EU", on=day, status=wanted, undated=undated)
    assert dump(r for p in found for r in p.offices) == slow(col, "p.continent = ?", ["EU"], day, include, wanted)
    found = col.companies_in(city="Oslo", on=day, status=wanted, undated=undated)
    assert dump(r for p in found for r in p.offices) == slow(col, "p.key = ?", [PLACES[0].key], day, include, wanted)
    for company in COMPANIES:
        where = "o.company_key = ?"
        assert dump(col.offices(company, on=day, status=wanted, undated=undated)) == slow(
            col, where, [col._key(company)], day, include, wanted
        )
        assert dump(col.offices(company, on=day, status=wanted, undated=undated, include_background=False)) == slow(
            col, where + " AND r.background = 0", [col._key(company)], day, include, wanted
        )
    assert dump(col.all_offices(on=day, status=wanted, undated=undated)) == slow(col, "1 = 1", [], day, include, wanted)


def test_a_stored_report_row_becomes_the_event_it_describes() -> None:
    """event_from_row builds events positionally (fast): each column lands in its own field."""
    row = (
        *(7, "Acme", PLACES[0].key),
        *("closed", "office", "Oslo hub", "2024-06-30", "2024-05-02", "day", "2024-06-30", "2024-06-30", "30 June"),
        *(3, 9, "will close", 0.75, 1, "article-3", 42),
    )
    expected = StatusEvent(
        effective=D(2024, 6, 30),
        reported=D(2024, 5, 2),
        status=OfficeStatus.CLOSED,
        kind=OfficeKind.OFFICE,
        source="article-3",
        date=DateValue(D(2024, 6, 30), D(2024, 6, 30), DatePrecision.DAY, "30 June"),
        label="Oslo hub",
        evidence=Evidence(3, 9, "will close"),
        confidence=0.75,
        background=True,
        article_id=42,
    )
    assert attrs.asdict(event_from_row(row), recurse=False) == attrs.asdict(expected, recurse=False)
    (history,) = group_histories([row], lambda keys: {k: PLACES[0] for k in keys})
    assert (history.office_id, history.company, history.place) == (7, "Acme", PLACES[0])

"""The status history of an office: when each report takes effect, and which status is in force on a day.

Each article's report about an office is a :class:`~expansion_tracker.records.StatusEvent` with two
dates: the day it was *reported* (the article's publication date) and the day it takes *effect*
(:func:`effective_day`: the fact's own date for an opening, an existing office or a closure, else the
publication date; a plan takes effect when it is reported). The status on a day is that of the
last report in effect by then (:func:`resolve`); ties go to the finer date, then the later
publication, then the later article. Undated reports count as the oldest: they are used when
nothing dated is in effect, and the office is then flagged ``undated``. An opening or closure
announced for a later day is *upcoming* until then: an opening announced for September leaves the
office planned until September, a closure announced for 30 June leaves it existing until 30 June.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import attrs

from .models import DatePrecision, DateValue, Evidence, OfficeKind, OfficeStatus, Place
from .records import OfficeRecord, StatusEvent

__all__ = [
    "OFFICE_COLUMNS",
    "OFFICE_FROM",
    "PLAN_STATUSES",
    "STATUS_COLUMNS",
    "OfficeHistory",
    "Resolution",
    "candidates",
    "effective_day",
    "group_histories",
    "known_clause",
    "places_by_key",
    "records_on",
    "resolve",
]

#: Statuses that say what a company means to do, not what is: they hold from the day reported.
PLAN_STATUSES = frozenset({OfficeStatus.PLANNED, OfficeStatus.CONSIDERED})

# Enum members by value: a dict lookup is many times cheaper than calling the enum, and a country
# query builds thousands of events.
_STATUS = {s.value: s for s in OfficeStatus}
_KIND = {k.value: k for k in OfficeKind}
_PRECISION = {p.value: p for p in DatePrecision}

# Fact dates built from stored columns and kept for the next query: a store of 100,000 offices has a
# few thousand distinct ones (days, months, quarters, years); more are rebuilt when asked.
_DATES_KEPT = 8192

# Places built from stored columns and kept for the next query, as dates are.
_PLACES_KEPT = 16384
_fromiso = dt.date.fromisoformat

# Finer dates rank higher, so that of two reports taking effect the same day the finer one wins.
_PRECISION_RANK = {p.value: i for i, p in enumerate(reversed(list(DatePrecision)))}

#: Columns of one report row, read by :func:`group_histories` (the first is the office id; the
#: third the place's key: places are read once per query, :func:`places_by_key`).
OFFICE_COLUMNS = """
    r.office_id, c.name, r.place_key,
    r.status, r.kind, r.label, r.effective, r.report_date, r.date_precision, r.date_start, r.date_end,
    r.date_text, r.ev_start, r.ev_end, r.ev_text, r.confidence, r.background, a.source, a.id
"""
#: Reports with their company and article. Each report holds its office's company and place keys,
#: and the store keeps an index of the columns read here for each table joined (by key): named,
#: because SQLite would rather read the table through its primary key, a page per row where the
#: index holds the row's columns together with those of its neighbours (store.MIGRATIONS[3]).
OFFICE_FROM = """
    FROM reports r
    JOIN companies c INDEXED BY companies_names ON c.key = r.company_key
    JOIN articles a INDEXED BY articles_source ON a.id = r.article_id
"""
#: The columns of a report ``r`` that decide its office's status on a day, and its id (read by
#: :func:`candidates`). The store's as-of indexes hold them, so they are read without the report rows.
#: (The report date decides whether a report is known by a day, in SQL: :func:`known_clause`.)
STATUS_COLUMNS = "r.office_id, r.status, r.effective, r.id"


def effective_day(status: OfficeStatus, date: DateValue | None, reported: dt.date | None) -> dt.date | None:
    """The day a reported status takes effect (rule in the module docstring).

    >>> effective_day(OfficeStatus.CLOSED, DateValue.day(2024, 6, 30), dt.date(2024, 5, 2))
    datetime.date(2024, 6, 30)
    >>> effective_day(OfficeStatus.PLANNED, DateValue.year(2025), dt.date(2024, 5, 2))
    datetime.date(2024, 5, 2)
    >>> effective_day(OfficeStatus.OPENED, None, None) is None
    True
    """
    if status not in PLAN_STATUSES and date is not None and date.start is not None:
        return date.start
    return reported


@attrs.frozen
class Resolution:
    """The report in force on a day, the status it gives then, and a change announced for later."""

    event: StatusEvent
    status: OfficeStatus
    upcoming: StatusEvent | None


def _order(event: StatusEvent) -> tuple[str, int, str, int]:
    precision = event.date.precision.value if event.date is not None and event.date.resolved else ""
    return (
        event.effective.isoformat() if event.effective else "",
        _PRECISION_RANK.get(precision, -1),
        event.reported.isoformat() if event.reported else "",
        event.article_id or 0,
    )


def sort_history(events: Iterable[StatusEvent]) -> tuple[StatusEvent, ...]:
    """Events in the order they take effect, undated first."""
    return tuple(sorted(events, key=_order))


def resolve(history: Sequence[StatusEvent], day: dt.date | None) -> Resolution | None:
    """The status in force on ``day`` (None: after every report) from a history in effect order;
    None when nothing is known by then."""
    if not history:
        return None
    if day is None:
        return Resolution(history[-1], history[-1].status, None)
    applied = None
    upcoming = None
    for e in history:
        if e.effective is None or e.effective <= day:
            applied = e
        elif upcoming is None and e.reported is not None and e.reported <= day:
            upcoming = e
    if applied is not None:
        return Resolution(applied, applied.status, upcoming)
    if upcoming is not None:  # only announced ahead: planned until it opens, existing until it closes
        before = OfficeStatus.EXISTING if upcoming.status is OfficeStatus.CLOSED else OfficeStatus.PLANNED
        return Resolution(upcoming, before, upcoming)
    return None


@lru_cache(maxsize=_DATES_KEPT)
def _date(precision: str | None, start: str | None, end: str | None, text: str | None) -> DateValue | None:
    """A fact's date from its stored columns (kept: many reports share a month or a year, and a
    DateValue is immutable)."""
    kind = _PRECISION.get(precision or "", DatePrecision.YEAR)
    if start and end:
        return DateValue(dt.date.fromisoformat(start), dt.date.fromisoformat(end), kind, text)
    if text:
        return DateValue.unresolved(text, kind)
    return None


@lru_cache(maxsize=_PLACES_KEPT)
def _place(name: str | None, country: str, geonames_id: int | None, lat: float | None, lon: float | None) -> Place:
    """A place from its stored columns (kept: offices of many companies share a place, and a Place
    is immutable)."""
    return Place(name, country, geonames_id, lat, lon)


def event_from_row(row: Sequence[Any]) -> StatusEvent:
    """A :class:`StatusEvent` from a row of :data:`OFFICE_COLUMNS`."""
    (_, _, _, status, kind, label, effective, reported, precision, d_start, d_end, d_text,
     ev_start, ev_end, ev_text, confidence, background, source, article_id) = row  # fmt: skip
    # positional arguments, in the order of StatusEvent's fields: a country query builds thousands
    # of events, and keyword arguments cost twice as much (tests/test_query_paths.py pins the order)
    return StatusEvent(
        _fromiso(effective) if effective else None,
        _fromiso(reported) if reported else None,
        _STATUS[status],
        _KIND[kind],
        source,
        _date(precision, d_start, d_end, d_text),
        label,
        Evidence(ev_start, ev_end, ev_text) if ev_start is not None else None,
        confidence,
        bool(background),
        article_id,
    )


@attrs.frozen
class OfficeHistory:
    """Everything stored about one office: its company, place and every report in effect order."""

    office_id: int
    company: str
    place: Place
    events: tuple[StatusEvent, ...]


def places_by_key(con: sqlite3.Connection, keys: Collection[str]) -> dict[str, Place]:
    """The stored places of the given keys. A query reads each place once, not once per report:
    the offices of a country are in a few of its cities."""
    rows = con.execute(
        "SELECT key, name, country, geonames_id, latitude, longitude FROM places INDEXED BY places_facts"
        " WHERE key IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(keys)),),
    )
    return {key: _place(name, country, gid, lat, lon) for key, name, country, gid, lat, lon in rows}


def group_histories(
    rows: Iterable[Sequence[Any]], places: Callable[[Collection[str]], Mapping[str, Place]]
) -> list[OfficeHistory]:
    """Report rows (:data:`OFFICE_COLUMNS`) grouped into one history per office; ``places`` gives
    the places of a set of keys (:func:`places_by_key`)."""
    # ``rows`` may be a cursor: no row is kept, and an office's first event is kept alone (most
    # offices have one), so that few objects stay for the garbage collector to go through
    first: dict[int, StatusEvent] = {}
    more: dict[int, list[StatusEvent]] = {}
    company: dict[int, str] = {}
    place_key: dict[int, str] = {}
    for row in rows:
        office_id = row[0]
        if office_id in first:
            if office_id not in more:
                more[office_id] = [first[office_id]]
            more[office_id].append(event_from_row(row))
        else:
            first[office_id] = event_from_row(row)
            company[office_id] = row[1]
            place_key[office_id] = row[2]
    found = places(set(place_key.values())) if place_key else {}
    return [
        OfficeHistory(
            office_id,
            company[office_id],
            found[place_key[office_id]],
            sort_history(more[office_id]) if office_id in more else (event,),
        )
        for office_id, event in first.items()
    ]


def _known(event: StatusEvent, day: dt.date | None, undated: bool) -> bool:
    """Whether a report counts for a query as of ``day``: in effect by then, or announced by then
    for later, or undated (when undated facts are included)."""
    if event.effective is None:
        return undated
    if day is None or event.effective <= day:
        return True
    return event.reported is not None and event.reported <= day


def known_clause(day: dt.date | None, undated: bool) -> tuple[str, list[Any]]:
    """The SQL condition on a report row ``r`` that :func:`_known` applies to its event, with its
    parameters: the store leaves out what a query as of ``day`` would ignore.

    >>> known_clause(dt.date(2024, 6, 1), True)
    ('(r.effective IS NULL OR r.effective <= ? OR r.report_date <= ?)', ['2024-06-01', '2024-06-01'])
    >>> known_clause(None, False)
    ('r.effective IS NOT NULL', [])
    """
    if day is None:
        return ("1 = 1", []) if undated else ("r.effective IS NOT NULL", [])
    dated = "r.effective <= ? OR r.report_date <= ?"
    clause = f"(r.effective IS NULL OR {dated})" if undated else f"({dated})"
    return clause, [day.isoformat(), day.isoformat()]


def candidates(rows: Iterable[Sequence[Any]], day: dt.date | None, wanted: frozenset[OfficeStatus] | None) -> list[int]:
    """The reports (ids, in the order read) of the offices whose status on ``day`` (None: after
    every report) may be one of ``wanted`` (None: any), from :data:`STATUS_COLUMNS` rows of the
    reports a query knows (:func:`known_clause`).

    This is :func:`resolve` on raw rows, so that a query builds reports only for the offices it
    returns. Where reports tie on the day they take effect, every status among them counts (the
    tie is broken when the office is built): an office may be kept that then proves to have
    another status, but none is ever left out.

    ``rows`` may be a cursor: each row is read once and not kept. Per office only strings are kept
    (a set only where statuses tie), so that a country's thousands of rows leave few objects for
    the garbage collector to go through while the query builds its offices.
    """
    today = day.isoformat() if day is not None else None
    # office -> the latest effective day in force (undated: "") and the status given on it (a set
    # of statuses where reports tie on that day)
    applied_day: dict[int, str] = {}
    applied: dict[int, str | set[str]] = {}
    # office -> the earliest effective day announced for later and the status(es) given on it
    ahead_day: dict[int, str] = {}
    ahead: dict[int, str | set[str]] = {}
    offices: list[int] = []
    reports: list[int] = []
    for office, status, effective, report in rows:
        offices.append(office)
        reports.append(report)
        if today is None or effective is None or effective <= today:
            key = effective or ""
            found = applied_day.get(office)
            if found is None or key > found:
                applied_day[office] = key
                applied[office] = status
                continue
            table = applied
        else:
            key = effective
            found = ahead_day.get(office)
            if found is None or key < found:
                ahead_day[office] = key
                ahead[office] = status
                continue
            table = ahead
        if key == found:
            given = table[office]
            if isinstance(given, set):
                given.add(status)
            elif given != status:
                table[office] = {given, status}
    if wanted is None:
        return reports
    values = {s.value for s in wanted}
    chosen = {
        office for office, given in applied.items() if (given & values if isinstance(given, set) else given in values)
    }
    # only announced ahead: planned until it opens, existing until it closes (as in resolve)
    before = {
        s.value: (OfficeStatus.EXISTING if s is OfficeStatus.CLOSED else OfficeStatus.PLANNED).value
        for s in OfficeStatus
    }
    for office, given in ahead.items():
        if office not in applied and any(before[s] in values for s in ([given] if isinstance(given, str) else given)):
            chosen.add(office)
    return [report for office, report in zip(offices, reports, strict=True) if office in chosen]


def records_on(
    histories: Iterable[OfficeHistory],
    day: dt.date | None,
    undated: bool = True,
    wanted: frozenset[OfficeStatus] | None = None,
) -> list[OfficeRecord]:
    """One :class:`OfficeRecord` per office with the status in force on ``day`` (None: after every
    report), sorted by company, country and city; offices with nothing known by then, or (when
    ``wanted`` is given) with another status, are left out."""
    out = []
    filtered = day is not None or not undated
    for h in histories:
        history = h.events
        if filtered:
            if len(history) == 1:  # most offices: skip building a filtered copy
                if not _known(history[0], day, undated):
                    continue
            else:
                history = tuple(e for e in history if _known(e, day, undated))
        if len(history) == 1:  # most offices: resolve one report without building a Resolution
            in_force = history[0]
            upcoming: StatusEvent | None = None
            if day is None or in_force.effective is None or in_force.effective <= day:
                status = in_force.status
            else:  # known, so announced by then for later: existing until it closes, else planned
                closes = in_force.status is OfficeStatus.CLOSED
                status, upcoming = (OfficeStatus.EXISTING if closes else OfficeStatus.PLANNED), in_force
        else:
            found = resolve(history, day)
            if found is None:
                continue
            in_force, status, upcoming = found.event, found.status, found.upcoming
        if wanted is not None and status not in wanted:
            continue
        if len(history) == 1:
            first_seen = last_seen = in_force.reported
            sources: tuple[str, ...] = (in_force.source,) if in_force.source else ()
            label = in_force.label
        else:
            reported = [e.reported for e in history if e.reported is not None]
            first_seen, last_seen = (min(reported), max(reported)) if reported else (None, None)
            sources = tuple(dict.fromkeys(e.source for e in history if e.source))
            label = next((e.label for e in reversed(history) if e.label), None)
        # positional, in the order of OfficeRecord's fields (as in event_from_row)
        out.append(
            OfficeRecord(
                h.company,
                h.place,
                status,
                in_force.kind,
                label,
                in_force.date,
                in_force.effective,
                in_force.reported,
                first_seen,
                last_seen,
                in_force.undated,
                history,
                sources,
                upcoming,
            )
        )
    out.sort(key=lambda r: (r.company.casefold(), r.place.country, r.place.name or ""))
    return out

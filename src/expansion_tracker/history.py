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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from .models import DatePrecision, DateValue, Evidence, OfficeKind, OfficeStatus, Place
from .records import OfficeRecord, StatusEvent

__all__ = ["OFFICE_COLUMNS", "OFFICE_FROM", "PLAN_STATUSES", "Resolution", "build_records", "effective_day", "resolve"]

#: Statuses that say what a company means to do, not what is: they hold from the day reported.
PLAN_STATUSES = frozenset({OfficeStatus.PLANNED, OfficeStatus.CONSIDERED})

# Finer dates rank higher, so that of two reports taking effect the same day the finer one wins.
_PRECISION_RANK = {p.value: i for i, p in enumerate(reversed(list(DatePrecision)))}

#: Columns of one report row, read by :func:`build_records` (the first is the office id).
OFFICE_COLUMNS = """
    o.id, c.name, p.name, p.country, p.geonames_id, p.latitude, p.longitude,
    r.status, r.kind, r.label, r.effective, r.report_date, r.date_precision, r.date_start, r.date_end,
    r.date_text, r.ev_start, r.ev_end, r.ev_text, r.confidence, r.background, a.source, a.id
"""
OFFICE_FROM = """
    FROM offices o
    JOIN companies c ON c.key = o.company_key
    JOIN places p ON p.key = o.place_key
    JOIN reports r ON r.office_id = o.id
    JOIN articles a ON a.id = r.article_id
"""


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


def _date(precision: str | None, start: str | None, end: str | None, text: str | None) -> DateValue | None:
    if start and end:
        return DateValue(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision or "year", text)
    if text:
        return DateValue.unresolved(text, DatePrecision(precision or "year"))
    return None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def event_from_row(row: Sequence[Any]) -> StatusEvent:
    """A :class:`StatusEvent` from a row of :data:`OFFICE_COLUMNS`."""
    (_, _, _, _, _, _, _, status, kind, label, effective, reported, precision, d_start, d_end, d_text,
     ev_start, ev_end, ev_text, confidence, background, source, article_id) = row  # fmt: skip
    return StatusEvent(
        effective=_day(effective),
        reported=_day(reported),
        status=OfficeStatus(status),
        kind=OfficeKind(kind),
        source=source,
        date=_date(precision, d_start, d_end, d_text),
        label=label,
        evidence=Evidence(ev_start, ev_end, ev_text) if ev_start is not None else None,
        confidence=confidence,
        background=bool(background),
        article_id=article_id,
    )


def build_records(rows: Iterable[Sequence[Any]], day: dt.date | None) -> list[OfficeRecord]:
    """Merge report rows into one :class:`OfficeRecord` per office, with the status in force on
    ``day``, sorted by company, country and city. Offices with nothing known by then are left out."""
    grouped: dict[int, list[StatusEvent]] = defaultdict(list)
    heads: dict[int, Sequence[Any]] = {}
    for row in rows:
        grouped[row[0]].append(event_from_row(row))
        heads.setdefault(row[0], row)
    out = []
    for office_id, events in grouped.items():
        history = sort_history(events)
        found = resolve(history, day)
        if found is None:
            continue
        head = heads[office_id]
        in_force = found.event
        reported = [e.reported for e in history if e.reported is not None]
        out.append(
            OfficeRecord(
                company=head[1],
                place=Place(head[2], head[3], head[4], head[5], head[6]),
                status=found.status,
                kind=in_force.kind,
                label=next((e.label for e in reversed(history) if e.label), None),
                date=in_force.date,
                effective=in_force.effective,
                reported=in_force.reported,
                first_seen=min(reported) if reported else None,
                last_seen=max(reported) if reported else None,
                undated=in_force.undated,
                history=history,
                sources=tuple(dict.fromkeys(e.source for e in history if e.source)),
                upcoming=found.upcoming,
            )
        )
    out.sort(key=lambda r: (r.company.casefold(), r.place.country, r.place.name or ""))
    return out

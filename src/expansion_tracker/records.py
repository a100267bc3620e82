"""The records a :class:`~expansion_tracker.collection.Collection` answers with: frozen attrs
classes, JSON-ready through :func:`record_to_dict`."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Literal

import attrs

from .models import DateValue, Evidence, OfficeKind, OfficeStatus, Place

__all__ = [
    "AddResult",
    "AnnouncementRecord",
    "CompanyPresence",
    "CompanyRecord",
    "Count",
    "FileResult",
    "LeaderRecord",
    "OfficeChange",
    "OfficeRecord",
    "PersonRecord",
    "ReparseResult",
    "RoleRecord",
    "StatusEvent",
    "TimelineEvent",
    "date_to_dict",
    "record_to_dict",
]


@attrs.frozen
class AddResult:
    """What :meth:`Collection.add` did with one announcement."""

    status: Literal["added", "duplicate"]
    source: str | None
    article_id: int
    offices: int = 0
    reason: str | None = None

    @property
    def added(self) -> bool:
        return self.status == "added"


@attrs.frozen
class StatusEvent:
    """One article's report about an office: the status it gives, the day that status takes
    effect, the day it was reported, the office's own date as the text gave it, and where it was read.

    ``effective`` is the fact's own date (its first day) for an opening, an existing office or a
    closure, else the publication date; a plan or a consideration takes effect when reported (its
    own date is the day planned, kept in ``date``). None: the article is undated and so is the fact.
    """

    effective: dt.date | None
    reported: dt.date | None
    status: OfficeStatus
    kind: OfficeKind
    source: str | None
    date: DateValue | None = None
    label: str | None = None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)
    confidence: float = attrs.field(default=1.0, eq=False)
    background: bool = False
    article_id: int | None = attrs.field(default=None, eq=False)

    @property
    def undated(self) -> bool:
        """Neither the fact nor its article has a date: it is placed before every dated report."""
        return self.effective is None

    @property
    def announced_ahead(self) -> bool:
        """An opening or closure reported before the day it takes effect ("will close on 30 June")."""
        return self.effective is not None and self.reported is not None and self.effective > self.reported


@attrs.frozen
class OfficeRecord:
    """A company's office at one place, merged across articles, with the status in force now (or
    on the day asked).

    ``date`` is the own date of the report in force exactly as its text gave it (None when the text
    gave none: it is never filled in from the publication date); ``effective`` is the day that
    status took effect and ``reported`` the day it was published. ``undated`` marks a status that
    rests on undated reports only. ``upcoming`` is a change announced for a later day than the one
    asked (a closure on 30 June, asked on 1 June), not yet in force.
    """

    company: str
    place: Place
    status: OfficeStatus
    kind: OfficeKind
    label: str | None
    date: DateValue | None
    effective: dt.date | None
    reported: dt.date | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    undated: bool
    history: tuple[StatusEvent, ...] = attrs.field(repr=False)
    sources: tuple[str, ...] = attrs.field(repr=False)
    upcoming: StatusEvent | None = attrs.field(default=None, repr=False)

    @property
    def conflicts(self) -> tuple[StatusEvent, ...]:
        """Reports taking effect on the same day as the one in force that give another status."""
        in_force = [e for e in self.history if e.status is self.status and e.effective == self.effective]
        if not in_force:
            return ()
        day = in_force[-1].effective
        return tuple(e for e in self.history if e.effective == day and e.status is not self.status)


@attrs.frozen
class CompanyPresence:
    """A company and its offices in the place asked about."""

    company: str
    offices: tuple[OfficeRecord, ...]


@attrs.frozen
class RoleRecord:
    """A role as one article states it."""

    title: str
    organization: str | None
    current: bool
    source: str | None
    published: dt.date | None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)
    confidence: float = attrs.field(default=1.0, eq=False)


@attrs.frozen
class PersonRecord:
    """A person and their roles at a company, across articles."""

    name: str
    roles: tuple[RoleRecord, ...]
    sources: tuple[str, ...] = attrs.field(repr=False)


@attrs.frozen
class LeaderRecord:
    """A person who leads an office, with the role that says so."""

    name: str
    title: str
    place: Place
    current: bool
    source: str | None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class TimelineEvent:
    """One step in a company's story, placed on the day it takes effect (undated steps first);
    ``change`` is "new", "changed" or "confirmed"."""

    effective: dt.date | None
    company: str
    place: Place
    status: OfficeStatus
    kind: OfficeKind
    change: Literal["new", "changed", "confirmed"]
    source: str | None
    date: DateValue | None = None
    reported: dt.date | None = None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def undated(self) -> bool:
        return self.effective is None


@attrs.frozen
class OfficeChange:
    """An office whose status differs between two dates (``None``: not known yet)."""

    company: str
    place: Place
    before: OfficeStatus | None
    after: OfficeStatus | None
    events: tuple[StatusEvent, ...] = attrs.field(repr=False)


@attrs.frozen
class AnnouncementRecord:
    """A stored article: where it came from, when, about whom, and how many office facts."""

    article_id: int
    source: str | None
    published: dt.date | None
    language: str | None
    company: str | None
    headline: str | None
    offices: int


@attrs.frozen
class CompanyRecord:
    """A company in a store: its display name, every spelling, and how much the store knows of it."""

    name: str
    aliases: tuple[str, ...]
    offices: int
    articles: int


@attrs.frozen
class ReparseResult:
    """What :meth:`Collection.reparse` did with one stored article: "reparsed", "skipped" (no
    text kept and no readable source file with the same text) or "failed" (the parser raised)."""

    article_id: int
    source: str | None
    status: Literal["reparsed", "skipped", "failed"]
    offices_before: int
    offices_after: int
    reason: str | None = None


@attrs.frozen
class Count:
    """One bar of a dashboard: a key (country code, month) and its count."""

    key: str
    count: int


def _jsonable(_inst: Any, _field: Any, value: Any) -> Any:
    if isinstance(value, DateValue):
        return date_to_dict(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return float(value)
    return value


def date_to_dict(date: DateValue) -> dict[str, Any]:
    """A fact's date for JSON: ``label`` as the text gave it ("2025-Q1"), its precision, first and
    last day, and the words it was read from."""
    return {
        "label": date.label,
        "precision": date.precision.value,
        "start": date.start.isoformat() if date.start else None,
        "end": date.end.isoformat() if date.end else None,
        "text": date.text,
    }


def record_to_dict(record: Any) -> dict[str, Any]:
    """A JSON-compatible dict of any query record (dates as ISO strings, a fact's date as
    :func:`date_to_dict`, enums as values); an office's flags (``undated``) are included."""
    out: dict[str, Any] = _plain(record)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, DateValue):
        return date_to_dict(value)
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return _jsonable(None, None, value)


@attrs.frozen
class FileResult:
    """The outcome of one file in :meth:`Collection.add_files`."""

    source: str
    status: Literal["added", "duplicate", "failed"]
    reason: str | None = None

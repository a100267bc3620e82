"""Typed records: what an article says about companies, their offices, people and money.

All records are frozen attrs classes with validators. They are built by the parsers (or by
``from_dict``), never by parsing inside ``__init__``. ``to_dict`` gives the JSON-compatible form
documented in the README, and ``from_dict(to_dict(x)) == x`` holds for every record.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from .errors import ModelError

__all__ = [
    "Announcement",
    "Company",
    "DatePrecision",
    "DateValue",
    "Evidence",
    "Money",
    "Office",
    "OfficeKind",
    "OfficeStatus",
    "Person",
    "Place",
    "Role",
]

_ALPHA2 = re.compile(r"^[A-Z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_E = TypeVar("_E", bound=enum.Enum)


class OfficeStatus(str, enum.Enum):
    """Where an office is in its life, as the article tells it."""

    PLANNED = "planned"
    OPENED = "opened"
    EXISTING = "existing"
    CONSIDERED = "considered"
    CLOSED = "closed"


class OfficeKind(str, enum.Enum):
    """What an office is for the company, apart from its lifecycle."""

    HEADQUARTERS = "headquarters"
    REGIONAL_HEADQUARTERS = "regional_headquarters"
    OFFICE = "office"


class DatePrecision(str, enum.Enum):
    """How exactly a date is known: articles say "in 2025", "in Q3", "by the end of the year"."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    RANGE = "range"


def _enum(kind: type[_E], value: object) -> _E:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in kind)
        raise ModelError(f"{kind.__name__} must be one of {allowed}, got {value!r}") from None


def _to_status(value: object) -> OfficeStatus:
    return _enum(OfficeStatus, value)


def _to_kind(value: object) -> OfficeKind:
    return _enum(OfficeKind, value)


def _to_precision(value: object) -> DatePrecision:
    return _enum(DatePrecision, value)


def _tuple_of(kind: type) -> Any:
    return attrs.validators.deep_iterable(attrs.validators.instance_of(kind), attrs.validators.instance_of(tuple))


def _check_alpha2(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _ALPHA2.match(value):
        raise ModelError(f"{attribute.name} must be an ISO 3166-1 alpha-2 code, got {value!r}")


def _check_confidence(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ModelError(f"{attribute.name} must be within [0, 1], got {value!r}")


def _nonempty(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ModelError(f"{attribute.name} must not be empty")


@attrs.frozen
class Evidence:
    """The stretch of the caller's text a fact was read from: ``text == article[start:end]``."""

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field()
    text: str

    @end.validator
    def _end_after_start(self, attribute: attrs.Attribute[Any], value: int) -> None:
        if value < self.start:
            raise ModelError(f"evidence end {value} is before start {self.start}")

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))


def _evidence_or_none(data: Any) -> Evidence | None:
    return Evidence.from_dict(data) if data else None


@attrs.frozen
class Place:
    """A city (``name`` set) or a whole country (``name`` None), with GeoNames facts where known.

    >>> Place("Singapore", "SG", geonames_id=1880252).label
    'Singapore, SG'
    >>> Place(None, "PL").is_country
    True
    """

    name: str | None
    country: str = attrs.field(validator=_check_alpha2)
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def is_country(self) -> bool:
        return self.name is None

    @property
    def key(self) -> str:
        """A language-independent identity: the GeoNames id, else country and folded name."""
        if self.geonames_id is not None and self.name is not None:
            return f"geonames:{self.geonames_id}"
        return f"{self.country}:{(self.name or '').casefold()}"

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}" if self.name else self.country

    def to_dict(self) -> dict[str, Any]:
        return {
            "city": self.name,
            "country": self.country,
            "geonames_id": self.geonames_id,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Place:
        lat, lon = data.get("latitude"), data.get("longitude")
        gid = data.get("geonames_id")
        return cls(
            name=data.get("city"),
            country=str(data["country"]),
            geonames_id=int(gid) if gid is not None else None,
            latitude=float(lat) if lat is not None else None,
            longitude=float(lon) if lon is not None else None,
        )


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@attrs.frozen
class DateValue:
    """A date known to some precision: the first and last day it may mean, and the text it came from.

    An expression that could not be resolved (a relative date with no publication date) keeps
    its text with ``start`` and ``end`` None.

    >>> DateValue.month(2024, 12).iso
    '2024-12'
    >>> DateValue.quarter(2025, 3).end
    datetime.date(2025, 9, 30)
    >>> DateValue.unresolved("Ende dieses Jahres").iso is None
    True
    """

    start: dt.date | None
    end: dt.date | None
    precision: DatePrecision = attrs.field(converter=_to_precision)
    text: str | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ModelError("a date needs both start and end, or neither")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ModelError(f"date range ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def day(cls, year: int, month: int, day: int, text: str | None = None) -> DateValue:
        d = dt.date(year, month, day)
        return cls(d, d, DatePrecision.DAY, text)

    @classmethod
    def month(cls, year: int, month: int, text: str | None = None) -> DateValue:
        return cls(dt.date(year, month, 1), dt.date(year, month, _last_day(year, month)), DatePrecision.MONTH, text)

    @classmethod
    def quarter(cls, year: int, quarter: int, text: str | None = None) -> DateValue:
        if not 1 <= quarter <= 4:
            raise ModelError(f"quarter must be 1..4, got {quarter}")
        first = 3 * quarter - 2
        return cls(
            dt.date(year, first, 1),
            dt.date(year, first + 2, _last_day(year, first + 2)),
            DatePrecision.QUARTER,
            text,
        )

    @classmethod
    def half(cls, year: int, half: int, text: str | None = None) -> DateValue:
        if half not in (1, 2):
            raise ModelError(f"half must be 1 or 2, got {half}")
        first = 1 if half == 1 else 7
        return cls(
            dt.date(year, first, 1),
            dt.date(year, first + 5, _last_day(year, first + 5)),
            DatePrecision.HALF,
            text,
        )

    @classmethod
    def year(cls, year: int, text: str | None = None) -> DateValue:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR, text)

    @classmethod
    def unresolved(cls, text: str, precision: DatePrecision = DatePrecision.YEAR) -> DateValue:
        return cls(None, None, precision, text)

    @property
    def resolved(self) -> bool:
        return self.start is not None

    @property
    def iso(self) -> str | None:
        """ "YYYY-MM-DD", "YYYY-MM" or "YYYY" (quarters and halves give their year), or None."""
        if self.start is None:
            return None
        if self.precision is DatePrecision.DAY:
            return self.start.isoformat()
        if self.precision is DatePrecision.MONTH:
            return self.start.isoformat()[:7]
        return str(self.start.year)

    @property
    def label(self) -> str | None:
        """The date as exactly as the text gave it: "2024-06-03", "2024-06", "2025-Q1", "2025-H2",
        "2015", or an ISO 8601 interval "start/end" for any other span (a week, a season, a
        range); None when unresolved. Unlike :attr:`iso`, a quarter is not widened to its year.

        >>> [DateValue.quarter(2025, 1).label, DateValue.half(2024, 2).label, DateValue.year(2015).label]
        ['2025-Q1', '2024-H2', '2015']
        >>> DateValue(dt.date(2025, 4, 1), dt.date(2025, 9, 30), "half").label
        '2025-04-01/2025-09-30'
        """
        start, end = self.start, self.end
        if start is None or end is None:
            return None
        shaped = {
            DatePrecision.DAY: (start.isoformat(), DateValue.day(start.year, start.month, start.day)),
            DatePrecision.MONTH: (start.isoformat()[:7], DateValue.month(start.year, start.month)),
            DatePrecision.QUARTER: (
                f"{start.year}-Q{(start.month + 2) // 3}",
                DateValue.quarter(start.year, (start.month + 2) // 3),
            ),
            DatePrecision.HALF: (
                f"{start.year}-H{1 if start.month <= 6 else 2}",
                DateValue.half(start.year, 1 if start.month <= 6 else 2),
            ),
            DatePrecision.YEAR: (str(start.year), DateValue.year(start.year)),
        }.get(self.precision)
        if shaped is not None and shaped[1] == self:
            return shaped[0]
        return f"{start.isoformat()}/{end.isoformat()}"

    def contains(self, day: dt.date) -> bool:
        return self.start is not None and self.end is not None and self.start <= day <= self.end

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.iso,
            "date_precision": self.precision.value,
            "date_range": [self.start.isoformat(), self.end.isoformat()] if self.start and self.end else None,
            "date_text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DateValue | None:
        """Read the ``date*`` keys of an office dict; None when it carries no date."""
        rng = data.get("date_range")
        text = data.get("date_text")
        precision = data.get("date_precision") or DatePrecision.YEAR
        if rng:
            return cls(dt.date.fromisoformat(rng[0]), dt.date.fromisoformat(rng[1]), precision, text)
        iso = data.get("date")
        if iso:
            return _from_iso(str(iso), text)
        if text:
            return cls(None, None, precision, text)
        return None


def _from_iso(iso: str, text: str | None = None) -> DateValue:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return DateValue.day(parts[0], parts[1], parts[2], text)
    if len(parts) == 2:
        return DateValue.month(parts[0], parts[1], text)
    return DateValue.year(parts[0], text)


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ModelError("money amount must be a number, not bool")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ModelError(f"money amount must be a number, got {value!r}") from None


@attrs.frozen
class Money:
    """An amount in an ISO 4217 currency: ``Money(Decimal("6.6e9"), "USD")``."""

    amount: Decimal = attrs.field(converter=_to_decimal)
    currency: str = attrs.field()
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)

    @currency.validator
    def _iso_currency(self, attribute: attrs.Attribute[Any], value: str) -> None:
        if not _CURRENCY.match(value):
            raise ModelError(f"currency must be an ISO 4217 code, got {value!r}")

    def to_dict(self) -> dict[str, Any]:
        amount: int | float = int(self.amount) if self.amount == self.amount.to_integral_value() else float(self.amount)
        return {
            "amount": amount,
            "currency": self.currency,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Money:
        return cls(data["amount"], str(data["currency"]), _evidence_or_none(data.get("evidence")))


@attrs.frozen
class Role:
    """A title a person holds (or held) at an organization: "former CRO of Asana"."""

    title: str = attrs.field(validator=_nonempty)
    organization: str | None = None
    current: bool = True
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)
    confidence: float = attrs.field(default=1.0, eq=False, validator=_check_confidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "organization": self.organization,
            "current": self.current,
            "confidence": self.confidence,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Role:
        return cls(
            title=str(data["title"]),
            organization=data.get("organization"),
            current=bool(data.get("current", True)),
            evidence=_evidence_or_none(data.get("evidence")),
            confidence=float(data.get("confidence", 1.0)),
        )


@attrs.frozen
class Person:
    """A named person and the roles the article gives them."""

    name: str = attrs.field(validator=_nonempty)
    roles: tuple[Role, ...] = attrs.field(default=(), validator=_tuple_of(Role))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "roles": [r.to_dict() for r in self.roles]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Person:
        return cls(name=str(data["name"]), roles=tuple(Role.from_dict(r) for r in data.get("roles", ())))


@attrs.frozen
class Company:
    """A company by the name the article uses, with other spellings seen for it."""

    name: str = attrs.field(validator=_nonempty)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_tuple_of(str))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": list(self.aliases)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Company:
        return cls(name=str(data["name"]), aliases=tuple(data.get("aliases", ())))


@attrs.frozen
class Office:
    """One company at one place, with its lifecycle status, its kind and where the article says so.

    ``background`` marks a fact stated in passing about a company other than the article's subject
    ("London, longtime base of DeepMind").
    """

    company: str = attrs.field(validator=_nonempty)
    place: Place
    status: OfficeStatus = attrs.field(converter=_to_status)
    kind: OfficeKind = attrs.field(default=OfficeKind.OFFICE, converter=_to_kind)
    label: str | None = None
    date: DateValue | None = None
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)
    confidence: float = attrs.field(default=1.0, eq=False, validator=_check_confidence)
    background: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "company": self.company,
            "city": self.place.name,
            "country": self.place.country,
            "geonames_id": self.place.geonames_id,
            "latitude": self.place.latitude,
            "longitude": self.place.longitude,
            "status": self.status.value,
            "kind": self.kind.value,
            "label": self.label,
        }
        if self.date is not None:
            out.update(self.date.to_dict())
        else:
            out.update({"date": None, "date_precision": None, "date_range": None, "date_text": None})
        out["confidence"] = self.confidence
        out["background"] = self.background
        out["evidence"] = self.evidence.to_dict() if self.evidence else None
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Office:
        return cls(
            company=str(data["company"]),
            place=Place.from_dict(data),
            status=data["status"],
            kind=data.get("kind") or OfficeKind.OFFICE,
            label=data.get("label"),
            date=DateValue.from_dict(data),
            evidence=_evidence_or_none(data.get("evidence")),
            confidence=float(data.get("confidence", 1.0)),
            background=bool(data.get("background", False)),
        )


def _date_or_none(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


@attrs.frozen
class Announcement:
    """Everything one article says: its language, date, subject company, offices, people and money.

    An empty or whitespace-only article gives an Announcement with no facts (``is_empty``). ``funding``
    holds each amount once, with the evidence of its first mention.
    """

    language: str | None = None
    published: dt.date | None = None
    company: Company | None = None
    offices: tuple[Office, ...] = attrs.field(default=(), validator=_tuple_of(Office))
    people: tuple[Person, ...] = attrs.field(default=(), validator=_tuple_of(Person))
    organizations: tuple[str, ...] = attrs.field(default=(), validator=_tuple_of(str))
    funding: tuple[Money, ...] = attrs.field(default=(), validator=_tuple_of(Money))
    source: str | None = None
    headline: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.company or self.offices or self.people or self.organizations or self.funding)

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "headline": self.headline,
            "company": self.company.to_dict() if self.company else None,
            "offices": [o.to_dict() for o in self.offices],
            "people": [p.to_dict() for p in self.people],
            "organizations": list(self.organizations),
            "funding": [m.to_dict() for m in self.funding],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Announcement:
        """Rebuild an Announcement from its ``to_dict`` form; a malformed dict raises ModelError."""
        try:
            company = data.get("company")
            return cls(
                language=data.get("language"),
                published=_date_or_none(data.get("published")),
                company=Company.from_dict(company) if company else None,
                offices=tuple(Office.from_dict(o) for o in _seq(data, "offices")),
                people=tuple(Person.from_dict(p) for p in _seq(data, "people")),
                organizations=tuple(str(o) for o in _seq(data, "organizations")),
                funding=tuple(Money.from_dict(m) for m in _seq(data, "funding")),
                source=data.get("source"),
                headline=data.get("headline"),
            )
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"not an Announcement dict: {type(exc).__name__}: {exc}") from exc


def _seq(data: Mapping[str, Any], key: str) -> Sequence[Any]:
    value = data.get(key) or ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ModelError(f"{key} must be a list, got {type(value).__name__}")
    return value

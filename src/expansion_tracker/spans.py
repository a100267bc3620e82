"""Mentions: what the finders of each stage report, as spans of the clean text.

Finders (places, dates, money, organizations, people) know nothing of offices; the framing stage
(:mod:`expansion_tracker.offices`) combines their mentions. Offsets are into
:attr:`expansion_tracker.text.Document.text`; the parse step maps them back to the caller's text.
"""

from __future__ import annotations

import attrs

from .models import DateValue, Money, Place

__all__ = ["DateMention", "MoneyMention", "OrgMention", "PersonMention", "PlaceMention", "RoleMention"]


@attrs.frozen
class PlaceMention:
    """A place named in the text. ``derived`` marks an adjective or demonym form ("Londoner Büro",
    "sede milanese"); ``confidence`` falls for ambiguous names resolved by population alone."""

    start: int
    end: int
    text: str
    place: Place
    derived: bool = False
    confidence: float = 1.0

    @property
    def is_country(self) -> bool:
        return self.place.is_country


@attrs.frozen
class DateMention:
    """A date expression and its value (resolved against the publication date where relative)."""

    start: int
    end: int
    text: str
    value: DateValue


@attrs.frozen
class MoneyMention:
    """An amount of money; ``funding`` is True when the clause says it is raised, invested or granted."""

    start: int
    end: int
    text: str
    money: Money
    funding: bool = False


@attrs.frozen
class OrgMention:
    """An organization named in the text, with ``name`` its canonical form ("OpenAI's" -> "OpenAI")."""

    start: int
    end: int
    text: str
    name: str


@attrs.frozen
class RoleMention:
    """One role of one person: "Oliver Jay, der ehemalige CRO von Asana"."""

    start: int
    end: int
    title: str
    organization: str | None
    current: bool = True
    confidence: float = 1.0


@attrs.frozen
class PersonMention:
    """A person's full name as first given (``start``/``end`` of that mention) and all their roles."""

    start: int
    end: int
    name: str
    roles: tuple[RoleMention, ...] = ()

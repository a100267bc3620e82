"""Office facts: a place, a cue and a company in one clause make an office with a status and kind."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .languages import LanguageData
from .models import DateValue, OfficeKind, OfficeStatus, Place
from .spans import DateMention, OrgMention, PlaceMention
from .text import Sentence

__all__ = ["OfficeFact", "find_offices"]


@attrs.frozen
class OfficeFact:
    """An office read from one clause, with spans into the clean text."""

    company: str
    place: Place
    status: OfficeStatus
    kind: OfficeKind
    start: int
    end: int
    label: str | None = None
    date: DateValue | None = None
    confidence: float = 1.0
    background: bool = False


def find_offices(
    text: str,
    lang: LanguageData,
    sentences: Sequence[Sentence],
    places: Sequence[PlaceMention],
    dates: Sequence[DateMention],
    orgs: Sequence[OrgMention],
    subject: str | None,
) -> list[OfficeFact]:
    """Office facts, one per company and place (skeleton: none yet)."""
    return []

"""Parsing many articles: in order, one result per input, a failure never stops the batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import attrs

from .errors import ExpansionTrackerError
from .io import DEFAULT_MAX_BYTES, read_article
from .models import Announcement
from .parse import parse_article

__all__ = ["ParseResult", "parse_many"]


@attrs.frozen
class ParseResult:
    """The outcome for one input: an announcement, or the error that stopped it."""

    source: str
    announcement: Announcement | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_many(
    items: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[ParseResult]:
    """Parse paths (``Path`` objects are files) or texts (``str``), keeping input order."""
    results: list[ParseResult] = []
    for i, item in enumerate(items):
        source = str(item) if isinstance(item, Path) else f"<text {i}>"
        try:
            text = read_article(item, max_bytes=max_bytes) if isinstance(item, Path) else item
            ann = parse_article(text, published=published, language=language, source=source)
        except ExpansionTrackerError as exc:
            results.append(ParseResult(source, None, str(exc)))
        else:
            results.append(ParseResult(source, ann, None))
    return results

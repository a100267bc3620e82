"""Dates: the publication date line, and absolute or relative date expressions with their precision."""

from __future__ import annotations

import datetime as dt

from .languages import LanguageData
from .spans import DateMention

__all__ = ["find_dates", "find_publication_date"]


def find_publication_date(text: str, lang: LanguageData) -> dt.date | None:
    """The date line at the top of an article, if it has one (skeleton: none yet)."""
    return None


def find_dates(text: str, lang: LanguageData, published: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``; relative ones resolved against ``published`` (skeleton)."""
    return []

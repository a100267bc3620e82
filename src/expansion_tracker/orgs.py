"""Organizations named in the text, and the company the article is about."""

from __future__ import annotations

from collections.abc import Sequence

from .languages import LanguageData
from .spans import OrgMention, PlaceMention
from .text import Sentence

__all__ = ["find_organizations", "find_subject"]


def find_organizations(
    text: str, lang: LanguageData, sentences: Sequence[Sentence], places: Sequence[PlaceMention]
) -> list[OrgMention]:
    """Organizations named in ``text`` (skeleton: none yet)."""
    return []


def find_subject(
    text: str, lang: LanguageData, sentences: Sequence[Sentence], orgs: Sequence[OrgMention]
) -> str | None:
    """The company the article is about (skeleton: the first organization named)."""
    return orgs[0].name if orgs else None

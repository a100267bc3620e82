"""People named with a title, and their roles (current or former, and at which organization)."""

from __future__ import annotations

from collections.abc import Sequence

from .languages import LanguageData
from .spans import OrgMention, PersonMention
from .text import Sentence

__all__ = ["find_people"]


def find_people(
    text: str,
    lang: LanguageData,
    sentences: Sequence[Sentence],
    orgs: Sequence[OrgMention],
    subject: str | None,
) -> list[PersonMention]:
    """People with their roles (skeleton: none yet)."""
    return []

"""Amounts of money in local number formats, with scale words and currencies."""

from __future__ import annotations

from .languages import LanguageData
from .spans import MoneyMention

__all__ = ["find_money"]


def find_money(text: str, lang: LanguageData) -> list[MoneyMention]:
    """Every amount of money in ``text`` (skeleton: none yet)."""
    return []

"""Place mentions: cities and countries named in the text, resolved to GeoNames places."""

from __future__ import annotations

from .languages import LanguageData
from .spans import PlaceMention

__all__ = ["find_places"]


def find_places(text: str, lang: LanguageData, *, country_bias: str | None = None) -> list[PlaceMention]:
    """Every place named in ``text``, sorted by position, without overlaps (skeleton: none yet)."""
    return []

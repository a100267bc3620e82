"""Places as people write them, for the filters of a collection's queries.

A city, country or region asked for is read through the one gazetteer
(:func:`~expansion_tracker.gazetteer.get_gazetteer`): a city by any name GeoNames or a language's
``places.json`` knows ("München", "Lisboa"), a country by ISO code or its name in any supported
language, with the short forms the language data lists ("UK", "USA", "Deutschland"). A name
nobody knows raises :class:`~expansion_tracker.errors.UnknownPlaceError` with close matches.

>>> sorted(city_keys("München"))
['geonames:2867714']
>>> country_code("Deutschland"), country_code("uk"), country_code("Royaume-Uni"), country_code("pt")
('DE', 'GB', 'GB', 'PT')
>>> country_code("Germny")
Traceback (most recent call last):
...
expansion_tracker.errors.UnknownPlaceError: unknown country 'Germny'; did you mean Germany?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache

from .errors import UnknownPlaceError
from .gazetteer import City, fold_name, get_gazetteer
from .languages import supported_languages
from .models import Place

__all__ = ["CONTINENTS", "city_keys", "continent_code", "country_code", "names_place"]

#: GeoNames continent codes by English name; regions are continents.
CONTINENTS = {
    "africa": "AF",
    "antarctica": "AN",
    "asia": "AS",
    "europe": "EU",
    "north america": "NA",
    "oceania": "OC",
    "australia": "OC",
    "south america": "SA",
}
# How many close matches an unknown name suggests, and how close they must be (difflib ratio).
_SUGGESTIONS = 3
_CLOSENESS = 0.75
# An alternate name counts beside a main-name city only for a city this many times larger
# ("Rom" is a village's name and Rome's German one), as the gazetteer's own choice does.
_ALTERNATE_FACTOR = 10
# The longest place name, in words, looked for inside a title ("Rio de Janeiro", "Frankfurt am Main").
_MAX_NAME_WORDS = 4
# Country names this long or shorter ("US", "UK", "VS") are taken only when written in capitals.
_SHORT_FORM = 3
_WORDS = re.compile(r"[^\W_]+")


def _cities(name: str) -> list[City]:
    main, alt = get_gazetteer().city_candidates(fold_name(name))
    biggest = max((c.population for c in main), default=0)
    return [*main, *(c for c in alt if not main or c.population >= _ALTERNATE_FACTOR * biggest)]


def city_keys(name: str) -> frozenset[str]:
    """The :attr:`Place.key` of every city the name may mean (empty when the gazetteer has none)."""
    return frozenset(f"geonames:{c.geonames_id}" for c in _cities(name))


def unknown_city(name: str) -> UnknownPlaceError:
    """The error for a city name neither the gazetteer nor the store knows, with close matches."""
    gaz = get_gazetteer()
    close = difflib.get_close_matches(fold_name(name), list(gaz.city_keys()), _SUGGESTIONS, _CLOSENESS)
    names = dict.fromkeys(gaz.cities_named(k)[0].name for k in close if gaz.cities_named(k))
    return UnknownPlaceError("city", name, tuple(names))


@cache
def _country_names() -> dict[str, str]:
    """Folded country name -> ISO code, in every supported language (English first, so that a
    clash goes to the later language as the gazetteer does for one language)."""
    gaz = get_gazetteer()
    names: dict[str, str] = {}
    for lang in ("en", *(code for code in supported_languages() if code != "en")):
        for key, code in gaz.country_names(lang).items():
            names.setdefault(key, code)
    return names


def country_code(name: str) -> str:
    """The ISO alpha-2 code of a country given by code or by name in any supported language."""
    text = name.strip()
    gaz = get_gazetteer()
    if len(text) == 2 and gaz.country(text) is not None:
        return text.upper()
    code = _country_names().get(fold_name(text))
    if code is not None:
        return code
    close = difflib.get_close_matches(fold_name(text), list(_country_names()), _SUGGESTIONS, _CLOSENESS)
    suggestions = dict.fromkeys(gaz.countries[_country_names()[k]].name for k in close)
    raise UnknownPlaceError("country", name, tuple(suggestions))


def continent_code(region: str) -> str:
    """A continent code from a code ("EU") or an English name ("Europe")."""
    text = region.strip()
    if text.upper() in CONTINENTS.values():
        return text.upper()
    found = CONTINENTS.get(fold_name(text))
    if found is None:
        close = difflib.get_close_matches(fold_name(text), list(CONTINENTS), _SUGGESTIONS, _CLOSENESS)
        raise UnknownPlaceError("region", region, tuple(c.title() for c in close))
    return found


def _phrases(text: str) -> Iterable[str]:
    words = _WORDS.findall(text)
    for i in range(len(words)):
        for n in range(1, _MAX_NAME_WORDS + 1):
            if i + n <= len(words):
                yield " ".join(words[i : i + n])


def names_place(text: str, place: Place) -> bool:
    """Whether ``text`` (a title, an organization) names the place: its city by any spelling the
    gazetteer knows, or, for any place, its country in any supported language.

    >>> lisbon = Place("Lisbon", "PT", 2267057)
    >>> names_place("head of the Lisboa office", lisbon), names_place("country manager for Portugal", lisbon)
    (True, True)
    >>> names_place("chief executive", lisbon)
    False
    """
    gaz = get_gazetteer()
    countries = _country_names()
    for phrase in _phrases(text):
        key = fold_name(phrase)
        # a short form counts in capitals only: "US" is a country, "us" a word
        if countries.get(key) == place.country and (len(key) > _SHORT_FORM or phrase.isupper()):
            return True
        if place.geonames_id is not None:
            main, alt = gaz.city_candidates(key)
            if any(c.geonames_id == place.geonames_id for c in (*main, *alt)):
                return True
        elif place.name is not None and key == fold_name(place.name):
            return True
    return False

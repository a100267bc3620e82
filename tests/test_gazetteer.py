"""The gazetteer: folding, city and country lookups, the shipped table and a small fixture table."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expansion_tracker.gazetteer import Gazetteer, fold_name, get_gazetteer


@pytest.fixture(scope="module")
def tiny() -> Gazetteer:
    return Gazetteer.from_rows(
        [
            (1, "Cambridge", "GB", "ENG", 52.2, 0.1, 145_000, ["Caergrawnt"]),
            (2, "Cambridge", "US", "MA", 42.4, -71.1, 110_000, []),
            (3, "Munich", "DE", "02", 48.1, 11.6, 1_500_000, ["München", "Monaco di Baviera"]),
            (4, "Münchenbuch", "DE", "02", 48.0, 11.0, 20_000, []),
        ],
        [
            ("GB", "United Kingdom", "EU", 2635167, 244_820, 66_000_000),
            ("US", "United States", "NA", 6252001, 9.6e6, 0),
        ],
        [("MA", "Massachusetts")],
    )


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Zürich", "zurich"),
        ("ST. LOUIS", "st louis"),
        ("Frankfurt-am-Main", "frankfurt am main"),
        ("Straße", "strasse"),
    ],
)
def test_fold_name(name: str, folded: str) -> None:
    assert fold_name(name) == folded


def _slow_fold(name: str) -> str:
    """fold_name by its definition, without the shortcuts for ASCII."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", stripped).strip()


@settings(max_examples=500, deadline=None, database=None)
@given(st.text(st.characters(codec="ascii") | st.characters(max_codepoint=0x2FF) | st.characters(), max_size=12))
def test_fold_name_shortcuts_change_nothing(name: str) -> None:
    assert fold_name.__wrapped__(name) == _slow_fold(name)


@pytest.mark.parametrize(
    "name", ["Zürich", "Ærøskøbing", "Besançon", "İzmir", "Łódź", "Ｔｏｋｙｏ", "Αθήνα", "a\u034fb"]
)
def test_fold_name_shortcuts_on_accents(name: str) -> None:
    assert fold_name.__wrapped__(name) == _slow_fold(name)


def test_latin_marks_are_the_combining_characters_of_their_block() -> None:
    from expansion_tracker.gazetteer import _LATIN_MARKS

    for cp in range(0x300, 0x370):
        assert bool(_LATIN_MARKS.fullmatch(chr(cp))) == bool(unicodedata.combining(chr(cp))), hex(cp)


def test_tiny_lookups(tiny: Gazetteer) -> None:
    assert tiny.city("München") is not None
    assert tiny.city("münchen").name == "Munich"  # type: ignore[union-attr]
    assert tiny.city("Cambridge").country == "GB"  # type: ignore[union-attr]
    assert tiny.city("Cambridge", "US").geonames_id == 2  # type: ignore[union-attr]
    assert tiny.city("Cambridge", "FR") is None
    assert [c.country for c in tiny.cities_named("Cambridge")] == ["GB", "US"]
    assert tiny.state_code("Massachusetts") == "MA"
    assert tiny.state_code("ma") == "MA"
    assert tiny.country("us").name == "United States"  # type: ignore[union-attr]


def test_country_place_has_no_name_and_the_country_id(tiny: Gazetteer) -> None:
    place = tiny.country_place("GB")
    assert (place.name, place.country, place.geonames_id) == (None, "GB", 2635167)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Brüssel", ("Brussels", "BE")),
        ("Bruxelles", ("Brussels", "BE")),
        ("Den Haag", ("The Hague", "NL")),
        ("Frankfurt", ("Frankfurt am Main", "DE")),
        ("Frankfurt am Main", ("Frankfurt am Main", "DE")),
        ("New York", ("New York City", "US")),
        ("Montreal", ("Montréal", "CA")),
        ("Zurich", ("Zürich", "CH")),
        ("Milano", ("Milan", "IT")),
        ("Tokio", ("Tokyo", "JP")),
        ("Napoli", ("Naples", "IT")),
        ("Torino", ("Turin", "IT")),
        ("Dublín", ("Dublin", "IE")),
        ("Singapur", ("Singapore", "SG")),
        ("St. Louis", ("St. Louis", "US")),
    ],
)
def test_shipped_city_names(name: str, expected: tuple[str, str]) -> None:
    place = get_gazetteer().city(name)
    assert place is not None
    assert (place.name, place.country) == expected
    assert place.geonames_id is not None and place.latitude is not None and place.longitude is not None


@pytest.mark.parametrize(
    ("lang", "name", "code"),
    [
        ("en", "the Netherlands", "NL"),
        ("en", "USA", "US"),
        ("de", "Niederlande", "NL"),
        ("de", "Vereinigte Staaten", "US"),
        ("fr", "Allemagne", "DE"),
        ("es", "Reino Unido", "GB"),
        ("it", "Stati Uniti", "US"),
        ("nl", "Verenigde Staten", "US"),
        ("nl", "VS", "US"),
    ],
)
def test_country_names_per_language(lang: str, name: str, code: str) -> None:
    assert get_gazetteer().country_code(name, lang) == code


def test_regions_are_not_countries() -> None:
    gaz = get_gazetteer()
    assert gaz.country_code("Europe", "en") is None
    assert gaz.country_code("European Union", "en") is None


def test_country_facts() -> None:
    facts = get_gazetteer().country("DE")
    assert facts is not None
    assert (facts.name, facts.continent, facts.geonames_id) == ("Germany", "EU", 2921044)

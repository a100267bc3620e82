"""Place mentions: names in six languages, derived forms, disambiguation, common-word guards."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FLOORS, load_gold_docs
from expansion_tracker.errors import ArticleTypeError, ParameterError
from expansion_tracker.gazetteer import Gazetteer, city_reference, fold_name, get_gazetteer
from expansion_tracker.languages import load_language, supported_languages
from expansion_tracker.places import _gap_is_list, _lexicon, _Match, _Tokens, find_places
from expansion_tracker.text import normalize


def _found(text: str, lang: str = "en", **kw: Any) -> list[tuple[str, str | None, str, bool]]:
    return [(m.text, m.place.name, m.place.country, m.derived) for m in find_places(text, load_language(lang), **kw)]


CASES = [
    # (language, text, [(surface, GeoNames name or None, country), ...])
    (
        "en",
        "Offices in New York, San Francisco and Los Angeles.",
        [
            ("New York", "New York City", "US"),
            ("San Francisco", "San Francisco", "US"),
            ("Los Angeles", "Los Angeles", "US"),
        ],
    ),
    (
        "en",
        "It has hubs in Tel Aviv and St. Louis.",
        [("Tel Aviv", "Tel Aviv", "IL"), ("St. Louis", "St. Louis", "US")],
    ),
    ("en", "The firm expands into the Netherlands and the USA.", [("Netherlands", None, "NL"), ("USA", None, "US")]),
    ("en", "A new site in Cambridge, Massachusetts.", [("Cambridge", "Cambridge", "US")]),
    ("en", "A new site in Cambridge, England.", [("Cambridge", "Cambridge", "GB")]),
    (
        "en",
        "Jobs in Columbus, Ohio and Nashville, Tenn. and Newark, N.J.",
        [("Columbus", "Columbus", "US"), ("Nashville", "Nashville", "US"), ("Newark", "Newark", "US")],
    ),
    ("en", "Offices in Paris, Texas.", [("Paris", "Paris", "US")]),
    ("en", "Offices in Paris.", [("Paris", "Paris", "FR")]),
    ("en", "Its US staff moved to Birmingham.", [("US", None, "US"), ("Birmingham", "Birmingham", "US")]),
    (
        "de",
        "Neue Büros in München, Frankfurt am Main und Zürich.",
        [("München", "Munich", "DE"), ("Frankfurt am Main", "Frankfurt am Main", "DE"), ("Zürich", "Zürich", "CH")],
    ),
    (
        "de",
        "Standorte in Brüssel, Den Haag und Tokio.",
        [("Brüssel", "Brussels", "BE"), ("Den Haag", "The Hague", "NL"), ("Tokio", "Tokyo", "JP")],
    ),
    (
        "de",
        "Das Unternehmen expandiert in die Niederlande und nach Österreich.",
        [("Niederlande", None, "NL"), ("Österreich", None, "AT")],
    ),
    (
        "de",
        "Niederlassungen in Frankfurt, Dublin und Luxemburg.",
        [("Frankfurt", "Frankfurt am Main", "DE"), ("Dublin", "Dublin", "IE"), ("Luxemburg", "Luxembourg", "LU")],
    ),
    ("de", "Die Bank zieht nach Luxemburg.", [("Luxemburg", None, "LU")]),
    (
        "fr",
        "Des bureaux à Bruxelles et à Genève, en Allemagne.",
        [("Bruxelles", "Brussels", "BE"), ("Genève", "Geneva", "CH"), ("Allemagne", None, "DE")],
    ),
    (
        "es",
        "Abrirá oficinas en Dublín, El Cairo y Reino Unido.",
        [("Dublín", "Dublin", "IE"), ("El Cairo", "Cairo", "EG"), ("Reino Unido", None, "GB")],
    ),
    (
        "it",
        "Uffici a Milano, Napoli e Torino, e negli Stati Uniti.",
        [("Milano", "Milan", "IT"), ("Napoli", "Naples", "IT"), ("Torino", "Turin", "IT"), ("Stati Uniti", None, "US")],
    ),
    (
        "nl",
        "Kantoren in Den Haag, Eindhoven en de Verenigde Staten.",
        [("Den Haag", "The Hague", "NL"), ("Eindhoven", "Eindhoven", "NL"), ("Verenigde Staten", None, "US")],
    ),
    ("nl", "Ook in de VS.", [("VS", None, "US")]),
    ("en", "Singapore is its Asian hub.", [("Singapore", "Singapore", "SG")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{c[1][:30]}" for c in CASES])
def test_names(lang: str, text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert [f[:3] for f in _found(text, lang)] == expected


DERIVED = [
    ("de", "Das Londoner Büro wächst.", "Londoner", "London"),
    ("de", "Der Münchner Standort bleibt.", "Münchner", "Munich"),
    ("de", "Aus Ulmer Sicht ist das gut.", "Ulmer", "Ulm"),
    ("de", "Die Frankfurter Tochter wächst.", "Frankfurter", "Frankfurt am Main"),
    ("de", "Das Zürcher Team.", "Zürcher", "Zürich"),
    ("de", "Die Singapurer:innen arbeiten.", "Singapurer", "Singapore"),
    ("it", "La nuova sede milanese apre.", "milanese", "Milan"),
    ("it", "Il centro torinese cresce.", "torinese", "Turin"),
    ("it", "Il polo partenopeo cresce.", "partenopeo", "Naples"),
    ("fr", "Le siège parisien ferme.", "parisien", "Paris"),
    ("fr", "Les collaborateurs lyonnais.", "lyonnais", "Lyon"),
    ("es", "El nuevo espacio barcelonés.", "barcelonés", "Barcelona"),
    ("nl", "De Rotterdamse vestiging.", "Rotterdamse", "Rotterdam"),
    ("nl", "Het Maastrichtse kantoor.", "Maastrichtse", "Maastricht"),
    ("nl", "Aan de Amsterdamse Zuidas.", "Amsterdamse", "Amsterdam"),
    # a city of several words: the words before the derived one are part of it
    ("nl", "Zo tekende de New Yorkse burgemeester.", "New Yorkse", "New York City"),
    ("de", "Die New Yorker Börse schloss höher.", "New Yorker", "New York City"),
]


@pytest.mark.parametrize(("lang", "text", "surface", "city"), DERIVED, ids=[d[2] for d in DERIVED])
def test_derived_forms(lang: str, text: str, surface: str, city: str) -> None:
    found = _found(text, lang)
    assert (surface, city) in [(f[0], f[1]) for f in found]
    assert all(f[3] for f in found if f[0] == surface)


GUARDED = [
    ("en", "March was a good month for the company."),
    ("en", "Reading the report, analysts saw growth."),
    ("en", "Nice results, said the CEO."),
    ("en", "The Mobile World Capital event opened."),
    ("en", "Split the difference. Bath time. Sale ends soon."),
    ("en", "Orange Business and Police Scotland signed."),
    ("en", "Marco Rossi, the CEO, and Van Morrison met at the Bar."),
    ("en", "The AI unit hired IT staff and a new CEO."),
    ("en", "Best practice is to Die trying."),
    ("de", "Mit dem Konzern hat die Firma Partner."),
    ("de", "Die Anbieter sind im Norden stark."),
    ("es", "Una empresa de Madrid."),
    ("it", "Il sindaco Giuseppe Sala ha parlato a Palazzo Marino."),
    ("nl", "Het beste bedrijf van Nederland."),
]


@pytest.mark.parametrize(("lang", "text"), GUARDED, ids=[g[1][:25] for g in GUARDED])
def test_common_words_are_not_places(lang: str, text: str) -> None:
    bad = {
        "march",
        "reading",
        "nice",
        "mobile",
        "split",
        "bath",
        "sale",
        "orange",
        "police",
        "marco",
        "van",
        "bar",
        "ai",
        "it",
        "ceo",
        "best",
        "die",
        "mit",
        "konzern",
        "anbieter",
        "norden",
        "una",
        "sala",
        "marino",
    }
    assert [f for f in _found(text, lang) if fold_name(f[0]) in bad] == []


def test_common_word_place_counts_in_place_context() -> None:
    assert ("Reading", "Reading", "GB") in [f[:3] for f in _found("The firm opened an office in Reading.")]
    assert ("Nice", "Nice", "FR") in [f[:3] for f in _found("Offices in Paris, Nice and Lyon.")]
    assert ("Best", "Best", "NL") in [f[:3] for f in _found("Een vestiging in Best.", "nl")]


def test_offsets_point_at_the_surface_text() -> None:
    text = normalize("Büros in \u201eMünchen\u201c und in Den\u00a0Haag; U.S. office").text
    for m in find_places(text, load_language("de")):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in find_places(text, load_language("de"))] == ["München", "Den Haag", "U.S."]


def test_sorted_and_not_overlapping() -> None:
    found = find_places("Frankfurt am Main, New York City und Sao Paulo", load_language("de"))
    assert [m.text for m in found] == ["Frankfurt am Main", "New York City", "Sao Paulo"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_country_bias_and_confidence() -> None:
    plain = find_places("Offices in Cambridge.", load_language("en"))
    biased = find_places("Offices in Cambridge.", load_language("en"), country_bias="us")
    assert plain[0].place.country == "GB" and plain[0].confidence < 0.8
    assert biased[0].place.country == "US"
    assert find_places("Offices in Cambridge, Massachusetts.", load_language("en"))[0].confidence == 1.0


def test_context_country_decides() -> None:
    found = _found("The German bank opened in Frankfurt. Germany welcomed it.", "en")
    assert found[0][:3] == ("Frankfurt", "Frankfurt am Main", "DE")


def test_bad_arguments() -> None:
    with pytest.raises(ArticleTypeError):
        find_places(b"Berlin", load_language("de"))  # type: ignore[arg-type]
    with pytest.raises(ParameterError):
        find_places("Berlin", load_language("de"), country_bias="Germany")
    assert find_places("", load_language("de")) == []


def test_small_fixture_gazetteer() -> None:
    gaz = Gazetteer.from_rows(
        [(1, "Ulm", "DE", "01", 48.4, 10.0, 120_000, ["Ulma"]), (2, "Ulm", "US", "MT", 47.4, -111.5, 15_000, [])],
        [("DE", "Germany", "EU", 2921044, 357_000, 83_000_000), ("US", "United States", "NA", 6252001, 9.6e6, 0)],
        [("MT", "Montana")],
    )
    found = find_places("Werke in Ulm und Ulm, Montana.", load_language("de"), gazetteer=gaz)
    assert [(m.place.geonames_id, m.place.country) for m in found] == [(1, "DE"), (2, "US")]


@pytest.mark.parametrize("code", supported_languages())
def test_demonyms_resolve(code: str) -> None:
    gaz = get_gazetteer()
    for form, ref in load_language(code).get("places", "demonyms", {}).items():
        name, _, cc = ref.rpartition(",")
        assert gaz.cities_named(name.strip(), cc.strip()), f"{code}: {form} -> {ref} is not in the gazetteer"


def test_gold_office_places_are_found_measure() -> None:
    """Of the gold offices of every annotated article, the share whose city (or, for a country-only
    office, country) is among the place mentions stays at or above its floor (tests/floors.json): a
    place that is never a mention can never become an office."""
    found_n = total = 0
    for doc in load_gold_docs():
        found = find_places(normalize(doc["text"]).text, load_language(doc["lang"]))
        cities = {(m.place.name, m.place.country) for m in found}
        countries = {m.place.country for m in found}
        for o in doc["gold"]["offices"]:
            total += 1
            found_n += o["country"] in countries and (not o["city"] or (o["city"], o["country"]) in cities)
    assert total > 0
    assert found_n / total >= FLOORS["gold_place_recall"]["floor"], (found_n, total)


@pytest.mark.parametrize("code", supported_languages())
def test_country_and_region_codes_exist(code: str) -> None:
    gaz = get_gazetteer()
    data = load_language(code)
    assert set(data.get("places", "country_names", {}).values()) <= set(gaz.countries)
    assert set(data.get("places", "home_countries")) <= set(gaz.countries)
    for region in data.get("places", "region_names", {}).values():
        cc, _, admin1 = region.partition("-")
        assert cc == "US" and admin1 in gaz.states, region


def test_language_home_countries_break_ties() -> None:
    assert _found("Abrirá una oficina en Valencia.", "es")[0][:3] == ("Valencia", "Valencia", "ES")


def test_small_towns_abroad_need_a_place_context() -> None:
    """A town under 100,000 in a country the article does not point to is dropped as a likely word,
    unless it is a name of several words after a place preposition or in a list of places."""
    fr, de = load_language("fr"), load_language("de")
    found = find_places("Elle dispose de bureaux à Londres et à Palo Alto.", fr)
    assert [(p.text, p.place.country) for p in found] == [("Londres", "GB"), ("Palo Alto", "US")]
    found = find_places("Büros in Berlin und Mountain View.", de)
    assert [p.text for p in found] == ["Berlin", "Mountain View"]
    assert find_places("Le Palo Alto Networks rachète une société.", fr) == []


def test_a_county_is_not_its_namesake_city_and_a_district_is_its_city() -> None:
    en = load_language("en")
    assert [p.text for p in find_places("Bids came from Montgomery County, Md., and from Denver.", en)] == ["Denver"]
    de = load_language("de")
    found = find_places("Die Agentur hat eine Niederlassung in Berlin-Mitte bezogen.", de)
    assert [(p.text, p.place.name) for p in found] == [("Berlin-Mitte", "Berlin")]


@pytest.mark.parametrize("text", ["  L'Aquila, São Paulo_x 12e\n", "Le Havre — Rouen", "", "_", "a"])
def test_tokens_are_the_word_runs_with_their_offsets(text: str) -> None:
    toks = _Tokens(text)
    assert toks.words == re.findall(r"[^\W_]+", text)
    assert "".join(g + w for g, w in zip(toks.gaps, [*toks.words, ""], strict=True)) == text
    spans = [m.span() for m in re.finditer(r"[^\W_]+", text)]
    assert [toks.span(j, j) for j in range(len(spans))] == spans
    assert [toks.span(j, j) for j in reversed(range(len(spans)))] == spans[::-1]
    if spans:
        assert toks.span(0, len(spans) - 1) == (spans[0][0], spans[-1][1])


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(
        st.sampled_from(
            ["and", "und", "y", "Et", ",", ";", "/", " ", "\u00a0", "\n", "é", "ǆ", "ͺ", "½", "x1", "-", "_"]
        ),
        max_size=6,
    )
)
def test_the_list_gap_shortcut_changes_nothing(pieces: list[str]) -> None:
    lex = _lexicon("en", get_gazetteer())
    gap = "".join(pieces)
    text = f"Paris{gap}Lyon"
    left, right = _Match(0, 0, 0, 5, "paris"), _Match(1, 1, 5 + len(gap), len(text), "lyon")
    stripped = gap.strip()
    words = fold_name(stripped).split()
    slow = stripped in (",", ";", "/") or (
        len(words) == 1 and words[0] in lex.list_words and (stripped[:1].isalpha() or stripped.startswith(","))
    )
    assert _gap_is_list(text, left, right, lex) == slow


def test_every_space_folds_to_a_separator() -> None:
    """What the list-gap shortcut relies on: no white space survives folding as part of a word."""
    spaces = [chr(cp) for cp in range(0x110000) if chr(cp).isspace()]
    assert len(spaces) > 20
    assert all(fold_name(f"a{c}b") == "a b" for c in spaces)


@pytest.mark.parametrize("code", supported_languages())
def test_language_city_names_name_real_cities(code: str) -> None:
    """Each exonym in places.json points at a GeoNames city, and is found as that city."""
    gaz = get_gazetteer()
    for name, target in load_language(code).get("places", "city_names", {}).items():
        city, country = city_reference(target)
        assert gaz.cities_named(city, country), target
        found = find_places(f"{name}.", load_language(code))
        assert [(p.text, p.place.name, p.place.country) for p in found] == [(name, city, country)]


@pytest.mark.parametrize(
    ("code", "text", "city"),
    [
        ("en", "It grows in Latin America, Central Europe, the Middle East and South East Asia from London.", "London"),
        ("de", "Wachstum in Lateinamerika, Mitteleuropa, im Nahen Osten und in Südostasien, von Berlin aus.", "Berlin"),
        ("fr", "Il vise l'Amérique latine, l'Afrique de l'Ouest et le Moyen-Orient depuis Paris.", "Paris"),
        ("es", "Crece en América Latina, el Sudeste Asiático y Oriente Medio; abre en Madrid.", "Madrid"),
        ("it", "Cresce in America Latina, Medio Oriente e Nord Africa; apre a Milano.", "Milano"),
        ("nl", "Groei in Latijns-Amerika, Centraal-Europa en het Midden-Oosten vanuit Utrecht.", "Utrecht"),
    ],
)
def test_a_region_of_the_world_names_no_country_or_city_inside_it(code: str, text: str, city: str) -> None:
    """ "Latin America" is no "America" (the United States), "América Latina" no Latina (a city in Spain):
    a region of several words is read whole, as a region, and only the city of the sentence is a place."""
    assert [p.text for p in find_places(text, load_language(code))] == [city]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Georgia-Pacific's hardboard plant in Duluth will stop production.", ["Duluth"]),
        ("Acme opens an office in Georgia; India-Pacific Holdings opens one in Perth.", ["Georgia", "Perth"]),
        # a city's district stays the city
        ("Acme opens an office in Berlin-Mitte.", ["Berlin-Mitte"]),
    ],
)
def test_a_country_or_state_in_a_compound_name_is_not_that_place(text: str, found: list[str]) -> None:
    """ "Georgia-Pacific" names a company: the country (or US state) glued to a capitalized word is no place."""
    assert [p.text for p in find_places(text, load_language("en"))] == found


def test_a_country_in_a_compound_title_is_the_titles_scope() -> None:
    """ "Schweiz-Chef": where every noun is capitalized, a country glued to a title is the title's scope,
    not an organization, though the compound is read as no place."""
    from expansion_tracker import parse_article

    text = "Die UBS schließt 44 Filialen in der Schweiz, sagte Schweiz-Chef Axel Lehmann."
    roles = {p.name: [(r.title, r.organization) for r in p.roles] for p in parse_article(text, language="de").people}
    assert roles["Axel Lehmann"] == [("schweiz-chef", "UBS")]
